"""Hostile XLSX comment files through ``workbench comments ingest``, in a memory-capped process.

Each file is a few kilobytes to a megabyte, generated here, and each once made the reader
allocate without bound (a row number or a column far away, a shared-strings part that expands
within the zip ratio, an XML tree swollen with elements) or read what it should have refused.
The run is capped at 1 GiB: a regression fails the test instead of taking the machine.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.support.comment_files import COLUMNS, row, sheet_xml, xlsx_bytes
from tests.support.hostile import Snapshot, run_workbench

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows_xml: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{_MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def _header_row() -> str:
    return sheet_xml([]).split("<sheetData>")[1].split("</sheetData>")[0]


def _ingest_refused(ws: Path, tmp_path: Path, data: bytes, *mentions: str) -> None:
    path = tmp_path / "ST01-意见.xlsx"
    path.write_bytes(data)
    before = Snapshot.of(ws)
    run_workbench(ws, "comments", "ingest", str(path)).assert_refused(path.name, *mentions)
    Snapshot.of(ws).assert_unchanged(before)


def test_a_row_number_far_beyond_excel_is_refused_unallocated(ws: Path, tmp_path: Path) -> None:
    """``<row r="999999999">`` in a 2 KB file: no billion blank rows are built."""
    far = '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx_bytes(parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + far)})
    assert len(data) < 4096
    _ingest_refused(ws, tmp_path, data, "999999999", "1048576")


def test_a_column_far_beyond_excel_is_refused_unallocated(ws: Path, tmp_path: Path) -> None:
    """A cell ``ZZZZZZZZ2``: no row as wide as its number."""
    far = '<row r="2"><c r="ZZZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx_bytes(parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + far)})
    _ingest_refused(ws, tmp_path, data, "ZZZZZZZZ2", "16384")


def test_a_cell_beyond_the_readable_columns_is_named(ws: Path, tmp_path: Path) -> None:
    """Column JA (the 261st) is within Excel but wider than any comment file."""
    far = '<row r="2"><c r="JA2" t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx_bytes(parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + far)})
    _ingest_refused(ws, tmp_path, data, "JA2", "256")


@pytest.mark.parametrize("index", ["-1", "2", "abc"])
def test_a_shared_string_index_that_cannot_be_is_refused(
    ws: Path, tmp_path: Path, index: str
) -> None:
    """``<v>-1</v>`` took the last string; now any index outside the table refuses the file."""
    cells = "".join(
        f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(row()[:5])
    )
    bad = f'<row r="2">{cells}<c r="F2" t="s"><v>{index}</v></c></row>'
    data = xlsx_bytes(
        parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + bad)}, shared=["甲", "乙"]
    )
    _ingest_refused(ws, tmp_path, data, "共享文字", "F2")


def test_a_row_number_that_is_no_number_is_refused(ws: Path, tmp_path: Path) -> None:
    """``r="abc"``: damaged, said so in Chinese."""
    bad = '<row r="abc"><c t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx_bytes(parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + bad)})
    _ingest_refused(ws, tmp_path, data, "行号", "损坏")


def test_shared_strings_expanding_past_the_part_limit_are_refused(ws: Path, tmp_path: Path) -> None:
    """A 1 MB file whose sharedStrings part is 70 MB (ratio 80, under the zip-bomb ratio)."""
    rng = random.Random(17)
    strings: list[str] = []
    size = 0
    while size < 70 * 1024 * 1024:
        text = "意见" * rng.randint(1, 40)
        strings.append(text)
        size += len(text.encode()) + 15
    data = xlsx_bytes([row()], shared=strings)
    assert len(data) < 2 * 1024 * 1024
    _ingest_refused(ws, tmp_path, data, "sharedStrings.xml", "64 MiB")


def test_one_long_shared_string_referenced_everywhere_is_refused(ws: Path, tmp_path: Path) -> None:
    """A 10,000-character string in every cell of 20,000 rows: gigabytes once stored."""
    cells = "".join(f'<c r="{chr(65 + i)}{{n}}" t="s"><v>0</v></c>' for i in range(len(COLUMNS)))
    body = "".join(f'<row r="{n}">{cells.replace("{n}", str(n))}</row>' for n in range(2, 20_002))
    data = xlsx_bytes(
        parts={"xl/worksheets/sheet1.xml": _sheet(_header_row() + body)}, shared=["长" * 10_000]
    )
    _ingest_refused(ws, tmp_path, data, "MiB", "上限")


def test_a_row_swollen_with_unknown_elements_is_refused(ws: Path, tmp_path: Path) -> None:
    """Six million empty elements in one row (half a megabyte zipped): the memory meter stops it."""
    rng = random.Random(5)
    junk = "".join(
        "<x/>" * rng.randint(20, 200) + f'<y n="{rng.randint(0, 10**9)}"/>' for _ in range(60_000)
    )
    data = xlsx_bytes(
        parts={"xl/worksheets/sheet1.xml": _sheet(f'{_header_row()}<row r="2">{junk}</row>')}
    )
    assert len(data) < 1024 * 1024
    _ingest_refused(ws, tmp_path, data, "内存", "上限")


DTD = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("encoding", "padding"),
    [("utf-8", 0), ("utf-16", 0), ("utf-8", 70_000)],
    ids=["plain", "utf-16", "padded-past-64k"],
)
def test_a_part_declaring_a_dtd_is_refused_however_it_hides(
    ws: Path, tmp_path: Path, encoding: str, padding: int
) -> None:
    """XXE in the worksheet part: in UTF-16, or after 70 KB of comment (the old prefix check)."""
    sheet = sheet_xml([row()])
    body = sheet[sheet.index("<worksheet") :]
    pad = f"<!--{' ' * padding}-->" if padding else ""
    part = f'<?xml version="1.0" encoding="{encoding.upper()}"?>{pad}{DTD}{body}'
    data = xlsx_bytes(parts={"xl/worksheets/sheet1.xml": part.encode(encoding)})
    _ingest_refused(ws, tmp_path, data, "DTD")


def test_billion_laughs_is_refused(ws: Path, tmp_path: Path) -> None:
    """Entity declarations in workbook.xml: never expanded."""
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<workbook xmlns="{_MAIN}">&lol2;</workbook>'
    )
    _ingest_refused(ws, tmp_path, xlsx_bytes([row()], parts={"xl/workbook.xml": laughs}), "DTD")


def test_a_zip_bomb_is_refused(ws: Path, tmp_path: Path) -> None:
    """A member expanding a thousandfold."""
    data = xlsx_bytes([row()], parts={"xl/media/image1.png": b"\0" * 30_000_000})
    _ingest_refused(ws, tmp_path, data, "压缩炸弹")


def test_a_truncated_workbook_is_refused(ws: Path, tmp_path: Path) -> None:
    """Half a file: damaged, said so."""
    data = xlsx_bytes([row()])
    _ingest_refused(ws, tmp_path, data[: len(data) // 2], "损坏")


def test_a_zip_that_is_no_workbook_is_refused(ws: Path, tmp_path: Path) -> None:
    """A zip without workbook parts (an ``.xlsx`` that is something else)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("readme.txt", "不是工作簿")
    _ingest_refused(ws, tmp_path, buf.getvalue(), "XLSX")


