"""Brackets that do not pair up in a source text (…修正）） or 《条例 without its 》).

A stray bracket is carried into every export built from the text, so the parser reports it at
import, with the line, instead of leaving it for a reader of the 对照表 to find. The text is read
as one run, so a 题注 in parentheses over several lines pairs up across them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.model import Diagnostic
from workbench.model.trusted import diagnostic

__all__ = ["check_brackets"]

_PAIRS = {"）": "（", ")": "(", "》": "《", "〉": "〈", "】": "【", "〕": "〔", "”": "“"}
_OPENING = {v: k for k, v in _PAIRS.items()}
_BRACKET = re.compile("[" + re.escape("".join((*_PAIRS, *_OPENING))) + "]")
"""Any bracket this module pairs: only these characters of a line are looked at."""
_MAX_FINDINGS = 20
"""More than this many in one text means it is not prose (a table, code): stop reporting."""


def check_brackets(lines: Sequence[tuple[int, str]]) -> list[Diagnostic]:
    """Warnings for each closing bracket without its opening one, and each opening left open.

    Args:
        lines: The source lines as (line number, words).

    Returns:
        One warning per stray bracket (at most `_MAX_FINDINGS`), in text order.
    """
    found: list[Diagnostic] = []
    open_: list[tuple[str, int]] = []
    for number, line in lines:
        if (
            line.startswith("“")
            and open_
            and open_[-1] == ("“", open_[-1][1])
            and open_[-1][1] < number
        ):
            open_.pop()  # a quote over several paragraphs opens each one with “ (and closes once)
        for ch in _BRACKET.findall(line):
            if ch in _OPENING:
                open_.append((ch, number))
            elif ch in _PAIRS:
                if open_ and open_[-1][0] == _PAIRS[ch]:
                    open_.pop()
                elif any(o == _PAIRS[ch] for o, _ in open_):
                    while open_[-1][0] != _PAIRS[ch]:  # the ones in between were never closed
                        found.append(_unclosed(*open_.pop()))
                    open_.pop()
                else:
                    found.append(
                        diagnostic(
                            severity="warning",
                            code="stray-bracket",
                            message=f"多出一个“{ch}”（前面没有与之配对的“{_PAIRS[ch]}”）："
                            "请删去它，或补上前面漏掉的括号",
                            line=number,
                        )
                    )
    found += [_unclosed(ch, number) for ch, number in open_]
    found.sort(key=lambda d: d.line or 0)
    return found[:_MAX_FINDINGS]


def _unclosed(ch: str, line: int) -> Diagnostic:
    return diagnostic(
        severity="warning",
        code="stray-bracket",
        message=f"“{ch}”没有与之配对的“{_OPENING[ch]}”：请补上，或删去多余的“{ch}”",
        line=line,
    )
