"""What the parser must keep of a corpus file (`source_body`) and what a tree holds (`tree_text`).

`source_body` defines precisely what the parser is expected to keep of a source file; the corpus
and property tests compare it, character for character, with the text of the parsed tree.
"""

from __future__ import annotations

import re

from workbench.model import Document, iter_nodes
from workbench.numerals import NUMERAL_CHARS

__all__ = ["article_lines", "first_difference", "source_body", "tree_text"]

_WS = re.compile(r"\s+")
_INVISIBLE = str.maketrans({"\u200b": None, "\ufeff": None, "\u2060": None})
_HEADING_MARK = re.compile(r"^#{1,6}(?=\s|$)")
_COMMENT = re.compile(r"<!--.*?-->")
_PANDOC_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.[\w-]+\}")
_ARTICLE_LINE = re.compile(rf"^第[{NUMERAL_CHARS}\s]+条")
_TOC = re.compile(r"^目\s*录$")
_CAPTION = re.compile(
    rf"^(第[{NUMERAL_CHARS}\s]+条(?:之[{NUMERAL_CHARS}]+)?)"
    r"(?:[（(]([^（）()]{1,15})[）)]|〖([^〗]{1,15})〗|【([^】]{1,15})】)"
)
_ITEM_NUMERAL = re.compile(r"^[一二三四五六七八九十百]+$")
_ANNEX = re.compile(r"^附件[一二三四五六七八九十\d]*[：:]?$")
_ITEM = re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]")
_STRUCTURE = re.compile(
    rf"^(?:第[{NUMERAL_CHARS}\s]+(?:条|编|分编|章|节)|[（(]\s*[一二三四五六七八九十百]+\s*[）)])"
)
_HEADING_LINE = re.compile(rf"^第\s*[{NUMERAL_CHARS}]+\s*(?:分编|编|章|节)")
_EVENT = re.compile(r"通过|批准|修正|修订|公布|施行|颁布|发布")
_MAX_NOTE_LINES = 8


def _clean(raw: str) -> tuple[str, bool, bool]:
    """One line without markers: (text, was an H1, carried INFO END)."""
    s = raw.translate(_INVISIBLE).strip()
    while s.startswith(">"):
        s = s[1:].lstrip()
    h1 = s.startswith("# ") or s == "#"
    s = _HEADING_MARK.sub("", s).strip()
    info = "INFO END" in s
    s = _COMMENT.sub("", s).strip()
    s = _PANDOC_SPAN.sub(r"\1", s)
    return s, h1, info


def _strip_captions(lines: list[str]) -> None:
    """Remove the brackets of article captions, up to the annexes (whose lines are plain)."""
    seen_article = False
    for k, s in enumerate(lines):
        if seen_article and _ANNEX.match(_WS.sub("", s)):
            return
        m = _CAPTION.match(s)
        if m is not None:
            caption = m.group(2) or m.group(3) or m.group(4)
            if not _ITEM_NUMERAL.match(caption.strip()):
                lines[k] = m.group(1) + caption + s[m.end() :]
        seen_article = seen_article or bool(_ARTICLE_LINE.match(s))


def _drop_title_repetition(lines: list[str], title: str, start: int) -> None:
    """Blank the lines from ``start`` on that together spell ``title`` again, if they do."""
    acc, k = "", start
    while k < len(lines):
        if lines[k]:
            acc += _WS.sub("", lines[k])
            if not title.startswith(acc):
                return
            if acc == title:
                for m in range(start, k + 1):
                    lines[m] = ""
                return
        k += 1


def _strip_note_parentheses(lines: list[str], start: int) -> int:
    """Remove the outer parentheses of a 题注 starting at the first line with text from ``start``.

    A 题注 opens with ``（``/``(`` (not an item label), closes with ``）``/``)`` at the end of one
    of its first eight lines, holds an event word (通过, 批准, 修正 …) and no structural line.

    Returns:
        The index of the first line after the 题注 (``start`` when there is none).
    """
    begin = next((k for k in range(start, len(lines)) if lines[k]), None)
    if begin is None or not lines[begin].startswith(("（", "(")) or _ITEM.match(lines[begin]):
        return start
    seen: list[int] = []
    for k in range(begin, len(lines)):
        if not lines[k]:
            continue
        if seen and _STRUCTURE.match(lines[k]):
            return start
        seen.append(k)
        if lines[k].endswith(("）", ")")):
            if not _EVENT.search("".join(lines[m] for m in seen)):
                return start
            lines[begin] = lines[begin][1:]
            lines[k] = lines[k][:-1]
            return k + 1
        if len(seen) >= _MAX_NOTE_LINES:
            return start
    return start


