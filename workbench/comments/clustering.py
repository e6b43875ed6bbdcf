"""Duplicate comments, grouped per clause: exact duplicates by key, near ones through MinHash LSH.

Exact duplicates are the same words once punctuation, spacing, width and case are ignored
(`dup_key`). Near duplicates (the same form letter with small edits) are found without comparing
every pair on a clause. Each distinct text gets a MinHash signature of its character pairs, cut
into bands by one-permutation hashing: the pairs' hashes fall into `BANDS` bins, and a band is
its bin's `ROWS` smallest values. Texts sharing a band are candidates, and only candidates are
compared (rapidfuzz's ratio, from `NEAR_THRESHOLD`). Two texts whose pairs overlap by 84 % (a
25-character letter with two characters dropped) share a band with probability above 0.999;
unrelated texts rarely do. A band shared by many texts is compared along its texts in sorted
order (each with the next `WINDOW`), so no band costs more than linear time.

The work is done on arrays (numpy), a clause at a time (`_candidates`): the clause's texts are
read as one array of code points, the character pairs hashed with a fixed 64-bit mix (the same
bands in every process, whatever the hash seed), the bands and the candidate pairs found by
sorting; pairs whose lengths alone keep them under the threshold are dropped. The candidates of
many clauses are compared in one call (`rapidfuzz.process.cpdist`, on every core). Python
touches each comment once (to normalise it) and each pair that really is a near duplicate once
(to join it).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    _Scalar = TypeVar("_Scalar", bound=np.generic)

__all__ = [
    "BANDS",
    "NEAR_THRESHOLD",
    "ROWS",
    "ClusterCandidate",
    "FoundCluster",
    "cluster_target",
    "cluster_targets",
    "dup_key",
    "find_clusters",
    "normalize_text",
]

NEAR_THRESHOLD = 85.0
"""The rapidfuzz ratio (0-100) from which two normalised opinions count as near duplicates."""

_BIN_BITS = 3
BANDS = 1 << _BIN_BITS
"""LSH bands per signature (8)."""
ROWS = 3
"""MinHash values per band."""
SMALL_BUCKET = 40
"""Texts sharing a band are all compared with each other up to this many."""
WINDOW = 4
"""In a larger band, each text (in sorted order) is compared with the next this many."""

_NON_WORD = re.compile(r"[\W_]+")
"""Everything but letters and digits: punctuation, spacing, symbols, controls."""
_COMMON_WIDE = tuple((chr(c), chr(c - 0xFEE0)) for c in map(ord, "，；：（）！？"))
"""The full-width punctuation of most Chinese text, with what NFKC makes of each (one ASCII
character, a starter, so replacing them first gives the same result as NFKC): once replaced,
most texts are NFKC-normal and the costly normalisation is skipped."""


def normalize_text(text: str) -> str:
    """The opinion without punctuation, spacing, symbols or width and case differences."""
    if not unicodedata.is_normalized("NFKC", text):
        for wide, narrow in _COMMON_WIDE:
            text = text.replace(wide, narrow)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub("", text.lower())


def dup_key(text: str) -> str:
    """A short hash of `normalize_text`: equal keys mean exact duplicates."""
    return hashlib.blake2b(normalize_text(text).encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class ClusterCandidate:
    """What clustering needs to know of a comment."""

    id: int
    """The comment id."""
    target: str
    """Its anchor (node uid, or ``全文``); only comments on the same target are compared."""
    text: str
    """The opinion."""
    key: str = ""
    """Its `dup_key`, when already known."""


@dataclass(frozen=True, slots=True)
class FoundCluster:
    """A group of two or more duplicate comments on one clause."""

    kind: Literal["exact", "near"]
    """exact when all members normalise to the same text, near otherwise."""
    target: str
    """The anchor they share."""
    members: tuple[int, ...]
    """Comment ids, ascending."""


def find_clusters(
    comments: Iterable[ClusterCandidate], *, threshold: float = NEAR_THRESHOLD
) -> list[FoundCluster]:
    """Group duplicate comments per target.

    Args:
        comments: The comments to look at (typically one project's, placed ones).
        threshold: Similarity (0-100) from which normalised texts are near duplicates.

    Returns:
        The clusters with at least two members, ordered by target then first member.
    """
    by_target: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in comments:
        by_target[c.target].append((c.id, c.text))
    found: list[FoundCluster] = []
    for _, clusters in cluster_targets(by_target.items(), threshold=threshold):
        found += clusters
    found.sort(key=lambda c: (c.target, c.members[0]))
    return found


def cluster_target(
    target: str, comments: Sequence[tuple[int, str]], *, threshold: float = NEAR_THRESHOLD
) -> list[FoundCluster]:
    """The duplicate clusters among the comments (id, opinion) on one target."""
    return next(cluster_targets([(target, comments)], threshold=threshold))[1]


def cluster_targets(
    targets: Iterable[tuple[str, Sequence[tuple[int, str]]]],
    *,
    threshold: float = NEAR_THRESHOLD,
    workers: int | None = None,
) -> Iterator[tuple[str, list[FoundCluster]]]:
    """The duplicate clusters of each target, from its comments (id, opinion).

    Targets are read as they come (one clause's comments in memory at a time, plus the
    candidate pairs waiting to be compared); their candidate pairs are compared in batches of
    about `BATCH_PAIRS`, on ``workers`` threads (default: one per CPU).

    Yields:
        (target, its clusters ordered by first member), in the order the targets came.
    """
    batch = _Batch(threshold, workers or os.cpu_count() or 1)
    for target, comments in targets:
        batch.add(_Clause.of(target, comments, threshold))
        if batch.pairs >= BATCH_PAIRS:
            yield from batch.finish()
    yield from batch.finish()


BATCH_PAIRS = 100_000
"""Candidate pairs compared in one call (rapidfuzz copies both texts of each pair: ~50 MB)."""


@dataclass(slots=True)
class _Clause:
    """One target's distinct texts, the comments of each, and its candidate pairs."""

    target: str
    texts: list[str]
    """Distinct normalised opinions."""
    ids: list[list[int]]
    """The comments of each text."""
    first: NDArray[np.int64]
    second: NDArray[np.int64]

    @classmethod
    def of(cls, target: str, comments: Sequence[tuple[int, str]], threshold: float) -> _Clause:
        groups: dict[str, list[int]] = defaultdict(list)
        for cid, text in comments:
            groups[normalize_text(text)].append(cid)
        texts = list(groups)
        first, second = _candidates(texts, threshold)
        return cls(target, texts, list(groups.values()), first, second)

    def clusters(self, near: Iterable[tuple[int, int]]) -> list[FoundCluster]:
        """The clusters: texts joined by the ``near`` pairs, and comments sharing a text."""
        parent: dict[int, int] = {}
        for a, b in near:
            ra, rb = _root(parent, a), _root(parent, b)
            if ra != rb:
                parent[rb] = ra
        joined: dict[int, list[int]] = defaultdict(list)
        for i in parent:
            joined[_root(parent, i)].append(i)
        out = [
            FoundCluster("near", self.target, tuple(sorted(m for i in idxs for m in self.ids[i])))
            for idxs in joined.values()
        ]
        out += [
            FoundCluster("exact", self.target, tuple(sorted(ids)))
            for i, ids in enumerate(self.ids)
            if len(ids) > 1 and i not in parent
        ]
        out.sort(key=lambda c: c.members[0])
        return out


class _Batch:
    """Clauses whose candidate pairs wait to be compared together."""

    def __init__(self, threshold: float, workers: int) -> None:
        self.threshold = threshold
        self.workers = workers
        self.clauses: list[_Clause] = []
        self.pairs = 0

    def add(self, clause: _Clause) -> None:
        self.clauses.append(clause)
        self.pairs += len(clause.first)

    def finish(self) -> Iterator[tuple[str, list[FoundCluster]]]:
        """Compare the waiting pairs in one call; yield each clause's clusters."""
        import numpy as np

        near = self._near() if self.pairs else np.zeros(0, dtype=bool)
        start = 0
        for clause in self.clauses:
            end = start + len(clause.first)
            hits = np.flatnonzero(near[start:end])
            pairs = zip(clause.first[hits].tolist(), clause.second[hits].tolist(), strict=True)
            yield clause.target, clause.clusters(pairs)
            start = end
        self.clauses = []
        self.pairs = 0

    def _near(self) -> NDArray[np.bool_]:
        """Whether each waiting pair (the clauses' pairs one after the other) is near enough."""
        import numpy as np
        from rapidfuzz import fuzz, process

        queries: list[str] = []
        choices: list[str] = []
        for clause in self.clauses:
            pick = clause.texts.__getitem__
            queries += map(pick, clause.first.tolist())
            choices += map(pick, clause.second.tolist())
        scores = process.cpdist(
            queries,
            choices,
            scorer=fuzz.ratio,
            score_cutoff=self.threshold,
            dtype=np.float64,
            workers=self.workers if len(queries) >= _PARALLEL_PAIRS else 1,
        )
        near: NDArray[np.bool_] = scores >= self.threshold
        return near


_PARALLEL_PAIRS = 20_000
"""From this many candidate pairs, they are compared on several threads."""

_MIX = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
"""splitmix64's finaliser constants: a fixed, well-mixed 64-bit hash of a character pair."""


def _mix(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64's finaliser, elementwise (wrapping 64-bit arithmetic)."""
    import numpy as np

    z = values.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(_MIX[0])
    z ^= z >> np.uint64(27)
    z *= np.uint64(_MIX[1])
    z ^= z >> np.uint64(31)
    return z


def _candidates(texts: list[str], threshold: float) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The candidate pairs (first < second, each once) among normalised texts, as two arrays.

    Pairs whose lengths alone keep them under ``threshold`` are left out: ratio = 200 × common
    characters / both lengths, at most 200 × shorter / (shorter + longer).
    """
    import numpy as np

    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    text, band = _bands(texts, lengths)
    first, second = _band_pairs(texts, text, band)
    short, long = lengths[first], lengths[second]
    fits = np.minimum(short, long) * (200 - threshold) >= np.maximum(short, long) * threshold
    return first[fits], second[fits]


def _bands(
    texts: list[str], lengths: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.uint64]]:
    """(text, band) rows: the LSH bands of each text, as 64-bit band keys.

    Texts shorter than two characters have no character pair and no band; they can only equal
    another text (a ratio of 85 needs more), which the exact grouping already covers.
    """
    import numpy as np

    u64 = np.uint64
    # One array of code points, the texts separated by 0 (never in a normalised text).
    points = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(u64)
    owner = np.repeat(np.arange(len(texts), dtype=u64), lengths + 1)[: len(points)]
    inside = (points[:-1] != 0) & (points[1:] != 0)
    hashes = _mix((points[:-1] << u64(21)) | points[1:])[inside] >> u64(32)
    owner = owner[:-1][inside]
    # Per text and bin, its ROWS smallest distinct hashes: sort (text, bin, hash) keys.
    keys = _distinct((owner << u64(32 + _BIN_BITS)) | ((hashes % BANDS) << u64(32)) | hashes)
    if not len(keys):
        return np.empty(0, np.int64), np.empty(0, u64)
    cell = keys >> u64(32)  # text and bin
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
    rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    low = keys & u64(0xFFFFFFFF)
    band = (cell[starts] & u64(BANDS - 1)) + u64(1)
    for row in range(ROWS):
        at = np.minimum(starts + row, len(keys) - 1)
        value = np.where((starts + row < len(keys)) & (rank[at] == row), low[at] + u64(1), u64(0))
        band = _mix(band ^ value)
    return (cell[starts] >> u64(_BIN_BITS)).astype(np.int64), band


def _band_pairs(
    texts: list[str], text: NDArray[np.int64], band: NDArray[np.uint64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The pairs of texts sharing a band, each once (first < second).

    All pairs of a small band; in a large one (its texts in sorted order), each text with the
    next `WINDOW`.
    """
    import numpy as np

    none = np.empty(0, np.int64)
    order = np.empty(len(texts), dtype=np.int64)
    order[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))
    by = np.lexsort((order[text], band))
    band, text = band[by], text[by]
    edge = np.flatnonzero(np.r_[True, band[1:] != band[:-1], True])
    size = np.diff(edge)
    after = np.repeat(edge[1:], size) - np.arange(len(band)) - 1  # rows after this in its band
    after = np.where(np.repeat(size, size) <= SMALL_BUCKET, after, np.minimum(after, WINDOW))
    total = int(after.sum())
    if not total:
        return none, none
    at = np.repeat(np.arange(len(band)), after)
    step = np.arange(total) - np.repeat(np.cumsum(after) - after, after) + 1
    a, b = text[at], text[at + step]
    pairs = _distinct(np.minimum(a, b) * len(texts) + np.maximum(a, b))
    return pairs // len(texts), pairs % len(texts)


def _distinct(values: NDArray[_Scalar]) -> NDArray[_Scalar]:
    """The distinct values, sorted."""
    import numpy as np

    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _root(parent: dict[int, int], i: int) -> int:
    """Union-find root of ``i`` (with path halving; a text not yet seen is its own root)."""
    parent.setdefault(i, i)
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
