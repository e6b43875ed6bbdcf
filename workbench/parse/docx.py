"""Word in: a ``.docx`` draft as drafting departments send it, turned into a `Document`.

The paragraphs become text lines (labels that Word's automatic numbering draws, such as
``第%1条`` on ``numPr`` paragraphs, are rebuilt from ``numbering.xml``) and go through the text
parser, which already knows the drafting conventions. A 目录 inside a content control (Word's
Table of Contents gallery, or the workbench's own control tagged ``目录``) is skipped. The file is untrusted: its size, the zip members' total uncompressed size
and compression ratios are checked, and any XML part whose parsed prolog declares a DOCTYPE is refused,
before python-docx opens it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.errors import ParseError
from workbench.model import Document, UidFactory
from workbench.numerals import to_cn
from workbench.parse.text import parse_text
from workbench.parse.xmlsafe import declares_dtd

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_DOCX_PART",
    "MAX_DOCX_RATIO",
    "MAX_DOCX_UNCOMPRESSED",
    "check_docx_package",
    "docx_lines",
    "parse_docx",
]

MAX_DOCX_BYTES = 20 * 1024 * 1024
"""The largest ``.docx`` accepted (20 MB)."""
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
"""The largest total uncompressed size of its zip members (200 MB)."""
MAX_DOCX_PART = 32 * 1024 * 1024
"""The largest uncompressed XML part (python-docx builds its whole tree: about ten times this)."""
MAX_DOCX_RATIO = 200
"""The largest compression ratio of a member above 1 MB (zip bombs reach thousands)."""
_MAX_MEMBERS = 5000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PLACEHOLDER = re.compile(r"%([1-9])")
_DRAFT_SUFFIX = re.compile(r"^(?:[（(][^（）()]{0,20}(?:草案|稿)[^（）()]{0,20}[）)])+$")
_STRUCTURE = re.compile(r"^第[一二三四五六七八九十百千零〇两\d\s]+[编章节条]|^目\s*录$")
_REMOVED = frozenset({f"{{{_W}}}del", f"{{{_W}}}moveFrom"})


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def check_docx_package(data: bytes, name: str) -> None:
    """Refuse a file that is too large, not a zip, a zip bomb, or has DTDs in its XML.

    Raises:
        ParseError: Naming the file and the reason, in Chinese.
    """
    if len(data) > MAX_DOCX_BYTES:
        raise ParseError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB），上限为 "
            f"{MAX_DOCX_BYTES // 1024 // 1024} MB",
            file=name,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseError("不是有效的 Word（.docx）文件：无法按 zip 包读取", file=name) from exc
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_MEMBERS:
            raise ParseError(f"文件包含的部件过多（{len(members)} 个），拒绝读取", file=name)
        total = sum(m.file_size for m in members)
        if total > MAX_DOCX_UNCOMPRESSED:
            raise ParseError(
                f"文件解压后过大（{total // 1024 // 1024} MB），疑似压缩炸弹，拒绝读取", file=name
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > MAX_DOCX_RATIO:
                raise ParseError(
                    f"部件 {member.filename} 压缩比异常（{ratio:.0f}:1），疑似压缩炸弹，拒绝读取",
                    file=name,
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_DOCX_PART:
                raise ParseError(
                    f"部件 {member.filename} 解压后 {member.file_size // 1024 // 1024} MB，超过 "
                    f"{MAX_DOCX_PART // 1024 // 1024} MB 的上限（民法典正文约 5 MB）：拒绝读取",
                    file=name,
                )
        if "word/document.xml" not in archive.namelist():
            raise ParseError("不是有效的 Word（.docx）文件：缺少 word/document.xml", file=name)
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            # zipfile never reads a member past its declared (and checked) size.
            try:
                with archive.open(member) as handle:
                    unsafe = declares_dtd(handle)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise ParseError(f"文件已损坏：部件 {member.filename} 无法解压", file=name) from exc
            if unsafe:
                raise ParseError(
                    f"部件 {member.filename} 含有 DOCTYPE 或实体声明，出于安全原因拒绝读取",
                    file=name,
                )


def parse_docx(path: Path, *, uids: UidFactory | None = None, validate: bool = True) -> Document:
    """Read a Word draft into a `Document`.

    Args:
        path: The ``.docx`` file.
        uids: Mints the new nodes' uids (seeded in tests).
        validate: Check the tree against the model (`workbench.parse.text.parse_text`).

    Returns:
        The tree, with the text parser's diagnostics.

    Raises:
        ParseError: The file is unreadable, unsafe or has no text.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror}", file=name) from exc
    lines = docx_lines(data, name)
    if not any(line.strip() for line in lines):
        raise ParseError("文件中没有文字", file=name)
    return parse_text("\n".join(lines), source=name, uids=uids, validate=validate)


