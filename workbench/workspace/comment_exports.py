"""The 意见采纳情况表 and the station feedback, written while the comments are read.

`CommentExports.report` reads the comments of a version clause by clause, in text order
(`Listing.by_clause`), turns each clause's into report rows (`workbench.export.ReportBuilder`:
duplicate clusters as one row, personal data masked) and streams the rows into the workbook
or the Word table; only the counts are kept for the 统计 sheet and the summary sentence. A
worksheet holds at most 1,048,576 rows: a report longer than that is written as one row per
clause with its count, and says so (`ExportNotes`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from workbench.comments import WHOLE
from workbench.errors import StoreError
from workbench.export import (
    ReportBuilder,
    ReportRow,
    ReportSummary,
    build_feedback,
    feedback_docx,
    feedback_xlsx,
    report_docx,
    write_clause_summary_xlsx,
    write_report_xlsx,
)
from workbench.export.feedback import ISSUER_PLACEHOLDER
from workbench.export.xlsx_stream import MAX_SHEET_ROWS
from workbench.store import comment_clusters as cl
from workbench.workspace.comments import CommentService, CommentView
from workbench.workspace.settings import SETTINGS_NAME, document_settings
from workbench.workspace.workspace import Workspace

__all__ = ["REPORT_HEADER_ROWS", "CommentExports", "ReportedComment"]

REPORT_HEADER_ROWS = 2
"""Rows above the report's table in its worksheet (the title and the column names)."""


@dataclass(frozen=True, slots=True)
class ReportedComment:
    """A comment as the report reads it (`workbench.export.CommentLike`)."""

    id: int
    station: str
    collector: str
    whole: bool
    target_uid: str | None
    cited_as: str
    submitter: str
    contact: str
    submitter_category: str | None
    opinion: str
    reason: str
    proposal: str


@dataclass(frozen=True, slots=True)
class _Decided:
    kind: str
    reason: str


