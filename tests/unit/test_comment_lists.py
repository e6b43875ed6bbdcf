"""Comments found by node through the per-node id lists, and the schema steps that brought them."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from tests.support.workspaces import (
    PROJECT,
    comment_files,
    csv_bytes,
    demo_workspace,
    ingested,
    row,
    stored,
)
from workbench.store import comment_tables as t
from workbench.store import comment_targets
from workbench.store.comment_codec import unpack_chunk
from workbench.store.comment_rows import ROWS_PER_INSERT
from workbench.store.migrations import MIGRATIONS, current_version
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService
from workbench.workspace.comments.storing import MAX_REPEAT_WARNINGS


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tpl") / "ws"
    demo_workspace(folder).close()
    return folder


def by_article(ws: Workspace) -> dict[str, list[int]]:
    """Each article's comment ids as `comments(article=...)` lists them, and the counts."""
    service = CommentService(ws)
    views, _ = service.comments(PROJECT)
    articles = sorted({v.article for v in views if v.article})
    return {a: [v.id for v in service.comments(PROJECT, article=a)[0]] for a in articles}


def test_the_lists_find_what_a_pass_over_every_comment_finds(
    template_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing an article through the per-node lists or by scanning gives the same comments."""
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        service = CommentService(ws)
        service.ingest(comment_files(tmp_path / "files"), actor="测试", workers=0)
        service.ingest(comment_files(tmp_path / "again", salt="二"), actor="测试", workers=0)
        listed = by_article(ws)
        views, _ = service.comments(PROJECT)
        assert len(listed) > 5
        for article, ids in listed.items():
            assert ids == [v.id for v in views if v.article == article]
        assert service.comments(PROJECT, limit=0)[1] == len(views)
        for station in ("ST01", "ST10", "ST99"):
            total = sum(1 for v in views if v.station == station)
            assert service.comments(PROJECT, station=station, limit=0)[1] == total
        counted = service.counts_by_target(PROJECT)
        placed = [v for v in views if v.state == "placed" and v.target_uid is not None]
        assert counted == dict(Counter(v.target_uid for v in placed))
        monkeypatch.setattr(comment_targets, "MAX_LISTED", 0)  # every listing scans instead
        assert by_article(ws) == listed
        with ws.read() as conn:
            files = conn.execute(
                select(
                    t.comments.c.file_id, func.min(t.comments.c.id), func.max(t.comments.c.id)
                ).group_by(t.comments.c.file_id)
            ).all()
            rows = {f.id: f.rows for f in conn.execute(select(t.comment_files))}
        for file_id, first, last in files:  # each file's comments have consecutive ids
            assert last - first + 1 == rows[file_id]


def test_placing_a_comment_moves_it_between_the_lists(template_ws: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        service = CommentService(ws)
        service.ingest(comment_files(tmp_path / "files"), actor="测试", workers=0)
        views, _ = service.comments(PROJECT, status=["unplaced"])
        cid = views[0].id
        service.place(cid, "第二条", actor="测试")
        assert cid in [v.id for v in service.comments(PROJECT, article="第二条")[0]]
        before = service.counts_by_target(PROJECT)
        service.place(cid, "第三条", actor="测试")
        assert cid not in [v.id for v in service.comments(PROJECT, article="第二条")[0]]
        assert cid in [v.id for v in service.comments(PROJECT, article="第三条")[0]]
        after = service.counts_by_target(PROJECT)
        assert sum(after.values()) == sum(before.values())
        assert after != before
        service.place(cid, "全文", actor="测试")
        assert cid in [v.id for v in service.comments(PROJECT, article="全文")[0]]
        with ws.read() as conn:
            listed = conn.execute(select(func.sum(t.comment_targets.c.n))).scalar_one()
        every, _ = service.comments(PROJECT)
        assert listed == sum(1 for v in every if v.state != "unplaced")


def test_a_version_3_database_gets_lists_narrow_comments_and_packed_texts(
    template_ws: Path, tmp_path: Path, database_url: str | None
) -> None:
    folder = tmp_path / "ws"
    with ingested(template_ws, tmp_path, database_url) as ws:
        listed, before = by_article(ws), stored(ws)
        with ws.transaction() as conn:  # turn it back into a version-3 database
            conn.execute(text("DROP TABLE comment_targets"))
            for name, kind in (
                ("project_id", "INTEGER"),
                ("version_id", "INTEGER"),
                ("station", "VARCHAR(32)"),
            ):
                conn.execute(text(f"ALTER TABLE comments ADD COLUMN {name} {kind}"))
                conn.execute(
                    text(
                        f"UPDATE comments SET {name} = (SELECT {name} FROM comment_files "
                        "WHERE comment_files.id = comments.file_id)"
                    )
                )
            conn.execute(
                text("CREATE INDEX ix_comments_project_target ON comments (project_id, target_uid)")
            )
            conn.execute(text("CREATE INDEX ix_comments_file ON comments (file_id, seq)"))
            chunks = conn.execute(text("SELECT file_id, chunk, packed FROM comment_texts")).all()
            for file_id, chunk, packed in chunks:  # texts were stored plain before version 6
                conn.execute(
                    text("UPDATE comment_texts SET data = :d WHERE file_id = :f AND chunk = :c"),
                    {"d": unpack_chunk(bytes(packed)), "f": file_id, "c": chunk},
                )
            conn.execute(text("ALTER TABLE comment_texts DROP COLUMN packed"))
            conn.execute(text("ALTER TABLE comment_files DROP COLUMN first_id"))
            conn.execute(text("ALTER TABLE comment_files DROP COLUMN last_id"))
            conn.execute(text("DELETE FROM schema_version WHERE version >= 4"))
    with Workspace.open(folder, database_url) as reopened:
        assert by_article(reopened) == listed
        assert stored(reopened) == before
        with reopened.read() as conn:
            assert current_version(conn) == MIGRATIONS[-1].version
            assert {i["name"] for i in inspect(conn).get_indexes("comments")} == set()
            columns = {c["name"] for c in inspect(conn).get_columns("comments")}
            ranges = conn.execute(
                select(
                    t.comment_files.c.first_id, t.comment_files.c.last_id, t.comment_files.c.rows
                )
            ).all()
        assert not columns & {"project_id", "version_id", "station"}
        assert all(hi - lo + 1 == n for lo, hi, n in ranges if n)
        # a corrected file sent again after the migration: its other rows are found as repeats
        rows = [row("ST01", f"第{n % 9 + 1}条", f"意见0-{n}，请明确。") for n in range(40)]
        rows[0] = row("ST01", "第一条", "更正后的意见")
        corrected = tmp_path / "corrected.csv"
        corrected.write_bytes(csv_bytes(rows))
        (again,) = CommentService(reopened).ingest([corrected], actor="测试", workers=0)
        assert again.status == "accepted"
        repeats = [w for w in again.warnings if "内容相同" in str(w)]
        assert [w.row for w in repeats[:MAX_REPEAT_WARNINGS]] == list(range(3, 3 + 20))


@pytest.mark.parametrize("count", [1, 49, 50, 51, 100, 137])
def test_rows_are_stored_in_order_whatever_the_statement_size(
    template_ws: Path, tmp_path: Path, count: int
) -> None:
    """Files of every size around `ROWS_PER_INSERT` keep each row's id, number, clause and text."""
    assert ROWS_PER_INSERT == 50
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    sent = [row("ST03", f"第{n % 7 + 1}条", f"第{n}行的意见") for n in range(count)]
    path = tmp_path / "f.csv"
    path.write_bytes(csv_bytes(sent))
    with Workspace.open(folder) as ws:
        (result,) = CommentService(ws).ingest([path], actor="测试", workers=0)
        assert (result.status, result.rows) == ("accepted", count)
        views, total = CommentService(ws).comments(PROJECT)
    assert total == count
    assert [v.row for v in views] == list(range(2, count + 2))
    assert [v.text for v in views] == [r[5] for r in sent]
    assert [v.cited_as for v in views] == [r[4] for r in sent]
    ids = [v.id for v in views]
    assert ids == list(range(ids[0], ids[0] + count))
