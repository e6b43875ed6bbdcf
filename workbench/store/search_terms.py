"""How text is cut into search terms: Chinese as overlapping character pairs, other words whole.

Chinese has no spaces, and most of its words are two characters (供热, 物业, 罚款): a run of Han
characters is indexed as its overlapping pairs (供热费用 → 供热 热费 费用) plus its last
character alone (用), so any word of two or more characters is found as a phrase of its pairs,
and one character as a prefix. Letters and digits (PM2, 2025) are words of their own; case and
width are folded (NFKC, lower case). The same cutting serves the SQLite (FTS5) and the
PostgreSQL (tsvector) search indexes, so both find exactly the same rows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Query", "index_terms", "parse_query", "tsvector_literal", "tsvector_of_terms"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_RUN = re.compile(rf"([{_HAN}]+)|([^\W_{_HAN}]+)")
"""A run of Han characters, or a run of other letters and digits."""


def _fold(text: str) -> str:
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for han, word in _RUN.findall(_fold(text)):
        if han:
            out.extend(han[i : i + 2] for i in range(len(han) - 1))
            out.append(han[-1])
        else:
            out.append(word)
    return out


def index_terms(text: str) -> str:
    """The terms of ``text`` to index, in order, space-separated (what FTS5 is given)."""
    return " ".join(_tokens(text))


_FIELD_GAP = 64
"""Positions left empty between two fields in a tsvector, so no phrase spans them."""
_MAX_POSITION = 16383


def tsvector_literal(*fields: str) -> str:
    """A PostgreSQL tsvector literal of the terms of ``fields``, with their positions.

    Built here rather than by the server's text parser, so the terms are exactly the ones
    FTS5 gets, whatever the server's locale.
    """
    return tsvector_of_terms(*map(index_terms, fields))


def tsvector_of_terms(*terms: str) -> str:
    """The tsvector literal of fields already cut by `index_terms` (space-separated terms)."""
    positions: dict[str, list[int]] = {}
    at = 1
    for field_terms in terms:
        for token in field_terms.split():
            positions.setdefault(token, []).append(min(at, _MAX_POSITION))
            at += 1
        at += _FIELD_GAP
    return " ".join(
        f"'{token}':{','.join(map(str, places[:256]))}" for token, places in positions.items()
    )


@dataclass(frozen=True, slots=True)
class Query:
    """A search as the indexes take it: phrases (each a list of terms) that must all match."""

    phrases: tuple[tuple[str, ...], ...]
    """Terms that must follow each other, phrase by phrase (all phrases must match)."""
    prefixes: tuple[str, ...]
    """Single characters that must begin some term."""
    parts: tuple[str, ...]
    """The words as typed (folded), to find them again in a text for its snippet."""

    @property
    def empty(self) -> bool:
        """True when the query has nothing to look for."""
        return not self.phrases and not self.prefixes

    def fts5(self) -> str:
        """The FTS5 MATCH expression."""
        terms = [f'"{" ".join(p)}"' for p in self.phrases]
        terms += [f'"{c}" *' for c in self.prefixes]
        return " AND ".join(terms)

    def tsquery(self) -> str:
        """The PostgreSQL tsquery literal."""
        terms = ["(" + " <-> ".join(f"'{t}'" for t in p) + ")" for p in self.phrases]
        terms += [f"'{c}':*" for c in self.prefixes]
        return " & ".join(terms)


def parse_query(text: str) -> Query:
    """Read what a user typed: each space-separated part is a phrase; all must match.

    ``供热费`` finds 供热费 (the pairs 供热 热费 in a row); ``供热 物业`` finds texts with both
    words; ``热`` any text with that character.
    """
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    parts: list[str] = []
    for part in _fold(text).replace('"', " ").replace("“", " ").replace("”", " ").split():
        phrase: list[str] = []
        for han, word in _RUN.findall(part):
            if han and len(han) == 1:
                prefixes.append(han)
            elif han:
                phrase.extend(han[i : i + 2] for i in range(len(han) - 1))
            else:
                phrase.append(word)
        if phrase:
            phrases.append(tuple(phrase))
        if phrase or _RUN.search(part):
            parts.append(part)
    return Query(tuple(phrases), tuple(dict.fromkeys(prefixes)), tuple(parts))
