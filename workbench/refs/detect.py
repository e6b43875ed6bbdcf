"""Cross-reference detection: every citation in a document's text, classified and linked.

`find_references` scans the text of every 条/款/项/目, resolves internal citations to uids, keeps
external ones (《…》第X条, 刑法第X条, 条例第X条 without 本, 有关法律、法规) apart without resolving
them, and reports internal ones that point nowhere as dangling, with the reason in Chinese.
"""

from __future__ import annotations

import re
from typing import Literal

from workbench.model import Document, Node, WorkbenchModel, iter_nodes
from workbench.model.ids import Uid
from workbench.refs.citation import Citation
from workbench.refs.grammar import scan_citations
from workbench.refs.index import DocIndex
from workbench.refs.resolve import ResolvedMember, resolve
from workbench.refs.style import CitationStyle, format_citation

__all__ = [
    "Reference",
    "ReferenceReport",
    "amended_instrument",
    "find_references",
    "references_in_text",
    "source_label",
]

_AMENDING = re.compile(r"关于修改《(?P<name>[^》]+)》(?:等[^的]*)?的决定")
_AMENDMENT = re.compile(r"^(?P<name>.+?)修正案")


class Reference(WorkbenchModel):
    """One citation found in the text of a node."""

    source: Uid
    """The node whose own text contains the citation."""
    start: int
    """Offset of the citation in the node's text."""
    end: int
    """Offset just after it."""
    text: str
    """The words as written."""
    status: Literal["internal", "external", "dangling"]
    """``internal`` (resolved in this document), ``external`` (another instrument) or ``dangling``."""
    citation: Citation
    """The parsed citation."""
    targets: tuple[Uid, ...] = ()
    """For an internal reference, every node it cites, in the order written."""
    members: tuple[ResolvedMember, ...] = ()
    """For an internal reference, what each member (target or range) points at."""
    reason: str | None = None
    """For a dangling reference, why it does not resolve (Chinese)."""
    warnings: tuple[str, ...] = ()
    """Readable but non-canonical forms noticed while resolving."""


class ReferenceReport(WorkbenchModel):
    """Every citation of a document, split by kind."""

    internal: tuple[Reference, ...] = ()
    """Citations of this document's own provisions that resolve."""
    external: tuple[Reference, ...] = ()
    """Citations of, or mentions of, other instruments; never resolved here."""
    dangling: tuple[Reference, ...] = ()
    """Citations of this document's own provisions that point nowhere."""

    @property
    def all(self) -> tuple[Reference, ...]:
        """Every reference, by source position: internal, dangling and external together."""
        return tuple(
            sorted(
                (*self.internal, *self.dangling, *self.external),
                key=lambda r: (r.source, r.start),
            )
        )


def amended_instrument(title: str) -> str | None:
    """The instrument a 修改决定 or 修正案 amends (its bare citations point there), else None."""
    m = _AMENDING.search(title)
    if m:
        return m.group("name")
    m = _AMENDMENT.match(title)
    return m.group("name") if m else None


def references_in_text(
    text: str,
    source: Uid,
    index: DocIndex,
    *,
    bare_instrument: str | None = None,
) -> list[Reference]:
    """Scan ``text`` as if it stood in the node ``source`` and classify what it cites."""
    out: list[Reference] = []
    for citation in scan_citations(text, bare_instrument=bare_instrument):
        if citation.scope == "external":
            out.append(
                Reference(
                    source=source,
                    start=citation.start,
                    end=citation.end,
                    text=citation.text,
                    status="external",
                    citation=citation,
                )
            )
            continue
        res = resolve(citation, index, source)
        out.append(
            Reference(
                source=source,
                start=citation.start,
                end=citation.end,
                text=citation.text,
                status="internal" if res.ok else "dangling",
                citation=citation,
                targets=res.targets,
                members=res.members,
                reason=res.reason,
                warnings=res.warnings,
            )
        )
    return out


def find_references(
    doc: Document | DocIndex,
    style: CitationStyle | None = None,
) -> ReferenceReport:
    """Find, classify and resolve every citation in the text of ``doc``.

    Args:
        doc: The document (or an index of it, to reuse).
        style: House style (kept for symmetry with formatting; parsing accepts every style).

    Returns:
        Internal, external and dangling references, each in document order.
    """
    del style  # Parsing reads 第（三）项 and 第三项 alike.
    index = doc if isinstance(doc, DocIndex) else DocIndex(doc)
    bare = amended_instrument(index.doc.title)
    internal: list[Reference] = []
    external: list[Reference] = []
    dangling: list[Reference] = []
    for node in iter_nodes(index.doc.children):
        if not node.text:
            continue
        for ref in references_in_text(node.text, node.uid, index, bare_instrument=bare):
            {"internal": internal, "external": external, "dangling": dangling}[ref.status].append(
                ref
            )
    return ReferenceReport(
        internal=tuple(internal), external=tuple(external), dangling=tuple(dangling)
    )


def source_label(index: DocIndex, node: Node | Uid, style: CitationStyle | None = None) -> str:
    """The label of the node a reference stands in (第十二条第二款), for listings."""
    uid = node if isinstance(node, str) else node.uid
    return format_citation(index, uid, style)
