"""Number a whole text from position, with its citations following (``parse --renumber``).

A text as written may skip a number (第一条, 第三条, 第四条) or a 节. Renumbering it changes
what its own citations mean (依照本条例第三条 would name the new 第三条), so every internal
citation is rewritten to keep pointing at the same provision, and each change is reported.
"""

from __future__ import annotations

from workbench.edit.commit import commit
from workbench.edit.result import EditResult
from workbench.model import Document
from workbench.refs import CitationStyle, DocIndex

__all__ = ["renumber_citing"]


def renumber_citing(doc: Document, *, style: CitationStyle | None = None) -> EditResult:
    """Renumber ``doc`` from position and rewrite its citations to keep their meaning.

    Args:
        doc: The document with its numbers as written (citations resolved by those numbers).
        style: House style for rewritten citations.

    Returns:
        The renumbered document and a report: every number that changed, every citation
        rewritten, every citation that could not be rewritten.
    """
    return commit(DocIndex(doc), doc, operation="按位置重新编号", style=style)
