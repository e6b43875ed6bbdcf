"""Who has not spoken: a heat table of comments by station (or county) and chapter.

Opened from the triage screen (``f``). Rows are the stations of the registry grouped by county,
or the counties (``q``); columns 全文, each chapter, 其他; each cell is shaded by how many comments
it holds, an empty one shows ``·``, so a station that never reported and a chapter nobody read
stand out. The arrows move through it; the line under it says what the cursor's cell holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from workbench.tui.commands import bindings_for
from workbench.tui.session import Session
from workbench.tui.values import short_station
from workbench.workspace.comments.coverage import Coverage

__all__ = ["CoverageScreen", "shade"]

_SHADES = (
    (0, ""),
    (1, "on #1d3b53"),
    (3, "on #2b6a9b"),
    (6, "on #3d8fd1"),
    (10, "black on #8ec9f5"),
)
"""(from this many comments, the cell's style): darker to brighter as the count grows."""


def shade(count: int) -> Text:
    """A cell: the count on a background as bright as the count is high, ``·`` for none."""
    if count == 0:
        return Text("·", style="dim", justify="center")
    style = next(s for floor, s in reversed(_SHADES) if count >= floor)
    return Text(f" {count} ", style=style, justify="center")


class CoverageScreen(ModalScreen[None]):
    """The heat table of one project's comments, on the version the triage screen shows."""

    SCOPE = "coverage"
    BINDINGS = bindings_for("coverage")

    @dataclass
    class Loaded(Message):
        """The counts arrived."""

        coverage: Coverage

    def __init__(self, session: Session, slug: str, number: int) -> None:
        super().__init__()
        self.session = session
        self.slug = slug
        self.number = number
        self.coverage: Coverage | None = None
        """The counts shown (None while loading)."""
        self.by_county = False
        """Rows are counties instead of stations."""
        self.rows: list[tuple[str, dict[str, int]]] = []
        """The rows shown: (station or county, comments per column)."""

    def compose(self) -> ComposeResult:
        """Title, table, the cursor's cell, the silent stations and uncommented articles."""
        with Vertical(classes="dialog coverage"):
            yield Label("意见覆盖情况（载入中）", id="coverage-title", classes="title")
            yield DataTable(id="coverage-table", cursor_type="cell", zebra_stripes=False)
            yield Static("", id="coverage-cell")
            yield Static("", id="coverage-gaps")

    def on_mount(self) -> None:
        """Count in a worker."""
        self.load()

    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def load(self) -> None:
        """Read the counts."""
        self.post_message(self.Loaded(self.session.coverage(self.slug, self.number)))

    def on_coverage_screen_loaded(self, message: Loaded) -> None:
        """Fill the table."""
        self.coverage = message.coverage
        self._fill()

    def action_toggle_rows(self) -> None:
        """Stations ↔ counties."""
        self.by_county = not self.by_county
        self._fill()

    def action_close(self) -> None:
        """Back to triage."""
        self.dismiss(None)

    def _fill(self) -> None:
        cov = self.coverage
        if cov is None:
            return
        self.rows = _rows(cov, by_county=self.by_county)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("县市" if self.by_county else "站点", key="who")
        for column in cov.columns:
            table.add_column(column, key=column)
        table.add_column("合计", key="total")
        for who, counts in self.rows:
            total = sum(counts.values())
            name = Text(who, style="bold red" if total == 0 else "")
            table.add_row(name, *(shade(counts.get(c, 0)) for c in cov.columns), shade(total))
        silent = sum(1 for _, counts in self.rows if not any(counts.values()))
        unit = "个县市" if self.by_county else "个站点"
        self.query_one("#coverage-title", Label).update(
            f"意见覆盖（按{cov.version}的章）：{silent}/{len(self.rows)}{unit}没有意见"
            "　q 县市/站点　Esc 关闭"
        )
        gaps = cov.uncommented
        self.query_one("#coverage-gaps", Static).update(
            f"没有意见的条文（{len(gaps)} 条）：" + ("、".join(gaps) or "无")
        )
        table.focus()
        self._describe(table.cursor_coordinate.row, table.cursor_coordinate.column)

    @on(DataTable.CellHighlighted, "#coverage-table")
    def _moved(self, event: DataTable.CellHighlighted) -> None:
        self._describe(event.coordinate.row, event.coordinate.column)

    def _describe(self, row: int, column: int) -> None:
        """Say what the cursor's cell holds, in words."""
        cov = self.coverage
        if cov is None or not self.rows or row >= len(self.rows):
            return
        who, counts = self.rows[row]
        columns = ("", *cov.columns, "合计")
        where = columns[column] if 0 < column < len(columns) else "合计"
        n = sum(counts.values()) if where == "合计" else counts.get(where, 0)
        self.query_one("#coverage-cell", Static).update(f"{who}　{where}：{n} 条意见")


def _rows(cov: Coverage, *, by_county: bool) -> list[tuple[str, dict[str, int]]]:
    """The table's rows: each station (by county, then code), or each county summed."""
    rows: dict[str, dict[str, int]] = {}
    for station in cov.stations:
        who = (station.county or "（未填县市）") if by_county else station.code
        counts = rows.setdefault(who, {})
        for column in cov.columns:
            n = cov.cells.get((station.code, column), 0)
            if n:
                counts[column] = counts.get(column, 0) + n
    if by_county:
        return list(rows.items())
    names = {s.code: short_station(s.name) for s in cov.stations}
    return [(names[code], counts) for code, counts in rows.items()]
