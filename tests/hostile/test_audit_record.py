"""The record against someone with a database tool: `audit --verify` names what changed.

The attacker here edits the SQLite file directly (``sqlite3``), dropping the append-only
triggers when needed, as anyone with access to the file could; the workbench's own commands
are the only honest writers. They run in this process (`invoke_workbench`): the attack is on
the stored record, not on the process, and a second of start-up per command adds nothing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from tests.support.hostile import Snapshot, invoke_workbench
from workbench.store.audit import GENESIS_HASH, entry_hash


def _sql(ws: Path, *statements: str) -> None:
    conn = sqlite3.connect(ws / "workbench.sqlite3")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _rehash_from(ws: Path, first: int) -> None:
    """Recompute every hash from entry ``first`` on, as an attacker covering an edit would."""
    conn = sqlite3.connect(ws / "workbench.sqlite3")
    try:
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        rows = conn.execute(
            "SELECT seq, at, actor, action, project, payload FROM audit_log ORDER BY seq"
        ).fetchall()
        prev = GENESIS_HASH
        for seq, at, actor, action, project, payload in rows:
            if seq >= first:
                digest = entry_hash(
                    prev,
                    seq=seq,
                    at=datetime.fromisoformat(at),
                    actor=actor,
                    action=action,
                    project=project,
                    payload=json.loads(payload),
                )
                conn.execute(
                    "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                    (prev, digest, seq),
                )
            prev = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()[0]
        conn.commit()
    finally:
        conn.close()


def _verify(ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke_workbench(ws, "audit", "--verify", *args)


def test_an_untouched_workspace_verifies_and_prints_its_code(ws: Path) -> None:
    """The honest case: exit 0, and the code printed is the anchor file's."""
    run = _verify(ws)
    run.assert_ok()
    anchor = json.loads((ws / "audit-anchor.json").read_text(encoding="utf-8"))
    assert anchor["code"] in run.stdout
    assert invoke_workbench(ws, "audit", "--code").stdout.strip() == anchor["code"]


def test_every_write_advances_the_anchor(ws: Path) -> None:
    """A command that writes moves the anchor to the new end of the log."""
    before = json.loads((ws / "audit-anchor.json").read_text(encoding="utf-8"))
    party = "司法行政部门"
    invoke_workbench(ws, "matrix", "set", "-p", "jy", "-n", "初审前", "--party", party,
                  "--status", "已反馈").assert_ok()  # fmt: skip
    after = json.loads((ws / "audit-anchor.json").read_text(encoding="utf-8"))
    assert after["seq"] == before["seq"] + 1
    _verify(ws).assert_ok()


def test_deleting_the_newest_entries_is_detected(ws: Path) -> None:
    """Cutting the log short leaves a valid chain, but not the one the anchor ends on."""
    _sql(ws, "DROP TRIGGER audit_log_no_delete",
         "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)")  # fmt: skip
    before = Snapshot.of(ws)
    run = _verify(ws)
    run.assert_refused("锚点", "被删除")
    Snapshot.of(ws).assert_unchanged(before, allowed_actions=())


def test_rehashing_the_chain_after_an_edit_is_detected(ws: Path) -> None:
    """An entry edited and the chain recomputed from it: the anchor no longer matches."""
    _sql(ws, "DROP TRIGGER audit_log_no_update",
         "UPDATE audit_log SET actor = '别人' WHERE seq = 2")  # fmt: skip
    _verify(ws).assert_refused("第 2 条")  # the plain chain catches the edit itself
    _rehash_from(ws, 2)
    run = _verify(ws)
    run.assert_refused("锚点", "重算了哈希")


def test_a_recorded_code_catches_a_rewrite_of_database_and_anchor_together(ws: Path) -> None:
    """Whoever also rewrites the anchor file passes the anchor, not the code staff wrote down."""
    recorded = invoke_workbench(ws, "audit", "--code").stdout.strip()
    _sql(ws, "DROP TRIGGER audit_log_no_update",
         "UPDATE audit_log SET actor = '别人' WHERE seq = 2")  # fmt: skip
    _rehash_from(ws, 2)
    conn = sqlite3.connect(ws / "workbench.sqlite3")
    seq, digest = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC").fetchone()
    conn.close()
    anchor = {"seq": seq, "hash": digest, "code": "", "at": ""}
    (ws / "audit-anchor.json").write_text(json.dumps(anchor), encoding="utf-8")
    _verify(ws).assert_ok()  # the rewrite is consistent: only the paper code can tell
    run = _verify(ws, "--check", recorded)
    run.assert_refused("抄录的锚点码", "被改写")


