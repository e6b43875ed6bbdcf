"""Nodes under construction, which pydantic validates once at the end.

A `Builder` holds the fields of one `Node` plus the source line it starts on. Its eid is fixed when it is attached to its parent, by the rule of
`workbench.model.assign_eids` (the label as written, else the position among siblings of the same
kind; duplicates made unique), because nodes are created in document order. At the end
the builders become plain data and `Document.model_validate` checks the whole tree in one call,
each node exactly once, as loading from JSON does; nothing is copied afterwards.

Uids come from a `UidSeries`: one fresh uid from the factory per document, then ``<uid>-<n>``
per node, unique and permanent like any factory uid but a string format instead of twelve
random draws per node.
"""

from __future__ import annotations

from typing import Any

from workbench.model import CONTAINER_KINDS, EID_PREFIX, NodeKind, UidFactory

__all__ = ["Builder", "EidAllocator", "UidSeries"]


class UidSeries:
    """Uids for the nodes of one parsed document, derived from one factory uid."""

    __slots__ = ("_base", "_count", "_factory")

    def __init__(self, factory: UidFactory) -> None:
        self._factory = factory
        self._base: str | None = None
        self._count = 0

    def __call__(self) -> str:
        """The next uid: ``<base>-<n>`` in hexadecimal, ``n`` counting from 1."""
        if self._base is None:
            self._base = self._factory()
        self._count += 1
        return f"{self._base}-{self._count:x}"


class Builder:
    """The fields of one `Node` being built, plus where it starts in the source."""

    __slots__ = (
        "caption",
        "children",
        "eid",
        "heading",
        "insertion",
        "kind",
        "line",
        "num",
        "positions",
        "text",
        "uid",
    )

    def __init__(self, kind: NodeKind, uid: str, line: int, *, num: str | None = None) -> None:
        self.kind: NodeKind = kind
        self.uid = uid
        self.eid = ""
        self.num = num
        self.heading = ""
        self.caption: str | None = None
        self.insertion = False
        self.text = ""
        self.children: list[Builder] = []
        self.line = line
        """Source line where the node starts (for diagnostics)."""
        self.positions: dict[str, int] = {}
        """How many children of each kind are attached so far (for positional eids)."""

    def data(self) -> dict[str, Any]:
        """The node as the plain data `Node` validates from (children included)."""
        return {
            "kind": self.kind,
            "uid": self.uid,
            "eid": self.eid,
            "num": self.num,
            "heading": self.heading or None,
            "caption": self.caption,
            "insertion": self.insertion,
            "text": self.text,
            "children": [c.data() for c in self.children] if self.children else (),
        }


class EidAllocator:
    """Hands out eids as nodes are attached, in document order."""

    __slots__ = ("_root_positions", "_used")

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._root_positions: dict[str, int] = {}

    def attach(
        self, parent: Builder | None, node: Builder, token: str | None, roots: list[Builder]
    ) -> None:
        """Append ``node`` to ``parent`` (or to ``roots``) and give it its eid.

        Args:
            parent: The parent node, None at the top of the document.
            node: The new node.
            token: The eid token read from its label (``15``, ``133-2``); None for position.
            roots: The document's top-level list.
        """
        kind = node.kind
        if parent is None:
            positions, prefix, target = self._root_positions, "", roots
        else:
            positions, prefix, target = parent.positions, parent.eid, parent.children
        position = positions.get(kind, 0) + 1
        positions[kind] = position
        if token is None:
            token = f"nn{position}" if kind in CONTAINER_KINDS else str(position)
        own = f"{EID_PREFIX[kind]}_{token}"
        eid = f"{prefix}__{own}" if prefix else own
        used = self._used
        if eid in used:
            n = 2
            while f"{eid}-x{n}" in used:
                n += 1
            eid = f"{eid}-x{n}"
        used.add(eid)
        node.eid = eid
        target.append(node)
