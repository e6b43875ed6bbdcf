"""The 意见采纳情况表 and station feedback laid out as XLSX or DOCX.

The workbook has the table and a 统计 sheet (counts by decision, station and clause); the Word
versions are landscape tables under an official-document title. Every spreadsheet cell goes
through `workbench.export.sheets.write_cell` (no formula injection). Must not import store or
workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt
from openpyxl import Workbook

from workbench.export.comment_report import MIXED, CommentReport, Feedback, ReportRow
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
    FONT_TITLE,
    SIZE_2,
    SIZE_3,
    SIZE_SMALL_4,
    add_page_numbers,
    add_run,
    add_text,
    fix_column_widths,
    new_document,
    save_bytes,
    set_cell_shading,
    set_first_line_chars,
    set_repeat_header,
    set_run_font,
)

__all__ = [
    "REPORT_COLUMNS",
    "comment_report_docx",
    "comment_report_xlsx",
    "feedback_docx",
    "feedback_xlsx",
]

REPORT_COLUMNS: tuple[str, ...] = (
    "序号",
    "条款",
    "来源",
    "提出人",
    "联系方式",
    "意见建议",
    "理由",
    "建议修改为",
    "同类意见数",
    "处理意见",
    "处理理由",
)
"""The columns of the 意见采纳情况表 workbook."""
_REPORT_WIDTHS = (6, 16, 24, 10, 14, 40, 30, 30, 8, 10, 30)

FEEDBACK_COLUMNS: tuple[str, ...] = (
    "序号",
    "条款",
    "提出人",
    "意见建议",
    "建议修改为",
    "处理结果",
    "理由说明",
)
_FEEDBACK_WIDTHS = (6, 16, 10, 44, 30, 10, 36)


def _report_values(number: int, row: ReportRow) -> tuple[Any, ...]:
    return (
        number,
        row.clause,
        "、".join(row.sources),
        row.submitters,
        row.contacts,
        row.opinion,
        row.reason,
        row.proposal,
        row.cluster_size,
        row.decision,
        row.decision_reason,
    )


def _feedback_values(number: int, row: ReportRow) -> tuple[Any, ...]:
    return (
        number,
        row.clause,
        row.submitters,
        row.opinion,
        row.proposal,
        row.decision,
        row.decision_reason,
    )


# -- workbooks --------------------------------------------------------------------------------


def comment_report_xlsx(report: CommentReport) -> bytes:
    """The report as a workbook: 意见采纳情况 and 统计 sheets."""
    wb = Workbook()
    ws = add_sheet(wb, "意见采纳情况", heading=report.title, columns=len(REPORT_COLUMNS))
    write_header(ws, 2, REPORT_COLUMNS, _REPORT_WIDTHS)
    for number, row in enumerate(report.rows, start=1):
        for column, value in enumerate(_report_values(number, row), start=1):
            write_cell(ws, number + 2, column, value)
    fit_row_heights(ws, 3)
    stats = add_sheet(wb, "统计", heading="意见统计", columns=3)
    r = 2
    write_header(stats, r, ("处理意见", "意见条数（同类合并）", "原始意见数"), (24, 22, 14))
    for kind, rows, comments in report.by_decision:
        r += 1
        shown: int | str = "（已按各自处理意见计入上方）" if kind == MIXED else comments
        for column, value in enumerate((kind, rows, shown), start=1):
            write_cell(stats, r, column, value)
    r += 1
    for column, value in enumerate(("合计", len(report.rows), report.total_comments), start=1):
        write_cell(stats, r, column, value, bold=True)
    r += 2
    for column, title in enumerate(("来源（联络站）", "意见数"), start=1):
        write_cell(stats, r, column, title, bold=True)
    for name, count in report.by_station:
        r += 1
        write_cell(stats, r, 1, name)
        write_cell(stats, r, 2, count)
    r += 2
    for column, title in enumerate(("条款", "意见数"), start=1):
        write_cell(stats, r, column, title, bold=True)
    for clause, count in report.by_clause:
        r += 1
        write_cell(stats, r, 1, clause)
        write_cell(stats, r, 2, count)
    return workbook_bytes(wb)


def feedback_xlsx(feedback: Feedback) -> bytes:
    """A station's feedback as a workbook."""
    wb = Workbook()
    ws = add_sheet(wb, "意见反馈", heading=feedback.title, columns=len(FEEDBACK_COLUMNS))
    write_header(ws, 2, FEEDBACK_COLUMNS, _FEEDBACK_WIDTHS)
    for number, row in enumerate(feedback.rows, start=1):
        for column, value in enumerate(_feedback_values(number, row), start=1):
            write_cell(ws, number + 2, column, value)
    fit_row_heights(ws, 3)
    return workbook_bytes(wb)