def test_a_recorded_code_of_the_intact_log_checks(ws: Path) -> None:
    """A code written down earlier still checks after later honest writes."""
    recorded = invoke_workbench(ws, "audit", "--code").stdout.strip()
    invoke_workbench(ws, "matrix", "set", "-p", "jy", "-n", "二审前", "--party", "法检两院",
                  "--status", "已征求").assert_ok()  # fmt: skip
    _verify(ws, "--check", recorded.lower().replace("-", " ", 1)).assert_ok()


def test_a_malformed_code_is_refused_with_the_expected_form(ws: Path) -> None:
    """A code typed wrong is an input error, not a verification failure."""
    _verify(ws, "--check", "abc").assert_refused("锚点码", "例如")


def test_a_decision_edited_in_the_database_is_named(ws: Path) -> None:
    """采纳 turned into 未采纳 with SQL: the comment and the log entry are named."""
    _sql(ws, "UPDATE comment_decisions SET kind = '未采纳'")
    run = _verify(ws)
    run.assert_refused("意见 1", "未采纳", "采纳", "绕过工作台")


def test_a_decision_inserted_in_the_database_is_named(ws: Path) -> None:
    """A decision row nobody logged."""
    _sql(ws, "INSERT INTO comment_decisions (comment_id, kind, reason, decided_by, decided_at) "
             "VALUES (2, '采纳', '', '某人', '2026-01-01T00:00:00.000000+00:00')")  # fmt: skip
    _verify(ws).assert_refused("意见 2", "没有审计记录")


def test_a_deleted_decision_is_named(ws: Path) -> None:
    """A logged decision whose row is gone."""
    _sql(ws, "DELETE FROM comment_decisions")
    _verify(ws).assert_refused("意见 1", "不见了")


def test_a_version_text_edited_in_the_database_is_named(ws: Path) -> None:
    """A frozen version's text changed (its hash column left alone, or updated too)."""
    _sql(ws, "UPDATE versions SET document = replace(document, '老年人', '老人')")
    _verify(ws).assert_refused("第 1 版", "正文")
    _sql(ws, "UPDATE versions SET sha256 = '" + "0" * 64 + "'")
    _verify(ws).assert_refused("第 1 版", "版本被替换")


def test_a_working_draft_edited_in_the_database_is_named(ws: Path) -> None:
    """The working draft changed without a save."""
    _sql(ws, "UPDATE working_drafts SET document = replace(document, '老年人', '老人')")
    _verify(ws).assert_refused("工作稿")


def test_a_matrix_cell_edited_in_the_database_is_named(ws: Path) -> None:
    """A 四前四方 cell moved to 已会商 with SQL."""
    _sql(ws, "UPDATE matrix_cells SET status = '已会商'")
    _verify(ws).assert_refused("矩阵单元", "已会商", "已征求")


def test_a_restore_from_backup_is_acknowledged_with_a_reason(ws: Path) -> None:
    """An older copy of the database fails verification until re-anchored, and that is logged."""
    backup = (ws / "workbench.sqlite3").read_bytes()
    invoke_workbench(ws, "matrix", "set", "-p", "jy", "-n", "二审前", "--party", "法检两院",
                  "--status", "已征求").assert_ok()  # fmt: skip
    for suffix in ("-wal", "-shm"):
        (ws / f"workbench.sqlite3{suffix}").unlink(missing_ok=True)
    (ws / "workbench.sqlite3").write_bytes(backup)
    _verify(ws).assert_refused("备份恢复")
    invoke_workbench(ws, "audit", "--reanchor").assert_refused("原因")
    invoke_workbench(ws, "audit", "--reanchor", "--reason", "从昨日备份恢复").assert_ok()
    run = _verify(ws)
    run.assert_ok()
    assert "从昨日备份恢复" in run.stdout


def test_a_deleted_anchor_file_is_rebuilt_on_record(ws: Path) -> None:
    """No anchor file: the next command rebuilds it at the log's end and logs that it did."""
    (ws / "audit-anchor.json").unlink()
    run = _verify(ws)
    run.assert_ok()
    assert "锚点文件不存在" in run.stdout
    assert (ws / "audit-anchor.json").is_file()
    log = invoke_workbench(ws, "audit", "--format", "json")
    assert json.loads(log.stdout)["entries"][-1]["action"] == "anchor_audit"
