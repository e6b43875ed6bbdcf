"""Applying a decision: the real 上海 triple, and each kind of operation on a small text."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.amend import (
    AmendError,
    apply_decision,
    read_decision,
    read_decision_file,
    unitemised_changes,
)
from workbench.model import Document, UidFactory, articles, full_text, iter_nodes
from workbench.parse import parse_file, parse_text
from workbench.render import render_text

BASE = """测试条例

第一章　总则

第一条　为了规范管理，依照本条例第三条的规定，制定本条例。

第二条　本条例适用于本市。

第二章　管理

第三条　有关部门应当履行下列职责：

（一）制定规划；

（二）监督检查。

第四条　违反本条例第三条规定的，责令改正。

对单位处一万元罚款。

第五条　本条例自公布之日起施行。
"""


def _apply(items: str) -> tuple[Document, list[tuple[str, str, str]]]:
    base = parse_text(BASE, uids=UidFactory(1))
    decision = read_decision(f"关于修改《测试条例》的决定\n\n{items}\n")
    applied = apply_decision(decision, base, uids=UidFactory(2))
    outcomes = [(o.item, o.kind, str(o.status)) for o in applied.outcomes]
    return applied.document, outcomes


def _body(doc: Document) -> str:
    return render_text(doc.model_copy(update={"note": ""}))


@pytest.mark.corpus
def test_the_shanghai_decision_turns_the_2021_text_into_the_2024_one(corpus_dir: Path) -> None:
    """Applied to the 2021 text, the real decision gives the 2024 text but for the wording
    changes it declares and does not itemise (此外，对法规的一些文字作了修改)."""
    decision = read_decision_file(next((corpus_dir / "amendments").glob("上海*")))
    versions = corpus_dir / "versions"
    old = parse_file(
        next(versions.glob("上海市人民代表大会常务委员会规范性文件备案审查条例(2021*"))
    )
    new = parse_file(
        next(versions.glob("上海市人民代表大会常务委员会规范性文件备案审查条例(2024*"))
    )
    applied = apply_decision(decision, old)
    assert [o for o in applied.outcomes if o.status != "applied"] == []
    assert applied.unitemised == "对法规的一些文字作了修改"
    result = applied.document
    assert len(articles(result)) == len(articles(new)) == 42
    headings = [(n.num, n.heading) for n in iter_nodes(result.children) if n.heading]
    assert headings == [(n.num, n.heading) for n in iter_nodes(new.children) if n.heading]
    assert len(headings) == 9
    left = unitemised_changes(result, new)
    assert [d.label for d in left] == [
        "第一条",
        "第八条",
        "第九条",
        "第十二条",
        "第二十一条",
        "第三十九条",
        "第四十条",
    ]
    # Each is itemised as the decision would have needed to: 将第一条中的“…行使…”修改为“…履行…”.
    assert all(d.item is not None and d.item.startswith(f"将{d.label}") for d in left)
    assert "行使" in (left[0].item or "")
    assert "履行" in (left[0].item or "")
    assert "“市高级人民法院和市人民检察院”修改为“市高级人民法院、市人民检察院”" in (
        left[4].item or ""
    )
    assert "根据2024年11月28日" in result.note
    assert result.note.endswith("的决定》修正")


def test_a_new_article_takes_its_stated_number_and_the_rest_are_renumbered() -> None:
    """增加一条，作为第三条: old 第三条 becomes 第四条 and citations of it follow."""
    doc, outcomes = _apply("一、增加一条，作为第三条：“市人民政府统筹协调。”")
    assert outcomes == [("一", "insert_article", "applied")]
    arts = articles(doc)
    assert full_text(arts[2]) == "市人民政府统筹协调。"
    assert "本条例第四条的规定" in full_text(arts[0])
    assert full_text(arts[4]).startswith("违反本条例第四条规定的")


def test_a_deleted_article_leaves_citations_of_it_reported() -> None:
    """删去第三条: the articles after it move up; the citations of it are reported dangling."""
    base = parse_text(BASE, uids=UidFactory(1))
    decision = read_decision("关于修改《测试条例》的决定\n\n一、删去第三条。\n")
    applied = apply_decision(decision, base)
    assert len(articles(applied.document)) == 4
    assert applied.consequences is not None
    assert len(applied.consequences.dangling) == 2


def test_words_not_found_fail_with_the_place_named() -> None:
    """将第二条中的“甲”修改为“乙” when 第二条 has no 甲: failed, the text unchanged."""
    doc, outcomes = _apply("一、将第二条中的“全国”修改为“本省”。")
    assert outcomes == [("一", "replace_words", "failed")]
    assert _body(doc) == _body(parse_text(BASE))


def test_an_item_added_to_a_list_gets_the_list_punctuation() -> None:
    """增加一项 at the end: the old last item now ends with ；, the new one with 。."""
    doc, _ = _apply("一、第三条增加一项，作为第三项：“（三）组织培训”")
    items = articles(doc)[2].children[0].children
    assert [i.text for i in items] == ["制定规划；", "监督检查；", "组织培训。"]


def test_merge_split_move_and_chapter_rename_apply_together() -> None:
    """Several operations, each naming old numbers, land in one consistent text."""
    doc, outcomes = _apply(
        "一、将第一条和第二条合并，作为第一条。\n\n"
        "二、将第四条改为两条，分别作为第三条、第四条，修改为：“第三条　违反规定的，责令改正。”\n\n“第四条　对单位处一万元罚款。”\n\n"
        "三、将第二章的章名修改为“监督管理”。"
    )
    assert all(status == "applied" for _, _, status in outcomes)
    arts = articles(doc)
    assert [a.num for a in arts] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert len(arts[0].children) == 2
    assert any(n.heading == "监督管理" for n in iter_nodes(doc.children))


def test_a_declared_renumbering_that_does_not_hold_fails() -> None:
    """第一项至第二项相应改为第三项至第四项 is checked after applying, and reported."""
    _, outcomes = _apply("一、第三条第一项至第二项相应改为第三项至第四项。")
    assert outcomes == [("一", "renumber_item_declared", "failed")]


def test_stated_numbers_that_cannot_all_hold_are_refused() -> None:
    """Two new articles both 作为第二条: the decision cannot be applied."""
    with pytest.raises(AmendError):
        _apply("一、增加一条，作为第二条：“甲。”\n\n二、增加一条，作为第二条：“乙。”")


def test_every_changed_node_is_linked_to_its_item() -> None:
    """The result says which item changed each node (the decision ↔ change link)."""
    base = parse_text(BASE, uids=UidFactory(1))
    decision = read_decision(
        "关于修改《测试条例》的决定\n\n一、删去第二条。\n\n二、将第五条修改为：“本条例自2025年1月1日起施行。”\n"
    )
    applied = apply_decision(decision, base)
    second = articles(base)[1].uid
    last = articles(base)[4].uid
    assert applied.changed_by[second] == "一"
    assert applied.changed_by[last] == "二"
    kinds = [(link.item, link.change) for link in applied.links]
    assert kinds == [("一", "deleted"), ("二", "modified")]


def test_a_package_decision_applies_the_part_for_its_base() -> None:
    """关于修改《甲》等二件…的决定: each part applies to its own base; an unrelated base is refused."""
    package = read_decision(
        "关于修改《甲条例》等二件地方性法规的决定\n\n"
        "一、修改《甲条例》\n\n1.删去第二条。\n\n"
        "二、修改《乙条例》\n\n1.将第一条中的“乙”修改为“丙”。\n\n2.条文顺序作相应调整。\n"
    )
    assert [p.instrument for p in package.parts] == ["甲条例", "乙条例"]
    first = parse_text("甲条例\n\n第一条　甲一。\n\n第二条　甲二。\n\n第三条　甲三。\n")
    second = parse_text("乙条例\n\n第一条　乙一。\n\n第二条　乙二。\n")
    done = apply_decision(package, first)
    assert [a.num for a in articles(done.document)] == ["第一条", "第二条"]
    assert full_text(articles(done.document)[1]) == "甲三。"
    other = apply_decision(package, second)
    assert full_text(articles(other.document)[0]) == "丙一。"
    assert [o.kind for o in other.outcomes] == ["replace_words", "closing_reorder"]
    with pytest.raises(AmendError):
        apply_decision(package, parse_text("丁条例\n\n第一条　丁。\n"))
