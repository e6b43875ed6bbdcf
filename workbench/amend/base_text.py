"""The text a decision is applied to, with what applying needs of it found once.

Applying reads every place in the base (its index), rewrites the base's internal citations after
renumbering (its references) and follows each citation's words into the result (its texts).
Drafting applies every draft it checks to the same base: a `BaseText` made once serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.model import Document, iter_nodes
from workbench.refs import DocIndex, Reference, find_references

__all__ = ["BaseText"]


@dataclass(frozen=True, slots=True)
class BaseText:
    """A base text and its lookups (read-only: share it between applications)."""

    document: Document
    """The text, numbered as before the decision."""
    index: DocIndex
    """Its index: places are resolved in it."""
    references: tuple[Reference, ...]
    """Its internal citations, rewritten to the new numbers after applying."""
    texts: dict[str, str]
    """Every node's words by uid."""

    @classmethod
    def of(cls, document: Document, index: DocIndex | None = None) -> BaseText:
        """Index ``document`` (or take ``index``, an index of it) and find its citations."""
        index = index if index is not None else DocIndex(document)
        return cls(
            document=document,
            index=index,
            references=find_references(index).internal,
            texts={n.uid: n.text for n in iter_nodes(document.children)},
        )
