"""A station's feedback letter as data: its comments, each decision and reason, the 落款.

The rows are the 意见采纳情况表's (`workbench.export.comment_report`) for the station's own
comments; `workbench.export.comment_render` lays the letter out as DOCX or XLSX. Must not import
store or workspace.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.export.comment_report import (
    CommentLike,
    DecisionLike,
    ReportRow,
    build_comment_report,
)
from workbench.model import Document
from workbench.model.comments import DECISION_KINDS, UNDECIDED, Station

__all__ = ["DATE_PLACEHOLDER", "ISSUER_PLACEHOLDER", "Feedback", "build_feedback"]

ISSUER_PLACEHOLDER = "××人民代表大会常务委员会法制工作委员会"
"""The 落款 written when no issuer is set (to be filled in by hand)."""
DATE_PLACEHOLDER = "××××年××月××日"
"""The 落款 date written when none is given."""


@dataclass(frozen=True, slots=True)
class Feedback:
    """What goes back to one station: each of its comments with the decision and reason."""

    title: str
    """``关于《……》征求意见采纳情况的反馈``."""
    station: Station
    """The station addressed."""
    rows: tuple[ReportRow, ...]
    """Its comments, one row each, in text order."""
    counts: tuple[tuple[str, int], ...]
    """(decision, comments) for the letter's opening sentence."""
    issuer: str = ""
    """The body signing the letter (落款); empty: `ISSUER_PLACEHOLDER`, to fill in by hand."""
    date: str = ""
    """The 落款 date as written (``2026年12月4日``)."""

    @property
    def pending(self) -> int:
        """How many of the station's comments nobody has decided yet."""
        return sum(n for kind, n in self.counts if kind == UNDECIDED)


def build_feedback(
    doc: Document,
    station: Station,
    comments: Sequence[CommentLike],
    decisions: Mapping[int, DecisionLike],
    *,
    clause_notes: Mapping[int, str] | None = None,
    include_personal_data: bool = False,
    issuer: str = "",
    date: str = "",
    paren_items: bool = False,
) -> Feedback:
    """The feedback for one station: its comments only, each on its own row.

    Args:
        doc: The version the comments were made on.
        station: The station.
        comments: Comments (those of other stations are left out).
        decisions: The decision on each comment, by comment id.
        clause_notes: Names of clauses ``doc`` lacks, by comment id.
        include_personal_data: Show 提出人 and 联系方式 unmasked.
        issuer: The body signing the letter (落款).
        date: The 落款 date as written.
        paren_items: Cite items as ``第（一）项`` (else ``第一项``).

    Returns:
        The feedback.
    """
    own = [c for c in comments if c.station == station.code]
    report = build_comment_report(
        doc,
        own,
        decisions,
        stations={station.code: station},
        clause_notes=clause_notes,
        include_personal_data=include_personal_data,
        paren_items=paren_items,
    )
    counts = Counter(r.decision for r in report.rows)
    return Feedback(
        title=f"关于《{doc.title}》征求意见采纳情况的反馈",
        station=station,
        rows=report.rows,
        counts=tuple((k, counts[k]) for k in (*DECISION_KINDS, UNDECIDED) if counts[k]),
        issuer=issuer,
        date=date,
    )
