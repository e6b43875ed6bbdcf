"""Alignment accuracy on the corpus's 18 real version pairs, against a reviewed ground truth.

Each pair has a file in ``benchmarks/align_truth/`` (one line per entry: old article labels, a
tab, new article labels; ``+`` joins the pieces of a split or merge, ``-`` marks an added or
deleted article). The truth was drawn up by reading both versions: articles that kept most of
their wording were taken as pairs, and every other article was judged by its subject, its place
and the wording it shares (in-place rewrites, splits, merges and moves marked as such; the
上海 备案审查条例 pair follows its published 修改决定). A new article made mainly of a paragraph
that left an old article (the rest of which continues elsewhere) is a piece of a split; an old
article that survives as a paragraph of a new one is part of a merge; a new article modelled on
an old one that stays (the 股份公司 copy of an 有限公司 rule) is added. Where content went both
ways (many to many), the larger flow decides.

Run: ``uv run python -m benchmarks.align_truth`` (the table also prints from ``benchmarks.align``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import CORPUS
from workbench.diff import Alignment, align_documents
from workbench.model import Document, articles
from workbench.parse import parse_file

__all__ = ["TRUTH_DIR", "PairScore", "load_truth", "main", "score_alignment", "version_pairs"]

TRUTH_DIR = Path(__file__).resolve().parent / "align_truth"
"""One ground-truth file per real version pair, named after the law."""

Entry = tuple[tuple[str, ...], tuple[str, ...]]
"""(old article labels, new article labels) of one pair, split or merge; one side may be empty."""

KINDS = ("paired", "added", "deleted", "split", "merged")
"""How the truth's entries are counted: one-to-one pairs (modified, moved, renumbered or
unchanged), added and deleted articles, splits (one → several) and merges (several → one)."""


def entry_kind(entry: Entry) -> str:
    """Which of `KINDS` a truth entry is."""
    old, new = entry
    if not old:
        return "added"
    if not new:
        return "deleted"
    if len(new) > 1:
        return "split"
    if len(old) > 1:
        return "merged"
    return "paired"


def load_truth(path: Path) -> list[Entry]:
    """Read one ground-truth file."""
    out: list[Entry] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        old, new = line.split("\t")
        out.append(
            (
                tuple(old.split("+")) if old != "-" else (),
                tuple(new.split("+")) if new != "-" else (),
            )
        )
    return out


def version_pairs() -> list[tuple[str, Document, Document]]:
    """The real pairs of the corpus: (title, older version, newer version)."""
    groups: defaultdict[str, list[Path]] = defaultdict(list)
    for p in sorted((CORPUS / "versions").glob("*.md")):
        groups[re.sub(r"\(\d{4}-\d\d-\d\d\)\.md$", "", p.name)].append(p)
    out = []
    for title, paths in groups.items():
        old, new = (parse_file(p) for p in sorted(paths))
        out.append((title, old, new))
    return out


def predicted_entries(alignment: Alignment, old: Document, new: Document) -> list[Entry]:
    """The alignment's article pairs as label entries."""
    old_label = {a.uid: a.num or "" for a in articles(old)}
    new_label = {a.uid: a.num or "" for a in articles(new)}
    return [
        (
            tuple(old_label[u] for u in pair.old_uids),
            tuple(new_label[u] for u in pair.new_uids),
        )
        for pair in alignment.articles
    ]


def _links(entries: list[Entry]) -> set[tuple[str | None, str | None]]:
    out: set[tuple[str | None, str | None]] = set()
    for old, new in entries:
        if not old:
            out |= {(None, n) for n in new}
        elif not new:
            out |= {(o, None) for o in old}
        else:
            out |= {(o, n) for o in old for n in new}
    return out


