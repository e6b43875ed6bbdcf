"""Regression tests for the QA findings on exports: summary counts per comment, honest cluster rows."""

from __future__ import annotations

import errno
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from workbench.errors import StoreError
from workbench.export import (
    MIXED,
    UNDECIDED,
    CommentReport,
    build_comment_report,
    comment_report_xlsx,
)
from workbench.model import Document, Node, renumber
from workbench.model.comments import Comment, Decision
from workbench.workspace import Workspace
from workbench.workspace.exports import ExportFile, ExportService, write_problem

DOC = renumber(
    Document(
        title="某某条例（草案）",
        children=(
            Node(
                kind="article",
                uid="a001",
                eid="art_1",
                num="第一条",
                children=(
                    Node(kind="paragraph", uid="a001-p1", eid="art_1__para_1", text="正文。"),
                ),
            ),
        ),
    )
)
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _comment(id_: int) -> Comment:
    return Comment(
        id=id_,
        project="p",
        version="1",
        station="S",
        file="0" * 64,
        row=id_ + 1,
        target_uid="a001-p1",
        opinion=f"意见{id_}",
    )


def _decision(comment_id: int, kind: str, reason: str = "理由") -> Decision:
    return Decision(
        id=comment_id,
        comment_id=comment_id,
        kind=kind,  # type: ignore[arg-type]
        reason=reason,
        decided_by="李",
        decided_at=NOW,
    )


COMMENTS = [_comment(i) for i in range(1, 8)]
# Cluster 1-3: one adopted, two pending. Cluster 4-5: adopted and rejected. 6, 7 alone.
DECISIONS = {
    1: _decision(1, "采纳", "已修改"),
    4: _decision(4, "采纳", "已修改"),
    5: _decision(5, "未采纳", "上位法已有规定"),
    6: _decision(6, "未采纳"),
}


def _report() -> CommentReport:
    return build_comment_report(DOC, COMMENTS, DECISIONS, clusters=[[1, 2, 3], [4, 5]])


def test_summary_counts_each_comment_by_its_own_decision() -> None:
    """原始意见数 is per comment: 采纳 2, 未采纳 2, 待处理 3 (not the clusters' first decision)."""
    r = _report()
    by = {k: (rows, n) for k, rows, n in r.by_decision}
    assert by["采纳"][1] == 2
    assert by["未采纳"][1] == 2
    assert by[UNDECIDED][1] == 3
    assert sum(n for _, _, n in r.by_decision) == r.total_comments == 7
    # Rows: the two mixed clusters are their own line; 6 rejected, 7 pending.
    assert by[MIXED] == (2, 0)
    assert by["未采纳"][0] == 1
    assert by[UNDECIDED][0] == 1
    assert sum(rows for _, rows, _ in r.by_decision) == len(r.rows)


def test_mixed_cluster_row_does_not_claim_one_decision() -> None:
    """A cluster with pending members says so; one decided differently lists each kind."""
    rows = {r.comment_ids: r for r in _report().rows}
    partial = rows[(1, 2, 3)]
    assert partial.decision == "部分已处理（1/3 采纳）"
    assert partial.member_decisions == ("采纳", UNDECIDED, UNDECIDED)
    split = rows[(4, 5)]
    assert split.decision == "分别处理（1/2 采纳，1/2 未采纳）"
    assert "未采纳：上位法已有规定" in split.decision_reason
    assert rows[(6,)].decision == "未采纳"


def test_uniform_cluster_keeps_its_shared_decision() -> None:
    """All members adopted: the row says 采纳 and counts as one row of two comments."""
    decisions = {1: _decision(1, "采纳"), 2: _decision(2, "采纳")}
    r = build_comment_report(DOC, COMMENTS[:2], decisions, clusters=[[1, 2]])
    assert r.rows[0].decision == "采纳"
    assert {k: (rows, n) for k, rows, n in r.by_decision}["采纳"] == (1, 2)
    assert all(k != MIXED for k, _, _ in r.by_decision)


def test_xlsx_summary_sheet_reads_back_per_comment_counts() -> None:
    """The 统计 sheet written to XLSX carries the per-comment counts."""
    wb = openpyxl.load_workbook(io.BytesIO(comment_report_xlsx(_report())))
    values = {
        row[0]: row[1:3]
        for row in wb["统计"].iter_rows(min_row=3, max_col=3, values_only=True)
        if row[0]
    }
    assert values["采纳"] == (0, 2)
    assert values["未采纳"] == (1, 2)
    assert values[UNDECIDED] == (1, 3)
    assert values[MIXED][0] == 2
    assert values["合计"] == (4, 7)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOENT, "文件夹不存在"),
        (errno.EACCES, "没有写入权限"),
        (errno.EISDIR, "完整的文件名"),
        (errno.ENOSPC, "磁盘空间已满"),
        (errno.EROFS, "只读"),
    ],
)
def test_write_problem_explains_common_errors_in_chinese(code: int, expected: str) -> None:
    """The usual errno values get a Chinese reason and what to do, no OS English."""
    message = write_problem(OSError(code, os.strerror(code)))
    assert expected in message
    assert os.strerror(code) not in message


def test_write_problem_keeps_the_system_words_for_rare_errors() -> None:
    """An unusual errno still says something, with the system's text as detail."""
    assert "Weird" in write_problem(OSError(errno.EIO, "Weird I/O"))


def test_export_write_errors_are_chinese(tmp_path: Path) -> None:
    """Writing into a missing /proc entry or onto a folder: Chinese reason, file named."""
    ws = Workspace.init(tmp_path / "ws")
    service = ExportService(ws)
    export = ExportFile("草案.txt", "第一条　内容。\n".encode())
    with pytest.raises(StoreError) as missing:
        service.write(export, Path("/proc/nope.docx"))
    assert "/proc/nope.docx" in str(missing.value)
    assert "文件夹不存在" in str(missing.value)
    assert "No such file" not in str(missing.value)
    folder = tmp_path / "已有文件夹"
    folder.mkdir()
    with pytest.raises(StoreError) as is_dir:
        service.write(export, folder)
    assert "完整的文件名" in str(is_dir.value)
    assert list(folder.iterdir()) == []
