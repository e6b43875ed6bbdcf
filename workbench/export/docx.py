"""The consolidated draft as a Word file laid out like a Chinese official document.

Title 小标宋 二号 centred, 题注 楷体 centred, a 目录 when the text has chapters, chapter and
section headings 黑体 centred, body 仿宋 三号 with a two-character first-line indent, article
numbers in 黑体, A4 with GB/T 9704 margins and page numbers. `workbench.parse.docx.parse_docx`
reads it back to the same tree. Must not import store or workspace.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from workbench.export.word import (
    FONT_BODY,
    FONT_HEADING,
    FONT_KAI,
    FONT_TITLE,
    SIZE_2,
    SIZE_3,
    add_page_numbers,
    add_run,
    add_text,
    new_document,
    save_bytes,
    set_first_line_chars,
    set_run_font,
)
from workbench.model import CONTAINER_KINDS, Document, Node

__all__ = ["TOC_TAG", "article_lead", "container_line", "export_draft_docx"]

TOC_TAG = "目录"
"""The tag of the content control holding the 目录 (the reader skips it)."""
_OUTLINE = {"book": 0, "part": 1, "chapter": 2, "section": 3}

_FULL_SPACE = "\u3000"


def container_line(node: Node) -> str:
    """The heading line of a 编/分编/章/节: ``第一章　总则`` (or the bare heading)."""
    parts = [p for p in (node.num, node.heading) if p]
    return _FULL_SPACE.join(parts)


def article_lead(node: Node) -> str:
    """What precedes an article's first words: ``第一条　`` or ``第一条【立法目的】``."""
    caption = f"【{node.caption}】" if node.caption else _FULL_SPACE
    return f"{node.num or ''}{caption}"


def export_draft_docx(doc: Document) -> bytes:
    """Lay out ``doc`` as a Word document.

    Args:
        doc: The draft.

    Returns:
        The ``.docx`` file as bytes.
    """
    word = new_document()
    add_page_numbers(word.sections[0])
    add_text(word, doc.title, font=FONT_TITLE, size=SIZE_2, align="center")
    for line in doc.note.split("\n") if doc.note else ():
        add_text(word, f"（{line}）", font=FONT_KAI, size=SIZE_3, align="center")
    _blank(word)
    if any(node.kind in CONTAINER_KINDS for node in doc.children):
        _toc(word, doc)
    for line in doc.preamble:
        if line.replace(" ", "").replace(_FULL_SPACE, "") == "序言":
            add_text(word, line, font=FONT_HEADING, size=SIZE_3, align="center")
        else:
            add_text(word, line, indent_chars=2)
    for node in doc.children:
        _node(word, node)
    for annex in doc.annexes:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_text(word, annex.heading, font=FONT_HEADING, size=SIZE_3, align="left")
        _blank(word)
        for line in annex.paragraphs:
            add_text(word, line, indent_chars=2)
    return save_bytes(word)


def _blank(word: Any) -> None:
    word.add_paragraph()


def _toc(word: Any, doc: Document) -> None:
    """A static 目录 (headings only, as regulations print it) inside a content control.

    A plain control tagged ``目录`` rather than Word's Table of Contents gallery: Word would
    offer to "update" a gallery TOC into page-numbered entries. `parse_docx` skips both.
    """
    existing = list(word.element.body)  # keeps the proxies alive, so `is` identifies them
    add_text(word, "目　　录", font=FONT_HEADING, size=SIZE_3, align="center")
    _blank(word)

    def walk(nodes: tuple[Node, ...], depth: int) -> None:
        for node in nodes:
            if node.kind in CONTAINER_KINDS:
                paragraph = add_text(word, container_line(node), align="left")
                set_first_line_chars(paragraph, 2 + 2 * depth)
                walk(node.children, depth + 1)

    walk(doc.children, 0)
    _blank(word)
    body = word.element.body
    moved = [el for el in body if not any(el is old for old in existing)]
    sdt = OxmlElement("w:sdt")
    sdt_pr = OxmlElement("w:sdtPr")
    for tag in ("w:alias", "w:tag"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), TOC_TAG)
        sdt_pr.append(el)
    sdt.append(sdt_pr)
    content = OxmlElement("w:sdtContent")
    for el in moved:
        if el.tag == qn("w:sectPr"):
            continue
        content.append(el)
    sdt.append(content)
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(sdt)
    else:
        body.append(sdt)


def _node(word: Any, node: Node) -> None:
    if node.kind in CONTAINER_KINDS:
        paragraph = add_text(
            word, container_line(node), font=FONT_HEADING, size=SIZE_3, align="center"
        )
        paragraph.paragraph_format.space_before = Pt(14)
        paragraph.paragraph_format.space_after = Pt(14)
        paragraph.paragraph_format.keep_with_next = True
        # An outline level puts the heading in Word's navigation pane and lets a TOC field
        # built by the reader find it, without Word's blue Heading styles.
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(_OUTLINE[node.kind]))
        paragraph._p.get_or_add_pPr().append(outline)
        for child in node.children:
            _node(word, child)
        return
    _article(word, node)


def _article(word: Any, article: Node) -> None:
    lines: list[str] = [article.text] if article.text else []
    for paragraph in article.children:
        lines.append(paragraph.text)
        for item in paragraph.children:
            lines.append(f"{item.num or ''}{item.text}")
            lines.extend(f"{sub.num or ''}{sub.text}" for sub in item.children)
    for index, text in enumerate(lines):
        paragraph = word.add_paragraph()
        set_first_line_chars(paragraph, 2)
        if index == 0:
            set_run_font(add_run(paragraph, article_lead(article)), FONT_HEADING)
        set_run_font(add_run(paragraph, text), FONT_BODY)
