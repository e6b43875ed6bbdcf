"""Projects are created explicitly, renamed and archived with the audit log, never deleted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from workbench.errors import StoreError
from workbench.model import Document, Node
from workbench.store.migrations import MIGRATIONS, current_version
from workbench.workspace import Workspace
from workbench.workspace.projects import ProjectService


def _draft(title: str = "测试条例") -> Document:
    para = Node(kind="paragraph", uid="a0001p", eid="art_1__para_1", text="为了测试，制定本条例。")
    return Document(
        title=title,
        children=(Node(kind="article", uid="a0001", eid="art_1", num="第一条", children=(para,)),),
    )


@pytest.fixture
def ws(tmp_path: Path, database_url: str | None) -> Iterator[Workspace]:
    workspace = Workspace.init(tmp_path / "ws", database_url, actor="tester")
    yield workspace
    workspace.close()


def test_an_import_into_an_unknown_project_is_refused_without_create(ws: Workspace) -> None:
    """A mistyped code lists the projects and says how to create one; nothing is created."""
    ws.import_document(_draft(), "juja-yanglao", "立项前", actor="t", create=True)
    with pytest.raises(StoreError) as refused:
        ws.import_document(_draft(), "juja-yanlao", "初审前", actor="t")
    assert "juja-yanglao" in refused.value.message
    assert "--create" in refused.value.message
    assert [p.slug for p in ws.projects()] == ["juja-yanglao"]


def test_a_new_project_has_no_versions_and_takes_imports(ws: Workspace) -> None:
    """project new, then an import without create; the audit log names who created it."""
    created = ProjectService(ws).create("sh-jiuzu", "上海市某某条例", actor="李四")
    assert (created.slug, created.title, created.archived) == ("sh-jiuzu", "上海市某某条例", False)
    assert ws.versions("sh-jiuzu") == []
    ws.import_document(_draft(), "sh-jiuzu", "立项前", actor="李四")
    assert ws.project("sh-jiuzu").title == "上海市某某条例"
    (entry,) = [e for e in ws.audit_log("sh-jiuzu") if e.action == "create_project"]
    assert entry.actor == "李四"
    with pytest.raises(StoreError, match="已被项目"):
        ProjectService(ws).create("sh-jiuzu", "另一条例", actor="李四")
    with pytest.raises(StoreError, match="无效"):
        ProjectService(ws).create("Bad Slug", "条例", actor="李四")


def test_renaming_keeps_versions_and_logs_the_old_names(ws: Workspace) -> None:
    """A new code and title: versions follow, the old code is unknown, the log has both."""
    ws.import_document(_draft(), "p1", "立项前", actor="t", create=True)
    renamed = ProjectService(ws).rename("p1", title="新条例", new_slug="p2", actor="王五")
    assert (renamed.slug, renamed.title) == ("p2", "新条例")
    assert [v.number for v in ws.versions("p2")] == [1]
    with pytest.raises(StoreError, match="没有名为"):
        ws.versions("p1")
    (entry,) = [e for e in ws.audit_log() if e.action == "rename_project"]
    assert entry.payload == {"old": "测试条例", "new": "新条例", "old_slug": "p1", "new_slug": "p2"}
    with pytest.raises(StoreError, match="没有变化"):
        ProjectService(ws).rename("p2", title="新条例", actor="王五")


def test_an_archived_project_is_kept_hidden_and_closed_until_restored(ws: Workspace) -> None:
    """Archive hides it from the list and refuses imports; every version stays; restore undoes it."""
    ws.import_document(_draft(), "p1", "立项前", actor="t", create=True)
    service = ProjectService(ws)
    archived = service.archive("p1", reason="已公布施行", actor="王五")
    assert archived.archived
    assert archived.archived_by == "王五"
    assert ws.projects() == []
    assert [p.slug for p in service.projects(archived=True)] == ["p1"]
    assert ws.document("p1").title == "测试条例"
    with pytest.raises(StoreError, match="project restore p1"):
        ws.import_document(_draft(), "p1", "初审前", actor="t", create=True)
    with pytest.raises(StoreError, match="已经归档"):
        service.archive("p1", actor="王五")
    service.restore("p1", actor="王五")
    assert [p.slug for p in ws.projects()] == ["p1"]
    ws.import_document(_draft(), "p1", "初审前", actor="t")
    actions = [e.action for e in ws.audit_log("p1")]
    assert actions[-3:-1] == ["archive_project", "restore_project"]
    assert ws.verify_audit().ok


def test_a_workspace_from_before_archiving_migrates(
    tmp_path: Path, database_url: str | None
) -> None:
    """A schema-6 database (projects without archive columns) opens, keeps its projects, archives."""
    folder = tmp_path / "ws"
    with Workspace.init(folder, database_url, actor="t") as ws:
        ws.import_document(_draft(), "p1", "立项前", actor="t", create=True)
        with ws.transaction() as conn:  # turn it back into a version-6 database
            conn.execute(text("ALTER TABLE projects DROP COLUMN archived_at"))
            conn.execute(text("ALTER TABLE projects DROP COLUMN archived_by"))
            conn.execute(text("DELETE FROM schema_version WHERE version >= 7"))
    with Workspace.open(folder, database_url) as reopened:
        with reopened.read() as conn:
            assert current_version(conn) == MIGRATIONS[-1].version
            columns = {c["name"] for c in inspect(conn).get_columns("projects")}
        assert {"archived_at", "archived_by"} <= columns
        (project,) = reopened.projects()
        assert (project.slug, project.archived) == ("p1", False)
        assert ProjectService(reopened).archive("p1", actor="t").archived
