"""What applying a decision gives: the new text, each operation's outcome, the change links.

Every changed node carries the decision item that changed it (`AppliedDecision.changed_by`), and
every operation leaves a `ChangeLink` (old uids → new uids with the change it declares), so the
对照表 and the alignment can show an article the decision split as split and two it merged as
merged, whatever their texts' similarity says.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from workbench.edit import EditReport
from workbench.model import Document, WorkbenchModel
from workbench.model.ids import Uid

__all__ = ["AppliedDecision", "ChangeKind", "ChangeLink", "OperationOutcome", "OutcomeStatus"]

OutcomeStatus = Literal["applied", "manual", "failed"]
ChangeKind = Literal["added", "deleted", "modified", "moved", "renumbered", "split", "merged"]


class OperationOutcome(WorkbenchModel):
    """How one operation (or one manual clause) of an item fared."""

    item: str
    """The item's number as written (``一``, ``一.3``, ``第三十二条``)."""
    kind: str
    """The operation's kind (``replace_article``, ``insert_paragraph`` …; ``manual`` or
    ``unrecognised`` for clauses left to a person)."""
    status: OutcomeStatus
    """``applied``; ``manual`` (left for staff, see ``message``); ``failed`` (does not fit the
    base text, see ``message``)."""
    message: str | None = None
    """What happened or what to do, in Chinese."""
    source: str = ""
    """The clause as written."""


class ChangeLink(WorkbenchModel):
    """A change the decision declares: which base nodes became which result nodes, and how."""

    item: str
    """The item that declares it."""
    change: ChangeKind
    """``added``, ``deleted``, ``modified``, ``moved``, ``renumbered``, ``split`` or ``merged``."""
    level: str
    """The level of the nodes linked (``article``, ``paragraph``, ``item``, ``chapter`` …)."""
    old_uids: tuple[Uid, ...] = ()
    """The base nodes (old version)."""
    new_uids: tuple[Uid, ...] = ()
    """The result nodes (new version)."""


class AppliedDecision(WorkbenchModel):
    """A decision applied to a base text."""

    document: Document
    """The amended text: renumbered, internal citations rewritten to the new numbers."""
    outcomes: tuple[OperationOutcome, ...] = ()
    """Every operation and manual clause, item by item, in the decision's order."""
    links: tuple[ChangeLink, ...] = ()
    """The changes the decision declares, for the 对照表 and the alignment."""
    changed_by: dict[str, str] = Field(default_factory=dict)
    """Every node the decision changed (base or result uid) → the item that changed it."""
    consequences: EditReport | None = None
    """What followed silently (条文顺序作相应调整): renumbered nodes, rewritten citations,
    citations left pointing at deleted provisions."""
    unitemised: str | None = None
    """The decision's own words declaring changes it does not list (对…一些文字作了修改)."""

    @property
    def manual(self) -> tuple[OperationOutcome, ...]:
        """The outcomes left to staff."""
        return tuple(o for o in self.outcomes if o.status == "manual")

    @property
    def failed(self) -> tuple[OperationOutcome, ...]:
        """The operations that did not fit the base."""
        return tuple(o for o in self.outcomes if o.status == "failed")
