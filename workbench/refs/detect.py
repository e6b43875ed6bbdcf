"""Cross-reference detection: every citation in a document's text, classified and linked.

`find_references` scans the text of every 条/款/项/目 and of the preamble paragraphs, resolves
internal citations to uids, keeps external ones (《…》第X条, 刑法第X条, 条例第X条 without 本,
有关法律、法规) apart without resolving them, and reports internal ones that point nowhere as
dangling, with the reason in Chinese. In an amending text (修改决定, 修正案) citations without
本决定 refer to the instrument amended (`workbench.refs.decision`) and are external.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from workbench.model import Document, Node, WorkbenchModel, iter_nodes
from workbench.model.ids import Uid
from workbench.refs.citation import Citation
from workbench.refs.decision import amended_instrument, section_instrument, section_instruments
from workbench.refs.grammar import scan_citations
from workbench.refs.index import DocIndex
from workbench.refs.resolve import ResolvedMember, resolve
from workbench.refs.style import CitationStyle, format_citation

__all__ = [
    "PreambleReference",
    "Reference",
    "ReferenceReport",
    "amended_instrument",
    "find_references",
    "references_in_text",
    "source_label",
]


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


class PreambleReference(WorkbenchModel):
    """One citation found in a preamble paragraph (a 序言, or the operations of a 修改决定)."""

    paragraph: int
    """Which preamble paragraph holds it (0-based index into ``Document.preamble``)."""
    start: int
    """Offset of the citation in the paragraph."""
    end: int
    """Offset just after it."""
    text: str
    """The words as written."""
    status: Literal["internal", "external", "dangling"]
    """``internal`` (resolved in this document), ``external`` (another instrument) or ``dangling``."""
    citation: Citation
    """The parsed citation; for an amending text, ``instrument`` names the instrument amended."""
    targets: tuple[Uid, ...] = ()
    """For an internal reference, every node it cites, in the order written."""
    reason: str | None = None
    """For a dangling reference, why it does not resolve (Chinese)."""


class ReferenceReport(WorkbenchModel):
    """Every citation of a document, split by kind."""

    internal: tuple[Reference, ...] = ()
    """Citations of this document's own provisions that resolve."""
    external: tuple[Reference, ...] = ()
    """Citations of, or mentions of, other instruments; never resolved here."""
    dangling: tuple[Reference, ...] = ()
    """Citations of this document's own provisions that point nowhere."""
    preamble: tuple[PreambleReference, ...] = ()
    """Citations in the preamble paragraphs, in order, whatever their status (a 修改决定 has
    nothing but preamble paragraphs: its 将第X条修改为… are external to the amended instrument)."""

    @property
    def all(self) -> tuple[Reference, ...]:
        """Every reference, by source position: internal, dangling and external together."""
        return tuple(
            sorted(
                (*self.internal, *self.dangling, *self.external),
                key=lambda r: (r.source, r.start),
            )
        )


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
        internal=tuple(internal),
        external=tuple(external),
        dangling=tuple(dangling),
        preamble=tuple(_preamble_references(index, bare)),
    )


def _preamble_references(index: DocIndex, bare: str | None) -> Iterator[PreambleReference]:
    """The citations of every preamble paragraph; relative ones have no place to resolve from."""
    doc = index.doc
    instruments = section_instruments(doc.title, doc.preamble)
    for n, (paragraph, instrument) in enumerate(zip(doc.preamble, instruments, strict=True)):
        current = instrument or bare
        for found in scan_citations(paragraph, bare_instrument=current):
            # 原条例第五条 / 《条例》 in a decision: short for the instrument amended.
            name = section_instrument(found.instrument, current)
            citation = found.model_copy(update={"instrument": name}) if name else found
            status: Literal["internal", "external", "dangling"] = "external"
            targets: tuple[Uid, ...] = ()
            reason = None
            if citation.scope == "internal":
                res = resolve(citation, index)
                status = "internal" if res.ok else "dangling"
                targets, reason = res.targets, res.reason
            yield PreambleReference(
                paragraph=n,
                start=citation.start,
                end=citation.end,
                text=citation.text,
                status=status,
                citation=citation,
                targets=targets,
                reason=reason,
            )


def source_label(index: DocIndex, node: Node | Uid, style: CitationStyle | None = None) -> str:
    """The label of the node a reference stands in (第十二条第二款), for listings."""
    uid = node if isinstance(node, str) else node.uid
    return format_citation(index, uid, style)
