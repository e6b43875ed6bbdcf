"""Citations of parts named instead of numbered (刑法分则第四章, 民法典合同编第X条, 本法总则),
compact item lists in brackets (第（三）、（四）项) and relative citations after any verb."""

from __future__ import annotations

import pytest

from workbench.edit import insert_article
from workbench.model import Document, UidFactory, articles
from workbench.parse import parse_text
from workbench.refs import DocIndex, find_references, format_citation, scan_citations

CODE = """某某法

第一编　总则

第一章　任务和适用范围

第一条　为了惩罚犯罪，制定本法。

第二章　犯罪

第一节　犯罪和刑事责任

第二条　本法总则适用于其他有刑罚规定的法律。

第二节　犯罪的预备

第三条　依照本法总则第二章第一节的规定处理；同时又构成本法第二条规定之罪的，依照处罚较重的规定定罪处罚。

第二编　分则

第一章　危害国家安全罪

第四条　依照刑法分则第四章、第五章的规定处罚。

第二章　危害公共安全罪

第五条　依照刑法总则第十条、民法典合同编第五百条和《中华人民共和国刑法》分则第三章处理。
"""


@pytest.fixture(scope="module")
def code() -> Document:
    return parse_text(CODE)


def _refs(doc: Document) -> dict[str, tuple[str, list[str], str | None]]:
    index = DocIndex(doc)
    report = find_references(index)
    return {
        r.text: (r.status, [format_citation(index, u) for u in r.targets], r.citation.instrument)
        for r in report.all
    }


def test_a_law_name_and_its_part_make_the_citation_external(code: Document) -> None:
    """刑法分则第四章、第五章 names chapters of another law, not this text's 第四章 and 第五章."""
    found = _refs(code)
    assert found["刑法分则第四章、第五章"] == ("external", [], "刑法")
    assert found["刑法总则第十条"] == ("external", [], "刑法")
    assert found["民法典合同编第五百条"] == ("external", [], "民法典")
    assert found["《中华人民共和国刑法》分则第三章"] == ("external", [], "中华人民共和国刑法")


def test_a_law_named_after_another_laws_citation_is_named_alone() -> None:
    """民法典合同编第五百条和刑法总则第三十条: two citations, of 民法典 and of 刑法 (the second
    law's name does not run back over the first citation)."""
    found = scan_citations("依照民法典合同编第五百条和刑法总则第三十条的规定")
    assert [(c.text, c.instrument) for c in found] == [
        ("民法典合同编第五百条", "民法典"),
        ("刑法总则第三十条", "刑法"),
    ]
    (_, second) = scan_citations("依照民法典第五百条或者刑法第三十条")
    assert (second.text, second.instrument) == ("刑法第三十条", "刑法")


def test_every_member_keeps_the_named_part() -> None:
    """Both chapters of 刑法分则第四章、第五章 lie in 分则; a scope-wide 编 number does not."""
    (c,) = scan_citations("依照刑法分则第四章、第五章的规定")
    assert [(m.first.part_name, m.first.chapter) for m in c.members] == [("分则", 4), ("分则", 5)]
    assert (c.scope_text, c.text) == ("刑法分则", "刑法分则第四章、第五章")
    (c,) = scan_citations("依照民法典第一编第三章")
    assert (c.members[0].first.part_name, c.members[0].first.book) == (None, 1)


def test_the_texts_own_part_is_internal(code: Document) -> None:
    """本法总则 cites this text's 第一编 总则; 本法总则第二章第一节 resolves inside it."""
    found = _refs(code)
    assert found["本法总则"] == ("internal", ["第一编"], None)
    assert found["本法总则第二章第一节"] == ("internal", ["第一编第二章第一节"], None)


def test_a_law_mentioned_with_its_part_but_no_number_is_external() -> None:
    """刑法总则的规定 mentions another law's part: external, nothing to resolve."""
    (c,) = scan_citations("适用刑法总则的规定")
    assert (c.scope, c.instrument, c.text, c.members) == ("external", "刑法", "刑法总则", ())


def test_a_word_ending_in_cheng_before_ben_fa_is_not_a_compound(code: Document) -> None:
    """构成本法第二条: 构成 + 本法, not 成本 + 法 (which made it external)."""
    assert _refs(code)["本法第二条"] == ("internal", ["第二条"], None)


def test_a_part_scoped_citation_is_rewritten_inside_its_part(code: Document) -> None:
    """After an article is inserted before it, 本法总则第二章第一节 still reads inside 总则."""
    first = articles(code)[0]
    result = insert_article(code, "新增的条文。", uids=UidFactory(), after=first.uid)
    found = _refs(result.document)
    assert found["本法总则第二章第一节"] == ("internal", ["第一编第二章第一节"], None)
    assert found["本法第三条"] == ("internal", ["第三条"], None)


ITEMS = """某某条例

第一条　有下列情形之一的，责令改正：

（一）甲；

（二）乙；

（三）丙；

（四）丁。

出现前款所列情形，或者从事前款规定的活动的，责令停止。

发生前两款规定的事故的，依照本条例第二条处理。

第二条　违反本条例第一条第一款第（三）、（四）项规定的，依照第一条第一款第二、三项处罚。

第三条　前两条规定以外的情形，依照前条处理。
"""


def test_a_bracketed_compact_item_list_resolves_to_every_item() -> None:
    """第（三）、（四）项 cites items 3 and 4, like 第二、三项 (not the article alone)."""
    found = _refs(parse_text(ITEMS))
    assert found["本条例第一条第一款第（三）、（四）项"] == (
        "internal",
        ["第一条第一款第三项", "第一条第一款第四项"],
        None,
    )
    assert found["第一条第一款第二、三项"][1] == ["第一条第一款第二项", "第一条第一款第三项"]
    (c,) = scan_citations("违反第（三）、（四）项")
    assert [(m.first.item, m.first.item_parens) for m in c.members] == [(3, True), (4, True)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("出现前款所列情形的", "前款"),
        ("从事前款规定的活动的", "前款"),
        ("发生前两款规定的事故的", "前两款"),
        ("生前款项", None),
        ("提前条件", None),
        ("目前项目", None),
    ],
)
def test_relative_citations_are_units_whatever_word_stands_before(
    text: str, words: str | None
) -> None:
    """前款 / 前两款 after a verb are citations; 款项, 条件, 项目 are words, not citations."""
    found = [c.text for c in scan_citations(text) if c.members]
    assert found == ([words] if words else [])


def test_relative_citations_after_verbs_resolve() -> None:
    """从事前款 / 发生前两款 resolve to the paragraph(s) before; 前两条 to two articles."""
    index = DocIndex(parse_text(ITEMS))
    report = find_references(index)
    got = sorted(
        (r.text, tuple(format_citation(index, u) for u in r.targets))
        for r in report.internal
        if r.text.startswith("前")
    )
    assert got == [
        ("前两条", ("第一条", "第二条")),
        ("前两款", ("第一条第一款", "第一条第二款")),
        ("前条", ("第二条",)),
        ("前款", ("第一条第一款",)),
        ("前款", ("第一条第一款",)),
    ]
    assert report.dangling == ()
