"""Article alignment on the corpus: accuracy against known ground truth, real version pairs,
and the time of an aligned diff of the 民法典 against diff-match-patch on the whole text.

Run: ``uv run python -m benchmarks.align`` (add ``--quick`` to skip the whole-text baseline).

1. Synthetic versions: every corpus text with at least 15 articles is edited at random
   (inserted articles taken from other laws, deletions, phrase edits, moves, splits, merges),
   renumbered, and its cross-references rewritten to the new numbers; all uids are re-minted,
   so only content can align it. Precision and recall of article links (old → new, including
   "added" and "deleted") are printed beside a baseline pairing with difflib.SequenceMatcher
   over the article sequence, measured in the same run.
2. The 18 real version pairs: counts of each change kind, and a check that every article
   whose text is unchanged is paired with its twin.
3. The 民法典 against an edited copy of itself: align + character diff of every changed pair,
   divided by diff-match-patch over the whole text with ``Diff_Timeout = 0``.
"""

from __future__ import annotations

import difflib
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import CORPUS, best_of
from workbench.diff import CHANGE_KINDS, Alignment, align_documents, diff_text
from workbench.diff._dmp import raw_diff
from workbench.diff.normalize import normalize
from workbench.model import Document, Node, UidFactory, articles, full_text, renumber
from workbench.numerals import NumeralError, article_label, from_cn, parse_article_number
from workbench.parse import parse_file

Link = tuple[str | None, str | None]
_REF = re.compile(r"第([零〇一二三四五六七八九十百千]+)条(?!之)")


@dataclass
class _Record:
    """One article of the version being built, with the old articles it comes from."""

    origin: tuple[str, ...]
    paragraphs: list[Node]


@dataclass
class Case:
    """A synthetic version with its ground truth."""

    old: Document
    new: Document
    truth: set[Link]
    ops: Counter[str]


def _edit_text(text: str, rng: random.Random, donor: str) -> str:
    """A few phrase-level edits (insert, delete, replace), at most about a quarter of the text."""
    budget = max(4, len(text) // 4)
    for _ in range(rng.randint(1, 3)):
        if len(text) < 8 or budget <= 0:
            break
        span = min(budget, rng.randint(2, 10))
        at = rng.randrange(0, len(text) - span)
        piece_at = rng.randrange(0, max(1, len(donor) - span))
        piece = donor[piece_at : piece_at + span]
        op = rng.choice(("insert", "delete", "replace"))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + span :]
        else:
            text = text[:at] + piece + text[at + span :]
        budget -= span
    return text


def _edit_article(paragraphs: list[Node], rng: random.Random, donor: str) -> list[Node]:
    k = rng.randrange(len(paragraphs))
    para = paragraphs[k]
    if para.text and (not para.children or rng.random() < 0.5):
        para = para.model_copy(update={"text": _edit_text(para.text, rng, donor)})
    elif para.children:
        items = list(para.children)
        m = rng.randrange(len(items))
        items[m] = items[m].model_copy(update={"text": _edit_text(items[m].text, rng, donor)})
        para = para.model_copy(update={"children": tuple(items)})
    return [*paragraphs[:k], para, *paragraphs[k + 1 :]]


