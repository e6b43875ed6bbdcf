"""Citations: parse, resolve, format, find and rewrite cross-references.

Parses 第十二条第二款第（三）项 / 前款 / 本条例第X条, resolves them to uids, formats the citation of
any node, finds the cross-references of a document and rewrites them after renumbering.

Imports only the model, the parser and numerals (see the layers in `design.md`).
"""

from workbench.refs.citation import (
    LEVELS,
    Anchor,
    Citation,
    CitationMember,
    CitationTarget,
    Level,
)
from workbench.refs.decision import amended_instrument, is_amending_title, section_instruments
from workbench.refs.detect import (
    PreambleReference,
    Reference,
    ReferenceReport,
    find_references,
    references_in_text,
    source_label,
)
from workbench.refs.grammar import CitationError, parse_citation, scan_citations
from workbench.refs.index import DocIndex
from workbench.refs.resolve import Resolution, ResolvedMember, resolve, resolve_text
from workbench.refs.rewrite import RewriteOutcome, rewrite_citation
from workbench.refs.style import CitationStyle, format_citation, node_steps, self_name

__all__ = [
    "LEVELS",
    "Anchor",
    "Citation",
    "CitationError",
    "CitationMember",
    "CitationStyle",
    "CitationTarget",
    "DocIndex",
    "Level",
    "PreambleReference",
    "Reference",
    "ReferenceReport",
    "Resolution",
    "ResolvedMember",
    "RewriteOutcome",
    "amended_instrument",
    "find_references",
    "format_citation",
    "is_amending_title",
    "node_steps",
    "parse_citation",
    "references_in_text",
    "resolve",
    "resolve_text",
    "rewrite_citation",
    "scan_citations",
    "section_instruments",
    "self_name",
    "source_label",
]
