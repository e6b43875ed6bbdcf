"""Render → parse is a fixed point on every corpus file, for plain text and Markdown; the
rendering keeps the numbers as written (in canonical form), so no citation changes meaning."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.model import Document, Node, item_number
from workbench.numerals import article_label, from_cn, parse_article_number, to_cn
from workbench.parse import parse_file, parse_text
from workbench.render import canonical_text, render_markdown, render_text

pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*.md") if p.name != "README.md")
RENDERERS: dict[str, Callable[[Document], str]] = {
    "text": render_text,
    "markdown": render_markdown,
}

Shape = tuple[object, ...]


_CONTAINER = re.compile(r"第\s*(.+?)\s*(分编|编|章|节)")


def written_number(node: Node) -> str | None:
    """The number the source wrote, in canonical form (the value kept, never renumbered)."""
    if node.num is None:
        return None
    if node.kind == "article":
        return article_label(*parse_article_number(node.num))
    m = _CONTAINER.match(node.num)
    if m is not None:
        return f"第{to_cn(from_cn(m.group(1)))}{m.group(2)}"
    value = item_number(node)
    assert value is not None, node.num
    return f"（{to_cn(value)}）" if node.kind == "item" else f"{value}."


def node_shape(node: Node, *, canonical: bool) -> Shape:
    """Everything of a node but its uid and eid (texts and numbers made canonical when asked)."""
    text = canonical_text(node.text) if canonical else node.text
    return (
        node.kind,
        written_number(node) if canonical else node.num,
        node.heading,
        node.caption,
        node.insertion,
        text,
        tuple(node_shape(c, canonical=canonical) for c in node.children),
    )


def doc_shape(doc: Document, *, canonical: bool = False) -> Shape:
    """The whole document without uids, eids and diagnostics."""
    return (
        doc.title,
        doc.note,
        doc.preamble,
        doc.first_article,
        doc.chapter_numbering,
        tuple(node_shape(n, canonical=canonical) for n in doc.children),
        tuple((a.heading, a.paragraphs) for a in doc.annexes),
    )


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_render_then_parse_is_a_fixed_point(path: Path, fmt: str) -> None:
    """Parsing the rendering gives the canonical tree, and rendering that gives the same text."""
    render = RENDERERS[fmt]
    doc = parse_file(path)
    rendered = render(doc)
    again = parse_text(rendered)
    assert doc_shape(again) == doc_shape(doc, canonical=True)
    assert render(again) == rendered
