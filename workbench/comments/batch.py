"""A file's validated comment rows as stored, and reading a received file for ingest.

`CommentBatch` is what ingest stores: the columns that place each comment (one list per
field, zipped into database rows in C) and the comments' texts already encoded in chunks of
`TEXT_CHUNK_ROWS`, so the writer stores a few dozen chunk rows per file instead of seven text
columns per comment. It crosses between processes cheaply (a column pickles as one
NUL-joined string). `read_for_ingest` is the whole read step of a received file (read,
validate, check the header against the workspace, encode), written so a worker process can
run it. It must not import the store or the workspace.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any
from zlib import crc32

import lz4.block

from workbench.comments.parsed import ParsedFile, ParsedRow, RowColumns
from workbench.comments.readers import read_comment_file
from workbench.comments.validate import check_header

__all__ = [
    "TEXT_CHUNK_ROWS",
    "TEXT_FIELDS",
    "CommentBatch",
    "CommentText",
    "IngestRead",
    "decode_texts",
    "encode_texts",
    "fingerprint",
    "pack_chunk",
    "read_for_ingest",
    "unpack_chunk",
]

_SEP = "\x00"
"""Joins a text column for pickling (a value holding it is sent as a plain list)."""

TEXT_CHUNK_ROWS = 32
"""Comments per stored text chunk: comment ``seq`` of a file is in chunk ``seq // 32``.

Part of the stored format (`workbench.store.comment_tables.comment_texts`): changing it needs
a migration.
"""

TEXT_FIELDS = (
    "quote",
    "opinion",
    "reason",
    "proposal",
    "submitter_category",
    "submitter",
    "contact",
)
"""The fields of a comment kept in text chunks, in their order there."""

CommentText = tuple[str | None, str, str, str, str | None, str, str]
"""One comment's `TEXT_FIELDS`."""


def encode_texts(texts: Sequence[CommentText]) -> list[str]:
    """The chunks holding ``texts``, `TEXT_CHUNK_ROWS` comments each.

    A chunk is the comments' fields joined by U+001F after a U+001D mark (None as U+001E), or,
    when some value holds one of those characters, a JSON array of arrays.
    """
    out: list[str] = []
    for start in range(0, len(texts), TEXT_CHUNK_ROWS):
        part = texts[start : start + TEXT_CHUNK_ROWS]
        flat = list(chain.from_iterable(part))
        nones = flat.count(None)
        values = [_NONE if v is None else v for v in flat] if nones else flat
        packed = _FIELD.join(values)  # type: ignore[arg-type]
        if packed.count(_FIELD) == len(flat) - 1 and packed.count(_NONE) == nones:
            out.append(_PACKED + packed)
        else:
            out.append(_ENCODER.encode(part))
    return out


def pack_chunk(chunk: str) -> bytes:
    """A text chunk as stored: its UTF-8, LZ4-compressed, after a format byte.

    Station texts repeat a lot (form letters, the same 条款 words), so a chunk shrinks to a
    third or half: less to send between processes, to write and to flush to disk.
    """
    packed: bytes = lz4.block.compress(chunk.encode())
    return _LZ4 + packed


def unpack_chunk(packed: bytes) -> str:
    """The text chunk `pack_chunk` stored."""
    if packed[:1] != _LZ4:
        raise ValueError(f"未知的意见正文存储格式：{packed[:1]!r}")
    return str(lz4.block.decompress(packed[1:]).decode())


_LZ4 = b"\x01"


def decode_texts(chunk: str) -> list[CommentText]:
    """The comments' texts in one stored chunk."""
    if not chunk.startswith(_PACKED):
        return [tuple(row) for row in json.loads(chunk)]
    values: list[str | None] = list(chunk[1:].split(_FIELD))
    if _NONE in chunk:
        values = [None if v == _NONE else v for v in values]
    rows = iter(values)
    return list(zip(*[rows] * len(TEXT_FIELDS), strict=True))


_PACKED = "\x1d"
_FIELD = "\x1f"
_NONE = "\x1e"
_DATA = attrgetter("data")
_FLAGS = attrgetter("flags")
_ROW = attrgetter("row")
_CLAUSE = attrgetter("clause")
_TEXTS = attrgetter(*TEXT_FIELDS)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def fingerprint(clause: str, texts: CommentText) -> int:
    """A row's identity for finding it sent again: 条款, 意见建议, 提出人 and 联系方式 (CRC-32)."""
    return crc32(_FIELD.join((clause, texts[1], texts[5], texts[6])).encode())


def _fingerprints(
    clause: Sequence[str], opinion: Sequence[str], submitter: Sequence[str], contact: Sequence[str]
) -> list[int]:
    """`fingerprint` of each row given column by column (computed in C, without a call per row)."""
    joined = map(_FIELD.join, zip(clause, opinion, submitter, contact, strict=True))
    return list(map(crc32, map(str.encode, joined)))


@dataclass(slots=True)
class CommentBatch:
    """A file's validated rows as stored: placement columns, and the texts in chunks."""

    row: list[int]
    """Spreadsheet row (the header is row 1) or position in a JSON list."""
    clause: list[str]
    """条款 as written (without the quoted words)."""
    flags: list[str]
    """``formula:<column>`` flags of each row, comma-joined ("" when none)."""
    texts: list[bytes]
    """`encode_texts` of the rows' `TEXT_FIELDS`, each chunk packed (`pack_chunk`)."""
    fingerprint: list[int]
    """`fingerprint` of each row (finds a row sent again in another file)."""

    @classmethod
    def from_rows(cls, rows: Sequence[ParsedRow]) -> CommentBatch:
        """The batch of validated rows (attributes gathered in C, row by row)."""
        data = list(map(_DATA, rows))
        flags = list(map(_FLAGS, rows))
        clauses = list(map(_CLAUSE, data))
        texts = list(map(_TEXTS, data))
        _, opinion, _, _, _, submitter, contact = zip(*texts, strict=True) if texts else [()] * 7
        return cls(
            row=list(map(_ROW, rows)),
            clause=clauses,
            flags=[",".join(f) for f in flags] if any(flags) else [""] * len(rows),
            texts=list(map(pack_chunk, encode_texts(texts))),
            fingerprint=_fingerprints(clauses, opinion, submitter, contact),
        )

    @classmethod
    def from_columns(cls, columns: RowColumns) -> CommentBatch:
        """The batch of rows validated column by column (no formula-like cells among them)."""
        c = columns
        texts = list(
            zip(
                c.quote,
                c.opinion,
                c.reason,
                c.proposal,
                c.submitter_category,
                c.submitter,
                c.contact,
                strict=True,
            )
        )
        return cls(
            row=c.row,
            clause=c.clause,
            flags=[""] * len(c),
            texts=list(map(pack_chunk, encode_texts(texts))),
            fingerprint=_fingerprints(c.clause, c.opinion, c.submitter, c.contact),
        )

    def __len__(self) -> int:
        return len(self.row)

    @property
    def flagged(self) -> int:
        """Rows with a formula-like cell."""
        return len(self.flags) - self.flags.count("")

    def __getstate__(self) -> tuple[Any, ...]:
        n = len(self.row)
        return (
            n,
            array("q", self.row),
            _pack(self.clause, n),
            _pack(self.flags, n),
            self.texts,
            array("Q", self.fingerprint),
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        n, rows, clause, flags, self.texts, prints = state
        self.row = rows.tolist()
        self.fingerprint = prints.tolist()
        self.clause = _unpack(clause, n)
        self.flags = _unpack(flags, n)


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
