"""The head of a regulation: front matter, title, 题注 (history note); and 目录 blocks to skip.

Both corpus conventions are read here (see ``../shared/corpus/README.md``):

* LawRefBook: ``# title``, ``YYYY年M月D日 event`` lines, ``<!-- INFO END -->``; a code split by 编
  carries a second H1 (``# 物权编``) that is the first heading of the body. The broken 民法典 header
  continues after the marker (``会议通过）``); that line is joined back with a diagnostic.
* whthomas: YAML front matter, ``# title``, the title repeated as plain (hard-wrapped) text, a
  parenthesised note (possibly a blockquote, possibly split over lines), then a 目录 block.

A plain text pasted from Word has its title on the first line and the note in ``（…）`` under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.model import Diagnostic
from workbench.model.trusted import diagnostic
from workbench.parse.lines import (
    ARTICLE_RE,
    HEADING_RE,
    ITEM_RE,
    TOC_RE,
    Line,
    compact,
)

__all__ = ["Header", "read_header", "skip_toc"]

_EVENT = re.compile(r"通过|批准|修正|修订|公布|施行|颁布|发布")
_EVENT_END = re.compile(r"(通过|批准|修正|修订|公布|施行|颁布|发布|）|\))$")
_DATE_START = re.compile(r"^\d{4}\s*年")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*):\s*(.*)$")
_MAX_NOTE_LINES = 8
_INFO_SCAN = 80


@dataclass(slots=True)
class Header:
    """What the head of a text says, and where its body starts."""

    title: str = ""
    """The title as written (first H1, else front matter, else the first line)."""
    note: str = ""
    """The 题注 without its outer parentheses."""
    front_matter: dict[str, str] = field(default_factory=dict)
    """YAML front matter fields (whthomas files), values unquoted."""
    body_start: int = 0
    """Index (into the line list) of the first body line."""
    body_headings: list[Line] = field(default_factory=list)
    """Extra H1 lines of the header that open the body (``# 物权编`` in a split code)."""
    toc: list[str] = field(default_factory=list)
    """The skipped 目录 entries, whitespace removed, in order."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """What was noticed while reading the header."""


def _is_marker(text: str) -> bool:
    return bool(ARTICLE_RE.match(text) or HEADING_RE.match(text) or ITEM_RE.match(text))


def _next_nonblank(lines: list[Line], i: int) -> int:
    while i < len(lines) and not lines[i].text:
        i += 1
    return i


def read_header(lines: list[Line]) -> Header:
    """Read title, note and front matter from the start of ``lines`` and skip a 目录 block.

    Args:
        lines: The cleaned lines of the whole source.

    Returns:
        The header, with ``body_start`` pointing at the first line of the body.
    """
    h = Header()
    i = _front_matter(lines, h)
    i = _next_nonblank(lines, i)
    if i < len(lines) and lines[i].md_heading == 1:
        h.title = lines[i].text
        i += 1
    elif h.front_matter.get("title"):
        h.title = h.front_matter["title"]
    elif i < len(lines) and not _is_marker(lines[i].text):
        h.title = lines[i].text
        i += 1
    else:
        h.diagnostics.append(
            diagnostic(
                severity="warning",
                code="missing-title",
                message="找不到标题：第一行应当是法规名称",
                line=lines[i].no if i < len(lines) else None,
            )
        )
    info = _info_end(lines, i)
    if info is not None:
        i = _lawrefbook_header(lines, i, info, h)
        i = _title_repetition(lines, i, h)
    else:
        if h.front_matter:
            # Only the two corpus conventions repeat the title; elsewhere a first paragraph
            # that reads like the title is the author's and stays.
            i = _title_repetition(lines, i, h)
        i = _parenthesised_note(lines, i, h)
    h.body_start = i
    return h


def _front_matter(lines: list[Line], h: Header) -> int:
    if not lines or lines[0].text != "---" or lines[0].md_heading:
        return 0
    for j in range(1, min(len(lines), 200)):
        if lines[j].text == "---":
            for line in lines[1:j]:
                m = _FRONT_KEY.match(line.text)
                if m:
                    h.front_matter[m.group(1)] = m.group(2).strip().strip('"').strip("'")
            return j + 1
    return 0


def _info_end(lines: list[Line], start: int) -> int | None:
    for j in range(start, min(len(lines), start + _INFO_SCAN)):
        if "INFO END" in lines[j].comment:
            return j
        if lines[j].md_heading >= 2:
            return None  # the body has started: no LawRefBook header
        if ARTICLE_RE.match(lines[j].text) and not _DATE_START.match(lines[j].text):
            if j > start and lines[j - 1].text and not lines[j - 1].comment:
                continue  # a wrapped header line may start with 第X条 (文物保护法 题注)
            return None
    return None


def _lawrefbook_header(lines: list[Line], i: int, info: int, h: Header) -> int:
    parts: list[str] = []
    for line in lines[i:info]:
        if not line.text:
            continue
        if line.md_heading == 1:
            h.body_headings.append(line)
            continue
        if ARTICLE_RE.match(line.text):
            h.diagnostics.append(
                diagnostic(
                    severity="info",
                    code="not-an-article",
                    message=f"第{line.no}行以“第…条”开头，但位于题注中，不作为条处理",
                    line=line.no,
                )
            )
        if parts and not _DATE_START.match(line.text):
            parts[-1] += line.text
        else:
            parts.append(line.text)
    i = info + 1
    j = _next_nonblank(lines, i)
    if (
        parts
        and j < len(lines)
        and not lines[j].md_heading
        and len(lines[j].text) <= 30
        and not _is_marker(lines[j].text)
        and _EVENT_END.search(lines[j].text)
        and not _EVENT_END.search(parts[-1])
    ):
        h.diagnostics.append(
            diagnostic(
                severity="warning",
                code="header-split",
                message=(
                    f"第{lines[j].no}行“{lines[j].text}”位于信息头结束标记之后，"
                    "但接续上一行的题注，已并入题注"
                ),
                line=lines[j].no,
            )
        )
        parts[-1] += lines[j].text
        i = j + 1
    h.note = "\u3000".join(parts)
    return i


def _title_repetition(lines: list[Line], i: int, h: Header) -> int:
    target = compact(h.title)
    if not target:
        return i
    acc = ""
    j = i
    while True:
        j = _next_nonblank(lines, j)
        if j >= len(lines) or lines[j].md_heading or _is_marker(lines[j].text):
            return i
        acc += compact(lines[j].text)
        if acc == target:
            h.diagnostics.append(
                diagnostic(
                    severity="info",
                    code="title-repeated",
                    message=f"第{lines[i].no}–{lines[j].no}行重复了标题，已略去",
                    line=lines[_next_nonblank(lines, i)].no,
                )
            )
            return j + 1
        if not target.startswith(acc):
            return i
        j += 1


def _parenthesised_note(lines: list[Line], i: int, h: Header) -> int:
    j = _next_nonblank(lines, i)
    if j >= len(lines) or not lines[j].text.startswith(("（", "(")) or ITEM_RE.match(lines[j].text):
        return i
    parts: list[str] = []
    k = j
    while k < len(lines) and len(parts) < _MAX_NOTE_LINES:
        text = lines[k].text
        if text:
            if parts and _is_marker(text):
                return i
            parts.append(text)
            if text.endswith(("）", ")")):
                joined = "".join(parts)
                if not _EVENT.search(joined):
                    return i
                h.note = joined[1:-1]
                if len(parts) > 1:
                    h.diagnostics.append(
                        diagnostic(
                            severity="info",
                            code="joined-hard-wrap",
                            message=f"题注折行（第{lines[j].no}–{lines[k].no}行），已合并为一行",
                            line=lines[j].no,
                        )
                    )
                return k + 1
        k += 1
    return i


def skip_toc(lines: list[Line], i: int, toc: list[str], diagnostics: list[Diagnostic]) -> int:
    """Skip a 目录 block if one starts at ``lines[i]``; its entries go to ``toc``.

    The block runs to the second occurrence of its first entry (the real heading) or to the
    first article, whichever comes first. A 目录 line whose first entry is no ``第X章``-style
    heading, or that is followed by neither, is no table of contents and is kept.

    Returns:
        The index of the first line after the block (``i`` when there is none).
    """
    j = _next_nonblank(lines, i)
    if j >= len(lines) or not TOC_RE.match(compact(lines[j].text)):
        return i
    k = j + 1
    first: str | None = None
    entries: list[str] = []
    while k < len(lines):
        text = lines[k].text
        if text:
            key = compact(text)
            if ARTICLE_RE.match(text):
                break
            if first is None:
                if not HEADING_RE.match(text):
                    return i  # a table of contents lists 编/章/节 first
                first = key
            elif key == first:
                break
            entries.append(key)
        k += 1
    else:
        return i
    if first is None:
        return i
    toc.extend(entries)
    diagnostics.append(
        diagnostic(
            severity="info",
            code="toc-skipped",
            message=f"第{lines[j].no}–{lines[k - 1].no}行是目录，已略去（章节标题以正文为准）",
            line=lines[j].no,
        )
    )
    return k
