"""The workspace service on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.comments import default_stations, read_registry
from workbench.errors import ParseError, StoreError
from workbench.model import Document, Node, articles, index_by_uid
from workbench.model.comments import Station
from workbench.workspace import DATABASE_FILE, STATIONS_HEADER, Workspace


def article(uid: str, n: int, *paragraphs: str) -> Node:
    """An article with one paragraph per text."""
    return Node(
        kind="article",
        uid=uid,
        eid=f"art_{n}",
        num=f"第{n}条",
        children=tuple(
            Node(kind="paragraph", uid=f"{uid}p{i}", eid=f"art_{n}__para_{i}", text=t)
            for i, t in enumerate(paragraphs, 1)
        ),
    )


def draft(*texts: str, prefix: str = "a", title: str = "测试条例") -> Document:
    """A draft with one single-paragraph article per text; uids ``<prefix>000<i>``."""
    return Document(
        title=title,
        children=tuple(article(f"{prefix}000{i}", i, t) for i, t in enumerate(texts, 1)),
    )


def write(path: Path, doc: Document) -> Path:
    path.write_text(doc.model_dump_json(), encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path: Path, database_url: str | None) -> Iterator[Workspace]:
    workspace = Workspace.init(tmp_path / "ws", database_url, actor="tester")
    yield workspace
    workspace.close()


V1 = ("为了测试，制定本条例。", "本条例适用于本州行政区域。", "县级以上人民政府负责实施。")
V2 = (
    "为了测试，制定本条例。",
    "新增的一条规定。",
    "本条例适用于本州行政区域内的养老服务。",
    "县级以上人民政府负责实施。",
)


def test_init_creates_folder_inbox_exports_database_and_station_registry(tmp_path: Path) -> None:
    """init lays out the workspace and open finds it again."""
    folder = tmp_path / "new"
    Workspace.init(folder, stations=()).close()
    assert (folder / "inbox").is_dir()
    assert (folder / "exports").is_dir()
    assert (folder / DATABASE_FILE).is_file()
    assert (folder / "stations.csv").read_text(encoding="utf-8") == STATIONS_HEADER
    with Workspace.open(folder) as ws:
        assert ws.projects() == []
        assert ws.stages() == ("立项前", "初审前", "二审前", "表决前")


def test_init_writes_the_station_registry_it_is_given(tmp_path: Path) -> None:
    """The registry passed to init fills stations.csv; without one, the default stations do."""
    given = Station(code="ST01", name="一号站", county="昌吉市", kind="联络站")
    Workspace.init(tmp_path / "ws", stations=[given]).close()
    written = read_registry((tmp_path / "ws" / "stations.csv").read_bytes())
    assert written == (given,)
    Workspace.init(tmp_path / "default").close()
    assert read_registry((tmp_path / "default" / "stations.csv").read_bytes()) == default_stations()


def test_init_twice_keeps_what_is_there(tmp_path: Path) -> None:
    """A second init neither fails nor overwrites the station registry or data."""
    folder = tmp_path / "ws"
    with Workspace.init(folder) as ws:
        ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    registry = STATIONS_HEADER + "ST99,测试站,昌吉市,联络站\n"
    (folder / "stations.csv").write_text(registry, encoding="utf-8")
    with Workspace.init(folder) as ws:
        assert [v.number for v in ws.versions("p1")] == [1]
    assert (folder / "stations.csv").read_text(encoding="utf-8") == registry


def test_open_refuses_a_folder_that_is_not_a_workspace(tmp_path: Path) -> None:
    """Opening an empty folder says to run init."""
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="workbench init"):
        Workspace.open(tmp_path / "empty")
    with pytest.raises(StoreError, match="不存在"):
        Workspace.open(tmp_path / "missing")


def test_import_creates_project_and_numbered_versions(ws: Workspace, tmp_path: Path) -> None:
    """Importing at two stages gives versions 1 and 2, addressed by number and by stage."""
    r1 = ws.import_version(
        write(tmp_path / "v1.json", draft(*V1)), "p1", "立项前", actor="甲", create=True
    )
    r2 = ws.import_version(
        write(tmp_path / "v2.json", draft(*V2, prefix="b")), "p1", "初审前", actor="乙"
    )
    assert (r1.created, r1.version.number, r1.version.label) == (True, 1, "草案建议稿")
    assert (r2.version.number, r2.version.stage, r2.version.node) == (2, "一审", "初审前")
    assert r2.version.name == r2.version.label == "草案"
    assert [p.slug for p in ws.projects()] == ["p1"]
    assert ws.project("p1").title == "测试条例"
    assert ws.resolve_version("p1", "立项前").number == 1
    assert ws.resolve_version("p1", "2").number == 2
    assert ws.resolve_version("p1", "v1").number == 1
    assert ws.resolve_version("p1", None).number == 2
    assert ws.resolve_version("p1", "latest").number == 2
    assert len(articles(ws.document("p1", 1))) == 3
    assert len(articles(ws.document("p1", "初审前"))) == 4
    assert ws.resolve_version("p1", "草案").number == 2
    assert ws.resolve_version("p1", "一审").number == 2


def test_several_versions_at_one_stage_and_stage_means_latest(ws: Workspace) -> None:
    """A stage with two versions is addressed as its latest; labels count them."""
    ws.import_document(draft(*V1), "p1", "初审前", actor="t", create=True)
    second = ws.import_document(draft(*V2, prefix="b"), "p1", "初审前", actor="t", create=True)
    assert second.version.label == "草案第2稿"
    assert ws.resolve_version("p1", "初审前").number == 2
    assert ws.resolve_version("p1", "草案").number == 2
    assert ws.resolve_version("p1", "草案第2稿").number == 2


def test_reimporting_the_same_file_at_the_same_stage_creates_nothing(
    ws: Workspace, tmp_path: Path
) -> None:
    """Idempotent by file content per project and stage: one version, one inbox copy."""
    path = write(tmp_path / "v1.json", draft(*V1))
    first = ws.import_version(path, "p1", "立项前", actor="t", create=True)
    again = ws.import_version(path, "p1", "立项前", actor="t", create=True)
    assert (first.created, again.created) == (True, False)
    assert again.version == first.version
    assert [v.number for v in ws.versions("p1")] == [1]
    assert len(list(ws.inbox_dir.iterdir())) == 1


def test_inbox_keeps_the_file_byte_for_byte_even_when_it_does_not_parse(
    ws: Workspace, tmp_path: Path
) -> None:
    """A broken file is kept under its sha256 and recorded before parsing fails."""
    bad = tmp_path / "broken.json"
    bad.write_bytes(b'{"title": 1, \xff}')
    with pytest.raises(ParseError):
        ws.import_version(bad, "p1", "立项前", actor="t", create=True)
    files = ws.inbox_files()
    assert [f.original_name for f in files] == ["broken.json"]
    assert ws.inbox_path(files[0].sha256).read_bytes() == bad.read_bytes()
    assert ws.projects() == []


def test_unknown_project_version_and_stage_name_the_valid_ones(ws: Workspace) -> None:
    """Errors are in Chinese and list what exists."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    with pytest.raises(StoreError, match=r"没有名为“nope”的立法项目。现有项目：p1"):
        ws.versions("nope")
    with pytest.raises(StoreError, match=r"没有版本“7”.*1（草案建议稿）.*立项前"):
        ws.resolve_version("p1", 7)
    with pytest.raises(StoreError, match=r"没有版本“二审前”"):
        ws.document("p1", "二审前")
    with pytest.raises(
        StoreError, match=r"未知的阶段“三审前”.*征求意见节点：立项前、初审前、二审前、表决前"
    ):
        ws.import_document(draft(*V1), "p1", "三审前", actor="t", create=True)
    with pytest.raises(StoreError, match="项目代号"):
        ws.import_document(draft(*V1), "Bad Slug", "立项前", actor="t", create=True)


