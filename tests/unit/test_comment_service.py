"""The comment service on a real workspace: ingest, reject, anchor, place, cluster, decide."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.support.paths import DEMO_PROJECT
from tests.support.workspaces import HEADER, demo_workspace
from workbench.comments import CitationIndex
from workbench.errors import StoreError
from workbench.model import iter_nodes
from workbench.store import comment_tables as t
from workbench.store import read_audit
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService

DEMO = DEMO_PROJECT
STAGES = ("立项前", "初审前", "二审前")


def build(folder: Path, database_url: str | None = None) -> Workspace:
    return demo_workspace(folder, STAGES, database_url=database_url)


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tpl") / "ws"
    build(folder).close()
    return folder


@pytest.fixture
def ws(template_ws: Path, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(template_ws, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as opened:
        yield opened


def comment_count(ws: Workspace) -> int:
    with ws.read() as conn:
        return int(conn.execute(select(func.count()).select_from(t.comments)).scalar_one())


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_new_workspace_starts_with_the_default_registry(ws: Workspace) -> None:
    """Workspace.init writes the seventy stations and the four parties into stations.csv."""
    stations = CommentService(ws).stations()
    assert sum(s.kind == "联络站" for s in stations) == 70
    assert {"SF-ZFQC", "SF-SFXZ", "SF-GZJG", "SF-FJLY"} <= {s.code for s in stations}


def test_demo_files_ingest_once(ws: Workspace) -> None:
    """The demo files of 初审前 are accepted; the same files again add nothing."""
    svc = CommentService(ws)
    files = sorted((DEMO / "comments").glob("初审前-*"))
    first = svc.ingest(files, actor="测试")
    assert {r.status for r in first} == {"accepted"}
    assert sum(r.rows for r in first) == comment_count(ws) == 24
    assert sum(r.unplaced for r in first) == 2  # 第六十八条, 第七十一条第二款
    again = svc.ingest(files, actor="测试")
    assert {r.status for r in again} == {"duplicate"}
    assert comment_count(ws) == 24
    assert all((ws.inbox_dir).glob(f"{r.sha256}*") for r in first)


def test_comment_shows_under_its_new_number_and_orphans_stay_visible(ws: Workspace) -> None:
    """A 初审前 comment on 第十一条第一款 shows as 现第十条第一款 in 二审前; 第九条 is orphaned."""
    svc = CommentService(ws)
    svc.ingest([DEMO / "comments" / "初审前-ST01.csv"], actor="测试")
    views, total = svc.comments("juja-yanglao", "二审前")
    assert total == 5
    by_cited = {v.cited_as: v for v in views}
    moved = by_cited["第十一条第一款"]
    assert (moved.state, moved.target, moved.display) == (
        "placed",
        "第十条第一款",
        "原第十一条第一款 / 现第十条第一款",
    )
    gone = by_cited["第九条"]
    assert gone.state == "orphaned"
    assert gone.target is None
    assert gone.near is not None
    same, _ = svc.comments("juja-yanglao", "初审前", article="第十一条")
    assert [v.target for v in same] == ["第十一条第一款"]
    assert by_cited["第六十八条"].state == "unplaced"


def test_rejected_files_change_nothing_and_name_row_and_column(
    ws: Workspace, tmp_path: Path
) -> None:
    """Unknown station, project or version: rejected whole, kept in inbox, nothing stored."""
    svc = CommentService(ws)
    cases = {
        "station.csv": (HEADER + "ZZ99,甲,juja-yanglao,初审前,第一条,意见,,,,,\n", "联络站编号"),
        "project.csv": (HEADER + "ST01,甲,no-such,初审前,第一条,意见,,,,,\n", "项目"),
        "version.csv": (HEADER + "ST01,甲,juja-yanglao,九审前,第一条,意见,,,,,\n", "版本"),
    }
    for name, (text, column) in cases.items():
        [result] = svc.ingest([write(tmp_path, name, text)], actor="测试")
        assert result.status == "rejected"
        assert [(e.row, e.column) for e in result.errors] == [(2, column)]
        assert list(ws.inbox_dir.glob(f"{result.sha256}*"))
    assert comment_count(ws) == 0
    with ws.read() as conn:
        actions = [e.action for e in read_audit(conn)]
    assert actions.count("reject_comment_file") == 3


@pytest.mark.parametrize(
    "name",
    ["bomb.xlsx", "truncated.xlsx", "long.csv", "array.json", "missing.csv", "gbk-ok.csv"],
)
def test_bad_files_leave_stored_comments_unchanged(
    ws: Workspace, tmp_path: Path, name: str
) -> None:
    """After a good file, each bad one is rejected and the stored comments stay as they were."""
    svc = CommentService(ws)
    svc.ingest([DEMO / "comments" / "初审前-ST02.xlsx"], actor="测试")
    before = svc.comments("juja-yanglao")[0]
    if name == "bomb.xlsx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))
        path = tmp_path / name
        path.write_bytes(buf.getvalue())
    elif name == "truncated.xlsx":
        path = tmp_path / name
        path.write_bytes((DEMO / "comments" / "初审前-ST02.xlsx").read_bytes()[:3000])
    elif name == "long.csv":
        path = write(
            tmp_path, name, HEADER + f"ST01,甲,juja-yanglao,初审前,第一条,{'长' * 50000},,,,,\n"
        )
    elif name == "array.json":
        path = write(tmp_path, name, json.dumps([{"station": "ST01"}]))
    elif name == "missing.csv":
        path = write(tmp_path, name, "联络站编号,项目,版本,条款\nST01,juja-yanglao,初审前,第一条\n")
    else:  # a good GBK file still lands: the control case
        path = write(
            tmp_path, name, HEADER + "ST07,甲,juja-yanglao,初审前,第一条,意见,,,,,\n", "gbk"
        )
    [result] = svc.ingest([path], actor="测试")
    after = svc.comments("juja-yanglao")[0]
    if name == "gbk-ok.csv":
        assert result.status == "accepted"
        assert len(after) == len(before) + 1
    else:
        assert result.status == "rejected"
        assert result.errors
        assert after == before


def test_formula_cells_are_stored_as_text_and_flagged(ws: Workspace, tmp_path: Path) -> None:
    """A cell starting with = is kept verbatim and flagged; the file is accepted."""
    svc = CommentService(ws)
    path = write(
        tmp_path, "f.csv", HEADER + 'ST01,甲,juja-yanglao,初审前,第一条,"=HYPERLINK(""x"")",,,,,\n'
    )
    [result] = svc.ingest([path], actor="测试")
    assert (result.status, result.flagged) == ("accepted", 1)
    [view] = svc.comments("juja-yanglao")[0]
    assert view.text == '=HYPERLINK("x")'
    assert view.flags == ("formula:意见建议",)


def test_unplaced_comment_is_placed_by_staff(ws: Workspace) -> None:
    """comments place anchors an unplaced comment; the move is in the audit log."""
    svc = CommentService(ws)
    svc.ingest([DEMO / "comments" / "初审前-ST03.csv"], actor="测试")
    [stray] = svc.comments("juja-yanglao", status=["unplaced"])[0]
    with pytest.raises(StoreError, match="不是该版本中的条款"):
        svc.place(stray.id, "第九十九条", actor="李四")
    placed = svc.place(stray.id, "第五十条", actor="李四")
    assert placed.state == "placed"
    assert placed.cited_as == "第七十一条第二款"
    with ws.read() as conn:
        assert read_audit(conn)[-1].action == "place_comment"


def test_cluster_decision_applies_to_every_member(ws: Workspace) -> None:
    """The same letter from ST01, ST02, ST03 forms one cluster; deciding it decides all three."""
    svc = CommentService(ws)
    svc.ingest(sorted((DEMO / "comments").glob("初审前-ST0*")), actor="测试")
    clusters = svc.clusters("juja-yanglao", actor="测试")
    letter = next(c for c in clusters if len(c[3]) == 3)
    assert svc.clusters("juja-yanglao", actor="测试")[0][0] == clusters[0][0]  # ids are stable
    decided = svc.decide(
        kind="部分采纳",
        reason="提高到三十平方米",
        actor="王五",
        cluster_id=letter[0],
        link="第十条第一款",
    )
    assert sorted(decided) == sorted(letter[3])
    views = svc.comments("juja-yanglao", ids=list(letter[3]))[0]
    assert {(v.decision, v.decided_by, v.cluster) for v in views} == {
        ("部分采纳", "王五", letter[0])
    }
    assert len({v.linked_uid for v in views}) == 1
    with ws.read() as conn:
        entry = read_audit(conn)[-1]
    assert entry.action == "decide_comments"
    ids = entry.payload["comments"]
    assert isinstance(ids, list)
    assert sorted(int(str(i)) for i in ids) == sorted(letter[3])
    stats = svc.stats("juja-yanglao")
    assert stats["decision"]["部分采纳"] == 3
    assert stats["total"]["comments"] == 21


def test_rejection_needs_a_reason(ws: Workspace) -> None:
    """未采纳 without a reason is refused; an unknown comment id is named."""
    svc = CommentService(ws)
    svc.ingest([DEMO / "comments" / "初审前-ST04.csv"], actor="测试")
    with pytest.raises(StoreError, match="须说明理由"):
        svc.decide(kind="未采纳", reason=" ", actor="王五", comment_ids=[1])
    with pytest.raises(StoreError, match="999"):
        svc.decide(kind="采纳", reason="", actor="王五", comment_ids=[999])
    assert svc.decide(kind="未采纳", reason="不宜规定", actor="王五", comment_ids=[1]) == [1]


def test_ingest_and_list_on_each_database(tmp_path: Path, database_url: str | None) -> None:
    """The whole flow runs on SQLite and, when configured, PostgreSQL."""
    with build(tmp_path / "ws", database_url) as ws:
        svc = CommentService(ws)
        files = sorted((DEMO / "comments").glob("*"))
        results = svc.ingest(files, actor="测试")
        status = {Path(r.path).name: r.status for r in results}
        assert status.pop("表决前-SF-SFXZ.csv") == "rejected"  # 表决前 is not imported here
        assert set(status.values()) == {"accepted"}
        views, total = svc.comments("juja-yanglao", "二审前", station="ST01")
        assert total == len(views) == 7
        svc.decide(kind="采纳", reason="", actor="王五", comment_ids=[views[0].id])
        assert svc.stats("juja-yanglao")["decision"]["采纳"] == 1
        # another project's decisions are not counted in this one's statistics
        ws.import_document(
            ws.document("juja-yanglao"), "other", "初审前", actor="测试", create=True
        )
        path = write(tmp_path, "other.csv", HEADER + "ST01,甲,other,初审前,第一条,意见,,,,,\n")
        assert svc.ingest([path], actor="测试")[0].status == "accepted"
        (theirs,), _ = svc.comments("other")
        svc.decide(kind="未采纳", reason="不宜规定", actor="王五", comment_ids=[theirs.id])
        ours = svc.stats("juja-yanglao")["decision"]
        assert (ours["采纳"], ours["未采纳"]) == (1, 0)
        other = svc.stats("other")
        assert (other["decision"]["未采纳"], other["decision"]["待处理"]) == (1, 0)


def test_station_added_to_the_registry_csv_is_accepted(ws: Workspace, tmp_path: Path) -> None:
    """Editing stations.csv adds a sender; the stations table mirrors it on the next ingest."""
    svc = CommentService(ws)
    path = write(tmp_path, "new.csv", HEADER + "NEW-01,甲,juja-yanglao,初审前,第一条,意见,,,,,\n")
    assert svc.ingest([path], actor="测试")[0].status == "rejected"
    with ws.stations_csv.open("a", encoding="utf-8", newline="") as f:
        f.write("NEW-01,昌吉市新设社区立法信息联络站,昌吉市,联络站\r\n")
    other = write(tmp_path, "new2.csv", HEADER + "NEW-01,乙,juja-yanglao,初审前,第一条,意见,,,,,\n")
    assert svc.ingest([other], actor="测试")[0].status == "accepted"
    with ws.read() as conn:
        names = dict(conn.execute(select(t.stations.c.code, t.stations.c.name)).all())
    assert names["NEW-01"] == "昌吉市新设社区立法信息联络站"


def test_missing_file_is_reported_not_raised(ws: Workspace, tmp_path: Path) -> None:
    """A path that does not exist is a rejected result naming the file."""
    [result] = CommentService(ws).ingest([tmp_path / "nope.csv"], actor="测试")
    assert result.status == "rejected"
    assert "nope.csv" in str(result.errors[0])


def test_decision_link_points_at_a_later_version(ws: Workspace) -> None:
    """A decision on a 初审前 comment links to the clause of 二审前 that carries it out."""
    svc = CommentService(ws)
    svc.ingest([DEMO / "comments" / "初审前-ST05.csv"], actor="测试")
    views, _ = svc.comments("juja-yanglao", "二审前")
    target = views[0]
    svc.decide(
        kind="采纳",
        reason="",
        actor="王五",
        comment_ids=[target.id],
        link=target.target or "",
        link_version="二审前",
    )
    [after] = svc.comments("juja-yanglao", "二审前", ids=[target.id])[0]
    assert after.linked_uid == target.target_uid
    with pytest.raises(StoreError, match="不是该版本中的条款"):
        svc.decide(kind="采纳", reason="", actor="王五", comment_ids=[target.id], link="第九百条")


def test_party_counts_feed_the_matrix(ws: Workspace) -> None:
    """Comments from the four parties are counted per (stage, party)."""
    svc = CommentService(ws)
    svc.ingest(sorted((DEMO / "comments").glob("*-SF-*")), actor="测试")
    counts = svc.party_counts("juja-yanglao")
    assert counts[("立项前", "政府起草部门")] == 2
    assert counts[("初审前", "常委会工作机构")] == 2
    assert ("初审前", "ST01") not in counts


def test_state_and_decision_filters_count_and_limit_exactly(ws: Workspace) -> None:
    """Filters done in SQL agree with the placements computed for each comment."""
    svc = CommentService(ws)
    svc.ingest(sorted((DEMO / "comments").glob("初审前-*")), actor="测试")
    everything, total = svc.comments("juja-yanglao", "二审前")
    assert total == len(everything) == 24
    svc.decide(kind="留作参考", reason="", actor="王五", comment_ids=[everything[0].id])
    for state in ("placed", "unplaced", "orphaned"):
        expected = [v.id for v in everything if v.state == state]
        views, count = svc.comments("juja-yanglao", "二审前", status=[state])
        assert [v.id for v in views] == expected
        assert count == len(expected)
        first, count = svc.comments("juja-yanglao", "二审前", status=[state], limit=1)
        assert [v.id for v in first] == expected[:1]
        assert count == len(expected)
    mixed, count = svc.comments("juja-yanglao", "二审前", status=["留作参考", "unplaced"])
    assert count == len(mixed) == 1 + sum(v.state == "unplaced" for v in everything)
    pending, count = svc.comments("juja-yanglao", "二审前", status=["待处理"], limit=3)
    assert (len(pending), count) == (3, 23)


def test_small_commit_groups_keep_order_duplicates_and_rejections(
    ws: Workspace, tmp_path: Path
) -> None:
    """Files committed one small group at a time land in order, each exactly once."""
    svc = CommentService(ws)
    files = sorted((DEMO / "comments").glob("初审前-*"))
    bad = write(tmp_path, "bad.csv", HEADER + "ST01,王,juja-yanglao,初审前,第一条,,,,,,\n")
    copy = tmp_path / "copy.csv"
    shutil.copyfile(files[0], copy)  # the same bytes under another name, in the same call
    paths = [*files, bad, copy]
    seen: list[str] = []
    results = svc.ingest(paths, actor="测试", batch_rows=1, on_file=lambda r: seen.append(r.path))
    assert seen == [str(p) for p in paths]
    assert [r.status for r in results] == ["accepted"] * len(files) + ["rejected", "duplicate"]
    assert sum(r.rows for r in results) == comment_count(ws) == 24
    with ws.read() as conn:
        stored = conn.execute(select(func.count()).select_from(t.comment_files)).scalar_one()
        actions = [e.action for e in read_audit(conn)]
    assert stored == len(files)
    assert actions.count("ingest_comments") == len(files)
    assert actions.count("reject_comment_file") == 1


def test_a_clause_added_later_shows_as_not_yet_there_in_an_earlier_version(
    ws: Workspace, tmp_path: Path
) -> None:
    """A 初审前 comment on a clause new in 初审前 is not 已删除 when 立项前 is shown."""
    earlier = {n.uid for n in iter_nodes(ws.document("juja-yanglao", "立项前").children)}
    later = ws.document("juja-yanglao", "初审前")
    labels = CitationIndex(later).label_of
    new_label = next(label for uid, label in labels.items() if uid not in earlier)
    path = write(
        tmp_path, "new.csv", HEADER + f"ST01,甲,juja-yanglao,初审前,{new_label},意见,,,,,\n"
    )
    svc = CommentService(ws)
    svc.ingest([path], actor="测试")
    [view], _ = svc.comments("juja-yanglao", "立项前")
    assert view.state == "orphaned"
    assert "尚未出现" in view.display
    assert "已删除" not in view.display
    [now], _ = svc.comments("juja-yanglao", "初审前")
    assert (now.state, now.target) == ("placed", new_label)
