"""A lookup index over one `Document` for resolving and formatting citations quickly.

Built once per document (linear in its size): paths by uid, document order, articles by number,
nodes of each kind in order. Every lookup a citation needs is then O(1) or O(log n), so scanning
the 民法典 (1,260 articles) stays interactive.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from workbench.model import CONTAINER_KINDS, Document, Node, NodeKind, item_number, iter_paths
from workbench.numerals import NumeralError, from_cn, parse_article_number

__all__ = ["DocIndex", "article_key", "container_number"]

_HEADING_NUM = re.compile(r"第\s*(.+?)\s*(?:分编|编|章|节)")


@lru_cache(maxsize=16384)
def article_key(label: str | None) -> tuple[int, int] | None:
    """(number, 之N suffix) of an article label such as ``第十五条之一``; None if unreadable."""
    if not label:
        return None
    try:
        return parse_article_number(label)
    except NumeralError:
        return None


@lru_cache(maxsize=4096)
def _container_number(label: str) -> int | None:
    m = _HEADING_NUM.search(label)
    if m is None:
        return None
    try:
        return from_cn(m.group(1))
    except NumeralError:
        return None


def container_number(node: Node) -> int | None:
    """The number of a 编/分编/章/节 from its label (``第三章`` → 3); None when unnumbered."""
    return _container_number(node.num) if node.num else None


class DocIndex:
    """Read-only lookups over a document; rebuild it after every change."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        """The indexed document."""
        self.paths: dict[str, tuple[Node, ...]] = {}
        """Every uid → its path (ancestors then the node)."""
        self.order: dict[str, int] = {}
        """Every uid → its position in document order."""
        self.by_kind: dict[NodeKind, list[str]] = {}
        """Every kind → its uids in document order."""
        self.kind_pos: dict[str, int] = {}
        """Every uid → its index in ``by_kind`` of its kind."""
        self.articles: list[Node] = []
        """All articles in document order."""
        self.article_pos: dict[str, int] = {}
        """Article uid → index in `articles`."""
        self.article_by_number: dict[tuple[int, int], list[str]] = {}
        """(number, 之N suffix) → uids of the articles written with that label."""
        for i, path in enumerate(iter_paths(doc.children)):
            node = path[-1]
            self.paths[node.uid] = path
            self.order[node.uid] = i
            same_kind = self.by_kind.setdefault(node.kind, [])
            self.kind_pos[node.uid] = len(same_kind)
            same_kind.append(node.uid)
            if node.kind == "article":
                self.article_pos[node.uid] = len(self.articles)
                self.articles.append(node)
                key = article_key(node.num)
                if key is not None:
                    self.article_by_number.setdefault(key, []).append(node.uid)

    def node(self, uid: str) -> Node:
        """The node with ``uid`` (KeyError if absent)."""
        return self.paths[uid][-1]

    def has(self, uid: str) -> bool:
        """Whether the document has a node with ``uid``."""
        return uid in self.paths

    def parent(self, uid: str) -> Node | None:
        """The parent node, or None at the top level."""
        path = self.paths[uid]
        return path[-2] if len(path) > 1 else None

    def ancestor(self, uid: str, kind: NodeKind) -> Node | None:
        """The nearest node of ``kind`` on the path to ``uid`` (the node itself included)."""
        for node in reversed(self.paths[uid]):
            if node.kind == kind:
                return node
        return None

    def within(self, uid: str, container_uid: str) -> bool:
        """Whether ``uid`` lies inside (or is) ``container_uid``."""
        return any(n.uid == container_uid for n in self.paths[uid])

    def containers(self, kind: NodeKind, number: int) -> list[str]:
        """Uids of the containers of ``kind`` numbered ``number``, in document order."""
        assert kind in CONTAINER_KINDS
        return [
            uid for uid in self.by_kind.get(kind, []) if container_number(self.node(uid)) == number
        ]

    def between(self, kind: NodeKind, first: str, last: str) -> list[str]:
        """Uids of ``kind`` from ``first`` to ``last`` inclusive, in document order."""
        uids = self.by_kind.get(kind, [])
        keys = [self.order[u] for u in uids]
        lo = bisect.bisect_left(keys, self.order[first])
        hi = bisect.bisect_right(keys, self.order[last])
        return uids[lo:hi]

    def position(self, uid: str) -> int:
        """1-based position of ``uid`` among its parent's children (top level: the document's)."""
        parent = self.parent(uid)
        siblings = parent.children if parent is not None else self.doc.children
        for i, child in enumerate(siblings, start=1):
            if child.uid == uid:
                return i
        raise KeyError(uid)

    def number_of(self, uid: str) -> int:
        """The written number of an item/subitem (its position when the label is unreadable)."""
        node = self.node(uid)
        n = item_number(node)
        return n if n is not None else self.position(uid)
