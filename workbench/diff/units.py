"""The articles of one version as the alignment compares them: text, keys, n-grams.

Imports the model and the text keys only; `workbench.diff.align` and `workbench.diff.pieces`
share these units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from workbench.diff.normalize import grams, normalize, ref_key
from workbench.model import Document, Node, articles, full_text

__all__ = ["ArticleUnit", "article_units", "similarity_ratio"]


@dataclass(slots=True)
class ArticleUnit:
    """One article with the keys the alignment compares."""

    pos: int
    """Its position among the version's articles."""
    node: Node
    """The article."""
    label: str
    """Its label as written (``第十二条``), or its eid when it has none."""
    text: str
    """Its full text."""
    norm: str
    """The text normalised (`workbench.diff.normalize.normalize`)."""
    key: str
    """The normalised text with cross-reference numbers masked."""
    _grams: frozenset[str] | None = field(default=None)

    @property
    def grams(self) -> frozenset[str]:
        """The character trigrams of ``key`` (computed once)."""
        if self._grams is None:
            self._grams = grams(self.key)
        return self._grams


def article_units(doc: Document) -> list[ArticleUnit]:
    """The articles of ``doc`` in document order, as units."""
    out: list[ArticleUnit] = []
    for pos, node in enumerate(articles(doc)):
        text = full_text(node)
        norm = normalize(text)
        out.append(ArticleUnit(pos, node, node.num or node.eid, text, norm, ref_key(norm)))
    return out


def similarity_ratio(a: str, b: str) -> float:
    """The rapidfuzz ratio of two keys, 0–1."""
    return float(fuzz.ratio(a, b)) / 100.0
