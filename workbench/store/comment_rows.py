"""Writing received comment files: the station table, file rows, comment rows.

Ingest writes with driver-level statements (SQLAlchemy's per-statement work was a third of the
writer's time per file), inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from workbench.model.comments import Station
from workbench.store import comment_tables as t
from workbench.store.database import placeholder

__all__ = [
    "ROWS_PER_INSERT",
    "FileRow",
    "insert_comments",
    "insert_file",
    "next_comment_id",
    "sync_station_table",
]


def sync_station_table(conn: Connection, registry: Sequence[Station]) -> None:
    """Mirror the registry into the ``stations`` table (inside the caller's transaction)."""
    now = datetime.now(UTC)
    have = {r.code: r for r in conn.execute(select(t.stations))}
    current = {s.code: s for s in registry}
    for code, s in current.items():
        row = have.get(code)
        values = {"name": s.name, "county": s.county, "kind": s.kind, "active": True}
        if row is None:
            conn.execute(insert(t.stations).values(code=code, updated_at=now, **values))
        elif (row.name, row.county, row.kind, row.active) != tuple(values.values()):
            conn.execute(
                update(t.stations).where(t.stations.c.code == code).values(updated_at=now, **values)
            )
    for code, row in have.items():
        if code not in current and row.active:
            conn.execute(
                update(t.stations)
                .where(t.stations.c.code == code)
                .values(active=False, updated_at=now)
            )


def next_comment_id(conn: Connection) -> int:
    """The id the next comment stored gets (read inside the writer's transaction)."""
    return int(conn.execute(select(func.max(t.comments.c.id))).scalar() or 0) + 1


FileRow = tuple[Any, ...]
"""A `comment_files` row in `_FILE_SQL` column order."""

_FILE_SQL = (
    "INSERT INTO comment_files (sha256, name, format, encoding, station, collector, "
    "project_id, version_id, version_ref, rows, unplaced, flagged, received_at, received_by, "
    "first_id, last_id) "
    "VALUES ({marks}) ON CONFLICT (sha256) DO NOTHING RETURNING id"
)


def insert_file(conn: Connection, row: FileRow) -> int | None:
    """Insert a file row; its id, or None when the same bytes are stored already."""
    inserted = conn.exec_driver_sql(_sql(conn, "file", _FILE_SQL), row).first()
    return None if inserted is None else int(inserted[0])


_INSERT_COLUMNS = (
    "id",
    "file_id",
    "project_id",
    "version_id",
    "station",
    "row",
    "cited_as",
    "quote",
    "target_uid",
    "whole",
    "opinion",
    "reason",
    "proposal",
    "submitter_category",
    "submitter",
    "contact",
    "flags",
)
"""The columns a stored comment row is given, in `insert_comments` tuple order."""


def insert_comments(conn: Connection, records: Sequence[tuple[Any, ...]]) -> None:
    """Insert comment rows (tuples in `_INSERT_COLUMNS` order) in the caller's transaction.

    On SQLite `ROWS_PER_INSERT` rows go in per statement execution: less time than one row per
    execution, where a statement's per-execution work is much of a row's cost.
    """
    whole = len(records) - len(records) % ROWS_PER_INSERT
    if conn.dialect.name != "sqlite" or not whole:
        whole = 0
    else:
        flat = tuple(chain.from_iterable(records[:whole]))
        step = ROWS_PER_INSERT * len(_INSERT_COLUMNS)
        conn.exec_driver_sql(
            _insert_sql(conn, t.comments.name, _INSERT_COLUMNS, rows=ROWS_PER_INSERT),
            [flat[i : i + step] for i in range(0, len(flat), step)],
        )
    if whole < len(records):
        conn.exec_driver_sql(
            _insert_sql(conn, t.comments.name, _INSERT_COLUMNS), list(records[whole:])
        )


ROWS_PER_INSERT = 50
"""Comment rows per INSERT execution on SQLite (850 values: under every SQLite's limit of 999)."""


def _insert_sql(conn: Connection, table: str, columns: Sequence[str], rows: int = 1) -> str:
    """A driver-level INSERT of ``rows`` rows of ``columns`` (their values one after the other)."""
    mark = placeholder(conn)
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    values = ", ".join([f"({', '.join([mark] * len(columns))})"] * rows)
    return f"INSERT INTO {table} ({quoted}) VALUES {values}"


_SQL_CACHE: dict[tuple[str, str], str] = {}


def _sql(conn: Connection, key: str, template: str) -> str:
    """``template`` with the driver's placeholders (``?`` or ``%s``), one per column named."""
    cached = _SQL_CACHE.get((key, conn.dialect.paramstyle))
    if cached is None:
        count = template.split("VALUES")[0].count(",") + 1
        mark = placeholder(conn)
        cached = template.format(marks=", ".join([mark] * count))
        _SQL_CACHE[(key, conn.dialect.paramstyle)] = cached
    return cached
