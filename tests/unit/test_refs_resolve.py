"""Resolving citations to uids, formatting node citations, and finding references in a document."""

from __future__ import annotations

import pytest

from tests.support.trees import build
from workbench.model import Document, Node, articles
from workbench.refs import (
    CitationError,
    CitationStyle,
    DocIndex,
    find_references,
    format_citation,
    parse_citation,
    resolve,
    resolve_text,
    self_name,
)

OUTLINE = """
# 总则
条 为了规范管理，制定本条例。
条 本条例所称服务，是指下列活动：
项 上门服务；
项 日间照料；
项 其他服务：
目 助餐；
目 助浴；
目 助洁；
目 助行；
目 助医。
项 咨询服务；
项 培训服务；
项 评估服务。
款 前款第四项至第六项的服务，由街道组织实施。
款 前两款规定以外的服务，依照本条第一款第（一）项执行。
# 管理
## 一般规定
条 有前条规定情形的，依照本章第一节办理。
款 前款规定适用于本项第5目。
条 违反本条例第二条第一款第四项、第五项规定的，责令改正。
## 特别规定
条 依照第三条、第四条处理；本节另有规定的除外。
条 依照刑法第二百三十六条处罚；有关法律、法规另有规定的，从其规定。
款 依照《中华人民共和国立法法》第八十一条和本条例第三条至第五条执行。
# 附则
条 前款不适用。
条 本条例自2025年1月1日起施行。
"""


@pytest.fixture(scope="module")
def doc() -> Document:
    return build(OUTLINE)


def _para(doc: Document, article: int, para: int) -> Node:
    return articles(doc)[article - 1].children[para - 1]


def _item(doc: Document, article: int, para: int, item: int) -> Node:
    return _para(doc, article, para).children[item - 1]


def _labels(doc: Document, uids: tuple[str, ...]) -> list[str]:
    index = DocIndex(doc)
    return [format_citation(index, u) for u in uids]


def test_absolute_citation_resolves_to_the_node(doc: Document) -> None:
    """第二条第一款第（三）项第2目 lands on the subitem."""
    res = resolve(parse_citation("第二条第一款第（三）项第2目"), doc)
    assert res.targets == (_item(doc, 2, 1, 3).children[1].uid,)


def test_item_of_a_one_paragraph_article_needs_no_paragraph() -> None:
    """第一条第二项 in a one-款 article is the item of its only 款 (§2.1)."""
    d = build("条 有下列情形之一的：\n项 甲；\n项 乙。")
    res = resolve(parse_citation("第一条第二项"), d)
    assert res.targets == (articles(d)[0].children[0].children[1].uid,)


def test_first_paragraph_of_a_single_paragraph_article_warns() -> None:
    """第一条第一款第二项 for a one-款 article resolves but is flagged non-canonical (§7.2 rule 14)."""
    d = build("条 有下列情形之一的：\n项 甲；\n项 乙。")
    res = resolve(parse_citation("第一条第一款第二项"), d)
    assert res.ok
    assert res.warnings


def test_previous_paragraph_range_covers_three_items(doc: Document) -> None:
    """前款第四项至第六项 from 款2 covers items 4–6 of 款1 (§8)."""
    ctx = _para(doc, 2, 2).uid
    res = resolve(parse_citation("前款第四项至第六项"), doc, ctx)
    assert res.targets == tuple(_item(doc, 2, 1, i).uid for i in (4, 5, 6))


def test_previous_two_paragraphs(doc: Document) -> None:
    """前两款 from 款3 is 款1 and 款2."""
    res = resolve(parse_citation("前两款"), doc, _para(doc, 2, 3).uid)
    assert res.targets == (_para(doc, 2, 1).uid, _para(doc, 2, 2).uid)


def test_previous_paragraph_inside_an_item_is_the_paragraph_before(doc: Document) -> None:
    """In an item of 款k, 前款 means 款k−1; here k = 1, so it does not resolve (§7.2 rule 12)."""
    res = resolve(parse_citation("前款"), doc, _item(doc, 2, 1, 2).uid)
    assert not res.ok
    assert res.reason is not None
    assert "第一款" in res.reason


def test_previous_paragraph_in_the_first_paragraph_is_unresolved(doc: Document) -> None:
    """前款 in 款1 gives a Chinese reason."""
    res = resolve(parse_citation("前款"), doc, _para(doc, 7, 1).uid)
    assert res.reason == "“前款”出现在第一款中，没有前款"


def test_this_article_paragraph_and_item(doc: Document) -> None:
    """本条第一款第（一）项 resolves within the context article."""
    res = resolve(parse_citation("本条第一款第（一）项"), doc, _para(doc, 2, 3).uid)
    assert res.targets == (_item(doc, 2, 1, 1).uid,)


def test_previous_article_and_this_chapter_section(doc: Document) -> None:
    """前条 and 本章第一节 from 第三条."""
    ctx = _para(doc, 3, 1).uid
    assert resolve(parse_citation("前条"), doc, ctx).targets == (articles(doc)[1].uid,)
    section = doc.children[1].children[0]
    assert resolve(parse_citation("本章第一节"), doc, ctx).targets == (section.uid,)


