"""Where a quoted phrase may start and end: at punctuation, whole 《…》 titles, whole words.

A decision quotes words (将第X条中的“A”修改为“B”) that a reader must find and read as a phrase,
so “A” never starts or ends inside a 《…》 title, a citation or a number, and never inside a
word. Chinese has no spaces; rather than a dictionary, the word edges come from the text being
amended itself (accessor variety): a position is a word edge when the two characters before it
are followed by many different characters elsewhere in the text and the two after it are
preceded by many (``审计机关|应当``, ``依法|给予``). Inside a word the variety is low
(``教|育行政部门``: ``县教`` is always followed by ``育``; ``委托书|中应``: ``托书`` by few). A
compound the text keeps using whole is not cut either (``股东|大会``, ``人民|政府``): when most
occurrences of one half come with the other, the two are one term here. Punctuation is always an
edge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

__all__ = ["PUNCTUATION", "Cuts", "Lexicon", "is_punctuation"]

PUNCTUATION = frozenset("，。；：、！？“”‘’《》〈〉（）()〔〕【】,.;:!?…—\n ")
"""Marks that are never part of a word (a quote may start or end next to them)."""
_NUMERAL = frozenset("零〇○一二三四五六七八九十百千万亿两0123456789０１２３４５６７８９.．%％")
_TITLE = re.compile(r"《[^《》\n]*》")
_VARIETY = 3
"""How many different neighbours make a word edge."""
_COHESION = 0.5
"""Two halves found together at least this often (of the rarer one's uses) are one term."""


def is_punctuation(text: str) -> bool:
    """Whether ``text`` is made of punctuation marks only (a typographic change)."""
    return bool(text) and all(ch in PUNCTUATION for ch in text)


class Lexicon:
    """Word edges learnt from a text: how many different characters surround a pair of them."""

    __slots__ = ("_after", "_before", "_counts", "_text")

    def __init__(self, texts: Iterable[str]) -> None:
        self._text = "\n".join(texts)
        self._after: dict[str, int] = {}
        self._before: dict[str, int] = {}
        self._counts: dict[str, int] = {}

    def _count(self, words: str) -> int:
        known = self._counts.get(words)
        if known is None:
            known = self._counts[words] = self._text.count(words)
        return known

    def _variety(self, gram: str, *, after: bool) -> int:
        cache = self._after if after else self._before
        known = cache.get(gram)
        if known is not None:
            return known
        seen: set[str] = set()
        text = self._text
        start = text.find(gram)
        while start >= 0 and len(seen) < _VARIETY:
            at = start + len(gram) if after else start - 1
            seen.add(text[at] if 0 <= at < len(text) else "\n")
            start = text.find(gram, start + 1)
        cache[gram] = len(seen)
        return len(seen)

    def edge(self, text: str, pos: int) -> bool:
        """Whether ``pos`` in ``text`` falls between two words."""
        left, right = text[max(0, pos - 2) : pos], text[pos : pos + 2]
        if len(left) < 2 or len(right) < 2:
            return False
        if self._variety(left, after=True) < _VARIETY:
            return False
        if self._variety(right, after=False) < _VARIETY:
            return False
        rarer = min(self._count(left), self._count(right))
        return self._count(left + right) < _COHESION * rarer


class Cuts:
    """The positions of one text where a quote may start or end."""

    __slots__ = ("_closed", "_lexicon", "_text")

    def __init__(
        self, text: str, lexicon: Lexicon | None, whole: Sequence[tuple[int, int]]
    ) -> None:
        """Args: the text, its lexicon (None: punctuation edges only), spans never cut."""
        self._text = text
        self._lexicon = lexicon
        closed: set[int] = set()
        spans = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        for start, end in (*spans, *whole):
            closed.update(range(start + 1, end))
        for pos in range(1, len(text)):
            if text[pos - 1] in _NUMERAL and text[pos] in _NUMERAL:
                closed.add(pos)
        self._closed = closed

    def strong(self, pos: int) -> bool:
        """An end of the text, or next to punctuation (outside titles and citations)."""
        text = self._text
        if pos in self._closed:
            return False
        if pos in (0, len(text)):
            return True
        return text[pos - 1] in PUNCTUATION or text[pos] in PUNCTUATION

    def allowed(self, pos: int) -> bool:
        """A strong edge, or a word edge inside a run of words."""
        if pos in self._closed:
            return False
        if self.strong(pos):
            return True
        return self._lexicon is not None and self._lexicon.edge(self._text, pos)

    def before(self, pos: int) -> Iterator[int]:
        """The allowed positions at or before ``pos``, nearest first."""
        return (p for p in range(pos, -1, -1) if self.allowed(p))

    def after(self, pos: int) -> Iterator[int]:
        """The allowed positions at or after ``pos``, nearest first."""
        return (p for p in range(pos, len(self._text) + 1) if self.allowed(p))

    def clause(self, lo: int, hi: int) -> tuple[int, int]:
        """The clause around [lo, hi): up to the marks that end a clause (not 、 or titles)."""
        text = self._text
        while lo > 0 and (text[lo - 1] not in _CLAUSE_END or lo in self._closed):
            lo -= 1
        while hi < len(text) and (text[hi] not in _CLAUSE_END or hi in self._closed):
            hi += 1
        return lo, hi


_CLAUSE_END = frozenset("，。；：！？,;:!?\n")
