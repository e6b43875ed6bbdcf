"""Persistence: SQLAlchemy Core on a SQLite file (WAL) or PostgreSQL, with a hash-chained audit log.

`Database` holds the engine and the transaction helpers; `migrate` brings a database to the
current schema; the other modules read and write rows inside a caller's transaction. This
package knows nothing of files to parse or of the workspace folder: `workbench.workspace`
orchestrates it.

How another service adds its own data:

1. Define tables on the one `metadata` in a module of this package (the comment tables live in
   ``workbench/store/comment_tables.py``) and list the module in
   `workbench.store.migrations.TABLE_MODULES`. New tables are created on the next open; a change
   to an existing table is a new `Migration` appended to `MIGRATIONS`.
2. Write inside one transaction and log it there, so the change and its audit entry land
   together or not at all::

       with ws.transaction() as conn:          # serialised writer (BEGIN IMMEDIATE / lock)
           conn.execute(comments.insert().values(...))
           append_audit(conn, actor=actor, action="ingest_comments", project=slug,
                        payload={"file": sha256, "rows": n})

3. Read with ``ws.read()`` (one snapshot). Store timestamps with `UtcDateTime` (aware UTC) and
   JSON as text; never UPDATE or DELETE ``audit_log`` (triggers refuse it).
"""

from workbench.store.audit import (
    AuditDraft,
    append_audit,
    append_audit_many,
    read_audit,
    verify_audit,
)
from workbench.store.database import Database, sqlite_url
from workbench.store.migrations import MIGRATIONS, Migration, current_version, migrate
from workbench.store.schema import UtcDateTime, metadata

__all__ = [
    "MIGRATIONS",
    "AuditDraft",
    "Database",
    "Migration",
    "UtcDateTime",
    "append_audit",
    "append_audit_many",
    "current_version",
    "metadata",
    "migrate",
    "read_audit",
    "sqlite_url",
    "verify_audit",
]
