"""The canonical text of a regulation, plain or Markdown, from its tree.

Canonical per `legislative-norms.md` §7.5: ``第一条`` + U+3000, ``（一）`` without a space,
subitems ``1.``, headings ``第一章　总则``, the 题注 in ``（…）`` under the title, ASCII ``,;:``
between Chinese characters made full-width. Numbers are the ones the tree holds (as written in
the source; a provision without one gets its number from position): rendering never renumbers,
because renumbering changes what the text's own citations (依照本条例第三条) mean. To renumber,
renumber the tree together with its citations first (`workbench.edit.renumber_citing`). Each
block is one line, blocks separated by a blank line, so the output parses back to the same tree
(`workbench.parse.parse_text`; this module must not import it, the two are sibling layers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.model import CONTAINER_KINDS, Document, Node, item_number, iter_nodes, renumber
from workbench.numerals import NumeralError, article_label, from_cn, parse_article_number, to_cn

__all__ = ["canonical_text", "render_markdown", "render_text"]

_FULLWIDTH = {",": "，", ";": "；", ":": "："}
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》、]"
_ASCII_PUNCT = re.compile(rf"(?<={_CJK})[,;:](?={_CJK}|$)|[,;:](?={_CJK})")
_IDEOGRAPHIC_SPACE = "\u3000"


def canonical_text(text: str) -> str:
    """``text`` with the ASCII ``,`` ``;`` ``:`` that touch Chinese text made full-width.

    Digits, Latin words and URLs keep their punctuation (``1,000``, ``https://``).
    """
    if "," not in text and ";" not in text and ":" not in text:
        return text
    return _ASCII_PUNCT.sub(lambda m: _FULLWIDTH[m.group(0)], text)


def _container_line(node: Node) -> str:
    heading = node.heading or ""
    if node.num and heading:
        return f"{node.num}{_IDEOGRAPHIC_SPACE}{heading}"
    return node.num or heading


def _article_lines(node: Node, *, captions: bool) -> Iterator[str]:
    head = node.num or ""
    if captions and node.caption:
        head += f"（{node.caption}）"
    first = True
    for para in node.children:
        text = canonical_text(para.text)
        if first:
            yield f"{head}{_IDEOGRAPHIC_SPACE}{text}" if text else head
            first = False
        else:
            yield text
        for item in para.children:
            yield f"{item.num or ''}{canonical_text(item.text)}"
            for sub in item.children:
                yield f"{sub.num or ''}{canonical_text(sub.text)}"


_CONTAINER_NUM = re.compile(r"第\s*(.+?)\s*(分编|编|章|节)")


def _canonical_num(node: Node) -> str | None:
    """The number a node holds, written canonically (第一十条 → 第十条, (一) → （一）).

    None when it has none or it cannot be read.
    """
    if node.num is None:
        return None
    try:
        if node.kind == "article":
            number, suffix = parse_article_number(node.num)
            return article_label(number, suffix)
        if node.kind in CONTAINER_KINDS:
            m = _CONTAINER_NUM.match(node.num)
            return f"第{to_cn(from_cn(m.group(1)))}{m.group(2)}" if m else None
    except NumeralError:
        return None
    value = item_number(node)
    if value is None:
        return None
    return f"（{to_cn(value)}）" if node.kind == "item" else f"{value}."


def _as_written(doc: Document) -> tuple[Node, ...]:
    """The tree with the numbers it holds, written canonically.

    A provision without a readable number takes its position's.
    """
    positional = {n.uid: n.num for n in iter_nodes(renumber(doc).children)}

    def fill(node: Node) -> Node:
        children = tuple(fill(c) for c in node.children)
        num = _canonical_num(node) or positional.get(node.uid)
        if node.kind in CONTAINER_KINDS and node.num is None:
            num = None  # an unnumbered heading (a code's 附则) stays unnumbered
        if num == node.num and children == node.children:
            return node
        return node.model_copy(update={"num": num, "children": children})

    return tuple(fill(n) for n in doc.children)


def _blocks(doc: Document, *, markdown: bool, captions: bool) -> Iterator[str]:
    yield f"# {doc.title}" if markdown else doc.title
    if doc.note:
        yield f"（{doc.note}）"
    yield from doc.preamble
    yield from _nodes(_as_written(doc), 2, markdown=markdown, captions=captions)
    for annex in doc.annexes:
        yield f"## {annex.heading}" if markdown else annex.heading
        yield from annex.paragraphs


def _nodes(nodes: tuple[Node, ...], level: int, *, markdown: bool, captions: bool) -> Iterator[str]:
    for node in nodes:
        if node.kind in CONTAINER_KINDS:
            line = _container_line(node)
            yield f"{'#' * min(level, 6)} {line}" if markdown else line
            if node.text:
                yield from node.text.split("\n")
            yield from _nodes(node.children, level + 1, markdown=markdown, captions=captions)
        else:
            yield from _article_lines(node, captions=captions)


def render_text(doc: Document, *, captions: bool = True) -> str:
    """The canonical plain text of ``doc``.

    Args:
        doc: The document, rendered with the numbers it holds (see the module docstring).
        captions: Keep article captions (条旨) as ``第一条（立法目的）``; a final text drops them.

    Returns:
        The text, one block per line with blank lines between, ending with a newline.
    """
    return "\n\n".join(_blocks(doc, markdown=False, captions=captions)) + "\n"


def render_markdown(doc: Document, *, captions: bool = True) -> str:
    """``doc`` as Markdown: ``#`` title, ``##``… headings by depth, one paragraph per block.

    Args:
        doc: The document, rendered with the numbers it holds.
        captions: Keep article captions (条旨).

    Returns:
        The Markdown text, ending with a newline.
    """
    return "\n\n".join(_blocks(doc, markdown=True, captions=captions)) + "\n"
