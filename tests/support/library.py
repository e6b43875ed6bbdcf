"""A law library for tests: in memory (`shelf`), or in a real workspace (`library_workspace`).

``shelf(("中华人民共和国示范法", date(2010, 1, 1), TEXT_2010), ...)`` parses each text and returns a
`Library` that the checks use exactly as they use a workspace's (the workspace's reads the same
trees from its database). `library_workspace` builds a workspace whose library holds a law in
two versions and whose project cites it by the old numbers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from workbench.check import Library, short_names
from workbench.model import Document, UidFactory, articles
from workbench.model.library import LawInstrument, LawVersionInfo
from workbench.parse import parse_text
from workbench.workspace import Workspace
from workbench.workspace.library import LibraryService

__all__ = ["DEMO_DRAFT", "DEMO_LAW_2010", "DEMO_LAW_2020", "law", "library_workspace", "shelf"]


def law(text: str, seed: int = 0) -> Document:
    """Parse a law text with reproducible uids."""
    return parse_text(text, uids=UidFactory(seed))


def shelf(*versions: tuple[str, date, str | Document]) -> Library:
    """A library holding ``(name, version date, text or tree)`` versions."""
    docs: dict[tuple[str, date], Document] = {}
    infos: dict[str, list[LawVersionInfo]] = defaultdict(list)
    for k, (name, when, source) in enumerate(versions):
        doc = law(source, seed=k) if isinstance(source, str) else source
        docs[(name, when)] = doc
        infos[name].append(
            LawVersionInfo(
                instrument=name,
                date=when,
                title=doc.title,
                note=doc.note,
                articles=len(articles(doc)),
                sha256=f"{k:064x}",
                added_at=datetime(2026, 1, 1, tzinfo=UTC),
                added_by="tester",
            )
        )
    instruments = [
        LawInstrument(
            name=name,
            aliases=short_names(name),
            versions=tuple(sorted(found, key=lambda v: v.date)),
        )
        for name, found in infos.items()
    ]
    return Library(instruments, lambda name, when: docs[(name, when)])


DEMO_LAW_2010 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过）

第一条 为了示范，制定本法。

第二条 经营者应当公示价格。

第三条 违反本法第二条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。

第四条 本法自2010年3月1日起施行。
"""
"""A national law in its first version."""

DEMO_LAW_2020 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过　根据2020年6月30日第十三届全国人民代表大会常务委员会第二十次会议《关于修改〈中华人民共和国示范法〉的决定》修正）

第一条 为了示范，制定本法。

第二条 国家鼓励诚信经营。

第三条 经营者应当公示价格。

第四条 违反本法第三条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。

第五条 本法自2010年3月1日起施行。
"""
"""The same law revised: an article inserted, the rest renumbered."""

DEMO_DRAFT = """# 某市明码标价条例

（2015年5月1日某市第十届人民代表大会常务委员会第五次会议通过）

第一条 为了规范明码标价，根据有关法律，结合本市实际，制定本条例。

第二条 经营者应当依照《中华人民共和国示范法》第二条公示价格。

第三条 违反本条例第九条规定的，由市场监督管理部门责令改正。

第四条 本条例自2015年7月1日起施行。
"""
"""A regulation dated between the two versions: it cites 示范法第二条 (now 第三条), and a
missing article of its own."""


def library_workspace(folder: Path, *, project: str = "mb", actor: str = "tester") -> Workspace:
    """A workspace whose library holds the 示范法 in two versions and whose project ``project``
    has `DEMO_DRAFT` as its one version (frozen at 初审前)."""
    sources = folder.parent / f"{folder.name}-sources"
    sources.mkdir(parents=True, exist_ok=True)
    ws = Workspace.init(folder, actor=actor)
    paths = []
    for name, content in (
        ("示范法(2010).md", DEMO_LAW_2010),
        ("示范法(2020).md", DEMO_LAW_2020),
        ("某市明码标价条例.md", DEMO_DRAFT),
    ):
        path = sources / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    LibraryService(ws).add(paths[:2], actor=actor)
    ws.import_version(paths[2], project, "初审前", actor=actor, create=True)
    return ws
