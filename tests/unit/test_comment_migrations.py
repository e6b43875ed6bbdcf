"""Workspaces made by earlier schemas open with plain comment rows, search and ``v_comments``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.support.legacy import to_schema7
from tests.support.paths import ROOT
from tests.support.workspaces import (
    PROJECT,
    comment_files,
    csv_bytes,
    demo_workspace,
    ingested,
    row,
    stored,
)
from workbench.store.migrations import MIGRATIONS, current_version
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService
from workbench.workspace.comments.storing import MAX_REPEAT_WARNINGS

SCHEMA7 = ROOT / "tests" / "data" / "schema7-workspace"
"""A workspace saved by schema 7 (release before plain rows): the demo's first three versions,
`comment_files` ingested, clusters found, two decisions and one comment placed by hand."""


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tpl") / "ws"
    demo_workspace(folder).close()
    return folder


def plain_shape(ws: Workspace) -> tuple[set[str], set[str], set[str]]:
    """Tables, comment columns and comment indexes of a workspace's database."""
    with ws.read() as conn:
        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        columns = {c["name"] for c in inspector.get_columns("comments")}
        indexes = {str(i["name"]) for i in inspector.get_indexes("comments")}
    return tables, columns, indexes


def assert_plain(ws: Workspace) -> None:
    """Schema 8: plain text columns and indexes, no chunks or id lists; searchable; the view."""
    tables, columns, indexes = plain_shape(ws)
    assert not tables & {"comment_texts", "comment_targets"}
    assert {"opinion", "reason", "proposal", "submitter", "contact", "project_id"} <= columns
    assert "seq" not in columns
    assert {"ix_comments_project_target", "ix_comments_project_station"} <= indexes
    with ws.read() as conn:
        assert current_version(conn) == MIGRATIONS[-1].version
        counted = conn.execute(text("SELECT count(*) FROM comments")).scalar_one()
        viewed = conn.execute(text("SELECT count(*) FROM v_comments")).scalar_one()
    assert counted == viewed


def test_a_schema_7_workspace_gets_plain_rows_search_and_the_view(
    template_ws: Path, tmp_path: Path, database_url: str | None
) -> None:
    """Texts packed in LZ4 chunks and node id lists become plain rows; nothing listed changes."""
    folder = tmp_path / "ws"
    with ingested(template_ws, tmp_path, database_url) as ws:
        svc = CommentService(ws)
        views, _ = svc.comments(PROJECT)
        svc.clusters(PROJECT, actor="测试")
        svc.decide(kind="部分采纳", reason="部分吸收", actor="测试", comment_ids=[views[3].id])
        before = stored(ws)
        to_schema7(ws)
        tables, columns, _ = plain_shape(ws)
        assert {"comment_texts", "comment_targets"} <= tables
        assert "opinion" not in columns
    with Workspace.open(folder, database_url) as reopened:
        assert stored(reopened) == before
        assert_plain(reopened)
        with reopened.read() as conn:
            found = conn.execute(
                text("SELECT decision FROM v_comments WHERE id = :i"), {"i": views[3].id}
            ).scalar_one()
        assert found == "部分采纳"
        # a corrected file sent again after the migration: its other rows are found as repeats
        rows = [row("ST01", f"第{n % 9 + 1}条", f"意见0-{n}，请明确。") for n in range(40)]
        rows[0] = row("ST01", "第一条", "更正后的意见")
        corrected = tmp_path / "corrected.csv"
        corrected.write_bytes(csv_bytes(rows))
        (again,) = CommentService(reopened).ingest([corrected], actor="测试", workers=0)
        assert again.status == "accepted"
        repeats = [w for w in again.warnings if "内容相同" in str(w)]
        assert [w.row for w in repeats[:MAX_REPEAT_WARNINGS]] == list(range(3, 3 + 20))


