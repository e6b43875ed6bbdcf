"""The article tree model: invariants, numbering, labels, JSON round trip."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workbench.model import (
    Document,
    Node,
    UidFactory,
    articles,
    assign_eids,
    citation_label,
    find_path,
    renumber,
)


def _article(uids: UidFactory, texts: list[str], items: int = 0, insertion: bool = False) -> Node:
    paras = []
    for i, text in enumerate(texts):
        kids = tuple(
            Node(kind="item", uid=uids(), eid="item_1", num="（一）", text=f"项{k}；")
            for k in range(items if i == 0 else 0)
        )
        paras.append(Node(kind="paragraph", uid=uids(), eid="para_1", text=text, children=kids))
    return Node(
        kind="article",
        uid=uids(),
        eid="art_1",
        num="第一条",
        insertion=insertion,
        children=tuple(paras),
    )


def _doc() -> Document:
    uids = UidFactory(seed=1)
    ch1 = Node(
        kind="chapter",
        uid=uids(),
        eid="chp_1",
        num="第一章",
        heading="总则",
        children=(_article(uids, ["甲。"]), _article(uids, ["乙：", "丙。"], items=3)),
    )
    ch2 = Node(
        kind="chapter",
        uid=uids(),
        eid="chp_1",
        num="第一章",
        heading="附则",
        children=(_article(uids, ["丁。"]), _article(uids, ["戊。"], insertion=True)),
    )
    return Document(title="测试条例", children=(ch1, ch2))


def test_renumber_derives_numbers_and_eids_from_position() -> None:
    """Articles run on across chapters; 之N keeps the base number; items restart per 款."""
    doc = renumber(_doc())
    arts = articles(doc)
    assert [a.num for a in arts] == ["第一条", "第二条", "第三条", "第三条之一"]
    assert arts[3].eid == "chp_2__art_3-1"
    assert [c.num for c in doc.children] == ["第一章", "第二章"]
    items = arts[1].children[0].children
    assert [i.num for i in items] == ["（一）", "（二）", "（三）"]
    assert items[2].eid == "chp_1__art_2__para_1__item_3"


def test_citation_label_names_the_paragraph_only_when_there_are_several() -> None:
    """第二条第一款第三项, but 第一条 for a single-paragraph article."""
    doc = renumber(_doc())
    arts = articles(doc)
    item = arts[1].children[0].children[2]
    path = find_path(doc, item.uid)
    assert path is not None
    assert citation_label(path) == "第二条第一款第三项"
    assert citation_label(path, paren_items=True) == "第二条第一款第（三）项"
    one = find_path(doc, arts[0].children[0].uid)
    assert one is not None
    assert citation_label(one) == "第一条"


def test_assign_eids_keeps_written_numbers_and_makes_duplicates_unique() -> None:
    """Two articles both written 第一条 get distinct eids."""
    doc = assign_eids(_doc())
    eids = [a.eid for a in articles(doc)]
    assert len(set(eids)) == len(eids)


def test_duplicate_uids_are_refused() -> None:
    """A document in which two nodes share a uid does not validate."""
    para = Node(kind="paragraph", uid="nsame1", eid="para_1", text="x")
    art1 = Node(kind="article", uid="nart01", eid="art_1", num="第一条", children=(para,))
    art2 = Node(kind="article", uid="nart02", eid="art_2", num="第二条", children=(para,))
    with pytest.raises(ValidationError, match="nsame1"):
        Document(title="t", children=(art1, art2))


def test_an_article_needs_a_paragraph_and_kinds_nest_properly() -> None:
    """An empty article and an item directly under an article are refused."""
    with pytest.raises(ValidationError):
        Node(kind="article", uid="nart01", eid="art_1", num="第一条")
    item = Node(kind="item", uid="nitem1", eid="item_1", num="（一）", text="x")
    with pytest.raises(ValidationError):
        Node(kind="article", uid="nart01", eid="art_1", num="第一条", children=(item,))


def test_json_round_trip() -> None:
    """Document → JSON → Document is the identity."""
    doc = renumber(_doc())
    assert Document.model_validate_json(doc.model_dump_json()) == doc
