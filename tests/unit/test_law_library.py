"""The workspace's law library on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.support.law_files import akn_bytes, docx_bytes
from tests.support.library import law
from workbench.errors import ParseError, StoreError
from workbench.workspace import Workspace
from workbench.workspace.library import LibraryService

V2010 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过　2010年3月1日起施行）

第一条 为了示范，制定本法。

第二条 经营者应当公示价格。

第三条 本法自2010年3月1日起施行。
"""

V2020 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过　根据2020年6月30日第十三届全国人民代表大会常务委员会第二十次会议《关于修改〈中华人民共和国示范法〉的决定》修正）

第一条 为了示范，制定本法。

第二条 国家鼓励诚信经营。

第三条 经营者应当公示价格。

第四条 本法自2010年3月1日起施行。
"""


@pytest.fixture
def ws(tmp_path: Path, database_url: str | None) -> Iterator[Workspace]:
    workspace = Workspace.init(tmp_path / "ws", database_url, actor="tester")
    yield workspace
    workspace.close()


def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def test_versions_are_keyed_by_name_and_the_date_of_their_note(
    ws: Workspace, tmp_path: Path
) -> None:
    """Two texts of one law become two dated versions of one instrument, found by short name."""
    service = LibraryService(ws)
    first = service.add_file(write(tmp_path, "a.md", V2010), actor="tester")
    second = service.add_file(write(tmp_path, "b.md", V2020), actor="tester")
    assert (first.created, first.new_instrument) == (True, True)
    assert (second.created, second.new_instrument) == (True, False)
    assert first.version.date == date(2010, 1, 1)  # the 施行 date is no version date
    assert second.version.date == date(2020, 6, 30)
    [instrument] = service.instruments()
    assert instrument.name == "中华人民共和国示范法"
    assert instrument.aliases == ("示范法",)
    assert [v.articles for v in instrument.versions] == [3, 4]
    info, doc = service.version("示范法", date(2015, 1, 1))
    assert info.date == date(2010, 1, 1)
    assert doc.title == "中华人民共和国示范法"
    assert service.version("《中华人民共和国示范法》")[0].date == date(2020, 6, 30)
    actions = [e.action for e in ws.audit_log()]
    assert actions.count("library_add") == 2


def test_adding_the_same_file_again_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    """Idempotent by content: the second add returns the version already there."""
    service = LibraryService(ws)
    path = write(tmp_path, "a.md", V2010)
    service.add_file(path, actor="tester")
    again = service.add_file(path, actor="tester")
    assert again.created is False
    assert len(service.instruments()[0].versions) == 1
    assert [e.action for e in ws.audit_log()].count("library_add") == 1


def test_a_different_text_for_a_version_already_held_is_refused(
    ws: Workspace, tmp_path: Path
) -> None:
    """Same law, same date, other words: refused with the date and the way out (--date)."""
    service = LibraryService(ws)
    service.add_file(write(tmp_path, "a.md", V2010), actor="tester")
    other = V2010.replace("公示价格", "明码标价")
    with pytest.raises(StoreError, match=r"已有《中华人民共和国示范法》2010年1月1日的版本.*--date"):
        service.add_file(write(tmp_path, "b.md", other), actor="tester")
    assert len(service.instruments()[0].versions) == 1


def test_a_part_of_a_version_already_held_is_already_there(ws: Workspace, tmp_path: Path) -> None:
    """A file holding some articles of a version (a 分编 of the 民法典) adds nothing."""
    service = LibraryService(ws)
    service.add_file(write(tmp_path, "whole.md", V2010), actor="tester")
    part = V2010.replace("第一条 为了示范，制定本法。\n\n", "")
    assert service.add_file(write(tmp_path, "part.md", part), actor="tester").created is False


def test_an_undated_text_needs_a_date(ws: Workspace, tmp_path: Path) -> None:
    """No 题注 date and no date in the file name: refused, naming --date; given, it is used."""
    service = LibraryService(ws)
    path = write(tmp_path, "示范法.md", "# 中华人民共和国示范法\n\n第一条 为了示范，制定本法。\n")
    with pytest.raises(StoreError, match="--date"):
        service.add_file(path, actor="tester")
    added = service.add_file(path, actor="tester", at=date(2001, 2, 3))
    assert added.version.date == date(2001, 2, 3)


def test_the_file_name_dates_a_text_whose_note_stops_earlier(ws: Workspace, tmp_path: Path) -> None:
    """北京市审计条例(2017-09-22).md whose 题注 records only 2012: dated 2017-09-22."""
    service = LibraryService(ws)
    note = V2010.replace("　2010年3月1日起施行", "")
    added = service.add_file(write(tmp_path, "示范法(2017-09-22).md", note), actor="tester")
    assert added.version.date == date(2017, 9, 22)


def test_a_folder_adds_its_law_texts_and_skips_other_files(ws: Workspace, tmp_path: Path) -> None:
    """README.md (no articles, no date) is skipped; a broken file is refused, the rest added."""
    folder = tmp_path / "laws"
    write(folder, "README.md", "# 说明\n\n这里是法规。\n")
    write(folder / "x", "a.md", V2010)
    write(folder / "x", "b.md", V2020)
    write(folder, "broken.docx", "not a docx")
    outcomes = LibraryService(ws).add([folder], actor="tester")
    by_name = {o.path.name: o for o in outcomes}
    assert by_name["README.md"].skipped
    assert by_name["broken.docx"].problem
    assert not by_name["broken.docx"].skipped
    assert by_name["a.md"].result is not None
    assert by_name["b.md"].result is not None


def test_an_unreadable_file_is_refused_but_kept_in_the_inbox(ws: Workspace, tmp_path: Path) -> None:
    """Files are received before they are parsed: nothing is lost."""
    path = write(tmp_path, "x.docx", "not a docx")
    with pytest.raises(ParseError):
        LibraryService(ws).add_file(path, actor="tester")
    assert [f.original_name for f in ws.inbox_files()] == ["x.docx"]


def test_unknown_names_are_refused_with_close_names(ws: Workspace, tmp_path: Path) -> None:
    """library show of a name not held lists the ones that come close."""
    service = LibraryService(ws)
    service.add_file(write(tmp_path, "a.md", V2010), actor="tester")
    with pytest.raises(StoreError, match="相近的有：中华人民共和国示范法"):
        service.instrument("示范")
    with pytest.raises(StoreError, match="还没有版本"):
        service.version("示范法", date(2000, 1, 1))


def test_the_shelf_reads_trees_and_aligns_versions(ws: Workspace, tmp_path: Path) -> None:
    """The checks' view: versions in force at a date, their trees, the alignment between them."""
    service = LibraryService(ws)
    service.add_file(write(tmp_path, "a.md", V2010), actor="tester")
    service.add_file(write(tmp_path, "b.md", V2020), actor="tester")
    shelf = service.shelf()
    instrument = shelf.find("示范法")
    assert instrument is not None
    old = instrument.in_force(date(2019, 1, 1))
    assert old is not None
    assert instrument.latest is not None
    pair = next(
        p for p in shelf.alignment(old, instrument.latest).articles if p.old_labels == ("第二条",)
    )
    assert pair.new_labels == ("第三条",)


