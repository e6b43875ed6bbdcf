"""Carry uids from the previous version to a newly imported one.

`carry_uids` is the one entry point the workspace calls. The alignment itself is
`workbench.diff.carry_uids`; this wrapper first gives fresh uids to any node of the new tree
whose parser-minted uid already belongs to the old tree (a parser seeded like the last run mints
the same uids), so an old uid only ever returns on the node the alignment says continues it, and
a deleted node's uid is never reused for something else.
"""

from __future__ import annotations

from typing import Any

from workbench.diff import carry_uids as align_uids
from workbench.model import Document, iter_nodes, new_uid

__all__ = ["carry_uids"]


def carry_uids(old: Document, new: Document) -> Document:
    """Return ``new`` with the uids of the nodes of ``old`` it continues.

    Args:
        old: The previous version (its uids are the permanent ones).
        new: The freshly parsed version (its uids were just minted).

    Returns:
        ``new`` with carried uids; text, numbers and eids unchanged.
    """
    return align_uids(old, _without_old_uids(old, new))


def _uids(doc: Document) -> set[str]:
    return {n.uid for n in iter_nodes(doc.children)} | {a.uid for a in doc.annexes}


def _without_old_uids(old: Document, new: Document) -> Document:
    taken = _uids(old)
    clashes = _uids(new) & taken
    if not clashes:
        return new
    fresh: dict[str, str] = {}
    for uid in sorted(clashes):
        candidate = new_uid()
        while candidate in taken:
            candidate = new_uid()
        fresh[uid] = candidate
    data = new.model_dump()
    _rewrite(data, fresh)
    return Document.model_validate(data)


def _rewrite(data: Any, mapping: dict[str, str]) -> None:
    """Replace uids in a dumped Document (nodes, annexes, diagnostics) in place."""
    if isinstance(data, dict):
        uid = data.get("uid")
        if isinstance(uid, str) and uid in mapping:
            data["uid"] = mapping[uid]
        for value in data.values():
            _rewrite(value, mapping)
    elif isinstance(data, list | tuple):
        for value in data:
            _rewrite(value, mapping)
