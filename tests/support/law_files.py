"""Law texts as files, written byte by byte: plain text, Word, Akoma Ntoso, draft JSON.

Built from a small `Document` through the workbench's own exporters, then altered the way a
hostile or careless sender would (a DOCTYPE in UTF-16, padding, control characters...).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from workbench.export.akn import AknIdentity, export_akn
from workbench.export.docx import export_draft_docx
from workbench.model import Document, Node

__all__ = ["LAW_TEXT", "akn_bytes", "docx_bytes", "small_document", "with_doctype"]

LAW_TEXT = "某某条例\n\n第一条　为了测试，制定本条例。\n\n第二条　本条例自公布之日起施行。\n"
"""A two-article regulation as plain text."""


def small_document(text: str = "为了测试，制定本条例。") -> Document:
    """A two-article regulation; the first article's text as given (anything, controls too)."""

    def article(n: int, words: str) -> Node:
        para = Node(kind="paragraph", uid=f"law{n:04d}p", eid=f"art_{n}__para_1", text=words)
        return Node(kind="article", uid=f"law{n:04d}a", eid=f"art_{n}", num=f"第{'一二'[n - 1]}条",
                    children=(para,))  # fmt: skip

    return Document(
        title="某某条例", children=(article(1, text), article(2, "本条例自公布之日起施行。"))
    )


def akn_bytes(doc: Document | None = None) -> bytes:
    """The document as Akoma Ntoso XML."""
    return export_akn(doc or small_document(), AknIdentity("cj", "law", dt.date(2026, 1, 1)))


def docx_bytes(doc: Document | None = None, *, parts: dict[str, bytes] | None = None) -> bytes:
    """The document as a Word file, with zip members replaced or added by ``parts``."""
    original = zipfile.ZipFile(io.BytesIO(export_draft_docx(doc or small_document())))
    members = {info.filename: original.read(info) for info in original.infolist()}
    members.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_doctype(xml: bytes, *, encoding: str = "utf-8", padding: int = 0) -> bytes:
    """``xml`` (UTF-8, with a declaration) carrying an entity-declaring DOCTYPE before its root.

    Args:
        xml: The original document.
        encoding: Re-encode the result (``utf-16`` hides the declaration from a byte search).
        padding: Characters of comment put before the DOCTYPE (past a fixed-size prefix check).
    """
    text = xml.decode("utf-8")
    end = text.index("?>") + 2
    root = text.index("<", end)
    name = text[root + 1 :].split(None, 1)[0].split(">", 1)[0]
    prolog = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    pad = f"<!--{' ' * padding}-->" if padding else ""
    dtd = f'<!DOCTYPE {name} [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    return (prolog + pad + dtd + text[root:]).encode(encoding)