def source_body(text: str) -> str:
    """What of a source file the parsed tree must hold, in order, without any whitespace.

    1. YAML front matter (``---`` … ``---`` at the top) is metadata, not body: removed.
    2. Markers are removed from every line: ``>`` blockquote marks, ``#`` heading marks, HTML
       comments, pandoc ``[…]{.class}`` brackets, U+200B/U+FEFF/U+2060, and the brackets of an
       article caption (条旨) right after ``第X条`` (``（立法目的）``, ``〖…〗``, ``【…】``) before
       the annexes.
    3. In a LawRefBook header (title H1 … ``<!-- INFO END -->``) further H1 lines are moved after
       the date lines: they open the body (``# 物权编``), the dates are the 题注.
    4. A plain repetition of the title (possibly wrapped) right under the H1 of a file with front
       matter, or right after the INFO END marker, is removed.
    5. Without an INFO END header, a 题注 in parentheses right under the title loses its outer
       parentheses (the tree stores the note without them).
    6. A 目录 block is removed when the body (after title, INFO END header or 题注) starts with
       a ``目录`` line: up to the second occurrence of its first entry or the first ``第…条``
       line (kept when neither follows, or when its first entry is no ``第X章``-style heading).
    7. All whitespace is removed.
    """
    raw_lines = text.lstrip("\ufeff").splitlines()
    front_matter = False
    if raw_lines and raw_lines[0].strip() == "---":
        for j in range(1, len(raw_lines)):
            if raw_lines[j].strip() == "---":
                raw_lines = raw_lines[j + 1 :]
                front_matter = True
                break
    cleaned = [_clean(r) for r in raw_lines]
    lines = [c[0] for c in cleaned]
    _strip_captions(lines)
    title_at = next((k for k, c in enumerate(cleaned) if c[0] and c[1]), None)
    info_at = next((k for k, c in enumerate(cleaned) if c[2]), None)
    if title_at is not None and info_at is not None and info_at > title_at:
        block = range(title_at + 1, info_at)
        heads = [lines[k] for k in block if cleaned[k][1]]
        rest = [lines[k] for k in block if not cleaned[k][1]]
        lines[title_at + 1 : info_at] = rest + heads
        _drop_title_repetition(lines, _WS.sub("", lines[title_at]), info_at + 1)
        body_start = info_at + 1
    elif title_at is not None:
        if front_matter:
            _drop_title_repetition(lines, _WS.sub("", lines[title_at]), title_at + 1)
        body_start = _strip_note_parentheses(lines, title_at + 1)
    else:
        body_start = 0
    toc_at = next((k for k in range(body_start, len(lines)) if lines[k]), None)
    if toc_at is not None and _TOC.match(_WS.sub("", lines[toc_at])):
        first: str | None = None
        end = toc_at + 1
        while end < len(lines):
            key = _WS.sub("", lines[end])
            if key:
                if _ARTICLE_LINE.match(lines[end]):
                    break
                if first is None:
                    if not _HEADING_LINE.match(lines[end]):
                        break
                    first = key
                elif key == first:
                    break
            end += 1
        if end < len(lines) and first is not None:
            del lines[toc_at:end]
    return _WS.sub("", "".join(lines))


def tree_text(doc: Document) -> str:
    """Everything the tree holds, in document order, without whitespace.

    Numbers a diagnostic says were inferred (``heading-without-number``) are left out: they are
    not in the source.
    """
    inferred = {d.uid for d in doc.diagnostics if d.code == "heading-without-number"}
    parts = [doc.title, doc.note, *doc.preamble]
    for node in iter_nodes(doc.children):
        if node.num and node.uid not in inferred:
            parts.append(node.num)
        parts.extend(p for p in (node.heading, node.caption, node.text) if p)
    for annex in doc.annexes:
        parts.append(annex.heading)
        parts.extend(annex.paragraphs)
    return _WS.sub("", "".join(parts))


def article_lines(text: str) -> int:
    """How many lines (markers stripped) start with ``第…条``, front matter excluded."""
    raw_lines = text.lstrip("\ufeff").splitlines()
    if raw_lines and raw_lines[0].strip() == "---":
        for j in range(1, len(raw_lines)):
            if raw_lines[j].strip() == "---":
                raw_lines = raw_lines[j + 1 :]
                break
    return sum(1 for r in raw_lines if _ARTICLE_LINE.match(_clean(r)[0]))


def first_difference(a: str, b: str) -> str:
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {k}: source …{a[max(0, k - 30) : k + 30]}… tree …{b[max(0, k - 30) : k + 30]}…"
