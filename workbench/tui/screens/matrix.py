"""The 四前四方 matrix: the four nodes × the four parties, each cell's status and comment count.

Above it, the project's stage line: where the project stands in its cycle, what comes next and
which node is open (`workbench.tui.widgets.stage_line`).

Space moves a cell one status forward and stops at 已会商; Backspace moves it back after a
confirmation. Every press counts: the screen shows the new status at once and queues the
write, and one writer at a time stores the queue in order (each write audited, and refused if
the cell moved since the screen last saw it).
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.errors import WorkbenchError
from workbench.model.cycle import CycleState
from workbench.model.project import CELL_STATUSES, Matrix, MatrixCell
from workbench.tui.commands import bindings_for
from workbench.tui.screens.dialogs import ChoiceDialog, TextDialog
from workbench.tui.session import Session
from workbench.tui.widgets.screen_tabs import ScreenTabs
from workbench.tui.widgets.stage_line import StageLine
from workbench.tui.widgets.tables import refill

__all__ = ["MatrixScreen"]

_STATUS_STYLE = {"未征求": "dim", "已征求": "yellow", "已反馈": "cyan", "已会商": "bold green"}


@dataclass(frozen=True, slots=True)
class CellChange:
    """One queued change of a cell: from the status the screen showed to the next."""

    node: str
    party: str
    before: str
    after: str
    record: str | None = None


def with_cell(matrix: Matrix, node: str, party: str, status: str, record: str | None) -> Matrix:
    """``matrix`` with one cell changed (what the screen shows until the write lands)."""
    cells = tuple(
        c.model_copy(update={"status": status, "record": c.record if record is None else record})
        if (c.node, c.party) == (node, party)
        else c
        for c in matrix.cells
    )
    return Matrix(project=matrix.project, config=matrix.config, cells=cells)


class MatrixScreen(Screen[None]):
    """Nodes down, parties across; space moves the selected cell to its next status."""

    SCOPE = "matrix"
    BINDINGS = bindings_for("matrix")

    matrix: var[Matrix | None] = var(None)
    """The matrix shown."""
    counts: var[dict[tuple[str, str], int]] = var(dict)
    """Comments per (node, party)."""

    @dataclass
    class Loaded(Message):
        """The matrix (and where the project stands) arrived from the worker."""

        matrix: Matrix
        counts: dict[tuple[str, str], int]
        state: CycleState

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project shown."""
        self._queue: deque[CellChange] = deque()
        """Changes pressed but not written yet, oldest first."""
        self._writer = threading.Lock()
        """Held by the worker writing the queue, so writes land one at a time and in order."""

    def compose(self) -> ComposeResult:
        """The stage line, the table and the selected cell's record."""
        yield Header()
        yield ScreenTabs("matrix")
        yield Static("四前四方：立项前、初审前、二审前、表决前 × 四方", classes="bar")
        yield StageLine("", id="stage-line")
        yield DataTable(id="matrix-table", cursor_type="cell")
        yield Static("", id="matrix-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Load the matrix."""
        self.query_one("#stage-line").border_title = "立法流程"
        self.query_one("#matrix-table").border_title = "会商矩阵"
        self.query_one("#matrix-detail").border_title = "会商记录"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="载入矩阵")
    def load(self) -> None:
        """Read the matrix, the counts and the project's stage."""
        self.post_message(self._loaded())

    def _loaded(self) -> Loaded:
        """What the screen shows, read afresh (call from a thread worker)."""
        matrix = self.session.matrix(self.slug)
        counts = self.session.matrix_counts(self.slug)
        return self.Loaded(matrix, counts, self.session.cycle.state(self.slug))

    def on_matrix_screen_loaded(self, message: Loaded) -> None:
        """Show the stored matrix, unless presses are still queued (their state is shown)."""
        if not self._queue or self.matrix is None:
            self.matrix = message.matrix
        self.counts = message.counts
        self.query_one(StageLine).show(message.state)
        self._show(self.matrix, message.counts)

    def _show(self, matrix: Matrix, counts: dict[tuple[str, str], int]) -> None:
        """Fill the table, keeping the cursor where it was."""
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        rows: list[tuple[str, list[Text | str]]] = []
        for node in matrix.config.nodes:
            cells: list[Text | str] = [Text(node, style="bold")]
            for cell in matrix.row(node):
                text = Text(cell.status, style=_STATUS_STYLE.get(cell.status, ""))
                n = counts.get((node, cell.party), 0)
                if n:
                    text.append(f"  意见{n}条", style="")
                cells.append(text)
            rows.append((node, cells))
        parties = [(party, party) for party in matrix.config.parties]
        refill(table, [("节点", "node"), *parties], rows)
        table.cursor_coordinate = cursor if cursor.column > 0 else cursor._replace(column=1)
        table.focus()
        self._describe(table.cursor_row, table.cursor_column)

    @on(DataTable.CellHighlighted, "#matrix-table")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe(event.coordinate.row, event.coordinate.column)

    def _describe(self, row: int, column: int) -> None:
        cell = self._cell_at(row, column)
        detail = self.query_one("#matrix-detail", Static)
        if cell is None:
            detail.update("")
            return
        who = (
            f"{cell.updated_by}，{cell.updated_at:%Y-%m-%d %H:%M}"
            if cell.updated_at
            else "尚未变更"
        )
        detail.update(
            f"{cell.node} · {cell.party}：{cell.status}（{who}）\n{cell.record or '（无会商记录）'}"
        )

    def action_advance(self) -> None:
        """Move the cell under the cursor one status forward (已会商 is the last)."""
        cell = self._cursor_cell()
        if cell is None:
            return
        index = CELL_STATUSES.index(cell.status)
        if index + 1 == len(CELL_STATUSES):
            self.notify(
                f"{cell.node} · {cell.party} 已是“{cell.status}”，不能再推进；"
                "如需退回，请按 Backspace。",
                severity="warning",
            )
            return
        self._change(CellChange(cell.node, cell.party, cell.status, CELL_STATUSES[index + 1]))

    def action_step_back(self) -> None:
        """Move the cell under the cursor one status back, after asking."""
        cell = self._cursor_cell()
        if cell is None:
            return
        index = CELL_STATUSES.index(cell.status)
        if index == 0:
            self.notify(f"{cell.node} · {cell.party} 尚未征求，无可退回。", severity="warning")
            return
        self._confirm_back(cell, CELL_STATUSES[index - 1])

    @work(exclusive=True, group="dialog")
    async def _confirm_back(self, cell: MatrixCell, previous: str) -> None:
        answer = await self.app.push_screen_wait(
            ChoiceDialog(
                f"把 {cell.node} · {cell.party} 从“{cell.status}”退回“{previous}”？",
                ["取消，保持不变", f"退回“{previous}”（记入操作日志）"],
            )
        )
        if answer == 1:
            self._change(CellChange(cell.node, cell.party, cell.status, previous))

    def action_edit_record(self) -> None:
        """Write the 会商 record of the cell under the cursor."""
        cell = self._cursor_cell()
        if cell is not None:
            self._edit_record(cell)

    @work(exclusive=True, group="dialog")
    async def _edit_record(self, cell: MatrixCell) -> None:
        text = await self.app.push_screen_wait(
            TextDialog(f"{cell.node} · {cell.party} 会商记录", cell.record)
        )
        if text is not None and text.strip() != cell.record:
            current = self._cell(cell.node, cell.party) or cell
            self._change(
                CellChange(cell.node, cell.party, current.status, current.status, text.strip())
            )

    def _change(self, change: CellChange) -> None:
        """Show the change at once and queue its write (no press is lost or merged)."""
        if self.matrix is None:
            return
        self.matrix = with_cell(self.matrix, change.node, change.party, change.after, change.record)
        self._show(self.matrix, self.counts)
        self._queue.append(change)
        self.write_queue()

    @work(thread=True, group="save", exit_on_error=False, description="保存矩阵")
    def write_queue(self) -> None:
        """Write the queued changes in order, then show the stored matrix.

        Never exclusive: a new press must not cancel a write. Every worker takes the lock and
        empties the queue, so the writes keep the order of the presses.
        """
        with self._writer:
            if not self._queue:
                return
            try:
                while self._queue:
                    change = self._queue[0]
                    self.session.set_cell(
                        self.slug,
                        change.node,
                        change.party,
                        change.after,
                        change.record,
                        expected=change.before,
                    )
                    self._queue.popleft()
            except WorkbenchError as exc:
                self._queue.clear()
                self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            self.post_message(self._loaded())

    def _cursor_cell(self) -> MatrixCell | None:
        table = self.query_one(DataTable)
        return self._cell_at(table.cursor_row, table.cursor_column)

    def _cell(self, node: str, party: str) -> MatrixCell | None:
        return self.matrix.cell(node, party) if self.matrix is not None else None

    def _cell_at(self, row: int, column: int) -> MatrixCell | None:
        matrix = self.matrix
        if matrix is None or column < 1:
            return None
        nodes, parties = matrix.config.nodes, matrix.config.parties
        if not (0 <= row < len(nodes) and column - 1 < len(parties)):
            return None
        return matrix.cell(nodes[row], parties[column - 1])
