"""Reading comment files: each format and encoding, and every kind of bad file."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence

import pytest

from workbench.comments import Limits, TemplateHeader, read_comment_file, template_bytes
from workbench.model.comments import COLUMNS

HEAD = ("ST01", "王建华", "juja-yanglao", "初审前")
ROWS = [
    ("第十一条第一款", "建议提高配建标准。", "面积不足。", "", "群众", "李秀兰", "13899400101"),
    ("第二十条第一款第（三）项", "评估有效期两年。", "", "", "专家", "周立新", ""),
    ("第七十一条", "=SUM(A1:A3)建议补贴", "", "", "", "", ""),
]


def csv_text(rows: Sequence[tuple[str, ...]] = ROWS, header: tuple[str, ...] = COLUMNS) -> str:
    lines = [",".join(header)]
    lines += [",".join((*HEAD, *r)) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def xlsx_bytes(rows: Sequence[tuple[str, ...]] = ROWS) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([*HEAD, *r])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_reads_in_each_encoding(encoding: str) -> None:
    """UTF-8, UTF-8 with BOM, GBK and GB18030 CSVs read to the same rows."""
    parsed = read_comment_file(csv_text().encode(encoding), "意见.csv")
    assert parsed.ok, parsed.errors
    assert parsed.encoding in {encoding, "gbk" if encoding == "gb18030" else encoding}
    assert (parsed.station, parsed.collector, parsed.project, parsed.version) == HEAD
    assert [r.row for r in parsed.rows] == [2, 3, 4]
    assert parsed.rows[1].data.clause == "第二十条第一款第（三）项"
    assert parsed.rows[0].data.submitter_category == "群众"


def test_gb18030_only_characters_are_read() -> None:
    """A name with a character outside GBK (㐀) is decoded as GB18030."""
    rows = [("第一条", "意见", "", "", "群众", "王㐀", "")]
    parsed = read_comment_file(csv_text(rows).encode("gb18030"), "x.csv")
    assert parsed.encoding == "gb18030"
    assert parsed.rows[0].data.submitter == "王㐀"


def test_xlsx_reads_rows_and_keeps_formulas_as_flagged_text() -> None:
    """A cell typed as =SUM(...) comes back as its text, flagged, never evaluated."""
    parsed = read_comment_file(xlsx_bytes(), "意见.xlsx")
    assert parsed.ok, parsed.errors
    assert parsed.format == "xlsx"
    assert parsed.rows[2].data.opinion == "=SUM(A1:A3)建议补贴"
    assert parsed.rows[2].flags == ("formula:意见建议",)
    assert parsed.warnings[0].row == 4
    assert parsed.warnings[0].column == "意见建议"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_formula_like_cells_are_flagged(prefix: str) -> None:
    """Cells starting with = + - @ are stored as text and reported as warnings."""
    rows = [("第一条", f"{prefix}cmd|' /C calc'!A0", "", "", "", "", "")]
    parsed = read_comment_file(csv_text(rows).encode(), "x.csv")
    assert parsed.ok
    assert parsed.rows[0].data.opinion.startswith(prefix)
    assert parsed.rows[0].flags == ("formula:意见建议",)


def test_json_file_reads() -> None:
    """A JSON object per the schema reads, rows numbered from 1."""
    obj = {
        "station": "ST01",
        "collector": "王建华",
        "project": "juja-yanglao",
        "version": "初审前",
        "comments": [{"clause": "第一条", "opinion": "意见", "quote": "原文"}],
    }
    parsed = read_comment_file(json.dumps(obj, ensure_ascii=False).encode(), "a.json")
    assert parsed.ok, parsed.errors
    assert parsed.rows[0].row == 1
    assert parsed.rows[0].data.quote == "原文"


@pytest.mark.parametrize("payload", ["[]", '"text"', "42", "null"])
def test_json_that_is_not_an_object_is_rejected(payload: str) -> None:
    """A JSON array, string, number or null is refused with a report."""
    parsed = read_comment_file(payload.encode(), "a.json")
    assert not parsed.ok
    assert "顶层应为一个对象" in parsed.errors[0].message


def test_json_row_errors_name_row_and_column() -> None:
    """An empty opinion in the second JSON row is reported as row 2, column 意见建议."""
    obj = {
        "station": "ST01",
        "project": "p",
        "version": "v",
        "comments": [{"opinion": "好"}, {"opinion": ""}],
    }
    parsed = read_comment_file(json.dumps(obj).encode(), "a.json")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "意见建议")]


def test_template_filled_in_reads_back() -> None:
    """The XLSX template, filled in with openpyxl, reads with its prefilled header."""
    from openpyxl import load_workbook

    data = template_bytes("xlsx", TemplateHeader(*HEAD), ["全文", "第一条", "第二条"], rows=10)
    book = load_workbook(io.BytesIO(data))
    sheet = book["意见建议"]
    sheet["E2"] = "第二条"
    sheet["F2"] = "建议修改。"
    out = io.BytesIO()
    book.save(out)
    parsed = read_comment_file(out.getvalue(), "t.xlsx")
    assert parsed.ok, parsed.errors
    assert (parsed.station, parsed.project, parsed.version) == (HEAD[0], HEAD[2], HEAD[3])
    assert [(r.row, r.data.clause) for r in parsed.rows] == [(2, "第二条")]


def test_missing_columns_are_named() -> None:
    """A file without 意见建议 and 条款 columns is rejected naming both columns on row 1."""
    header = tuple(c for c in COLUMNS if c not in ("意见建议", "条款"))
    text = ",".join(header) + "\n" + ",".join((*HEAD, "", "", "", "", "", "")) + "\n"
    parsed = read_comment_file(text.encode(), "x.csv")
    assert {(e.row, e.column) for e in parsed.errors} == {(1, "意见建议"), (1, "条款")}
    assert "工作台生成的模板" in parsed.errors[0].message


def test_a_50000_character_cell_is_reported_with_row_and_column() -> None:
    """A 50,000-character opinion rejects the file, naming row 3, column 意见建议."""
    rows = [ROWS[0], ("第一条", "长" * 50_000, "", "", "", "", "")]
    for data, name in ((csv_text(rows).encode(), "x.csv"), (xlsx_bytes(rows), "x.xlsx")):
        parsed = read_comment_file(data, name)
        assert [(e.row, e.column) for e in parsed.errors] == [(3, "意见建议")]
        assert "上限 10000 字" in parsed.errors[0].message


def test_mixed_station_codes_in_one_file_are_rejected() -> None:
    """Every row must repeat the same station, project and version."""
    text = csv_text() + ",".join(("ST02", *HEAD[1:], "第一条", "意见", "", "", "", "", "")) + "\r\n"
    parsed = read_comment_file(text.encode(), "x.csv")
    assert [(e.row, e.column) for e in parsed.errors] == [(5, "联络站编号")]


def test_unknown_category_is_reported() -> None:
    """提出人类别 outside the list is a row error that names the allowed values."""
    rows = [("第一条", "意见", "", "", "路人", "", "")]
    parsed = read_comment_file(csv_text(rows).encode(), "x.csv")
    assert parsed.errors[0].column == "提出人类别"
    assert "人大代表" in parsed.errors[0].message


def test_truncated_xlsx_is_rejected() -> None:
    """An XLSX cut in half is refused as damaged."""
    data = xlsx_bytes()
    parsed = read_comment_file(data[: len(data) // 2], "x.xlsx")
    assert not parsed.ok
    assert "损坏" in parsed.errors[0].message


def test_corrupt_xlsx_is_rejected() -> None:
    """A zip whose members are not a workbook is refused."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "not xml at all <<<")
    parsed = read_comment_file(buf.getvalue(), "x.xlsx")
    assert not parsed.ok
    assert "XLSX" in parsed.errors[0].message