def test_this_item_subitem_needs_an_item_context(doc: Document) -> None:
    """本项第5目 in a 款 (not inside an item) is unresolved, with the reason."""
    res = resolve(parse_citation("本项第5目"), doc, _para(doc, 3, 2).uid)
    assert res.reason == "“本项”所在位置不在任何项内"


def test_this_item_subitem_inside_the_item(doc: Document) -> None:
    """本项第5目 inside item （三） is its fifth subitem."""
    item = _item(doc, 2, 1, 3)
    res = resolve(parse_citation("本项第5目"), doc, item.children[0].uid)
    assert res.targets == (item.children[4].uid,)


def test_article_range_includes_everything_between(doc: Document) -> None:
    """本条例第三条至第五条 covers three articles."""
    res = resolve(parse_citation("本条例第三条至第五条"), doc)
    assert _labels(doc, res.targets) == ["第三条", "第四条", "第五条"]


def test_article_outside_the_document_is_unresolved(doc: Document) -> None:
    """第九十条 in a nine-article text is dangling."""
    res = resolve(parse_citation("第九十条"), doc)
    assert res.reason == "本文件没有第九十条"


def test_article_not_in_the_cited_section(doc: Document) -> None:
    """本节第三条 from the 特别规定 section is unresolved: 第三条 is in 一般规定."""
    res = resolve(parse_citation("本节第三条"), doc, _para(doc, 5, 1).uid)
    assert res.reason == "第三条不在第二节内"


def test_external_citations_never_resolve(doc: Document) -> None:
    """《立法法》第三条 names 第三条 of another law, never ours (§7.2 rule 13)."""
    res = resolve(parse_citation("《中华人民共和国立法法》第三条"), doc)
    assert not res.ok
    assert res.targets == ()


def test_find_references_classifies_everything(doc: Document) -> None:
    """Internal, external and dangling references of the sample document."""
    report = find_references(doc)
    internal = {(r.text, tuple(_labels(doc, r.targets))) for r in report.internal}
    assert (
        "前款第四项至第六项",
        ("第二条第一款第四项", "第二条第一款第五项", "第二条第一款第六项"),
    ) in internal
    assert ("前两款", ("第二条第一款", "第二条第二款")) in internal
    assert ("本条第一款第（一）项", ("第二条第一款第一项",)) in internal
    assert (
        "本条例第二条第一款第四项、第五项",
        ("第二条第一款第四项", "第二条第一款第五项"),
    ) in internal
    assert ("第三条、第四条", ("第三条", "第四条")) in internal
    assert ("本条例第三条至第五条", ("第三条", "第四条", "第五条")) in internal
    external = {r.text for r in report.external}
    assert external == {
        "刑法第二百三十六条",
        "有关法律、法规",
        "《中华人民共和国立法法》第八十一条",
    }
    dangling = {(r.text, r.reason) for r in report.dangling}
    assert dangling == {
        ("本项第5目", "“本项”所在位置不在任何项内"),
        ("前款", "“前款”出现在第一款中，没有前款"),
    }


def test_format_citation_follows_the_house_style(doc: Document) -> None:
    """Items plain by default, bracketed on request; 款 only when the article has several."""
    index = DocIndex(doc)
    item = _item(doc, 2, 1, 3)
    assert format_citation(index, item.uid) == "第二条第一款第三项"
    style = CitationStyle(item_parens=True)
    assert format_citation(index, item.uid, style) == "第二条第一款第（三）项"
    assert format_citation(index, item.children[4].uid) == "第二条第一款第三项第5目"
    assert format_citation(index, _para(doc, 1, 1).uid) == "第一条"
    assert format_citation(index, _para(doc, 1, 1).uid, qualified=True) == "本条例第一条"
    assert format_citation(index, doc.children[1].children[1].uid) == "第二章第二节"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("昌吉回族自治州居家养老服务条例（草案）", "本条例"),
        ("上海市授予荣誉市民称号规定", "本规定"),
        ("河南省国家工作人员宪法宣誓办法（征求意见稿）", "本办法"),
        ("某某实施细则", "本细则"),
        ("中华人民共和国民法典", "本法"),
        ("中华人民共和国刑法", "本法"),
        ("北京市人民代表大会议事规则", "本规则"),
    ],
)
def test_self_name_follows_the_title(title: str, name: str) -> None:
    """本条例 / 本规定 / 本办法 / 本细则 / 本法 / 本规则 from the title suffix."""
    assert self_name(title) == name


def test_self_name_setting_overrides_the_title() -> None:
    """A house style can fix the name."""
    assert self_name("某某条例", CitationStyle(self_name="本规定")) == "本规定"


def test_resolve_text_parses_and_resolves(doc: Document) -> None:
    """resolve_text is parse_citation + resolve; non-citations raise a Chinese error."""
    assert resolve_text("第二条第一款第三项", doc).targets == (_item(doc, 2, 1, 3).uid,)
    with pytest.raises(CitationError, match="无法识别的条款引用"):
        resolve_text("总则", doc)
