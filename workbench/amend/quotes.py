"""Quoted text in a decision: reading it out of an item, and writing it the official way.

The official convention (`legislative-norms.md` §4.2 rule 2, §7.4 rule 23): every paragraph of
a multi-paragraph quote **opens** with ``“`` and only the last one **closes** with ``”``.
Decisions as issued also show two variants, both read here: only the first paragraph opens
(the 最高人民法院 decisions: later paragraphs and embedded ``（一）`` items carry no mark), and no
quotation marks at all, the new text standing on its own paragraphs after ``修改为：`` (the 上海
decision). Inner quotes (“规范性文件”) are balanced within their paragraph.

`tokenize` turns an item's paragraphs into a *skeleton*: its own words with each inline quote
replaced by a quote token and each quoted block by a block token, so the clause grammar can
match the words without ever looking inside quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "BLOCK_MARK",
    "QUOTE_MARK",
    "Tokenized",
    "closes_block",
    "opens_block",
    "quote_block",
    "quote_inline",
    "tokenize",
]

QUOTE_MARK = re.compile("\x01(\\d+)\x02")
"""An inline quote in a skeleton; group 1 indexes `Tokenized.quotes`."""
BLOCK_MARK = re.compile("\x03(\\d+)\x04")
"""A quoted block in a skeleton; group 1 indexes `Tokenized.blocks`."""

OPEN, CLOSE = "“", "”"
_TAIL = re.compile(r"^[。；，、,;.]?$")
"""What may follow the closing mark of a multi-paragraph quote on its last paragraph."""
_BLOCK_OPENER = re.compile(
    r"(修改为|改为|作为第[^，。；：]{1,40}|即|如下|内容为|规定|合并|分别作为[^，。；：]{1,40})[：:]$"
)
"""The words before a colon that introduce new text (an unquoted block may follow them)."""
_ONLY_QUOTE = re.compile("\x01\\d+\x02[。；]?")
_ENDS_QUOTE = re.compile("\x01\\d+\x02[。；]?\n$")
_TRAILING_CLAUSE = re.compile(r"^第[^，。；]{1,30}(相应改为|相应修改为)")
"""A paragraph after an unquoted block that is again the decision's own words."""


@dataclass(slots=True)
class Tokenized:
    """An item's words with quotes and blocks taken out."""

    skeleton: str
    """The item's own words; paragraphs end with a newline; quotes and blocks are tokens."""
    quotes: list[str] = field(default_factory=list)
    """Inline quotes (one paragraph or less), without their marks."""
    blocks: list[tuple[str, ...]] = field(default_factory=list)
    """Quoted blocks, one string per paragraph, without their marks."""
    open_block: bool = False
    """True when the item ended inside a quote that never closed."""


def _unmatched_close(text: str) -> int | None:
    """The index of the first ``”`` that closes more than ``text`` opened, or None."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth -= 1
            if depth < 0:
                return i
    return None


def _block_line(paragraph: str) -> tuple[str, str | None]:
    """One continuation paragraph of a block: its text, and the tail after the block's end.

    The tail is None while the block goes on; a string (possibly empty) when this paragraph
    closes it.
    """
    candidates = [paragraph]
    if paragraph.startswith(OPEN):
        candidates.insert(0, paragraph[1:])
    for text in candidates:
        at = _unmatched_close(text)
        if at is not None and _TAIL.match(text[at + 1 :].strip()):
            return text[:at], text[at + 1 :]
    for text in candidates:
        if _unmatched_close(text) is None and text.count(OPEN) == text.count(CLOSE):
            return text, None
    return candidates[-1], None


def tokenize(paragraphs: Sequence[str]) -> Tokenized:
    """Take the quotes and quoted blocks out of an item's paragraphs.

    Args:
        paragraphs: The item's paragraphs as written (its number already removed).

    Returns:
        The skeleton with quote and block tokens, the quotes and the blocks.
    """
    out = Tokenized("")
    parts: list[str] = []
    i = 0
    n = len(paragraphs)
    while i < n:
        para = paragraphs[i]
        pos = 0
        text: list[str] = []
        while pos < len(para):
            start = para.find(OPEN, pos)
            if start < 0:
                text.append(para[pos:])
                break
            text.append(para[pos:start])
            end = _closing(para, start)
            if end is not None:
                out.quotes.append(para[start + 1 : end])
                text.append(f"\x01{len(out.quotes) - 1}\x02")
                pos = end + 1
                continue
            # The quote runs past this paragraph: a block.
            lines = [para[start + 1 :]]
            tail: str | None = None
            i += 1
            while i < n:
                line, tail = _block_line(paragraphs[i])
                lines.append(line)
                if tail is not None:
                    break
                i += 1
            out.blocks.append(tuple(lines))
            text.append(f"\x03{len(out.blocks) - 1}\x04")
            if tail is None:
                out.open_block = True
            else:
                text.append(tail)
            break
        own = "".join(text)
        if parts and (
            _BLOCK_OPENER.search(parts[-1].rstrip("\n"))
            or (_ONLY_QUOTE.fullmatch(own) and _ENDS_QUOTE.search(parts[-1]))
        ):
            # ``修改为：`` ends one paragraph and its quote stands on the next, or quotes closed
            # paragraph by paragraph follow each other: one clause.
            parts[-1] = parts[-1].rstrip("\n")
        parts.append("".join(text) + "\n")
        i += 1
        skeleton_so_far = "".join(parts).rstrip("\n")
        if i < n and _BLOCK_OPENER.search(skeleton_so_far) and not paragraphs[i].startswith(OPEN):
            lines, i = _unquoted_block(paragraphs, i)
            out.blocks.append(tuple(lines))
            parts[-1] = parts[-1].rstrip("\n") + f"\x03{len(out.blocks) - 1}\x04\n"
    out.skeleton = "".join(parts)
    return out


def _closing(para: str, start: int) -> int | None:
    """The index of the ``”`` closing the quote opened at ``start`` in the same paragraph."""
    depth = 0
    for i in range(start, len(para)):
        ch = para[i]
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def _unquoted_block(paragraphs: Sequence[str], i: int) -> tuple[list[str], int]:
    """New text standing unquoted after ``修改为：``: every paragraph to the item's end."""
    lines: list[str] = []
    while i < len(paragraphs) and not _TRAILING_CLAUSE.match(paragraphs[i]):
        lines.append(paragraphs[i])
        i += 1
    return lines, i


def opens_block(paragraph: str) -> bool:
    """Whether ``paragraph`` opens a quote it does not close (a block follows)."""
    depth = 0
    for ch in paragraph:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE and depth > 0:
            depth -= 1
    return depth > 0


def closes_block(paragraph: str) -> bool:
    """Whether ``paragraph``, read inside a block, is the block's last."""
    return _block_line(paragraph)[1] is not None


def quote_block(lines: Sequence[str]) -> list[str]:
    """Quote paragraphs officially: each opens with ``“``, only the last closes with ``”``."""
    out = [f"{OPEN}{line}" for line in lines]
    if out:
        out[-1] += CLOSE
    return out


def quote_inline(text: str) -> str:
    """``“text”``."""
    return f"{OPEN}{text}{CLOSE}"