# -- Word -------------------------------------------------------------------------------------


def comment_report_docx(report: CommentReport) -> bytes:
    """The report as a landscape Word table with a summary paragraph."""
    word = new_document(landscape=True, body_size=SIZE_SMALL_4)
    add_page_numbers(word.sections[0])
    add_text(word, report.title, font=FONT_TITLE, size=SIZE_2, align="center")
    counts = "，".join(f"{kind}{rows}条" for kind, rows, _ in report.by_decision if rows)
    summary = (
        f"共收到意见{report.total_comments}条，合并同类意见后{len(report.rows)}条"
        + (f"，其中{counts}" if counts else "")
        + "。"
    )
    paragraph = add_text(word, summary, size=Pt(14), space_after=Pt(6))
    set_first_line_chars(paragraph, 2, 14)
    columns = ("序号", "条款", "来源", "意见建议及理由", "同类意见", "处理意见", "处理理由")
    widths = (14, 26, 34, 70, 18, 20, 43)
    rows = [
        (
            str(n),
            r.clause,
            "、".join(r.sources) + (f"\n提出人：{r.submitters}" if r.submitters else ""),
            _opinion_cell(r),
            str(r.cluster_size),
            r.decision,
            r.decision_reason,
        )
        for n, r in enumerate(report.rows, start=1)
    ]
    _docx_table(word, columns, widths, rows)
    return save_bytes(word)


def feedback_docx(feedback: Feedback) -> bytes:
    """A station's feedback as a letter with a table, for the collector to carry back."""
    word = new_document(landscape=True, body_size=SIZE_SMALL_4)
    add_page_numbers(word.sections[0])
    add_text(word, feedback.title, font=FONT_TITLE, size=SIZE_2, align="center")
    add_text(word, "", size=SIZE_3)
    add_text(word, f"{feedback.station.name}：", size=SIZE_3, align="left")
    counts = "，".join(f"{kind}{n}条" for kind, n in feedback.counts)
    if feedback.station.kind == "四方":
        body = (
            f"感谢贵单位对法规草案提出的意见建议。贵单位共提出意见{len(feedback.rows)}条"
            + (f"，其中{counts}" if counts else "")
            + "。现将处理情况反馈如下。"
        )
    else:
        body = (
            f"感谢贵{feedback.station.kind}及各位群众对法规草案提出的意见建议。"
            f"共收到意见{len(feedback.rows)}条"
            + (f"，其中{counts}" if counts else "")
            + "。现将处理情况反馈如下，请向提出意见的单位和个人转达。"
        )
    add_text(word, body, size=SIZE_3, indent_chars=2, space_after=Pt(6))
    columns = FEEDBACK_COLUMNS
    widths = (14, 26, 18, 70, 42, 20, 35)
    rows = [tuple(str(v) for v in _feedback_values(n, r)) for n, r in enumerate(feedback.rows, 1)]
    _docx_table(word, columns, widths, rows)
    return save_bytes(word)


def _opinion_cell(row: ReportRow) -> str:
    parts = [row.opinion]
    if row.reason:
        parts.append(f"理由：{row.reason}")
    if row.proposal:
        parts.append(f"建议修改为：{row.proposal}")
    return "\n".join(parts)


def _docx_table(
    word: Any,
    columns: tuple[str, ...],
    widths: tuple[int, ...],
    rows: Sequence[tuple[str, ...]],
) -> None:
    grid = word.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    header = grid.rows[0]
    set_repeat_header(header)
    for cell, title in zip(header.cells, columns, strict=True):
        set_cell_shading(cell, "D9E1F2")
        paragraph = cell.paragraphs[0]
        paragraph.alignment = 1
        set_run_font(add_run(paragraph, title), FONT_HEADING, size=SIZE_SMALL_4)
    if not rows:
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[-1])
        set_run_font(add_run(merged.paragraphs[0], "没有意见。"), FONT_BODY, size=SIZE_SMALL_4)
    for values in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            for index, line in enumerate(value.split("\n")):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                set_run_font(add_run(paragraph, line), FONT_BODY, size=SIZE_SMALL_4)
    fix_column_widths(grid, widths)
