"""Amendment decisions (修改决定): typed operations, reading one, applying it, drafting one.

Core, no UI: imports diff, edit, refs, parse, render and model only (see the layers in
`design.md`); never Textual, Rich, click, the store or the workspace.
"""

from workbench.amend.apply import AmendError, apply_decision, apply_part
from workbench.amend.decision import (
    Closing,
    Decision,
    DecisionItem,
    DecisionPart,
    ItemStatus,
    kind_name,
)
from workbench.amend.draft import DraftError, draft_decision
from workbench.amend.operations import Operation, Place
from workbench.amend.outcome import AppliedDecision, ChangeLink, OperationOutcome
from workbench.amend.reader import read_decision, read_decision_file
from workbench.amend.unitemised import Unitemised, unitemised_changes
from workbench.amend.writer import decision_paragraphs, decision_text

__all__ = [
    "AmendError",
    "AppliedDecision",
    "ChangeLink",
    "Closing",
    "Decision",
    "DecisionItem",
    "DecisionPart",
    "DraftError",
    "ItemStatus",
    "Operation",
    "OperationOutcome",
    "Place",
    "Unitemised",
    "apply_decision",
    "apply_part",
    "decision_paragraphs",
    "decision_text",
    "draft_decision",
    "kind_name",
    "read_decision",
    "read_decision_file",
    "unitemised_changes",
]
