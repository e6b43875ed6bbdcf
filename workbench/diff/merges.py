"""Articles merged into another: which old nodes a new version carries on under another's uid.

Comments on a node that a merge took away follow it to the article it merged into
(`workbench.comments.CitationIndex.merged`); the import records them
(`workbench.workspace.versions`) and schema migration 3 recomputes them for older workspaces.
"""

from __future__ import annotations

from workbench.diff.align import align_documents
from workbench.model import Document, iter_nodes

__all__ = ["merged_into"]


def merged_into(old: Document, new: Document) -> dict[str, str]:
    """The nodes of ``old`` gone from ``new`` in a merge → the article they merged into.

    An article merged into another whose uid it did not keep maps, with every descendant that
    ``new`` does not continue, to the merged article (the first new article of the pair).
    """
    present = {n.uid for n in iter_nodes(new.children)}
    out: dict[str, str] = {}
    for pair in align_documents(old, new).articles:
        if pair.kind != "merged" or not pair.new_uids or pair.new_uids[0] not in present:
            continue
        into = pair.new_uids[0]
        gone = [u for u in pair.old_uids if u not in present]
        for node in iter_nodes(old.children):
            if node.uid in gone:
                for sub in iter_nodes((node,)):
                    if sub.uid not in present:
                        out.setdefault(sub.uid, into)
    return out
