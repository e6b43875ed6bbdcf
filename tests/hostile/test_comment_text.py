"""Hostile CSV and JSON comment files, and control characters in any comment file.

One rule for every format (`workbench.controls`): line-like controls become line breaks, other
controls are removed with a warning naming the row (or comment) and column, a file made of
them is refused; every export then works. CSV and JSON are also bounded before they are split
or parsed: a file of commas or of empty lists is refused by the memory estimate.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from tests.support.comment_files import COLUMNS, csv_bytes, json_bytes, row, xlsx_bytes
from tests.support.hostile import Snapshot, run_workbench

HOSTILE = "建议\x0b增加\x01社区\x00食堂\x1b]52;c;SGVsbG8=\x07，\u202e尽快\x08落实。"
"""Word's soft return, \\x01, NUL, an OSC 52 clipboard write, BEL, a bidi override, BS."""
BAD = "\x01\x00\x1b\x07\u202e\x08"


def _ingest(ws: Path, path: Path):  # type: ignore[no-untyped-def]
    return run_workbench(ws, "comments", "ingest", str(path))


def _refused(ws: Path, path: Path, *mentions: str) -> None:
    before = Snapshot.of(ws)
    _ingest(ws, path).assert_refused(path.name, *mentions)
    Snapshot.of(ws).assert_unchanged(before)


def _file(tmp_path: Path, fmt: str, rows: list[tuple[str, ...]]) -> Path:
    path = tmp_path / f"ST01-意见.{fmt}"
    if fmt == "csv":
        path.write_bytes(csv_bytes(rows))
    elif fmt == "xlsx":
        path.write_bytes(xlsx_bytes(rows))
    else:
        path.write_bytes(json_bytes(rows))
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_control_characters_are_cleaned_with_a_warning_in_every_format(
    ws: Path, tmp_path: Path, fmt: str
) -> None:
    """Accepted; the warning names where; nothing of the controls is stored; every export works."""
    path = _file(tmp_path, fmt, [row("第三条", HOSTILE, reason="理由\x01", submitter="王\x00五")])
    run = _ingest(ws, path)
    run.assert_ok()
    assert "U+0001" in run.stderr
    assert ("opinion" if fmt == "json" else "意见建议") in run.stderr
    listed = run_workbench(ws, "comments", "list", "-p", "jy", "--format", "json")
    texts = json.dumps(json.loads(listed.stdout), ensure_ascii=False)
    assert "建议\\n增加社区食堂，尽快落实。" in texts
    assert not any(ch in texts for ch in BAD)
    for kind, out in (("xlsx", "意见.xlsx"), ("docx", "意见.docx")):
        target = tmp_path / out
        run_workbench(
            ws, "export", "comments", "-p", "jy", "--format", kind, "-o", str(target)
        ).assert_ok()
    feedback = tmp_path / "反馈.docx"
    run_workbench(
        ws, "export", "feedback", "-p", "jy", "--station", "ST01", "-o", str(feedback)
    ).assert_ok()
    letter = "\n".join(p.text for p in docx.Document(str(feedback)).paragraphs)
    assert not any(ch in letter for ch in BAD)
    sheet = load_workbook(tmp_path / "意见.xlsx").worksheets[0]
    values = " ".join(str(c.value) for r in sheet.iter_rows() for c in r if c.value)
    assert "社区食堂" in values


def test_one_nul_in_json_is_treated_as_in_csv(ws: Path, tmp_path: Path) -> None:
    """JSON used to accept the NUL that CSV refused: now both strip it with a warning."""
    for fmt in ("json", "csv"):
        path = _file(tmp_path, fmt, [row("第三条", f"意见{fmt}\x00正文")])
        run = _ingest(ws, path)
        run.assert_ok()
        assert "NUL" in run.stderr


def test_a_csv_made_of_controls_is_refused(ws: Path, tmp_path: Path) -> None:
    """Mostly NULs (a UTF-16 file saved as UTF-8 by a broken tool): not a CSV."""
    path = tmp_path / "ST01.csv"
    path.write_text("\x00".join(csv_bytes([row()]).decode()), encoding="utf-8")
    _refused(ws, path, "控制字符")


def test_a_csv_of_commas_is_refused_before_it_is_split(ws: Path, tmp_path: Path) -> None:
    """Eight million empty cells in an 8 MB file: the memory estimate refuses it first."""
    path = tmp_path / "ST01.csv"
    path.write_bytes(csv_bytes([]) + b"," * 8_000_000)
    _refused(ws, path, "MiB", "上限")


def test_a_csv_row_wider_than_any_comment_file_is_refused(ws: Path, tmp_path: Path) -> None:
    """301 columns."""
    path = tmp_path / "ST01.csv"
    path.write_bytes(csv_bytes([(*row(), *(["x"] * 290))]))
    _refused(ws, path, "301 列", "256")


def test_more_rows_than_the_limit_are_refused(ws: Path, tmp_path: Path) -> None:
    """200,001 data rows: refused while streaming, naming the row."""
    path = tmp_path / "ST01.csv"
    line = ",".join(row("第三条", "意见")).encode() + b"\r\n"
    path.write_bytes(csv_bytes([]) + line * 200_001)
    _refused(ws, path, "数据行过多", "200000")


def test_deeply_nested_json_is_refused_without_a_traceback(ws: Path, tmp_path: Path) -> None:
    """Was a RecursionError traceback."""
    path = tmp_path / "ST01.json"
    path.write_bytes(b'{"station": "ST01", "comments": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    _refused(ws, path, "嵌套层次过深")


def test_json_of_empty_lists_is_refused_before_it_is_parsed(ws: Path, tmp_path: Path) -> None:
    """Four million ``[]``: the memory estimate refuses it first."""
    path = tmp_path / "ST01.json"
    path.write_bytes(b'{"comments": [' + b"[]," * 4_000_000 + b"[]]}")
    _refused(ws, path, "MiB", "上限")


def test_malformed_json_is_explained_in_chinese(ws: Path, tmp_path: Path) -> None:
    """A missing comma: where and what, no parser English."""
    path = tmp_path / "ST01.json"
    path.write_bytes(b'{"station": "ST01" "project": "jy"}')
    before = Snapshot.of(ws)
    run = _ingest(ws, path)
    run.assert_refused(path.name, "缺少逗号", "第1行")
    assert "expected" not in run.stderr
    Snapshot.of(ws).assert_unchanged(before)


def test_json_of_the_wrong_types_is_explained_in_chinese(ws: Path, tmp_path: Path) -> None:
    """pydantic's English stays out."""
    path = tmp_path / "ST01.json"
    raw = json.loads(json_bytes([row()]))
    raw["comments"][0]["opinion"] = ["不是", "文字"]
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    before = Snapshot.of(ws)
    run = _ingest(ws, path)
    run.assert_refused(path.name, "应为文字")
    assert "Input should" not in run.stderr
    Snapshot.of(ws).assert_unchanged(before)


def test_bytes_no_encoding_reads_are_refused(ws: Path, tmp_path: Path) -> None:
    """Binary garbage named .csv."""
    path = tmp_path / "ST01.csv"
    path.write_bytes(bytes(range(128, 256)) * 10)
    _refused(ws, path, "编码")


def test_an_oversized_file_is_refused_unread(ws: Path, tmp_path: Path) -> None:
    """Over 64 MiB."""
    path = tmp_path / "ST01.csv"
    with path.open("wb") as out:
        out.write(",".join(COLUMNS).encode() + b"\r\n")
        out.truncate(65 * 1024 * 1024)
    _refused(ws, path, "文件过大")
