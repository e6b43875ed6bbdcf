"""Synthetic version pairs with known ground truth, for the alignment benchmark.

Two kinds, measured apart:

* **light** (`make_case`): phrase-level edits, inserted articles taken from other laws,
  deletions, moves, and splits and merges at paragraph boundaries that keep every word;
* **heavy** (`make_heavy_case`): what real revisions do and staff must still read correctly —
  articles rewritten in place keeping only a core of their clauses (将第X条修改为…), splits whose
  second piece is rewritten too (将第X条改为两条), and merges whose second article survives
  only in part (将第X条和第Y条合并); with an inserted and a deleted article around them.

Every version is renumbered and its cross-references follow the new numbers, and all uids are
re-minted, so only content and place can align it. The truth is a list of entries (old uids,
new uids), each tagged with the operation that made it.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.common import CORPUS
from workbench.model import Document, Node, UidFactory, articles, full_text, renumber
from workbench.numerals import NumeralError, article_label, from_cn, parse_article_number
from workbench.parse import parse_file

__all__ = [
    "Case",
    "TruthEntry",
    "corpus_documents",
    "donor_clauses",
    "make_case",
    "make_heavy_case",
]

_REF = re.compile(r"第([零〇一二三四五六七八九十百千]+)条(?!之)")
_CLAUSE = re.compile(r"[^，；。：]+[，；。：]?")


@dataclass(frozen=True)
class TruthEntry:
    """One entry of the truth: the old and new article uids, and the operation behind it."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    op: str
    """kept (untouched or renumbered), edit, rewrite, insert, delete, move, split, merge."""


@dataclass
class _Record:
    """One article of the version being built, with the old articles it comes from."""

    origin: tuple[str, ...]
    paragraphs: list[Node]
    op: str = "kept"


@dataclass
class Case:
    """A synthetic version with its ground truth."""

    old: Document
    new: Document
    truth: list[TruthEntry]
    ops: Counter[str]


def corpus_documents() -> list[Document]:
    """Every local regulation and real version of the corpus with at least 15 articles."""
    paths = sorted((CORPUS / "local").glob("*.md")) + sorted((CORPUS / "versions").glob("*.md"))
    docs = [parse_file(p) for p in paths]
    return [d for d in docs if len(articles(d)) >= 15]


def donor_clauses(donors: Sequence[Node]) -> list[str]:
    """Clauses of other laws' articles, the new wording a rewrite brings in."""
    out: list[str] = []
    for article in donors:
        out.extend(c for c in _CLAUSE.findall(full_text(article).replace("\n", "")) if len(c) > 6)
    return out


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


def _rewrite_text(text: str, rng: random.Random, clauses: Sequence[str], keep: float) -> str:
    """Rewrite ``text`` keeping its first clause and a share ``keep`` of the others, the rest
    replaced by clauses of other laws (about as much new wording as was dropped)."""
    own = _CLAUSE.findall(text)
    if len(own) < 2:
        return text + "".join(rng.sample(list(clauses), 2))
    kept = [own[0]] + [c for c in own[1:] if rng.random() < keep]
    dropped = sum(len(c) for c in own) - sum(len(c) for c in kept)
    while dropped > 0:
        clause = rng.choice(clauses)
        kept.insert(rng.randint(1, len(kept)), clause.rstrip("。") + "，")
        dropped -= len(clause)
    body = "".join(kept).rstrip("，；：")
    return body.rstrip("。") + "。"


