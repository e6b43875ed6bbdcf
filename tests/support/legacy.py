"""Turn a workspace back into an earlier schema, to test the migrations that bring it forward.

`to_schema7` rewrites a workspace made by this release (plain comment rows) the way schema 7
stored it: texts packed in LZ4 chunks (`comment_texts`), per-node id lists (`comment_targets`),
narrow comment rows with ``seq``; no search indexes, no ``draft_texts``, no ``v_comments``. It
uses the schema-7 codecs the migration reads (`workbench.store.comment_legacy`).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from workbench.store.comment_legacy import (
    TEXT_COLUMNS,
    encode_texts,
    legacy,
    pack_chunk,
    rebuild_lists,
)
from workbench.workspace import Workspace

__all__ = ["to_schema7"]

_SCHEMA7_COMMENTS = (
    "CREATE TABLE comments_v7 (id INTEGER NOT NULL PRIMARY KEY, "
    "file_id INTEGER NOT NULL REFERENCES comment_files (id), row INTEGER NOT NULL, "
    "seq INTEGER NOT NULL, cited_as TEXT NOT NULL, target_uid VARCHAR(64), "
    "whole BOOLEAN NOT NULL, flags TEXT NOT NULL, placed_by TEXT, placed_at VARCHAR(32))"
)
_KEPT = "id, file_id, row, seq, cited_as, target_uid, whole, flags, placed_by, placed_at"
_PLAIN_ONLY = ("project_id", "version_id", "station", *TEXT_COLUMNS)


def to_schema7(ws: Workspace) -> None:
    """Rewrite ``ws``'s comments as schema 7 stored them, and mark it schema 7."""
    with ws.transaction() as conn:
        conn.execute(text("DROP VIEW IF EXISTS v_comments"))
        for name in ("comment_terms", "draft_terms", "draft_texts"):
            conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        legacy.create_all(conn)
        conn.execute(text("ALTER TABLE comments ADD COLUMN seq INTEGER NOT NULL DEFAULT 0"))
        _pack_texts(conn)
        if conn.dialect.name == "postgresql":
            for name in _PLAIN_ONLY:
                conn.execute(text(f"ALTER TABLE comments DROP COLUMN {name}"))
        conn.execute(text("DELETE FROM schema_version WHERE version >= 8"))
    if ws.db.dialect == "sqlite":
        _narrow_sqlite(ws)
    with ws.transaction() as conn:
        rebuild_lists(conn)


def _pack_texts(conn: Connection) -> None:
    """Number each file's comments (``seq``) and store their texts in packed chunks."""
    files = conn.execute(text("SELECT id FROM comment_files ORDER BY id")).scalars().all()
    for file_id in files:
        rows = conn.execute(
            text(
                f"SELECT id, {', '.join(TEXT_COLUMNS)} FROM comments WHERE file_id = :f ORDER BY id"
            ),
            {"f": file_id},
        ).all()
        for seq, row in enumerate(rows):
            conn.execute(
                text("UPDATE comments SET seq = :s WHERE id = :i"), {"s": seq, "i": row[0]}
            )
        chunks = encode_texts([tuple(r[1:]) for r in rows])
        for number, chunk in enumerate(chunks):
            conn.execute(
                text(
                    "INSERT INTO comment_texts (file_id, chunk, data, packed) "
                    "VALUES (:f, :c, '', :p)"
                ),
                {"f": file_id, "c": number, "p": pack_chunk(chunk)},
            )


def _narrow_sqlite(ws: Workspace) -> None:
    """Rebuild the SQLite comments table in its schema-7 shape (SQLite cannot drop key columns)."""
    raw = ws.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("BEGIN IMMEDIATE")
        cur.execute(_SCHEMA7_COMMENTS)
        cur.execute(f"INSERT INTO comments_v7 ({_KEPT}) SELECT {_KEPT} FROM comments")
        cur.execute("DROP TABLE comments")
        cur.execute("ALTER TABLE comments_v7 RENAME TO comments")
        cur.execute("COMMIT")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()
