"""Rules on the shape of the text: numbering, empty chapters, chapters in a 小快灵 text.

Numbers are checked as written (the labels of the tree): 条 run on through the whole text
(之N after its base article), 章 through the text or per 编 (`legislative-norms.md` §1.4), 节 per
章, 分编 per 编, 项 per 款 and 目 per 项 (§1.2, §7.1 rule 7); a list below a 目 per 目
(`workbench.check.levels`).

A 修改决定 or 修正案 has no 章 of its own: a heading in it, and the 条 under it, are quoted from
the instrument it amends (宪法修正案第五十二条: 增加一节，作为第七节……), so these rules leave
them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.check.levels import item_runs
from workbench.model import CONTAINER_KINDS, KIND_LABELS, Node, NodeKind, articles, item_number
from workbench.numerals import article_label, to_cn
from workbench.refs.index import article_key, container_number

__all__ = [
    "SHORT_TEXT_ARTICLES",
    "chapters_in_short_text",
    "empty_container",
    "numbering_duplicate",
    "numbering_gap",
]

SHORT_TEXT_ARTICLES = 20
"""A text with this many 条 or fewer is short: chaptered texts that short are rare (22 of 1,405
in the sample of `legislative-norms.md` §1.5), and a 小快灵 regulation is not divided into 章."""

_HEADING_PART = re.compile(r"^第.+?(?:分编|编|章|节)")

# One numbered node: the node, its number, its 之N suffix.
_Entry = tuple[Node, int, int]


def _label(kind: NodeKind, number: int, suffix: int = 0) -> str:
    if kind == "article":
        return article_label(number, suffix)
    if kind == "item":
        return f"第{to_cn(number)}项"
    if kind == "subitem":
        return f"第{number}目"
    return f"第{to_cn(number)}{KIND_LABELS[kind]}"


def _sequences(ctx: CheckContext) -> Iterator[tuple[NodeKind, list[_Entry], int]]:
    """Every numbered sequence of the text: (kind, entries in order, the number it starts at)."""
    arts: list[_Entry] = []
    for node in _own_articles(ctx):
        key = article_key(node.num)
        if key is not None:
            arts.append((node, key[0], key[1]))
    yield "article", arts, ctx.doc.first_article
    scopes: dict[tuple[str, NodeKind], list[_Entry]] = {}
    per_book = ctx.doc.chapter_numbering == "per_book"

    def walk(nodes: Sequence[Node], book: str, chapter: str, parent: str) -> None:
        scope_of = {n.uid: run.scope for run in item_runs(parent, nodes) for n in run.nodes}
        for node in nodes:
            if node.kind in CONTAINER_KINDS and ctx.is_amending:
                continue
            if node.kind in CONTAINER_KINDS:
                scope = {
                    "book": "",
                    "part": book,
                    "chapter": book if per_book else "",
                    "section": chapter,
                }[node.kind]
                number = container_number(node)
                if number is not None:
                    scopes.setdefault((scope, node.kind), []).append((node, number, 0))
                walk(
                    node.children,
                    node.uid if node.kind == "book" else book,
                    node.uid if node.kind == "chapter" else chapter,
                    node.uid,
                )
            elif node.kind in ("item", "subitem"):
                number = item_number(node)
                if number is not None:
                    scope = scope_of.get(node.uid, parent)
                    scopes.setdefault((scope, node.kind), []).append((node, number, 0))
                walk(node.children, book, chapter, node.uid)
            else:
                walk(node.children, book, chapter, node.uid)

    walk(ctx.doc.children, "", "", "")
    for (_, kind), entries in scopes.items():
        yield kind, entries, 1


def _own_articles(ctx: CheckContext) -> list[Node]:
    """The text's 条, without those an amending text quotes under a heading."""
    if not ctx.is_amending:
        return articles(ctx.doc)
    return [n for n in ctx.doc.children if n.kind == "article"]


def numbering_gap(ctx: CheckContext) -> Iterator[Finding]:
    """编/分编/章/节/条/项/目 numbers that skip one or more (第十五条 followed by 第十七条).

    A heading written without its number gets one from the parser by position (diagnostic
    ``heading-without-number``); a gap right after such headings says so instead of naming
    numbers as missing that only the parser's count makes missing.
    """
    supplied = {d.uid for d in ctx.doc.diagnostics if d.code == "heading-without-number" and d.uid}
    for kind, entries, start in _sequences(ctx):
        prev: tuple[int, int] | None = None
        prev_node: Node | None = None
        for node, number, suffix in entries:
            expected = start if prev is None else prev[0] + 1
            if suffix == 0 and number > expected and (prev is None or number > prev[0]):
                if prev is not None and prev_node is not None and prev_node.uid in supplied:
                    yield _after_supplied(ctx, kind, entries, supplied, node, number, prev)
                else:
                    yield _gap(ctx, kind, node, number, prev, expected)
            if prev is None or (number, suffix) > prev:
                prev, prev_node = (number, suffix), node


