"""Carry the uids of one version over to a version imported from outside.

A department's new Word file comes with fresh uids; `carry_uids` gives each of its provisions
the uid of the old provision the alignment pairs it with, so comments and history follow.
"""

from __future__ import annotations

from workbench.diff.align import align_documents, iter_pairs
from workbench.diff.normalize import normalize
from workbench.diff.units import similarity_ratio
from workbench.model import Document, Node, UidFactory, full_text, index_by_uid

__all__ = ["carry_uids"]


def carry_uids(old: Document, new: Document) -> Document:
    """Give ``new`` the uids of the ``old`` provisions it continues.

    Used when a version is imported from outside (a department's new Word file): paired
    articles and their paired paragraphs, items and subitems take the old uid; a split keeps
    the old article's uid on the piece most like it, a merge on the new article from the old
    article most like it; paired containers (by heading and content) and annexes with the same
    heading keep theirs too. Everything else keeps its own uid, re-minted only if it collides
    with a carried one.

    Args:
        old: The previous version, whose uids are permanent.
        new: The imported version with freshly minted uids. A uid it shares with ``old``
            pairs by uid first, so re-mint clashing uids before calling (the workspace does).

    Returns:
        ``new`` with uids replaced; numbers, eids and text unchanged.
    """
    alignment = align_documents(old, new)
    old_nodes = index_by_uid(old)
    new_nodes = index_by_uid(new)
    carried: dict[str, str] = {}
    taken: set[str] = set()

    def carry(new_uid: str, old_uid: str) -> None:
        if new_uid not in carried and old_uid not in taken:
            carried[new_uid] = old_uid
            taken.add(old_uid)

    def closest(among: tuple[str, ...], nodes: dict[str, Node], other: Node) -> str:
        target = normalize(full_text(other))
        return max(among, key=lambda u: similarity_ratio(normalize(full_text(nodes[u])), target))

    for pair in alignment.articles:
        if not pair.old_uids or not pair.new_uids:
            continue
        if len(pair.new_uids) > 1:
            o = pair.old_uids[0]
            carry(closest(pair.new_uids, new_nodes, old_nodes[o]), o)
        elif len(pair.old_uids) > 1:
            n = pair.new_uids[0]
            carry(n, closest(pair.old_uids, old_nodes, new_nodes[n]))
        else:
            carry(pair.new_uids[0], pair.old_uids[0])
        for sub in iter_pairs(pair.children):
            if len(sub.old_uids) == 1 and len(sub.new_uids) == 1:
                carry(sub.new_uids[0], sub.old_uids[0])
    for pair in alignment.containers:
        if len(pair.old_uids) == 1 and len(pair.new_uids) == 1:
            carry(pair.new_uids[0], pair.old_uids[0])
    old_annexes = {normalize(a.heading): a.uid for a in old.annexes}
    for annex in new.annexes:
        if normalize(annex.heading) in old_annexes:
            carry(annex.uid, old_annexes[normalize(annex.heading)])

    mint = UidFactory()

    def uid_for(uid: str) -> str:
        if uid in carried:
            return carried[uid]
        if uid in taken:
            fresh = mint()
            while fresh in taken or fresh in new_nodes:
                fresh = mint()
            return fresh
        return uid

    def rebuild(node: Node) -> Node:
        return node.model_copy(
            update={
                "uid": uid_for(node.uid),
                "children": tuple(rebuild(c) for c in node.children),
            }
        )

    return Document.model_validate(
        new.model_copy(
            update={
                "children": tuple(rebuild(c) for c in new.children),
                "annexes": tuple(a.model_copy(update={"uid": uid_for(a.uid)}) for a in new.annexes),
            }
        ).model_dump()
    )
