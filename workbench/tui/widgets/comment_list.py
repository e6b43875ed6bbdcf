"""A table of comments: where each comes from, what it targets, what it says, its decision.

A thin widget: the screen sets `rows` (plain `CommentRow` values); the table renders them and
posts `CommentList.Chosen` when the cursor moves to a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

__all__ = ["CommentList", "CommentRow"]

_TEXT_LABEL = "意见建议"
_TEXT_LABEL_WIDTH = cell_len(_TEXT_LABEL)

_DECISION_STYLE = {
    "采纳": "bold green",
    "部分采纳": "green",
    "未采纳": "red",
    "留作参考": "cyan",
}


@dataclass(frozen=True, slots=True)
class CommentRow:
    """What the comment table shows of one comment."""

    id: int
    """The comment's id in the workspace."""
    source: str
    """Where it came from: the station's name or the party."""
    target: str
    """Its clause in the version shown (``第十一条第一款``), or ``未定位`` / ``原条款已删除``."""
    text: str
    """The opinion (意见建议)."""
    decision: str
    """The decision so far, or empty."""
    cluster: int | None = None
    """The duplicate cluster it belongs to, if any."""


class CommentList(DataTable[Text | str]):
    """The comments of a node or of a filter, one per row."""

    comments: reactive[Sequence[CommentRow]] = reactive(tuple, init=False, always_update=True)
    """The comments shown, in order."""
    total: reactive[int] = reactive(0, init=False)
    """How many comments match in all (the table may show only the first ones)."""

    @dataclass
    class Chosen(Message):
        """The cursor moved to a comment."""

        table: CommentList
        """The table that posted it."""
        comment_id: int
        """The comment under the cursor."""

        @property
        def control(self) -> CommentList:
            """The table that posted the message."""
            return self.table

    def on_mount(self) -> None:
        """Set up the columns."""
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._add_columns(_TEXT_LABEL_WIDTH)

    def _add_columns(self, text_width: int) -> None:
        self.add_column("来源", width=14, key="source")
        self.add_column("条款", width=16, key="target")
        self.add_column("处理", width=8, key="decision")
        self.add_column(_TEXT_LABEL, width=text_width, key="text")

    def watch_comments(self, rows: Sequence[CommentRow]) -> None:
        """Refill the table, keeping the cursor on the same row (the list is reloaded after a decision).

        Every column gets an explicit width (the opinions' as wide as the widest): Textual's
        automatic width, measured when it next idles, sometimes missed rows added just after a
        clear and left the opinions cut to their header's width.
        """
        keep = self.cursor_row
        texts = [(f"◆{row.cluster} " if row.cluster is not None else "") + row.text for row in rows]
        self.clear(columns=True)
        self._add_columns(max([_TEXT_LABEL_WIDTH, *map(cell_len, texts)]))
        for row, text in zip(rows, texts, strict=True):
            decision = Text(
                row.decision or "待处理", style=_DECISION_STYLE.get(row.decision, "dim")
            )
            self.add_row(row.source, row.target, decision, text, key=str(row.id))
        if rows and keep > 0:
            self.move_cursor(row=min(keep, len(rows) - 1))
        self.border_subtitle = (
            f"{len(rows)}/{self.total} 条" if self.total > len(rows) else f"{len(rows)} 条"
        )

    @property
    def current_id(self) -> int | None:
        """The comment under the cursor, if any."""
        if not self.comments or not 0 <= self.cursor_row < len(self.comments):
            return None
        return self.comments[self.cursor_row].id

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Turn Textual's highlight into a domain message."""
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(self, int(event.row_key.value)))