def test_a_version_1_database_reaches_plain_rows_through_every_step(
    template_ws: Path, tmp_path: Path, database_url: str | None
) -> None:
    """Texts in columns (schema 1) go to chunks (2), lists (4), narrow rows (5) and back (8)."""
    folder = tmp_path / "ws"
    with ingested(template_ws, tmp_path, database_url) as ws:
        before = stored(ws)
        views, _ = CommentService(ws).comments(PROJECT)
        to_schema7(ws)
        with ws.transaction() as conn:  # then back into a version-1 database
            for name in ("quote", "opinion", "reason", "proposal", "submitter_category"):
                conn.execute(text(f"ALTER TABLE comments ADD COLUMN {name} TEXT"))
            for name in ("submitter", "contact"):
                conn.execute(text(f"ALTER TABLE comments ADD COLUMN {name} TEXT"))
            for v in views:
                conn.execute(
                    text(
                        "UPDATE comments SET quote=:q, opinion=:o, reason=:r, proposal=:p, "
                        "submitter_category=:c, submitter=:s, contact=:t WHERE id=:id"
                    ),
                    {
                        "q": v.quote,
                        "o": v.text,
                        "r": v.reason,
                        "p": v.proposal,
                        "c": v.submitter_category,
                        "s": v.submitter,
                        "t": v.contact,
                        "id": v.id,
                    },
                )
            conn.execute(text("DROP TABLE comment_texts"))
            conn.execute(text("DROP TABLE comment_targets"))
            conn.execute(text("ALTER TABLE comments DROP COLUMN seq"))  # version 1 had none
            conn.execute(text("ALTER TABLE comment_files DROP COLUMN first_id"))
            conn.execute(text("ALTER TABLE comment_files DROP COLUMN last_id"))
            conn.execute(text("DELETE FROM schema_version WHERE version >= 2"))
    with Workspace.open(folder, database_url) as reopened:
        assert stored(reopened) == before
        assert_plain(reopened)


def _fields(ws: Workspace) -> list[tuple[object, ...]]:
    """What a comment is, whatever the release that stored it (uids are minted per import)."""
    views, _ = CommentService(ws).comments(PROJECT)
    return [
        (
            v.id,
            v.station,
            v.row,
            v.cited_as,
            v.quote,
            v.text,
            v.reason,
            v.proposal,
            v.submitter_category,
            v.submitter,
            v.contact,
            v.flags,
            v.target_uid is None,
            v.state,
            v.article,
            v.decision,
            v.cluster is not None,
        )
        for v in views
    ]


def test_a_workspace_saved_by_the_release_before_opens_with_plain_rows(tmp_path: Path) -> None:
    """The schema-7 file in tests/data (made by that release) lists what this release would."""
    old = tmp_path / "old"
    shutil.copytree(SCHEMA7, old)
    (old / "inbox").mkdir()
    (old / "exports").mkdir()
    with demo_workspace(tmp_path / "new", ("立项前", "初审前", "二审前")) as ws:
        svc = CommentService(ws)
        svc.ingest(comment_files(tmp_path / "files"), actor="测试", workers=0)
        views, _ = svc.comments(PROJECT)
        svc.clusters(PROJECT, actor="测试")
        svc.decide(kind="采纳", reason="已修改", actor="测试", comment_ids=[views[0].id])
        svc.decide(kind="未采纳", reason="不宜规定", actor="测试", comment_ids=[views[1].id])
        unplaced = next(v for v in views if v.state == "unplaced")
        svc.place(unplaced.id, "第二条", actor="测试", version=2)
        expected = _fields(ws)
    with Workspace.open(old) as migrated:
        assert _fields(migrated) == expected
        assert_plain(migrated)
        assert migrated.verify_audit().ok


def test_the_search_index_is_built_again_with_single_character_terms(
    template_ws: Path, tmp_path: Path, database_url: str | None
) -> None:
    """A schema-9 index (its terms made another way) is rebuilt from the stored texts."""
    from workbench.store.search import create_search, drop_search
    from workbench.workspace.search import SearchService

    folder = tmp_path / "ws"
    with ingested(template_ws, tmp_path, database_url) as ws:
        before = SearchService(ws).search("请明确", scope="all")
        assert before.comments_total > 0
        with ws.transaction() as conn:  # an index whose terms no longer match the queries
            drop_search(conn)
            create_search(conn)
            conn.execute(text("DELETE FROM schema_version WHERE version >= 10"))
        assert SearchService(ws).search("请明确").comments_total == 0
    with Workspace.open(folder, database_url) as reopened:
        after = SearchService(reopened).search("请明确", scope="all")
        assert after.comments_total == before.comments_total
        assert after.draft_total == before.draft_total
