"""The law library's tables: instruments, the names they are cited by, and their versions.

Defined on the store's one `metadata` (listed in `workbench.store.migrations.TABLE_MODULES`), so
a workspace made before the library existed gets them, empty, the next time it is opened. Dates
are ISO 8601 text (``2023-03-13``): they sort as dates and read the same in any SQL tool.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from workbench.store.schema import UtcDateTime, metadata

__all__ = ["library_instruments", "library_names", "library_versions"]

library_instruments = Table(
    "library_instruments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Text, nullable=False),
)
"""Upper-level laws and regulations on the shelf, by full name (中华人民共和国立法法)."""

library_names = Table(
    "library_names",
    metadata,
    Column("name", Text, primary_key=True),
    Column("instrument_id", Integer, ForeignKey("library_instruments.id"), nullable=False),
)
"""Every name an instrument is cited by (its full name and short names such as 立法法), as a
lookup key: no 书名号 or spaces (`workbench.check.instruments.name_key`)."""

library_versions = Table(
    "library_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instrument_id", Integer, ForeignKey("library_instruments.id"), nullable=False),
    Column("version_date", String(10), nullable=False),
    Column("title", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("source_sha256", String(64)),
    Column("source_name", Text),
    Column("added_at", UtcDateTime, nullable=False),
    Column("added_by", Text, nullable=False),
    UniqueConstraint("instrument_id", "version_date"),
)
"""The dated versions of each instrument: the Document JSON as stored, and its sha256."""