def test_next_version_carries_uids_by_text_and_similarity(ws: Workspace) -> None:
    """Same and edited articles keep their uids; a new article keeps its fresh uid."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    doc = ws.import_document(draft(*V2, prefix="b"), "p1", "初审前", actor="t", create=True)
    new = ws.document("p1", doc.version.number)
    uids = [a.uid for a in articles(new)]
    assert uids == ["a0001", "b0002", "a0002", "a0003"]
    assert new.children[2].children[0].uid == "a0002p1"


def test_uid_of_a_deleted_node_is_never_reused(ws: Workspace) -> None:
    """A parser that minted an old uid for a new node gets a fresh one instead."""
    ws.import_document(draft("甲条。", "乙条。"), "p1", "立项前", actor="t", create=True)
    # Same uids as v1 but the second article is entirely new text.
    second = draft("甲条。", "完全不同的新内容，与原条文毫无关系。", prefix="a")
    result = ws.import_document(second, "p1", "初审前", actor="t", create=True)
    new = ws.document("p1", result.version.number)
    assert articles(new)[0].uid == "a0001"
    assert articles(new)[1].uid != "a0002"


def test_node_history_follows_a_uid_through_versions(ws: Workspace) -> None:
    """The timeline of an article lists its label and text hash per version."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    ws.import_document(draft(*V2, prefix="b"), "p1", "初审前", actor="t", create=True)
    history = ws.node_history("p1", "a0002")
    assert [(h.version, h.node, h.version_label, h.label) for h in history] == [
        (1, "立项前", "草案建议稿", "第2条"),
        (2, "初审前", "草案", "第3条"),
    ]
    assert history[0].text_sha256 != history[1].text_sha256
    same = ws.node_history("p1", "a0001")
    assert same[0].text_sha256 == same[1].text_sha256


