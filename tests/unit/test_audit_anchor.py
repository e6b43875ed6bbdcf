"""The audit anchor: its code, its file, and verification against it on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.errors import StoreError
from workbench.model import Document, Node
from workbench.store.anchor import ANCHOR_FILE, AuditAnchor, anchor_code, parse_code
from workbench.workspace import Workspace

DIGEST = "3f7a91c20b4de6a8" + "0" * 48


def test_the_code_is_the_sequence_and_64_bits_of_the_hash() -> None:
    """152-3F7A-91C2-0B4D-E6A8: short enough to copy by hand."""
    assert anchor_code(152, DIGEST) == "152-3F7A-91C2-0B4D-E6A8"


@pytest.mark.parametrize(
    "written",
    [
        "152-3F7A-91C2-0B4D-E6A8",
        "152-3f7a91c20b4de6a8",
        "第152条 3F7A-91C2-0B4D-E6A8",
        "152:3F7A91C2",
    ],
)
def test_a_code_is_read_back_however_it_was_copied(written: str) -> None:
    """Case, separators and the 第…条 form do not matter; 8 hex digits are enough."""
    seq, prefix = parse_code(written)
    assert seq == 152
    assert DIGEST.startswith(prefix)


@pytest.mark.parametrize("written", ["", "152", "abc-3F7A-91C2", "152-3F7A", "152-ZZZZ-ZZZZ"])
def test_a_code_that_is_not_one_is_refused(written: str) -> None:
    """With the form expected in the message."""
    with pytest.raises(StoreError, match="例如"):
        parse_code(written)


def test_the_anchor_only_moves_forward(tmp_path: Path) -> None:
    """Commits finishing out of order never move the anchor back."""
    anchor = AuditAnchor(tmp_path / ANCHOR_FILE)
    assert anchor.advance(5, "a" * 64)
    assert not anchor.advance(3, "b" * 64)
    point = anchor.read()
    assert point is not None
    assert (point.seq, point.hash) == (5, "a" * 64)


def test_racing_writers_leave_the_highest_point(tmp_path: Path) -> None:
    """Many threads advancing at once: the file ends at the highest sequence, never torn."""
    anchor = AuditAnchor(tmp_path / ANCHOR_FILE)
    threads = [threading.Thread(target=anchor.advance, args=(n, f"{n:064x}")) for n in range(1, 41)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    point = anchor.read()
    assert point is not None
    assert (point.seq, point.hash) == (40, f"{40:064x}")
    assert not list(tmp_path.glob(".*partial"))


def test_a_damaged_anchor_file_is_reported_not_raised(tmp_path: Path) -> None:
    """Garbage in the file: verification names it; it does not crash."""
    with Workspace.init(tmp_path / "ws", actor="甲") as ws:
        (ws.path / ANCHOR_FILE).write_text("{not json", encoding="utf-8")
        report = ws.verify_audit()
    assert not report.ok
    assert report.problems[0].kind == "anchor"
    assert "损坏" in report.problems[0].message


def _doc() -> Document:
    para = Node(
        kind="paragraph", uid="anc0000p1", eid="art_1__para_1", text="为了测试，制定本条例。"
    )
    art = Node(kind="article", uid="anc0000a1", eid="art_1", num="第一条", children=(para,))
    return Document(title="锚点测试条例", children=(art,))


def test_edits_around_the_workbench_are_named_on_both_backends(
    tmp_path: Path, database_url: str | None
) -> None:
    """A cell changed and the log cut short with SQL: both named, on SQLite and PostgreSQL."""
    with Workspace.init(tmp_path / "ws", database_url, actor="甲") as ws:
        ws.import_document(_doc(), "p", "初审前", actor="甲", create=True)
        ws.set_cell("p", "初审前", "司法行政部门", "已征求", actor="甲")
        assert ws.verify_audit().ok
        anchored = json.loads((ws.path / ANCHOR_FILE).read_text(encoding="utf-8"))
        assert anchored["code"] == ws.audit.code()
        drop = (
            ["DROP TRIGGER audit_log_no_delete"]
            if ws.db.dialect == "sqlite"
            else ["DROP TRIGGER audit_log_no_change ON audit_log"]
        )
        with ws.db.engine.begin() as conn:
            conn.execute(text("UPDATE matrix_cells SET status = '已会商'"))
            for statement in drop:
                conn.execute(text(statement))
            conn.execute(text("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"))
        report = ws.verify_audit()
    assert not report.ok
    kinds = {p.kind for p in report.problems}
    assert kinds == {"anchor", "matrix"}, report.problems
