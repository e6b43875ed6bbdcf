"""Chinese numerals for the numbers a regulation uses (编/章/节/条/项), both ways.

Output is canonical per `legislative-norms.md` §3 (十, 一百一十, 一百零一, 一千零一十); input is
lenient (〇/○/零 as zero, 两 as two, a leading 十, Arabic and full-width digits) and
`parse_cn_strict` tells whether what was written is canonical. This module imports nothing of the
workbench; every other layer may use it.
"""

from __future__ import annotations

import re

__all__ = [
    "CN_DIGITS",
    "NUMERAL_CHARS",
    "NumeralError",
    "article_label",
    "format_article_number",
    "from_cn",
    "is_canonical",
    "parse_article_number",
    "to_cn",
]

CN_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES: dict[str, int] = {c: i for i, c in enumerate(CN_DIGITS)}
_DIGIT_VALUES.update({"〇": 0, "○": 0, "两": 2})
_DIGIT_VALUES.update({str(i): i for i in range(10)})
_DIGIT_VALUES.update({chr(0xFF10 + i): i for i in range(10)})
_UNITS = {"十": 10, "百": 100, "千": 1000}

NUMERAL_CHARS = "零〇○一二三四五六七八九十百千两0-9０-９"
"""A regex character-class body matching every character a lenient numeral may contain."""

_ARTICLE_RE = re.compile(rf"^第\s*([{NUMERAL_CHARS}]+)\s*条(?:之([{NUMERAL_CHARS}]+))?$")


class NumeralError(ValueError):
    """A string is not a Chinese (or Arabic) numeral the workbench can read."""


def to_cn(n: int) -> str:
    """Write ``n`` (1–9999) as a canonical Chinese numeral.

    Args:
        n: The number.

    Returns:
        The numeral: ``十`` for 10, ``一百一十`` for 110, ``一千零一`` for 1001.

    Raises:
        NumeralError: If ``n`` is outside 1–9999.
    """
    if not 1 <= n <= 9999:
        raise NumeralError(f"数字超出范围（1–9999）：{n}")
    out: list[str] = []
    started = False
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out.append("零")
            zero = False
        if value == 10 and digit == 1 and not started:
            out.append("十")
        else:
            out.append(CN_DIGITS[digit] + unit)
        started = True
    return "".join(out)


def from_cn(text: str) -> int:
    """Read a numeral leniently: Chinese (with 〇/○/零/两), Arabic or full-width digits.

    Args:
        text: The numeral, without 第 or a unit such as 条.

    Returns:
        Its value.

    Raises:
        NumeralError: If ``text`` is empty or not a numeral.
    """
    s = text.strip()
    if not s:
        raise NumeralError("空的数字")
    if all(c in _DIGIT_VALUES and c not in "零〇○一二三四五六七八九两" for c in s):
        # Arabic or full-width digits.
        return int("".join(str(_DIGIT_VALUES[c]) for c in s))
    if all(c in _DIGIT_VALUES for c in s) and len(s) > 1:
        # Digit-by-digit form such as 二〇〇八 (years).
        return int("".join(str(_DIGIT_VALUES[c]) for c in s))
    total = 0
    pending: int | None = None
    for ch in s:
        if ch in _UNITS:
            unit = _UNITS[ch]
            digit = 1 if pending is None else pending
            total += digit * unit
            pending = None
        elif ch in _DIGIT_VALUES:
            value = _DIGIT_VALUES[ch]
            if value != 0:
                if pending is not None:
                    raise NumeralError(f"无法识别的数字：{text}")
                pending = value
        else:
            raise NumeralError(f"无法识别的数字：{text}")
    if pending is not None:
        total += pending
    if total == 0:
        raise NumeralError(f"无法识别的数字：{text}")
    return total


def is_canonical(text: str) -> bool:
    """Tell whether ``text`` is the canonical Chinese form of the number it denotes."""
    try:
        return to_cn(from_cn(text)) == text.strip()
    except NumeralError:
        return False


def parse_article_number(label: str) -> tuple[int, int]:
    """Read an article label such as ``第十五条`` or ``第一百三十三条之二``.

    Args:
        label: The label, spaces inside tolerated.

    Returns:
        ``(number, suffix)``; ``suffix`` is 0 for a plain article, N for 之N.

    Raises:
        NumeralError: If the label is not an article label.
    """
    m = _ARTICLE_RE.match(label.strip())
    if m is None:
        raise NumeralError(f"不是条的序号：{label}")
    suffix = from_cn(m.group(2)) if m.group(2) else 0
    return from_cn(m.group(1)), suffix


def format_article_number(number: int, suffix: int = 0) -> str:
    """Write an article number without 第/条: ``十五`` or ``一百三十三条之二`` style pieces.

    Returns:
        ``to_cn(number)`` plus ``条之N`` when ``suffix`` is set (without the leading 第 and,
        for a plain article, without the trailing 条).
    """
    return to_cn(number) if suffix == 0 else f"{to_cn(number)}条之{to_cn(suffix)}"


def article_label(number: int, suffix: int = 0) -> str:
    """The canonical label of an article: ``第十五条``, ``第十五条之一``."""
    return f"第{to_cn(number)}条" + (f"之{to_cn(suffix)}" if suffix else "")
