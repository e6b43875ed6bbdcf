"""Numbers and eids derived from position.

`renumber` recomputes every label (第X编/章/节/条, （X）, N.) and eid from the tree's shape, as the
norms require after any structural change; `assign_eids` keeps the labels as written (a parsed
text with a numbering gap keeps its gap) and derives the eids from them.
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.model.nodes import CONTAINER_KINDS, KIND_LABELS, Document, Node, NodeKind
from workbench.numerals import NumeralError, from_cn, parse_article_number, to_cn

__all__ = ["EID_PREFIX", "assign_eids", "renumber"]

EID_PREFIX: dict[NodeKind, str] = {
    "book": "book",
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "item": "item",
    "subitem": "subitem",
}
"""The Akoma Ntoso-style eId prefix of each kind."""

_HEADING_NUM = re.compile(r"第\s*(.+?)\s*(?:编|分编|章|节)")
_ITEM_NUM = re.compile(r"[（(]\s*(.+?)\s*[）)]")
_SUBITEM_NUM = re.compile(r"(\d+)")


class _Counters:
    """Running counters while walking the tree in document order."""

    def __init__(self, first_article: int) -> None:
        self.book = 0
        self.chapter = 0
        self.article = first_article - 1
        self.suffix = 0


def renumber(doc: Document) -> Document:
    """Recompute every number and eid of ``doc`` from position.

    Articles run on through the whole text from ``doc.first_article``; 之N articles keep the
    base number of the article before them. Chapters run on or restart per 编 as
    ``doc.chapter_numbering`` says; 分编 restart per 编, 节 per 章, 项 per 款, 目 per 项.
    Containers without a number (a code's 附则) stay unnumbered.

    Returns:
        A copy of ``doc`` with new ``num`` and ``eid`` values; uids and text unchanged.
    """
    counters = _Counters(doc.first_article)
    children = _renumber_level(doc, doc.children, "", counters)
    return doc.model_copy(update={"children": children})


def _renumber_level(
    doc: Document, nodes: tuple[Node, ...], prefix: str, counters: _Counters
) -> tuple[Node, ...]:
    out: list[Node] = []
    local: Counter[str] = Counter()
    for node in nodes:
        kind = node.kind
        num: str | None
        if kind in CONTAINER_KINDS:
            if node.num is None:
                local[f"nn-{kind}"] += 1
                num, token = None, f"nn{local[f'nn-{kind}']}"
            else:
                value = _next_container_number(kind, local, counters)
                num, token = f"第{to_cn(value)}{KIND_LABELS[kind]}", str(value)
            if kind == "book":
                counters.book += 1
                if doc.chapter_numbering == "per_book":
                    counters.chapter = 0
        elif kind == "article":
            if node.insertion and counters.article >= doc.first_article:
                counters.suffix += 1
                num = f"第{to_cn(counters.article)}条之{to_cn(counters.suffix)}"
                token = f"{counters.article}-{counters.suffix}"
            else:
                counters.article += 1
                counters.suffix = 0
                num, token = f"第{to_cn(counters.article)}条", str(counters.article)
        elif kind == "paragraph":
            local["paragraph"] += 1
            num, token = None, str(local["paragraph"])
        elif kind == "item":
            local["item"] += 1
            num, token = f"（{to_cn(local['item'])}）", str(local["item"])
        else:
            local["subitem"] += 1
            num, token = f"{local['subitem']}.", str(local["subitem"])
        eid = _join(prefix, kind, token)
        children = _renumber_level(doc, node.children, eid, counters)
        same = (
            num == node.num
            and eid == node.eid
            and len(children) == len(node.children)
            and all(a is b for a, b in zip(children, node.children, strict=True))
        )
        # A node already numbered right is kept as is (frozen: sharing it is safe).
        out.append(
            node if same else node.model_copy(update={"num": num, "eid": eid, "children": children})
        )
    return tuple(out)


def _next_container_number(kind: NodeKind, local: Counter[str], counters: _Counters) -> int:
    if kind == "book":
        return counters.book + 1
    if kind == "chapter":
        counters.chapter += 1
        return counters.chapter
    local[kind] += 1
    return local[kind]


def assign_eids(doc: Document) -> Document:
    """Derive every eid of ``doc`` from the labels as written (duplicates made unique).

    Returns:
        A copy of ``doc`` with new ``eid`` values; labels, uids and text unchanged.
    """
    used: set[str] = set()
    children = _assign_level(doc.children, "", used)
    return doc.model_copy(update={"children": children})


def _assign_level(nodes: tuple[Node, ...], prefix: str, used: set[str]) -> tuple[Node, ...]:
    out: list[Node] = []
    positions: Counter[str] = Counter()
    for node in nodes:
        positions[node.kind] += 1
        token = _token_from_num(node) or (
            f"nn{positions[node.kind]}"
            if node.kind in CONTAINER_KINDS
            else str(positions[node.kind])
        )
        eid = _join(prefix, node.kind, token)
        if eid in used:
            n = 2
            while f"{eid}-x{n}" in used:
                n += 1
            eid = f"{eid}-x{n}"
        used.add(eid)
        children = _assign_level(node.children, eid, used)
        out.append(node.model_copy(update={"eid": eid, "children": children}))
    return tuple(out)


def _token_from_num(node: Node) -> str | None:
    if not node.num:
        return None
    try:
        if node.kind == "article":
            number, suffix = parse_article_number(node.num)
            return f"{number}-{suffix}" if suffix else str(number)
        pattern = (
            _HEADING_NUM
            if node.kind in CONTAINER_KINDS
            else _ITEM_NUM
            if node.kind == "item"
            else _SUBITEM_NUM
        )
        m = pattern.search(node.num)
        return str(from_cn(m.group(1))) if m else None
    except NumeralError:
        return None


def _join(prefix: str, kind: NodeKind, token: str) -> str:
    own = f"{EID_PREFIX[kind]}_{token}"
    return f"{prefix}__{own}" if prefix else own
