"""A 修改决定 as a document: Word in the official layout, plain text and Markdown.

The layout is the draft's (`workbench.export.docx`): title 小标宋 二号 centred (a long title
breaks before 关于, as decisions are printed), the 题注 楷体 centred under it, the body 仿宋 三号
with a two-character first-line indent, item numbers part of their paragraph. The words come from
`workbench.amend.writer`, so every export reads back to the same operations.
"""

from __future__ import annotations

import re

from workbench.amend import Decision, decision_paragraphs, decision_text
from workbench.export.word import (
    FONT_KAI,
    FONT_TITLE,
    SIZE_2,
    SIZE_3,
    add_page_numbers,
    add_text,
    new_document,
    save_bytes,
)

__all__ = ["decision_docx", "decision_markdown", "decision_plain"]

_TITLE_BREAK = "关于"
_LINE = 20
"""The most characters of 二号 type a title line holds on an A4 page."""
_CUT = re.compile(r"常务委员会|代表大会|人民政府|若干问题")


def _title_lines(title: str) -> list[str]:
    """A long title set over lines as decisions are printed.

    It breaks before 关于, and a line too long for the page after 委员会/代表大会
    (…常务委员会 / 关于修改《…常务委员会 / …条例》的决定).
    """
    at = title.find(_TITLE_BREAK)
    lines = [title[:at], title[at:]] if len(title) > _LINE and at > 0 else [title]
    out: list[str] = []
    for line in lines:
        while len(line) > _LINE:
            cuts = [m.end() for m in _CUT.finditer(line) if 6 <= m.end() <= _LINE]
            if not cuts:
                break
            out.append(line[: cuts[-1]])
            line = line[cuts[-1] :]
        out.append(line)
    return out


def decision_docx(decision: Decision) -> bytes:
    """The decision as a Word file laid out like the workbench's other official documents."""
    word = new_document()
    add_page_numbers(word.sections[0])
    for line in _title_lines(decision.title):
        add_text(word, line, font=FONT_TITLE, size=SIZE_2, align="center")
    if decision.note:
        add_text(word, f"（{decision.note}）", font=FONT_KAI, size=SIZE_3, align="center")
    word.add_paragraph()
    for paragraph in decision_paragraphs(decision):
        add_text(word, paragraph, indent_chars=2)
    return save_bytes(word)


def decision_plain(decision: Decision) -> str:
    """The decision as plain text (one paragraph per line, blank lines between)."""
    return decision_text(decision)


def decision_markdown(decision: Decision) -> str:
    """The decision as Markdown: ``#`` title, the 题注, then its paragraphs."""
    head = [f"# {decision.title}"]
    if decision.note:
        head.append(f"（{decision.note}）")
    return "\n\n".join([*head, *decision_paragraphs(decision)]) + "\n"
