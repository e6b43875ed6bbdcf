"""House style for writing citations, and the citation of any node (`legislative-norms.md` §2.4, §7.2).

`CitationStyle` says whether items are written 第（三）项 or 第三项 and what the document calls
itself (本条例/本规定/本办法…, chosen from the title suffix by default). `format_citation` writes
the canonical citation of a node: 款 only when its article has several (§2.1), 之N kept, sections
named with their chapter.
"""

from __future__ import annotations

import re

from workbench.model import Document, Node, WorkbenchModel, item_number
from workbench.model.ids import Uid
from workbench.numerals import to_cn
from workbench.refs.citation import Level
from workbench.refs.index import DocIndex, article_key, container_number

__all__ = [
    "CitationStyle",
    "LevelStep",
    "format_citation",
    "format_steps",
    "node_steps",
    "self_name",
]

_DRAFT_SUFFIX = re.compile(r"[（(][^（）()]*[）)]\s*$")
_SELF_NAMES = (
    ("法典", "本法"),
    ("条例", "本条例"),
    ("规定", "本规定"),
    ("办法", "本办法"),
    ("细则", "本细则"),
    ("决定", "本决定"),
    ("规则", "本规则"),
    ("法", "本法"),
)


class CitationStyle(WorkbenchModel):
    """How a legislature writes citations; the defaults follow national practice."""

    item_parens: bool = False
    """Write items as 第（三）项 (some local houses) instead of 第三项 (national default, §2.4)."""
    self_name: str | None = None
    """What the document calls itself (本条例, 本规定, 本办法 ...); None: chosen from the title."""


LevelStep = tuple[Level, int, int]
"""One level of a node's citation: (level, number, 之N suffix) — the suffix only for articles."""


def self_name(title: str, style: CitationStyle | None = None) -> str:
    """What a document calls itself: 本条例 for a 条例, 本办法 for a 办法 ... (default 本条例).

    Draft markers such as （草案）（征求意见稿） at the end of the title are ignored.
    """
    if style is not None and style.self_name:
        return style.self_name
    base = title.strip()
    while True:
        stripped = _DRAFT_SUFFIX.sub("", base)
        if stripped == base:
            break
        base = stripped.strip()
    for suffix, name in _SELF_NAMES:
        if base.endswith(suffix):
            return name
    return "本条例"


def node_steps(index: DocIndex, uid: Uid, *, keep_only_paragraph: bool = False) -> list[LevelStep]:
    """The levels that make up the canonical citation of ``uid``, top-down.

    Articles stand alone (their numbers run through the whole text); a 款 is named only when
    its article has several; an item of a one-paragraph article is 第X条第Z项; a 节 carries its
    章, and a 章 its 编 when chapters restart per 编.

    Args:
        index: The document's index.
        uid: The node.
        keep_only_paragraph: Cite the only 款 of an article as 第X条第一款 rather than 第X条, so
            the citation keeps naming the 款 (not the article) when 款 are added later.
    """
    path = index.paths[uid]
    node = path[-1]
    steps: list[LevelStep] = []
    if node.kind in ("book", "part", "chapter", "section"):
        for step in path:
            n = container_number(step)
            if n is None:
                continue
            if step.kind == "book" and not (
                index.doc.chapter_numbering == "per_book" or node.kind in ("book", "part")
            ):
                continue
            if step.kind == "part" and node.kind != "part":
                # Chapters run on through the 分编 of one 编 (民法典), so 第二编第十七章 suffices.
                continue
            steps.append((step.kind, n, 0))
        return steps
    article = next((step for step in path if step.kind == "article"), None)
    if article is None:
        return steps
    for step in path:
        if step.kind == "article":
            steps.append(("article", *_article_key(index, step)))
        elif step.kind == "paragraph":
            if len(article.children) > 1 or node.kind == "paragraph":
                steps.append(("paragraph", index.position(step.uid), 0))
        elif step.kind in ("item", "subitem"):
            n = item_number(step)
            steps.append((step.kind, n if n is not None else index.position(step.uid), 0))
    if node.kind == "paragraph" and len(article.children) == 1 and not keep_only_paragraph:
        steps.pop()
    return steps


def _article_key(index: DocIndex, article: Node) -> tuple[int, int]:
    """(number, suffix) from the label; the position when the label is missing or unreadable."""
    key = article_key(article.num)
    if key is None:
        return index.article_pos[article.uid] + index.doc.first_article, 0
    return key


def format_steps(steps: list[LevelStep], *, item_parens: bool = False) -> str:
    """Write citation levels as text: ``第十二条之一第二款第（三）项第4目``."""
    out: list[str] = []
    for level, number, suffix in steps:
        if level == "article":
            out.append(f"第{to_cn(number)}条" + (f"之{to_cn(suffix)}" if suffix else ""))
        elif level == "item":
            out.append(f"第（{to_cn(number)}）项" if item_parens else f"第{to_cn(number)}项")
        elif level == "subitem":
            out.append(f"第{number}目")
        else:
            unit = {
                "book": "编",
                "part": "分编",
                "chapter": "章",
                "section": "节",
                "paragraph": "款",
            }[level]
            out.append(f"第{to_cn(number)}{unit}")
    return "".join(out)


def format_citation(
    doc: Document | DocIndex,
    uid: Uid,
    style: CitationStyle | None = None,
    *,
    qualified: bool = False,
) -> str:
    """The canonical citation of the node ``uid`` in house style.

    Args:
        doc: The document (or an index of it).
        uid: The node to cite.
        style: House style; `CitationStyle()` when omitted.
        qualified: Prefix what the document calls itself (本条例第十二条第二款).

    Returns:
        The citation, e.g. ``第十二条第二款第三项`` or ``第二章第一节``.

    Raises:
        KeyError: If ``doc`` has no node ``uid``.
    """
    index = doc if isinstance(doc, DocIndex) else DocIndex(doc)
    style = style or CitationStyle()
    text = format_steps(node_steps(index, uid), item_parens=style.item_parens)
    if not text:
        node = index.node(uid)
        text = node.heading or node.num or ""
    return (self_name(index.doc.title, style) + text) if qualified else text