def test_working_draft_saves_with_optimistic_concurrency(ws: Workspace) -> None:
    """A save from a stale revision is refused; the winner's text stays."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    start = ws.working_draft("p1")
    assert (start.revision, start.based_on) == (1, 1)
    edited = draft("改过的第一条。", *V1[1:])
    saved = ws.save_working_draft("p1", edited, start.revision, actor="甲")
    assert saved.revision == 2
    with pytest.raises(StoreError, match="已被他人保存"):
        ws.save_working_draft("p1", draft(*V1), start.revision, actor="乙")
    assert ws.working_draft("p1").document == edited


def test_import_keeps_an_edited_working_draft(ws: Workspace) -> None:
    """A new version replaces an untouched draft but never overwrites edits."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    second = ws.import_document(draft(*V2, prefix="b"), "p1", "立项前", actor="t", create=True)
    assert second.draft_replaced
    assert ws.working_draft("p1").based_on == 2
    edited = draft("工作稿里的修改。")
    ws.save_working_draft("p1", edited, ws.working_draft("p1").revision, actor="t")
    third = ws.import_document(draft(*V1, prefix="c"), "p1", "初审前", actor="t", create=True)
    assert not third.draft_replaced
    assert ws.working_draft("p1").document == edited


def test_freezing_the_working_draft_adds_a_version(ws: Workspace) -> None:
    """Freeze makes the draft a version at the stage, uids as they are."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    edited = draft("改过的第一条。", *V1[1:])
    ws.save_working_draft("p1", edited, 1, actor="t")
    frozen = ws.freeze_working_draft("p1", "初审前", actor="t", reason="合并修改")
    assert (frozen.version.number, frozen.version.stage, frozen.version.node) == (
        2,
        "一审",
        "初审前",
    )
    assert frozen.version.source_sha256 is None
    assert ws.document("p1", 2) == edited
    assert ws.working_draft("p1").based_on == 2


def test_matrix_cells_default_open_and_can_be_set(ws: Workspace) -> None:
    """Every node × party starts 未征求; set_cell changes status and record."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    matrix = ws.matrix("p1")
    assert len(matrix.cells) == 16
    assert {c.status for c in matrix.cells} == {"未征求"}
    cell = ws.set_cell("p1", "立项前", "司法行政部门", "已会商", record="同意立项", actor="甲")
    assert (cell.status, cell.record, cell.updated_by) == ("已会商", "同意立项", "甲")
    kept = ws.set_cell("p1", "立项前", "司法行政部门", "已反馈", actor="乙")
    assert kept.record == "同意立项"
    assert ws.matrix("p1").cell("立项前", "司法行政部门").status == "已反馈"
    with pytest.raises(StoreError, match="未知的征求对象“公安局”"):
        ws.set_cell("p1", "立项前", "公安局", "已会商", actor="t")
    with pytest.raises(StoreError, match="未知的状态"):
        ws.set_cell("p1", "立项前", "法检两院", "完成", actor="t")


