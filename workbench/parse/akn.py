"""Akoma Ntoso 3.0 in: an AKN ``act`` (as `workbench.export.akn` writes it) back to a `Document`.

Uids come from the ``GUID`` attributes (minted when missing), eids from ``eId`` (derived from
the labels when missing or malformed). The XML is untrusted: no DTD, no entity expansion, no
network, no huge trees, and a size limit.
"""

from __future__ import annotations

import re
from typing import Literal

from lxml import etree
from pydantic import ValidationError

from workbench.controls import clean_text, has_controls
from workbench.errors import ParseError
from workbench.model import Annex, Diagnostic, Document, Node, NodeKind, UidFactory, assign_eids
from workbench.model.ids import EID_PATTERN, UID_PATTERN
from workbench.model.messages import first_problem
from workbench.parse.xmlsafe import declares_dtd, xml_error, xml_parser

__all__ = ["MAX_AKN_BYTES", "parse_akn"]

MAX_AKN_BYTES = 8 * 1024 * 1024
"""The largest XML file accepted (8 MiB; 民法典 in AKN is about 2 MB): the whole tree is built."""
MAX_AKN_ELEMENTS = 200_000
"""The most elements read into nodes (民法典 has some twenty thousand)."""

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
WB_NS = "https://workbench.example/ns/akn"
_A = f"{{{AKN_NS}}}"
_KIND: dict[str, NodeKind] = {
    "book": "book",
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "paragraph": "paragraph",
}
_EID = re.compile(EID_PATTERN)
_UID = re.compile(UID_PATTERN)


class _Context:
    def __init__(self, source: str, uids: UidFactory) -> None:
        self.source = source
        self.uids = uids
        self.eids_ok = True
        self.seen: set[str] = set()
        self.diagnostics: list[Diagnostic] = []

    def uid(self, el: etree._Element) -> str:
        guid = el.get("GUID")
        if guid and _UID.match(guid) and guid not in self.seen:
            self.seen.add(guid)
            return guid
        if guid:
            self.diagnostics.append(
                Diagnostic(
                    severity="warning",
                    code="akn-bad-guid",
                    message=f"第{el.sourceline}行的 GUID “{guid}” 无效或重复，已重新生成标识",
                    line=el.sourceline,
                )
            )
        new = self.uids()
        while new in self.seen:
            new = self.uids()
        self.seen.add(new)
        return new


def parse_akn(
    data: bytes, *, source: str | None = None, uids: UidFactory | None = None
) -> Document:
    """Read an Akoma Ntoso 3.0 ``act`` into a `Document`.

    Args:
        data: The XML bytes.
        source: The file name, for error messages.
        uids: Mints uids for elements without a usable ``GUID``.

    Returns:
        The tree, with uids from the GUIDs and eids from the eIds.

    Raises:
        ParseError: The file is too large, declares a DTD or entities, is not well-formed, or
            is not an AKN ``act``.
    """
    name = source or "XML 文件"
    if len(data) > MAX_AKN_BYTES:
        raise ParseError(
            f"文件过大（{len(data) // 1024 // 1024} MB），上限为 {MAX_AKN_BYTES // 1024 // 1024} MB",
            file=name,
        )
    if declares_dtd(data):
        raise ParseError("文件含有 DOCTYPE 或实体声明，出于安全原因拒绝读取", file=name)
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"不是格式正确的 XML：{xml_error(exc)}", file=name, line=exc.lineno
        ) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ParseError("文件含有 DOCTYPE 或实体声明，出于安全原因拒绝读取", file=name)
    act = root.find(_A + "act") if root.tag == _A + "akomaNtoso" else None
    if act is None:
        raise ParseError(
            f"不是 Akoma Ntoso 3.0 法规文件（应以 akomaNtoso/act 开头，命名空间 {AKN_NS}）",
            file=name,
        )
    elements = sum(1 for _ in root.iter())
    if elements > MAX_AKN_ELEMENTS:
        raise ParseError(
            f"XML 元素过多（{elements} 个，上限 {MAX_AKN_ELEMENTS} 个）：不像一部法规", file=name
        )
    ctx = _Context(name, uids or UidFactory())
    _clean_tree(root, ctx)
    title = _text(act.find(f"{_A}preface/{_A}longTitle//{_A}docTitle"))
    if not title:
        alias = act.find(f"{_A}meta/{_A}identification/{_A}FRBRWork/{_A}FRBRalias")
        title = alias.get("value", "") if alias is not None else ""
    if not title:
        raise ParseError("文件缺少标题（preface/longTitle）", file=name)
    note = "\n".join(_text(p) for p in act.iterfind(f"{_A}preface/{_A}p[@class='note']"))
    preamble = tuple(_text(p) for p in act.iterfind(f"{_A}preamble/{_A}p"))
    body = act.find(_A + "body")
    if body is None:
        raise ParseError("文件缺少正文（body）", file=name)
    children = tuple(
        _node(el, None, ctx) for el in body if isinstance(el.tag, str) and _is_hier(el, None)
    )
    annexes = tuple(_annex(el, ctx) for el in act.iterfind(f"{_A}attachments/{_A}attachment"))
    first_article, numbering = _settings(act)
    try:
        doc = Document(
            title=title,
            note=note,
            preamble=preamble,
            children=children,
            annexes=annexes,
            first_article=first_article,
            chapter_numbering=numbering,
            diagnostics=tuple(ctx.diagnostics),
        )
    except ValueError as exc:
        raise ParseError(f"结构不合法：{_problem(exc)}", file=name) from exc
    return doc if ctx.eids_ok else assign_eids(doc)


