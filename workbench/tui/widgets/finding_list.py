"""The findings of the drafting checks on a version: where, how bad, what, what to do.

A thin widget: the screen sets `findings` (the `workbench.check.Finding` values of the version
shown); the table renders them, one per row, and posts `FindingList.Chosen` with the clause's uid
when a row is picked (Enter or a click), so the screen can show that clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from workbench.check import SEVERITY_LABELS, Finding
from workbench.model import Severity
from workbench.tui.widgets.tables import refill

__all__ = ["SEVERITY_MARKS", "FindingList"]

SEVERITY_MARKS: dict[Severity, tuple[str, str]] = {
    "error": ("●", "bold red"),
    "warning": ("▲", "yellow"),
    "info": ("○", "cyan"),
}
"""The marker and style of each severity, as the outline, the article and this list show it."""

_COLUMNS = (("位置", "where"), ("级别", "severity"), ("问题", "message"), ("建议", "suggestion"))


class FindingList(DataTable[Text | str]):
    """The findings of one version, in document order."""

    findings: reactive[Sequence[Finding]] = reactive(tuple, init=False, always_update=True)
    """The findings shown."""

    @dataclass
    class Chosen(Message):
        """A finding was picked: show its clause."""

        table: FindingList
        """The table that posted it."""
        uid: str | None
        """The clause the finding is about; None for the text as a whole."""

        @property
        def control(self) -> FindingList:
            """The table that posted the message."""
            return self.table

    def on_mount(self) -> None:
        """Rows are picked whole."""
        self.cursor_type = "row"
        self.zebra_stripes = True
        refill(self, _COLUMNS, [])

    def watch_findings(self, findings: Sequence[Finding]) -> None:
        """Refill the table; the subtitle counts the findings by severity."""
        rows: list[tuple[str, list[Text | str]]] = []
        for k, f in enumerate(findings):
            mark, style = SEVERITY_MARKS[f.severity]
            rows.append(
                (
                    str(k),
                    [
                        f.where,
                        Text(f"{mark}{SEVERITY_LABELS[f.severity]}", style=style),
                        f.message,
                        f.suggestion or "",
                    ],
                )
            )
        refill(self, _COLUMNS, rows)
        counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_MARKS}
        self.border_subtitle = (
            "　".join(f"{SEVERITY_LABELS[s]}{n}" for s, n in counts.items() if n) or "未发现问题"
        )

    @property
    def current(self) -> Finding | None:
        """The finding under the cursor, if any."""
        if not self.findings or not 0 <= self.cursor_row < len(self.findings):
            return None
        return self.findings[self.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Turn Textual's selection into a domain message."""
        event.stop()
        finding = self.current
        if finding is not None:
            self.post_message(self.Chosen(self, finding.uid))
