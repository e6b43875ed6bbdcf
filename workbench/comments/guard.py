"""The door of a tabular comment file (CSV or XLSX rows): limits and the control-character rule.

`guard_rows` stands between a reader and `workbench.comments.table.read_table`. Each row it
passes on is checked against the limits as it streams (no more rows than a worksheet has,
no more data rows than the workbench takes, no row wider than `Limits.max_columns`, the
memory `Budget`), so a hostile file is refused before its rows pile up; and each cell gets the
workbench's one control-character rule (`workbench.controls.clean_text`): line-like controls
become line breaks, other controls are removed with a warning that names the row and column.
It must not import the store or the workspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from workbench.comments.limits import (
    CELL_COST,
    EXCEL_MAX_ROWS,
    ROW_COST,
    Budget,
    LimitExceeded,
    Limits,
)
from workbench.comments.parsed import ParsedFile
from workbench.controls import clean_text, has_controls
from workbench.errors import FileProblem

__all__ = ["CONTROL_WARNING", "column_letters", "guard_rows"]

CONTROL_WARNING = "删除了看不见的控制字符（{removed}），多为从其他软件粘贴时带入；请核对这段文字"
"""The warning for a cell the control-character rule changed (``removed``: what went)."""


def column_letters(index: int) -> str:
    """A 0-based column as Excel letters (``0`` → ``A``, ``26`` → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def guard_rows(
    rows: Iterable[Sequence[str]],
    parsed: ParsedFile,
    limits: Limits,
    budget: Budget,
    *,
    controls: bool = True,
) -> Iterator[Sequence[str]]:
    """Pass ``rows`` on, checked and cleaned (see the module docstring).

    Rows are numbered as `read_table` numbers them: the first non-blank row (the header) is
    row 1. ``controls=False`` skips the cell check (the caller found no control character);
    rows already in a list are then checked all at once, in C.

    Raises:
        LimitExceeded: Too many rows, a row too wide, or over the memory budget (for a list
            without controls: at once; otherwise while the rows are read).
    """
    if isinstance(rows, list) and not controls:
        _check_list(rows, limits, budget)
        return iter(rows)
    return _guarded(rows, parsed, limits, budget, controls=controls)


def _check_list(rows: list[Sequence[str]], limits: Limits, budget: Budget) -> None:
    """`_guarded`'s checks on rows already read, without a Python step per row."""
    start = next((i for i, cells in enumerate(rows) if any(c.strip() for c in cells)), len(rows))
    body = rows[start:]
    if len(body) > EXCEL_MAX_ROWS:
        raise LimitExceeded(
            f"行数超过 Excel 工作表的上限 {EXCEL_MAX_ROWS} 行：文件已损坏或不是意见表",
            row=EXCEL_MAX_ROWS + 1,
        )
    widths = list(map(len, body))
    if widths and max(widths) > limits.max_columns:
        number = next(i for i, w in enumerate(widths, start=1) if w > limits.max_columns)
        raise LimitExceeded(
            f"一行有 {widths[number - 1]} 列，超过意见表可读的 {limits.max_columns} 列："
            "请删除表格右侧多余的内容",
            row=number,
        )
    if sum(map(any, body[1:])) > limits.max_rows:
        data = 0
        for number, cells in enumerate(body[1:], start=2):
            data += any(cells)
            if data > limits.max_rows:
                raise LimitExceeded(
                    f"数据行过多（上限 {limits.max_rows} 行）：请拆分文件", row=number
                )
    chars = sum(map(len, chain.from_iterable(body)))
    budget.charge(ROW_COST * len(body) + CELL_COST * sum(widths) + 2 * chars)


def _guarded(
    rows: Iterable[Sequence[str]],
    parsed: ParsedFile,
    limits: Limits,
    budget: Budget,
    *,
    controls: bool = True,
) -> Iterator[Sequence[str]]:
    header: Sequence[str] | None = None
    number = 0
    data_rows = 0
    max_rows = limits.max_rows
    max_columns = limits.max_columns
    for cells in rows:
        if header is None:
            if not any(c.strip() for c in cells):
                continue
            header = cells
        number += 1
        if number > EXCEL_MAX_ROWS:
            raise LimitExceeded(
                f"行数超过 Excel 工作表的上限 {EXCEL_MAX_ROWS} 行：文件已损坏或不是意见表",
                row=number,
            )
        width = len(cells)
        if width > max_columns:
            raise LimitExceeded(
                f"一行有 {width} 列，超过意见表可读的 {max_columns} 列：请删除表格右侧多余的内容",
                row=number,
            )
        if number > 1 and any(cells):
            data_rows += 1
            if data_rows > max_rows:
                raise LimitExceeded(f"数据行过多（上限 {max_rows} 行）：请拆分文件", row=number)
        budget.charge(ROW_COST + CELL_COST * width + 2 * sum(map(len, cells)), row=number)
        if controls and has_controls("".join(cells)):
            cells = _clean_row(cells, number, header, parsed)
            if number == 1:
                header = cells
        yield cells


def _clean_row(
    cells: Sequence[str], number: int, header: Sequence[str], parsed: ParsedFile
) -> list[str]:
    out = list(cells)
    for i, cell in enumerate(cells):
        if not has_controls(cell):
            continue
        out[i], removed = clean_text(cell)
        if removed:
            name = header[i].strip() if i < len(header) and number > 1 else ""
            parsed.warnings.append(
                FileProblem(
                    CONTROL_WARNING.format(removed="、".join(removed)),
                    file=parsed.name,
                    row=number,
                    column=clean_text(name)[0] or column_letters(i),
                )
            )
    return out
