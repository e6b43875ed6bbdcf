"""Structural edits: numbers follow position, uids stay, citations follow their targets."""

from __future__ import annotations

import pytest

from tests.support.trees import build
from workbench.edit import (
    EditResult,
    delete,
    dissolve,
    insert_article,
    insert_chapter,
    insert_item,
    insert_paragraph,
    insert_section,
    merge,
    move,
    rename,
    replace_text,
    split,
)
from workbench.errors import EditError
from workbench.model import Document, UidFactory, articles, iter_nodes
from workbench.refs import find_references

OUTLINE = """
# 总则
条 为了规范管理，制定本条例。
条 本条例所称服务，是指下列活动：
项 上门服务；
项 日间照料；
项 咨询服务；
项 培训服务。
款 前款第二项至第四项的服务，由街道组织实施。
款 前两款规定以外的服务，依照本条第一款第（一）项执行。
# 管理
条 有前条规定情形的，依照本条例第二条第三款办理。
条 违反本条例第二条第一款第三项、第四项规定的，责令改正。
条 依照第三条、第四条处理；依照刑法第三条处罚。
# 附则
条 本条例自2025年1月1日起施行。
"""


@pytest.fixture
def doc() -> Document:
    return build(OUTLINE)


def _text(doc: Document, article: int, para: int = 1) -> str:
    return articles(doc)[article - 1].children[para - 1].text


def _uids(doc: Document) -> list[str]:
    return [n.uid for n in iter_nodes(doc.children)]


def _rewrites(result: EditResult) -> list[tuple[str, str]]:
    return [(r.old, r.new) for r in result.report.rewrites]


def test_inserting_an_article_shifts_numbers_and_rewrites_citations(doc: Document) -> None:
    """A new 第二条 makes 本条例第二条第三款 read 本条例第三条第三款."""
    first = articles(doc)[0]
    result = insert_article(doc, "新增的一条。", after=first.uid, uids=UidFactory(seed=3))
    new = result.document
    assert [a.num for a in articles(new)][:3] == ["第一条", "第二条", "第三条"]
    assert _text(new, 2) == "新增的一条。"
    assert _text(new, 4) == "有前条规定情形的，依照本条例第三条第三款办理。"
    assert _text(new, 5) == "违反本条例第三条第一款第三项、第四项规定的，责令改正。"
    assert _text(new, 6) == "依照第四条、第五条处理；依照刑法第三条处罚。"
    changes = [(c.old, c.new) for c in result.report.number_changes]
    assert ("第二条", "第三条") in changes
    assert ("第六条", "第七条") in changes
    assert articles(new)[1].uid in result.report.created


def test_external_citations_are_never_rewritten(doc: Document) -> None:
    """刑法第三条 keeps its number whatever happens to our 第三条."""
    result = insert_article(doc, "甲。", after=articles(doc)[0].uid, uids=UidFactory(seed=3))
    assert _text(result.document, 6).endswith("依照刑法第三条处罚。")


def test_uids_never_change(doc: Document) -> None:
    """Every old uid survives an insertion, in the same relative order."""
    result = insert_article(doc, "甲。", before=articles(doc)[0].uid, uids=UidFactory(seed=3))
    after = _uids(result.document)
    assert [u for u in after if u in set(_uids(doc))] == _uids(doc)


def test_deleting_a_cited_article_reports_dangling_citations(doc: Document) -> None:
    """Deleting 第二条 leaves 前条 and 本条例第二条… dangling; their words stay."""
    result = delete(doc, articles(doc)[1].uid)
    dangling = {(d.label, d.text) for d in result.report.dangling}
    assert dangling == {
        ("第二条", "前条"),
        ("第二条", "本条例第二条第三款"),
        ("第三条", "本条例第二条第一款第三项、第四项"),
    }
    assert _text(result.document, 4) == "依照第二条、第三条处理；依照刑法第三条处罚。"


def test_moving_a_paragraph_turns_previous_paragraph_into_an_explicit_one(doc: Document) -> None:
    """After moving 款2 to the front, 前款 no longer means the old 款1: it is rewritten."""
    art = articles(doc)[1]
    result = move(doc, art.children[1].uid, before=art.children[0].uid)
    new = result.document
    assert _text(new, 2, 1) == "本条第二款第二项至第四项的服务，由街道组织实施。"
    assert _text(new, 2, 3) == "前两款规定以外的服务，依照本条第二款第（一）项执行。"
    assert _text(new, 3) == "有前条规定情形的，依照本条例第二条第三款办理。"
    changes = [(c.old, c.new) for c in result.report.number_changes]
    assert changes == [("第二条第二款", "第二条第一款"), ("第二条第一款", "第二条第二款")]