def test_an_unusual_layout_falls_back_within_limits(ws: Path, tmp_path: Path) -> None:
    """No sheet relationship (openpyxl reads it): a far row number is still refused."""
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
    )
    far = '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>'
    data = xlsx_bytes(
        parts={
            "xl/_rels/workbook.xml.rels": rels,
            "xl/worksheets/sheet1.xml": _sheet(_header_row() + far),
        }
    )
    path = tmp_path / "ST01-意见.xlsx"
    path.write_bytes(data)
    before = Snapshot.of(ws)
    run = run_workbench(ws, "comments", "ingest", str(path), timeout=300)
    run.assert_refused(path.name)
    Snapshot.of(ws).assert_unchanged(before)


def test_formula_cells_are_accepted_as_flagged_text_and_exported_quoted(
    ws: Path, tmp_path: Path
) -> None:
    """``=HYPERLINK(...)``: stored as text, flagged, written back with Excel's quote prefix."""
    from openpyxl import load_workbook

    path = tmp_path / "ST01-公式.xlsx"
    path.write_bytes(xlsx_bytes([row("第三条", '=HYPERLINK("http://x","点我")')]))
    run = run_workbench(ws, "comments", "ingest", str(path))
    run.assert_ok()
    assert "公式" in run.stderr
    out = tmp_path / "意见.xlsx"
    run_workbench(ws, "export", "comments", "-p", "jy", "-o", str(out)).assert_ok()
    sheet = load_workbook(out).worksheets[0]
    cells = [c for r in sheet.iter_rows() for c in r if str(c.value or "").startswith("=HYPER")]
    assert cells
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_reader_processes_together_stay_within_the_ingest_budget(ws: Path, tmp_path: Path) -> None:
    """Eight swollen workbooks at once (read by reader processes): all refused, and the
    processes together never held more than the ingest's memory budget."""
    from workbench.comments.limits import INGEST_MEMORY_BYTES

    rng = random.Random(9)
    paths = []
    for n in range(8):
        junk = "".join(
            "<x/>" * rng.randint(20, 200) + f'<y n="{rng.randint(0, 10**9)}"/>'
            for _ in range(60_000)
        )
        sheet = _sheet(f'{_header_row()}<row r="2">{junk}</row>')
        path = tmp_path / f"ST01-{n}.xlsx"
        path.write_bytes(xlsx_bytes(parts={"xl/worksheets/sheet1.xml": sheet}))
        paths.append(str(path))
    before = Snapshot.of(ws)
    run = run_workbench(ws, "comments", "ingest", *paths, timeout=600)
    run.assert_refused("内存", "上限")
    assert run.stderr.count("拒收") == 8
    assert run.peak_rss < INGEST_MEMORY_BYTES, run.peak_rss
    Snapshot.of(ws).assert_unchanged(before)
