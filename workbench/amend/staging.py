"""The staging tree a decision is applied in: mutable copies of the base's nodes, keyed on uids.

The base's provisions are laid out flat, as the text reads them: container headings and articles
(each article with its 款/项/目 below it). Operations change nodes in place, remove them, or add
new ones; nothing is renumbered until all are done (`workbench.amend.layout`).

Every place a decision names is read against the **base** (old numbers, §4.2 rule 1): the
citation grammar's resolver (`workbench.refs`) finds the node in the base, and the staged copy
with the same uid is what the operation changes. A paragraph singled out by a quote
(宪法第六十二条“全国人民代表大会行使下列职权”中) is the one whose words contain the quote.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

from workbench.amend.operations import Place
from workbench.model import CONTAINER_KINDS, Document, Node, NodeKind, UidFactory, iter_nodes
from workbench.numerals import NumeralError, from_cn
from workbench.refs import CitationTarget, DocIndex
from workbench.refs.resolve import UnresolvedError, resolve_target

__all__ = ["RANK", "ApplyError", "Staged", "StagingTree", "adopt", "flatten"]

N = TypeVar("N", Node, "Staged")

RANK: dict[NodeKind, int] = {"book": 0, "part": 1, "chapter": 2, "section": 3}
"""How high a container stands: a heading closes every open container of its rank or lower."""

_PLACEHOLDER_NUM: dict[NodeKind, str | None] = {
    "book": "第一编",
    "part": "第一分编",
    "chapter": "第一章",
    "section": "第一节",
    "article": "第一条",
    "paragraph": None,
    "item": "（一）",
    "subitem": "1.",
}
_EID_PREFIX: dict[NodeKind, str] = {
    "book": "book",
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "item": "item",
    "subitem": "subitem",
}


@dataclass(eq=False, slots=True)
class Staged:
    """A provision being changed: a container heading, an article, 款, 项 or 目."""

    kind: NodeKind
    uid: str
    text: str = ""
    num: str | None = None
    heading: str | None = None
    caption: str | None = None
    insertion: bool = False
    children: list[Staged] = field(default_factory=list)
    pinned: int | None = None
    """The number (position among siblings; for articles, the article number) a decision gave."""
    created: bool = False
    """Made by the decision (not in the base)."""
    removed: bool = False
    """Deleted (or merged away) by the decision."""
    hint: str | None = None
    """For a pinned article: the uid of the container heading it must stand under."""
    origin: Node | None = None
    """The base's node this is a copy of (None for a new one)."""

    @classmethod
    def of(cls, node: Node, *, created: bool = False) -> Staged:
        """A staged copy of ``node`` and everything below it (containers without children)."""
        return cls(
            kind=node.kind,
            uid=node.uid,
            text=node.text,
            num=node.num,
            heading=node.heading,
            caption=node.caption,
            insertion=node.insertion,
            children=[]
            if node.kind in CONTAINER_KINDS
            else [cls.of(c, created=created) for c in node.children],
            created=created,
            origin=None if created else node,
        )

    def live(self) -> Iterator[Staged]:
        """The children not removed, in their current order."""
        return (c for c in self.children if not c.removed)

    def walk(self) -> Iterator[Staged]:
        """This node and every live node below it, in document order."""
        yield self
        for child in self.live():
            yield from child.walk()

    def to_node(self, children: tuple[Node, ...] = ()) -> Node:
        """The frozen node: the base's own one when nothing in it changed.

        Numbers and eids of new nodes are placeholders (`renumber` recomputes both).

        Args:
            children: A container's children (an article's come from its own staged ones).
        """
        if self.kind not in CONTAINER_KINDS:
            children = tuple(c.to_node() for c in self.live())
        origin = self.origin
        if (
            origin is not None
            and origin.text == self.text
            and origin.num == self.num
            and origin.heading == self.heading
            and origin.caption == self.caption
            and origin.insertion == self.insertion
            and len(origin.children) == len(children)
            and all(a is b for a, b in zip(origin.children, children, strict=True))
        ):
            return origin
        num = self.num
        if num is None and self.created:
            num = _PLACEHOLDER_NUM[self.kind]
        data: dict[str, object] = {
            "kind": self.kind,
            "uid": self.uid,
            "eid": f"{_EID_PREFIX[self.kind]}_1",
            "num": num,
            "text": self.text,
            "children": children,
        }
        if self.heading is not None:
            data["heading"] = self.heading
        if self.caption is not None:
            data["caption"] = self.caption
        if self.insertion:
            data["insertion"] = True
        return Node.model_validate(data)