def docx_lines(data: bytes, name: str) -> list[str]:
    """The text lines of a ``.docx`` in reading order, automatic numbering rebuilt.

    Paragraphs become lines separated by blank lines (so each is its own 款); the 目录 content
    control is skipped; table cells are read row by row. A title set over several centred
    paragraphs (``……条例`` / ``（草案）``) becomes one line.

    Raises:
        ParseError: The package is unsafe or not a Word file.
    """
    check_docx_package(data, name)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ParseError(
            "无法打开 Word 文件：内部结构已损坏或不是 Word 文档，请用 Word 打开后另存为 .docx 再试",
            file=name,
        ) from exc
    numbering = _Numbering(word)
    paragraphs: list[tuple[str, bool]] = []
    for p in _paragraphs(word.element.body):
        text = _paragraph_text(p)
        label = numbering.label(p)
        if label:
            text = f"{label}\u3000{text.lstrip()}" if _needs_space(label) else label + text
        if text.strip():
            paragraphs.append((text, _title_like(p)))
    lines: list[str] = []
    for text in _join_title(paragraphs):
        lines.extend(text.split("\n"))
        lines.append("")
    return lines


def _join_title(paragraphs: list[tuple[str, bool]]) -> list[str]:
    """Join the paragraphs a title is set over into one, leave the rest as they are."""
    if not paragraphs:
        return []
    title, first_like = paragraphs[0][0].strip(), paragraphs[0][1]
    rest = 1
    while rest < len(paragraphs) and len(title) < 80:
        text, like = paragraphs[rest][0].strip(), paragraphs[rest][1]
        if _DRAFT_SUFFIX.match(text) or (
            first_like
            and like
            and len(text) <= 40
            and not _STRUCTURE.match(text)
            and not text.startswith(("（", "("))
        ):
            title += text
            rest += 1
        else:
            break
    return [title, *(text for text, _ in paragraphs[rest:])]


def _title_like(p: Any) -> bool:
    """Centred and set large or bold, or in the Title style: a line of the title."""
    ppr = p.find(_q("pPr"))
    if ppr is None:
        return False
    style = ppr.find(_q("pStyle"))
    if style is not None and (style.get(_q("val")) or "").lower() in ("title", "标题"):
        return True
    jc = ppr.find(_q("jc"))
    if jc is None or jc.get(_q("val")) != "center":
        return False
    for rpr in p.iter(_q("rPr")):
        size = rpr.find(_q("sz"))
        bold = rpr.find(_q("b"))
        if bold is not None and bold.get(_q("val")) not in ("0", "false"):
            return True
        if size is not None and int(size.get(_q("val")) or 0) >= 36:
            return True
    return False


def _needs_space(label: str) -> bool:
    return label.endswith(("条", "章", "节", "编"))


def _paragraphs(body: Any) -> Iterator[Any]:
    for el in body.iterchildren():
        if el.tag == _q("p"):
            yield el
        elif el.tag == _q("tbl"):
            yield from el.iter(_q("p"))
        elif el.tag == _q("sdt"):
            gallery = el.find(f"{_q('sdtPr')}/{_q('docPartObj')}/{_q('docPartGallery')}")
            if gallery is not None and "Table of Contents" in (gallery.get(_q("val")) or ""):
                continue
            tag = el.find(f"{_q('sdtPr')}/{_q('tag')}")
            if tag is not None and tag.get(_q("val")) == "目录":
                continue
            content = el.find(_q("sdtContent"))
            if content is not None:
                yield from _paragraphs(content)


