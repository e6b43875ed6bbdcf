"""Where the staged provisions stand after a decision: the layout of the amended text.

New numbers a decision states *pin* a provision to a place (the article that will be 第十二条,
the 款 that will be 第三款); everything else keeps its order around the pinned ones (§4.3:
articles left untouched are renumbered silently). `layout_flat` gives the final order of
headings and articles; a heading opens its container until the next heading of the same or a
higher level, as in the text itself, so `rebuild` makes the tree from the flat order exactly as
the parser would read it. `layout_children` orders each article's 款/项/目 the same way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from workbench.amend.staging import RANK, Staged
from workbench.model import CONTAINER_KINDS, Node, NodeKind

__all__ = ["Chooser", "LayoutError", "layout_children", "layout_flat", "place_heading", "rebuild"]


class LayoutError(ValueError):
    """The stated numbers cannot all hold (two provisions pinned to one place, a gap …)."""


Chooser = Callable[[Staged, list[Staged], Staged | None, list[Staged], Staged | None], bool]
"""Whether a new article at a container boundary opens the next container: called with the
article, the headings over the article before it, that article, the headings ahead and the
article after them."""


def layout_flat(
    tokens: list[Staged],
    first_article: int,
    anchored: dict[str, list[Staged]],
    chooser: Chooser | None = None,
    boundary: list[tuple[Staged, list[Staged], bool]] | None = None,
) -> list[Staged]:
    """The final order of headings and articles.

    A pinned article takes the place its number gives; the others keep their order. A heading
    stays with the article that followed it in the base: when that article is pinned to the
    place right after the heading, it still comes after the heading (a renumbered first
    article of a chapter stays in its chapter); a new pinned article goes before the headings
    at its place unless it names their container (``hint``).

    Args:
        tokens: The base's headings and articles (removed ones are skipped), plus pinned
            articles anywhere among them.
        first_article: The number of the first article.
        anchored: New articles to put right after an existing one (uid → articles).
        chooser: Decides for a new article without a stated container that falls between two
            containers; without one it ends the container before.
        boundary: Receives every such decision (article, headings, placed after them).

    Returns:
        Headings and articles in the order of the amended text.

    Raises:
        LayoutError: If pinned numbers collide or fall outside the amended text.
    """
    stream: deque[Staged | _Ghost] = deque()
    pinned: dict[int, Staged] = {}
    for tok in tokens:
        if tok.removed:
            continue
        if tok.kind == "article" and tok.pinned is not None and not tok.insertion:
            _pin(pinned, tok)
            if not tok.created:
                stream.append(_Ghost(tok))
        else:
            stream.append(tok)
        for new in anchored.get(tok.uid, ()):
            if new.pinned is not None and not new.insertion:
                _pin(pinned, new)
            else:
                stream.append(new)
    plain = sum(1 for t in stream if _is_plain(t)) + len(pinned)
    for number in pinned:
        slot = number - first_article + 1
        if not 1 <= slot <= plain:
            last = first_article + plain - 1
            raise LayoutError(
                f"写明的“第{_cn(number)}条”超出修改后的条文范围（第{_cn(first_article)}条至第{_cn(last)}条）"
            )
    out: list[Staged] = []
    over: list[Staged] = []
    """The headings emitted last (over the article before the current place)."""
    previous: list[Staged | None] = [None]

    def emit(tok: Staged | _Ghost) -> None:
        if isinstance(tok, Staged):
            if tok.kind in CONTAINER_KINDS:
                if out and out[-1].kind not in CONTAINER_KINDS:
                    over.clear()
                over.append(tok)
            else:
                previous[0] = tok
            out.append(tok)

    for slot in range(1, plain + 1):
        art = pinned.get(slot + first_article - 1)
        if art is None:
            while stream and not _is_plain(stream[0]):
                emit(stream.popleft())
            emit(stream.popleft())
            continue
        while stream and (_is_insertion(stream[0]) or isinstance(stream[0], _Ghost)):
            ghost = stream.popleft()  # 之N articles stay with the article before them
            if isinstance(ghost, _Ghost) and ghost.article is art:
                break
            emit(ghost)
        run = _heading_run(stream)
        after_run = stream[len(run)] if len(run) < len(stream) else None
        own = isinstance(after_run, _Ghost) and after_run.article is art
        opens = own or (art.hint is not None and any(h.uid == art.hint for h in run))
        if run and art.created and art.hint is None and previous[0] is not None:
            following = next((t for t in list(stream)[len(run) :] if _is_plain(t)), None)
            nxt = following if isinstance(following, Staged) else None
            opens = bool(chooser and chooser(art, list(over), previous[0], run, nxt))
            if boundary is not None:
                boundary.append((art, run, opens))
            if opens:
                own = True  # take the whole run
        if run and opens:
            while stream and isinstance(stream[0], Staged) and stream[0].kind in CONTAINER_KINDS:
                heading = stream.popleft()
                emit(heading)
                if not own and isinstance(heading, Staged) and heading.uid == art.hint:
                    break
            if own and stream and isinstance(stream[0], _Ghost) and stream[0].article is art:
                stream.popleft()
        previous[0] = art
        out.append(art)
    for rest in stream:
        emit(rest)
    return out


@dataclass(eq=False, slots=True)
class _Ghost:
    """Where a pinned base article stood: headings before it may still belong to it."""

    article: Staged


def _is_plain(tok: Staged | _Ghost) -> bool:
    return isinstance(tok, Staged) and tok.kind == "article" and not tok.insertion


def _is_insertion(tok: Staged | _Ghost) -> bool:
    return isinstance(tok, Staged) and tok.kind == "article" and tok.insertion


def _pin(pinned: dict[int, Staged], art: Staged) -> None:
    assert art.pinned is not None
    if art.pinned in pinned and pinned[art.pinned] is not art:
        raise LayoutError(f"两处修改都写明作为“第{_cn(art.pinned)}条”")
    pinned[art.pinned] = art


def _heading_run(stream: deque[Staged | _Ghost]) -> list[Staged]:
    run: list[Staged] = []
    for tok in stream:
        if not isinstance(tok, Staged) or tok.kind not in CONTAINER_KINDS:
            break
        run.append(tok)
    return run


def _cn(n: int) -> str:
    from workbench.numerals import to_cn

    return to_cn(n) if 1 <= n <= 9999 else str(n)


def place_heading(flat: list[Staged], heading: Staged, article: Staged) -> None:
    """Put ``heading`` right before ``article``, after any higher-ranked heading already there."""
    if heading in flat:
        flat.remove(heading)
    i = flat.index(article)
    j = i
    while j > 0 and flat[j - 1].kind in CONTAINER_KINDS:
        j -= 1
    while j < i and RANK[flat[j].kind] < RANK[heading.kind]:
        j += 1
    flat.insert(j, heading)


def layout_children(node: Staged) -> None:
    """Order ``node``'s children (and theirs): pinned positions first, the rest in order.

    Raises:
        LayoutError: If two children are pinned to one position or beyond the last.
    """
    live = [c for c in node.children if not c.removed]
    if any(c.pinned is not None for c in live):
        pinned: dict[int, Staged] = {}
        floating: deque[Staged] = deque()
        for child in live:
            if child.pinned is None:
                floating.append(child)
            elif child.pinned in pinned:
                raise LayoutError(f"两处修改都写明作为第{_cn(child.pinned)}{_unit(child.kind)}")
            else:
                pinned[child.pinned] = child
        ordered: list[Staged] = []
        for pos in range(1, len(live) + 1):
            if pos in pinned:
                ordered.append(pinned.pop(pos))
            elif floating:
                ordered.append(floating.popleft())
        if pinned:
            bad = min(pinned)
            raise LayoutError(
                f"写明的第{_cn(bad)}{_unit(live[0].kind)}超出修改后的{_unit(live[0].kind)}数（共{_cn(len(live))}{_unit(live[0].kind)}）"
            )
        live = ordered
    node.children = live
    for child in live:
        layout_children(child)


def _unit(kind: NodeKind) -> str:
    return {"paragraph": "款", "item": "项", "subitem": "目", "article": "条"}.get(kind, "")


def rebuild(flat: list[Staged]) -> tuple[Node, ...]:
    """The tree the flat order reads as: each heading opens its container (parser rules)."""
    roots: list[tuple[Staged, list[object]]] = []
    top: list[object] = []
    stack: list[tuple[Staged, list[object]]] = []
    seen_book = False
    for tok in flat:
        if tok.kind in CONTAINER_KINDS:
            entry: tuple[Staged, list[object]] = (tok, [])
            if tok.kind == "book":
                seen_book = True
            if tok.num is None and tok.kind == "chapter" and seen_book and not tok.created:
                stack.clear()
            else:
                while stack and RANK[stack[-1][0].kind] >= RANK[tok.kind]:
                    stack.pop()
            (stack[-1][1] if stack else top).append(entry)
            stack.append(entry)
            roots.append(entry)
        else:
            (stack[-1][1] if stack else top).append(tok)
    del roots

    def build(item: object) -> Node:
        if isinstance(item, Staged):
            return item.to_node()
        assert isinstance(item, tuple)
        heading: Staged = item[0]
        children: list[object] = item[1]
        return heading.to_node(tuple(build(c) for c in children))

    return tuple(build(item) for item in top)
