"""Stale citations of real laws: a regulation citing a revised law by its old numbers.

The library holds two versions of a national law from the shared corpus (公司法 2018/2023,
监督法 2006/2024), added through the workspace as a user adds them. The citing regulations are
written here, dated before the revision, citing the old numbers; the expected new numbers were
read off the two texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from workbench.check import Finding, check_document, rule
from workbench.parse import parse_text
from workbench.workspace import Workspace
from workbench.workspace.checks import CheckService
from workbench.workspace.library import LibraryService

pytestmark = pytest.mark.corpus

COMPANY = "中华人民共和国公司法"
SUPERVISION = "中华人民共和国各级人民代表大会常务委员会监督法"

COMPANY_TEXT = """# 某市市场主体登记条例

（2020年6月1日某市第十届人民代表大会常务委员会第二十次会议通过）

第一条 为了规范市场主体登记，根据《中华人民共和国公司法》等法律、行政法规，结合本市实际，制定本条例。

第二条 公司营业执照记载的事项，依照《中华人民共和国公司法》第七条第二款的规定执行。

第三条 公司成立后无正当理由超过六个月未开业的，由登记机关依照公司法第二百一十一条第一款的规定处理。

第四条 设立有限责任公司，应当具备《中华人民共和国公司法》第二十三条规定的条件。

第五条 本条例自2020年7月1日起施行。
"""

SUPERVISION_TEXT = """# 某市人民代表大会常务委员会监督工作条例

（2012年3月1日某市第十四届人民代表大会常务委员会第三十次会议通过）

第一条 为了保障市人民代表大会常务委员会依法行使监督职权，根据《中华人民共和国各级人民代表大会常务委员会监督法》，结合本市实际，制定本条例。

第二条 常务委员会组成人员五人以上联名，可以依照《中华人民共和国各级人民代表大会常务委员会监督法》第三十五条的规定提出质询案。

第三条 常务委员会依照监督法第三十九条的规定，可以组织关于特定问题的调查委员会。

第四条 常务委员会依照监督法第十七条的规定审查预算调整方案，依照监督法第十八条的规定审查决算草案。

第五条 本条例自2012年5月1日起施行。
"""


@pytest.fixture(scope="module")
def service(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CheckService]:
    """A workspace whose library holds both laws in both versions, added from the corpus."""
    folder = corpus_dir / "versions"
    ws = Workspace.init(tmp_path_factory.mktemp("library") / "ws", actor="tester")
    outcomes = LibraryService(ws).add(
        [
            folder / "中华人民共和国公司法(2018-10-26).md",
            folder / "中华人民共和国公司法(2023-12-29).md",
            folder / "中华人民共和国各级人民代表大会常务委员会监督法(2006-08-27).md",
            folder / "中华人民共和国各级人民代表大会常务委员会监督法(2024-11-08).md",
        ],
        actor="tester",
    )
    assert all(o.result is not None and o.result.created for o in outcomes), outcomes
    yield CheckService(ws)
    ws.close()


def stale(service: CheckService, source: str, at: date | None = None) -> list[Finding]:
    doc = parse_text(source)
    return check_document(
        doc,
        library=service.shelf,
        at=at or date(2020, 6, 1),
        rules=(rule("stale-external-citation"), rule("missing-external-provision")),
    )


def test_the_library_holds_two_dated_versions_of_each_law(service: CheckService) -> None:
    """Dated by their 题注: the last 修正/修订 event."""
    for name, dates in (
        (COMPANY, [date(2018, 10, 26), date(2023, 12, 29)]),
        (SUPERVISION, [date(2006, 8, 27), date(2024, 11, 8)]),
    ):
        found = service.shelf.find(name)
        assert found is not None
        assert [v.date for v in found.versions] == dates


def test_old_company_law_numbers_get_the_new_ones(service: CheckService) -> None:
    """第七条第二款 → 第三十三条第二款; 第二百一十一条第一款 → 第二百六十条第一款; 第二十三条 deleted."""
    found = stale(service, COMPANY_TEXT, date(2020, 6, 1))
    assert [(f.where, f.suggestion) for f in found] == [
        ("第二条", "第七条第二款 → 第三十三条第二款"),
        ("第三条", "第二百一十一条第一款 → 第二百六十条第一款"),
        ("第四条", "删去该引用，或改引修改后的相应条文"),
    ]
    assert all(f.severity == "error" for f in found)
    assert "2023年12月29日修改后，原第七条第二款现为第三十三条第二款" in found[0].message
    assert "原第二十三条已删除" in found[2].message


def test_old_supervision_law_numbers_get_the_new_ones(service: CheckService) -> None:
    """Renumbered (第三十五条 → 第五十一条, 第十七条 → 第二十二条, whose last 款 the revision dropped;
    the new 第二十三条 on the 五年规划纲要 is a new article, not a piece of it) and deleted
    (第十八条) articles."""
    found = stale(service, SUPERVISION_TEXT, date(2012, 3, 1))
    assert [(f.where, f.suggestion) for f in found] == [
        ("第二条", "第三十五条 → 第五十一条"),
        ("第三条", "第三十九条 → 第五十五条"),
        ("第四条", "第十七条 → 第二十二条"),
        ("第四条", "删去该引用，或改引修改后的相应条文"),
    ]


def test_the_same_regulation_after_the_revision_cites_current_numbers(
    service: CheckService,
) -> None:
    """Read as of 2024 the old numbers point at other articles: nothing is stale, 第二十三条 exists."""
    found = stale(service, COMPANY_TEXT, date(2024, 6, 1))
    assert found == []


def test_a_file_is_checked_as_of_the_date_of_its_note(
    service: CheckService, tmp_path: Path
) -> None:
    """check_file dates the text by its 题注 (2020-06-01) without being told."""
    path = tmp_path / "某市市场主体登记条例.md"
    path.write_text(COMPANY_TEXT, encoding="utf-8")
    report = service.check_file(path)
    assert report.at == date(2020, 6, 1)
    rules = [f.rule for f in report.findings]
    assert rules.count("stale-external-citation") == 3
