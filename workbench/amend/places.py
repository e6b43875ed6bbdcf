"""Places named in a decision's clauses: the words that name them, and reading them.

The numbered part of a place (第十二条第二款第三项, 第二条、第三条, 第七项至第十五项) is read by
the citation grammar of `workbench.refs` (one implementation of that rule); this module only
finds where such words stand in a clause, takes off the instrument's name written before them
(刑法第…, 《解释》第…), and adds the places that are not citations: 序言第七自然段, 引言, 名称.
"""

from __future__ import annotations

import re

from workbench.amend.operations import Place
from workbench.numerals import NumeralError, from_cn
from workbench.refs import CitationError, CitationTarget, parse_citation

__all__ = ["LIST", "NUM", "PLACE", "SEQ", "PlaceError", "read_number", "read_places"]

NUM = "[零〇○一二三四五六七八九十百千两0-9０-９]+"
"""A numeral as written in a decision."""
_UNIT = f"(?:分编|编|章|节|条(?:之{NUM})?|款|项|目)"
_ATOM = rf"第\s*(?:{NUM}|[（(]\s*{NUM}\s*[）)])\s*{_UNIT}"
SEQ = rf"(?:{_ATOM})+"
"""One numbered place: 第十二条第二款第三项."""
LIST = rf"{SEQ}(?:(?:、|和|及|以及|或者|至|到){SEQ})*"
"""Numbered places joined as a list or range."""
_SPECIAL = rf"序言第{NUM}自然段|序言|引言|前言|名称|标题|题目|第{NUM}自然段"
_PREFIX = r"(?:(?:原|该)?(?:《[^》\n]{1,80}》|宪法|刑法|[^\s，。；：、“”\x01-\x04第]{1,24}?(?:法|条例|解释|规定|办法|细则|决定))(?=第|序言|引言))"
PLACE = rf"(?:{_PREFIX})?(?:{LIST}|{_SPECIAL})"
"""A place as a clause writes it, with an optional instrument name before it."""

_PREFIX_RE = re.compile(_PREFIX)
_PARAGRAPH_OF_PREAMBLE = re.compile(rf"^(?:序言)?第({NUM})自然段$")
_BARE_NUMERAL_UNIT = re.compile(
    r"(?<=[将为、和至删去除])((?!两)[零〇○一二三四五六七八九十百千0-9０-９]+(?:条|款|项))(?![，,]?(?:分别)?作为)"
)


class PlaceError(ValueError):
    """Words that should name a place do not (the message says which)."""


def read_number(text: str) -> int:
    """A numeral (Chinese or Arabic) as an int.

    Raises:
        PlaceError: If ``text`` is no numeral.
    """
    try:
        return from_cn(text.strip())
    except NumeralError as exc:
        raise PlaceError(f"无法识别的序号“{text}”") from exc


def add_missing_di(text: str) -> str:
    """Put back a 第 some decisions leave out (将十一条修改为, 改为二十四条)."""
    return _BARE_NUMERAL_UNIT.sub(r"第\1", text)


def read_places(text: str) -> list[Place]:
    """Read the place(s) that ``text`` names, as the old text numbers them.

    Args:
        text: Words matched by `PLACE`: ``刑法第十七条``, ``第二条、第三条``, ``第七项至第十五项``,
            ``序言第七自然段``, ``引言``, ``名称``.

    Returns:
        One place per member; ranges are listed one by one (``第七项至第九项`` → 7, 8, 9).

    Raises:
        PlaceError: If the words name no place.
    """
    words = text.strip()
    m = _PREFIX_RE.match(words)
    if m is not None and m.end() < len(words):
        words = words[m.end() :]
    if words in ("序言", "引言", "前言"):
        return [Place(preamble=0)]
    if words in ("名称", "标题", "题目"):
        return [Place(title=True)]
    pm = _PARAGRAPH_OF_PREAMBLE.match(words)
    if pm is not None:
        return [Place(preamble=read_number(pm.group(1)))]
    try:
        citation = parse_citation(words)
    except CitationError as exc:
        raise PlaceError(f"无法识别的位置“{text}”") from exc
    out: list[Place] = []
    for member in citation.members:
        first = _place(member.first)
        if member.last is None:
            out.append(first)
            continue
        out.extend(_range(first, _place(member.last), text))
    if not out:
        raise PlaceError(f"“{text}”没有指出具体条款")
    return out


def _place(target: CitationTarget) -> Place:
    levels = target.levels()
    return Place(
        book=levels.get("book"),
        part=levels.get("part"),
        chapter=levels.get("chapter"),
        section=levels.get("section"),
        article=levels.get("article"),
        article_suffix=target.article_suffix,
        paragraph=levels.get("paragraph"),
        item=levels.get("item"),
        subitem=levels.get("subitem"),
    )


def _range(first: Place, last: Place, text: str) -> list[Place]:
    """The places from ``first`` to ``last`` (same level, differing only in their last number)."""
    level = first.level
    if last.level != level or level in ("title", "preamble"):
        raise PlaceError(f"范围“{text}”的起止不是同一层级")
    lo, hi = getattr(first, level), getattr(last, level)
    if lo is None or hi is None or hi < lo or first.article_suffix or last.article_suffix:
        raise PlaceError(f"范围“{text}”无法逐一列出")
    if first.model_copy(update={level: 0}) != last.model_copy(update={level: 0}):
        raise PlaceError(f"范围“{text}”的起止不在同一上级之下")
    return [first.model_copy(update={level: n}) for n in range(lo, hi + 1)]
