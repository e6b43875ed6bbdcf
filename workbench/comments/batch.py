"""A file's validated comment rows as ingest stores them, and reading a received file for ingest.

`CommentBatch` holds the rows column by column (one list per field, zipped into database rows
in C by the store), so it crosses between processes cheaply: a column pickles as one
NUL-joined string. `read_for_ingest` is the whole read step of a received file (read,
validate, check the header against the workspace), written so a reader process can run it.
It must not import the store or the workspace.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from zlib import crc32

from workbench.comments.parsed import ParsedFile, ParsedRow, RowColumns
from workbench.comments.readers import read_comment_file
from workbench.comments.validate import check_header

__all__ = [
    "TEXT_FIELDS",
    "CommentBatch",
    "IngestRead",
    "fingerprint",
    "read_for_ingest",
]

_SEP = "\x00"
"""Joins a text column for pickling (a column holding it is sent as a plain list)."""
_FIELD = "\x1f"

TEXT_FIELDS = (
    "quote",
    "opinion",
    "reason",
    "proposal",
    "submitter_category",
    "submitter",
    "contact",
)
"""The text fields of a comment, in the order `CommentBatch` lists them."""

_DATA = attrgetter("data")
_FLAGS = attrgetter("flags")
_ROW = attrgetter("row")
_CLAUSE = attrgetter("clause")
_TEXTS = attrgetter(*TEXT_FIELDS)


def fingerprint(clause: str, opinion: str, submitter: str, contact: str) -> int:
    """A row's identity for finding it sent again: 条款, 意见建议, 提出人 and 联系方式 (CRC-32)."""
    return crc32(_FIELD.join((clause, opinion, submitter, contact)).encode())


def _fingerprints(
    clause: Sequence[str], opinion: Sequence[str], submitter: Sequence[str], contact: Sequence[str]
) -> list[int]:
    """`fingerprint` of each row given column by column (computed in C, without a call per row)."""
    joined = map(_FIELD.join, zip(clause, opinion, submitter, contact, strict=True))
    return list(map(crc32, map(str.encode, joined)))


@dataclass(slots=True)
class CommentBatch:
    """A file's validated rows, one list per field (all of the same length)."""

    row: list[int]
    """Spreadsheet row (the header is row 1) or position in a JSON list."""
    clause: list[str]
    """条款 as written (without the quoted words)."""
    quote: list[str | None]
    """The quoted words of the clause, when given."""
    opinion: list[str]
    """意见建议."""
    reason: list[str]
    """理由."""
    proposal: list[str]
    """建议修改为."""
    category: list[str | None]
    """提出人类别."""
    submitter: list[str]
    """提出人."""
    contact: list[str]
    """联系方式."""
    flags: list[str]
    """``formula:<column>`` flags of each row, comma-joined ("" when none)."""
    fingerprint: list[int]
    """`fingerprint` of each row (finds a row sent again in another file)."""

    @classmethod
    def from_rows(cls, rows: Sequence[ParsedRow]) -> CommentBatch:
        """The batch of validated rows (attributes gathered in C, row by row)."""
        data = list(map(_DATA, rows))
        flags = list(map(_FLAGS, rows))
        clauses = list(map(_CLAUSE, data))
        texts = list(map(_TEXTS, data))
        columns: list[list[Any]] = (
            [list(c) for c in zip(*texts, strict=True)] if texts else [[] for _ in TEXT_FIELDS]
        )
        quote, opinion, reason, proposal, category, submitter, contact = columns
        return cls(
            row=list(map(_ROW, rows)),
            clause=clauses,
            quote=quote,
            opinion=opinion,
            reason=reason,
            proposal=proposal,
            category=category,
            submitter=submitter,
            contact=contact,
            flags=[",".join(f) for f in flags] if any(flags) else [""] * len(rows),
            fingerprint=_fingerprints(clauses, opinion, submitter, contact),
        )

    @classmethod
    def from_columns(cls, columns: RowColumns) -> CommentBatch:
        """The batch of rows validated column by column (no formula-like cells among them)."""
        c = columns
        return cls(
            row=c.row,
            clause=c.clause,
            quote=c.quote,
            opinion=c.opinion,
            reason=c.reason,
            proposal=c.proposal,
            category=c.submitter_category,
            submitter=c.submitter,
            contact=c.contact,
            flags=[""] * len(c),
            fingerprint=_fingerprints(c.clause, c.opinion, c.submitter, c.contact),
        )

    def __len__(self) -> int:
        return len(self.row)

    @property
    def flagged(self) -> int:
        """Rows with a formula-like cell."""
        return len(self.flags) - self.flags.count("")

    def texts(self) -> list[tuple[str | None, str, str, str, str | None, str, str]]:
        """Each row's `TEXT_FIELDS`, in order."""
        return list(
            zip(
                self.quote,
                self.opinion,
                self.reason,
                self.proposal,
                self.category,
                self.submitter,
                self.contact,
                strict=True,
            )
        )

    def __getstate__(self) -> tuple[Any, ...]:
        n = len(self.row)
        return (
            n,
            array("q", self.row),
            array("Q", self.fingerprint),
            *(_pack(getattr(self, name), n) for name in _TEXT_SLOTS),
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        n, rows, prints, *columns = state
        self.row = rows.tolist()
        self.fingerprint = prints.tolist()
        for name, packed in zip(_TEXT_SLOTS, columns, strict=True):
            setattr(self, name, _unpack(packed, n))


_TEXT_SLOTS = (
    "clause",
    "quote",
    "opinion",
    "reason",
    "proposal",
    "category",
    "submitter",
    "contact",
    "flags",
)
"""The columns pickled as joined strings (None values travel as a plain list)."""


def _pack(values: list[Any], n: int) -> str | list[Any]:
    if None in values:
        return values
    joined = _SEP.join(values)
    if n and joined.count(_SEP) == n - 1:
        return joined
    return values  # empty, or a value holds the separator


def _unpack(packed: str | list[Any], n: int) -> list[Any]:
    if isinstance(packed, list):
        return packed
    return packed.split(_SEP) if n else []


@dataclass(slots=True)
class IngestRead:
    """What reading a received file yields: header and problems, and the rows when it is valid."""

    parsed: ParsedFile
    """Header values, format, encoding, errors and warnings (its ``rows`` left empty)."""
    batch: CommentBatch | None
    """The rows, None when the file is rejected."""


def read_for_ingest(
    data: bytes,
    name: str,
    stations: frozenset[str],
    versions: Mapping[str, Sequence[str]],
) -> IngestRead:
    """Read a received file and check its header against the workspace.

    Args:
        data: The file's bytes.
        name: The file's name as received (for reports).
        stations: The codes of the station registry.
        versions: Each project slug → the names its versions answer to (a slug missing here is
            an unknown project).

    Returns:
        The header and problems, with the rows when nothing rejects the file.
    """
    parsed = read_comment_file(data, name, columnar=True)
    if parsed.ok:
        check_header(parsed, stations=stations, versions_of=versions.get)
    batch = None
    if parsed.ok:
        columns = parsed.columns
        batch = (
            CommentBatch.from_rows(parsed.rows)
            if columns is None
            else CommentBatch.from_columns(columns)
        )
    parsed.rows = []
    parsed.columns = None
    return IngestRead(parsed, batch)
