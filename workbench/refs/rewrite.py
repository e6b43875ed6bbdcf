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
from workbench.refs.parts import named_part
from workbench.refs.resolve import ResolvedMember, UnresolvedError, anchor_nodes, resolve
from workbench.refs.style import CitationStyle, LevelStep, format_steps, node_steps

__all__ = ["RewriteOutcome", "rewrite_citation"]

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


class RewriteOutcome(WorkbenchModel):
    """What became of one citation after an edit."""

    text: str | None = None
    """The new words, or None when the words as written still point at the same nodes."""
    missing: tuple[Uid, ...] = ()
    """Cited nodes that no longer exist: the citation is left as written and is dangling."""
    problem: str | None = None
    """Why no citation could be written for the same nodes (left as written); None if fine."""


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
    wanted: list[tuple[str, ...]] = []
    spans: list[bool] = []
    missing: list[str] = []
    for m in members:
        if m.last:
            moved = (redirect.get(u, u) for u in m.targets)
            survivors = _cover([u for u in dict.fromkeys(moved) if index.has(u)], index)
            if not survivors:
                missing.extend(redirect.get(u, u) for u in (*m.first, *m.last))
            span = _span(survivors, index)
            wanted.append(tuple(span) if span is not None else tuple(survivors))
            spans.append(span is not None)
        else:
            first = tuple(dict.fromkeys(redirect.get(u, u) for u in m.first))
            missing.extend(u for u in first if not index.has(u))
            wanted.append(first)
            spans.append(False)
    if missing:
        return RewriteOutcome(missing=tuple(dict.fromkeys(missing)))
    res = resolve(citation, index, context)
    if res.ok and [set(m.targets) for m in res.members] == [set(w) for w in wanted]:
        return RewriteOutcome()
    parens = _parens(citation, style)
    units = _units(citation, wanted, spans, members, index)
    candidates = [
        _render(
            citation, units, index, context, parens, compress=True, relative=True, minimal=True
        ),
        _render(citation, units, index, context, parens, compress=True, relative=True),
        _render(citation, units, index, context, parens, compress=False, relative=True),
        _render(citation, units, index, context, parens, compress=False, relative=False),
    ]
    expected = {u for w in wanted for u in w}
    for text in candidates:
        if _reads_as(text, expected, index, context):
            return RewriteOutcome(text=text)
    if not candidates[-1] or candidates[-1] == citation.scope_text:
        return RewriteOutcome(problem=f"“{citation.text}”所指的条款无法再用序号表述，请人工核对")
    return RewriteOutcome(text=candidates[-1])


def _parens(citation: Citation, style: CitationStyle | None) -> bool:
    for m in citation.members:
        for t in (m.first, m.last):
            if t is not None and t.item is not None:
                return t.item_parens
    return bool(style and style.item_parens)


def _reads_as(text: str, expected: set[str], index: DocIndex, context: Uid) -> bool:
    found = scan_citations(text)
    if len(found) != 1 or found[0].text != text:
        return False
    res = resolve(found[0], index, context)
    return res.ok and set(res.targets) == expected


_Unit = tuple[str, str | None, CitationTarget | None, bool, int]
"""(first uid, last uid of a range or None, the original target, whether inheritance is limited
to what the original member left out, the index of the original member)."""


def _cover(uids: list[str], index: DocIndex) -> list[str]:
    """``uids`` without those inside another of them (a 款 of a cited article)."""
    chosen = set(uids)
    return [u for u in uids if not any(n.uid in chosen for n in index.paths[u][:-1])]


def _span(survivors: list[str], index: DocIndex) -> list[str] | None:
    """The nodes from the first to the last survivor, if that covers them all; else None.

    A range keeps its ends: what is inserted between them joins it (the words 第X条至第Y条
    still read naturally). If a node it covered moved outside its ends, the range is
    written out as the exact nodes instead.
    """
    if not survivors:
        return None
    lo, hi = survivors[0], survivors[-1]
    kind = index.node(lo).kind
    if index.node(hi).kind != kind or index.order[hi] < index.order[lo]:
        return None
    span = index.between(kind, lo, hi)
    return span if set(survivors) <= set(span) else None


def _units(
    citation: Citation,
    wanted: list[tuple[str, ...]],
    spans: list[bool],
    members: Sequence[ResolvedMember],
    index: DocIndex,
) -> list[_Unit]:
    """Split each member's wanted nodes into singles and contiguous ranges, in document order."""
    units: list[_Unit] = []
    for n, (uids, span, member, resolved) in enumerate(
        zip(wanted, spans, citation.members, members, strict=True)
    ):
        if span:
            last = uids[-1] if len(uids) > 1 else None
            units.append((uids[0], last, member.first, True, n))
            continue
        ordered = sorted(uids, key=index.order.__getitem__)
        if resolved.last or len(ordered) >= 3:
            for i, run in enumerate(_runs(ordered, index)):
                last = run[-1] if len(run) >= 2 else None
                units.append((run[0], last, member.first, i == 0, n))
        else:
            limit = len(ordered) == 1
            units.extend((uid, None, member.first, limit, n) for uid in ordered)
    return units


def _runs(ordered: list[str], index: DocIndex) -> list[list[str]]:
    """Maximal runs of nodes that stand next to each other among the nodes of their kind."""
    runs: list[list[str]] = []
    for uid in ordered:
        node = index.node(uid)
        if runs:
            prev = index.node(runs[-1][-1])
            if prev.kind == node.kind and index.kind_pos[uid] == index.kind_pos[prev.uid] + 1:
                runs[-1].append(uid)
                continue
        runs.append([uid])
    return runs


def _render(
    citation: Citation,
    units: list[_Unit],
    index: DocIndex,
    context: Uid,
    parens: bool,
    *,
    compress: bool,
    relative: bool,
    minimal: bool = False,
) -> str:
    scoped = bool(citation.scope_text)
    out = citation.scope_text
    prev: tuple[str, list[LevelStep]] | None = None
    previous_member = 0
    for n, (a, b, orig, limit, member) in enumerate(units):
        if n:
            # Keep the joining word as written (和, 或者 ...) between original members.
            joined = member != previous_member and 0 < member <= len(citation.joins)
            out += citation.joins[member - 1] if joined else "、"
        previous_member = member
        ends: tuple[str, ...] = (a, b) if b is not None else (a,)
        for k, uid in enumerate(ends):
            if k:
                out += "至"
            prefix, steps = _form(
                uid, orig, index, context, scoped=scoped, relative=relative, minimal=minimal
            )
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
    minimal: bool = False,
) -> tuple[str, list[LevelStep]]:
    """The prefix (本条, 本章 or nothing) and the levels to write for ``uid``."""
    steps = node_steps(index, uid, keep_only_paragraph=True)
    if scoped and orig is not None and orig.part_name is not None:
        # 本法总则第四章: the levels inside the named part only.
        part = named_part(index, orig.part_name)
        if part is not None and index.within(uid, part.uid):
            return "", [s for s in steps if LEVELS.index(s[0]) > LEVELS.index(part.kind)]
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
        if minimal and orig.implicit and any(s[0] == "item" for s in below):
            below = [s for s in below if s[0] != "paragraph"]
        return ("" if orig.implicit else "本条"), below
    return "", steps
