"""The table of decisions applied in a workspace: which version each amended, and how.

Defined on the store's one `metadata` (listed in `workbench.store.migrations.TABLE_MODULES`), so
a workspace made before amendment decisions existed gets the table, empty, the next time it is
opened. The decision, the outcomes and the change links are JSON text any SQL tool can read.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text

from workbench.store.schema import UtcDateTime, metadata

__all__ = ["amendments"]

amendments = Table(
    "amendments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("source_sha256", String(64)),
    Column("source_name", Text),
    Column("decision", Text, nullable=False),
    Column("outcomes", Text, nullable=False),
    Column("links", Text, nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
    Column("applied_by", Text, nullable=False),
)
"""One row per decision applied: the version it amended (its number), the decision as read
(`workbench.amend.Decision` JSON), each operation's outcome and the change links (JSON lists),
and the decision file kept in ``inbox/`` (its sha256 and name)."""