def _rewrite_paragraphs(
    paragraphs: list[Node], rng: random.Random, clauses: Sequence[str], keep: float
) -> list[Node]:
    return [
        p.model_copy(update={"text": _rewrite_text(p.text, rng, clauses, keep)}) if p.text else p
        for p in paragraphs
    ]


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
    """Light edits of ``old`` at random; ``rate`` is the share of articles each operation touches."""
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
                records[k] = _Record(rec.origin, _edit_article(rec.paragraphs, rng, donor), "edit")
            elif op == "insert":
                records.insert(k, _Record((), list(rng.choice(donors).children), "insert"))
            elif op == "delete":
                del records[k]
            elif op == "move":
                del records[k]
                far = (k + rng.randint(len(records) // 4, 3 * len(records) // 4)) % len(records)
                records.insert(far, _Record(rec.origin, rec.paragraphs, "move"))
            elif op == "split":
                if len(rec.paragraphs) < 2 or len(rec.origin) != 1:
                    continue
                cut = rng.randint(1, len(rec.paragraphs) - 1)
                records[k : k + 1] = [
                    _Record(rec.origin, rec.paragraphs[:cut], "split"),
                    _Record(rec.origin, rec.paragraphs[cut:], "split"),
                ]
            elif op == "merge":
                if k + 1 >= len(records) or not rec.origin or not records[k + 1].origin:
                    continue
                nxt = records[k + 1]
                if len(rec.origin) != 1 or len(nxt.origin) != 1:
                    continue
                merged = _Record(rec.origin + nxt.origin, rec.paragraphs + nxt.paragraphs, "merge")
                records[k : k + 2] = [merged]
            ops[op] += 1
    return _finish(old, records, rng, ops)


def make_heavy_case(
    old: Document, clauses: Sequence[str], donors: Sequence[Node], rng: random.Random
) -> Case:
    """Heavy operations on ``old``: two in-place rewrites, a split with a rewritten second
    piece and a merge whose second article survives in part, around an inserted and a deleted
    article. No two operations touch the same or neighbouring articles."""
    records = [_Record((a.uid,), list(a.children)) for a in articles(old)]
    taken: set[int] = set()

    def take(width: int, ok: Callable[[_Record], bool] | None = None) -> int | None:
        free = [
            k
            for k in range(1, len(records) - width)
            if not set(range(k - 1, k + width + 1)) & taken and (ok is None or ok(records[k]))
        ]
        if not free:
            return None
        k = rng.choice(free)
        taken.update(range(k, k + width))
        return k

    plan: list[tuple[int, str]] = []
    for _ in range(2):
        k = take(1, lambda r: len(_CLAUSE.findall(full_text_of(r))) >= 3)
        plan += [(k, "rewrite")] if k is not None else []

    def two_paragraphs(r: _Record) -> bool:
        return len(r.paragraphs) >= 2

    for op, width, ok in (
        ("split", 1, two_paragraphs),
        ("merge", 2, None),
        ("delete", 1, None),
        ("insert", 1, None),
    ):
        k = take(width, ok)
        plan += [(k, op)] if k is not None else []
    ops: Counter[str] = Counter()
    for k, op in sorted(plan, reverse=True):  # from the end, so earlier indexes hold
        rec = records[k]
        if op == "rewrite":
            records[k] = _Record(
                rec.origin, _rewrite_paragraphs(rec.paragraphs, rng, clauses, 0.3), op
            )
        elif op == "split":
            cut = rng.randint(1, len(rec.paragraphs) - 1)
            second = _rewrite_paragraphs(rec.paragraphs[cut:], rng, clauses, 0.5)
            records[k : k + 1] = [
                _Record(rec.origin, rec.paragraphs[:cut], op),
                _Record(rec.origin, second, op),
            ]
        elif op == "merge":
            rest = _rewrite_paragraphs(records[k + 1].paragraphs, rng, clauses, 0.5)
            records[k : k + 2] = [
                _Record(rec.origin + records[k + 1].origin, rec.paragraphs + rest, op)
            ]
        elif op == "delete":
            del records[k]
        else:
            records.insert(k, _Record((), list(rng.choice(donors).children), op))
        ops[op] += 1
    return _finish(old, records, rng, ops)


def full_text_of(record: _Record) -> str:
    """The words of a record's paragraphs."""
    return "\n".join(full_text(p) for p in record.paragraphs)


def _finish(old: Document, records: list[_Record], rng: random.Random, ops: Counter[str]) -> Case:
    """Build the new version from ``records``: fresh uids, renumbered, references following."""
    arts = articles(old)
    mint = UidFactory(rng.randrange(1 << 30))
    new_arts = [
        Node(kind="article", uid=mint(), eid="art_1", num="第一条",
             children=tuple(_fresh(p, mint) for p in rec.paragraphs))
        for rec in records
    ]  # fmt: skip
    new = renumber(Document(title=old.title, children=tuple(new_arts)))
    old_label = {a.uid: a.num or "" for a in arts}
    numbers: dict[int, int] = {}
    by_origin: dict[tuple[str, ...], list[str]] = {}
    op_of: dict[tuple[str, ...], str] = {}
    for rec, art in zip(records, articles(new), strict=True):
        if not rec.origin:
            by_origin[("+", art.uid)] = [art.uid]
            op_of[("+", art.uid)] = "insert"
            continue
        by_origin.setdefault(rec.origin, []).append(art.uid)
        op_of[rec.origin] = rec.op
        for uid in rec.origin:
            try:
                before = parse_article_number(old_label[uid])
                after = parse_article_number(art.num or "")
            except NumeralError:
                continue
            if before[1] == 0 and after[1] == 0:
                numbers.setdefault(before[0], after[0])
    truth = [
        TruthEntry(() if origin[0] == "+" else origin, tuple(news), op_of[origin])
        for origin, news in by_origin.items()
    ]
    seen = {u for origin in by_origin if origin[0] != "+" for u in origin}
    truth += [TruthEntry((a.uid,), (), "delete") for a in arts if a.uid not in seen]
    carried = {art.uid for rec, art in zip(records, articles(new), strict=True) if rec.origin}
    new = new.model_copy(
        update={"children": tuple(_rewrite_refs(a, numbers) if a.uid in carried else a
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
