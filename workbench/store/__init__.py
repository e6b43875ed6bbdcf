"""Persistence: SQLAlchemy Core on a SQLite file (WAL) or PostgreSQL, with a hash-chained audit log.

`Database` holds the engine and the transaction helpers; `migrate` brings a database to the
current schema; the other modules read and write rows inside a caller's transaction. Tables are
in `workbench.store.schema` on one `metadata`. This package knows nothing of files to parse or of
the workspace folder: `workbench.workspace` orchestrates it.
"""

from workbench.store.audit import append_audit, read_audit, verify_audit
from workbench.store.database import Database, sqlite_url
from workbench.store.migrations import MIGRATIONS, Migration, current_version, migrate
from workbench.store.schema import metadata

__all__ = [
    "MIGRATIONS",
    "Database",
    "Migration",
    "append_audit",
    "current_version",
    "metadata",
    "migrate",
    "read_audit",
    "sqlite_url",
    "verify_audit",
]