def _paragraph_text(p: Any) -> str:
    """The visible text of a paragraph: runs, tabs and breaks.

    Tracked changes read as accepted: inserted text is kept, deleted and moved-away text
    (``w:del``, ``w:moveFrom``) left out; hidden text (``w:vanish``) is left out too.
    """
    out: list[str] = []
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr")):
        run = el.getparent()
        if run is not None and (
            (run.getparent() is not None and run.getparent().tag in _REMOVED)
            or run.find(f"{_q('rPr')}/{_q('vanish')}") is not None
        ):
            continue
        if el.tag == _q("t"):
            out.append(el.text or "")
        elif el.tag == _q("tab"):
            out.append("\t")
        elif el.get(_q("type")) not in ("page", "column"):
            out.append("\n")
    return "".join(out)


class _Numbering:
    """Rebuilds the labels Word's automatic numbering draws in front of paragraphs."""

    def __init__(self, word: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._abstract_of: dict[str, str] = {}
        self._overrides: dict[tuple[str, int], int] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        try:
            part = word.part.numbering_part
        except (KeyError, NotImplementedError):
            return
        root = part.element
        for abstract in root.iterfind(_q("abstractNum")):
            aid = abstract.get(_q("abstractNumId")) or ""
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iterfind(_q("lvl")):
                levels[int(lvl.get(_q("ilvl")) or 0)] = _level(lvl)
            self._levels[aid] = levels
        for num in root.iterfind(_q("num")):
            nid = num.get(_q("numId")) or ""
            ref = num.find(_q("abstractNumId"))
            if ref is not None:
                self._abstract_of[nid] = ref.get(_q("val")) or ""
            for override in num.iterfind(_q("lvlOverride")):
                start = override.find(_q("startOverride"))
                if start is not None:
                    ilvl = int(override.get(_q("ilvl")) or 0)
                    self._overrides[(nid, ilvl)] = int(start.get(_q("val")) or 1)
        for style in word.styles:
            num_pr = style.element.find(f"{_q('pPr')}/{_q('numPr')}")
            if num_pr is not None:
                self._style_num[style.style_id] = _num_pr(num_pr)

    def label(self, p: Any) -> str:
        """The label Word draws before ``p``, or an empty string."""
        ppr = p.find(_q("pPr"))
        ref: tuple[str, int] | None = None
        if ppr is not None:
            num_pr = ppr.find(_q("numPr"))
            if num_pr is not None:
                ref = _num_pr(num_pr)
            else:
                style = ppr.find(_q("pStyle"))
                if style is not None:
                    ref = self._style_num.get(style.get(_q("val")) or "")
        if ref is None:
            return ""
        nid, ilvl = ref
        aid = self._abstract_of.get(nid)
        if nid == "0" or aid is None or aid not in self._levels:
            return ""
        levels = self._levels[aid]
        counters = self._counters.setdefault(nid, {})
        start = self._overrides.get((nid, ilvl), levels.get(ilvl, ("", "", 1))[2])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if ilvl not in levels:
            return ""
        fmt, text, _start = levels[ilvl]

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            level_fmt = levels.get(level, (fmt, "", 1))[0]
            n = counters.get(level, levels.get(level, ("", "", 1))[2])
            return _format(n, level_fmt)

        if fmt == "none":
            return _PLACEHOLDER.sub("", text)
        return _PLACEHOLDER.sub(value, text)


def _num_pr(num_pr: Any) -> tuple[str, int]:
    nid = num_pr.find(_q("numId"))
    ilvl = num_pr.find(_q("ilvl"))
    return (
        nid.get(_q("val")) if nid is not None else "0",
        int(ilvl.get(_q("val")) or 0) if ilvl is not None else 0,
    )


def _level(lvl: Any) -> tuple[str, str, int]:
    fmt_el = lvl.find(_q("numFmt"))
    text_el = lvl.find(_q("lvlText"))
    start_el = lvl.find(_q("start"))
    fmt = fmt_el.get(_q("val")) if fmt_el is not None else "decimal"
    text = text_el.get(_q("val")) if text_el is not None else ""
    start = int(start_el.get(_q("val")) or 1) if start_el is not None else 1
    return fmt or "decimal", text or "", start


def _format(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return to_cn(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    return str(n)