def _gap(
    ctx: CheckContext,
    kind: NodeKind,
    node: Node,
    number: int,
    prev: tuple[int, int] | None,
    expected: int,
) -> Finding:
    missing = [_label(kind, n) for n in range(expected, min(number, expected + 5))]
    more = "等" if number - expected > 5 else ""
    where = (
        f"{_label(kind, number)}之前"
        if prev is None
        else f"{_label(kind, number)}接在{_label(kind, *prev)}之后，"
    )
    return ctx.finding(
        "numbering-gap",
        "error",
        node.uid,
        f"{where}缺少{'、'.join(missing)}{more}",
        f"序号应当连续：补上{missing[0]}，或将{_label(kind, number)}起依次改为"
        f"{_label(kind, expected)}起",
    )


def _after_supplied(
    ctx: CheckContext,
    kind: NodeKind,
    entries: list[_Entry],
    supplied: set[str],
    node: Node,
    number: int,
    prev: tuple[int, int],
) -> Finding:
    first = next(n for e, n, _ in entries if e.uid in supplied)
    joint = "" if first == prev[0] else "、" if first + 1 == prev[0] else "至"
    given = f"{_label(kind, first)}{joint}{_label(kind, *prev)}" if joint else _label(kind, *prev)
    unit = KIND_LABELS[kind]
    return ctx.finding(
        "numbering-gap",
        "error",
        node.uid,
        f"{_label(kind, number)}之前的{unit}标题没有序号（已按位置补为{given}），"
        f"与{_label(kind, number)}接不上",
        f"核对原文：给没有序号的{unit}标题补上序号，使各{unit}序号依次表述",
    )


def numbering_duplicate(ctx: CheckContext) -> Iterator[Finding]:
    """Numbers written twice, or going back (第十六条 after 第十八条), and misplaced 之N."""
    for kind, entries, _ in _sequences(ctx):
        seen: set[tuple[int, int]] = set()
        prev: tuple[int, int] | None = None
        for node, number, suffix in entries:
            key = (number, suffix)
            label = _label(kind, number, suffix)
            if key in seen:
                yield ctx.finding(
                    "numbering-duplicate",
                    "error",
                    node.uid,
                    f"{label}重复：前面已有{label}",
                    "重新编号，使序号不重复",
                )
            elif prev is not None and key < prev:
                yield ctx.finding(
                    "numbering-duplicate",
                    "error",
                    node.uid,
                    f"{label}排在{_label(kind, *prev)}之后，序号顺序颠倒",
                    "按条文顺序重新编号",
                )
            elif suffix and prev != (number, suffix - 1):
                yield ctx.finding(
                    "numbering-duplicate",
                    "error",
                    node.uid,
                    f"插入条{label}不接在{_label(kind, number, suffix - 1)}之后",
                    f"{label}应当紧接在{_label(kind, number, suffix - 1)}之后",
                )
            seen.add(key)
            prev = key if prev is None or key > prev else prev


def empty_container(ctx: CheckContext) -> Iterator[Finding]:
    """A 编/分编/章/节 with no article under it."""
    if ctx.is_amending:
        return
    stack = list(ctx.doc.children)
    while stack:
        node = stack.pop()
        if node.kind not in CONTAINER_KINDS:
            continue
        if not _has_article(node):
            name = _heading(node)
            unit = KIND_LABELS[node.kind]
            yield ctx.finding(
                "empty-container",
                "error",
                node.uid,
                f"{name}下没有任何条文",
                f"在该{unit}下补充条文，或删去该{unit}并将其后各{unit}重新编号",
            )
        stack.extend(node.children)


def _has_article(node: Node) -> bool:
    return any(c.kind == "article" or _has_article(c) for c in node.children)


def _heading(node: Node) -> str:
    label = node.num or ""
    if node.heading and not _HEADING_PART.match(node.heading):
        return f"{label}“{node.heading}”" if label else f"“{node.heading}”"
    return label or KIND_LABELS[node.kind]


def chapters_in_short_text(ctx: CheckContext) -> Iterator[Finding]:
    """A short text (小快灵, `legislative-norms.md` §6.6) divided into 章.

    A part of a larger instrument (the 附则 of a code) is not short, and an amending text's
    headings are quoted.
    """
    if ctx.is_part or ctx.is_amending:
        return
    count = len(articles(ctx.doc))
    chapters = [n for n in ctx.doc.children if n.kind in ("book", "chapter")]
    if chapters and 0 < count <= SHORT_TEXT_ARTICLES:
        yield ctx.finding(
            "chapters-in-short-text",
            "info",
            None,
            f"全文只有{to_cn(count)}条，却分为{to_cn(len(chapters))}{KIND_LABELS[chapters[0].kind]}；"
            "“小快灵”立法一般不分章节",
            "取消章的划分，各条连续排列；总则、附则的内容直接成条",
        )
