"""The 意见采纳情况表 and station feedback laid out as XLSX or DOCX.

The workbook has the table and a 统计 sheet (counts by decision, station and clause); the Word
versions are landscape tables under an official-document title. Every spreadsheet cell goes
through `workbench.export.sheets.write_cell` (no formula injection). Must not import store or
workspace.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from itertools import chain
from typing import IO, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from workbench.export.comment_report import (
    MIXED,
    CommentReport,
    ReportRow,
    ReportSummary,
)
from workbench.export.docx_stream import CELL_MARK, SUMMARY_MARK, stream_table
from workbench.export.feedback import DATE_PLACEHOLDER, ISSUER_PLACEHOLDER, Feedback
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
from workbench.export.xlsx_stream import StreamingWorkbook

__all__ = [
    "REPORT_COLUMNS",
    "comment_report_docx",
    "comment_report_xlsx",
    "feedback_docx",
    "feedback_xlsx",
    "report_docx",
    "write_clause_summary_xlsx",
    "write_report_xlsx",
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
_REPORT_WIDTHS = (6, 16, 24, 10, 14, 40, 30, 30, 12, 12, 30)

FEEDBACK_COLUMNS: tuple[str, ...] = (
    "序号",
    "条款",
    "提出人",
    "意见建议",
    "建议修改为",
    "处理结果",
    "理由说明",
)
_FEEDBACK_WIDTHS = (6, 16, 10, 44, 30, 12, 36)
"""Column widths in characters (a Chinese character takes two): each header fits on one line."""


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
    out = io.BytesIO()
    write_report_xlsx(out, report.title, report.rows, lambda: _summary_of(report))
    return out.getvalue()


def write_report_xlsx(
    target: IO[bytes],
    title: str,
    rows: Iterable[ReportRow],
    summary: Callable[[], ReportSummary],
) -> None:
    """Write the report's workbook row by row: the table, then the 统计 sheet.

    ``summary`` is called once every row is written (the counts of a streamed report are known
    only then).
    """
    book = StreamingWorkbook(target)
    table = book.sheet("意见采纳情况", _REPORT_WIDTHS, heading=title, header=REPORT_COLUMNS)
    for number, row in enumerate(rows, start=1):
        table.row(_report_values(number, row))
    table.close()
    _stats_sheet(book, summary())
    book.close()


def write_clause_summary_xlsx(
    target: IO[bytes], title: str, summary: ReportSummary, note: str
) -> None:
    """The workbook of a report too long for one sheet: each clause with its count, and why."""
    book = StreamingWorkbook(target)
    table = book.sheet("按条款汇总", (24, 14, 90), heading=title, header=("条款", "意见数", "说明"))
    for number, (clause, count) in enumerate(summary.by_clause):
        table.row((clause, count, note if number == 0 else ""))
    table.close()
    _stats_sheet(book, summary)
    book.close()


def _stats_sheet(book: StreamingWorkbook, summary: ReportSummary) -> None:
    """The 统计 sheet: by decision, by station, by clause; who sent nothing, what drew nothing."""
    stats = book.sheet(
        "统计",
        (24, 22, 14),
        heading="意见统计",
        header=("处理意见", "意见条数（同类合并）", "原始意见数"),
    )
    for kind, rows, comments in summary.by_decision:
        shown: int | str = "（已按各自处理意见计入上方）" if kind == MIXED else comments
        stats.row((kind, rows, shown))
    stats.row(("合计", summary.rows, summary.total_comments), "bold")
    stats.row(())
    stats.row(("来源（联络站）", "意见数"), "bold")
    for name, count in summary.by_station:
        stats.row((name, count))
    stats.row(())
    stats.row(("条款", "意见数"), "bold")
    for clause, count in summary.by_clause:
        stats.row((clause, count))
    stats.row(())
    stats.row((f"没有提出意见的站点（{len(summary.silent_stations)}个）",), "bold")
    for name in summary.silent_stations:
        stats.row((name,))
    stats.row(())
    stats.row((f"没有意见的条文（{len(summary.uncommented)}条）",), "bold")
    stats.row(("、".join(summary.uncommented) or "无",))
    stats.close()


def _summary_of(report: CommentReport) -> ReportSummary:
    return ReportSummary(
        total_comments=report.total_comments,
        rows=len(report.rows),
        by_decision=report.by_decision,
        by_station=report.by_station,
        by_clause=report.by_clause,
    )


def feedback_xlsx(feedback: Feedback) -> bytes:
    """A station's feedback as a workbook."""
    out = io.BytesIO()
    book = StreamingWorkbook(out)
    table = book.sheet(
        "意见反馈", _FEEDBACK_WIDTHS, heading=feedback.title, header=FEEDBACK_COLUMNS
    )
    for number, row in enumerate(feedback.rows, start=1):
        table.row(_feedback_values(number, row))
    table.close()
    book.close()
    return out.getvalue()


