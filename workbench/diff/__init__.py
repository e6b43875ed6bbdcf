"""Align two versions article by article, classify the changes, diff text inside pairs.

May import `workbench.refs`, `workbench.parse` and `workbench.model`; never `workbench.edit`
(a sibling) nor anything above. Only `workbench.diff._dmp` touches diff-match-patch.
"""

from workbench.diff.align import align_documents, iter_pairs
from workbench.diff.carry import carry_uids
from workbench.diff.declared import (
    DECLARED_KINDS,
    DeclaredKind,
    DeclaredLink,
    DeclaredLinkError,
)
from workbench.diff.headings import heading_change_label, heading_label
from workbench.diff.history import (
    STEP_LABELS,
    ArticleHistory,
    HistoryStep,
    StepStatus,
    Timeline,
    article_history,
)
from workbench.diff.merges import merged_into
from workbench.diff.pairs import (
    CHANGE_KINDS,
    CHANGE_LABELS,
    HEADING_CHANGE_KINDS,
    Alignment,
    ChangeKind,
    HeadingChange,
    HeadingChangeKind,
    Pair,
    TextChange,
)
from workbench.diff.textdiff import (
    Hunk,
    HunkOp,
    SideBySide,
    diff_text,
    hunks_from_json,
    hunks_to_json,
    inline_markup,
    new_side,
    old_side,
    side_by_side,
    split_lines,
)

__all__ = [
    "CHANGE_KINDS",
    "CHANGE_LABELS",
    "DECLARED_KINDS",
    "HEADING_CHANGE_KINDS",
    "STEP_LABELS",
    "Alignment",
    "ArticleHistory",
    "ChangeKind",
    "DeclaredKind",
    "DeclaredLink",
    "DeclaredLinkError",
    "HeadingChange",
    "HeadingChangeKind",
    "HistoryStep",
    "Hunk",
    "HunkOp",
    "Pair",
    "SideBySide",
    "StepStatus",
    "TextChange",
    "Timeline",
    "align_documents",
    "article_history",
    "carry_uids",
    "diff_text",
    "heading_change_label",
    "heading_label",
    "hunks_from_json",
    "hunks_to_json",
    "inline_markup",
    "iter_pairs",
    "merged_into",
    "new_side",
    "old_side",
    "side_by_side",
    "split_lines",
]
