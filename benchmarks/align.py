"""Article alignment: accuracy against known ground truth, and speed against diff-match-patch.

Run: ``uv run python -m benchmarks.align`` (``--quick`` for fewer trials and repeats).

1. **Light edits** (synthetic, `benchmarks.align_cases.make_case`): every corpus text with at
   least 15 articles edited at random (phrase edits, inserted articles from other laws,
   deletions, moves, paragraph-exact splits and merges), renumbered, uids re-minted.
2. **Heavy operations** (synthetic, `make_heavy_case`): in-place rewrites keeping a core of
   the clauses, splits with a rewritten second piece, merges whose second article survives in
   part — measured apart from the light edits, each operation on its own line.
   For both, the share of truth entries the aligner reproduces exactly is printed per
   operation, with precision and recall of article links, beside a baseline that pairs articles
   with difflib.SequenceMatcher over the article sequence (same cases, same run).
3. **Real pairs**: the 18 version pairs of the corpus against their reviewed truth
   (`benchmarks.align_truth`), per pair with its change kinds.
4. **Speed**: the 民法典 against an edited copy. In process: align + character diff of every
   changed pair, against diff-match-patch on the whole text with the library's defaults
   (Diff_Timeout 1 s, line mode on), both the median of the same number of repeats. As the user
   waits: the wall time of ``workbench diff OLD NEW`` (start-up, parse, align, print) against a
   command that reads the two files and runs diff-match-patch with its defaults.
"""

from __future__ import annotations

import difflib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.align_cases import (
    Case,
    TruthEntry,
    corpus_documents,
    donor_clauses,
    make_case,
    make_heavy_case,
)
from benchmarks.align_truth import print_table
from benchmarks.common import CORPUS
from workbench.diff import Alignment, align_documents, diff_text
from workbench.diff._dmp import raw_diff
from workbench.diff.normalize import normalize
from workbench.model import Document, articles, full_text
from workbench.parse import parse_file
from workbench.render import render_markdown

Entries = set[tuple[frozenset[str], frozenset[str]]]


def predicted_entries(alignment: Alignment) -> Entries:
    """The alignment's pairs as (old uids, new uids) entries."""
    return {(frozenset(p.old_uids), frozenset(p.new_uids)) for p in alignment.articles}


def baseline_entries(old: Document, new: Document) -> Entries:
    """Pair articles with difflib.SequenceMatcher over the sequence of article texts."""
    olds, news = articles(old), articles(new)
    a = [normalize(full_text(n)) for n in olds]
    b = [normalize(full_text(n)) for n in news]
    out: Entries = set()
    empty: frozenset[str] = frozenset()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        common = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        out |= {
            (frozenset({olds[i1 + k].uid}), frozenset({news[j1 + k].uid})) for k in range(common)
        }
        out |= {(frozenset({olds[i].uid}), empty) for i in range(i1 + common, i2)}
        out |= {(empty, frozenset({news[j].uid})) for j in range(j1 + common, j2)}
    return out


def _links(entries: Entries) -> set[tuple[str | None, str | None]]:
    out: set[tuple[str | None, str | None]] = set()
    for olds, news in entries:
        if not olds:
            out |= {(None, n) for n in news}
        elif not news:
            out |= {(o, None) for o in olds}
        else:
            out |= {(o, n) for o in olds for n in news}
    return out


class Score:
    """Exact entries per operation, and article-link precision and recall."""

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.exact: Counter[str] = Counter()
        self.hits = self.predicted = self.true = 0

    def add(self, truth: list[TruthEntry], predicted: Entries) -> None:
        for entry in truth:
            self.total[entry.op] += 1
            if (frozenset(entry.old), frozenset(entry.new)) in predicted:
                self.exact[entry.op] += 1
        true_links = _links({(frozenset(e.old), frozenset(e.new)) for e in truth})
        links = _links(predicted)
        self.hits += len(true_links & links)
        self.predicted += len(links)
        self.true += len(true_links)

    def line(self, ops: tuple[str, ...]) -> str:
        parts = [
            f"{op} {self.exact[op] / self.total[op]:.3f} ({self.exact[op]}/{self.total[op]})"
            for op in ops
            if self.total[op]
        ]
        prf = f"precision {self.hits / self.predicted:.4f}  recall {self.hits / self.true:.4f}"
        return f"{prf}  exact: " + "  ".join(parts)


