"""Reading a 修改决定 (text, Markdown or DOCX as issued) into a `Decision`.

The head (title, 题注) is read like a regulation's (`workbench.parse.header`). The body is cut
into the preamble (…决定对《…》作如下修改：), numbered items and closing clauses (此外，…条文顺序作
相应调整 / 本决定自…起施行 / …重新公布). Items are numbered ``一、二、`` (``1. 2.`` inside the
parts of a decision amending several instruments: ``一、修改《A》`` / ``一、关于《A》的修正``), or
``第三十二条`` in a 修正案 of the 宪法. An item starts only at the number expected next and never
inside a quote, so embedded text (``第一百二十三条…`` quoted in a 修正案, a ``1.`` 目 inside a
quoted article) is never taken for an item. Each item's words go to `workbench.amend.clauses`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.amend.clauses import read_item
from workbench.amend.decision import Closing, Decision, DecisionItem, DecisionPart, ItemStatus
from workbench.amend.operations import ClosingClause
from workbench.amend.quotes import closes_block, opens_block
from workbench.errors import ParseError
from workbench.numerals import NumeralError, from_cn
from workbench.parse import MAX_FILE_BYTES, decode_text
from workbench.parse.docx import docx_lines
from workbench.parse.header import read_header
from workbench.parse.lines import ARTICLE_RE, Line, split_lines
from workbench.refs import amended_instrument

__all__ = ["read_decision", "read_decision_file"]

_TOP = re.compile(r"^([一二三四五六七八九十百千零〇]+)、\s*(.*)$")
_ARABIC = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
_PART_HEAD = re.compile(r"^(?:关于修改|修改|关于)《(?P<name>.+)》(?:的(?:修正|修改))?[：:。]?$")
_CLOSING = re.compile(
    r"^(?:此外|另外)|^本(?:决定|修正案|修改决定)自.{0,40}施行|根据本(?:决定|修正案)作相应(?:的)?(?:修改|修正)"
)
_REORDER = re.compile(r"(?:条文|条款)顺序作(?:了)?相应(?:的)?调整|调整条文顺序")
_UNITEMISED = re.compile(r"[^，。；]*(?:文字|表述)作(?:了|相应)?(?:修改|调整)[^，。；]*")
_EFFECTIVE = re.compile(r"本(?:决定|修正案|修改决定)自[^。]*?施行。?")
_REPUBLISH = re.compile(r"[^。]*重新公布。?")
_INTRO_END = re.compile(r"(?:作如下修改|修改如下|决定如下|修正如下)[：:]$")
_OPERATION_START = re.compile(r"^(?:将|删去|删除|增加|在)")
_TARGET = re.compile(r"(?:对|将)《(?P<name>[^》]+)》(?:的部分条款)?作(?:如下)?(?:修改|修正)")
_UNNUMBERED = "（未编号）"


@dataclass(slots=True)
class _Item:
    label: str
    line: int
    paragraphs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Part:
    label: str | None = None
    heading: str | None = None
    instrument: str | None = None
    intro: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)


def read_decision_file(path: Path) -> Decision:
    """Read a decision from a ``.md``/``.txt`` or ``.docx`` file (``.doc``/``.wps`` through LibreOffice).

    Raises:
        ParseError: If the file is missing, unreadable, too large, of another kind, or empty.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ParseError(f"文件过大（{size // 1024} KiB）", file=name)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ParseError("文件不存在，请检查路径", file=name) from exc
    except IsADirectoryError as exc:
        raise ParseError("这是一个目录，不是文件", file=name) from exc
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror or exc}", file=name) from exc
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = "\n".join(docx_lines(data, path.name))
    elif suffix in (".doc", ".wps"):
        from workbench.parse.office import convert_to_docx

        text = "\n".join(docx_lines(convert_to_docx(path), path.name))
    elif suffix in (".md", ".markdown", ".txt", ".text"):
        text = decode_text(data, source=name)
    else:
        raise ParseError(
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：修改决定请提供 .md、.txt 或 .docx（或 .doc、.wps）文件",
            file=name,
        )
    return read_decision(text, source=name)


