"""The database tables, on one SQLAlchemy `MetaData`.

Every table of the workbench lives on `metadata`, so one ``create_all`` and one migration list
cover them all. Other packages add their tables in their own module of ``workbench.store`` on the
same `metadata` (the comment tables go in ``workbench/store/comment_tables.py``) and list that
module in `workbench.store.migrations.TABLE_MODULES`; new tables are created on the next open,
changes to existing tables need a migration step.

Timestamps are stored as ISO 8601 text in UTC (`UtcDateTime`), so SQLite and PostgreSQL give back
exactly the same value and the audit chain hashes the same bytes on both. Documents and payloads
are stored as JSON text, hashed as stored.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Date,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "UtcDateTime",
    "audit_log",
    "cycle_records",
    "inbox_files",
    "matrix_cells",
    "metadata",
    "node_history",
    "projects",
    "schema_version",
    "settings",
    "versions",
    "working_drafts",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_N_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
"""The one MetaData every workbench table is defined on."""


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as ISO 8601 text with microseconds (``2026-01-02T03:04:05.000006+00:00``)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:  # noqa: ARG002
        """Normalise to UTC and format."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        """Parse back to an aware datetime."""
        return None if value is None else datetime.fromisoformat(value)


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
)
"""One row per migration step applied; the highest ``version`` is the schema's version."""

settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
"""Workspace settings as JSON text by key (``matrix``: the nodes and parties)."""

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("archived_at", UtcDateTime),
    Column("archived_by", Text),
    Column("kind", String(8), nullable=False, server_default="制定"),
    Column("readings", Integer, nullable=False, server_default="2"),
)
"""Legislative projects. A project is never deleted: it is archived (``archived_at`` set) and
can be restored. ``kind`` is 制定/修订/修正/废止, ``readings`` how many readings its path has."""

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("stage", Text, nullable=False),
    Column("node", Text),
    Column("name", Text, nullable=False, server_default=""),
    Column("label", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("party", Text),
    Column("reason", Text),
    Column("document", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("source_sha256", String(64)),
    Column("source_name", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Text, nullable=False),
    UniqueConstraint("project_id", "number"),
    # Re-importing the same file at the same stage is a no-op; NULLs (frozen drafts) never clash.
    UniqueConstraint("project_id", "stage", "source_sha256"),
)
"""Frozen versions: the Document JSON as stored, and its sha256; ``stage`` is the stage of the
cycle (一审), ``node`` the 四前四方 node it was frozen at (初审前), ``name`` what the text is
called (草案)."""

working_drafts = Table(
    "working_drafts",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    Column("document", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("based_on", Integer),
    Column("base_sha256", String(64)),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", Text, nullable=False),
)
"""One editable draft per project; ``revision`` guards concurrent saves."""

node_history = Table(
    "node_history",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("uid", String(64), primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("eid", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Index("ix_node_history_project_uid", "project_id", "uid"),
)
"""Per version, every node by uid: its eid, citation and text hash (timelines)."""

matrix_cells = Table(
    "matrix_cells",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    Column("node", String(64), primary_key=True),
    Column("party", String(64), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("record", Text, nullable=False, default=""),
    Column("updated_by", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
"""The 四前四方 matrix cells that were ever set; a missing cell is 未征求."""

inbox_files = Table(
    "inbox_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("original_name", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("received_by", Text, nullable=False),
)
"""Files kept in ``inbox/`` (first receipt; every receipt is in the audit log)."""

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("project", String(64)),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
"""The append-only audit log; each entry's hash covers the previous one's."""

cycle_records = Table(
    "cycle_records",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("date", Date, nullable=False),
    Column("body", Text, nullable=False, default=""),
    Column("outcome", String(8), nullable=False, default=""),
    Column("notice", Text, nullable=False, default=""),
    Column("effective", Date),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)
"""What happened at each stage of a project: the meeting of a reading, 通过, 批准, 公布 (one row
per stage; recording again replaces it, the audit log keeps the earlier ones)."""
