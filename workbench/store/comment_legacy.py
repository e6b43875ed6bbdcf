"""How comments were stored before schema 8, for the migrations that bring old workspaces forward.

Until schema 8 a comment's texts were packed in chunks of 32 (`comment_texts`, LZ4-compressed
from schema 6) and the comments on each node were found through binary lists of ids
(`comment_targets`, from schema 4). Nothing but `workbench.store.migrations` uses this module:
it reads those shapes and turns them into the plain `comments` table.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain

import lz4.block
from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    column,
    delete,
    insert,
    inspect,
    select,
    table,
    text,
    update,
)

from workbench.comments import WHOLE
from workbench.store.comment_tables import comment_files

__all__ = [
    "TEXT_CHUNK_ROWS",
    "CommentText",
    "comment_targets",
    "comment_texts",
    "decode_texts",
    "encode_texts",
    "pack_chunk",
    "plain_comments",
    "rebuild_lists",
    "unpack_chunk",
]

legacy = MetaData()
"""The tables of earlier schemas (never created on a new database)."""

comment_texts = Table(
    "comment_texts",
    legacy,
    Column("file_id", Integer, primary_key=True),
    Column("chunk", Integer, primary_key=True),
    Column("data", Text, nullable=False),  # "" when packed
    Column("packed", LargeBinary),
)
"""Schemas 2–7: the texts of a file's comments, `TEXT_CHUNK_ROWS` to a row."""

comment_targets = Table(
    "comment_targets",
    legacy,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, nullable=False),
    Column("target", String(64), nullable=False),
    Column("n", Integer, nullable=False),
    Column("ids", LargeBinary, nullable=False),
    Index("ix_comment_targets_target", "project_id", "target"),
)
"""Schemas 4–7: the ids of the comments on each node (64-bit little-endian)."""

TEXT_CHUNK_ROWS = 32
"""Comments per text chunk: comment ``seq`` of a file is in chunk ``seq // 32``."""

CommentText = tuple[str | None, str, str, str, str | None, str, str]
"""One comment's texts: quote, opinion, reason, proposal, category, submitter, contact."""

TEXT_COLUMNS = (
    "quote",
    "opinion",
    "reason",
    "proposal",
    "submitter_category",
    "submitter",
    "contact",
)
"""The text columns, in chunk order (and as schema 1 and schema 8 name them)."""

_PACKED = "\x1d"
_FIELD = "\x1f"
_NONE = "\x1e"
_LZ4 = b"\x01"
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def encode_texts(texts: Sequence[CommentText]) -> list[str]:
    """The chunks holding ``texts``, `TEXT_CHUNK_ROWS` comments each.

    A chunk is the fields joined by U+001F after U+001D (None as U+001E), or a JSON array of
    arrays when a value holds one of those characters.
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


def decode_texts(chunk: str) -> list[CommentText]:
    """The comments' texts in one chunk."""
    if not chunk.startswith(_PACKED):
        return [tuple(row) for row in json.loads(chunk)]
    values: list[str | None] = list(chunk[1:].split(_FIELD))
    if _NONE in chunk:
        values = [None if v == _NONE else v for v in values]
    rows = iter(values)
    return list(zip(*[rows] * len(TEXT_COLUMNS), strict=True))


def pack_chunk(chunk: str) -> bytes:
    """A chunk as schemas 6–7 stored it: UTF-8, LZ4-compressed, after a format byte."""
    packed: bytes = lz4.block.compress(chunk.encode())
    return _LZ4 + packed


def unpack_chunk(packed: bytes) -> str:
    """The chunk `pack_chunk` stored."""
    if packed[:1] != _LZ4:
        raise ValueError(f"未知的意见正文存储格式：{packed[:1]!r}")
    return str(lz4.block.decompress(packed[1:]).decode())


