"""Akoma Ntoso 3.0 export: a `Document` as an AKN ``act`` with eIds, GUIDs and FRBR URIs.

The element vocabulary: 编 ``book``, 分编 ``part``, 章 ``chapter``, 节 ``section``, 条 ``article``,
款 ``paragraph``, 项 ``point`` (under a paragraph) and 目 ``point`` (under a point). Every
hierarchical element carries the node's eid as ``eId`` and its uid as ``GUID``, so
`workbench.parse.akn.parse_akn` gives back the same tree. The title is the preface's
``longTitle``, the 题注 a ``p`` with class ``note`` after it, annexes are ``attachments``.
Must not import store or workspace.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from workbench.controls import document_text
from workbench.model import Annex, Document, Node

__all__ = ["AKN_NS", "WB_NS", "AknIdentity", "export_akn"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The Akoma Ntoso 3.0 namespace."""
WB_NS = "https://workbench.example/ns/akn"
"""The namespace of the workbench's proprietary metadata (first article, chapter numbering)."""

_A = f"{{{AKN_NS}}}"
_ELEMENT: dict[str, str] = {
    "book": "book",
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "paragraph": "paragraph",
    "item": "point",
    "subitem": "point",
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_LOCALITY = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True, slots=True)
class AknIdentity:
    """What the FRBR URIs are built from: ``/akn/cn-<locality>/act/<year>/<slug>/zho@<date>``."""

    locality: str
    """The locality code after ``cn-`` (``cj`` for 昌吉回族自治州), lower-case ASCII."""
    slug: str
    """The work's short name (the project slug), lower-case ASCII."""
    date: dt.date
    """The expression date (the version's date)."""
    year: int | None = None
    """The work's year; the expression date's year when None."""

    def __post_init__(self) -> None:
        if not _LOCALITY.match(self.locality):
            raise ValueError(f"地区代码只能包含小写字母、数字和连字符：{self.locality!r}")
        if not _SLUG.match(self.slug):
            raise ValueError(f"项目代号只能包含小写字母、数字、点、下划线和连字符：{self.slug!r}")

    @property
    def work_uri(self) -> str:
        """The FRBR work URI, e.g. ``/akn/cn-cj/act/2024/yanglao``."""
        year = self.year if self.year is not None else self.date.year
        return f"/akn/cn-{self.locality}/act/{year}/{self.slug}"

    @property
    def expression_uri(self) -> str:
        """The FRBR expression URI, e.g. ``/akn/cn-cj/act/2024/yanglao/zho@2024-05-01``."""
        return f"{self.work_uri}/zho@{self.date.isoformat()}"


