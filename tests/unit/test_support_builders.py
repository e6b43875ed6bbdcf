"""The test builders of `tests.support.trees` build what they say (numbers, nesting, uids)."""

from __future__ import annotations

from tests.support.trees import build, make_doc
from workbench.model import articles


def test_builder_numbers_articles_through_chapters() -> None:
    """Articles run on across chapters; items and paragraphs land where the outline says."""
    doc = build(
        """
        # 总则
        条 甲。
        条 乙：
        项 一；
        项 二。
        款 丙。
        # 附则
        条 丁。
        """
    )
    arts = articles(doc)
    assert [a.num for a in arts] == ["第一条", "第二条", "第三条"]
    assert [len(p.children) for p in arts[1].children] == [2, 0]


def test_make_doc_builds_items_and_numbers() -> None:
    """The builder nests items under their paragraph and numbers articles from position."""
    doc = make_doc(["甲。", "乙：\n（一）丙；\n（二）丁。\n戊。"])
    second = doc.children[1]
    assert [second.num, len(second.children), len(second.children[0].children)] == ["第二条", 2, 2]


def test_given_uids_are_kept_and_passed_down() -> None:
    """``条@aaaa`` names the article; its 款 and items get uids derived from it."""
    doc = build("条@aaaa 甲：\n项 一；\n款@bbbb 乙。\n条 丙。")
    first = articles(doc)[0]
    assert first.uid == "aaaa"
    assert [p.uid for p in first.children] == ["aaaa-p1", "bbbb"]
    assert first.children[0].children[0].uid == "aaaa-p1-i1"
    assert articles(doc)[1].uid not in {"aaaa", "bbbb"}
