"""Duplicate clusters kept in the workspace: incremental after each ingest, ids kept, moves seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.workspaces import PROJECT, csv_bytes, demo_workspace, row
from workbench.comments import WHOLE
from workbench.store import comment_clusters as cl
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService

LETTER = "建议将独居、空巢老年人的探访频次提高到每周至少一次。"


def receive(
    svc: CommentService, folder: Path, files: dict[str, list[list[str]]], *, cluster: bool = True
) -> None:
    """Write each file (name → rows) as CSV and ingest them together."""
    paths = []
    for name, rows in files.items():
        paths.append(folder / name)
        paths[-1].write_bytes(csv_bytes(rows))
    svc.ingest(paths, actor="测试", cluster=cluster)


def dirty(ws: Workspace, pid: int) -> set[cl.Target]:
    """The clauses waiting to be clustered again."""
    with ws.read() as conn:
        return cl.dirty_targets(conn, pid, *cl.read_mark(conn, pid))


@pytest.fixture
def ws(tmp_path: Path, database_url: str | None) -> Workspace:
    return demo_workspace(tmp_path / "ws", ("初审前",), database_url=database_url)


def test_a_second_run_clusters_only_the_clauses_that_got_comments(
    ws: Workspace, tmp_path: Path
) -> None:
    with ws:
        svc = CommentService(ws)
        receive(
            svc,
            tmp_path,
            {
                "a.csv": [row("ST01", "第二条", LETTER), row("ST01", "第三条", "甲意见")],
                "b.csv": [row("ST02", "第二条", LETTER), row("ST02", "第三条", "甲意见！")],
            },
        )
        first = svc.clusters(PROJECT, actor="测试")
        assert sorted(len(c[3]) for c in first) == [2, 2]
        pid = svc.catalogue.project_id(PROJECT)
        assert dirty(ws, pid) == set()
        edited = LETTER.replace("每周", "每一周")
        receive(svc, tmp_path, {"c.csv": [row("ST03", "第二条", edited)]}, cluster=False)
        assert len(dirty(ws, pid)) == 1  # 第二条 only
        second = svc.clusters(PROJECT, actor="测试")
        kept = {c[0] for c in first} & {c[0] for c in second}
        assert len(kept) == 1  # 第三条's cluster kept its id
        grown = next(c for c in second if c[0] not in kept)
        assert (grown[1], len(grown[3])) == ("near", 3)


def test_an_ingest_brings_the_clusters_up_to_date(ws: Workspace, tmp_path: Path) -> None:
    """Clusters follow each ingest without a separate run, and only the new clause is redone."""
    with ws:
        svc = CommentService(ws)
        receive(
            svc,
            tmp_path,
            {
                "a.csv": [row("ST01", "第二条", LETTER), row("ST01", "第三条", "甲")],
                "b.csv": [row("ST02", "第三条", "甲！")],
            },
        )
        pid = svc.catalogue.project_id(PROJECT)
        with ws.read() as conn:
            (before,) = cl.current_clusters(conn, pid)
        assert dirty(ws, pid) == set()
        assert (before[1], len(before[3])) == ("exact", 2)
        receive(svc, tmp_path, {"c.csv": [row("ST03", "第二条", LETTER.replace("每周", "每一周"))]})
        with ws.read() as conn:
            now = cl.current_clusters(conn, pid)
        assert dirty(ws, pid) == set()
        assert before in now  # 第三条 was not clustered again: same id, same members
        (grown,) = [c for c in now if c != before]
        assert (grown[1], len(grown[3])) == ("near", 2)
        assert svc.reports.update_clusters(PROJECT, actor="测试") == 0  # nothing left to do


def test_placing_a_comment_elsewhere_takes_it_out_of_its_cluster(
    ws: Workspace, tmp_path: Path
) -> None:
    with ws:
        svc = CommentService(ws)
        receive(
            svc,
            tmp_path,
            {f"{n}.csv": [row(f"ST0{n}", "第二条", LETTER)] for n in (1, 2, 3)},
        )
        ((cid, kind, _, members),) = svc.clusters(PROJECT, actor="测试")
        assert (kind, len(members)) == ("exact", 3)
        svc.place(members[0], "第五条", actor="测试")
        ((again, _, _, now),) = svc.clusters(PROJECT, actor="测试")
        assert now == members[1:]
        assert again != cid
        views, _ = svc.comments(PROJECT, ids=[members[0]])
        assert views[0].cluster is None


def test_opinions_on_the_whole_draft_cluster_among_themselves(
    ws: Workspace, tmp_path: Path
) -> None:
    """Comments on 全文 form their own clusters, apart from the same words on an article."""
    with ws:
        svc = CommentService(ws)
        receive(
            svc,
            tmp_path,
            {
                "a.csv": [row("ST01", "全文", LETTER), row("ST01", "第二条", LETTER)],
                "b.csv": [row("ST02", "总体意见", LETTER + "！")],
            },
        )
        ((_, kind, target, members),) = svc.clusters(PROJECT, actor="测试")
        views, _ = svc.comments(PROJECT, ids=list(members))
        assert (kind, target, len(members)) == ("exact", WHOLE, 2)
        assert {v.article for v in views} == {WHOLE}
