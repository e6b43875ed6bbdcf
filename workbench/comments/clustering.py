"""Duplicate comments, grouped per clause.

Exact (same words once punctuation and spacing are ignored) and near
duplicates (the same form letter with small edits), grouped per clause across stations.

Pure functions; rapidfuzz does the string similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

__all__ = [
    "NEAR_THRESHOLD",
    "ClusterCandidate",
    "FoundCluster",
    "dup_key",
    "find_clusters",
    "normalize_text",
]

NEAR_THRESHOLD = 85.0
"""The rapidfuzz ratio (0-100) from which two normalised opinions count as near duplicates."""

MAX_NEAR_GROUP = 5_000
"""Above this many distinct texts on one clause only exact duplicates are looked for."""

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
    by_target: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    texts: dict[str, str] = {}
    for c in comments:
        key = c.key or dup_key(c.text)
        by_target[c.target][key].append(c.id)
        if key not in texts:
            texts[key] = normalize_text(c.text)
    found: list[FoundCluster] = []
    for target, groups in by_target.items():
        keys = list(groups)
        parent = list(range(len(keys)))

        if 1 < len(keys) <= MAX_NEAR_GROUP:
            choices = [texts[k] for k in keys]
            for i, query in enumerate(choices):
                if not query:
                    continue
                for _, _, j in process.extract(
                    query,
                    choices[i + 1 :],
                    scorer=fuzz.ratio,
                    score_cutoff=threshold,
                    limit=None,
                ):
                    a, b = _root(parent, i), _root(parent, i + 1 + j)
                    if a != b:
                        parent[b] = a
        merged: dict[int, list[int]] = defaultdict(list)
        for i in range(len(keys)):
            merged[_root(parent, i)].append(i)
        for idxs in merged.values():
            members = sorted(m for i in idxs for m in groups[keys[i]])
            if len(members) < 2:
                continue
            kind: Literal["exact", "near"] = "exact" if len(idxs) == 1 else "near"
            found.append(FoundCluster(kind, target, tuple(members)))
    found.sort(key=lambda c: (c.target, c.members[0]))
    return found


def _root(parent: list[int], i: int) -> int:
    """Union-find root of ``i`` (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
