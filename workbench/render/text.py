"""The canonical text of a regulation, plain or Markdown, from its tree.

Canonical per `legislative-norms.md` §7.5: numbers recomputed from position (`renumber`),
``第一条`` + U+3000, ``（一）`` without a space, subitems ``1.``, headings ``第一章　总则``, the
题注 in ``（…）`` under the title, ASCII ``,;:`` between Chinese characters made full-width. Each
block is one line, blocks separated by a blank line, so the output parses back to the same tree
(`workbench.parse.parse_text`; this module must not import it, the two are sibling layers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.model import CONTAINER_KINDS, Document, Node, renumber

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


def _blocks(doc: Document, *, markdown: bool, captions: bool) -> Iterator[str]:
    yield f"# {doc.title}" if markdown else doc.title
    if doc.note:
        yield f"（{doc.note}）"
    yield from doc.preamble
    yield from _nodes(renumber(doc).children, 2, markdown=markdown, captions=captions)
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
        doc: The document; its numbers are recomputed from position, labels as written ignored.
        captions: Keep article captions (条旨) as ``第一条（立法目的）``; a final text drops them.

    Returns:
        The text, one block per line with blank lines between, ending with a newline.
    """
    return "\n\n".join(_blocks(doc, markdown=False, captions=captions)) + "\n"


def render_markdown(doc: Document, *, captions: bool = True) -> str:
    """``doc`` as Markdown: ``#`` title, ``##``… headings by depth, one paragraph per block.

    Args:
        doc: The document; numbers are recomputed from position.
        captions: Keep article captions (条旨).

    Returns:
        The Markdown text, ending with a newline.
    """
    return "\n\n".join(_blocks(doc, markdown=True, captions=captions)) + "\n"
