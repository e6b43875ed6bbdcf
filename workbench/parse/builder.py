"""Nodes under construction as plain data, which pydantic validates once at the end.

A node being built is a plain ``dict`` with the fields of `Node` (`NodeData`). Its eid is fixed
when it is attached to its parent, by the rule of `workbench.model.assign_eids` (the label as
written, else the position among siblings of the same kind; duplicates made unique), because
nodes are created in document order. At the end `Document.model_validate` checks the whole tree
in one call, each node exactly once, as loading from JSON does; nothing is copied afterwards.
"""

from __future__ import annotations

from typing import Any

from workbench.model import CONTAINER_KINDS, EID_PREFIX

__all__ = ["EidAllocator", "NodeData"]


NodeData = dict[str, Any]
"""The fields of one `Node` as plain data (``children`` a list of the same); fields at their
default value may be left out."""


class EidAllocator:
    """Hands out eids as nodes are attached, in document order."""

    __slots__ = ("_positions", "_used")

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._positions: dict[str, dict[str, int]] = {}
        """Per parent eid ("" for the top), how many children of each kind it has so far."""

    def attach(
        self, parent: NodeData | None, node: NodeData, token: str | None, roots: list[NodeData]
    ) -> None:
        """Append ``node`` to ``parent`` (or to ``roots``) and give it its eid.

        Args:
            parent: The parent node, None at the top of the document.
            node: The new node.
            token: The eid token read from its label (``15``, ``133-2``); None for position.
            roots: The document's top-level list.
        """
        kind = node["kind"]
        if parent is None:
            prefix, target = "", roots
        else:
            prefix, target = parent["eid"], parent["children"]
            if kind == "paragraph":
                # An article holds only paragraphs, so the position is the list length, and
                # the eid is unique because the article's is: no bookkeeping needed.
                node["eid"] = f"{prefix}__para_{len(target) + 1}"
                target.append(node)
                return
        positions = self._positions.get(prefix)
        if positions is None:
            positions = self._positions[prefix] = {}
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
        node["eid"] = eid
        target.append(node)
