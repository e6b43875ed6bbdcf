"""Demote/promote, 之N insertion, chapter citations and house style kept through rewrites."""

from __future__ import annotations

import pytest

from tests.support.trees import build
from workbench.edit import (
    delete,
    demote,
    insert_article,
    insert_chapter,
    insert_paragraph,
    move,
    promote,
)
from workbench.errors import EditError
from workbench.model import Document, UidFactory, articles
from workbench.refs import find_references, format_citation

OUTLINE = """
# 总则
条 为了规范管理，制定本条例。
条 适用本条例第四章的规定。
款 本条第一款规定的事项，依照第三条第（二）项执行。
# 服务
条 服务包括：
项 上门服务；
项 日间照料；
项 咨询服务。
款 违反前款第（一）项至第（三）项规定的，依照第五条处理；违反第（二）项规定的，另行处理。
条 违反第三条的，适用前条。
# 附则
条 本条例第一条至第四条的规定，自公布之日起施行。
"""


@pytest.fixture
def doc() -> Document:
    return build(OUTLINE)


def _text(doc: Document, article: int, para: int = 1) -> str:
    return articles(doc)[article - 1].children[para - 1].text


def test_demote_article_into_paragraph_of_another(doc: Document) -> None:
    """将第四条改为第三条第三款: citations of 第四条 now cite that 款 (§4.2 operation K)."""
    arts = articles(doc)
    result = demote(doc, arts[3].uid, into=arts[2].uid)
    new = result.document
    assert len(articles(new)) == 4
    assert [p.uid for p in articles(new)[2].children][-1] == arts[3].children[0].uid
    assert _text(new, 4) == "本条例第一条至第三条的规定，自公布之日起施行。"
    assert result.report.redirected == ((arts[3].uid, arts[3].children[0].uid),)


def test_promote_paragraph_to_its_own_article(doc: Document) -> None:
    """The second 款 of 第三条 becomes 第四条; 前款 in it becomes an explicit citation."""
    para = articles(doc)[2].children[1]
    result = promote(doc, para.uid, uids=UidFactory(seed=2))
    new = result.document
    assert articles(new)[3].children[0].uid == para.uid
    assert _text(new, 4).startswith("违反第三条第（一）项至第（三）项规定的，依照第六条处理")
    assert _text(new, 5) == "违反第三条的，适用第三条。"


def test_promote_only_paragraph_is_refused(doc: Document) -> None:
    """An article's only 款 cannot be promoted."""
    with pytest.raises(EditError, match="唯一的一款"):
        promote(doc, articles(doc)[0].children[0].uid, uids=UidFactory(seed=2))


def test_bracket_style_as_written_is_kept(doc: Document) -> None:
    """A range keeps covering the same items, bracketed as written, when they are reordered."""
    items = articles(doc)[2].children[0].children
    result = move(doc, items[1].uid, before=items[0].uid)
    text = _text(result.document, 3, 2)
    assert text.startswith("违反前款第（一）项至第（三）项规定的")


def test_bare_item_continuing_a_citation_follows_its_target(doc: Document) -> None:
    """A bare 第（二）项 in the second 款 means item 2 of the 款 with items; it follows its item."""
    items = articles(doc)[2].children[0].children
    report = find_references(doc)
    bare = next(r for r in report.internal if r.text == "第（二）项")
    assert bare.targets == (items[1].uid,)
    result = delete(doc, items[0].uid)
    text = _text(result.document, 3, 2)
    assert "违反第（一）项规定的" in text


def test_insertion_article_keeps_later_numbers(doc: Document) -> None:
    """A 之一 article after 第二条 leaves 第三条… and their citations alone (§1.6, §4.2 F)."""
    arts = articles(doc)
    result = insert_article(
        doc, "新增条文。", after=arts[1].uid, insertion=True, uids=UidFactory(seed=5)
    )
    new = result.document
    assert [a.num for a in articles(new)] == [
        "第一条",
        "第二条",
        "第二条之一",
        "第三条",
        "第四条",
        "第五条",
    ]
    assert result.report.rewrites == ()
    assert result.report.number_changes == ()
    assert format_citation(new, articles(new)[2].uid) == "第二条之一"
    ranged = next(r for r in find_references(new).internal if r.text == "本条例第一条至第四条")
    assert len(ranged.targets) == 5


