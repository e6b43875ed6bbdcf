"""Builders of small hand-made documents for the diff tests (no parser needed)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.model import Document, Node, UidFactory, renumber

_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def _article(text: str, mint: UidFactory) -> Node:
    paragraphs: list[Node] = []
    items: list[Node] = []
    own = ""

    def flush() -> None:
        nonlocal items, own
        if own or items:
            paragraphs.append(
                Node(kind="paragraph", uid=mint(), eid="para_1", text=own, children=tuple(items))
            )
        items, own = [], ""

    for line in text.split("\n"):
        m = _ITEM.match(line)
        if m and (own or paragraphs or items):
            items.append(
                Node(kind="item", uid=mint(), eid="item_1", num=m.group(0), text=line[m.end() :])
            )
        else:
            flush()
            own = line
    flush()
    return Node(kind="article", uid=mint(), eid="art_1", num="第一条", children=tuple(paragraphs))


def make_doc(
    texts: Sequence[str],
    *,
    seed: int = 1,
    chapters: Sequence[tuple[str, int]] | None = None,
    title: str = "测试条例",
) -> Document:
    """A renumbered document whose articles have ``texts`` (paragraphs split on newlines).

    ``chapters`` lists ``(heading, article count)``; without it the articles sit at top level.
    """
    mint = UidFactory(seed)
    arts = [_article(t, mint) for t in texts]
    if chapters is None:
        children: tuple[Node, ...] = tuple(arts)
    else:
        chs: list[Node] = []
        start = 0
        for heading, count in chapters:
            chs.append(
                Node(kind="chapter", uid=mint(), eid="chp_1", num="第一章", heading=heading,
                     children=tuple(arts[start : start + count]))
            )  # fmt: skip
            start += count
        children = tuple(chs)
    return renumber(Document(title=title, children=children))


def test_make_doc_builds_items_and_numbers() -> None:
    """The builder nests items under their paragraph and numbers articles from position."""
    doc = make_doc(["甲。", "乙：\n（一）丙；\n（二）丁。\n戊。"])
    second = doc.children[1]
    assert [second.num, len(second.children), len(second.children[0].children)] == ["第二条", 2, 2]