class CommentExports:
    """The comment reports of one workspace."""

    def __init__(self, ws: Workspace, comments: CommentService) -> None:
        self.ws = ws
        """The workspace."""
        self.comments = comments
        """The comment service (listing and stations)."""

    def report(
        self, project: str, number: int, fmt: str, *, include_personal_data: bool = False
    ) -> tuple[bytes, tuple[str, ...]]:
        """The 意见采纳情况表 of version ``number`` as XLSX or DOCX, and what to tell the user."""
        doc = self.ws.document(project, number)
        stations = {s.code: s for s in self.comments.stations()}
        builder = ReportBuilder(
            doc,
            stations=stations,
            include_personal_data=include_personal_data,
            paren_items=document_settings(self.ws.path).paren_items,
        )
        rows = self._rows(project, number, builder)
        out = io.BytesIO()

        def summary() -> ReportSummary:
            """The counts, with the stations and articles nobody's comments reached."""
            seen = self.comments.coverage(project, number)
            return replace(
                builder.summary(),
                silent_stations=tuple(s.name for s in seen.stations if seen.row_total(s.code) == 0),
                uncommented=seen.uncommented,
            )

        if fmt == "docx":
            return report_docx(builder.title, rows, summary), ()
        if self._row_count(project) <= MAX_SHEET_ROWS - REPORT_HEADER_ROWS:
            write_report_xlsx(out, builder.title, rows, summary)
            return out.getvalue(), ()
        for _ in rows:  # count them all; too many for one sheet
            pass
        counts = summary()
        note = (
            f"本表共 {counts.rows:,} 行意见（{counts.total_comments:,} 条），超过 Excel 工作表 "
            f"{MAX_SHEET_ROWS:,} 行的上限，因此按条款汇总，每条款一行并列出意见数；"
            "逐条意见请导出 Word 版，或用 workbench comments list、v_comments 视图按条款查看"
        )
        write_clause_summary_xlsx(out, builder.title, counts, note)
        return out.getvalue(), (note,)

    def _rows(self, project: str, number: int, builder: ReportBuilder) -> Iterator[ReportRow]:
        """The report's rows, clause by clause, in text order."""
        for views in self.comments.listing.by_clause(project, number, builder.position):
            comments, decisions, notes = _reported(views)
            clusters: dict[int, list[int]] = {}
            for v in views:
                if v.cluster is not None:
                    clusters.setdefault(v.cluster, []).append(v.id)
            yield from builder.rows(
                comments, decisions, clusters=list(clusters.values()), clause_notes=notes
            )

    def _row_count(self, project: str) -> int:
        """How many rows the report has: comments, less the extra members of each cluster."""
        pid = self.comments.catalogue.project_id(project)
        with self.ws.read() as conn:
            total = cl.count_comments(conn, pid)
            members, clusters = cl.cluster_sizes(conn, pid)
        return total - members + clusters

    def feedback(
        self,
        project: str,
        number: int,
        station: str,
        fmt: str,
        *,
        include_personal_data: bool = False,
        today: date | None = None,
    ) -> tuple[bytes, tuple[str, ...]]:
        """The feedback to one station on version ``number``, as XLSX or DOCX; what to tell.

        Signed (落款) by the workspace's issuer on its date or ``today``
        (`workbench.workspace.settings`); the user is told when comments are still undecided
        or no issuer is set.

        Raises:
            StoreError: The station is not in the registry; the settings file is wrong.
        """
        settings = document_settings(self.ws.path)
        registry = {s.code: s for s in self.comments.stations()}
        if station not in registry:
            known = "、".join(sorted(registry)) or "（登记表为空）"
            raise StoreError(f"联络站编号“{station}”不在登记表中；已登记的有：{known}")
        doc = self.ws.document(project, number)
        views, _ = self.comments.comments(project, number, station=station)
        comments, decisions, notes = _reported(views)
        feedback = build_feedback(
            doc,
            registry[station],
            comments,
            decisions,
            clause_notes=notes,
            include_personal_data=include_personal_data,
            issuer=settings.issuer,
            date=settings.signed_on(today or datetime.now(UTC).astimezone().date()),
            paren_items=settings.paren_items,
        )
        told: list[str] = []
        if feedback.pending:
            told.append(
                f"{registry[station].name}尚有 {feedback.pending} 条意见待处理：反馈中写明“正在研究，"
                "处理结果另行反馈”；处理完毕后可再次导出"
            )
        if not settings.issuer:
            told.append(
                f"落款单位尚未设置，反馈中暂写“{ISSUER_PLACEHOLDER}”：请在工作区的 "
                f'{SETTINGS_NAME} 中写明 [documents] issuer = "……"'
            )
        data = feedback_xlsx(feedback) if fmt == "xlsx" else feedback_docx(feedback)
        return data, tuple(told)


def _reported(
    views: list[CommentView],
) -> tuple[list[ReportedComment], dict[int, Any], dict[int, str]]:
    """Comments, decisions and clause names for the pure report functions."""
    comments: list[ReportedComment] = []
    decisions: dict[int, Any] = {}
    notes: dict[int, str] = {}
    for view in views:
        whole = view.article == WHOLE or view.target == WHOLE
        comments.append(
            ReportedComment(
                id=view.id,
                station=view.station,
                collector="",
                whole=whole,
                target_uid=None if whole else view.target_uid,
                cited_as=view.cited_as,
                submitter=view.submitter,
                contact=view.contact,
                submitter_category=view.submitter_category,
                opinion=view.text,
                reason=view.reason,
                proposal=view.proposal,
            )
        )
        if view.decision:
            decisions[view.id] = _Decided(view.decision, view.decision_reason)
        if view.state != "placed":
            notes[view.id] = (
                f"{view.cited_as}（未定位）" if view.state == "unplaced" else view.display
            )
    return comments, decisions, notes
