"""Outbound documents: the draft, the 修改对照表, the 意见采纳情况表, station feedback, the reports.

Pure functions from domain objects (`Document`, `Alignment`, comments and decisions) to bytes or
text; loading from the workspace and writing files is `workbench.workspace.exports`' job. Must not
import the store or the workspace.
"""

from workbench.export.akn import AknIdentity, export_akn
from workbench.export.comment_render import (
    comment_report_docx,
    comment_report_xlsx,
    feedback_docx,
    feedback_xlsx,
    report_docx,
    write_clause_summary_xlsx,
    write_report_xlsx,
)
from workbench.export.comment_report import (
    MIXED,
    UNDECIDED,
    CommentLike,
    CommentReport,
    ReportBuilder,
    ReportRow,
    ReportSummary,
    build_comment_report,
    mask_contact,
    mask_name,
)
from workbench.export.compare_render import compare_docx, compare_html, compare_xlsx
from workbench.export.compare_table import CompareRow, CompareTable, Run, build_compare_table
from workbench.export.docx import export_draft_docx
from workbench.export.feedback import Feedback, build_feedback
from workbench.export.html import export_draft_html
from workbench.export.reading_facts import (
    REPORT_KINDS,
    Block,
    Consultation,
    Opinion,
    ReadingFacts,
    ReadingReport,
    ReportKind,
    Tally,
)
from workbench.export.reading_render import reading_report_docx, reading_report_markdown
from workbench.export.reading_report import build_reading_report
from workbench.export.sheets import FORMULA_STARTS, is_formula_like

__all__ = [
    "FORMULA_STARTS",
    "MIXED",
    "REPORT_KINDS",
    "UNDECIDED",
    "AknIdentity",
    "Block",
    "CommentLike",
    "CommentReport",
    "CompareRow",
    "CompareTable",
    "Consultation",
    "Feedback",
    "Opinion",
    "ReadingFacts",
    "ReadingReport",
    "ReportBuilder",
    "ReportKind",
    "ReportRow",
    "ReportSummary",
    "Run",
    "Tally",
    "build_comment_report",
    "build_compare_table",
    "build_feedback",
    "build_reading_report",
    "comment_report_docx",
    "comment_report_xlsx",
    "compare_docx",
    "compare_html",
    "compare_xlsx",
    "export_akn",
    "export_draft_docx",
    "export_draft_html",
    "feedback_docx",
    "feedback_xlsx",
    "is_formula_like",
    "mask_contact",
    "mask_name",
    "reading_report_docx",
    "reading_report_markdown",
    "report_docx",
    "write_clause_summary_xlsx",
    "write_report_xlsx",
]
