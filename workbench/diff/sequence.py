"""Sequence tools for the alignment: LIS, ordered weighted matching, an n-gram index.

The index finds candidate partners without comparing every article with every other.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

__all__ = ["GramIndex", "longest_increasing", "ordered_matches"]


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Positions in ``values`` of one longest strictly increasing subsequence (O(n log n)).

    Args:
        values: The sequence (e.g. old article positions listed in new-text order).

    Returns:
        Ascending positions into ``values`` whose values increase.
    """
    tails: list[int] = []
    tail_pos: list[int] = []
    previous: list[int] = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        previous[pos] = tail_pos[k - 1] if k else -1
    out: list[int] = []
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        out.append(pos)
        pos = previous[pos]
    out.reverse()
    return out


def ordered_matches(sims: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` in increasing order on both sides maximising the summed similarity.

    A weighted longest-common-subsequence: only cells with ``sims[i][j] >= threshold`` may be
    paired, and no two pairs cross.

    Args:
        sims: ``sims[i][j]`` is the similarity of old item i and new item j.
        threshold: The least similarity a pair needs.

    Returns:
        The chosen pairs, in order.
    """
    n = len(sims)
    m = len(sims[0]) if n else 0
    if not n or not m:
        return []
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, srow = dp[i], dp[i + 1], sims[i]
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] > row[j + 1] else row[j + 1]
            s = srow[j]
            if s >= threshold:
                take = s + below[j + 1]
                if take > best:
                    best = take
            row[j] = best
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        s = sims[i][j]
        if s >= threshold and dp[i][j] == s + dp[i + 1][j + 1]:
            out.append((i, j))
            i += 1
            j += 1
        elif dp[i][j] == dp[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


class GramIndex:
    """An inverted index from character n-grams to the items holding them.

    Grams held by very many items (``本条例``, ``人民政府``) carry no signal and are skipped
    at query time.
    """

    def __init__(self, items: Iterable[tuple[int, frozenset[str]]], *, max_share: float = 0.1):
        self._postings: defaultdict[str, list[int]] = defaultdict(list)
        count = 0
        for key, item_grams in items:
            count += 1
            for gram in item_grams:
                self._postings[gram].append(key)
        self._max_df = max(8, int(count * max_share))

    def candidates(
        self, query: frozenset[str], *, limit: int = 8, allowed: set[int] | None = None
    ) -> list[int]:
        """Items sharing the most informative n-grams with ``query``, best first.

        Args:
            query: The n-grams of the text looked for.
            limit: How many candidates to return at most.
            allowed: If given, only these items are returned.

        Returns:
            Item keys, best first.
        """
        hits: Counter[int] = Counter()
        for gram in query:
            posting = self._postings.get(gram)
            if not posting or len(posting) > self._max_df:
                continue
            hits.update(posting)
        if allowed is not None:
            return [k for k, _ in hits.most_common() if k in allowed][:limit]
        return [k for k, _ in hits.most_common(limit)]
