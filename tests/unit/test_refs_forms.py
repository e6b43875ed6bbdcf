"""Each relative form of legislative-norms.md §2.2 resolved in context, and its error cases."""

from __future__ import annotations

import pytest

from tests.support.trees import build
from workbench.model import Document, articles
from workbench.refs import (
    amended_instrument,
    find_references,
    parse_citation,
    resolve,
    scan_citations,
)

OUTLINE = """
# 总则
条 甲款。
款 乙款。
款 丙款，前三款不适用本条。
款 丁款：
项 甲；
项 乙，本项和前项；
目 子；
目 丑，本项第1目。
项 丙。
条 只有一款的条：
项 一；
项 二，依照本条第一项。
# 附则
条 本章和前条。
"""


@pytest.fixture(scope="module")
def doc() -> Document:
    return build(OUTLINE)


def _ctx(doc: Document, a: int, p: int, i: int | None = None, s: int | None = None) -> str:
    node = articles(doc)[a - 1].children[p - 1]
    if i is not None:
        node = node.children[i - 1]
    if s is not None:
        node = node.children[s - 1]
    return node.uid


def _resolve(doc: Document, text: str, ctx: str) -> tuple[str, ...]:
    res = resolve(parse_citation(text), doc, ctx)
    assert res.ok, res.reason
    return res.targets


def test_this_paragraph(doc: Document) -> None:
    """本款 is the 款 the words stand in (or the 款 of the item they stand in)."""
    assert _resolve(doc, "本款", _ctx(doc, 1, 4, 2)) == (_ctx(doc, 1, 4),)


def test_previous_three_paragraphs_and_too_few(doc: Document) -> None:
    """前三款 from 款4 is 款1–3; from 款3 there are only two before it."""
    assert _resolve(doc, "前三款", _ctx(doc, 1, 4)) == tuple(_ctx(doc, 1, p) for p in (1, 2, 3))
    res = resolve(parse_citation("前三款"), doc, _ctx(doc, 1, 3))
    assert res.reason == "“前三款”出现在第三款中，前面不足三款"


def test_this_item_and_previous_item(doc: Document) -> None:
    """本项 and 前项 from inside item （二）, even from one of its 目."""
    ctx = _ctx(doc, 1, 4, 2, 1)
    assert _resolve(doc, "本项", ctx) == (_ctx(doc, 1, 4, 2),)
    assert _resolve(doc, "前项", ctx) == (_ctx(doc, 1, 4, 1),)


def test_previous_item_in_the_first_item_is_unresolved(doc: Document) -> None:
    """前项 in item （一） has nothing before it."""
    res = resolve(parse_citation("前项"), doc, _ctx(doc, 1, 4, 1))
    assert res.reason == "“前项”出现在第一项中，没有前项"


def test_subitem_of_this_item(doc: Document) -> None:
    """本项第1目 from a 目 of item （二）."""
    assert _resolve(doc, "本项第1目", _ctx(doc, 1, 4, 2, 2)) == (_ctx(doc, 1, 4, 2, 1),)


def test_item_of_this_single_paragraph_article(doc: Document) -> None:
    """本条第一项 in a one-款 article (§2.2 本条第Z项)."""
    assert _resolve(doc, "本条第一项", _ctx(doc, 2, 1, 2)) == (_ctx(doc, 2, 1, 1),)


def test_this_chapter_and_previous_article(doc: Document) -> None:
    """本章 is the enclosing chapter; 前条 the article before, across chapters."""
    ctx = _ctx(doc, 3, 1)
    assert _resolve(doc, "本章", ctx) == (doc.children[1].uid,)
    assert _resolve(doc, "前条", ctx) == (articles(doc)[1].uid,)


def test_previous_article_in_the_first_article_is_unresolved(doc: Document) -> None:
    """前条 in 第一条 gives a reason."""
    res = resolve(parse_citation("前条"), doc, _ctx(doc, 1, 1))
    assert res.reason == "“前条”出现在第一条中，没有前一条"


def test_this_section_outside_any_section_is_unresolved(doc: Document) -> None:
    """本节 in a chapter without sections."""
    res = resolve(parse_citation("本节"), doc, _ctx(doc, 3, 1))
    assert res.reason == "“本节”所在位置不在任何节内"


def test_relative_citation_without_context_is_unresolved(doc: Document) -> None:
    """前款 needs to know where it stands."""
    res = resolve(parse_citation("前款"), doc)
    assert res.reason == "“前款”是相对引用，需要所在位置"


def test_paragraph_beyond_the_article_is_unresolved(doc: Document) -> None:
    """第一条第五款: the article has four."""
    res = resolve(parse_citation("第一条第五款"), doc)
    assert res.reason == "第一条只有四款，没有第五款"


def test_item_of_an_article_with_several_item_paragraphs_needs_the_paragraph() -> None:
    """第一条第一项 is ambiguous when two 款 have items."""
    d = build("条 甲：\n项 一；\n款 乙：\n项 二。\n条 依照第一条第一项。")
    res = resolve(parse_citation("第一条第一项"), d)
    assert res.reason == "第一条有多款含项，应当写明第几款"


def test_half_width_brackets_in_item_citations() -> None:
    """第(三)项 reads like 第（三）项."""
    c = parse_citation("第十条第(三)项")
    assert (c.members[0].first.item, c.members[0].first.item_parens) == (3, True)


def test_a_decision_cites_the_regulation_it_amends() -> None:
    """In 关于修改《××条例》的决定, 第X条 without 本 is the amended regulation's (external)."""
    title = "上海市人民代表大会常务委员会关于修改《上海市人民代表大会常务委员会规范性文件备案审查条例》的决定"
    name = amended_instrument(title)
    assert name == "上海市人民代表大会常务委员会规范性文件备案审查条例"
    (c,) = scan_citations("将第十一条改为第十二条", bare_instrument=name)[:1]
    assert (c.scope, c.instrument) == ("external", name)
    assert amended_instrument("中华人民共和国刑法修正案（十一）") == "中华人民共和国刑法"
    assert amended_instrument("某某条例") is None


def test_report_lists_relative_references_of_the_sample(doc: Document) -> None:
    """The sample's citations; 和 joins two relative members into one citation."""
    report = find_references(doc)
    texts = sorted(r.text for r in report.internal)
    assert texts == sorted(["本条", "本项和前项", "本项第1目", "本条第一项", "本章和前条"])
    both = next(r for r in report.internal if r.text == "本项和前项")
    assert both.targets == (_ctx(doc, 1, 4, 2), _ctx(doc, 1, 4, 1))
    assert [(r.text, r.reason) for r in report.dangling] == [
        ("前三款", "“前三款”出现在第三款中，前面不足三款")
    ]
