"""Comment files written byte by byte, as a station (or an attacker) could send them.

The XLSX builder writes the zip and its XML by hand rather than through openpyxl, so a test can
put anything in a cell (control characters openpyxl refuses), use shared strings, give rows and
cells any reference, or swap in whole parts (`xlsx_bytes`'s ``parts``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

__all__ = [
    "COLUMNS",
    "HEAD",
    "csv_bytes",
    "json_bytes",
    "row",
    "sheet_xml",
    "xlsx_bytes",
]

COLUMNS: tuple[str, ...] = (
    "联络站编号", "采集员", "项目", "版本", "条款", "意见建议", "理由", "建议修改为",
    "提出人类别", "提出人", "联系方式",
)  # fmt: skip
"""The template's columns, in order."""

HEAD: tuple[str, str, str, str] = ("ST01", "王建华", "jy", "初审前")
"""Station, collector, project and version of the hostile test workspace's files."""


def row(clause: str = "第三条", opinion: str = "建议补充。", **fields: str) -> tuple[str, ...]:
    """One data row under `HEAD`: clause, opinion, then reason/proposal/category/name/contact."""
    return (
        *HEAD,
        clause,
        opinion,
        fields.get("reason", ""),
        fields.get("proposal", ""),
        fields.get("category", "群众"),
        fields.get("submitter", "张三"),
        fields.get("contact", ""),
    )


def csv_bytes(rows: Sequence[Sequence[str]], *, encoding: str = "utf-8") -> bytes:
    """A CSV comment file: the header, then ``rows`` (quoted where csv needs it)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def json_bytes(rows: Sequence[Sequence[str]] = (), *, raw: object = None) -> bytes:
    """A JSON comment file with ``rows`` (tabular rows mapped to keys), or ``raw`` as given."""
    if raw is not None:
        return json.dumps(raw, ensure_ascii=False).encode("utf-8")
    keys = ("clause", "opinion", "reason", "proposal", "submitter_category", "submitter", "contact")
    body = {
        "station": HEAD[0],
        "collector": HEAD[1],
        "project": HEAD[2],
        "version": HEAD[3],
        "comments": [{k: v for k, v in zip(keys, r[4:], strict=True) if v} for r in rows],
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>'
    '<sheet name="意见" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _xml_text(text: str) -> str:
    """``text`` escaped for XML, with characters XML 1.0 cannot hold written as Excel does.

    Excel writes a control character in a cell as ``_x000B_``; a hostile file may do the same.
    """
    out = []
    for ch in escape(text):
        code = ord(ch)
        if code < 0x20 and ch not in "\t\n\r":
            out.append(f"_x{code:04X}_")
        else:
            out.append(ch)
    return "".join(out)


def sheet_xml(rows: Sequence[Sequence[str]], *, header: bool = True) -> str:
    """A worksheet of inline strings: the header (unless ``header`` is False), then ``rows``."""
    lines = [list(COLUMNS)] if header else []
    lines += [list(r) for r in rows]
    body = []
    for r, cells in enumerate(lines, start=1):
        xml_cells = "".join(
            f'<c r="{_letters(c)}{r}" t="inlineStr"><is><t xml:space="preserve">'
            f"{_xml_text(v)}</t></is></c>"
            for c, v in enumerate(cells)
            if v != ""
        )
        body.append(f'<row r="{r}">{xml_cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    )


def xlsx_bytes(
    rows: Sequence[Sequence[str]] = (),
    *,
    parts: Mapping[str, str | bytes] | None = None,
    shared: Sequence[str] = (),
) -> bytes:
    """An XLSX comment file: a workbook whose first sheet holds the header and ``rows``.

    Args:
        rows: Data rows (written as inline strings).
        parts: Zip members to add or replace (``xl/worksheets/sheet1.xml`` ...), as given.
        shared: The shared-strings table (cells refer to it with ``t="s"``).
    """
    shared_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="{_MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">'
        + "".join(f"<si><t>{_xml_text(s)}</t></si>" for s in shared)
        + "</sst>"
    )
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml(rows),
        "xl/sharedStrings.xml": shared_xml,
        **(parts or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
