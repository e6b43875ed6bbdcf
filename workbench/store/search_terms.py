"""How text is cut into search terms: each Han character a term, other words whole.

Chinese has no spaces, and most of its words are two characters (供热, 物业, 罚款): a run of Han
characters is indexed character by character, so any word is found as the phrase of its
characters (供热费 → 供 热 费 in a row). Letters and digits (PM2, 2025) are words of their own;
case and width are folded (full-width ＡＢ１ and compatibility ideographs as NFKC has them).
Where the text had punctuation or spacing a `GAP` term goes, which no query can hold, so a
phrase never runs across it (热，费 is not 热费). The same terms serve the SQLite (FTS5) and the
PostgreSQL (tsvector) search indexes, so both find exactly the same rows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["GAP", "Query", "index_terms", "parse_query", "tsvector_literal", "tsvector_of_terms"]

GAP = "〃"
"""The term between two runs of text that punctuation or spacing separated."""

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_HAN_RUN = re.compile(rf"[{_HAN}]+")
_MIXED = re.compile(rf"[{_HAN}]+|[^{_HAN}]+")
_SEPARATORS = re.compile(r"[\W_]+")


@functools.cache
def _folding() -> tuple[dict[int, str], re.Pattern[str]]:
    """What folding changes: each character NFKC turns into other letters or digits.

    Full-width ＡＢ１, compatibility ideographs …, with their forms, and a pattern finding any.
    """
    table: dict[int, str] = {}
    for code in range(0x80, 0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and folded.isalnum():
            table[code] = folded
    ranges = "".join(re.escape(chr(c)) for c in sorted(table))
    return table, re.compile(f"[{ranges}]")


def _fold(text: str) -> str:
    """Case and width folded (full-width letters and digits, compatibility ideographs)."""
    if not text.isascii():
        table, needed = _folding()
        if needed.search(text) is not None:
            text = text.translate(table)
    return text.lower()


def index_terms(text: str) -> str:
    """The terms of ``text`` to index, in order, space-separated (what FTS5 is given)."""
    runs = _SEPARATORS.sub(" ", _fold(text)).split()
    if not runs:
        return ""
    if all(map(str.isascii, runs)):
        return f" {GAP} ".join(runs)
    out: list[str] = []
    for run in runs:
        if out:
            out.append(GAP)
        if run.isascii():
            out.append(run)
        elif _HAN_RUN.fullmatch(run) is not None:
            out.append(" ".join(run))
        else:  # Han and other letters together (PM2浓度)
            for part in _MIXED.findall(run):
                out.append(" ".join(part) if _HAN_RUN.match(part) else part)
    return " ".join(out)


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
    parts: tuple[str, ...]
    """The words as typed (folded), to find them again in a text for its snippet."""

    @property
    def empty(self) -> bool:
        """True when the query has nothing to look for."""
        return not self.phrases

    def fts5(self) -> str:
        """The FTS5 MATCH expression."""
        return " AND ".join(f'"{" ".join(p)}"' for p in self.phrases)

    def tsquery(self) -> str:
        """The PostgreSQL tsquery literal."""
        return " & ".join("(" + " <-> ".join(f"'{t}'" for t in p) + ")" for p in self.phrases)


def parse_query(text: str) -> Query:
    """Read what a user typed: each space-separated part is a phrase; all must match.

    ``供热费`` finds 供热费 (供 热 费 in a row); ``供热 物业`` finds texts with both words;
    ``热`` any text with that character. A part is cut exactly as texts are
    (`index_terms`), so ``PM2.5浓度`` finds that very spelling.
    """
    phrases: list[tuple[str, ...]] = []
    parts: list[str] = []
    for part in text.replace('"', " ").replace("“", " ").replace("”", " ").split():
        terms = tuple(index_terms(part).split())
        if terms:
            phrases.append(terms)
            parts.append(_fold(part))
    return Query(tuple(phrases), tuple(parts))