def test_moving_an_item_rewrites_item_citations(doc: Document) -> None:
    """Moving item （四） before （三） swaps their numbers in 第三项、第四项."""
    items = articles(doc)[1].children[0].children
    result = move(doc, items[3].uid, before=items[2].uid)
    assert _text(result.document, 4) == "违反本条例第二条第一款第四项、第三项规定的，责令改正。"


def test_moving_an_article_to_another_chapter(doc: Document) -> None:
    """第五条 moved to the start of 总则 becomes 第一条; citations follow."""
    arts = articles(doc)
    result = move(doc, arts[4].uid, parent=doc.children[0].uid, at=0)
    new = result.document
    assert articles(new)[0].uid == arts[4].uid
    assert _text(new, 1) == "依照第四条、第五条处理；依照刑法第三条处罚。"
    assert _text(new, 4) == "有前条规定情形的，依照本条例第三条第三款办理。"


def test_split_article_moves_citations_to_the_new_article(doc: Document) -> None:
    """Splitting 第二条 at 款2: 前款 in the new article cites 第二条; 前两款 is rewritten."""
    result = split(doc, articles(doc)[1].uid, 2, uids=UidFactory(seed=4))
    new = result.document
    assert len(articles(new)) == 7
    assert _text(new, 3, 1) == "第二条第二项至第四项的服务，由街道组织实施。"
    assert _text(new, 3, 2) == "第二条第一款、本条第一款规定以外的服务，依照第二条第（一）项执行。"
    assert _text(new, 4) == "有第二条规定情形的，依照本条例第三条第二款办理。"


def test_split_paragraph_at_an_offset(doc: Document) -> None:
    """A 款 split in two: the citation in the second half moves with it and still resolves."""
    para = articles(doc)[4].children[0]
    at = para.text.index("依照刑法")
    result = split(doc, para.uid, at, uids=UidFactory(seed=4))
    art = articles(result.document)[4]
    assert [p.text for p in art.children] == ["依照第三条、第四条处理；", "依照刑法第三条处罚。"]
    assert art.children[0].uid == para.uid
    assert result.report.created == (art.children[1].uid,)


def test_split_inside_a_citation_is_refused(doc: Document) -> None:
    """The offset may not cut 本条例第二条第三款 in half."""
    para = articles(doc)[2].children[0]
    at = para.text.index("第二条") + 2
    with pytest.raises(EditError, match="落在引用"):
        split(doc, para.uid, at, uids=UidFactory(seed=4))


def test_merge_articles_redirects_citations_to_the_survivor(doc: Document) -> None:
    """Merging 第三条 and 第四条: 第三条、第四条 now reads 第三条、第三条 and is reported."""
    arts = articles(doc)
    result = merge(doc, arts[2].uid, arts[3].uid)
    new = result.document
    assert len(articles(new)) == 5
    assert len(articles(new)[2].children) == 2
    assert _text(new, 4) == "依照第三条、第三条处理；依照刑法第三条处罚。"
    assert result.report.redirected == ((arts[3].uid, arts[2].uid),)


def test_merge_items_joins_text_and_moves_citations(doc: Document) -> None:
    """Merging items （三） and （四）: citations of （四） now cite the merged （三）."""
    items = articles(doc)[1].children[0].children
    result = merge(doc, items[2].uid, items[3].uid)
    merged = articles(result.document)[1].children[0].children[2]
    assert merged.text == "咨询服务；培训服务。"
    assert _text(result.document, 2, 2) == "前款第二项至第三项的服务，由街道组织实施。"


def test_merge_requires_adjacent_nodes(doc: Document) -> None:
    """第一条 and 第三条 cannot merge; the message names both."""
    arts = articles(doc)
    with pytest.raises(EditError, match="相邻"):
        merge(doc, arts[0].uid, arts[2].uid)


def test_replace_text_keeps_structure(doc: Document) -> None:
    """Replacing a 款's words changes nothing else."""
    para = articles(doc)[0].children[0]
    result = replace_text(doc, para.uid, "为了规范居家养老服务，制定本条例。")
    assert _text(result.document, 1) == "为了规范居家养老服务，制定本条例。"
    assert result.report.number_changes == ()
    assert result.report.rewrites == ()


def test_insert_paragraph_and_item(doc: Document) -> None:
    """A new 款1 of 第二条 turns 本条例第二条第三款 into 第四款; a new item shifts items."""
    art = articles(doc)[1]
    result = insert_paragraph(doc, "新的第一款。", parent=art.uid, at=0, uids=UidFactory(seed=8))
    assert _text(result.document, 3) == "有前条规定情形的，依照本条例第二条第四款办理。"
    result = insert_item(
        doc, "新项；", before=art.children[0].children[0].uid, uids=UidFactory(seed=8)
    )
    assert _text(result.document, 4) == "违反本条例第二条第一款第四项、第五项规定的，责令改正。"
    assert _text(result.document, 2, 2) == "前款第三项至第五项的服务，由街道组织实施。"