def test_zip_bomb_is_refused_before_openpyxl_opens_it() -> None:
    """A member expanding 1000-fold is refused on its compression ratio."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 100_000
    parsed = read_comment_file(data, "bomb.xlsx")
    assert "压缩炸弹" in parsed.errors[0].message


def test_zip_expanding_beyond_the_total_limit_is_refused() -> None:
    """The sum of member sizes is checked against the unzipped limit."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("a.bin", b"x" * 5000)
    parsed = read_comment_file(buf.getvalue(), "a.xlsx", limits=Limits(max_unzipped_bytes=4096))
    assert "解压后过大" in parsed.errors[0].message


def test_oversized_file_is_refused_unread() -> None:
    """A file over the size limit is refused before parsing."""
    parsed = read_comment_file(csv_text().encode(), "x.csv", limits=Limits(max_file_bytes=100))
    assert "文件过大" in parsed.errors[0].message
    assert not parsed.rows


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
)


def entity_xlsx() -> bytes:
    """The test workbook with an entity declaration before xl/workbook.xml's root."""
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                start = body.index(b"<workbook")
                body = LAUGHS + body[start:]
            z.writestr(info, body)
    return buf.getvalue()


def test_xlsx_with_entity_declarations_is_refused() -> None:
    """An XLSX whose XML declares entities (billion laughs) is refused, never expanded."""
    parsed = read_comment_file(entity_xlsx(), "x.xlsx")
    assert "DTD" in parsed.errors[0].message