def test_chapter_citations_follow_their_chapter(doc: Document) -> None:
    """本条例第四章 does not exist yet; after a new 第二章 is inserted, 第三章 citations shift."""
    d = build(
        """
        # 总则
        条 适用本条例第三章的规定。
        # 管理
        条 甲。
        # 附则
        条 乙。
        """
    )
    result = insert_chapter(d, "新章", after=d.children[0].uid, uids=UidFactory(seed=3))
    assert _text(result.document, 1) == "适用本条例第四章的规定。"
    changes = [(c.old, c.new) for c in result.report.number_changes]
    assert changes == [("第二章", "第三章"), ("第三章", "第四章")]


def test_dangling_reference_reported_in_chinese_with_label(doc: Document) -> None:
    """Citations of a deleted article: label of the source, the words, the reason."""
    result = delete(doc, articles(doc)[4].uid)
    [d] = [x for x in result.report.dangling if x.text == "第五条"]
    assert d.label == "第三条第二款"
    assert d.reason == "“第五条”所指的条款已被删除"


def test_inserting_a_paragraph_turns_the_only_paragraph_into_the_first(doc: Document) -> None:
    """A citation of the only 款 keeps naming that 款 once the article has two."""
    d = build("条 甲。\n条 依照前条规定。")
    art = articles(d)[0]
    res = insert_paragraph(d, "乙。", parent=art.uid, uids=UidFactory(seed=1))
    assert _text(res.document, 2) == "依照前条规定。"
    report = find_references(res.document)
    assert report.internal[0].targets == (art.uid,)


def test_moving_a_chapter_renumbers_chapters_articles_and_citations() -> None:
    """Moving 第三章 before 第二章: chapters and articles follow, and so do their citations."""
    d = build(
        """
        # 总则
        条 适用本条例第二章和第三条。
        # 管理
        条 甲。
        # 保障
        条 乙。
        ## 一般规定
        条 丙。
        """
    )
    result = move(d, d.children[2].uid, before=d.children[1].uid)
    new = result.document
    assert [c.heading for c in new.children] == ["总则", "保障", "管理"]
    assert _text(new, 1) == "适用本条例第三章和第二条。"
    changes = {(c.old, c.new) for c in result.report.number_changes}
    assert {("第二章", "第三章"), ("第三章", "第二章"), ("第三条", "第二条")} <= changes


def test_deleting_a_section_keeps_the_chapter(doc: Document) -> None:
    """A 节 deleted with its article; the chapter and the other articles stay."""
    d = build(
        """
        # 总则
        ## 一般规定
        条 甲。
        ## 特别规定
        条 乙，依照第一条。
        """
    )
    result = delete(d, d.children[0].children[0].uid)
    new = result.document
    assert [c.kind for c in new.children[0].children] == ["section"]
    assert new.children[0].children[0].num == "第一节"
    assert [d.text for d in result.report.dangling] == ["第一条"]


def test_a_numbering_gap_closes_and_citations_follow() -> None:
    """A parsed text that skips 第二条: citations are read as written, then renumbered."""
    d = build("条 依照第四条。\n条 甲。\n条 乙。")
    arts = articles(d)
    gapped = d.model_copy(
        update={
            "children": (
                arts[0],
                arts[1].model_copy(update={"num": "第三条"}),
                arts[2].model_copy(update={"num": "第四条"}),
            )
        }
    )
    assert find_references(gapped).internal[0].targets == (arts[2].uid,)
    result = insert_article(gapped, "丙。", uids=UidFactory(seed=4))
    assert _text(result.document, 1) == "依照第三条。"
    assert ("第三条", "第二条") in {(c.old, c.new) for c in result.report.number_changes}


def test_a_target_that_cannot_be_named_is_reported_not_garbled() -> None:
    """本章 in an unnumbered 附则, moved out of it: no number can name 附则, so it is reported."""
    d = build("# 总则\n条 甲。\n# 附则\n条 本章自公布之日起施行。")
    d = d.model_copy(
        update={"children": (d.children[0], d.children[1].model_copy(update={"num": None}))}
    )
    article = articles(d)[1]
    result = move(d, article.uid, parent=d.children[0].uid)
    assert _text(result.document, 2) == "本章自公布之日起施行。"
    [dangling] = result.report.dangling
    assert dangling.reason == "“本章”所指的条款无法再用序号表述，请人工核对"