def make_case(old: Document, donors: Sequence[Node], rng: random.Random, rate: float) -> Case:
    """Edit ``old`` at random; ``rate`` is the share of articles touched by each operation."""
    arts = articles(old)
    records = [_Record((a.uid,), list(a.children)) for a in arts]
    ops: Counter[str] = Counter()
    n_ops = max(1, round(len(arts) * rate))
    for _ in range(n_ops):
        for op in ("edit", "edit", "insert", "delete", "move", "split", "merge"):
            if len(records) < 4:
                break
            k = rng.randrange(len(records))
            rec = records[k]
            if op == "edit":
                donor = full_text(rng.choice(donors))
                records[k] = _Record(rec.origin, _edit_article(rec.paragraphs, rng, donor))
            elif op == "insert":
                donor_art = rng.choice(donors)
                records.insert(k, _Record((), list(donor_art.children)))
            elif op == "delete":
                del records[k]
            elif op == "move":
                del records[k]
                far = (k + rng.randint(len(records) // 4, 3 * len(records) // 4)) % len(records)
                records.insert(far, rec)
            elif op == "split":
                if len(rec.paragraphs) < 2 or len(rec.origin) != 1:
                    continue
                cut = rng.randint(1, len(rec.paragraphs) - 1)
                records[k : k + 1] = [
                    _Record(rec.origin, rec.paragraphs[:cut]),
                    _Record(rec.origin, rec.paragraphs[cut:]),
                ]
            elif op == "merge":
                if k + 1 >= len(records) or not rec.origin or not records[k + 1].origin:
                    continue
                nxt = records[k + 1]
                if len(rec.origin) != 1 or len(nxt.origin) != 1:
                    continue
                records[k : k + 2] = [
                    _Record(rec.origin + nxt.origin, rec.paragraphs + nxt.paragraphs)
                ]
            ops[op] += 1
    mint = UidFactory(rng.randrange(1 << 30))
    new_arts = [
        Node(kind="article", uid=mint(), eid="art_1", num="第一条",
             children=tuple(_fresh(p, mint) for p in rec.paragraphs))
        for rec in records
    ]  # fmt: skip
    new = renumber(Document(title=old.title, children=tuple(new_arts)))
    # Cross-references follow the renumbering, as a drafter's tool would rewrite them.
    old_numbers: dict[int, int] = {}
    truth: set[Link] = set()
    seen_old: set[str] = set()
    old_label = {a.uid: a.num or "" for a in arts}
    for rec, art in zip(records, articles(new), strict=True):
        if not rec.origin:
            truth.add((None, art.uid))
        for uid in rec.origin:
            truth.add((uid, art.uid))
            if uid not in seen_old:
                seen_old.add(uid)
                try:
                    before = parse_article_number(old_label[uid])
                    after = parse_article_number(art.num or "")
                except NumeralError:
                    continue
                if before[1] == 0 and after[1] == 0:
                    old_numbers[before[0]] = after[0]
    truth |= {(a.uid, None) for a in arts if a.uid not in seen_old}
    carried = {
        rec_art.uid for rec, rec_art in zip(records, articles(new), strict=True) if rec.origin
    }
    new = new.model_copy(
        update={"children": tuple(_rewrite_refs(a, old_numbers) if a.uid in carried else a
                                  for a in new.children)}
    )  # fmt: skip
    return Case(old, new, truth, ops)


def _fresh(node: Node, mint: UidFactory) -> Node:
    return node.model_copy(
        update={"uid": mint(), "children": tuple(_fresh(c, mint) for c in node.children)}
    )


def _rewrite_refs(node: Node, numbers: dict[int, int]) -> Node:
    def sub(m: re.Match[str]) -> str:
        try:
            n = from_cn(m.group(1))
        except NumeralError:
            return m.group(0)
        return article_label(numbers[n]) if n in numbers else m.group(0)

    return node.model_copy(
        update={
            "text": _REF.sub(sub, node.text),
            "children": tuple(_rewrite_refs(c, numbers) for c in node.children),
        }
    )


def predicted_links(alignment: Alignment) -> set[Link]:
    """Article links of an alignment, added and deleted included."""
    out: set[Link] = set()
    for pair in alignment.articles:
        if not pair.old_uids:
            out |= {(None, n) for n in pair.new_uids}
        elif not pair.new_uids:
            out |= {(o, None) for o in pair.old_uids}
        else:
            out |= {(o, n) for o in pair.old_uids for n in pair.new_uids}
    return out


def baseline_links(old: Document, new: Document) -> set[Link]:
    """Pair articles with difflib.SequenceMatcher over the sequence of article texts."""
    olds, news = articles(old), articles(new)
    a = [normalize(full_text(n)) for n in olds]
    b = [normalize(full_text(n)) for n in news]
    out: set[Link] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            common = min(i2 - i1, j2 - j1)
            out |= {(olds[i1 + k].uid, news[j1 + k].uid) for k in range(common)}
            out |= {(olds[i].uid, None) for i in range(i1 + common, i2)}
            out |= {(None, news[j].uid) for j in range(j1 + common, j2)}
        elif tag == "delete":
            out |= {(olds[i].uid, None) for i in range(i1, i2)}
        else:
            out |= {(None, news[j].uid) for j in range(j1, j2)}
    return out


def _pr(predicted: set[Link], truth: set[Link]) -> tuple[int, int, int]:
    return len(predicted & truth), len(predicted), len(truth)


def _fmt(hits: int, predicted: int, truth: int) -> str:
    return f"precision {hits / predicted:.4f}  recall {hits / truth:.4f}"


def corpus_documents() -> list[Document]:
    paths = sorted((CORPUS / "local").glob("*.md")) + sorted((CORPUS / "versions").glob("*.md"))
    docs = [parse_file(p) for p in paths]
    return [d for d in docs if len(articles(d)) >= 15]


def synthetic(trials: int, rate: float) -> None:
    docs = corpus_documents()
    donors = [a for d in docs for a in articles(d)]
    rng = random.Random(20260101)
    ours = [0, 0, 0]
    base = [0, 0, 0]
    ops: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    elapsed = 0.0
    for doc in docs:
        for _ in range(trials):
            case = make_case(doc, donors, rng, rate)
            ops += case.ops
            start = time.perf_counter()
            alignment = align_documents(case.old, case.new)
            elapsed += time.perf_counter() - start
            kinds.update(p.kind for p in alignment.articles)
            for acc, links in ((ours, predicted_links(alignment)),
                               (base, baseline_links(case.old, case.new))):  # fmt: skip
                for k, v in enumerate(_pr(links, case.truth)):
                    acc[k] += v
    print(f"synthetic versions: {len(docs)} texts × {trials} trials, operations {dict(ops)}")
    print(f"  aligner   {_fmt(*ours)}  ({ours[2]} true links, {elapsed:.2f} s)")
    print(f"  baseline  {_fmt(*base)}  (difflib.SequenceMatcher over articles)")
    print(f"  kinds found {dict(kinds)}")


def version_pairs() -> None:
    groups: defaultdict[str, list[Path]] = defaultdict(list)
    for p in sorted((CORPUS / "versions").glob("*.md")):
        groups[re.sub(r"\(\d{4}-\d\d-\d\d\)\.md$", "", p.name)].append(p)
    total: Counter[str] = Counter()
    twins = missed = 0
    print(f"real version pairs: {len(groups)}")
    for title, paths in groups.items():
        old, new = (parse_file(p) for p in paths)
        alignment = align_documents(old, new)
        summary = alignment.summary()
        total.update(summary)
        news = Counter(normalize(full_text(a)) for a in articles(new))
        by_old = {a.uid: normalize(full_text(a)) for a in articles(old)}
        by_new = {a.uid: normalize(full_text(a)) for a in articles(new)}
        for a in articles(old):
            text = by_old[a.uid]
            if text not in news:
                continue
            twins += 1
            pair = alignment.pair_of_old(a.uid)
            if pair is None or not any(by_new[n] == text for n in pair.new_uids):
                missed += 1
        shown = " ".join(f"{k}={v}" for k, v in summary.items() if v)
        print(f"  {title[:28]:<28} {shown}")
    print(f"  total: {' '.join(f'{k}={total[k]}' for k in CHANGE_KINDS)}")
    print(
        f"  articles unchanged in both versions: {twins}, paired with their twin: {twins - missed}"
    )


def civil_code(skip_baseline: bool) -> None:
    old = parse_file(CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md")
    donors = articles(parse_file(next((CORPUS / "large").glob("中华人民共和国刑法*.md"))))
    case = make_case(old, donors, random.Random(7), 0.01)
    old_text = _whole_text(case.old)
    new_text = _whole_text(case.new)

    def aligned() -> None:
        alignment = align_documents(case.old, case.new)
        for pair in alignment.changed():
            diff_text(pair.old_text, pair.new_text)

    t_aligned = best_of(aligned, repeat=3)
    print(f"民法典 ({len(articles(old))} articles, {len(old_text)} chars) vs an edited copy "
          f"(operations {dict(case.ops)}):")  # fmt: skip
    print(f"  aligned diff (align + character diff of every changed pair): {t_aligned:.3f} s")
    if skip_baseline:
        return
    start = time.perf_counter()
    raw_diff(old_text, new_text, timeout=0)
    t_dmp = time.perf_counter() - start
    print(f"  diff-match-patch on the whole text (Diff_Timeout = 0): {t_dmp:.1f} s")
    print(f"  ratio aligned ÷ whole-text: {t_aligned / t_dmp:.4f}  (target ≤ 0.05)")


def _whole_text(doc: Document) -> str:
    return "\n".join(f"{a.num} {full_text(a)}" for a in articles(doc))


def main() -> None:
    quick = "--quick" in sys.argv
    synthetic(trials=3 if quick else 10, rate=0.04)
    version_pairs()
    civil_code(skip_baseline=quick)


if __name__ == "__main__":
    main()
