"""Rows of the law library: instruments, their names and their dated versions.

Functions take a `Connection` from `Database.transaction` (writes) or `Database.read` and know
nothing of files or parsing; `workbench.workspace.library` orchestrates them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Row, select

from workbench.check.instruments import name_key
from workbench.errors import StoreError
from workbench.model import Document, articles
from workbench.model.library import LawInstrument, LawVersionInfo
from workbench.store.library_tables import library_instruments, library_names, library_versions
from workbench.store.projects import document_json

__all__ = [
    "find_instrument",
    "insert_instrument",
    "insert_law_version",
    "list_instruments",
    "load_law_document",
    "version_info",
]

_INFO_COLUMNS = [c for c in library_versions.c if c.name != "document"]


def _info(name: str, row: Row[tuple[object, ...]]) -> LawVersionInfo:
    return LawVersionInfo(
        instrument=name,
        date=date.fromisoformat(row.version_date),
        title=row.title,
        note=row.note,
        articles=row.articles,
        sha256=row.sha256,
        source_sha256=row.source_sha256,
        source_name=row.source_name,
        added_at=row.added_at,
        added_by=row.added_by,
    )


def list_instruments(conn: Connection) -> list[LawInstrument]:
    """Every instrument with its short names and versions (oldest first), by name."""
    names: dict[int, str] = {
        r.id: r.name
        for r in conn.execute(select(library_instruments.c.id, library_instruments.c.name))
    }
    aliases: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(select(library_names).order_by(library_names.c.name)):
        if r.name != name_key(names[r.instrument_id]):
            aliases[r.instrument_id].append(r.name)
    versions: dict[int, list[LawVersionInfo]] = defaultdict(list)
    query = select(*_INFO_COLUMNS).order_by(
        library_versions.c.instrument_id, library_versions.c.version_date
    )
    for r in conn.execute(query):
        versions[r.instrument_id].append(_info(names[r.instrument_id], r))
    return sorted(
        (
            LawInstrument(name=name, aliases=tuple(aliases[iid]), versions=tuple(versions[iid]))
            for iid, name in names.items()
        ),
        key=lambda i: i.name,
    )


def find_instrument(conn: Connection, name: str) -> tuple[int, str] | None:
    """The row id and full name of the instrument cited as ``name`` (full or short), if any."""
    row = conn.execute(
        select(library_instruments.c.id, library_instruments.c.name)
        .join(library_names, library_names.c.instrument_id == library_instruments.c.id)
        .where(library_names.c.name == name_key(name))
    ).first()
    return None if row is None else (int(row.id), str(row.name))


def insert_instrument(conn: Connection, name: str, aliases: tuple[str, ...], actor: str) -> int:
    """Create an instrument with its names; a short name another instrument has is not taken.

    Returns:
        The new row id.
    """
    iid = int(
        conn.execute(
            library_instruments.insert()
            .values(name=name, created_at=datetime.now(UTC), created_by=actor)
            .returning(library_instruments.c.id)
        ).scalar_one()
    )
    for alias in dict.fromkeys((name, *aliases)):
        key = name_key(alias)
        taken = conn.execute(
            select(library_names.c.instrument_id).where(library_names.c.name == key)
        ).first()
        if taken is None:
            conn.execute(library_names.insert().values(name=key, instrument_id=iid))
    return iid


def version_info(
    conn: Connection, instrument_id: int, name: str, at: date
) -> LawVersionInfo | None:
    """The version of an instrument dated ``at``, if the library has it."""
    row = conn.execute(
        select(*_INFO_COLUMNS).where(
            library_versions.c.instrument_id == instrument_id,
            library_versions.c.version_date == at.isoformat(),
        )
    ).first()
    return None if row is None else _info(name, row)


def insert_law_version(
    conn: Connection,
    instrument_id: int,
    name: str,
    doc: Document,
    at: date,
    *,
    actor: str,
    source_sha256: str | None = None,
    source_name: str | None = None,
) -> LawVersionInfo:
    """Store ``doc`` as the version of an instrument dated ``at``."""
    stored = document_json(doc)
    info = LawVersionInfo(
        instrument=name,
        date=at,
        title=doc.title,
        note=doc.note,
        articles=len(articles(doc)),
        sha256=hashlib.sha256(stored.encode("utf-8")).hexdigest(),
        source_sha256=source_sha256,
        source_name=source_name,
        added_at=datetime.now(UTC),
        added_by=actor,
    )
    conn.execute(
        library_versions.insert().values(
            instrument_id=instrument_id,
            version_date=at.isoformat(),
            title=info.title,
            note=info.note,
            articles=info.articles,
            document=stored,
            sha256=info.sha256,
            source_sha256=source_sha256,
            source_name=source_name,
            added_at=info.added_at,
            added_by=actor,
        )
    )
    return info


def load_law_document(conn: Connection, name: str, at: date) -> Document:
    """The tree of the version of ``name`` dated ``at``.

    Raises:
        StoreError: The library has no such instrument or version.
    """
    found = find_instrument(conn, name)
    if found is None:
        raise StoreError(f"法规库中没有《{name}》")
    raw = conn.execute(
        select(library_versions.c.document).where(
            library_versions.c.instrument_id == found[0],
            library_versions.c.version_date == at.isoformat(),
        )
    ).scalar()
    if raw is None:
        raise StoreError(f"法规库中没有《{found[1]}》{at.isoformat()}的版本")
    return Document.model_validate_json(raw)
