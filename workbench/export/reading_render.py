"""The reports laid out: a Word document in the official layout, or Markdown.

Word: title in 小标宋 二号, the meeting line and the speaker in 楷体, the salutation flush
left, body paragraphs in 仿宋 三号 indented two characters, section headings in 黑体 kept with
the paragraph they head; every 【请补充：…】 is highlighted so staff find what they must write.
Must not import store or workspace.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_COLOR_INDEX

from workbench.export.reading_facts import ReadingReport
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

__all__ = ["reading_report_docx", "reading_report_markdown"]

_PLACEHOLDER = re.compile(r"(【请补充：[^】]*】)")


def reading_report_docx(report: ReadingReport) -> bytes:
    """The report as an A4 Word document."""
    word = new_document()
    add_page_numbers(word.sections[0])
    add_text(word, report.title, font=FONT_TITLE, size=SIZE_2, align="center")
    for line in (report.subtitle, report.speaker):
        _paragraph(word, line, font=FONT_KAI, align="center", indent=False)
    add_text(word, "")
    _paragraph(word, report.salutation, font=FONT_BODY, align="left", indent=False)
    for block in report.blocks:
        heading = block.style == "heading"
        paragraph = _paragraph(
            word,
            block.text,
            font=FONT_HEADING if heading else FONT_BODY,
            align="justify",
            indent=True,
        )
        paragraph.paragraph_format.keep_with_next = heading
    return save_bytes(word)


def _paragraph(word: Any, text: str, *, font: str, align: str, indent: bool) -> Any:
    paragraph = word.add_paragraph()
    paragraph.alignment = {"center": 1, "left": 0, "justify": 3}[align]
    if indent:
        set_first_line_chars(paragraph, 2, SIZE_3.pt)
    for piece in _PLACEHOLDER.split(text):
        if not piece:
            continue
        run = add_run(paragraph, piece)
        set_run_font(run, font, size=SIZE_3)
        if _PLACEHOLDER.fullmatch(piece):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def reading_report_markdown(report: ReadingReport) -> str:
    """The report as Markdown: the title as a heading, sections as second-level headings."""
    lines = [
        f"# {report.title}",
        "",
        report.subtitle,
        "",
        report.speaker,
        "",
        report.salutation,
        "",
    ]
    for block in report.blocks:
        lines.append(f"## {block.text}" if block.style == "heading" else block.text)
        lines.append("")
    return "\n".join(lines)
