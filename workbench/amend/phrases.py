"""Phrase edits for a decision: the fewest, shortest “A”→“B” changes that turn old into new words.

Three texts of one provision are compared: the old words, the same words after applying the
decision's structure alone (citations renumbered silently, as the applier does), and the new
words. Only what the silent renumbering does not already produce becomes an edit; an edit that
touches a renumbered citation takes the whole citation in, so the applier does not renumber it a
second time. Each quoted “A” is grown to a readable phrase (up to punctuation) and until it occurs
once in the place named, so 将…中的“A”修改为“B” cannot hit the wrong words; it starts and ends
where a reader sees a phrase start and end (`workbench.amend.boundaries`: punctuation, whole
《…》 titles and citations, word edges). A change of punctuation alone (the 、 between two titles)
is quoted with the words on both sides; changes a few characters apart in one clause are quoted
together.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.amend.boundaries import PUNCTUATION, Cuts, Lexicon, is_punctuation
from workbench.diff import diff_text
from workbench.refs import scan_citations

__all__ = ["PhraseEdit", "phrase_edits"]

_MIN_WORDS = 2
"""A quote has at least this many characters that are not punctuation."""
_CLAUSE_SLACK = 6
"""A clause at most this much longer than the shortest phrase is quoted whole instead."""
_NEAR = 6
"""Changes at most this many characters apart in one clause are quoted as one phrase."""
_TRIES = 4000
_OPENING = frozenset("“‘《〈（(〔【")
_CLOSING = frozenset("”’》〉）)〕】")
_SENTENCE_END = frozenset("。；;\n")
_PARTICLES = frozenset("的地得之了着")
"""Words that lean on the word before them: a quote never starts with one."""
_BETWEEN = frozenset("，、；：,;:")
"""Marks that separate phrases: a quote never ends with one (it may end with 。)."""

_Block = tuple[int, int, int]
"""(start in the first text, start in the second, length) of words the two texts share."""


@dataclass(frozen=True, slots=True)
class PhraseEdit:
    """Replace ``old`` (found once in the place) by ``new``; ``old`` empty never happens."""

    old: str
    new: str


def _compare(a: str, b: str) -> tuple[list[tuple[int, int, int, int]], list[_Block]]:
    """Changed regions (a_start, a_end, b_start, b_end) and shared blocks of two texts.

    Both come from one diff, so a quote's ends map between the texts exactly as the changes lie.
    """
    regions: list[tuple[int, int, int, int]] = []
    blocks: list[_Block] = []
    i = j = 0
    for hunk in diff_text(a, b):
        n = len(hunk.text)
        if hunk.op == "equal":
            blocks.append((i, j, n))
            i += n
            j += n
            continue
        if regions and regions[-1][1] == i and regions[-1][3] == j:
            s, _, t, _ = regions.pop()
        else:
            s, t = i, j
        if hunk.op == "delete":
            i += n
        else:
            j += n
        regions.append((s, i, t, j))
    return regions, blocks


def _map(pos: int, blocks: Sequence[_Block], *, end: bool) -> int | None:
    """Where position ``pos`` of the first text falls in the second (None: inside a change).

    At a pure insertion a position has two images: a quote's start takes the one before the
    inserted words, its end the one after, so the quote takes them in.
    """
    if pos == 0 and not end:
        return 0
    for x, y, n in reversed(blocks) if end else blocks:
        if x <= pos <= x + n:
            return y + pos - x
    return None


def phrase_edits(
    old: str,
    staged: str,
    new: str,
    scope: str | None = None,
    lexicon: Lexicon | None = None,
) -> list[PhraseEdit] | None:
    """The edits that turn ``old`` into ``new`` given that the rest of ``staged`` carries over.

    Args:
        old: The provision's words in the old text.
        staged: The same words after the decision's structural changes (renumbered citations).
        new: The words in the new text.
        scope: The words of the whole place the edits will name (``old`` by default); every
            quoted “A” must occur there exactly once.
        lexicon: Word edges of the text amended (None: quotes end at punctuation only).

    Returns:
        The edits in text order, or None when no set of unique phrases expresses the change
        (the provision is then restated).
    """
    if staged == new:
        return []
    scope = old if scope is None else scope
    rewrites, to_old = _compare(staged, old)  # where silent renumbering changed the words
    # A citation is never cut: an edit touching one takes it whole.
    rewrites += [(c.start, c.end, 0, 0) for c in scan_citations(staged) if c.members]
    whole = [(s, e) for s, e, _, _ in rewrites]
    regions, to_new = _compare(staged, new)
    merged = _merge([(s, e) for s, e, _, _ in regions], whole)
    cuts = Cuts(staged, lexicon, whole), Cuts(new, lexicon, ())
    text = _Texts(old, staged, new, scope, *cuts, to_old, to_new)
    spans: list[tuple[int, int]] = []
    for s, e in merged:
        span = _grow(text, s, e)
        if span is None:
            return None
        spans.append(span)
    edits: list[PhraseEdit] = []
    current = old
    for lo, hi in _join(text, spans):
        mapped = text.mapped(lo, hi)
        if mapped is None:
            return None
        os_, oe, ns, ne = mapped
        a, b = old[os_:oe], new[ns:ne]
        if current.count(a) != 1:
            return None
        current = current.replace(a, b)
        edits.append(PhraseEdit(a, b))
    return edits


@dataclass(slots=True)
class _Texts:
    """The three texts of one provision, the mappings between them and where quotes may end."""

    old: str
    staged: str
    new: str
    scope: str
    cuts: Cuts
    new_cuts: Cuts
    """Where a quote may end in the new words (a word of the new text is not cut either)."""
    to_old: list[_Block]
    to_new: list[_Block]

    def mapped(self, lo: int, hi: int) -> tuple[int, int, int, int] | None:
        """[lo, hi) of the staged text in the old and the new text (None: an end in a change)."""
        os_, oe = _map(lo, self.to_old, end=False), _map(hi, self.to_old, end=True)
        ns, ne = _map(lo, self.to_new, end=False), _map(hi, self.to_new, end=True)
        if os_ is None or oe is None or ns is None or ne is None:
            return None
        return os_, oe, ns, ne

    def quotable(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) of the staged text quotes as phrases a reader can find and read.

        Both quotes have words (two characters at least; the new one may be empty: a
        deletion), start and end at edges of the new words too, and never start or end with a
        mark that belongs between phrases (a deletion may take a clause with its ``，``).
        """
        mapped = self.mapped(lo, hi)
        if mapped is None:
            return False
        if not (self.new_cuts.allowed(mapped[2]) and self.new_cuts.allowed(mapped[3])):
            return False
        phrase, replacement = self.old[mapped[0] : mapped[1]], self.new[mapped[2] : mapped[3]]
        if _words(phrase) < _MIN_WORDS or 0 < _words(replacement) < _MIN_WORDS:
            return False
        if _loose_end(replacement) or (_loose_end(phrase) and replacement):
            return False
        return self.scope.count(phrase) == 1


