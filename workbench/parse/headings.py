"""Headings that lost their ``第X章``/``第X节`` label, found from the lines around them.

Some sources drop the label of a heading (北京市人民代表大会议事规则: ``调查委员会``; 济南市城乡规划
条例: ``城乡规划的实施`` / ``一般规定``). Such a line is short, has no sentence punctuation and stands
right before an article; the parser gives it the next number and a diagnostic.
"""

from __future__ import annotations

import re

from workbench.model import NodeKind
from workbench.numerals import NumeralError
from workbench.parse.builder import NodeData
from workbench.parse.lines import (
    ANNEX_RE,
    ARTICLE_RE,
    HEADING_RE,
    ITEM_RE,
    SUBITEM_RE,
    Line,
    compact,
    read_numeral,
)

__all__ = [
    "KIND_OF",
    "MAX_HEADING",
    "MAX_LOST_HEADING",
    "continues_heading",
    "is_short_title",
    "lost_first_section",
    "lost_heading_kinds",
    "next_text",
]

KIND_OF: dict[str, NodeKind] = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}
"""The node kind of each heading word."""

MAX_LOST_HEADING = 24
"""Longest title (characters, whitespace aside) a heading without its label may have."""

MAX_HEADING = 60
"""Longest heading title (characters) the parser accepts."""

_SENTENCE_PUNCT = re.compile(r"[，。；：,;:！？!?“”\"]")
_HEADING_BAD = re.compile(r"[。；：;:！？]")


def is_short_title(text: str) -> bool:
    """A line that can be a heading: short, no sentence punctuation, no label of its own."""
    if len(text) > 3 * MAX_LOST_HEADING or _SENTENCE_PUNCT.search(text):
        return False
    if len(compact(text)) > MAX_LOST_HEADING:
        return False
    return not (
        ITEM_RE.match(text)
        or SUBITEM_RE.match(text)
        or ARTICLE_RE.match(text)
        or HEADING_RE.match(text)
        or ANNEX_RE.match(compact(text))
    )


def next_text(lines: list[Line], j: int) -> int:
    """Index of the first line at or after ``j`` that has text (``len(lines)`` if none)."""
    while j < len(lines) and not lines[j].text:
        j += 1
    return j


def lost_heading_kinds(
    lines: list[Line], i: int, last_kind: NodeKind | None
) -> tuple[NodeKind, ...] | None:
    """The kinds of the headings without label starting at ``lines[i]``, if it starts any.

    A short unpunctuated line before an article is a heading of the kind last opened (a 章 if
    none was); two such lines before an article are a 章 and its first 节. Only what follows in
    the text decides, never a heading's label, so the canonical rendering (which writes the
    inferred labels) parses back to the same tree. Call it only after the first article
    (before it, such lines are preamble).

    Args:
        lines: The cleaned source lines.
        i: Index of the candidate line.
        last_kind: The kind of the last heading opened, if any.

    Returns:
        One kind, two kinds (章 then 节), or None when the line is no heading.
    """
    if not is_short_title(lines[i].text):
        return None
    j = next_text(lines, i + 1)
    if j >= len(lines):
        return None
    following = lines[j].text
    if ARTICLE_RE.match(following):
        return (last_kind or "chapter",)
    if is_short_title(following):
        k = next_text(lines, j + 1)
        if k < len(lines) and ARTICLE_RE.match(lines[k].text):
            return ("chapter", "section")
    return None


def lost_first_section(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]``, right under a 章 heading, is the title of its lost 第一节.

    ``第三章　产业促进`` / ``招商引资`` / ``第二十条…`` … ``第二节　人才支持``: a short unpunctuated
    line followed by an article, in a chapter whose next 节 heading (before any 章 or 编) is
    第二节, can only be the 第一节 that lost its label. Without such a later 节 the line is a
    chapter title continued on the next line.
    """
    if not is_short_title(lines[i].text):
        return False
    j = next_text(lines, i + 1)
    if j >= len(lines) or not ARTICLE_RE.match(lines[j].text):
        return False
    for line in lines[j + 1 :]:
        m = HEADING_RE.match(line.text)
        if m is None:
            continue
        if KIND_OF[m.group(2)] != "section":
            return False
        try:
            return read_numeral(m.group(1))[0] == 2
        except NumeralError:
            return False
    return False


def continues_heading(top: NodeData, text: str) -> bool:
    """Whether ``text`` is the rest of the title of the open heading, which has nothing yet.

    北京市人民代表大会议事规则: ``第三章  审议工作报告、地方性法规案和议案`` /
    ``审查国民经济、社会发展计划和财政预算``.
    """
    return bool(
        top.get("num")
        and not top["children"]
        and not top["text"]
        and not ANNEX_RE.match(compact(text))
        and len(compact(text)) <= MAX_HEADING - len(top["heading"] or "")
        and not _HEADING_BAD.search(text)
    )
