"""The TUI's gateway to the legislative cycle: a project's stage line and the reports at each reading.

Part of the TUI's session (`Session.cycle`): the matrix screen asks it where the project
stands (`CycleState`, the state ``workbench cycle show`` prints); the export screen asks it for
the versions each report compares by default and has it write a report (the document
``workbench export report`` writes). It reads the workspace through
`workbench.workspace.cycle` and `workbench.workspace.reading_reports`. Methods read the
database: call them from thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.export import REPORT_KINDS
from workbench.model.cycle import CycleState
from workbench.workspace.cycle import CycleService
from workbench.workspace.exports import ExportService
from workbench.workspace.reading_reports import ReadingReportService
from workbench.workspace.workspace import Workspace

__all__ = ["REPORT_CHOICES", "ProjectCycle", "ReportChoice", "ReportPair"]


@dataclass(frozen=True, slots=True)
class ReportChoice:
    """One report the export screen offers."""

    id: str
    """Its export-kind id (``report-result``)."""
    kind: str
    """The report kind (`workbench.export.REPORT_KINDS`: ``审议结果`` …)."""
    title: str
    """What the export screen calls it."""


REPORT_CHOICES: tuple[ReportChoice, ...] = (
    ReportChoice("report-drafting", "起草说明", "报告：起草说明（一审）"),
    ReportChoice("report-changes", "修改情况", "报告：修改情况的报告（中间审议）"),
    ReportChoice("report-result", "审议结果", "报告：审议结果的报告（最后一次审议）"),
    ReportChoice("report-vote", "修改情况说明", "报告：修改情况的说明（表决前）"),
)
"""The reports at each reading, in the order of the cycle (one per `REPORT_KINDS`)."""


@dataclass(frozen=True, slots=True)
class ReportPair:
    """The versions a report compares by default."""

    old: int | None
    """The earlier version's number (None when the report has nothing before its text)."""
    new: int
    """The number of the version the report accompanies."""


class ProjectCycle:
    """The cycle of one open workspace's projects, as the screens use it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        """The open workspace."""

    def state(self, slug: str) -> CycleState:
        """Where the project stands: its stages, the current and next one, the open node."""
        return CycleService(self.workspace).state(slug)

    def report_pairs(self, slug: str) -> dict[str, ReportPair | str]:
        """Each report kind with the versions it compares, or why it cannot be drafted yet."""
        service = ReadingReportService(self.workspace)
        out: dict[str, ReportPair | str] = {}
        for kind in REPORT_KINDS:
            try:
                old, new = service.pair(slug, kind)
            except WorkbenchError as exc:
                out[kind] = str(exc)
                continue
            out[kind] = ReportPair(old.number if old else None, new.number)
        return out

    def export_report(
        self, slug: str, kind: str, fmt: str, old: int | None, new: int | None
    ) -> Path:
        """Write the report into the workspace's ``exports/`` folder; returns the file written.

        Raises:
            WorkbenchError: Unknown kind or format, or the project lacks the texts (in Chinese).
        """
        export = ReadingReportService(self.workspace).export(slug, kind, fmt, old, new)
        return ExportService(self.workspace).write(export)
