"""Rewrite a citation after the tree changed, so that it names the same nodes (§7.2 rule 16).

Given a citation, what it pointed at before (uids per member) and the changed document, either
the words as written still point at the same nodes (nothing to do), or new words are written:
relative forms are kept where they still hold (本条第二款, 本章第X条), numbers are recomputed, list
members inherit shared levels as the original did (第十五条第一款第四项、第五项), and every result
is parsed back and checked before it is returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbench.model import WorkbenchModel
from workbench.model.ids import Uid
from workbench.refs.citation import ANCHOR_LEVEL, LEVELS, Anchor, Citation, CitationTarget
from workbench.refs.grammar import scan_citations
from workbench.refs.index import DocIndex
from workbench.refs.resolve import ResolvedMember, UnresolvedError, anchor_nodes, resolve
from workbench.refs.style import CitationStyle, LevelStep, format_steps, node_steps

__all__ = ["Endpoint", "RewriteOutcome", "endpoints_of", "rewrite_citation"]

_CONTAINER_ANCHOR_PREFIX: dict[Anchor, str] = {
    "this_book": "本编",
    "this_part": "本分编",
    "this_chapter": "本章",
    "this_section": "本节",
}

_ANCHOR_PREFIX: dict[Anchor, str] = {
    "this_article": "本条",
    "previous_article": "前条",
    "this_paragraph": "本款",
    "previous_paragraph": "前款",
    "this_item": "本项",
    "previous_item": "前项",
}

Endpoint = tuple[tuple[Uid, ...], tuple[Uid, ...]]
"""A member as (first uids, last uids); last is empty for a single target."""


class RewriteOutcome(WorkbenchModel):
    """What became of one citation after an edit."""

    text: str | None = None
    """The new words, or None when the words as written still point at the same nodes."""
    missing: tuple[Uid, ...] = ()
    """Cited nodes that no longer exist: the citation is left as written and is dangling."""


def endpoints_of(members: Sequence[ResolvedMember]) -> list[Endpoint]:
    """The (first, last) uids of each resolved member."""
    return [(m.first, m.last) for m in members]


def rewrite_citation(
    citation: Citation,
    members: Sequence[ResolvedMember],
    index: DocIndex,
    context: Uid,
    *,
    style: CitationStyle | None = None,
    redirect: Mapping[str, str] | None = None,
) -> RewriteOutcome:
    """Decide how ``citation`` must read in the changed document to cite the same nodes.

    Args:
        citation: The citation as written before the change (internal, resolved).
        members: What each member resolved to before the change.
        index: An index of the changed document.
        context: The uid of the node whose text holds the citation now.
        style: House style for item brackets when the original wrote none.
        redirect: Removed uid → surviving uid (a merged article cites as its survivor).

    Returns:
        The new text (None if unchanged), or the uids that disappeared.
    """
    redirect = redirect or {}
    wanted: list[Endpoint] = []
    for m in members:
        first = tuple(redirect.get(u, u) for u in m.first)
        last = tuple(redirect.get(u, u) for u in m.last)
        wanted.append((first, last))
    missing = tuple(
        dict.fromkeys(u for first, last in wanted for u in (*first, *last) if not index.has(u))
    )
    if missing:
        return RewriteOutcome(missing=missing)
    res = resolve(citation, index, context)
    if res.ok and endpoints_of(res.members) == wanted:
        return RewriteOutcome()
    parens = _parens(citation, style)
    candidates = [
        _render(citation, wanted, index, context, parens, compress=True, relative=True),
        _render(citation, wanted, index, context, parens, compress=False, relative=True),
        _render(citation, wanted, index, context, parens, compress=False, relative=False),
    ]
    expected = _normalised(wanted)
    for text in candidates:
        if _reads_as(text, expected, index, context):
            return RewriteOutcome(text=text)
    return RewriteOutcome(text=candidates[-1])


def _parens(citation: Citation, style: CitationStyle | None) -> bool:
    for m in citation.members:
        for t in (m.first, m.last):
            if t is not None and t.item is not None:
                return t.item_parens
    return bool(style and style.item_parens)


def _normalised(wanted: list[Endpoint]) -> set[str]:
    out: set[str] = set()
    for first, last in wanted:
        out.update(first)
        out.update(last)
    return out


def _reads_as(text: str, expected: set[str], index: DocIndex, context: Uid) -> bool:
    found = scan_citations(text)
    if len(found) != 1 or found[0].text != text:
        return False
    res = resolve(found[0], index, context)
    if not res.ok:
        return False
    got: set[str] = set()
    for m in res.members:
        got.update(m.first)
        got.update(m.last)
    return got == expected


def _render(
    citation: Citation,
    wanted: list[Endpoint],
    index: DocIndex,
    context: Uid,
    parens: bool,
    *,
    compress: bool,
    relative: bool,
) -> str:
    units: list[tuple[str, str | None, CitationTarget | None, bool]] = []
    for (first, last), member in zip(wanted, citation.members, strict=True):
        if last:
            lo, hi = first[0], last[-1]
            if index.order[hi] < index.order[lo]:
                lo, hi = hi, lo
            units.append((lo, hi, member.first, True))
        elif len(first) >= 3:
            units.append((first[0], first[-1], member.first, False))
        elif len(first) == 2:
            for uid in sorted(first, key=index.order.__getitem__):
                units.append((uid, None, member.first, False))
        else:
            units.append((first[0], None, member.first, True))
    scoped = bool(citation.scope_text)
    out = citation.scope_text
    prev: tuple[str, list[LevelStep]] | None = None
    for n, (a, b, orig, limit) in enumerate(units):
        if n:
            out += "、"
        ends: tuple[str, ...] = (a, b) if b is not None else (a,)
        for k, uid in enumerate(ends):
            if k:
                out += "至"
            prefix, steps = _form(uid, orig, index, context, scoped=scoped, relative=relative)
            piece = prefix + format_steps(steps, item_parens=parens)
            if compress and prev is not None and prev[0] == prefix and steps:
                common = 0
                for x, y in zip(prev[1], steps, strict=False):
                    if x != y:
                        break
                    common += 1
                common = min(common, len(steps) - 1)
                if limit and orig is not None and k == 0:
                    common = min(common, _written_index(steps, orig))
                if common or prefix:
                    piece = format_steps(steps[common:], item_parens=parens)
            out += piece
            prev = (prefix, steps)
    return out


def _written_index(steps: list[LevelStep], orig: CitationTarget) -> int:
    """How many leading steps the original member left to inheritance."""
    for i, (level, _, _) in enumerate(steps):
        if LEVELS.index(level) >= orig.written_from:
            return i
    return len(steps)


def _form(
    uid: str,
    orig: CitationTarget | None,
    index: DocIndex,
    context: Uid,
    *,
    scoped: bool,
    relative: bool,
) -> tuple[str, list[LevelStep]]:
    """The prefix (本条, 本章 or nothing) and the levels to write for ``uid``."""
    steps = node_steps(index, uid, keep_only_paragraph=True)
    if scoped or not relative or orig is None or orig.anchor == "document":
        return "", steps
    if orig.anchor in _CONTAINER_ANCHOR_PREFIX:
        kind = orig.anchor.removeprefix("this_")
        container = index.ancestor(context, kind)  # type: ignore[arg-type]
        if container is not None and uid != container.uid and index.within(uid, container.uid):
            cut = [s for s in steps if LEVELS.index(s[0]) > ANCHOR_LEVEL[orig.anchor]]
            return _CONTAINER_ANCHOR_PREFIX[orig.anchor], cut
        return "", steps
    if orig.anchor in _ANCHOR_PREFIX and orig.count == 1 and not orig.implicit:
        try:
            (base,) = anchor_nodes(orig.model_copy(update={"count": 1}), index, context)
        except (UnresolvedError, ValueError):
            base = None
        if base is not None and uid != base.uid and index.within(uid, base.uid):
            cut = [s for s in steps if LEVELS.index(s[0]) > ANCHOR_LEVEL[orig.anchor]]
            if cut:
                return _ANCHOR_PREFIX[orig.anchor], cut
    article = index.ancestor(context, "article")
    if article is not None and index.within(uid, article.uid):
        below = [s for s in steps if s[0] != "article"]
        if not below or uid == article.uid:
            return "本条", []
        return ("" if orig.implicit else "本条"), below
    return "", steps
