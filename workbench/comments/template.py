"""Blank comment files for a (project, version, station): XLSX with drop-downs, CSV, or JSON.

The XLSX template has the first four columns prefilled on every row, a drop-down on 条款 listing
every valid citation of the version (kept on a hidden sheet, since the list is long), and one on
提出人类别. Returns bytes; writing them is the caller's business.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.comments.readers import FileFormat
from workbench.model.comments import COLUMNS, SUBMITTER_CATEGORIES, CommentFile

__all__ = ["CITATION_SHEET", "TemplateHeader", "template_bytes"]

CITATION_SHEET = "条款清单"
"""The hidden sheet holding the 条款 drop-down list."""

_WIDTHS = (12, 10, 16, 10, 22, 48, 30, 36, 12, 14, 16)


@dataclass(frozen=True, slots=True)
class TemplateHeader:
    """The four columns a template prefills."""

    station: str
    """联络站编号."""
    collector: str
    """采集员 (may be empty: the collector fills it in)."""
    project: str
    """项目 slug."""
    version: str
    """版本: the exact version number (``3``), not a stage name, which later versions share."""

    @property
    def cells(self) -> tuple[str, str, str, str]:
        """The four cells in column order."""
        return (self.station, self.collector, self.project, self.version)


def template_bytes(
    fmt: FileFormat, header: TemplateHeader, citations: Sequence[str], *, rows: int = 200
) -> bytes:
    """A blank comment file.

    Args:
        fmt: xlsx, csv or json.
        header: The station, collector, project and version to prefill.
        citations: Every valid 条款 of the version (全文 first), for the XLSX drop-down.
        rows: How many rows the XLSX template prefills.

    Returns:
        The file's bytes (CSV in UTF-8 with a BOM, so Excel opens it correctly).
    """
    if fmt == "json":
        blank = CommentFile(
            station=header.station,
            collector=header.collector,
            project=header.project,
            version=header.version,
            comments=(),
        )
        return (
            json.dumps(blank.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        ).encode()
    if fmt == "csv":
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerow((*header.cells, *([""] * (len(COLUMNS) - 4))))
        return buf.getvalue().encode("utf-8-sig")
    return _xlsx(header, citations, rows)


def _xlsx(header: TemplateHeader, citations: Sequence[str], rows: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "意见建议"
    sheet.append(list(COLUMNS))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, width in enumerate(_WIDTHS, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        sheet.column_dimensions[get_column_letter(i)].width = width
    for r in range(2, rows + 2):
        for c, value in enumerate(header.cells, start=1):
            sheet.cell(row=r, column=c, value=value).data_type = "s"
    sheet.freeze_panes = "E2"

    listing = book.create_sheet(CITATION_SHEET)
    for r, label in enumerate(citations, start=1):
        listing.cell(row=r, column=1, value=label)
    listing.sheet_state = "hidden"

    last = rows + 1
    clause = DataValidation(
        type="list",
        formula1=f"'{CITATION_SHEET}'!$A$1:$A${max(len(citations), 1)}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="条款",
        error="请从下拉列表选择本版本的条款；如需引用原文，可在条款后加“原文”引号。",
        promptTitle="条款",
        prompt="从下拉列表选择意见针对的条款（全文 / 第X条 / 第X条第Y款 …）",
    )
    clause.add(f"E2:E{last}")
    category = DataValidation(
        type="list",
        formula1='"' + ",".join(SUBMITTER_CATEGORIES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="提出人类别",
        error="请选择：" + "、".join(SUBMITTER_CATEGORIES),
    )
    category.add(f"I2:I{last}")
    sheet.add_data_validation(clause)
    sheet.add_data_validation(category)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
