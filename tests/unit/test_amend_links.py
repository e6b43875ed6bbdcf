"""The decision ↔ change links: an applied decision's splits, merges and moves hold in the alignment."""

from __future__ import annotations

from workbench.amend import apply_decision, read_decision
from workbench.amend.links import declared_links
from workbench.diff import align_documents
from workbench.model import UidFactory, articles
from workbench.parse import parse_text

BASE = """测试条例

第一条　为了规范管理，制定本条例。

第二条　本条例适用于本市。

第三条　市人民政府负责组织实施。

第四条　违反本条例规定的，责令改正。

对单位处一万元罚款。

第五条　本条例自公布之日起施行。
"""

DECISION = """关于修改《测试条例》的决定

一、将第一条和第二条合并，作为第一条。

二、将第四条改为两条，分别作为第三条、第四条，修改为：“第三条　有关部门发现违法行为的，应当依法处理。”

“第四条　情节严重的，处罚款。”

三、将第三条改为第五条。

四、将第五条中的“公布之日”修改为“2026年1月1日”。
"""


def test_declared_splits_merges_and_moves_hold_whatever_the_texts_say() -> None:
    """Article 4 rewritten in two pieces shares no words with them: the alignment still splits."""
    base = parse_text(BASE, uids=UidFactory(1))
    applied = apply_decision(read_decision(DECISION), base, uids=UidFactory(2))
    result = applied.document
    assert [a.num for a in articles(result)] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    links = declared_links(applied.links, base, result)
    kinds = [(link.kind, link.item) for link in links]
    assert ("merged", "一") in kinds
    assert ("split", "二") in kinds
    assert ("moved", "三") in kinds
    assert ("modified", "四") in kinds
    alignment = align_documents(base, result, declared=links)
    by_item = {p.item: p.kind for p in alignment.articles if p.item}
    assert by_item == {"一": "merged", "二": "split", "三": "moved", "四": "modified"}


def test_links_to_articles_a_later_version_dropped_are_left_out() -> None:
    """After staff delete the split's second piece, the split link no longer names it."""
    base = parse_text(BASE, uids=UidFactory(1))
    applied = apply_decision(read_decision(DECISION), base, uids=UidFactory(2))
    result = applied.document
    fourth = articles(result)[3].uid
    from workbench import edit

    later = edit.delete(result, fourth).document
    links = declared_links(applied.links, base, later)
    assert all(fourth not in link.new_uids for link in links)
    align_documents(base, later, declared=links)