def _run(cases: list[Case], ops: tuple[str, ...], title: str) -> None:
    ours, base = Score(), Score()
    elapsed = 0.0
    for case in cases:
        start = time.perf_counter()
        alignment = align_documents(case.old, case.new)
        elapsed += time.perf_counter() - start
        ours.add(case.truth, predicted_entries(alignment))
        base.add(case.truth, baseline_entries(case.old, case.new))
    done: Counter[str] = Counter()
    for case in cases:
        done.update(case.ops)
    print(f"{title}: {len(cases)} cases, operations {dict(done)}")
    print(f"  aligner   {ours.line(ops)}  ({elapsed:.2f} s)")
    print(f"  baseline  {base.line(ops)}  (difflib.SequenceMatcher over articles)")


def synthetic(trials: int) -> None:
    """Light and heavy synthetic versions of every corpus text, scored per operation."""
    docs = corpus_documents()
    donors = [a for d in docs for a in articles(d)]
    clauses = donor_clauses(donors)
    rng = random.Random(20260101)
    light = [make_case(d, donors, rng, 0.04) for d in docs for _ in range(trials)]
    _run(light, ("kept", "edit", "insert", "delete", "move", "split", "merge"), "light edits")
    heavy = [make_heavy_case(d, clauses, donors, rng) for d in docs for _ in range(trials)]
    _run(heavy, ("kept", "rewrite", "split", "merge", "insert", "delete"), "heavy operations")


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _whole_text(doc: Document) -> str:
    return render_markdown(doc)


def speed(repeat: int) -> None:
    """The 民法典 against an edited copy: in process and as the user waits for the command."""
    old = parse_file(CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md")
    donors = articles(parse_file(next((CORPUS / "large").glob("中华人民共和国刑法*.md"))))
    case = make_case(old, donors, random.Random(7), 0.01)
    old_text, new_text = _whole_text(case.old), _whole_text(case.new)

    def aligned() -> None:
        alignment = align_documents(case.old, case.new)
        for pair in alignment.changed():
            diff_text(pair.old_text, pair.new_text)

    def whole() -> None:
        raw_diff(old_text, new_text, timeout=1.0, checklines=True)  # the library's defaults

    t_aligned = _median(aligned, repeat)
    t_dmp = _median(whole, repeat)
    print(f"民法典 ({len(articles(old))} articles, {len(old_text)} chars) vs an edited copy "
          f"(operations {dict(case.ops)}), median of {repeat} runs each:")  # fmt: skip
    print(f"  in process: aligned diff {t_aligned:.3f} s, diff-match-patch (defaults) "
          f"{t_dmp:.3f} s, ratio {t_aligned / t_dmp:.2f}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.md", Path(tmp) / "new.md"
        a.write_text(old_text, encoding="utf-8")
        b.write_text(new_text, encoding="utf-8")
        ours = [sys.executable, "-m", "workbench", "diff", str(a), str(b)]
        script = (
            "import sys; from diff_match_patch import diff_match_patch as D; "
            "t = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]; "
            "print(len(D().diff_main(t[0], t[1])))"
        )
        theirs = [sys.executable, "-c", script, str(a), str(b)]

        def run(cmd: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(cmd, check=True, capture_output=True)

        w_ours = _median(run(ours), repeat)
        w_dmp = _median(run(theirs), repeat)
    print(f"  as the user waits: `workbench diff OLD NEW` {w_ours:.2f} s, a diff-match-patch "
          f"command (defaults) {w_dmp:.2f} s, ratio {w_ours / w_dmp:.2f}")  # fmt: skip


def main() -> None:
    quick = "--quick" in sys.argv
    synthetic(trials=2 if quick else 5)
    print_table()
    speed(repeat=3 if quick else 5)


if __name__ == "__main__":
    main()
