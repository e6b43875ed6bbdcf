"""Rewriting an article as lines becomes edits that keep the uids of what did not change."""

from __future__ import annotations

import pytest

from workbench.errors import EditError
from workbench.model import Document, Node, UidFactory, index_by_uid, renumber
from workbench.tui.rewrite import rewrite_article


def doc() -> Document:
    items = tuple(
        Node(kind="item", uid=f"item{i}", eid=f"item_{i}", text=t)
        for i, t in enumerate(("特困供养老年人；", "低保家庭老年人；", "失能老年人。"), 1)
    )
    article = Node(
        kind="article",
        uid="art1",
        eid="art_1",
        children=(
            Node(
                kind="paragraph",
                uid="para1",
                eid="para_1",
                text="应当为下列老年人提供服务：",
                children=items,
            ),
            Node(
                kind="paragraph",
                uid="para2",
                eid="para_2",
                text="前款规定以外的老年人，可以购买服务。",
            ),
        ),
    )
    other = Node(
        kind="article",
        uid="art2",
        eid="art_2",
        children=(
            Node(kind="paragraph", uid="para3", eid="para_1", text="依照本条例第一条第二款执行。"),
        ),
    )
    return renumber(Document(title="测试条例", children=(article, other)))


LINES = "应当为下列老年人提供服务：\n（一）特困供养老年人；\n（二）低保家庭老年人；\n（三）失能老年人。\n前款规定以外的老年人，可以购买服务。"


def test_changing_words_keeps_every_uid() -> None:
    """A word changed in the second paragraph replaces its text; no node is created or removed."""
    result = rewrite_article(
        doc(), "art1", LINES.replace("可以购买服务", "可以通过购买服务获得"), UidFactory(1)
    )
    nodes = index_by_uid(result.document)
    assert nodes["para2"].text == "前款规定以外的老年人，可以通过购买服务获得。"
    assert set(nodes) == set(index_by_uid(doc()))


def test_inserting_a_paragraph_keeps_the_others_and_updates_references() -> None:
    """A new second paragraph pushes the old one to 第三款 and 第二条's citation follows."""
    text = LINES.replace("前款规定", "本条所称老年人，包括户籍和常住老年人。\n前款规定")
    result = rewrite_article(doc(), "art1", text, UidFactory(1))
    nodes = index_by_uid(result.document)
    article = nodes["art1"]
    assert article.children[0].uid == "para1"
    assert article.children[2].uid == "para2"
    assert nodes["para3"].text == "依照本条例第一条第三款执行。"
    assert result.report.created


def test_deleting_an_item_renumbers_the_rest() -> None:
    """Removing （二） deletes that item; （三） becomes （二） with the same uid."""
    text = LINES.replace("（二）低保家庭老年人；\n", "").replace("（三）", "（二）")
    result = rewrite_article(doc(), "art1", text, UidFactory(1))
    nodes = index_by_uid(result.document)
    assert "item2" not in nodes
    assert nodes["item3"].num == "（二）"


def test_an_item_can_be_added_at_the_end_of_a_list() -> None:
    """A fourth item after the third is inserted into the first paragraph."""
    text = LINES.replace("失能老年人。", "失能老年人；\n（四）计划生育特殊家庭老年人。")
    result = rewrite_article(doc(), "art1", text, UidFactory(1))
    paragraph = index_by_uid(result.document)["para1"]
    assert [i.num for i in paragraph.children] == ["（一）", "（二）", "（三）", "（四）"]
    assert paragraph.children[2].uid == "item3"


def test_unchanged_or_empty_text_is_refused() -> None:
    """Nothing changed, an empty text, or a text starting with an item are errors in Chinese."""
    with pytest.raises(EditError, match="没有变化"):
        rewrite_article(doc(), "art1", LINES, UidFactory(1))
    with pytest.raises(EditError, match="不能为空"):
        rewrite_article(doc(), "art1", "  \n", UidFactory(1))
    with pytest.raises(EditError, match="不能以项开头"):
        rewrite_article(doc(), "art1", "（一）某项。", UidFactory(1))


def test_reordered_paragraphs_keep_their_uids() -> None:
    """Swapping two 款 moves them: no node is created or removed, so comments stay on them."""
    swapped = "前款规定以外的老年人，可以购买服务。\n" + LINES.rsplit("\n", 1)[0]
    result = rewrite_article(doc(), "art1", swapped, UidFactory(1))
    article = index_by_uid(result.document)["art1"]
    assert [p.uid for p in article.children] == ["para2", "para1"]
    assert [i.uid for i in article.children[1].children] == ["item1", "item2", "item3"]
    assert result.report.created == ()
    assert result.report.removed == ()


def test_an_item_moved_within_its_paragraph_and_a_new_first_paragraph() -> None:
    lines = LINES.split("\n")
    moved = ["新增的第一款。", lines[0], lines[3], lines[1], lines[2], lines[4]]
    result = rewrite_article(doc(), "art1", "\n".join(moved), UidFactory(1))
    article = index_by_uid(result.document)["art1"]
    assert article.children[0].text == "新增的第一款。"
    assert [i.uid for i in article.children[1].children] == ["item3", "item1", "item2"]
    assert result.report.removed == ()
    assert len(result.report.created) == 1
