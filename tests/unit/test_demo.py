"""The bundled demo: its tracked texts are well formed and `ensure_demo` builds the workspace."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from workbench.errors import StoreError
from workbench.model import CONTAINER_KINDS, articles
from workbench.parse import parse_file
from workbench.refs import find_references
from workbench.workspace.comments import CommentService
from workbench.workspace.cycle import CycleService
from workbench.workspace.demo import MANIFEST_FILE, ensure_demo, read_manifest
from workbench.workspace.workspace import DATABASE_FILE, Workspace

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
SLUG = "juja-yanglao"


def copy_demo(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(DRAFTS / MANIFEST_FILE, target / MANIFEST_FILE)
    shutil.copy2(DRAFTS / "stations.csv", target / "stations.csv")
    shutil.copytree(DRAFTS / SLUG, target / SLUG)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_demo(tmp_path_factory.mktemp("demo") / "drafts")
    assert ensure_demo(folder)
    return folder


def test_each_round_is_a_chaptered_regulation_of_40_to_60_articles() -> None:
    """Every version parses cleanly: 总则 first, 附则 last, 40–60 articles, no dangling reference."""
    manifest = read_manifest(DRAFTS)
    assert [v.stage for v in manifest.versions] == ["立项前", "初审前", "二审前", "表决前"]
    for version in manifest.versions:
        doc = parse_file(DRAFTS / version.file)
        assert not [d for d in doc.diagnostics if d.severity != "info"], version.file
        chapters = [n for n in doc.children if n.kind in CONTAINER_KINDS]
        assert chapters[0].heading == "总则"
        assert chapters[-1].heading == "附则"
        assert 40 <= len(articles(doc)) <= 60
        report = find_references(doc)
        assert report.internal, version.file
        assert not report.dangling, version.file


def test_station_codes_of_the_comment_files_are_registered() -> None:
    """Every comment file names a station of drafts/stations.csv (first column)."""
    registered = {
        line.split(",")[0]
        for line in (DRAFTS / "stations.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    for entry in read_manifest(DRAFTS).comments:
        code = Path(entry.file).stem.split("-", 1)[1]
        assert code in registered, entry.file


def test_demo_builds_four_rounds_with_comments_and_decisions(built: Path) -> None:
    """The built workspace holds the four versions, every comment, the decisions and the matrix."""
    ws = Workspace.open(built)
    try:
        assert [v.node for v in ws.versions(SLUG)] == ["立项前", "初审前", "二审前", "表决前"]
        assert [v.label for v in ws.versions(SLUG)] == [
            "草案建议稿",
            "草案",
            "草案修改稿",
            "表决稿",
        ]
        views, total = CommentService(ws).comments(SLUG)
        assert total == 35
        states = Counter(v.state for v in views)
        assert states["unplaced"] == 3
        assert states["orphaned"] == 2  # 初审前 第九条, 立项前 第五十二条 (deleted)
        merged = [v.display for v in views if v.cited_as == "第二十九条"]
        assert merged == ["原第二十九条（已并入现第二十五条）"]  # issue 6: follows the merge
        assert Counter(v.decision for v in views if v.decision)["部分采纳"] == 2
        clusters = Counter(v.cluster for v in views if v.cluster is not None)
        assert sorted(clusters.values()) == [3, 3]
        matrix = ws.matrix(SLUG)
        assert matrix.cell("初审前", "法检两院").status == "已会商"
        assert matrix.cell("表决前", "政府起草部门").status == "未征求"
        records = CycleService(ws).records(SLUG)
        assert [(r.stage, r.date.isoformat()) for r in records] == [
            ("一审", "2025-03-28"),
            ("二审", "2025-05-27"),
        ]
    finally:
        ws.close()


def test_ensure_demo_does_nothing_once_built(built: Path) -> None:
    """A second open finds the database and builds nothing."""
    assert not ensure_demo(built)


def test_a_folder_without_manifest_is_left_alone(tmp_path: Path) -> None:
    """Only the demo folder is built on open."""
    assert not ensure_demo(tmp_path)
    assert not (tmp_path / DATABASE_FILE).exists()


def test_a_failed_build_leaves_no_database(tmp_path: Path) -> None:
    """A manifest naming a missing comment file fails whole: no database is left behind."""
    folder = copy_demo(tmp_path / "drafts")
    manifest = folder / MANIFEST_FILE
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[[comments]]\nfile = "missing.csv"\n',
        encoding="utf-8",
    )
    with pytest.raises(StoreError, match=r"missing\.csv"):
        ensure_demo(folder)
    assert not (folder / DATABASE_FILE).exists()
    assert not list(folder.glob(f"{DATABASE_FILE}*"))


def test_a_broken_manifest_is_reported_in_chinese(tmp_path: Path) -> None:
    """A manifest without a project names the missing field."""
    (tmp_path / MANIFEST_FILE).write_text('[[versions]]\nfile = "a.md"\nstage = "立项前"\n')
    with pytest.raises(StoreError, match="project"):
        ensure_demo(tmp_path)