def read_decision(text: str, *, source: str | None = None) -> Decision:
    """Read a decision's text into its items and operations.

    Args:
        text: The decision as issued (plain text, Markdown, or the lines of a DOCX).
        source: The file name, for messages.

    Returns:
        The decision. Every numbered item is kept, understood or not.

    Raises:
        ParseError: If the text is empty or has no item and no operation at all.
    """
    if "\x00" in text:
        raise ParseError("这不是文本文件（含有二进制内容）", file=source)
    if not text.strip():
        raise ParseError("文件是空的，没有可读的修改决定", file=source)
    lines = split_lines(text)
    header = read_header(lines)
    body = [line for line in lines[header.body_start :] if line.text]
    title, note, body = _title_and_note(header.title, header.note, body)
    preamble, parts, closing_lines = _segment(body)
    if not any(part.items for part in parts):
        raise ParseError(
            "没有找到修改事项：修改决定应当在“作如下修改：”之后逐项写明（一、二、……）",
            file=source,
        )
    single = amended_instrument(title) or _target_in(preamble)
    built = tuple(_build_part(part, single if len(parts) == 1 else None) for part in parts)
    closing = _closing(closing_lines, built)
    return Decision(
        title=title,
        note=note,
        preamble=tuple(preamble),
        parts=built,
        closing=closing,
        source=source,
    )


def _title_and_note(title: str, note: str, body: list[Line]) -> tuple[str, str, list[Line]]:
    """A title set over several lines in plain text, with the note under it, is joined."""
    if note or not body:
        return title, note, body
    for k in range(min(3, len(body))):
        text = body[k].text
        note_like = text.startswith(("（", "(")) and text.endswith(("）", ")")) and "通过" in text
        if note_like and all(len(b.text) <= 40 and not _TOP.match(b.text) for b in body[:k]):
            joined = title + "".join(b.text for b in body[:k])
            return joined, text[1:-1], body[k + 1 :]
    return title, note, body


def _number(text: str) -> int | None:
    try:
        return from_cn(text)
    except NumeralError:
        return None


def _segment(body: list[Line]) -> tuple[list[str], list[_Part], list[str]]:
    """Cut the body into preamble, parts (each with its items) and closing paragraphs."""
    scheme = _scheme(body)
    preamble: list[str] = []
    parts: list[_Part] = []
    closing: list[str] = []
    part: _Part | None = None
    item: _Item | None = None
    expected_top = 1
    expected_sub = 1
    in_quote = False
    for line in body:
        text = line.text
        if in_quote:
            assert item is not None
            item.paragraphs.append(text)
            in_quote = not closes_block(text)
            continue
        started = False
        if scheme in ("top", "parts"):
            m = _TOP.match(text)
            if m is not None and _number(m.group(1)) == expected_top:
                expected_top += 1
                if scheme == "parts" and _PART_HEAD.match(m.group(2)):
                    name = _PART_HEAD.match(m.group(2))
                    assert name is not None
                    part = _Part(m.group(1), m.group(2), name.group("name"))
                    parts.append(part)
                    item = None
                    expected_sub = 1
                    continue
                part = part or _new_part(parts)
                item = _Item(m.group(1), line.no, [m.group(2)] if m.group(2) else [])
                part.items.append(item)
                started = True
        if not started and scheme in ("parts", "arabic"):
            m = _ARABIC.match(text)
            if m is not None and int(m.group(1)) == expected_sub and (part or scheme == "arabic"):
                expected_sub += 1
                part = part or _new_part(parts)
                label = f"{part.label}.{m.group(1)}" if part.label else m.group(1)
                item = _Item(label, line.no, [m.group(2)] if m.group(2) else [])
                part.items.append(item)
                started = True
        if not started and scheme == "articles":
            m = ARTICLE_RE.match(text)
            value = _number("".join(m.group(1).split())) if m is not None else None
            if m is not None and value is not None and (expected_top == 1 or value == expected_top):
                expected_top = value + 1
                part = part or _new_part(parts)
                item = _Item(f"第{m.group(1).strip()}条", line.no, [m.group(3).strip()])
                part.items.append(item)
                started = True
        if not started:
            if closing or (item is not None and _CLOSING.search(text)):
                closing.append(text)
                continue
            if item is not None:
                item.paragraphs.append(text)
            elif scheme == "none" and _starts_unnumbered(preamble, text):
                part = part or _new_part(parts)
                item = _Item(_UNNUMBERED, line.no, [text])
                part.items.append(item)
            elif part is not None:
                part.intro.append(text)
            else:
                preamble.append(text)
        in_quote = opens_block(text) if item is not None else False
    return preamble, parts, closing


