"""The 意见采纳情况表 streamed clause by clause: same rows as the report, one sheet's limit kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from tests.support.workspaces import PROJECT, comment_files, demo_workspace
from workbench.workspace import Workspace, comment_exports
from workbench.workspace.comments import CommentService
from workbench.workspace.exports import ExportService


def cells(sheet: Any, min_row: int = 3) -> list[list[str]]:
    """A worksheet's values from ``min_row`` on, as text ("" for empty cells)."""
    return [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(min_row=min_row, values_only=True)
    ]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = demo_workspace(tmp_path / "ws")
    svc = CommentService(ws)
    svc.ingest(comment_files(tmp_path / "files"), actor="测试", workers=0)
    svc.clusters(PROJECT, actor="测试")
    views, _ = svc.comments(PROJECT)
    svc.decide(kind="采纳", reason="已修改", actor="测试", comment_ids=[views[0].id])
    return ws


def test_the_streamed_workbook_has_a_row_per_opinion_in_text_order(ws: Workspace) -> None:
    with ws:
        _, total = CommentService(ws).comments(PROJECT)
        export = ExportService(ws).comments(PROJECT, None, "xlsx")
    assert export.notes == ()
    book = openpyxl.load_workbook(io.BytesIO(export.data))
    table = book["意见采纳情况"]
    rows = cells(table)
    counted = sum(int(r[8]) for r in rows)  # 同类意见数
    assert counted == total
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    clauses = [r[1] for r in rows]
    first_stray = next(i for i, c in enumerate(clauses) if "未定位" in c)
    assert all("未定位" in c or "删除" in c for c in clauses[first_stray:])  # strays last
    stats = {r[0]: r[1:3] for r in cells(book["统计"]) if r[0]}
    assert stats["合计"] == [str(len(rows)), str(total)]
    assert int(stats["采纳"][1]) >= 1


def test_a_report_longer_than_a_worksheet_is_grouped_by_clause_and_says_so(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comment_exports, "MAX_SHEET_ROWS", 20)
    with ws:
        _, total = CommentService(ws).comments(PROJECT)
        export = ExportService(ws).comments(PROJECT, None, "xlsx")
    (note,) = export.notes
    assert "按条款汇总" in note
    book = openpyxl.load_workbook(io.BytesIO(export.data))
    assert book.sheetnames == ["按条款汇总", "统计"]
    rows = cells(book["按条款汇总"])
    assert sum(int(r[1]) for r in rows) == total
    assert rows[0][2] == note


def test_the_streamed_word_table_has_the_same_rows(ws: Workspace) -> None:
    with ws:
        sheet = ExportService(ws).comments(PROJECT, None, "xlsx")
        word = ExportService(ws).comments(PROJECT, None, "docx")
    table = openpyxl.load_workbook(io.BytesIO(sheet.data))["意见采纳情况"]
    expected = [r[1] for r in cells(table)]
    document = docx.Document(io.BytesIO(word.data))
    grid = document.tables[0]
    assert [row.cells[1].text for row in grid.rows[1:]] == expected
    summary = next(p.text for p in document.paragraphs if p.text.startswith("共收到意见"))
    assert f"合并同类意见后{len(expected)}条" in summary
