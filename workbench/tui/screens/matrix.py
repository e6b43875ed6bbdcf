"""The 四前四方 matrix: the four nodes × the four parties, each cell's status and comment count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.model.project import CELL_STATUSES, Matrix, MatrixCell
from workbench.tui.commands import bindings_for
from workbench.tui.screens.dialogs import TextDialog
from workbench.tui.session import Session
from workbench.tui.widgets.screen_tabs import ScreenTabs
from workbench.tui.widgets.tables import refill

__all__ = ["MatrixScreen"]

_STATUS_STYLE = {"未征求": "dim", "已征求": "yellow", "已反馈": "cyan", "已会商": "bold green"}


class MatrixScreen(Screen[None]):
    """Nodes down, parties across; Enter moves the selected cell to its next status."""

    SCOPE = "matrix"
    BINDINGS = bindings_for("matrix")

    matrix: var[Matrix | None] = var(None)
    """The matrix shown."""
    counts: var[dict[tuple[str, str], int]] = var(dict)
    """Comments per (node, party)."""

    @dataclass
    class Loaded(Message):
        """The matrix arrived from the worker."""

        matrix: Matrix
        counts: dict[tuple[str, str], int]

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project shown."""

    def compose(self) -> ComposeResult:
        """The table and the selected cell's record."""
        yield Header()
        yield ScreenTabs("matrix")
        yield Static("四前四方：立项前、初审前、二审前、表决前 × 四方", classes="bar")
        yield DataTable(id="matrix-table", cursor_type="cell")
        yield Static("", id="matrix-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Load the matrix."""
        self.query_one("#matrix-table").border_title = "会商矩阵"
        self.query_one("#matrix-detail").border_title = "会商记录"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="载入矩阵")
    def load(self) -> None:
        """Read the matrix and the counts."""
        matrix = self.session.matrix(self.slug)
        self.post_message(self.Loaded(matrix, self.session.matrix_counts(self.slug)))

    def on_matrix_screen_loaded(self, message: Loaded) -> None:
        """Fill the table, keeping the cursor where it was."""
        self.matrix, self.counts = message.matrix, message.counts
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        rows: list[tuple[str, list[Text | str]]] = []
        for node in message.matrix.config.nodes:
            cells: list[Text | str] = [Text(node, style="bold")]
            for cell in message.matrix.row(node):
                text = Text(cell.status, style=_STATUS_STYLE.get(cell.status, ""))
                n = message.counts.get((node, cell.party), 0)
                if n:
                    text.append(f"  意见{n}条", style="")
                cells.append(text)
            rows.append((node, cells))
        parties = [(party, party) for party in message.matrix.config.parties]
        refill(table, [("节点", "node"), *parties], rows)
        table.cursor_coordinate = cursor if cursor.column > 0 else cursor._replace(column=1)
        table.focus()

    @on(DataTable.CellHighlighted, "#matrix-table")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        cell = self._cell_at(event.coordinate.row, event.coordinate.column)
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

    @on(DataTable.CellSelected, "#matrix-table")
    def _selected(self, event: DataTable.CellSelected) -> None:
        self.action_advance()

    def action_advance(self) -> None:
        """Move the cell under the cursor to the next status (已会商 goes back to 未征求)."""
        table = self.query_one(DataTable)
        cell = self._cell_at(table.cursor_row, table.cursor_column)
        if cell is None:
            return
        following = CELL_STATUSES[(CELL_STATUSES.index(cell.status) + 1) % len(CELL_STATUSES)]
        self.save_cell(cell.node, cell.party, following)

    def action_edit_record(self) -> None:
        """Write the 会商 record of the cell under the cursor."""
        table = self.query_one(DataTable)
        cell = self._cell_at(table.cursor_row, table.cursor_column)
        if cell is not None:
            self._edit_record(cell)

    @work(exclusive=True, group="dialog")
    async def _edit_record(self, cell: MatrixCell) -> None:
        text = await self.app.push_screen_wait(
            TextDialog(f"{cell.node} · {cell.party} 会商记录", cell.record)
        )
        if text is not None and text != cell.record:
            self.save_cell(cell.node, cell.party, cell.status, text.strip())

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="保存")
    def save_cell(self, node: str, party: str, status: str, record: str | None = None) -> None:
        """Write the cell and reload."""
        matrix = self.session.set_cell(self.slug, node, party, status, record)
        self.post_message(self.Loaded(matrix, self.session.matrix_counts(self.slug)))

    def _cell_at(self, row: int, column: int) -> MatrixCell | None:
        matrix = self.matrix
        if matrix is None or column < 1:
            return None
        nodes, parties = matrix.config.nodes, matrix.config.parties
        if not (0 <= row < len(nodes) and column - 1 < len(parties)):
            return None
        return matrix.cell(nodes[row], parties[column - 1])
