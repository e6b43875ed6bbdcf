"""The one builder of hand-made documents for tests (no parser needed), and sample documents.

`build` reads an outline, one node per line, each starting with a marker: ``# 标题`` a chapter,
``## 标题`` a section, ``条 text`` a new article (its first 款), ``款 text`` another 款, ``项 text``
an item of the last 款, ``目 text`` a subitem of the last item. A marker may carry a uid
(``条@aaaa text``): the node gets it, and its descendants uids derived from it
(``aaaa-p2`` for its second 款, ``aaaa-p2-i3`` for that 款's third item); other nodes get
uids from a seeded `UidFactory`. Numbers and eids come from `renumber`.

`make_doc` builds from article texts instead (款 on new lines, ``（一）`` lines are items).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.model import Annex, Document, Node, NodeKind, UidFactory, renumber

__all__ = ["BASE", "build", "make_doc", "sample_document"]


@dataclass
class _Draft:
    kind: NodeKind
    text: str = ""
    heading: str | None = None
    uid: str | None = None
    children: list[_Draft] = field(default_factory=list)


class _Root:
    def __init__(self, top: list[_Draft]) -> None:
        self.children = top


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
        head, _, rest = line.partition(" ")
        marker, _, uid = head.partition("@")
        given = uid or None
        if marker == "#":
            chapter = _Draft("chapter", heading=rest, uid=given)
            section = None
            top.append(chapter)
        elif marker == "##":
            assert chapter is not None
            section = _Draft("section", heading=rest, uid=given)
            chapter.children.append(section)
        elif marker == "条":
            article = _Draft("article", uid=given, children=[_Draft("paragraph", rest)])
            (section or chapter or _Root(top)).children.append(article)
        elif marker == "款":
            assert article is not None
            article.children.append(_Draft("paragraph", rest, uid=given))
        elif marker == "项":
            assert article is not None
            article.children[-1].children.append(_Draft("item", rest, uid=given))
        elif marker == "目":
            assert article is not None
            article.children[-1].children[-1].children.append(_Draft("subitem", rest, uid=given))
        else:
            raise ValueError(f"unknown marker {marker!r}")
    doc = Document(title=title, children=tuple(_node(d, uids, None) for d in top))
    return renumber(doc)


_NUM = {
    "chapter": "第一章",
    "section": "第一节",
    "article": "第一条",
    "item": "（一）",
    "subitem": "1.",
}
_SUFFIX = {"paragraph": "p", "item": "i", "subitem": "s"}


def _node(d: _Draft, uids: UidFactory, derived: str | None) -> Node:
    uid = d.uid or derived or uids()
    children: list[Node] = []
    for i, child in enumerate(d.children, start=1):
        inherited = (
            f"{uid}-{_SUFFIX[child.kind]}{i}"
            if (d.uid or derived) and child.kind in _SUFFIX
            else None
        )
        children.append(_node(child, uids, inherited))
    return Node(
        kind=d.kind,
        uid=uid,
        eid="art_1",
        num=_NUM.get(d.kind),
        heading=d.heading,
        text=d.text,
        children=tuple(children),
    )


_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def make_doc(
    texts: Sequence[str],
    *,
    seed: int = 1,
    chapters: Sequence[tuple[str, int]] | None = None,
    title: str = "测试条例",
) -> Document:
    """A renumbered document whose articles have ``texts`` (款 split on newlines).

    A line starting with ``（一）`` after the first is an item of the 款 before it.
    ``chapters`` lists ``(heading, article count)``; without it the articles sit at top level.
    """
    lines: list[str] = []
    starts = _chapter_starts(chapters)
    for n, text in enumerate(texts):
        if n in starts:
            lines.append(f"# {starts[n]}")
        for k, line in enumerate(text.split("\n")):
            m = _ITEM.match(line)
            if k == 0:
                lines.append(f"条 {line}")
            elif m:
                lines.append(f"项 {line[m.end() :]}")
            else:
                lines.append(f"款 {line}")
    return build("\n".join(lines), title=title, seed=seed)


def _chapter_starts(chapters: Sequence[tuple[str, int]] | None) -> dict[int, str]:
    """Article index → the heading of the chapter it opens."""
    out: dict[int, str] = {}
    start = 0
    for heading, count in chapters or ():
        out[start] = heading
        start += count
    return out


BASE = [
    "为了规范居家养老服务，保障老年人合法权益，根据有关法律、行政法规，结合本市实际，制定本条例。",
    "本条例适用于本市行政区域内的居家养老服务及其监督管理活动。",
    "居家养老服务应当坚持政府主导、家庭尽责、社会参与、市场运作的原则。",
    "市、县（市、区）人民政府应当将居家养老服务纳入国民经济和社会发展规划，建立健全工作协调机制。",
    "民政部门负责本行政区域内居家养老服务的统筹规划、指导协调和监督管理工作。\n发展改革、财政、卫生健康等部门按照各自职责做好相关工作。",
    "居家养老服务包括下列内容：\n（一）生活照料；\n（二）医疗护理；\n（三）精神慰藉。",
    "新建住宅小区应当按照每百户不少于二十平方米的标准配套建设居家养老服务用房。",
    "鼓励志愿服务组织和志愿者为老年人提供志愿服务，建立志愿服务时间储蓄制度。",
    "养老服务机构应当建立健全安全管理制度，定期开展消防安全检查，及时消除安全隐患。",
    "违反本条例第七条规定，未配套建设居家养老服务用房的，由住房城乡建设部门责令限期改正。",
    "县级以上人民政府应当对在居家养老服务工作中做出显著成绩的单位和个人给予表彰奖励。",
    "本条例自2025年1月1日起施行。",
]
"""Twelve articles of a 居家养老服务条例: the base text the diff tests change."""


def sample_document() -> Document:
    """A two-chapter regulation with a caption, an item with a subitem, an inserted article
    (第X条之一), a note and an annex: every shape the exporters write."""
    uid = UidFactory(7)

    def para(text: str, *items: Node) -> Node:
        return Node(kind="paragraph", uid=uid(), eid="x_1", text=text, children=items)

    def article(*paras: Node, caption: str | None = None, insertion: bool = False) -> Node:
        return Node(
            kind="article",
            uid=uid(),
            eid="x_1",
            num="第一条",
            caption=caption,
            insertion=insertion,
            children=paras,
        )

    item = Node(
        kind="item",
        uid=uid(),
        eid="x_1",
        num="（一）",
        text="建立服务网络；",
        children=(Node(kind="subitem", uid=uid(), eid="x_1", num="1.", text="社区服务站；"),),
    )
    chapter1 = Node(
        kind="chapter",
        uid=uid(),
        eid="x_1",
        num="第一章",
        heading="总则",
        children=(
            article(para("为了规范居家养老服务，制定本条例。"), caption="立法目的"),
            article(
                para("县级以上人民政府应当履行下列职责：", item),
                para("乡镇人民政府应当予以配合。"),
            ),
            article(para("插入的一条。"), insertion=True),
        ),
    )
    chapter2 = Node(
        kind="chapter",
        uid=uid(),
        eid="x_1",
        num="第二章",
        heading="附则",
        children=(article(para("本条例自2025年1月1日起施行。")),),
    )
    doc = Document(
        title="昌吉回族自治州居家养老服务条例（草案）",
        note="2024年4月26日昌吉回族自治州第十六届人民代表大会常务委员会第十九次会议通过",
        children=(chapter1, chapter2),
        annexes=(Annex(uid=uid(), heading="附件一", paragraphs=("1．甲", "2．乙")),),
    )
    return renumber(doc)
