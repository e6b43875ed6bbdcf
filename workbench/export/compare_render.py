"""The 修改对照表 laid out: a landscape Word table, a spreadsheet, or one HTML page.

Deleted text is struck through, inserted text bold and underlined, article numbers in 黑体.
Rows changed only by renumbering elsewhere are one closing line under the table (其他条文序号作
相应调整。), or follow in a separate table when asked for. Must not import store or workspace.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from workbench.diff import CHANGE_LABELS
from workbench.export.compare_table import CompareRow, CompareTable, Run
from workbench.export.html import page
from workbench.export.sheets import (
    add_sheet,
    fit_row_heights,
    workbook_bytes,
    write_cell,
    write_header,
)
from workbench.export.word import (
    FONT_BODY,
    FONT_HEADING,
    FONT_KAI,
    FONT_TITLE,
    SIZE_2,
    SIZE_SMALL_4,
    add_page_numbers,
    add_run,
    add_text,
    fix_column_widths,
    new_document,
    save_bytes,
    set_cell_shading,
    set_repeat_header,
    set_run_font,
)

__all__ = ["LEGEND", "compare_docx", "compare_html", "compare_xlsx"]

LEGEND = "说明：删除的文字加删除线，增加或修改的文字加粗并加下划线。"
"""The line under the title that says how changes are marked."""

_APART = "以下条文仅因条文增删而相应调整序号或所引用的条文序号"
_EMPTY = "两个版本之间没有修改。"
_WIDTHS_MM = (92, 92, 41)


def _headers(table: CompareTable) -> tuple[str, str, str]:
    return (table.old_heading, table.new_heading, "修改说明")


def _empty(table: CompareTable) -> str:
    """What an empty table says: the closing line when renumbering was all, else no change."""
    return table.closing or _EMPTY


def _closing(table: CompareTable) -> str:
    """The line under a table with rows (an empty one says it inside)."""
    return table.closing if table.rows else ""


# -- Word -------------------------------------------------------------------------------------


def compare_docx(table: CompareTable) -> bytes:
    """The table as a landscape A4 Word document."""
    word = new_document(landscape=True, body_size=SIZE_SMALL_4)
    add_page_numbers(word.sections[0])
    add_text(word, table.title, font=FONT_TITLE, size=SIZE_2, align="center")
    add_text(
        word,
        f"（{table.old_name}与{table.new_name}对照）",
        font=FONT_KAI,
        size=Pt(14),
        align="center",
    )
    add_text(word, LEGEND, size=SIZE_SMALL_4, align="left", space_after=Pt(6))
    _docx_table(word, table, table.rows, empty=_empty(table))
    if _closing(table):
        add_text(word, _closing(table), size=SIZE_SMALL_4, align="left", space_after=Pt(6))
    if table.consequential:
        add_text(word, "", size=SIZE_SMALL_4)
        add_text(word, _APART + "：", font=FONT_HEADING, size=Pt(14), align="left")
        _docx_table(word, table, table.consequential, empty="")
    return save_bytes(word)


def _docx_table(word: Any, table: CompareTable, rows: tuple[CompareRow, ...], empty: str) -> None:
    grid = word.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    header = grid.rows[0]
    set_repeat_header(header)
    for cell, title in zip(header.cells, _headers(table), strict=True):
        set_cell_shading(cell, "D9E1F2")
        paragraph = cell.paragraphs[0]
        paragraph.alignment = 1
        set_run_font(add_run(paragraph, title), FONT_HEADING, size=SIZE_SMALL_4)
    if not rows:
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[2])
        set_run_font(add_run(merged.paragraphs[0], empty), FONT_BODY, size=SIZE_SMALL_4)
    for row in rows:
        cells = grid.add_row().cells
        _docx_lines(cells[0], row.old)
        _docx_lines(cells[1], row.new)
        _docx_note(cells[2], row.note)
    fix_column_widths(grid, _WIDTHS_MM)


def _docx_lines(cell: Any, lines: tuple[tuple[Run, ...], ...]) -> None:
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.paragraph_format.first_line_indent = Pt(24)
        for run in line:
            r = add_run(paragraph, run.text)
            if run.style == "label":
                set_run_font(r, FONT_HEADING, size=SIZE_SMALL_4)
            else:
                set_run_font(r, FONT_BODY, size=SIZE_SMALL_4)
                if run.style == "deleted":
                    r.font.strike = True
                elif run.style == "inserted":
                    r.font.bold = True
                    r.font.underline = True


def _docx_note(cell: Any, note: str) -> None:
    for index, line in enumerate(note.split("\n") if note else ()):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        set_run_font(add_run(paragraph, line), FONT_BODY, size=SIZE_SMALL_4)


# -- spreadsheet ------------------------------------------------------------------------------


def compare_xlsx(table: CompareTable) -> bytes:
    """The table as a workbook: 修改对照表, and the consequential rows on their own sheet."""
    wb = Workbook()
    _xlsx_sheet(wb, "修改对照表", table.title, table, table.rows)
    ws = wb["修改对照表"]
    if table.closing:
        write_cell(ws, ws.max_row + 1, 2, _closing(table) or _empty(table))
    if table.consequential:
        _xlsx_sheet(wb, "序号相应调整", _APART, table, table.consequential)
    return workbook_bytes(wb)


def _xlsx_sheet(
    wb: Workbook, name: str, heading: str, table: CompareTable, rows: tuple[CompareRow, ...]
) -> None:
    ws = add_sheet(wb, name, heading=heading, columns=5)
    write_header(ws, 2, ("序号", *_headers(table), "修改类别"), (6, 60, 60, 30, 10))
    for number, row in enumerate(rows, start=1):
        r = number + 2
        write_cell(ws, r, 1, number)
        write_cell(ws, r, 2, _rich(row.old))
        write_cell(ws, r, 3, _rich(row.new))
        write_cell(ws, r, 4, row.note)
        write_cell(ws, r, 5, CHANGE_LABELS[row.kind])
    fit_row_heights(ws, 3)


def _rich(lines: tuple[tuple[Run, ...], ...]) -> CellRichText | str:
    blocks: list[str | TextBlock] = []
    for index, line in enumerate(lines):
        if index:
            blocks.append("\n")
        for run in line:
            if run.style == "deleted":
                blocks.append(TextBlock(InlineFont(strike=True), run.text))
            elif run.style == "inserted":
                blocks.append(TextBlock(InlineFont(b=True, u="single"), run.text))
            elif run.style == "label":
                blocks.append(TextBlock(InlineFont(rFont="黑体", b=True), run.text))
            else:
                blocks.append(run.text)
    if not blocks:
        return ""
    return CellRichText(*blocks)


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
table.compare { border-collapse: collapse; width: 100%; }
table.compare th, table.compare td { border: 1px solid #888; padding: .4em .6em; vertical-align: top; }
table.compare th { background: #d9e1f2; font-family: "黑体", "SimHei", sans-serif; }
table.compare td p { margin: 0 0 .3em 0; text-indent: 2em; }
del { text-decoration: line-through; color: #a00; }
ins { text-decoration: underline; font-weight: bold; }
.label { font-family: "黑体", "SimHei", sans-serif; }
.legend { color: #444; }
"""


