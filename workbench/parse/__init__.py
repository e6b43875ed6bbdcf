"""Inbound: plain text, Markdown (DOCX and Akoma Ntoso XML elsewhere in this package) → article tree.

Never imports Textual, Rich or click, nor the renderer (a sibling layer).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import ParseError
from workbench.model import Document, UidFactory, iter_nodes
from workbench.model.trusted import diagnostic
from workbench.parse.text import parse_text

if TYPE_CHECKING:
    from workbench.parse.akn import parse_akn
    from workbench.parse.docx import parse_docx
    from workbench.parse.draft_json import parse_draft_json

__all__ = [
    "MAX_FILE_BYTES",
    "decode_text",
    "parse_akn",
    "parse_docx",
    "parse_draft_json",
    "parse_file",
    "parse_text",
    "warn_without_articles",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest file the parser reads (the 民法典 is 0.3 MiB); larger ones are refused."""

_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})


_LAZY = {
    "MAX_AKN_BYTES": "workbench.parse.akn",
    "parse_akn": "workbench.parse.akn",
    "parse_docx": "workbench.parse.docx",
    "parse_draft_json": "workbench.parse.draft_json",
}
"""Names loaded on first use: the XML and Word readers pull in lxml and zipfile, the draft
JSON reader its own JSON guards, none of which a plain-text parse (``workbench parse law.md``)
or diff needs at start-up."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def decode_text(data: bytes, *, source: str | None = None) -> str:
    """Decode a text file: UTF-8, UTF-16 with BOM, else GB18030.

    UTF-8 may carry a BOM; UTF-16 is what Notepad saves as "Unicode"; GB18030 (a superset of GBK)
    is what Chinese Windows writes by default.

    Raises:
        ParseError: If the bytes are none of these.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"文件以 UTF-16 标记开头，但第{exc.start}字节起无法解码，请另存为 UTF-8 文本",
                file=source,
            ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"无法识别文件编码（第{exc.start}字节起既不是 UTF-8 也不是 GB18030），"
            "请另存为 UTF-8 文本",
            file=source,
        ) from exc


def parse_file(path: Path, *, uids: UidFactory | None = None, validate: bool = True) -> Document:
    """Read a regulation from a file, choosing the reader by suffix.

    Args:
        path: A ``.md``/``.markdown``/``.txt`` file, a Word ``.docx`` (or ``.doc``/``.wps``,
            converted through LibreOffice, see `workbench.parse.office`), an Akoma Ntoso ``.xml``
            or a draft as JSON (``workbench show --format json``).
        uids: Where new uids come from; a random factory by default.
        validate: Check a tree the workbench's own parser built against the model (see
            `parse_text`); a draft JSON and an Akoma Ntoso file are always checked.

    Returns:
        The parsed document.

    Raises:
        ParseError: If the file is missing, unreadable, too large, of an unknown kind or empty.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from workbench.parse.docx import parse_docx

        doc = parse_docx(path, uids=uids, validate=validate)
    elif suffix in (".xml", ".akn"):
        from workbench.parse.akn import MAX_AKN_BYTES, parse_akn

        doc = parse_akn(_read(path, name, MAX_AKN_BYTES), source=path.name, uids=uids)
    elif suffix in (".doc", ".wps"):
        from workbench.parse.office import parse_legacy_word

        doc = parse_legacy_word(path, uids=uids, validate=validate)
    elif suffix == ".json":
        from workbench.parse.draft_json import parse_draft_json

        doc = parse_draft_json(_read(path, name, MAX_FILE_BYTES), source=name)
    elif suffix in _TEXT_SUFFIXES:
        data = _read(path, name, MAX_FILE_BYTES)
        doc = parse_text(decode_text(data, source=name), source=name, uids=uids, validate=validate)
    else:
        raise ParseError(
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：请提供 .md、.markdown、.txt、.docx（或 .doc、.wps）、.xml 或草案 .json 文件",
            file=name,
        )
    return warn_without_articles(doc)


def warn_without_articles(doc: Document) -> Document:
    """``doc`` with a warning added when it has no article (no ``第X条`` was recognised).

    Such a text is kept whole (as preamble or annexes), but it is rarely what was meant: the
    wrong file, a 决定 numbered 一、二、, or numbering the parser could not read.
    """
    if any(node.kind == "article" for node in iter_nodes(doc.children)):
        return doc
    warning = diagnostic(
        severity="warning",
        code="no-articles",
        message="没有识别出任何条文（“第X条”）：全文按序言或附件保存。"
        "请确认文件是否为法规草案正文，条文是否以“第一条”这样的序号开头",
    )
    return doc.model_copy(update={"diagnostics": (*doc.diagnostics, warning)})


def _read(path: Path, name: str, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ParseError(
                f"文件过大（{size // 1024} KiB，上限 {limit // 1024 // 1024} MiB）",
                file=name,
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ParseError("文件不存在，请检查路径", file=name) from exc
    except IsADirectoryError as exc:
        raise ParseError("这是一个目录，不是文件", file=name) from exc
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror or exc}", file=name) from exc