def test_chapters_insert_rename_dissolve(doc: Document) -> None:
    """Chapters: wrap articles in a new one, rename, dissolve; articles keep running on."""
    arts = articles(doc)
    result = insert_section(
        doc, "一般规定", wrap=(arts[2].uid, arts[3].uid), uids=UidFactory(seed=9)
    )
    chapter = result.document.children[1]
    assert [c.kind for c in chapter.children] == ["section", "article"]
    assert chapter.children[0].num == "第一节"
    result = insert_chapter(doc, "服务保障", after=doc.children[0].uid, uids=UidFactory(seed=9))
    assert [c.num for c in result.document.children] == ["第一章", "第二章", "第三章", "第四章"]
    assert result.document.children[1].heading == "服务保障"
    renamed = rename(doc, doc.children[1].uid, "监督管理").document
    assert renamed.children[1].heading == "监督管理"
    flat = dissolve(doc, doc.children[1].uid).document
    assert [c.kind for c in flat.children] == [
        "chapter",
        "article",
        "article",
        "article",
        "chapter",
    ]
    assert [a.num for a in articles(flat)] == [a.num for a in arts]


def test_deleting_a_chapter_deletes_its_articles(doc: Document) -> None:
    """Deleting 第二章 removes three articles; the 附则 article becomes 第三条."""
    result = delete(doc, doc.children[1].uid)
    assert [a.num for a in articles(result.document)] == ["第一条", "第二条", "第三条"]
    assert [c.num for c in result.document.children] == ["第一章", "第二章"]
    assert len(result.report.removed) > 3


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda d: delete(d, "nnotthere01"), "没有标识为 nnotthere01"),
        (lambda d: delete(d, articles(d)[0].children[0].uid), "唯一的一款"),
        (lambda d: rename(d, articles(d)[0].uid, "标题"), "这里需要编或分编或章或节"),
        (lambda d: move(d, d.children[0].uid, parent=articles(d)[0].uid), "不能把"),
        (
            lambda d: insert_paragraph(d, "甲。", parent=d.children[0].uid, uids=UidFactory(1)),
            "款不能放在章之下",
        ),
        (lambda d: split(d, articles(d)[0].uid, 2, uids=UidFactory(1)), "只能从第二款"),
        (
            lambda d: insert_article(d, [], uids=UidFactory(1)),
            "至少要有一款",
        ),
    ],
)
def test_impossible_edits_raise_a_chinese_error(action: object, message: str) -> None:
    """Unknown uids, wrong kinds and empty articles are refused with a message naming the node."""
    d = build(OUTLINE)
    with pytest.raises(EditError, match=message):
        action(d)  # type: ignore[operator]


def test_errors_name_uid_and_eid(doc: Document) -> None:
    """The message carries the uid and the eid of the node concerned."""
    para = articles(doc)[0].children[0]
    with pytest.raises(EditError) as info:
        delete(doc, para.uid)
    assert para.uid in str(info.value)
    assert para.eid in str(info.value)


def test_every_reference_still_resolves_after_an_edit(doc: Document) -> None:
    """After an insertion, find_references sees exactly as many internal citations as before."""
    before = find_references(doc)
    result = insert_article(doc, "甲。", after=articles(doc)[0].uid, uids=UidFactory(seed=3))
    after = find_references(result.document)
    assert len(after.internal) == len(before.internal)
    assert after.dangling == ()


def test_summary_reads_like_a_decision(doc: Document) -> None:
    """The report in the words of a 修改决定: old numbers on the left (§4.2 M, §7.2 rule 16)."""
    result = insert_article(doc, "甲。", after=articles(doc)[0].uid, uids=UidFactory(seed=3))
    assert result.report.summary() == (
        "在第一条之后增加一条。",
        "第二条至第六条相应改为第三条至第七条。",
        "相应地将第三条中的“本条例第二条第三款”修改为“本条例第三条第三款”。",
        "相应地将第四条中的“本条例第二条第一款第三项、第四项”修改为“本条例第三条第一款第三项、第四项”。",
        "相应地将第五条中的“第三条、第四条”修改为“第四条、第五条”。",
    )
    removed = delete(doc, articles(doc)[1].uid).report.summary()
    assert "第三条中的“前条”所指的条款已被删除，请核对。" in removed