def _starts_unnumbered(preamble: list[str], text: str) -> bool:
    """The first operation of a decision whose single change is not numbered."""
    if _CLOSING.search(text):
        return False
    return bool(preamble and _INTRO_END.search(preamble[-1])) or bool(_OPERATION_START.match(text))


def _new_part(parts: list[_Part]) -> _Part:
    part = _Part()
    parts.append(part)
    return part


def _scheme(body: list[Line]) -> str:
    """How the items are numbered.

    ``top`` (一、), ``parts`` (一、修改《A》 + 1.), ``arabic``, ``articles`` (第N条 of a 修正案) or
    ``none``.
    """
    in_quote = False
    for line in body:
        text = line.text
        if in_quote:
            in_quote = not closes_block(text)
            continue
        m = _TOP.match(text)
        if m is not None and _number(m.group(1)) == 1:
            return "parts" if _PART_HEAD.match(m.group(2)) else "top"
        m2 = _ARABIC.match(text)
        if m2 is not None and m2.group(1) == "1":
            return "arabic"
        if ARTICLE_RE.match(text):
            return "articles"
        in_quote = opens_block(text)
    return "none"


def _build_part(part: _Part, single: str | None) -> DecisionPart:
    items = tuple(_build_item(item) for item in part.items)
    return DecisionPart(
        instrument=part.instrument or single,
        heading=part.heading,
        label=part.label,
        intro=tuple(part.intro),
        items=items,
    )


def _build_item(item: _Item) -> DecisionItem:
    reading = read_item(item.paragraphs)
    status: ItemStatus = "understood"
    messages: list[str] = []
    if reading.unrecognised:
        status = "unrecognised"
        messages.extend(f"无法识别：“{words}”" for words in reading.unrecognised)
    if reading.manual:
        status = "unrecognised" if status == "unrecognised" else "manual"
        messages.extend(reading.manual)
    if not reading.operations and not messages:
        status = "unrecognised"
        messages.append("没有读出任何修改")
    return DecisionItem(
        label=item.label,
        line=item.line,
        text="\n".join(item.paragraphs),
        operations=tuple(reading.operations),
        status=status,
        message="；".join(messages) or None,
    )


def _target_in(preamble: list[str]) -> str | None:
    for text in preamble:
        m = _TARGET.search(text)
        if m is not None:
            return m.group("name")
    return None


def _closing(lines: list[str], parts: tuple[DecisionPart, ...]) -> Closing:
    reorder = False
    unitemised: str | None = None
    effective: str | None = None
    republish: str | None = None
    other: list[str] = []
    for text in lines:
        known = False
        if _REORDER.search(text):
            reorder = known = True
        m = _UNITEMISED.search(text)
        if m is not None:
            unitemised, known = m.group(0).removeprefix("此外").lstrip("，,"), True
        m = _EFFECTIVE.search(text)
        if m is not None:
            effective, known = m.group(0), True
        if "重新公布" in text:
            republish, known = text, True
        if not known:
            other.append(text)
    for part in parts:
        for item in part.items:
            for op in item.operations:
                if isinstance(op, ClosingClause):
                    if op.what == "reorder":
                        reorder = True
                    elif op.what == "effective" and effective is None:
                        effective = op.source
                    elif op.what == "republish" and republish is None:
                        republish = op.source
    return Closing(
        reorder=reorder,
        unitemised=unitemised,
        effective=effective,
        republish=republish,
        other=tuple(other),
    )
