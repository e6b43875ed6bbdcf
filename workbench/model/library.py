"""The law library as types: upper-level instruments on the shelf and their dated versions.

A workspace's library holds the laws and regulations a draft cites (法律, 行政法规, the province's
地方性法规) with every version the staff added. An instrument is keyed by its full name
(``中华人民共和国立法法``) and found by its short names too (``立法法``); a version is keyed by its
date (the last 通过/修正/修订/批准 date of its 题注). Pure pydantic types, no I/O.
"""

from __future__ import annotations

from datetime import date, datetime

from workbench.model.base import WorkbenchModel

__all__ = ["LawInstrument", "LawVersionInfo", "LibraryAddResult", "date_label"]


class LawVersionInfo(WorkbenchModel):
    """One dated version of an instrument in the library, without its tree."""

    instrument: str
    """The instrument's full name, e.g. ``中华人民共和国公司法``."""
    date: date
    """The version's date: the last 通过/修正/修订/批准/公布 date of its 题注 (or of its file name)."""
    title: str
    """The title as this version's text carries it."""
    note: str = ""
    """The 题注 as written (the history of the text), without its parentheses."""
    articles: int
    """How many articles (条) this version has."""
    sha256: str
    """sha256 of the version's canonical Document JSON."""
    source_sha256: str | None = None
    """sha256 of the file it was read from (kept in the workspace's ``inbox/``)."""
    source_name: str | None = None
    """The file's original name."""
    added_at: datetime
    """When it was added to the library (UTC)."""
    added_by: str
    """Who added it."""

    @property
    def label(self) -> str:
        """``中华人民共和国公司法（2023年12月29日）`` for listings and messages."""
        return f"{self.instrument}（{date_label(self.date)}）"


class LawInstrument(WorkbenchModel):
    """An instrument on the shelf: its names and its versions, oldest first."""

    name: str
    """The full name, e.g. ``中华人民共和国立法法``."""
    aliases: tuple[str, ...] = ()
    """Other names it is cited by (``立法法``), without the full name."""
    versions: tuple[LawVersionInfo, ...] = ()
    """Every version in the library, oldest first."""

    @property
    def latest(self) -> LawVersionInfo | None:
        """The newest version in the library, if any."""
        return self.versions[-1] if self.versions else None

    def in_force(self, at: date) -> LawVersionInfo | None:
        """The version a text dated ``at`` cites: the newest one dated on or before ``at``."""
        found: LawVersionInfo | None = None
        for version in self.versions:
            if version.date <= at:
                found = version
        return found

    def version(self, at: date) -> LawVersionInfo | None:
        """The version dated exactly ``at``, if the library has it."""
        return next((v for v in self.versions if v.date == at), None)


class LibraryAddResult(WorkbenchModel):
    """What adding one file to the library did."""

    version: LawVersionInfo
    """The version the file is (new, or the one already there)."""
    created: bool
    """False when the same text was already in the library: nothing changed."""
    new_instrument: bool = False
    """True when the instrument itself was new to the library."""


def date_label(value: date) -> str:
    """``2023年12月29日``: a date as Chinese legal texts write it."""
    return f"{value.year}年{value.month}月{value.day}日"
