"""The state of one application: the staging tree over the base, and places resolved in it.

Every place a decision names is read against the **base** (old numbers, §4.2 rule 1): the
citation grammar's resolver (`workbench.refs`) finds the node in the base, and the staged copy
with the same uid is what the operation changes. A paragraph singled out by a quote
(宪法第六十二条“全国人民代表大会行使下列职权”中) is the one whose words contain the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from workbench.amend.operations import Place
from workbench.amend.staging import Staged, flatten
from workbench.model import CONTAINER_KINDS, Document, UidFactory, iter_nodes
from workbench.refs import CitationTarget, DocIndex
from workbench.refs.resolve import UnresolvedError, resolve_target

__all__ = ["ApplyError", "Stage"]


class ApplyError(ValueError):
    """An operation that does not fit the base text; the message says why (Chinese)."""


@dataclass(slots=True)
class Stage:
    """The base, its staged copy and what the operations did so far."""

    base: Document
    uids: UidFactory
    index: DocIndex = field(init=False)
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
        self.index = DocIndex(self.base)
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
        """The 款 of ``place.article`` that contains ``place.quote``, then its 项/目."""
        article = self.node(place.model_copy(update={"quote": None, "paragraph": None,
                                                     "item": None, "subitem": None}))  # fmt: skip
        quote = _squash(place.quote or "")
        found = [p for p in article.live() if quote in _squash(p.text)]
        if len(found) != 1:
            where = "找不到" if not found else "有多处"
            raise ApplyError(f"{place.label or article.num}中{where}“{place.quote}”")
        node = found[0]
        for level in ("item", "subitem"):
            number = getattr(place, level)
            if number is not None:
                node = self.numbered_child(node, number, place)
        return node

    def numbered_child(self, parent: Staged, number: int, place: Place) -> Staged:
        """The child of ``parent`` numbered ``number`` (item or subitem label)."""
        for k, child in enumerate(c for c in parent.children):
            label = child.num or ""
            if _label_number(label) == number or (not label and k + 1 == number):
                return child
        raise ApplyError(f"原文中找不到“{place.label}”")

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
        from workbench.amend.staging import RANK

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


def _squash(text: str) -> str:
    return "".join(text.split())


def _label_number(label: str) -> int | None:
    from workbench.numerals import NumeralError, from_cn

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