@dataclass
class PairScore:
    """How one alignment compares with the truth of its pair."""

    title: str
    entries: int = 0
    """Entries in the truth."""
    exact: int = 0
    """Truth entries the alignment reproduces exactly (same old and new articles)."""
    link_hits: int = 0
    link_predicted: int = 0
    link_truth: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    """Truth entries of each kind."""
    exact_by_kind: Counter[str] = field(default_factory=Counter)
    """Of those, the ones reproduced exactly."""
    misses: list[tuple[Entry, list[Entry]]] = field(default_factory=list)
    """Truth entries not reproduced, each with the predicted entries that hold its articles."""
    found: Counter[str] = field(default_factory=Counter)
    """The change kinds the alignment reports (unchanged, renumbered, modified, moved …)."""

    @property
    def accuracy(self) -> float:
        """Share of truth entries reproduced exactly."""
        return self.exact / self.entries if self.entries else 1.0

    @property
    def precision(self) -> float:
        """Share of predicted article links (added/deleted included) that are true."""
        return self.link_hits / self.link_predicted if self.link_predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of true article links the alignment finds."""
        return self.link_hits / self.link_truth if self.link_truth else 1.0

    def add(self, other: PairScore) -> None:
        """Accumulate ``other`` into this total."""
        self.entries += other.entries
        self.exact += other.exact
        self.link_hits += other.link_hits
        self.link_predicted += other.link_predicted
        self.link_truth += other.link_truth
        self.by_kind.update(other.by_kind)
        self.exact_by_kind.update(other.exact_by_kind)
        self.found.update(other.found)


def score_alignment(title: str, truth: list[Entry], predicted: list[Entry]) -> PairScore:
    """Compare predicted entries with the truth, entry by entry and link by link."""
    score = PairScore(title, entries=len(truth))
    found = {(frozenset(o), frozenset(n)) for o, n in predicted}
    holder: dict[str, list[Entry]] = defaultdict(list)
    for entry in predicted:
        for label in (*(f"O{x}" for x in entry[0]), *(f"N{x}" for x in entry[1])):
            holder[label].append(entry)
    for entry in truth:
        kind = entry_kind(entry)
        score.by_kind[kind] += 1
        if (frozenset(entry[0]), frozenset(entry[1])) in found:
            score.exact += 1
            score.exact_by_kind[kind] += 1
        else:
            near = [e for x in (*entry[0],) for e in holder[f"O{x}"]]
            near += [e for x in entry[1] for e in holder[f"N{x}"] if e not in near]
            score.misses.append((entry, near))
    truth_links, predicted_links = _links(truth), _links(predicted)
    score.link_hits = len(truth_links & predicted_links)
    score.link_predicted = len(predicted_links)
    score.link_truth = len(truth_links)
    return score


def evaluate() -> tuple[list[PairScore], PairScore]:
    """Align every real pair and score it against its truth."""
    scores: list[PairScore] = []
    total = PairScore("total")
    for title, old, new in version_pairs():
        truth = load_truth(TRUTH_DIR / f"{title}.tsv")
        alignment = align_documents(old, new)
        predicted = predicted_entries(alignment, old, new)
        score = score_alignment(title, truth, predicted)
        score.found.update({k: v for k, v in alignment.summary().items() if v})
        scores.append(score)
        total.add(score)
    return scores, total


def _kinds(score: PairScore) -> str:
    return " ".join(
        f"{k} {score.exact_by_kind[k]}/{score.by_kind[k]}" for k in KINDS if score.by_kind[k]
    )


def print_table(*, misses: bool = False) -> PairScore:
    """Print the per-pair table (entries reproduced, link precision/recall, per kind)."""
    scores, total = evaluate()
    print("real version pairs against the reviewed truth (benchmarks/align_truth/):")
    print(f"  {'pair':<30} {'exact':>9} {'accuracy':>8} {'prec':>6} {'recall':>6}  by kind")
    for s in [*scores, total]:
        print(
            f"  {s.title[:30]:<30} {s.exact:>4}/{s.entries:<4} {s.accuracy:>8.3f} "
            f"{s.precision:>6.3f} {s.recall:>6.3f}  {_kinds(s)}"
        )
        found = " ".join(f"{k}={v}" for k, v in s.found.items())
        print(f"  {'':<30} change kinds found: {found}")
        if misses:
            for entry, near in s.misses:
                print(f"      missed {entry} — found {near}")
    return total


def main() -> None:
    """Print the table; ``--misses`` lists every truth entry not reproduced."""
    import sys

    print_table(misses="--misses" in sys.argv)


if __name__ == "__main__":
    main()
