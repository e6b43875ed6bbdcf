"""Comments on an article merged into another follow it to the merged article (issue 6).

In the demo, 初审前 第二十六条 and 第二十九条 become 二审前 第二十五条.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.support.paths import DEMO_PROJECT
from tests.support.workspaces import HEADER, demo_workspace
from workbench.comments import CitationIndex, place
from workbench.diff import merged_into
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService
from workbench.workspace.uids import carry_uids
from workbench.workspace.versions import parse_source

DEMO = DEMO_PROJECT
STAGES = ("立项前", "初审前", "二审前")


def test_comment_on_merged_article_follows_it(tmp_path: Path) -> None:
    """A comment on 初审前 第二十九条 shows on 二审前 第二十五条, counted there, not orphaned."""
    ws = demo_workspace(tmp_path / "ws", STAGES)
    try:
        rows = "".join(
            f"ST01,王建华,juja-yanglao,初审前,{cited},{text},,,群众,李秀兰,\n"
            for cited, text in (
                ("第二十九条", "建议智慧养老平台与紧急呼叫设备统一建设。"),
                ("第二十六条", "建议紧急呼叫设备免费配置。"),
                ("第九条", "建议删除本条。"),
            )
        )
        path = tmp_path / "初审前-ST01-merge.csv"
        path.write_text(HEADER + rows, encoding="utf-8")
        svc = CommentService(ws)
        assert {r.status for r in svc.ingest([path], actor="测试")} == {"accepted"}

        views, _ = svc.comments("juja-yanglao", "二审前")
        by_cited = {v.cited_as: v for v in views}
        merged = by_cited["第二十九条"]
        assert (merged.state, merged.target, merged.article) == (
            "placed",
            "第二十五条",
            "第二十五条",
        )
        assert merged.display == "原第二十九条（已并入现第二十五条）"
        kept = by_cited["第二十六条"]
        assert (kept.state, kept.target) == ("placed", "第二十五条")
        assert by_cited["第九条"].state == "orphaned"  # a real deletion stays orphaned

        _, _, index = svc.index("juja-yanglao", "二审前")
        assert (
            svc.counts_by_target("juja-yanglao", "二审前")[index.merged[merged.target_uid or ""]]
            == 2
        )
        under, total = svc.comments("juja-yanglao", "二审前", article="第二十五条")
        assert total == len(under) == 2
        placed, _ = svc.comments("juja-yanglao", "二审前", status=("placed",))
        assert "第二十九条" in {v.cited_as for v in placed}
        orphaned, _ = svc.comments("juja-yanglao", "二审前", status=("orphaned",))
        assert [v.cited_as for v in orphaned] == ["第九条"]
        before, _ = svc.comments("juja-yanglao", "初审前")
        assert {v.cited_as: v.target for v in before}["第二十九条"] == "第二十九条"
        note = svc.placement_note(merged.id, "二审前")
        assert note.startswith(f"意见 {merged.id} 已定位到 第3版 已并入第二十五条")
        assert "原第2版 第二十九条" in note
        assert "已删除" not in svc.placement_note(merged.id, "初审前")
    finally:
        ws.close()


def test_merged_into_and_place_on_the_demo_rounds() -> None:
    """The pure parts: the merge map between the two rounds, and placement through it."""
    old = parse_source(DEMO / "02-初审前.md")
    new = parse_source(DEMO / "03-二审前.md")
    new = carry_uids(old, new)
    origin = CitationIndex(old)
    uid = next(u for u, label in origin.label_of.items() if label == "第二十九条")
    found = merged_into(old, new)
    assert uid in found
    version = CitationIndex(new, found)
    assert version.label_of[version.merged[uid]] == "第二十五条"
    p = place(uid, whole=False, origin=origin, version=version)
    assert (p.state, p.target, p.merged) == ("placed", "第二十五条", True)
    orphan = place(uid, whole=False, origin=origin, version=CitationIndex(new))
    assert orphan.state == "orphaned"


def test_merges_of_versions_imported_before_they_were_recorded_are_filled_in(
    tmp_path: Path,
) -> None:
    """Migration 3 finds the 第二十九条 → 第二十五条 merge for a workspace that lacks it."""
    folder = tmp_path / "ws"
    with demo_workspace(folder, STAGES) as ws:
        with ws.read() as conn:
            recorded = conn.execute(text("SELECT old_uid, new_uid FROM merged_uids")).all()
        assert recorded
        with ws.transaction() as conn:  # as a workspace from before merges were recorded
            conn.execute(text("DELETE FROM merged_uids"))
            conn.execute(text("DELETE FROM schema_version WHERE version >= 3"))
    with Workspace.open(folder) as ws, ws.read() as conn:
        again = conn.execute(text("SELECT old_uid, new_uid FROM merged_uids")).all()
    assert sorted(again) == sorted(recorded)