def flatten(doc: Document) -> list[Staged]:
    """The base's headings and articles in document order (articles with their subtrees)."""
    out: list[Staged] = []

    def walk(nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            out.append(Staged.of(node))
            if node.kind in CONTAINER_KINDS:
                walk(node.children)

    walk(doc.children)
    return out


class ApplyError(ValueError):
    """An operation that does not fit the base text; the message says why (Chinese)."""


@dataclass(slots=True)
class StagingTree:
    """The base, its staged copy, places resolved in it, and what the operations did so far."""

    base: Document
    uids: UidFactory
    index: DocIndex
    """The base's index (places are resolved in the base, §4.2 rule 1)."""
    tokens: list[Staged] = field(init=False)
    """The base's headings and articles in order, then new pinned articles."""
    nodes: dict[str, Staged] = field(init=False)
    """Every staged node by uid (base nodes and new ones)."""
    parents: dict[str, Staged] = field(init=False)
    """The staged parent of every 款/项/目."""
    title: str = field(init=False)
    preamble: list[str] = field(init=False)
    anchored: dict[str, list[Staged]] = field(default_factory=dict)
    """New articles to stand right after an existing one."""
    replaced: set[str] = field(default_factory=set)
    """Nodes whose words the decision restated: their old citations are not carried over."""
    redirect: dict[str, str] = field(default_factory=dict)
    """Merged-away article → the article it merged into."""
    items_changed: set[str] = field(default_factory=set)
    """款/项 whose items/subitems changed: their end punctuation is checked."""

    def __post_init__(self) -> None:
        self.tokens = flatten(self.base)
        self.nodes = {}
        self.parents = {}
        for tok in self.tokens:
            self.register(tok, None)
        self.title = self.base.title
        self.preamble = list(self.base.preamble)

    def register(self, node: Staged, parent: Staged | None) -> None:
        """Record ``node`` (and what is below it) in the lookups."""
        self.nodes[node.uid] = node
        if parent is not None:
            self.parents[node.uid] = parent
        for child in node.children:
            self.register(child, node)

    def mint(self) -> str:
        """A fresh uid."""
        while True:
            uid = self.uids()
            if uid not in self.nodes and not self.index.has(uid):
                return uid

    # -- places ---------------------------------------------------------------------------

    def node(self, place: Place) -> Staged:
        """The staged node ``place`` names in the base.

        Raises:
            ApplyError: If the base has no such place.
        """
        if place.level in ("title", "preamble"):
            raise ApplyError(f"“{place.label}”不是条文")
        if place.quote is not None:
            return self._quoted(place)
        target = CitationTarget(
            book=place.book,
            part=place.part,
            chapter=place.chapter,
            section=place.section,
            article=place.article,
            article_suffix=place.article_suffix,
            paragraph=place.paragraph,
            item=place.item,
            subitem=place.subitem,
        )
        try:
            (uid,) = resolve_target(target, self.index, None)
        except UnresolvedError as exc:
            raise ApplyError(f"原文中找不到“{place.label}”：{exc.reason}") from exc
        except ValueError as exc:
            raise ApplyError(f"“{place.label}”指向多处") from exc
        return self.nodes[uid]

    def _quoted(self, place: Place) -> Staged:
        """The 款 of ``place.article`` whose base words contain ``place.quote``, then its 项/目."""
        article = self.node(place.model_copy(update={"quote": None, "paragraph": None,
                                                     "item": None, "subitem": None}))  # fmt: skip
        quote = _squash(place.quote or "")
        base = self.index.node(article.uid) if self.index.has(article.uid) else None
        paragraphs = base.children if base is not None else ()
        found = [p for p in paragraphs if quote in _squash(p.text)]
        if len(found) != 1:
            where = "找不到" if not found else "有多处"
            raise ApplyError(f"{place.label or article.num}中{where}“{place.quote}”")
        node = found[0]
        for level in ("item", "subitem"):
            number = getattr(place, level)
            if number is not None:
                node = _numbered_child(node.children, number, place)
        return self.nodes[node.uid]

    def numbered_child(self, parent: Staged, number: int, place: Place) -> Staged:
        """The child of ``parent`` numbered ``number`` (item or subitem label)."""
        return _numbered_child(parent.children, number, place)

    def paragraph_with_items(self, article: Staged, place: Place) -> Staged:
        """The 款 of ``article`` whose items a bare 第N项 means (the one that has items)."""
        with_items = [p for p in article.live() if p.children]
        if len(with_items) == 1:
            return with_items[0]
        paragraphs = list(article.live())
        if not with_items and len(paragraphs) == 1:
            return paragraphs[0]
        if not with_items:
            raise ApplyError(f"{place.label}没有项，请写明第几款")
        raise ApplyError(f"{place.label}有多款含项，请写明第几款")

    def article_of(self, node: Staged) -> Staged:
        """The article ``node`` stands in (``node`` itself for an article)."""
        while node.kind != "article":
            node = self.parents[node.uid]
        return node

    def container_span(self, heading: Staged) -> list[Staged]:
        """The headings and articles a container heading opens in the base order."""
        i = self.tokens.index(heading)
        span: list[Staged] = []
        for tok in self.tokens[i + 1 :]:
            if tok.kind in CONTAINER_KINDS and RANK[tok.kind] <= RANK[heading.kind]:
                break
            if tok.created:
                continue
            span.append(tok)
        return span

    def covered(self, place: Place | None) -> list[Staged]:
        """Every live staged node whose words ``place`` covers (None: the whole text)."""
        if place is None:
            return [n for tok in self.tokens if tok.kind == "article" for n in tok.walk()]
        node = self.node(place)
        if node.kind in CONTAINER_KINDS:
            return [n for tok in self.container_span(node) if tok.kind == "article"
                    for n in tok.walk()]  # fmt: skip
        return list(node.walk())

    def base_uids(self, node: Staged) -> list[str]:
        """The uids of ``node`` and of everything below it that the base has."""
        if not self.index.has(node.uid):
            return []
        return [n.uid for n in iter_nodes([self.index.node(node.uid)])]


def _numbered_child(children: Sequence[N], number: int, place: Place) -> N:
    """The child numbered ``number`` (by its item or subitem label, else its position)."""
    for k, child in enumerate(children):
        label = child.num or ""
        if _label_number(label) == number or (not label and k + 1 == number):
            return child
    raise ApplyError(f"原文中找不到“{place.label}”")


def _squash(text: str) -> str:
    return "".join(text.split())


def _label_number(label: str) -> int | None:
    digits = label.strip("（）().．、 ")
    try:
        return from_cn(digits) if digits else None
    except NumeralError:
        return None


def adopt(old: list[Staged], new: list[Staged]) -> None:
    """Give restated provisions the uids of the ones they continue (comments stay on them).

    A new provision takes the uid of an old one with the same words, else of the old one at the
    same position when they are alike; its children are matched the same way.
    """
    taken: set[str] = set()
    for node in new:
        twin = next(
            (o for o in old if o.uid not in taken and _squash(o.text) == _squash(node.text)), None
        )
        if twin is None:
            k = new.index(node)
            if k < len(old) and old[k].uid not in taken:
                score = fuzz.ratio(_squash(old[k].text), _squash(node.text)) / 100.0
                if score >= 0.5:
                    twin = old[k]
        if twin is not None:
            taken.add(twin.uid)
            node.uid = twin.uid
            node.created = False
            adopt(twin.children, node.children)