def compare_html(table: CompareTable) -> str:
    """The table as one self-contained HTML page."""
    parts = [
        f"<h1>{escape(table.title)}</h1>",
        f'<p class="note">（{escape(table.old_name)}与{escape(table.new_name)}对照）</p>',
        f'<p class="legend">{escape(LEGEND)}</p>',
        _html_table(table, table.rows, _empty(table)),
    ]
    if _closing(table):
        parts.append(f'<p class="closing">{escape(_closing(table))}</p>')
    if table.consequential:
        parts.append(f"<h2>{escape(_APART)}</h2>")
        parts.append(_html_table(table, table.consequential, ""))
    return page(table.title, "\n".join(parts), extra_css=_CSS)


def _html_table(table: CompareTable, rows: tuple[CompareRow, ...], empty: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in _headers(table))
    out = [f'<table class="compare"><thead><tr>{head}</tr></thead><tbody>']
    if not rows:
        out.append(f'<tr><td colspan="3">{escape(empty)}</td></tr>')
    for row in rows:
        note = "<br>".join(escape(n) for n in row.note.split("\n"))
        out.append(
            f'<tr class="{row.kind}"><td>{_html_lines(row.old)}</td>'
            f"<td>{_html_lines(row.new)}</td><td>{note}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_lines(lines: tuple[tuple[Run, ...], ...]) -> str:
    out: list[str] = []
    for line in lines:
        parts: list[str] = []
        for run in line:
            text = escape(run.text)
            if run.style == "deleted":
                parts.append(f"<del>{text}</del>")
            elif run.style == "inserted":
                parts.append(f"<ins>{text}</ins>")
            elif run.style == "label":
                parts.append(f'<span class="label">{text}</span>')
            else:
                parts.append(text)
        out.append(f"<p>{''.join(parts)}</p>")
    return "".join(out)
