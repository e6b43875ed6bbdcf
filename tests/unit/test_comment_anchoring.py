"""Anchoring: citations resolve to uids, comments follow their uid across versions."""

from __future__ import annotations

from tests.support.trees import build
from workbench.comments import CitationIndex, normalize_citation, place
from workbench.model import Document

V1 = """
条@aaaa 第一条正文。
条@bbbb 第二条第一款。
款 第二条第二款：
项 甲；
项 乙；
项 丙。
条@cccc 第三条：
项 一项；
项 二项。
条@dddd 第四条正文。
"""


def v1() -> Document:
    return build(V1)


def v2() -> Document:
    """An article inserted at the top, 第三条 (cccc) deleted."""
    kept = V1.split("条@cccc")[0] + "条@dddd" + V1.split("条@dddd")[1]
    return build("条@zzzz 新增的第一条。\n" + kept)


def test_normalize_citation_accepts_common_spellings() -> None:
    """Arabic numbers, spaces, 本条例 and 第（三）项 all give the canonical key."""
    assert normalize_citation("第 2 条第2款第(3)项") == "第二条第二款第三项"
    assert normalize_citation("本条例第十二条第二款第（三）项") == "第十二条第二款第三项"
    assert normalize_citation("第十二条之一") == "第十二条之一"
    assert normalize_citation("  ") == "全文"
    assert normalize_citation("第十二条第二款规定") == "第十二条第二款"
    assert normalize_citation("第十二条第二款（三）") == "第十二条第二款第三项"


def test_index_lists_every_citation_in_document_order() -> None:
    """全文 first, then articles, paragraphs and items with canonical labels."""
    index = CitationIndex(v1())
    assert index.labels == [
        "全文",
        "第一条",
        "第二条",
        "第二条第一款",
        "第二条第二款",
        "第二条第二款第一项",
        "第二条第二款第二项",
        "第二条第二款第三项",
        "第三条",
        "第三条第一项",
        "第三条第二项",
        "第四条",
    ]


def test_resolve_maps_citations_to_uids() -> None:
    """Each written form reaches the right node; unknown clauses resolve to None."""
    index = CitationIndex(v1())
    assert index.resolve("第二条第二款第（二）项").uid == "bbbb-p2-i2"  # type: ignore[union-attr]
    assert index.resolve("第3条第2项").uid == "cccc-p1-i2"  # type: ignore[union-attr]
    assert index.resolve("第三条第一款第二项").uid == "cccc-p1-i2"  # type: ignore[union-attr]
    assert index.resolve("第三条第一款").uid == "cccc-p1"  # type: ignore[union-attr]
    whole = index.resolve("全文")
    assert whole is not None
    assert whole.whole
    assert index.resolve("第七十一条第二款") is None
    assert index.resolve("附件三") is None


def test_comment_follows_its_uid_to_the_new_number() -> None:
    """A comment on 第二条第二款 in v1 shows as 第三条第二款 in v2 (原 / 现)."""
    p = place("bbbb-p2", whole=False, origin=CitationIndex(v1()), version=CitationIndex(v2()))
    assert p.state == "placed"
    assert p.target == "第三条第二款"
    assert p.display == "原第二条第二款 / 现第三条第二款"


def test_comment_on_deleted_clause_is_orphaned_where_it_stood() -> None:
    """A comment on the deleted 第三条 stays visible, after the clause that preceded it."""
    p = place("cccc-p1-i1", whole=False, origin=CitationIndex(v1()), version=CitationIndex(v2()))
    assert p.state == "orphaned"
    assert p.target is None
    assert p.was == "第三条第一项"
    assert p.near == "第三条第二款第三项"
    assert "已删除" in p.display


def test_unplaced_and_whole_draft_comments() -> None:
    """No uid is unplaced; 全文 is placed on the whole draft in every version."""
    index = CitationIndex(v2())
    assert place(None, whole=False, origin=None, version=index).state == "unplaced"
    whole = place(None, whole=True, origin=None, version=index)
    assert (whole.state, whole.target) == ("placed", "全文")
