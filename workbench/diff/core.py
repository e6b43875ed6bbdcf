"""The shared core of two articles' wording, when their texts are too far apart for a ratio.

An article rewritten in place (将第八条修改为…) often keeps only a few phrases of the old text
(区人大常委会, 联系, 指导), and a character ratio calls it a different article. What it keeps
are the *rare* phrases of the version pair: 一月底前 or 发文目录 occur in one or two articles,
while 人民代表大会常务委员会 or 规范性文件 occur everywhere. `CoreIndex` weighs every character
bigram by how rare it is among the articles of both versions (inverse document frequency) and
compares two articles by the weight of the bigrams they share (a cosine), or measures how much
of one article's weight lies inside another (for the pieces of splits and merges).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain

__all__ = ["CoreIndex"]


def _bigrams(key: str) -> frozenset[str]:
    if len(key) < 2:
        return frozenset((key,)) if key else frozenset()
    return frozenset(map(str.__add__, key, key[1:]))


class CoreIndex:
    """Rarity-weighted bigram sets of the articles of two versions.

    Args:
        old_keys: The comparison keys (`workbench.diff.normalize.ref_key`) of the old articles.
        new_keys: Those of the new articles.
    """

    def __init__(self, old_keys: Sequence[str], new_keys: Sequence[str]) -> None:
        # Most articles of a revision keep their words: each distinct key is read once.
        grams: dict[str, frozenset[str]] = {}
        for key in (*old_keys, *new_keys):
            if key not in grams:
                grams[key] = _bigrams(key)
        self._old = [grams[k] for k in old_keys]
        self._new = [grams[k] for k in new_keys]
        df = Counter(chain.from_iterable((*self._old, *self._new)))
        total = max(2, len(self._old) + len(self._new))
        # Squared idf: the cosine of binary vectors weighted by idf sums idf² over shared grams.
        self._w2 = {g: math.log(total / d) ** 2 for g, d in df.items()}
        norms = {key: self._weight(g) for key, g in grams.items()}
        self._old_norm = [norms[k] for k in old_keys]
        self._new_norm = [norms[k] for k in new_keys]

    @property
    def n_old(self) -> int:
        """How many old articles."""
        return len(self._old)

    @property
    def n_new(self) -> int:
        """How many new articles."""
        return len(self._new)

    def _weight(self, grams: frozenset[str]) -> float:
        return sum(map(self._w2.__getitem__, grams))

    def similarity(self, i: int, j: int) -> float:
        """How much rare wording old article ``i`` and new article ``j`` share, 0–1 (cosine)."""
        norm = self._old_norm[i] * self._new_norm[j]
        if norm <= 0.0:
            return 0.0
        return self._weight(self._old[i] & self._new[j]) / math.sqrt(norm)

    def group_similarity(self, olds: Sequence[int], news: Sequence[int]) -> float:
        """`similarity` of the joined wording of several old and several new articles."""
        a = frozenset().union(*(self._old[i] for i in olds))
        b = frozenset().union(*(self._new[j] for j in news))
        norm = self._weight(a) * self._weight(b)
        return self._weight(a & b) / math.sqrt(norm) if norm > 0.0 else 0.0

    def inside(self, piece: int, whole: int, *, piece_is_new: bool) -> float:
        """Share of the piece's rare wording found in the whole, 0–1.

        Args:
            piece: The article that may be a piece of a split or merge.
            whole: The article on the other side it may have come from (or gone into).
            piece_is_new: Whether ``piece`` is a new article (a split) or an old one (a merge).
        """
        a = self._new[piece] if piece_is_new else self._old[piece]
        b = self._old[whole] if piece_is_new else self._new[whole]
        total = self._weight(a)
        return self._weight(a & b) / total if total > 0.0 else 0.0

    def coverage(self, whole: int, pieces: Sequence[int], *, whole_is_old: bool) -> float:
        """Share of the whole's rare wording found in the pieces together, 0–1.

        Args:
            whole: The article that may have been split (old) or merged into (new).
            pieces: Articles on the other side.
            whole_is_old: Whether ``whole`` is an old article (a split) or a new one (a merge).
        """
        a = self._old[whole] if whole_is_old else self._new[whole]
        pool = self._new if whole_is_old else self._old
        b = frozenset().union(*(pool[k] for k in pieces))
        total = self._weight(a)
        return self._weight(a & b) / total if total > 0.0 else 0.0

    def holder(self, piece: int, *, piece_is_new: bool, margin: float = 0.0) -> int | None:
        """The article on the other side holding most of the piece's rare wording.

        None when another article holds nearly as much (within ``margin`` of the piece's
        weight): a stock phrase such as 构成犯罪的，依法追究刑事责任 belongs to no one.
        """
        a = self._new[piece] if piece_is_new else self._old[piece]
        pool = self._old if piece_is_new else self._new
        total = self._weight(a)
        if total <= 0.0:
            return None
        shares = sorted(
            ((self._weight(a & pool[k]) / total, k) for k in range(len(pool))), reverse=True
        )
        if len(shares) > 1 and shares[0][0] - shares[1][0] < margin:
            return None
        return shares[0][1]