# -- Word -------------------------------------------------------------------------------------

_REPORT_DOCX_COLUMNS = (
    "序号",
    "条款",
    "来源",
    "意见建议及理由",
    "同类意见",
    "处理意见",
    "处理理由",
)
_REPORT_DOCX_WIDTHS = (14, 26, 34, 70, 22, 22, 37)
"""Millimetres; a column of four-character headers (处理意见, 部分采纳) needs 22 at 小四."""


def comment_report_docx(report: CommentReport) -> bytes:
    """The report as a landscape Word table with a summary paragraph."""
    return report_docx(report.title, report.rows, lambda: _summary_of(report))


def report_docx(
    title: str, rows: Iterable[ReportRow], summary: Callable[[], ReportSummary]
) -> bytes:
    """The report as Word, its rows streamed (`workbench.export.docx_stream`).

    The summary sentence above the table is written once every row is (``summary``).
    """
    word = new_document(landscape=True, body_size=SIZE_SMALL_4)
    add_page_numbers(word.sections[0])
    add_text(word, title, font=FONT_TITLE, size=SIZE_2, align="center")
    paragraph = add_text(word, SUMMARY_MARK, size=Pt(14), space_after=Pt(6))
    set_first_line_chars(paragraph, 2, 14)
    cells = (
        (
            str(n),
            r.clause,
            "、".join(r.sources) + (f"\n提出人：{r.submitters}" if r.submitters else ""),
            _opinion_cell(r),
            str(r.cluster_size),
            r.decision,
            r.decision_reason,
        )
        for n, r in enumerate(rows, start=1)
    )
    return _stream_docx(
        word, _REPORT_DOCX_COLUMNS, _REPORT_DOCX_WIDTHS, cells, lambda: _sentence(summary())
    )


def _sentence(summary: ReportSummary) -> str:
    counts = "，".join(f"{kind}{rows}条" for kind, rows, _ in summary.by_decision if rows)
    return (
        f"共收到意见{summary.total_comments}条，合并同类意见后{summary.rows}条"
        + (f"，其中{counts}" if counts else "")
        + "。"
    )


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
    if feedback.pending:
        body += _pending_sentence(feedback)
    add_text(word, body, size=SIZE_3, indent_chars=2, space_after=Pt(6))
    widths = (14, 26, 18, 70, 42, 22, 33)
    cells = (tuple(str(v) for v in _feedback_values(n, r)) for n, r in enumerate(feedback.rows, 1))
    return _stream_docx(
        word, FEEDBACK_COLUMNS, widths, cells, None, after=lambda: _sign(word, feedback)
    )


def _signature(feedback: Feedback) -> tuple[str, str]:
    """The 落款: the issuing body and the date (placeholders when not set)."""
    return feedback.issuer or ISSUER_PLACEHOLDER, feedback.date or DATE_PLACEHOLDER


def _pending_sentence(feedback: Feedback) -> str:
    return f"尚有{feedback.pending}条意见正在研究，处理结果另行反馈。"


def _sign(word: Any, feedback: Feedback) -> None:
    """The 落款 under the table: issuer and date, right-aligned, a blank line above."""
    issuer, date = _signature(feedback)
    add_text(word, "", size=SIZE_3)
    add_text(word, issuer, size=SIZE_3, align="right")
    add_text(word, date, size=SIZE_3, align="right")


def _opinion_cell(row: ReportRow) -> str:
    parts = [row.opinion]
    if row.reason:
        parts.append(f"理由：{row.reason}")
    if row.proposal:
        parts.append(f"建议修改为：{row.proposal}")
    return "\n".join(parts)


def _stream_docx(
    word: Any,
    columns: tuple[str, ...],
    widths: tuple[int, ...],
    rows: Iterable[tuple[str, ...]],
    summary: Callable[[], str] | None,
    *,
    after: Callable[[], None] | None = None,
) -> bytes:
    """The table's header and a model row laid out by python-docx, then the rows streamed.

    ``after`` adds what follows the table (a letter's 落款) before the rows are streamed in.
    """
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
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[-1])
        set_run_font(add_run(merged.paragraphs[0], "没有意见。"), FONT_BODY, size=SIZE_SMALL_4)
        fix_column_widths(grid, widths)
        if summary is not None:
            _replace_mark(word, summary())
        if after is not None:
            after()
        return save_bytes(word)
    model = grid.add_row().cells
    for i, cell in enumerate(model):
        set_run_font(cell.paragraphs[0].add_run(CELL_MARK.format(i)), FONT_BODY, size=SIZE_SMALL_4)
    fix_column_widths(grid, widths)
    if after is not None:
        after()
    return stream_table(save_bytes(word), chain([first], iterator), summary=summary)


def _replace_mark(word: Any, text: str) -> None:
    for paragraph in word.paragraphs:
        for run in paragraph.runs:
            if SUMMARY_MARK in run.text:
                run.text = run.text.replace(SUMMARY_MARK, text)