def export_akn(doc: Document, identity: AknIdentity) -> bytes:
    """Serialise ``doc`` as an Akoma Ntoso 3.0 ``act`` (UTF-8 XML with declaration).

    Args:
        doc: The draft to export.
        identity: Locality, slug and date for the FRBR URIs.

    Returns:
        The XML document as bytes.
    """
    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS})
    act = etree.SubElement(root, _A + "act", name="act")
    act.append(_meta(identity, doc.title, "main", settings=doc))
    preface = etree.SubElement(act, _A + "preface")
    long_title = etree.SubElement(preface, _A + "longTitle", eId="longTitle")
    title_p = etree.SubElement(long_title, _A + "p")
    etree.SubElement(title_p, _A + "docTitle").text = _t(doc.title)
    if doc.note:
        etree.SubElement(preface, _A + "p", {"class": "note"}).text = _t(doc.note)
    if doc.preamble:
        preamble = etree.SubElement(act, _A + "preamble")
        for line in doc.preamble:
            etree.SubElement(preamble, _A + "p").text = _t(line)
    body = etree.SubElement(act, _A + "body")
    for node in doc.children:
        body.append(_node(node))
    if not doc.children:
        # The schema wants at least one hierarchical element in the body.
        hc = etree.SubElement(body, _A + "hcontainer", name="empty", eId="hcontainer_empty")
        etree.SubElement(etree.SubElement(hc, _A + "content"), _A + "p")
    if doc.annexes:
        attachments = etree.SubElement(act, _A + "attachments")
        for position, annex in enumerate(doc.annexes, start=1):
            attachments.append(_annex(annex, position, identity))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _meta(
    identity: AknIdentity, title: str, component: str, *, settings: Document | None
) -> etree._Element:
    meta = etree.Element(_A + "meta")
    ident = etree.SubElement(meta, _A + "identification", source="#workbench")
    date = identity.date.isoformat()
    work = etree.SubElement(ident, _A + "FRBRWork")
    etree.SubElement(work, _A + "FRBRthis", value=f"{identity.work_uri}/!{component}")
    etree.SubElement(work, _A + "FRBRuri", value=identity.work_uri)
    etree.SubElement(work, _A + "FRBRalias", value=_t(title), name="title")
    etree.SubElement(work, _A + "FRBRdate", date=date, name="Generation")
    etree.SubElement(work, _A + "FRBRauthor", href="#workbench")
    etree.SubElement(work, _A + "FRBRcountry", value=f"cn-{identity.locality}")
    etree.SubElement(work, _A + "FRBRnumber", value=identity.slug)
    expr = etree.SubElement(ident, _A + "FRBRExpression")
    etree.SubElement(expr, _A + "FRBRthis", value=f"{identity.expression_uri}/!{component}")
    etree.SubElement(expr, _A + "FRBRuri", value=identity.expression_uri)
    etree.SubElement(expr, _A + "FRBRdate", date=date, name="Generation")
    etree.SubElement(expr, _A + "FRBRauthor", href="#workbench")
    etree.SubElement(expr, _A + "FRBRlanguage", language="zho")
    manif = etree.SubElement(ident, _A + "FRBRManifestation")
    etree.SubElement(manif, _A + "FRBRthis", value=f"{identity.expression_uri}/!{component}.xml")
    etree.SubElement(manif, _A + "FRBRuri", value=f"{identity.expression_uri}.akn")
    etree.SubElement(manif, _A + "FRBRdate", date=date, name="Generation")
    etree.SubElement(manif, _A + "FRBRauthor", href="#workbench")
    if settings is not None:
        refs = etree.SubElement(meta, _A + "references", source="#workbench")
        etree.SubElement(
            refs,
            _A + "TLCOrganization",
            eId="workbench",
            href="/ontology/organization/cn/workbench",
            showAs="立法工作台",
        )
        prop = etree.SubElement(meta, _A + "proprietary", source="#workbench")
        etree.SubElement(
            prop,
            f"{{{WB_NS}}}settings",
            nsmap={"wb": WB_NS},
            firstArticle=str(settings.first_article),
            chapterNumbering=settings.chapter_numbering,
        )
    return meta


def _t(text: str) -> str:
    """Text as XML may hold it (`workbench.controls.document_text`): stored data may carry controls."""
    return document_text(text)


def _node(node: Node) -> etree._Element:
    el = etree.Element(_A + _ELEMENT[node.kind], eId=node.eid, GUID=node.uid)
    if node.kind == "article" and node.insertion:
        el.set("class", "insertion")
    if node.num is not None:
        etree.SubElement(el, _A + "num").text = _t(node.num)
    heading = node.heading if node.kind != "article" else node.caption
    if heading is not None:
        etree.SubElement(el, _A + "heading").text = _t(heading)
    if node.children:
        if node.text:
            _paragraphs(etree.SubElement(el, _A + "intro"), node.text)
        for child in node.children:
            el.append(_node(child))
    else:
        _paragraphs(etree.SubElement(el, _A + "content"), node.text)
    return el


def _paragraphs(parent: etree._Element, text: str) -> None:
    for line in text.split("\n"):
        etree.SubElement(parent, _A + "p").text = _t(line) or None


def _annex(annex: Annex, position: int, identity: AknIdentity) -> etree._Element:
    attachment = etree.Element(_A + "attachment", eId=f"att_{position}", GUID=annex.uid)
    doc = etree.SubElement(attachment, _A + "doc", name="annex")
    doc.append(_meta(identity, annex.heading, f"annex_{position}", settings=None))
    preface = etree.SubElement(doc, _A + "preface")
    title_p = etree.SubElement(preface, _A + "p", {"class": "title"})
    etree.SubElement(title_p, _A + "docTitle").text = _t(annex.heading)
    main = etree.SubElement(doc, _A + "mainBody")
    for line in annex.paragraphs or ("",):
        p = etree.SubElement(main, _A + "p")
        p.text = _t(line) or None
        if not annex.paragraphs:
            p.set("class", "empty")
    return attachment