def test_openpyxl_parses_through_defusedxml() -> None:
    """defusedxml is installed, so openpyxl's own parsing refuses the entity file as well."""
    import openpyxl.xml
    from openpyxl.xml import functions

    assert openpyxl.xml.DEFUSEDXML
    assert functions.iterparse.__module__.startswith("defusedxml")
    with pytest.raises(Exception, match=r"(?i)entit"):
        list(functions.iterparse(io.BytesIO(LAUGHS + b"<a>&lol2;</a>")))
    root = functions.fromstring(LAUGHS + b"<a>&lol2;</a>")
    assert "lollol" not in "".join(root.itertext())


def test_empty_and_headerless_files_are_rejected() -> None:
    """An empty file, and a CSV with a header but no rows, are refused with a report."""
    assert "为空" in read_comment_file(b"", "x.csv").errors[0].message
    only_header = read_comment_file((",".join(COLUMNS) + "\n").encode(), "x.csv")
    assert "没有意见数据行" in only_header.errors[0].message


def test_binary_garbage_is_rejected() -> None:
    """Bytes that decode in no supported encoding are refused."""
    parsed = read_comment_file(bytes(range(128, 256)) * 10, "x.csv")
    assert not parsed.ok


def test_fast_xlsx_reader_agrees_with_openpyxl() -> None:
    """The lxml sheet reader gives the same rows as openpyxl: shared strings, numbers, formulas, gaps."""
    from openpyxl import Workbook

    from workbench.comments.limits import DEFAULT_LIMITS
    from workbench.comments.readers import ParsedFile, _read_xlsx, _read_xlsx_openpyxl

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    sheet.append([*HEAD, "第一条", "意见一", "", "", "群众", "甲", 13899400101])
    sheet.append([])  # a blank row keeps later row numbers aligned
    sheet.append([*HEAD, "第二条", "=A1&B1", "理由", "", "专家", "乙", 0.5])
    sheet.append([*HEAD, "第三条", True, "", "", "", "", ""])
    buf = io.BytesIO()
    book.save(buf)
    fast, slow = ParsedFile(name="a", format="xlsx"), ParsedFile(name="a", format="xlsx")
    _read_xlsx(buf.getvalue(), fast, DEFAULT_LIMITS)
    _read_xlsx_openpyxl(buf.getvalue(), slow, DEFAULT_LIMITS)
    assert fast.ok, fast.errors
    assert [(r.row, r.data, r.flags) for r in fast.rows] == [
        (r.row, r.data, r.flags) for r in slow.rows
    ]
    assert [r.row for r in fast.rows] == [2, 4, 5]
    assert fast.rows[0].data.contact == "13899400101"
    assert fast.rows[1].data.opinion == "=A1&B1"


def test_bad_rows_among_good_ones_are_each_reported_and_the_rest_kept() -> None:
    """Several bad rows in one file: each named by row and column; good rows keep row and flags."""
    rows = [
        ("第一条", "意见甲", "", "", "群众", "", ""),
        ("第二条", "   ", "理由", "", "群众", "", ""),  # blank opinion
        ("第三条", "@意见乙", "", "", "", "", ""),  # formula-like, kept and flagged
        ("第四条", "意见丙", "", "", "路人", "", ""),  # unknown category
        ("第五条：“三十日内”", "-意见丁", "", "", "专家", "", ""),
    ]
    parsed = read_comment_file(csv_text(rows).encode("utf-8"), "x.csv")
    assert not parsed.ok
    assert sorted((e.row, e.column) for e in parsed.errors) == [(3, "意见建议"), (5, "提出人类别")]
    assert [r.row for r in parsed.rows] == [2, 4, 6]
    assert [r.flags for r in parsed.rows] == [(), ("formula:意见建议",), ("formula:意见建议",)]
    assert (parsed.rows[2].data.clause, parsed.rows[2].data.quote) == ("第五条", "三十日内")
    assert {w.row for w in parsed.warnings} == {4, 6}
