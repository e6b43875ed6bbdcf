"""How comment texts are packed in `workbench.store.comment_tables.comment_texts` chunks.

A chunk holds the texts of `TEXT_CHUNK_ROWS` comments of one file: their fields joined by
U+001F after a U+001D mark (None as U+001E), or a JSON array of arrays when a value holds one
of those characters; stored LZ4-compressed after a format byte (`pack_chunk`), or as plain
text in chunks written before schema 6.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain

import lz4.block

__all__ = [
    "TEXT_CHUNK_ROWS",
    "CommentText",
    "decode_texts",
    "encode_texts",
    "pack_chunk",
    "unpack_chunk",
]

TEXT_CHUNK_ROWS = 32
"""Comments per stored text chunk: comment ``seq`` of a file is in chunk ``seq // 32``."""

CommentText = tuple[str | None, str, str, str, str | None, str, str]
"""One comment's texts: quote, opinion, reason, proposal, category, submitter, contact."""

_PACKED = "\x1d"
_FIELD = "\x1f"
_NONE = "\x1e"
_LZ4 = b"\x01"
_WIDTH = 7
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def encode_texts(texts: Sequence[CommentText]) -> list[str]:
    """The chunks holding ``texts``, `TEXT_CHUNK_ROWS` comments each."""
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


def decode_texts(chunk: str) -> list[CommentText]:
    """The comments' texts in one stored chunk."""
    if not chunk.startswith(_PACKED):
        return [tuple(row) for row in json.loads(chunk)]
    values: list[str | None] = list(chunk[1:].split(_FIELD))
    if _NONE in chunk:
        values = [None if v == _NONE else v for v in values]
    rows = iter(values)
    return list(zip(*[rows] * _WIDTH, strict=True))


def pack_chunk(chunk: str) -> bytes:
    """A text chunk as stored: its UTF-8, LZ4-compressed, after a format byte."""
    packed: bytes = lz4.block.compress(chunk.encode())
    return _LZ4 + packed


def unpack_chunk(packed: bytes) -> str:
    """The text chunk `pack_chunk` stored."""
    if packed[:1] != _LZ4:
        raise ValueError(f"未知的意见正文存储格式：{packed[:1]!r}")
    return str(lz4.block.decompress(packed[1:]).decode())
