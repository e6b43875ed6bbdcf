"""A file's validated comment rows, column by column, and reading a received file for ingest.

`CommentColumns` is what ingest stores: one list per field instead of one model per row, so
the rows go to the database as tuples zipped in C, and cross between processes cheaply (each
text column pickles as one NUL-joined string). `read_for_ingest` is the whole read step of a
received file (read, validate shape, check the header against the workspace), written so a
worker process can run it. It must not import the store or the workspace.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.comments.parsed import ParsedFile, ParsedRow
from workbench.comments.readers import read_comment_file
from workbench.comments.validate import check_header

__all__ = ["CommentColumns", "IngestRead", "read_for_ingest"]

_SEP = "\x00"
"""Joins a text column for pickling (a value holding it is sent as a plain list)."""

_TEXT = ("clause", "opinion", "reason", "proposal", "submitter", "contact", "flags")
_OPTIONAL = ("quote", "submitter_category")


@dataclass(slots=True)
class CommentColumns:
    """Validated rows of one file, one list per field (all the same length)."""

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
    submitter_category: list[str | None]
    """提出人类别."""
    submitter: list[str]
    """提出人."""
    contact: list[str]
    """联系方式."""
    flags: list[str]
    """``formula:<column>`` flags of the row, comma-joined ("" when none)."""

    @classmethod
    def from_rows(cls, rows: Sequence[ParsedRow]) -> CommentColumns:
        """The columns of validated rows."""
        data = [r.data for r in rows]
        return cls(
            row=[r.row for r in rows],
            clause=[d.clause for d in data],
            quote=[d.quote for d in data],
            opinion=[d.opinion for d in data],
            reason=[d.reason for d in data],
            proposal=[d.proposal for d in data],
            submitter_category=[d.submitter_category for d in data],
            submitter=[d.submitter for d in data],
            contact=[d.contact for d in data],
            flags=[",".join(r.flags) if r.flags else "" for r in rows],
        )

    def __len__(self) -> int:
        return len(self.row)

    @property
    def flagged(self) -> int:
        """Rows with a formula-like cell."""
        return len(self.flags) - self.flags.count("")

    def __getstate__(self) -> tuple[Any, ...]:
        n = len(self.row)
        state: list[Any] = [n, array("q", self.row)]
        for name in _TEXT:
            state.append(_pack(getattr(self, name), n))
        for name in _OPTIONAL:
            values = getattr(self, name)
            if "" in values:  # "" and None would both pack as "": send the list itself
                state.append(values)
            else:
                state.append(_pack([v or "" for v in values], n))
        return tuple(state)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        n, rows, *rest = state
        self.row = rows.tolist()
        for name, packed in zip(_TEXT, rest, strict=False):
            setattr(self, name, _unpack(packed, n))
        for name, packed in zip(_OPTIONAL, rest[len(_TEXT) :], strict=True):
            values = _unpack(packed, n)
            setattr(self, name, [v or None for v in values] if isinstance(packed, str) else values)


def _pack(values: list[str], n: int) -> str | list[str]:
    joined = _SEP.join(values)
    if n and joined.count(_SEP) == n - 1:
        return joined
    return values  # empty, or a value holds the separator


def _unpack(packed: str | list[str], n: int) -> list[str]:
    if isinstance(packed, list):
        return packed
    return packed.split(_SEP) if n else []


@dataclass(slots=True)
class IngestRead:
    """What reading a received file yields: header and problems, and the rows when it is valid."""

    parsed: ParsedFile
    """Header values, format, encoding, errors and warnings (its ``rows`` left empty)."""
    columns: CommentColumns | None
    """The rows, None when the file is rejected."""


def read_for_ingest(
    path: str | Path,
    name: str,
    stations: frozenset[str],
    versions: Mapping[str, Sequence[str]],
) -> IngestRead:
    """Read a kept copy of a received file and check its header against the workspace.

    Args:
        path: The copy in ``inbox/``.
        name: The file's name as received (for reports).
        stations: The codes of the station registry.
        versions: Each project slug → the names its versions answer to (a slug missing here is
            an unknown project).

    Returns:
        The header and problems, with the rows in columns when nothing rejects the file.
    """
    parsed = read_comment_file(Path(path).read_bytes(), name)
    if parsed.ok:
        check_header(parsed, stations=stations, versions_of=versions.get)
    columns = CommentColumns.from_rows(parsed.rows) if parsed.ok else None
    parsed.rows = []
    return IngestRead(parsed, columns)