def test_moving_to_the_next_node_with_open_cells_goes_ahead_and_is_logged(ws: Workspace) -> None:
    """Open cells of the current node are returned and written to the audit log with the reason."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    for party in ("政府起草部门", "司法行政部门", "常委会工作机构"):
        ws.set_cell("p1", "立项前", party, "已会商", actor="t")
    result = ws.import_document(
        draft(*V2, prefix="b"), "p1", "初审前", actor="t", reason="时间紧", create=True
    )
    assert [(c.node, c.party) for c in result.open_cells] == [("立项前", "法检两院")]
    entry = ws.audit_log("p1")[-1]
    assert entry.action == "import_version" or entry.action == "freeze_version"
    assert entry.payload["reason"] == "时间紧"
    assert entry.payload["open_cells"] == [
        {"node": "立项前", "party": "法检两院", "status": "未征求"}
    ]
    closed = ws.import_document(draft(*V1, prefix="c"), "p1", "初审前", actor="t", create=True)
    assert closed.open_cells == ()


def test_custom_matrix_configuration_sets_stages_and_parties(tmp_path: Path) -> None:
    """A workspace configured with other nodes imports at those and shows those parties."""
    from workbench.model.project import MatrixConfig

    config = MatrixConfig(nodes=("一审前", "二审前"), parties=("起草单位", "法工委"))
    with Workspace.init(tmp_path / "ws", config=config) as ws:
        ws.import_document(draft(*V1), "p1", "一审前", actor="t", create=True)
        assert [c.party for c in ws.matrix("p1").row("一审前")] == ["起草单位", "法工委"]
        with pytest.raises(StoreError, match="一审前、二审前"):
            ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)


def test_every_change_is_in_a_verified_audit_chain(ws: Workspace) -> None:
    """Imports, saves and cell changes each add an entry; the chain verifies."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="甲", create=True)
    ws.set_cell("p1", "立项前", "法检两院", "已征求", actor="乙")
    actions = [e.action for e in ws.audit_log()]
    assert actions == ["configure_matrix", "create_project", "freeze_version", "set_cell"]
    report = ws.verify_audit()
    assert report.ok, report.message
    assert report.entries == 4


def test_documents_round_trip_exactly(ws: Workspace) -> None:
    """What is imported is what comes back (uids, eids, text)."""
    doc = draft(*V1)
    ws.import_document(doc, "p1", "立项前", actor="t", create=True)
    back = ws.document("p1")
    assert back == doc
    assert set(index_by_uid(back)) == set(index_by_uid(doc))


