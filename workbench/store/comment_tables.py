"""The consultation tables: stations, comment files, comments, clusters, decisions; draft texts.

Defined on the store's one `metadata` (listed in `workbench.store.migrations.TABLE_MODULES`).
Comments keep the station code as text, not a foreign key, so editing ``stations.csv`` never
orphans what a station already sent.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from workbench.store.schema import UtcDateTime, metadata

__all__ = [
    "comment_cluster_marks",
    "comment_cluster_members",
    "comment_clusters",
    "comment_decisions",
    "comment_files",
    "comments",
    "draft_texts",
    "merged_uids",
    "stations",
]

stations = Table(
    "stations",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("county", Text, nullable=False, default=""),
    Column("kind", String(16), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("updated_at", UtcDateTime, nullable=False),
)
"""The station registry as last synchronised from ``stations.csv`` (inactive: since removed)."""

comment_files = Table(
    "comment_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("encoding", String(16)),
    Column("station", String(32), nullable=False),
    Column("collector", Text, nullable=False, default=""),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("version_ref", Text, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("unplaced", Integer, nullable=False),
    Column("flagged", Integer, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("received_by", Text, nullable=False),
    # the first and last id of its comments (None when it has none)
    Column("first_id", Integer),
    Column("last_id", Integer),
)
"""Accepted comment files, one per sha256 (the same bytes twice add nothing)."""

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", Integer, ForeignKey("comment_files.id"), nullable=False),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("station", String(32), nullable=False),
    Column("row", Integer, nullable=False),
    Column("cited_as", Text, nullable=False, default=""),
    Column("quote", Text),
    Column("target_uid", String(64)),
    Column("whole", Boolean, nullable=False, default=False),
    Column("opinion", Text, nullable=False, default=""),
    Column("reason", Text, nullable=False, default=""),
    Column("proposal", Text, nullable=False, default=""),
    Column("submitter_category", Text),
    Column("submitter", Text, nullable=False, default=""),
    Column("contact", Text, nullable=False, default=""),
    Column("flags", Text, nullable=False, default=""),
    Column("placed_by", Text),
    Column("placed_at", UtcDateTime),
    Index("ix_comments_project_target", "project_id", "target_uid", "whole", "version_id"),
    Index("ix_comments_project_station", "project_id", "station"),
)
"""Every comment, one row each, with its texts as received.

``project_id``, ``version_id`` and ``station`` repeat its file's (the version it was made on);
``row`` is its row in that file; ``cited_as`` the 条款 as written and ``quote`` the words of
the clause it quoted; ``target_uid`` the node it hangs on (None: unplaced, or the whole draft
when ``whole``); ``opinion`` 意见建议, ``reason`` 理由, ``proposal`` 建议修改为,
``submitter_category`` 提出人类别, ``submitter`` 提出人 and ``contact`` 联系方式 (personal data);
``flags`` ``formula:<column>`` for cells kept as text that a spreadsheet would have taken for a
formula; ``placed_by``/``placed_at`` who anchored it by hand. A file's comments have
consecutive ids (`comment_files.first_id` … ``last_id``). The view ``v_comments`` shows each
with its project, station name, current article, state and latest decision.
"""

comment_clusters = Table(
    "comment_clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("target", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
"""Duplicate clusters (exact / near) found on one clause."""

comment_cluster_members = Table(
    "comment_cluster_members",
    metadata,
    Column("cluster_id", Integer, ForeignKey("comment_clusters.id"), primary_key=True),
    Column("comment_id", Integer, ForeignKey("comments.id"), primary_key=True),
    Index("ix_comment_cluster_members_comment", "comment_id"),
)
"""Which comments each cluster holds."""

comment_decisions = Table(
    "comment_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("comment_id", Integer, ForeignKey("comments.id"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("decided_by", Text, nullable=False),
    Column("decided_at", UtcDateTime, nullable=False),
    Column("cluster_id", Integer, ForeignKey("comment_clusters.id")),
    Column("linked_uid", String(64)),
    Index("ix_comment_decisions_comment", "comment_id"),
)
"""Decisions; the latest per comment is its current one, earlier ones are its history."""

merged_uids = Table(
    "merged_uids",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    Column("old_uid", String(64), primary_key=True),
    Column("new_uid", String(64), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
)
"""Nodes gone in a merge: each old uid → the article it merged into, in the version that did it.

Comments on such a node follow it to that article instead of becoming orphaned.
"""

draft_texts = Table(
    "draft_texts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("uid", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_draft_texts_version", "version_id"),
)
"""The text of every node of every frozen version, by its citation there (``label``): what the
draft search (`workbench.store.search`) finds and shows."""

comment_cluster_marks = Table(
    "comment_cluster_marks",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    Column("last_id", Integer, nullable=False),
    Column("clustered_at", UtcDateTime, nullable=False),
)
"""How far duplicate clustering got in each project: the comments up to ``last_id``, and the
placements by hand up to ``clustered_at``; the next run looks again at the clauses that got
comments since, nothing else."""