def _is_hier(el: etree._Element, parent_kind: NodeKind | None) -> bool:
    local = etree.QName(el).localname
    return local in _KIND or (local == "point" and parent_kind in ("paragraph", "item"))


def _node(el: etree._Element, parent_kind: NodeKind | None, ctx: _Context) -> Node:
    local = etree.QName(el).localname
    kind: NodeKind
    if local == "point":
        kind = "item" if parent_kind == "paragraph" else "subitem"
    else:
        kind = _KIND[local]
    eid = el.get("eId") or ""
    if not _EID.match(eid):
        ctx.eids_ok = False
        eid = "x_1"
    num_el = el.find(_A + "num")
    heading_el = el.find(_A + "heading")
    heading = _text(heading_el) if heading_el is not None else None
    content = el.find(_A + "content")
    if content is None:
        content = el.find(_A + "intro")
    text = "\n".join(_text(p) for p in content.iterfind(_A + "p")) if content is not None else ""
    children = tuple(
        _node(child, kind, ctx)
        for child in el
        if isinstance(child.tag, str) and _is_hier(child, kind)
    )
    try:
        return Node(
            kind=kind,
            uid=ctx.uid(el),
            eid=eid,
            num=_text(num_el) if num_el is not None else None,
            heading=heading if kind != "article" else None,
            caption=heading if kind == "article" else None,
            insertion=kind == "article" and "insertion" in (el.get("class") or "").split(),
            text=text,
            children=children,
        )
    except ValueError as exc:
        raise ParseError(
            f"第{el.sourceline}行的 {local} 元素结构不合法：{_problem(exc)}",
            file=ctx.source,
            line=el.sourceline,
        ) from exc


def _annex(el: etree._Element, ctx: _Context) -> Annex:
    doc = el.find(_A + "doc")
    heading = ""
    paragraphs: list[str] = []
    if doc is not None:
        heading = _text(doc.find(f"{_A}preface/{_A}p/{_A}docTitle"))
        ps = list(doc.iterfind(f"{_A}mainBody/{_A}p"))
        if not (len(ps) == 1 and ps[0].get("class") == "empty"):
            paragraphs = [_text(p) for p in ps]
    return Annex(uid=ctx.uid(el), heading=heading or "附件", paragraphs=tuple(paragraphs))


def _settings(act: etree._Element) -> tuple[int, Literal["continuous", "per_book"]]:
    el = act.find(f"{_A}meta/{_A}proprietary/{{{WB_NS}}}settings")
    if el is None:
        return 1, "continuous"
    try:
        first = max(1, int(el.get("firstArticle", "1")))
    except ValueError:
        first = 1
    numbering: Literal["continuous", "per_book"] = (
        "per_book" if el.get("chapterNumbering") == "per_book" else "continuous"
    )
    return first, numbering


def _problem(exc: ValueError) -> str:
    """A model's refusal in Chinese (pydantic speaks English)."""
    return first_problem(exc) if isinstance(exc, ValidationError) else str(exc)


def _clean_tree(root: etree._Element, ctx: _Context) -> None:
    """Apply the control-character rule to every text of the tree, a warning per element."""
    for el in root.iter():
        removed: list[str] = []
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and has_controls(value):
                clean, found = clean_text(value)
                setattr(el, attr, clean)
                removed.extend(found)
        if removed:
            ctx.diagnostics.append(
                Diagnostic(
                    severity="warning",
                    code="control-characters",
                    message=f"第{el.sourceline}行删除了看不见的控制字符（{'、'.join(dict.fromkeys(removed))}）",
                    line=el.sourceline,
                )
            )


def _text(el: etree._Element | None) -> str:
    """All the text inside ``el`` (inline markup flattened), or an empty string."""
    if el is None:
        return ""
    return "".join(el.itertext())
