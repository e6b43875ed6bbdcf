"""A tiny builder of hand-made documents for the refs and edit tests (plus its own checks).

Each line of the outline starts with a marker: ``# 标题`` a chapter, ``## 标题`` a section,
``条 text`` a new article (its first 款), ``款 text`` another 款, ``项 text`` an item of the last
款, ``目 text`` a subitem of the last item. Numbers and eids come from `renumber`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.model import Document, Node, NodeKind, UidFactory, articles, renumber


@dataclass
class _Draft:
    kind: NodeKind
    text: str = ""
    heading: str | None = None
    children: list[_Draft] = field(default_factory=list)


def build(outline: str, *, title: str = "测试条例", seed: int = 7) -> Document:
    """Build a renumbered document from the outline (see the module docstring)."""
    uids = UidFactory(seed=seed)
    top: list[_Draft] = []
    chapter: _Draft | None = None
    section: _Draft | None = None
    article: _Draft | None = None
    for raw in outline.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        marker, _, rest = line.partition(" ")
        if marker == "#":
            chapter = _Draft("chapter", heading=rest)
            section = None
            top.append(chapter)
        elif marker == "##":
            assert chapter is not None
            section = _Draft("section", heading=rest)
            chapter.children.append(section)
        elif marker == "条":
            article = _Draft("article", children=[_Draft("paragraph", rest)])
            (section or chapter or _Root(top)).children.append(article)
        elif marker == "款":
            assert article is not None
            article.children.append(_Draft("paragraph", rest))
        elif marker == "项":
            assert article is not None
            article.children[-1].children.append(_Draft("item", rest))
        elif marker == "目":
            assert article is not None
            article.children[-1].children[-1].children.append(_Draft("subitem", rest))
        else:
            raise ValueError(f"unknown marker {marker!r}")
    doc = Document(title=title, children=tuple(_node(d, uids) for d in top))
    return renumber(doc)


class _Root:
    def __init__(self, top: list[_Draft]) -> None:
        self.children = top


def _node(d: _Draft, uids: UidFactory) -> Node:
    num = {
        "chapter": "第一章",
        "section": "第一节",
        "article": "第一条",
        "item": "（一）",
        "subitem": "1.",
    }.get(d.kind)
    return Node(
        kind=d.kind,
        uid=uids(),
        eid="art_1",
        num=num,
        heading=d.heading,
        text=d.text,
        children=tuple(_node(c, uids) for c in d.children),
    )


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
