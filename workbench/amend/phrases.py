"""Phrase edits for a decision: the fewest, shortest “A”→“B” changes that turn old into new words.

Three texts of one provision are compared: the old words, the same words after applying the
decision's structure alone (citations renumbered silently, as the applier does), and the new
words. Only what the silent renumbering does not already produce becomes an edit; an edit that
touches a renumbered citation takes the whole citation in, so the applier does not renumber it a
second time. Each quoted “A” is grown to a readable phrase (up to punctuation) and until it occurs
once in the place named, so 将…中的“A”修改为“B” cannot hit the wrong words.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.diff import diff_text
from workbench.refs import scan_citations

__all__ = ["PhraseEdit", "phrase_edits"]

_STOPS = frozenset("。，；：、！？“”《》（）\n")
_MIN_QUOTE = 4
_CLAUSE = 20
"""A clause up to this many characters is quoted whole rather than cut."""


@dataclass(frozen=True, slots=True)
class PhraseEdit:
    """Replace ``old`` (found once in the place) by ``new``; ``old`` empty never happens."""

    old: str
    new: str


def _regions(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed regions between two texts as (a_start, a_end, b_start, b_end)."""
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    for hunk in diff_text(a, b):
        n = len(hunk.text)
        if hunk.op == "equal":
            i += n
            j += n
            continue
        if out and out[-1][1] == i and out[-1][3] == j:
            s, _, t, _ = out[-1]
            out.pop()
        else:
            s, t = i, j
        if hunk.op == "delete":
            i += n
        else:
            j += n
        out.append((s, i, t, j))
    return out


def _equal_blocks(x: str, y: str) -> list[tuple[int, int, int]]:
    """(x_start, y_start, length) of the blocks two texts share, in order."""
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    return [(m.a, m.b, m.size) for m in matcher.get_matching_blocks() if m.size]


def _map(pos: int, blocks: Sequence[tuple[int, int, int]]) -> int | None:
    """Where position ``pos`` of the first text falls in the second (None: inside a change)."""
    if pos == 0:
        return 0
    for x, y, n in blocks:
        if x <= pos <= x + n:
            return y + pos - x
    return None


def phrase_edits(
    old: str, staged: str, new: str, scope: str | None = None
) -> list[PhraseEdit] | None:
    """The edits that turn ``old`` into ``new`` given that the rest of ``staged`` carries over.

    Args:
        old: The provision's words in the old text.
        staged: The same words after the decision's structural changes (renumbered citations).
        new: The words in the new text.
        scope: The words of the whole place the edits will name (``old`` by default); every
            quoted “A” must occur there exactly once.

    Returns:
        The edits in text order, or None when no set of unique phrases expresses the change
        (the provision is then restated).
    """
    if staged == new:
        return []
    scope = old if scope is None else scope
    rewrites = _regions(staged, old)  # where silent renumbering changed the words
    # A citation is never cut: an edit touching one takes it whole.
    rewrites += [(c.start, c.end, 0, 0) for c in scan_citations(staged) if c.members]
    changes = [(s, e) for s, e, _, _ in _regions(staged, new)]
    merged = _merge(changes, [(s, e) for s, e, _, _ in rewrites])
    to_old = _equal_blocks(staged, old)
    to_new = _equal_blocks(staged, new)
    edits: list[PhraseEdit] = []
    spans: list[tuple[int, int, int, int]] = []
    for s, e in merged:
        span = _grow(staged, s, e, rewrites, to_old, to_new, scope, old)
        if span is None:
            return None
        spans.append(span)
    spans = _merge_spans(spans)
    current = old
    for os_, oe, ns, ne in spans:
        a, b = old[os_:oe], new[ns:ne]
        if current.count(a) != 1:
            return None
        current = current.replace(a, b)
        edits.append(PhraseEdit(a, b))
    return edits


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


def _grow(
    staged: str,
    s: int,
    e: int,
    rewrites: list[tuple[int, int, int, int]],
    to_old: Sequence[tuple[int, int, int]],
    to_new: Sequence[tuple[int, int, int]],
    scope: str,
    old: str,
) -> tuple[int, int, int, int] | None:
    """Grow [s, e) of ``staged`` to a readable, unique phrase; its spans in old and new."""

    def inside_rewrite(pos: int) -> tuple[int, int] | None:
        for rs, re_, _, _ in rewrites:
            if rs < pos < re_:
                return rs, re_
        return None

    def bounded(lo: int, hi: int) -> tuple[int, int]:
        for pos in (lo, hi):
            hit = inside_rewrite(pos)
            if hit is not None:
                lo, hi = min(lo, hit[0]), max(hi, hit[1])
        return lo, hi

    lo, hi = bounded(s, e)
    # A short clause (between punctuation marks) is quoted whole, as decisions do.
    clo, chi = lo, hi
    while clo > 0 and staged[clo - 1] not in _STOPS:
        clo -= 1
    while chi < len(staged) and staged[chi] not in _STOPS:
        chi += 1
    if chi - clo <= _CLAUSE and (clo, chi) != (lo, hi):
        clo, chi = bounded(clo, chi)
        span = _mapped(clo, chi, to_old, to_new)
        if span is not None and _quotable(old[span[0] : span[1]], scope):
            return span
    steps = 0
    while True:
        span = _mapped(lo, hi, to_old, to_new)
        if span is not None and _quotable(old[span[0] : span[1]], scope):
            return span
        if lo == 0 and hi == len(staged):
            return None
        grow_left = lo > 0 and (steps % 2 == 1 or hi == len(staged))
        if grow_left:
            lo -= 1
        else:
            hi += 1
        lo, hi = bounded(lo, hi)
        steps += 1
        if steps > 400:
            return None


def _mapped(
    lo: int,
    hi: int,
    to_old: Sequence[tuple[int, int, int]],
    to_new: Sequence[tuple[int, int, int]],
) -> tuple[int, int, int, int] | None:
    """[lo, hi) of the staged text in the old and the new text (None: an end inside a change)."""
    os_, oe, ns, ne = _map(lo, to_old), _map(hi, to_old), _map(lo, to_new), _map(hi, to_new)
    if os_ is None or oe is None or ns is None or ne is None:
        return None
    return os_, oe, ns, ne


def _quotable(phrase: str, scope: str) -> bool:
    """Long enough to read, and found once in the place the clause names."""
    return len(phrase) >= _MIN_QUOTE and scope.count(phrase) == 1


def _merge_spans(spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Spans grown into each other become one."""
    spans = sorted(spans)
    out: list[tuple[int, int, int, int]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            a = out[-1]
            out[-1] = (a[0], max(a[1], span[1]), a[2], max(a[3], span[3]))
        else:
            out.append(span)
    return out
