"""Read-only walks over a `Document`: iterate, find by uid, ancestors, plain labels.

Everything here is derived from the tree; nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from workbench.model.nodes import CONTAINER_KINDS, Document, Node
from workbench.numerals import NumeralError, from_cn, to_cn

__all__ = [
    "articles",
    "citation_label",
    "find_path",
    "full_text",
    "index_by_uid",
    "item_number",
    "iter_nodes",
    "iter_paths",
    "path_index",
]

_ITEM_NUM = re.compile(r"[（(]\s*(.+?)\s*[）)]")
_SUBITEM_NUM = re.compile(r"(\d+)")


def iter_nodes(nodes: Iterable[Node]) -> Iterator[Node]:
    """Yield every node below ``nodes`` (and ``nodes`` themselves) in document order."""
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def iter_paths(nodes: Iterable[Node], prefix: tuple[Node, ...] = ()) -> Iterator[tuple[Node, ...]]:
    """Yield the path (ancestors then the node) of every node, in document order."""
    for node in nodes:
        path = (*prefix, node)
        yield path
        yield from iter_paths(node.children, path)


def articles(doc: Document) -> list[Node]:
    """All articles (条) of ``doc`` in document order."""
    out: list[Node] = []
    stack = list(reversed(doc.children))
    while stack:
        node = stack.pop()
        if node.kind == "article":
            out.append(node)
        elif node.kind in CONTAINER_KINDS:
            stack.extend(reversed(node.children))
    return out


def index_by_uid(doc: Document) -> dict[str, Node]:
    """Map every uid of ``doc`` to its node."""
    return {node.uid: node for node in iter_nodes(doc.children)}


def path_index(doc: Document) -> dict[str, tuple[Node, ...]]:
    """Map every uid of ``doc`` to its path (ancestors then the node)."""
    return {path[-1].uid: path for path in iter_paths(doc.children)}


def find_path(doc: Document, uid: str) -> tuple[Node, ...] | None:
    """The path (ancestors then the node) to ``uid``, or None if ``doc`` has no such node."""
    for path in iter_paths(doc.children):
        if path[-1].uid == uid:
            return path
    return None


def full_text(node: Node, sep: str = "\n") -> str:
    """The node's own text and all its descendants' (labels included for items and subitems)."""
    parts: list[str] = []
    _gather_text(node, parts)
    return sep.join(parts)


def _gather_text(node: Node, parts: list[str]) -> None:
    # Recursion rather than `iter_nodes`: the diff asks for the text of every provision of
    # both versions several times over, and a generator per call costs twice as much.
    own = node.text
    if node.num and node.kind in ("item", "subitem"):
        own = f"{node.num}{own}"
    if own:
        parts.append(own)
    for child in node.children:
        _gather_text(child, parts)


def item_number(node: Node) -> int | None:
    """The number of an item ``（三）`` → 3 or a subitem ``3.`` → 3; None if it has none."""
    if not node.num:
        return None
    pattern = _ITEM_NUM if node.kind == "item" else _SUBITEM_NUM
    m = pattern.search(node.num)
    if m is None:
        return None
    try:
        return from_cn(m.group(1))
    except NumeralError:
        return None


def citation_label(path: tuple[Node, ...], *, paren_items: bool = False) -> str:
    """The plain citation of the last node of ``path``: ``第十二条第二款第三项``.

    The 款 is named only when the article has more than one (`legislative-norms.md` §2.1);
    a container is named by its number, or by its heading when it has none.

    Args:
        path: Ancestors then the node, as `find_path` gives it.
        paren_items: Write items as ``第（三）项`` instead of ``第三项``.

    Returns:
        The citation.
    """
    node = path[-1]
    if node.kind in CONTAINER_KINDS:
        return node.num or (node.heading or "")
    out = ""
    article: Node | None = None
    for step in path:
        if step.kind == "article":
            article = step
            out = step.num or ""
        elif step.kind == "paragraph" and article is not None:
            if len(article.children) > 1:
                out += f"第{to_cn(_position(article, step))}款"
        elif step.kind == "item":
            n = item_number(step)
            if n is not None:
                out += f"第（{to_cn(n)}）项" if paren_items else f"第{to_cn(n)}项"
        elif step.kind == "subitem":
            n = item_number(step)
            if n is not None:
                out += f"第{n}目"
    return out


def _position(parent: Node, child: Node) -> int:
    """1-based position of ``child`` among ``parent``'s children (by uid)."""
    for i, c in enumerate(parent.children, start=1):
        if c.uid == child.uid:
            return i
    raise ValueError(f"{child.uid} 不在 {parent.uid} 之下")
