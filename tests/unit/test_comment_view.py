"""``v_comments``: one row per comment with exactly the documented columns, on both databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.support.workspaces import PROJECT, csv_bytes, demo_workspace, row
from workbench.store.comment_view import V_COMMENTS_COLUMNS
from workbench.workspace.comments import CommentService

COLUMNS = (
    "id, project, version, station, station_name, cited_as, article, state, opinion, reason, "
    "proposal, category, submitter, contact, decision, decision_reason, received_at"
)
"""The columns issue 16 names, in its order."""


def test_the_view_shows_each_comment_with_its_article_state_and_latest_decision(
    tmp_path: Path, database_url: str | None
) -> None:
    sent = tmp_path / "a.csv"
    sent.write_bytes(
        csv_bytes(
            [
                row("ST01", "第二条", "建议明确物业服务费标准", 理由="供热费争议多"),
                row("ST01", "全文", "总体赞成"),
                row("ST01", "第九百条", "找不到的条"),
            ]
        )
    )
    with demo_workspace(tmp_path / "ws", ("初审前", "二审前"), database_url=database_url) as ws:
        svc = CommentService(ws)
        (result,) = svc.ingest([sent], actor="测试")
        assert result.status == "accepted"
        views, _ = svc.comments(PROJECT)
        first = views[0].id
        svc.decide(kind="未采纳", reason="上位法已有规定", actor="测试", comment_ids=[first])
        svc.decide(kind="采纳", reason="已修改", actor="测试", comment_ids=[first])
        with ws.read() as conn:
            got = conn.execute(text("SELECT * FROM v_comments ORDER BY id"))
            assert tuple(got.keys()) == V_COMMENTS_COLUMNS
            assert ", ".join(V_COMMENTS_COLUMNS) == COLUMNS
            rows = [dict(r._mapping) for r in got]
    assert [r["state"] for r in rows] == ["placed", "placed", "unplaced"]
    assert [r["article"] for r in rows] == [views[0].target, "全文", None]
    assert rows[0]["decision"] == "采纳"  # the latest of two
    assert rows[0]["decision_reason"] == "已修改"
    assert rows[1]["decision"] is None
    assert (rows[0]["project"], rows[0]["version"], rows[0]["station"]) == (PROJECT, 1, "ST01")
    assert rows[0]["station_name"]
    assert (rows[0]["opinion"], rows[0]["reason"]) == ("建议明确物业服务费标准", "供热费争议多")
    assert (rows[0]["category"], rows[0]["submitter"], rows[0]["contact"]) == (
        "群众",
        "张三",
        "13900000000",
    )
    assert rows[0]["received_at"]


def test_the_readme_queries_run(tmp_path: Path, database_url: str | None) -> None:
    """The two example queries of the README answer on SQLite (and PostgreSQL's variant)."""
    sent = tmp_path / "a.csv"
    sent.write_bytes(
        csv_bytes(
            [
                row("ST03", "第二条", "物业服务应当规范"),
                row("ST03", "第二条", "建议增加物业监管"),
                row("ST03", "第三条", "其他意见"),
            ]
        )
    )
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sql\n")[1:3]
    first, second = (b.split("```")[0] for b in blocks)
    with demo_workspace(tmp_path / "ws", ("初审前",), database_url=database_url) as ws:
        svc = CommentService(ws)
        svc.ingest([sent], actor="测试")
        views, _ = svc.comments(PROJECT)
        svc.decide(kind="采纳", reason="已吸收", actor="测试", comment_ids=[views[0].id])
        if ws.db.dialect == "postgresql":
            first = first.replace(
                "sum(decision IS NULL)", "count(*) FILTER (WHERE decision IS NULL)"
            )
        with ws.read() as conn:
            per_article = conn.execute(text(first)).all()
            found = conn.execute(text(second)).all()
    assert [(a, int(n), int(u)) for a, n, u in per_article] == [
        (views[0].target, 2, 1),
        (views[2].target, 1, 1),
    ]
    assert [r.id for r in found] == [views[1].id]
