"""Duplicate comments, grouped per clause: exact duplicates by key, near ones through MinHash LSH.

Exact duplicates are the same words once punctuation, spacing, width and case are ignored
(`dup_key`). Near duplicates (the same form letter with small edits) are found without comparing
every pair on a clause: each distinct text gets a MinHash signature of its character pairs,
cut into bands (`lsh_bands`, one-permutation hashing: the pairs' CRC-32 values fall into
`BANDS` bins, a band is the `ROWS` smallest values of its bin); texts sharing a band are
candidates, and only candidates are compared (rapidfuzz's ratio, from `NEAR_THRESHOLD`). Two
texts whose pairs overlap by 84 % (a 25-character letter with two characters dropped) share a
band with probability above 0.999; unrelated texts rarely do. A band shared by many texts is
compared along its texts in sorted order (each with the next `WINDOW`), so no band costs more
than linear time.

Pure functions; rapidfuzz does the string similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from zlib import crc32

from rapidfuzz import fuzz

__all__ = [
    "BANDS",
    "NEAR_THRESHOLD",
    "ROWS",
    "ClusterCandidate",
    "FoundCluster",
    "cluster_target",
    "dup_key",
    "find_clusters",
    "lsh_bands",
    "normalize_text",
]

NEAR_THRESHOLD = 85.0
"""The rapidfuzz ratio (0-100) from which two normalised opinions count as near duplicates."""

BANDS = 8
"""LSH bands per signature."""
ROWS = 2
"""MinHash values per band."""
SMALL_BUCKET = 40
"""Texts sharing a band are all compared with each other up to this many."""
WINDOW = 4
"""In a larger band, each text (in sorted order) is compared with the next this many."""

_NON_WORD = re.compile(r"[\W_]+")
"""Everything but letters and digits: punctuation, spacing, symbols, controls."""


def normalize_text(text: str) -> str:
    """The opinion without punctuation, spacing, symbols or width and case differences."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub("", text.lower())


def dup_key(text: str) -> str:
    """A short hash of `normalize_text`: equal keys mean exact duplicates."""
    return hashlib.blake2b(normalize_text(text).encode("utf-8"), digest_size=8).hexdigest()


def lsh_bands(norm: str) -> list[tuple[int, ...]]:
    """The LSH bands of a normalised text: (band number, its smallest pair hashes) each.

    Deterministic (CRC-32), so the same text has the same bands in every process.
    """
    pairs = {norm[i : i + 2] for i in range(len(norm) - 1)} or {norm}
    bins: list[list[int]] = [[] for _ in range(BANDS)]
    for h in sorted(map(crc32, map(str.encode, pairs))):
        slot = bins[h % BANDS]
        if len(slot) < ROWS:
            slot.append(h)
    return [(i, *slot) for i, slot in enumerate(bins) if slot]


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
    for target, members in by_target.items():
        found += cluster_target(target, members, threshold=threshold)
    found.sort(key=lambda c: (c.target, c.members[0]))
    return found


def cluster_target(
    target: str, comments: Sequence[tuple[int, str]], *, threshold: float = NEAR_THRESHOLD
) -> list[FoundCluster]:
    """The duplicate clusters among the comments (id, opinion) on one target."""
    groups: dict[str, list[int]] = defaultdict(list)
    for cid, text in comments:
        groups[normalize_text(text)].append(cid)
    texts = list(groups)
    parent = list(range(len(texts)))
    if len(texts) > 1:
        _join_near(texts, parent, threshold)
    merged: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        merged[_root(parent, i)].append(i)
    out: list[FoundCluster] = []
    for idxs in merged.values():
        members = sorted(m for i in idxs for m in groups[texts[i]])
        if len(members) < 2:
            continue
        kind: Literal["exact", "near"] = "exact" if len(idxs) == 1 else "near"
        out.append(FoundCluster(kind, target, tuple(members)))
    out.sort(key=lambda c: c.members[0])
    return out


def _join_near(texts: list[str], parent: list[int], threshold: float) -> None:
    """Union the texts that share an LSH band and are similar enough."""
    buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, norm in enumerate(texts):
        if norm:
            for band in lsh_bands(norm):
                buckets[band].append(i)
    ratio = fuzz.ratio
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        if len(bucket) <= SMALL_BUCKET:
            pairs = ((a, b) for k, a in enumerate(bucket) for b in bucket[k + 1 :])
        else:
            ordered = sorted(bucket, key=texts.__getitem__)
            pairs = ((a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 : k + 1 + WINDOW])
        for a, b in pairs:
            ra, rb = _root(parent, a), _root(parent, b)
            if ra != rb and ratio(texts[a], texts[b], score_cutoff=threshold):
                parent[rb] = ra


def _root(parent: list[int], i: int) -> int:
    """Union-find root of ``i`` (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
