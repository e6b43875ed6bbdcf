"""Pydantic types of the workbench domain: the article tree, ids, diagnostics.

No I/O, no lxml, no Textual: only types and pure derivations from them.
"""

from workbench.model.base import WorkbenchModel
from workbench.model.ids import EId, Uid, UidFactory, new_uid
from workbench.model.nodes import (
    CONTAINER_KINDS,
    KIND_LABELS,
    Annex,
    Diagnostic,
    Document,
    Node,
    NodeKind,
    Severity,
)
from workbench.model.numbering import EID_PREFIX, assign_eids, renumber
from workbench.model.tree import (
    articles,
    citation_label,
    find_path,
    full_text,
    index_by_uid,
    item_number,
    iter_nodes,
    iter_paths,
    path_index,
)

__all__ = [
    "CONTAINER_KINDS",
    "EID_PREFIX",
    "KIND_LABELS",
    "Annex",
    "Diagnostic",
    "Document",
    "EId",
    "Node",
    "NodeKind",
    "Severity",
    "Uid",
    "UidFactory",
    "WorkbenchModel",
    "articles",
    "assign_eids",
    "citation_label",
    "find_path",
    "full_text",
    "index_by_uid",
    "item_number",
    "iter_nodes",
    "iter_paths",
    "new_uid",
    "path_index",
    "renumber",
]
