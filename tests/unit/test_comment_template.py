"""Templates: XLSX with drop-downs on a hidden sheet, CSV and JSON, all readable back."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from tests.support.trees import build
from workbench.comments import (
    CITATION_SHEET,
    CitationIndex,
    TemplateHeader,
    read_comment_file,
    template_bytes,
)
from workbench.model.comments import COLUMNS, SUBMITTER_CATEGORIES

HEADER = TemplateHeader("ST01", "王建华", "demo", "初审前")
OUTLINE = "条 第一条。\n条 第二条：\n项 甲；\n项 乙。\n款 第二款。\n条 第三条。"


def test_xlsx_template_has_prefilled_header_and_dropdowns() -> None:
    """Columns in order, first four prefilled, 条款 validated against the hidden list."""
    citations = CitationIndex(build(OUTLINE)).labels
    book = load_workbook(io.BytesIO(template_bytes("xlsx", HEADER, citations, rows=50)))
    sheet = book["意见建议"]
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert tuple(c.value for c in sheet[51][:4]) == HEADER.cells
    listing = book[CITATION_SHEET]
    assert listing.sheet_state == "hidden"
    assert [r[0] for r in listing.iter_rows(values_only=True)] == citations
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert validations["E2:E51"].formula1 == f"'{CITATION_SHEET}'!$A$1:$A${len(citations)}"
    assert validations["I2:I51"].formula1 == '"' + ",".join(SUBMITTER_CATEGORIES) + '"'


def test_unfilled_template_has_no_rows() -> None:
    """Prefilled header cells alone are not comments: the blank template has no data rows."""
    parsed = read_comment_file(template_bytes("xlsx", HEADER, ["全文"], rows=5), "t.xlsx")
    assert parsed.errors[0].message.startswith("文件中没有意见数据行")


def test_csv_template_reads_back_once_filled() -> None:
    """The CSV template (UTF-8 with BOM) reads back with a row appended."""
    data = template_bytes("csv", HEADER, [])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig") + "ST01,王建华,demo,初审前,第一条,意见,,,,,\r\n"
    parsed = read_comment_file(text.encode("utf-8-sig"), "t.csv")
    assert parsed.ok, parsed.errors
    assert parsed.rows[0].row == 3


def test_json_template_is_a_valid_empty_file() -> None:
    """The JSON template carries the header and an empty comment list."""
    obj = json.loads(template_bytes("json", HEADER, []))
    assert obj["station"] == "ST01"
    assert obj["comments"] == []
