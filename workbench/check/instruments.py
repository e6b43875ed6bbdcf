"""Names and dates of instruments: how a citation's name finds a law, how a text is dated.

A law is cited by its full name in 书名号 (《中华人民共和国立法法》), by its short name without the
country (立法法, `legislative-norms.md` §2.5), with 〈〉, ＜＞ or <> for a title inside a title.
`name_key` reduces all of these to one key. A text is dated by its 题注: the last
通过/修正/修订/批准/公布 event (a 施行 date is when it takes effect, not a version), else by the
``(YYYY-MM-DD)`` in its file name.
"""

from __future__ import annotations

import re
from datetime import date

from workbench.model import Document
from workbench.numerals import NumeralError, from_cn

__all__ = ["COUNTRY_PREFIX", "name_key", "note_date", "parse_date", "short_names", "text_date"]

COUNTRY_PREFIX = "中华人民共和国"
"""The prefix national laws drop in their short names (中华人民共和国立法法 → 立法法)."""

_SPACE = re.compile(r"[\s\u3000\u200b]+")
_NESTED = str.maketrans({"＜": "〈", "<": "〈", "＞": "〉", ">": "〉", "(": "（", ")": "）"})
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEAR = r"(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})"
_MD = r"[\d一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"{_YEAR}\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
_EFFECT = re.compile(r"^[^。；]{0,12}(?:起)?施行")
_FILE_DATE = re.compile(r"[（(](\d{4})-(\d{2})-(\d{2})[）)]")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN_DATE = re.compile(rf"^{_DATE.pattern}$")


def name_key(name: str) -> str:
    """The lookup key of an instrument's name: no 书名号, spaces or variant brackets."""
    cleaned = _SPACE.sub("", name).translate(_NESTED)
    if cleaned.startswith("《") and cleaned.endswith("》"):
        cleaned = cleaned[1:-1]
    return cleaned


def short_names(title: str) -> tuple[str, ...]:
    """The names other than ``title`` that a text cites it by (中华人民共和国立法法 → 立法法)."""
    key = name_key(title)
    out: list[str] = []
    if key.startswith(COUNTRY_PREFIX) and len(key) > len(COUNTRY_PREFIX) + 1:
        out.append(key[len(COUNTRY_PREFIX) :])
    return tuple(out)


def _number(text: str) -> int:
    if text.isdigit() and text.isascii():
        return int(text)
    return from_cn(text)


def _match_date(m: re.Match[str]) -> date | None:
    year_text = m.group("y")
    try:
        year = (
            int(year_text)
            if year_text.isascii()
            else int("".join(str(_CN_DIGITS[c]) for c in year_text))
        )
        return date(year, _number(m.group("m")), _number(m.group("d")))
    except (NumeralError, ValueError, KeyError):
        return None


def note_date(note: str) -> date | None:
    """The version date a 题注 gives: its latest event that is not a 施行 (commencement) date."""
    found: date | None = None
    for m in _DATE.finditer(note):
        if _EFFECT.match(note[m.end() : m.end() + 20]):
            continue
        value = _match_date(m)
        if value is not None and (found is None or value > found):
            found = value
    return found


def text_date(doc: Document, file_name: str | None = None) -> date | None:
    """The date of a text: the later of its 题注's date and the ``(YYYY-MM-DD)`` in its file name.

    A file named with a later date than its 题注's last event holds a version the 题注 does not
    record (a copy whose history was cut short), or is dated by its publication: either way the
    text stands as of the later date.
    """
    found = note_date(doc.note)
    named: date | None = None
    if file_name:
        m = _FILE_DATE.search(file_name)
        if m:
            try:
                named = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                named = None
    if found is None or (named is not None and named > found):
        return named
    return found


def parse_date(text: str) -> date:
    """Read a date as people type it: ``2023-03-13`` or ``2023年3月13日``.

    Raises:
        ValueError: It is neither (the message, in Chinese, shows both forms).
    """
    value = text.strip()
    m = _ISO.match(value)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        cn = _CN_DATE.match(value)
        if cn:
            found = _match_date(cn)
            if found is not None:
                return found
    except ValueError:
        pass
    raise ValueError(f"无法识别的日期“{text}”：请写成 2023-03-13 或 2023年3月13日")
