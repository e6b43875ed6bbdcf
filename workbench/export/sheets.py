"""Spreadsheet writing shared by the XLSX exports: safe cells, headers, print setup.

Every text cell goes through `write_cell`: a value that a spreadsheet could take for a formula
(beginning with ``=``, ``+``, ``-``, ``@``, a tab or a line break) is stored as a string
with Excel's quote prefix, so no spreadsheet evaluates it, even after the cell is edited, and
control characters (which a worksheet cannot hold) are handled by the workbench's one rule
(`workbench.controls.document_text`). Must not import store or workspace.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from workbench.controls import document_text

__all__ = [
    "FORMULA_STARTS",
    "add_sheet",
    "fit_row_heights",
    "is_formula_like",
    "workbook_bytes",
    "write_cell",
    "write_header",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a cell may not begin with unless it is stored as quoted text."""

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_FONT = "宋体"


def is_formula_like(value: str) -> bool:
    """Whether a spreadsheet could evaluate ``value`` typed into a cell."""
    return value.startswith(FORMULA_STARTS)


def write_cell(ws: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> Any:
    """Write one bordered, wrapped cell; formula-like text is stored as quoted text.

    Args:
        ws: The sheet.
        row: 1-based row.
        column: 1-based column.
        value: Text, a number, rich text or None.
        bold: Bold font.

    Returns:
        The openpyxl cell.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, CellRichText):
        value = CellRichText(
            *(
                TextBlock(part.font, document_text(part.text))
                if isinstance(part, TextBlock)
                else document_text(part)
                for part in value
            )
        )
        cell.value = value
        if is_formula_like(str(value)):
            cell.quotePrefix = True
    elif isinstance(value, str):
        value = document_text(value)
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.font = Font(name=_FONT, size=11, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = _BORDER
    return cell


def write_header(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    """A shaded bold header row; column widths; the header repeats on every printed page."""
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = write_cell(ws, row, column, title, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{row + 1}"
    ws.print_title_rows = f"{row}:{row}"


def add_sheet(
    wb: Workbook, title: str, *, heading: str | None = None, columns: int = 1
) -> Worksheet:
    """A new landscape A4 sheet, its first row a merged bold heading when given."""
    ws: Worksheet = wb.create_sheet(title=title)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if heading:
        cell = ws.cell(row=1, column=1, value=heading)
        if is_formula_like(heading):
            cell.data_type = "s"
            cell.quotePrefix = True
        cell.font = Font(name="黑体", size=16, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if columns > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        ws.row_dimensions[1].height = 30
    return ws


def fit_row_heights(ws: Worksheet, first_row: int = 2) -> None:
    """Set each row's height to fit its wrapped text.

    Spreadsheets do not grow rows for wrapped text written by a program (LibreOffice keeps
    them one line high), so the height is estimated from the text and the column widths:
    a CJK character takes two width units, any other one.
    """
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None:
                continue
            letter = get_column_letter(cell.column)
            width = ws.column_dimensions[letter].width or 8.43
            per_line = max(width - 1, 1)
            count = sum(
                max(1, math.ceil(_display_width(part) / per_line))
                for part in str(cell.value).split("\n")
            )
            lines = max(lines, count)
        index = row[0].row
        if index is not None:
            ws.row_dimensions[index].height = min(409, 15 * lines + 3)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def workbook_bytes(wb: Workbook) -> bytes:
    """Serialise a workbook (its default empty first sheet removed if others exist)."""
    if len(wb.sheetnames) > 1 and wb.sheetnames[0] == "Sheet":
        del wb["Sheet"]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
