"""Applied decisions are stored; a workspace made before they existed gets their table on open."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from workbench.parse import parse_text
from workbench.store.projects import update_project_cycle
from workbench.workspace import Workspace
from workbench.workspace.amendments import AmendmentService

BASE = "测试条例\n\n第一条　为了规范管理，制定本条例。\n\n第二条　本条例自公布之日起施行。\n"
DECISION = (
    "关于修改《测试条例》的决定\n\n一、增加一条，作为第二条：“市人民政府负责实施。”\n\n"
    "本决定自公布之日起施行。\n"
)


def test_a_workspace_without_the_amendments_table_gets_it_when_opened(tmp_path: Path) -> None:
    """Drop the table (as in a workspace of the previous release): opening creates it again."""
    folder = tmp_path / "ws"
    with Workspace.init(folder) as ws:
        ws.import_document(parse_text(BASE), "cs", "立项前", actor="张三", create=True)
        with ws.transaction() as conn:
            update_project_cycle(conn, "cs", kind="修正")
    engine = create_engine(f"sqlite:///{folder / 'workbench.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE amendments"))
    engine.dispose()
    decision = tmp_path / "决定.md"
    decision.write_text(DECISION, encoding="utf-8")
    with Workspace.open(folder) as ws:
        service = AmendmentService(ws)
        assert service.applied("cs") == []
        done = service.apply("cs", decision, actor="张三")
        assert [o.status for o in done.applied.outcomes] == ["applied"]
        assert len(ws.working_draft("cs").document.children) == 3
        (stored,) = service.applied("cs", 1)
        assert stored.decision.items[0].label == "一"
        assert stored.applied_by == "张三"
    engine = create_engine(f"sqlite:///{folder / 'workbench.sqlite3'}")
    assert "amendments" in inspect(engine).get_table_names()
    engine.dispose()
