"""Source lines, cleaned of Markdown and transcription debris, and the patterns that classify them.

The parser never trusts Markdown heading depth or indentation; this module turns every raw line
into a `Line` whose ``text`` is the words as written, with the markers around them removed:
``#`` heading marks, ``>`` blockquote marks, HTML comments (``<!-- INFO END -->``), pandoc
``[text]{.mark}`` spans, U+200B and U+FEFF, and leading or trailing whitespace (ASCII, U+3000, TAB).
It imports nothing of the workbench but the numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.numerals import NUMERAL_CHARS, from_cn, to_cn

__all__ = [
    "ANNEX_RE",
    "ARTICLE_RE",
    "CAPTION_RE",
    "HEADING_RE",
    "ITEM_RE",
    "SUBITEM_RE",
    "SUPPLEMENTARY_RE",
    "TOC_RE",
    "Line",
    "compact",
    "read_numeral",
    "split_lines",
    "tighten",
]

_N = NUMERAL_CHARS

ARTICLE_RE = re.compile(rf"^第([{_N}\s]+?)\s*条(?:之\s*([{_N}]+))?(.*)$", re.DOTALL)
"""``第十五条`` / ``第一百二十八 条`` / ``第十七条之一`` at line start; group 3 is the rest."""

HEADING_RE = re.compile(rf"^第\s*([{_N}]+)\s*(分编|编|章|节)(.*)$")
"""``第二章　总则`` etc.; group 3 is the separator and title (validated by the parser)."""

SUPPLEMENTARY_RE = re.compile(r"^附\s*则$")
"""The unnumbered 附则 heading of a code (or a 附则 chapter that lost its number)."""

ITEM_RE = re.compile(r"^[（(]\s*([一二三四五六七八九十百]+)\s*[）)]\s*(.*)$")
"""An item (项) label ``（一）`` / ``(一)`` / ``（一） `` and the item's words."""

SUBITEM_RE = re.compile(r"^(?:(\d{1,2})\s*([.．、])(?!\d)|[（(](\d{1,2})[）)])\s*(.*)$")
"""A subitem (目) label ``1.`` / ``1．`` / ``1、`` / ``（1）`` and its words."""

CAPTION_RE = re.compile(r"^(?:[（(]([^（）()]{1,15})[）)]|〖([^〗]{1,15})〗|【([^】]{1,15})】)")
"""An article caption (条旨) right after the number: ``（立法目的）``, ``〖目的依据〗``."""

ANNEX_RE = re.compile(r"^附件\s*([一二三四五六七八九十\d]*)\s*[：:]?$")
"""An annex heading ``附件一`` / ``附件`` on a line of its own."""

TOC_RE = re.compile(r"^目\s*录$")
"""The 目录 line that opens a table of contents."""

_HEADING_MARK = re.compile(r"^(#{1,6})(?=\s|$)")
_COMMENT = re.compile(r"<!--(.*?)-->")
_PANDOC_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.[\w-]+\}")
_INVISIBLE_CHARS = ("\u200b", "\ufeff", "\u2060")
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass(slots=True)
class Line:
    """One source line, cleaned; ``text`` is empty for blank and marker-only lines."""

    no: int
    """1-based line number in the source."""
    text: str
    """The words of the line without markers and surrounding whitespace."""
    md_heading: int = 0
    """The number of ``#`` the line started with (0 when it is no Markdown heading)."""
    quoted: bool = False
    """The line was inside a ``>`` blockquote."""
    comment: str = ""
    """The text of an HTML comment on the line (``INFO END``), stripped."""


@lru_cache(maxsize=16384)
def read_numeral(text: str) -> tuple[int, bool]:
    """The value of a numeral and whether it is written canonically (``十``, not ``一十``).

    Each distinct numeral is read once per process (a law repeats its few hundred numbers in
    headings and citations); a table of all 9,999 built up front cost 20–50 ms of start-up.

    Raises:
        NumeralError: If ``text`` is not a numeral.
    """
    value = from_cn(text)
    return value, 1 <= value < 10000 and to_cn(value) == text


def compact(text: str) -> str:
    """``text`` without any whitespace (the form used to compare titles and headings)."""
    return _SPACE.sub("", text)


def tighten(text: str) -> str:
    """Remove letter-spacing: whitespace next to a CJK character goes (``总　　则`` → ``总则``)."""
    return _CJK_GAP.sub("", text.strip())


def split_lines(source: str) -> list[Line]:
    """Clean every line of ``source`` (any newline convention).

    Returns:
        One `Line` per non-blank source line, in order, numbered as in the source. Lines left
        empty by cleaning (a lone ``>``, ``##``, ``<!-- INFO END -->``) are kept.
    """
    out: list[Line] = []
    append = out.append
    for ch in _INVISIBLE_CHARS:
        if ch in source:
            source = source.replace(ch, "")
    for no, raw in enumerate(source.splitlines(), start=1):
        s = raw.strip()
        if not s:
            continue
        quoted = False
        level = 0
        if s[0] in ">#":
            while s.startswith(">"):
                quoted = True
                s = s[1:].lstrip()
            m = _HEADING_MARK.match(s)
            if m is not None:
                level = len(m.group(1))
                s = s[m.end() :].strip()
        comment = ""
        if "<!--" in s:
            comment = " ".join(c.strip() for c in _COMMENT.findall(s))
            s = _COMMENT.sub("", s).strip()
        if "]{." in s:
            s = _PANDOC_SPAN.sub(r"\1", s)
        append(Line(no, s, level, quoted, comment))
    return out
