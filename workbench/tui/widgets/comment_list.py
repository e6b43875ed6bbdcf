"""A table of comments: where each comes from, what it targets, what it says, its decision.

A thin widget: the screen sets `comments` (plain `CommentRow` values); the table renders them and
posts `CommentList.Chosen` when the cursor moves to a row.

Columns get the width their cells need: a station's name is never cut, a long clause label
wraps at a level boundary (第十九条第一款 / 第二项), and the opinion takes the rest of the width on
one line (the screen shows it in full). When the table is too narrow for a readable opinion and
the station, the station column moves after the opinion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

__all__ = ["Columns", "CommentList", "CommentRow", "column_widths", "wrap_label"]

_TEXT_LABEL = "意见建议"
_DECISION_WIDTH = cell_len("留作参考")
_MIN_TEXT = 24
"""The opinion column is never narrower than this (cells)."""
_MAX_TARGET = 24
"""A clause label longer than this wraps, at a level boundary (第…), never inside one."""
_BREAK_BEFORE = re.compile(r"(?<=.)(?=第[^条款项目]*[条款项目章节])|(?<=，)|(?<![第，])(?=（)")
"""Where a clause label may wrap: before each level (第十条|第一款), after a comma, before a
parenthesis."""

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


@dataclass(frozen=True, slots=True)
class Columns:
    """How the table lays out its columns for a given width."""

    source: int
    """The station column's width (its widest name: never cut)."""
    target: int
    """The clause column's width (labels wider than this wrap at a level boundary)."""
    text: int
    """The opinion column's width (one line, the rest of the table)."""
    source_last: bool
    """Whether the station column goes after the opinion (when the table is too narrow to show
    both a readable opinion and the station; the detail shows the station in full)."""


def wrap_label(label: str, width: int) -> str:
    """``label`` broken into lines of at most ``width`` cells at level boundaries only."""
    if cell_len(label) <= width:
        return label
    pieces = [p for p in _BREAK_BEFORE.split(label) if p]
    lines = [""]
    for piece in pieces:
        if lines[-1] and cell_len(lines[-1] + piece) > width:
            lines.append(piece)
        else:
            lines[-1] += piece
    return "\n".join(lines)


def column_widths(sources: Sequence[str], targets: Sequence[str], available: int) -> Columns:
    """The columns for these rows in ``available`` cells (cell padding already taken off)."""
    source = max([cell_len("来源"), *map(cell_len, sources)])
    wrapped = [wrap_label(t, _MAX_TARGET) for t in targets]
    target = max([cell_len("条款"), *(cell_len(line) for t in wrapped for line in t.split("\n"))])
    rest = available - target - _DECISION_WIDTH
    if rest - source >= _MIN_TEXT:
        return Columns(source, target, rest - source, source_last=False)
    return Columns(source, target, max(_MIN_TEXT, rest), source_last=True)


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
        self._fill(self.comments)

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns to the new width."""
        if self.comments:
            self._fill(self.comments)

    def watch_comments(self, rows: Sequence[CommentRow]) -> None:
        """Refill the table, keeping the cursor on the same row (the list is reloaded after a decision).

        Every column gets an explicit width: Textual's automatic width, measured when it next
        idles, sometimes missed rows added just after a clear and cut the opinions short.
        """
        self._fill(rows)

    def _fill(self, rows: Sequence[CommentRow]) -> None:
        keep = self.cursor_row
        padding = 2 * self.cell_padding * 4
        available = (self.scrollable_content_region.width or 80) - padding - 1
        columns = column_widths([r.source for r in rows], [r.target for r in rows], available)
        self.clear(columns=True)
        order = (
            ["target", "decision", "text", "source"]
            if columns.source_last
            else ["source", "target", "decision", "text"]
        )
        labels = {"source": "来源", "target": "条款", "decision": "处理", "text": _TEXT_LABEL}
        widths = {
            "source": columns.source,
            "target": columns.target,
            "decision": _DECISION_WIDTH,
            "text": columns.text,
        }
        for key in order:
            self.add_column(labels[key], width=widths[key], key=key)
        for row in rows:
            target = wrap_label(row.target, columns.target)
            cells: dict[str, Text] = {
                "source": Text(row.source),
                "target": Text(target),
                "decision": Text(
                    row.decision or "待处理", style=_DECISION_STYLE.get(row.decision, "dim")
                ),
                "text": Text(
                    (f"◆{row.cluster} " if row.cluster is not None else "") + row.text,
                    no_wrap=True,
                    overflow="ellipsis",
                ),
            }
            height = target.count("\n") + 1
            self.add_row(*(cells[key] for key in order), key=str(row.id), height=height)
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