def test_a_workspace_made_before_the_library_gets_its_tables(tmp_path: Path) -> None:
    """An older workspace (no library tables) opens, gains them empty, and takes laws."""
    folder = tmp_path / "old"
    Workspace.init(folder, actor="tester").close()
    old = Workspace.open(folder)
    with old.transaction() as conn:
        for name in ("library_versions", "library_names", "library_instruments"):
            conn.execute(text(f"DROP TABLE {name}"))
    old.close()
    with Workspace.open(folder) as ws:
        service = LibraryService(ws)
        assert service.instruments() == []
        service.add_file(write(tmp_path, "a.md", V2010), actor="tester")
        assert [i.name for i in service.instruments()] == ["中华人民共和国示范法"]


def test_word_and_akoma_ntoso_texts_join_the_same_instrument(ws: Workspace, tmp_path: Path) -> None:
    """A version in Word and one in Akoma Ntoso are read by the same parser into one law."""
    word = tmp_path / "示范法.docx"
    word.write_bytes(docx_bytes(law(V2010)))
    akn = tmp_path / "示范法.xml"
    akn.write_bytes(akn_bytes(law(V2020, seed=1)))
    service = LibraryService(ws)
    service.add_file(word, actor="tester")
    service.add_file(akn, actor="tester")
    [instrument] = service.instruments()
    assert instrument.name == "中华人民共和国示范法"
    assert [(v.date, v.articles) for v in instrument.versions] == [
        (date(2010, 1, 1), 3),
        (date(2020, 6, 30), 4),
    ]
    _, doc = service.version("示范法", date(2021, 1, 1))
    assert doc.children[1].children[0].text == "国家鼓励诚信经营。"