def _words(text: str) -> int:
    return sum(ch not in PUNCTUATION for ch in text)


def _loose_end(text: str) -> bool:
    """Starts with a mark or particle leaning on the words before (，、的 …), or ends with ，、；."""
    if not text:
        return False
    first, last = text[0], text[-1]
    opens_badly = (first in PUNCTUATION and first not in _OPENING) or first in _PARTICLES
    return opens_badly or (last in _BETWEEN and len(text) > 1)


def _grow(text: _Texts, s: int, e: int) -> tuple[int, int] | None:
    """The shortest quotable span around the change [s, e) of the staged text.

    Spans grow to allowed positions only (`Cuts`), both ends at once, shortest first; a change
    of punctuation alone takes words on both sides, and a clause little longer than the span
    found is quoted whole, as decisions do.
    """
    staged, cuts = text.staged, text.cuts
    change = text.mapped(s, e)
    typographic = is_punctuation(staged[s:e]) and (
        change is None or not text.new[change[2] : change[3]].strip("".join(PUNCTUATION))
    )
    lefts, rights = cuts.before(s), cuts.after(e)
    los: list[int] = []
    his: list[int] = []

    def nth(seq: list[int], source: Iterator[int], k: int) -> int | None:
        while len(seq) <= k:
            nxt = next(source, None)
            if nxt is None:
                return None
            seq.append(nxt)
        return seq[k]

    heap: list[tuple[int, int, int]] = []
    first_lo, first_hi = nth(los, lefts, 0), nth(his, rights, 0)
    if first_lo is None or first_hi is None:
        return None
    heapq.heappush(heap, (s - first_lo + first_hi - e, 0, 0))
    seen = {(0, 0)}
    for _ in range(_TRIES):
        if not heap:
            return None
        _, i, j = heapq.heappop(heap)
        lo, hi = los[i], his[j]
        words_around = not typographic or (_has_words(staged[lo:s]) and _has_words(staged[e:hi]))
        if words_around and text.quotable(lo, hi):
            return _whole_clause(text, lo, hi)
        for di, dj in ((1, 0), (0, 1)):
            if (i + di, j + dj) in seen:
                continue
            a, b = nth(los, lefts, i + di), nth(his, rights, j + dj)
            if a is None or b is None:
                continue
            seen.add((i + di, j + dj))
            heapq.heappush(heap, (s - a + b - e, i + di, j + dj))
    return None


def _has_words(text: str) -> bool:
    return any(ch not in PUNCTUATION for ch in text)


def _whole_clause(text: _Texts, lo: int, hi: int) -> tuple[int, int]:
    """The clause around [lo, hi) when it is hardly longer (quoted whole, as decisions do)."""
    clo, chi = text.cuts.clause(lo, hi)
    hardly_longer = (clo, chi) != (lo, hi) and chi - clo <= hi - lo + _CLAUSE_SLACK
    if hardly_longer and text.quotable(clo, chi):
        return clo, chi
    return lo, hi


def _join(text: _Texts, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans, and spans a few characters apart in one sentence, become one."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out:
            plo, phi = out[-1]
            gap = text.staged[phi:lo]
            near = len(gap) <= _NEAR and not any(ch in _SENTENCE_END for ch in gap)
            if lo < phi or near:
                out[-1] = (plo, max(phi, hi))
                continue
        out.append((lo, hi))
    return out


def _merge(
    changes: list[tuple[int, int]], rewrites: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Changes grown over any renumbered citation they touch, overlapping ones joined."""
    grown: list[tuple[int, int]] = []
    for s, e in changes:
        for rs, re_ in rewrites:
            if (rs < e and s < re_) or rs == s == e or (rs < s < re_):
                s, e = min(s, rs), max(e, re_)
        grown.append((s, e))
    grown.sort()
    out: list[tuple[int, int]] = []
    for s, e in grown:
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
