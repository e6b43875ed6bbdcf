"""What a structural edit returns: the new document and a report of everything it caused.

The report lists the consequential changes (引起的序号调整: every node whose number changed, old
label → new label), every citation rewritten to keep pointing at the same node (before/after),
and every citation left pointing at a node the edit removed (dangling).
"""

from __future__ import annotations

from workbench.model import Document, NodeKind, WorkbenchModel
from workbench.model.ids import Uid

__all__ = ["DanglingCitation", "EditReport", "EditResult", "NumberChange", "TextRewrite"]


class NumberChange(WorkbenchModel):
    """A node whose number (and so its citation) changed as a consequence of the edit."""

    uid: Uid
    """The node; its uid did not change."""
    kind: NodeKind
    """Its level."""
    old: str
    """Its citation before the edit, e.g. ``第十二条``."""
    new: str
    """Its citation after the edit, e.g. ``第十三条``."""


class TextRewrite(WorkbenchModel):
    """A citation rewritten so that it still names the same node(s)."""

    source: Uid
    """The node whose text holds the citation."""
    label: str
    """The citation of that node after the edit, e.g. ``第二十条第二款``."""
    old: str
    """The citation as it read before, e.g. ``本条例第十二条``."""
    new: str
    """The citation as it reads now, e.g. ``本条例第十三条``."""
    text_before: str
    """The node's whole text before the rewrite."""
    text_after: str
    """The node's whole text after all rewrites in it."""


class DanglingCitation(WorkbenchModel):
    """A citation that pointed at a node the edit removed; its words were left as written."""

    source: Uid
    """The node whose text holds the citation."""
    label: str
    """The citation of that node after the edit."""
    text: str
    """The citation as written."""
    missing: tuple[Uid, ...]
    """The removed node(s) it pointed at."""
    reason: str
    """Why it dangles, in Chinese."""


class EditReport(WorkbenchModel):
    """Everything an edit did besides the change asked for."""

    operation: str
    """What was done, in Chinese (``在第十二条后增加一条``)."""
    created: tuple[Uid, ...] = ()
    """Uids of nodes the edit created."""
    removed: tuple[Uid, ...] = ()
    """Uids of nodes the edit removed (merged nodes included)."""
    modified: tuple[Uid, ...] = ()
    """Uids of nodes whose own words the edit itself changed (replace, split, merge)."""
    number_changes: tuple[NumberChange, ...] = ()
    """引起的序号调整: nodes whose own number changed, in document order."""
    rewrites: tuple[TextRewrite, ...] = ()
    """Citations rewritten to follow their targets, in document order."""
    dangling: tuple[DanglingCitation, ...] = ()
    """Citations left pointing at removed nodes."""
    redirected: tuple[tuple[Uid, Uid], ...] = ()
    """(removed uid, surviving uid) pairs: citations of a merged node now cite the survivor."""


class EditResult(WorkbenchModel):
    """The outcome of a structural edit."""

    document: Document
    """The edited document: renumbered, with its cross-references rewritten."""
    report: EditReport
    """The consequential changes."""
