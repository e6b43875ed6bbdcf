"""Comments found by article and station through the indexes; rows stored in order."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.support.workspaces import (
    PROJECT,
    comment_files,
    csv_bytes,
    demo_workspace,
    row,
)
from workbench.store import comment_tables as t
from workbench.store.comment_rows import ROWS_PER_INSERT
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService


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


def test_an_article_listing_finds_what_a_pass_over_every_comment_finds(
    template_ws: Path, tmp_path: Path
) -> None:
    """Listing an article through the (project, target) index gives the same comments as a filter."""
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
        with ws.read() as conn:
            files = conn.execute(
                select(
                    t.comments.c.file_id, func.min(t.comments.c.id), func.max(t.comments.c.id)
                ).group_by(t.comments.c.file_id)
            ).all()
            rows = {f.id: f.rows for f in conn.execute(select(t.comment_files))}
            plan = " ".join(
                str(r[-1])
                for r in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT id FROM comments "
                        "WHERE project_id = 1 AND target_uid IN ('a', 'b')"
                    )
                )
            )
        for file_id, first, last in files:  # each file's comments have consecutive ids
            assert last - first + 1 == rows[file_id]
        assert "ix_comments_project_target" in plan


def test_placing_a_comment_moves_it_between_articles(template_ws: Path, tmp_path: Path) -> None:
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
        every, _ = service.comments(PROJECT)
        counted = sum(service.counts_by_target(PROJECT).values())
        assert counted == sum(1 for v in every if v.state == "placed" and v.target_uid)


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
