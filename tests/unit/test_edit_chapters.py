"""另起一章 and its undoing: a chapter begun at an article, and a chapter heading removed."""

from __future__ import annotations

import pytest

from tests.support.trees import build
from workbench.edit import join_previous, start_container
from workbench.errors import EditError
from workbench.model import UidFactory, articles

OUTLINE = """
# 总则
条 为了规范管理，制定本条例。
条 本条例适用于自治州。
条 违反本章规定的，依照本条例第四条处理。
# 附则
条 本条例自公布之日起施行。
"""


def test_a_chapter_begun_at_an_article_takes_the_rest_of_its_chapter() -> None:
    """From 第二条 另设一章: 总则 keeps 第一条, the new 第二章 holds 第二条 and 第三条,
    附则 becomes 第三章; articles keep their numbers and uids."""
    doc = build(OUTLINE)
    before = [a.uid for a in articles(doc)]
    result = start_container(doc, "chapter", "适用范围", before[1], uids=UidFactory())
    new = result.document
    assert [(c.num, c.heading, len(c.children)) for c in new.children] == [
        ("第一章", "总则", 1),
        ("第二章", "适用范围", 2),
        ("第三章", "附则", 1),
    ]
    assert [a.uid for a in articles(new)] == before
    assert result.report.operation == "自第二条起另设一章“适用范围”"
    assert ("第二章", "第三章") in {(c.old, c.new) for c in result.report.number_changes}


def test_a_chapter_cannot_begin_at_its_first_article() -> None:
    """第一条 already opens 总则: the drafter is told to rename instead."""
    doc = build(OUTLINE)
    with pytest.raises(EditError, match="已是第一章的第一条"):
        start_container(doc, "chapter", "甲", articles(doc)[0].uid, uids=UidFactory())


def test_removing_a_chapter_heading_joins_its_articles_to_the_chapter_before() -> None:
    """Undoing 另起一章 by removing its heading gives back the text as it was."""
    doc = build(OUTLINE)
    split = start_container(doc, "chapter", "适用范围", articles(doc)[1].uid, uids=UidFactory())
    joined = join_previous(split.document, split.document.children[1].uid).document
    assert [(c.num, c.heading, len(c.children)) for c in joined.children] == [
        ("第一章", "总则", 3),
        ("第二章", "附则", 1),
    ]
    with pytest.raises(EditError, match="之前没有可并入的章"):
        join_previous(doc, doc.children[0].uid)