def test_freezing_an_unchanged_draft_keeps_the_revision_editors_hold(ws: Workspace) -> None:
    """Freezing moves the draft's base but not its revision, so an open editor can still save."""
    ws.import_document(draft(*V1), "p1", "立项前", actor="t", create=True)
    saved = ws.save_working_draft("p1", draft("改。", *V1[1:]), 1, actor="t")
    ws.freeze_working_draft("p1", "初审前", actor="t")
    after = ws.working_draft("p1")
    assert (after.revision, after.based_on) == (saved.revision, 2)
    ws.save_working_draft("p1", draft("再改。", *V1[1:]), saved.revision, actor="t")


def test_title_names_a_new_project_and_renames_an_existing_one(ws: Workspace) -> None:
    """--title overrides the document title; given later, it renames and is audited."""
    ws.import_document(draft(*V1), "p1", "立项前", title="居家养老服务条例", actor="t", create=True)
    assert ws.project("p1").title == "居家养老服务条例"
    ws.import_document(
        draft(*V2, prefix="b"), "p1", "立项前", title="养老服务条例", actor="t", create=True
    )
    assert ws.project("p1").title == "养老服务条例"
    renames = [e.payload for e in ws.audit_log("p1") if e.action == "rename_project"]
    assert renames == [{"old": "居家养老服务条例", "new": "养老服务条例"}]


def test_received_file_is_recorded_and_logged_with_its_name(ws: Workspace, tmp_path: Path) -> None:
    """store_inbox_file keeps one copy per content and logs every receipt."""
    a = tmp_path / "a.csv"
    a.write_bytes(b"x,y\n1,2\n")
    b = tmp_path / "b.csv"
    b.write_bytes(a.read_bytes())
    sha = ws.store_inbox_file(a, actor="甲")
    assert ws.store_inbox_file(b, actor="乙") == sha
    assert ws.inbox_path(sha).read_bytes() == b"x,y\n1,2\n"
    assert [(f.original_name, f.kind, f.size) for f in ws.inbox_files()] == [("a.csv", "csv", 8)]
    receipts = [e.payload["name"] for e in ws.audit_log() if e.action == "receive_file"]
    assert receipts == ["a.csv", "b.csv"]
    with pytest.raises(StoreError, match="收件箱中没有文件"):
        ws.inbox_path("0" * 64)


def test_word_files_are_kept_and_imported_as_versions(ws: Workspace, tmp_path: Path) -> None:
    """A .docx goes to the inbox byte for byte, is parsed from there, and versions carry uids."""
    from docx import Document as WordDocument

    def word(path: Path, *lines: str) -> Path:
        doc = WordDocument()
        for line in ("测试条例（草案）", "第一章　总则", *lines):
            doc.add_paragraph(line)
        doc.save(str(path))
        return path

    first = word(
        tmp_path / "一稿.docx", "第一条　为了测试，制定本条例。", "第二条　本条例适用于本州。"
    )
    second = word(
        tmp_path / "二稿.docx",
        "第一条　为了测试，制定本条例。",
        "第二条　新增的条文。",
        "第三条　本条例适用于本州行政区域。",
    )
    ws.import_version(first, "p1", "立项前", actor="t", create=True)
    result = ws.import_version(second, "p1", "初审前", actor="t", create=True)
    kept = ws.inbox_path(result.version.source_sha256 or "")
    assert kept.suffix == ".docx"
    assert kept.read_bytes() == second.read_bytes()
    old, new = articles(ws.document("p1", 1)), articles(ws.document("p1", 2))
    assert [a.num for a in new] == ["第一条", "第二条", "第三条"]
    assert new[0].uid == old[0].uid
    assert new[2].uid == old[1].uid
    assert new[1].uid not in {a.uid for a in old}


def test_open_refuses_an_uninitialised_database(tmp_path: Path, database_url: str | None) -> None:
    """A folder whose database has no schema yet is not a workspace until init runs."""
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / DATABASE_FILE).touch()
    with pytest.raises(StoreError, match="数据库尚未初始化"):
        Workspace.open(folder, database_url)
    Workspace.init(folder, database_url).close()
    with Workspace.open(folder, database_url) as ws:
        assert ws.projects() == []
