"""Schema step 9: workspaces whose versions were named after the 四前四方 nodes get stages and names."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from workbench.store.migrations import MIGRATIONS, current_version, needs_migration
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "drafts" / "juja-yanglao"
P = "juja-yanglao"
ROUNDS = (
    ("01-立项前.md", "立项前"),
    ("02-初审前.md", "初审前"),
    ("03-二审前.md", "二审前"),
    ("03-二审前.md", "初审前"),  # a second text at the same node: labelled 第2稿
)
OLD_LABELS = ("立项前稿", "初审前稿", "二审前稿", "初审前第2稿")


def _back_to_schema_8(ws: Workspace) -> None:
    """Turn a workspace into what schema 8 stored: versions named after their node, no kinds."""
    with ws.transaction() as conn:
        conn.execute(text("DROP TABLE cycle_records"))
        for number, ((_, node), label) in enumerate(zip(ROUNDS, OLD_LABELS, strict=True), 1):
            conn.execute(
                text("UPDATE versions SET stage = :s, label = :l WHERE number = :n"),
                {"s": node, "l": label, "n": number},
            )
        conn.execute(text("ALTER TABLE versions DROP COLUMN node"))
        conn.execute(text("ALTER TABLE versions DROP COLUMN name"))
        conn.execute(text("ALTER TABLE projects DROP COLUMN kind"))
        conn.execute(text("ALTER TABLE projects DROP COLUMN readings"))
        conn.execute(text("DELETE FROM schema_version WHERE version >= 9"))


def test_versions_named_after_nodes_get_their_stage_and_practical_name(
    tmp_path: Path, database_url: str | None
) -> None:
    """初审前稿 becomes the 草案 of 一审 at node 初审前; comments and node refs still work."""
    folder = tmp_path / "ws"
    with Workspace.init(folder, database_url) as ws:
        for name, node in ROUNDS[:2]:
            ws.import_version(DEMO / name, P, node, actor="测试", create=True)
        ingested = CommentService(ws).ingest([DEMO / "comments" / "初审前-ST01.csv"], actor="测试")
        assert [r.status for r in ingested] == ["accepted"]
        for name, node in ROUNDS[2:]:
            ws.import_version(DEMO / name, P, node, actor="测试", create=True)
        before, _ = CommentService(ws).comments(P)
        _back_to_schema_8(ws)
        with ws.read() as conn:
            assert current_version(conn) == 8
            assert needs_migration(conn)
            assert "node" not in {c["name"] for c in inspect(conn).get_columns("versions")}
    with Workspace.open(folder, database_url) as ws:
        with ws.read() as conn:
            assert current_version(conn) == MIGRATIONS[-1].version
        versions = ws.versions(P)
        assert [(v.stage, v.node, v.name, v.label) for v in versions] == [
            ("立项", "立项前", "草案建议稿", "草案建议稿"),
            ("一审", "初审前", "草案", "草案"),
            ("二审", "二审前", "草案修改稿", "草案修改稿"),
            ("一审", "初审前", "草案", "草案第2稿"),
        ]
        project = ws.project(P)
        assert (project.kind, project.readings) == ("制定", 2)
        assert ws.resolve_version(P, "初审前").number == 4
        assert ws.resolve_version(P, "草案修改稿").number == 3
        after, _ = CommentService(ws).comments(P)
        assert [(v.id, v.target) for v in after] == [(v.id, v.target) for v in before]
        assert {v.version for v in after} == {"2（草案）"}
        again = ws.import_version(DEMO / "03-二审前.md", P, "二审前", actor="测试")
        assert (again.created, again.version.number) == (False, 3)
        fresh = ws.import_version(DEMO / "04-表决前.md", P, "表决前", actor="测试")
        assert (fresh.version.stage, fresh.version.label) == ("表决", "表决稿")


def test_a_node_no_stage_carries_stays_a_stage_of_its_own(
    tmp_path: Path, database_url: str | None
) -> None:
    """A workspace configured with its own nodes keeps them as stages, texts named <node>稿."""
    from workbench.model.project import MatrixConfig

    config = MatrixConfig(nodes=("论证前", "初审前"), parties=("起草单位",))
    folder = tmp_path / "ws"
    with Workspace.init(folder, database_url, config=config) as ws:
        ws.import_version(DEMO / "01-立项前.md", P, "论证前", actor="测试", create=True)
        ws.import_version(DEMO / "02-初审前.md", P, "初审前", actor="测试")
        with ws.transaction() as conn:
            conn.execute(text("DROP TABLE cycle_records"))
            conn.execute(text("UPDATE versions SET stage = '初审前' WHERE number = 2"))
            conn.execute(text("ALTER TABLE versions DROP COLUMN node"))
            conn.execute(text("ALTER TABLE versions DROP COLUMN name"))
            conn.execute(text("ALTER TABLE projects DROP COLUMN kind"))
            conn.execute(text("ALTER TABLE projects DROP COLUMN readings"))
            conn.execute(text("DELETE FROM schema_version WHERE version >= 9"))
    with Workspace.open(folder, database_url) as ws:
        assert [(v.stage, v.node, v.label) for v in ws.versions(P)] == [
            ("论证前", "论证前", "论证前稿"),
            ("一审", "初审前", "草案"),
        ]