def pack_ids(ids: Iterable[int]) -> bytes:
    """Comment ids as a `comment_targets` list held them: 64-bit little-endian integers."""
    packed = array("q", ids)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def rebuild_lists(conn: Connection, *, chunk: int = 200_000) -> None:
    """Write the node lists of every stored comment (schema 4, on the comments of that time)."""
    c = table("comments", column("id"), column("file_id"), column("target_uid"), column("whole"))
    f = comment_files.c
    conn.execute(delete(comment_targets))
    last = 0
    while True:
        rows = conn.execute(
            select(c.c.id, f.project_id, c.c.target_uid, c.c.whole)
            .join(comment_files, f.id == c.c.file_id)
            .where(c.c.id > last)
            .order_by(c.c.id)
            .limit(chunk)
        ).all()
        if not rows:
            return
        lists: defaultdict[tuple[int, str], list[int]] = defaultdict(list)
        for cid, pid, uid, whole in rows:
            key = WHOLE if whole else uid
            if key is not None:
                lists[(pid, key)].append(cid)
        conn.execute(
            insert(comment_targets),
            [
                {"project_id": pid, "target": key, "n": len(ids), "ids": pack_ids(ids)}
                for (pid, key), ids in lists.items()
            ],
        )
        last = rows[-1][0]


_PLAIN_COLUMNS = {
    "project_id": "INTEGER",
    "version_id": "INTEGER",
    "station": "VARCHAR(32)",
    "quote": "TEXT",
    "opinion": "TEXT NOT NULL DEFAULT ''",
    "reason": "TEXT NOT NULL DEFAULT ''",
    "proposal": "TEXT NOT NULL DEFAULT ''",
    "submitter_category": "TEXT",
    "submitter": "TEXT NOT NULL DEFAULT ''",
    "contact": "TEXT NOT NULL DEFAULT ''",
}


def plain_comments(conn: Connection) -> None:
    """Turn the comments of schemas 2–7 into plain rows (schema 8), texts unpacked.

    Adds the columns, copies project, version and station from each comment's file, unpacks
    each file's text chunks into its comments' rows, and drops the chunks, the node lists and
    the ``seq`` column.
    """
    inspector = inspect(conn)
    have = {c["name"] for c in inspector.get_columns("comments")}
    for name, kind in _PLAIN_COLUMNS.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE comments ADD COLUMN {name} {kind}"))
    for name in ("project_id", "version_id", "station"):
        conn.execute(
            text(
                f"UPDATE comments SET {name} = (SELECT f.{name} FROM comment_files f "
                "WHERE f.id = comments.file_id)"
            )
        )
    if inspector.has_table("comment_texts") and "seq" in have:
        _unpack_texts(conn)
    for name in ("comment_texts", "comment_targets"):
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    conn.execute(text("DROP INDEX IF EXISTS ix_comments_file"))
    if "seq" in have:
        conn.execute(text("ALTER TABLE comments DROP COLUMN seq"))
    if conn.dialect.name == "postgresql":
        for name in ("project_id", "version_id", "station"):
            conn.execute(text(f"ALTER TABLE comments ALTER COLUMN {name} SET NOT NULL"))


def _unpack_texts(conn: Connection) -> None:
    """Copy each file's text chunks into its comments' text columns."""
    old = table("comments", column("id"), column("file_id"), column("seq"))
    fill = (
        update(table("comments", column("id"), *map(column, TEXT_COLUMNS)))
        .where(column("id") == bindparam("cid"))
        .values({name: bindparam(name) for name in TEXT_COLUMNS})
    )
    t = comment_texts.c
    for (file_id,) in conn.execute(select(comment_files.c.id).order_by(comment_files.c.id)).all():
        seqs = conn.execute(select(old.c.seq, old.c.id).where(old.c.file_id == file_id)).all()
        if not seqs:
            continue
        texts: list[CommentText] = []
        for data, packed in conn.execute(
            select(t.data, t.packed).where(t.file_id == file_id).order_by(t.chunk)
        ):
            texts += decode_texts(data if packed is None else unpack_chunk(bytes(packed)))
        conn.execute(
            fill,
            [{"cid": cid, **dict(zip(TEXT_COLUMNS, texts[seq], strict=True))} for seq, cid in seqs],
        )
