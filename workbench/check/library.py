"""The library as the checks see it: instruments by name, their versions' trees, alignments.

`Library` is built from the instruments' metadata and a loader that reads one version's tree
(the workspace passes one that reads its database). Trees, their citation indexes and the
alignment between two versions are computed once and kept: a check of the whole corpus asks
for the same few laws over and over.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Any, TypeVar

from workbench.check.instruments import name_key
from workbench.diff import Alignment, align_documents
from workbench.model import Document
from workbench.model.library import LawInstrument, LawVersionInfo
from workbench.refs import DocIndex

__all__ = ["Library", "VersionLoader"]

_T = TypeVar("_T")

VersionLoader = Callable[[str, date], Document]
"""Reads the tree of an instrument's version, given its full name and the version's date."""


class Library:
    """Read-only lookups over the instruments of a library, with caches."""

    def __init__(self, instruments: Iterable[LawInstrument], load: VersionLoader) -> None:
        self._instruments: dict[str, LawInstrument] = {}
        self._by_key: dict[str, str] = {}
        for instrument in instruments:
            self._instruments[instrument.name] = instrument
            for name in (instrument.name, *instrument.aliases):
                self._by_key.setdefault(name_key(name), instrument.name)
        self._load = load
        self._documents: dict[tuple[str, date], Document] = {}
        self._indexes: dict[tuple[str, date], DocIndex] = {}
        self._alignments: dict[tuple[str, date, date], Alignment] = {}
        self._memo: dict[Hashable, Any] = {}

    @classmethod
    def empty(cls) -> Library:
        """A library with nothing on the shelf (every external citation is unknown)."""

        def nothing(name: str, at: date) -> Document:
            raise KeyError((name, at))

        return cls((), nothing)

    def __len__(self) -> int:
        return len(self._instruments)

    @property
    def instruments(self) -> tuple[LawInstrument, ...]:
        """Every instrument, by name."""
        return tuple(self._instruments[n] for n in sorted(self._instruments))

    def find(self, name: str) -> LawInstrument | None:
        """The instrument cited as ``name``, if the library holds it.

        ``name`` may be the full name or a short one (with or without 书名号), or a shorter
        name that ends exactly one held name (监督法 for 各级人民代表大会常务委员会监督法). A bare
        name found in running text may carry words before it (国务院行使宪法): the longest held
        name it ends with is taken.
        """
        key = name_key(name)
        full = self._by_key.get(key)
        if full is None and len(key) >= 2:
            longer = {n for k, n in self._by_key.items() if k.endswith(key)}
            if len(longer) == 1:
                full = longer.pop()
            else:
                shorter = [k for k in self._by_key if len(k) >= 2 and key.endswith(k)]
                if not longer and shorter:
                    full = self._by_key[max(shorter, key=len)]
        return None if full is None else self._instruments[full]

    def document(self, version: LawVersionInfo) -> Document:
        """The tree of ``version``."""
        key = (version.instrument, version.date)
        doc = self._documents.get(key)
        if doc is None:
            doc = self._load(version.instrument, version.date)
            self._documents[key] = doc
        return doc

    def index(self, version: LawVersionInfo) -> DocIndex:
        """The citation index of ``version``'s tree."""
        key = (version.instrument, version.date)
        index = self._indexes.get(key)
        if index is None:
            index = DocIndex(self.document(version))
            self._indexes[key] = index
        return index

    def alignment(self, old: LawVersionInfo, new: LawVersionInfo) -> Alignment:
        """The article alignment from ``old`` to ``new`` (two versions of one instrument)."""
        key = (old.instrument, old.date, new.date)
        found = self._alignments.get(key)
        if found is None:
            found = align_documents(self.document(old), self.document(new))
            self._alignments[key] = found
        return found

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()``, once per ``key`` for the life of this library (derived lookups)."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: _T = self._memo[key]
        return value
