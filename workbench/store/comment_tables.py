"""The consultation tables: stations, comment files, comments and their texts, clusters, decisions.

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
    LargeBinary,
    String,
    Table,
    Text,
)

from workbench.store.schema import UtcDateTime, metadata

__all__ = [
    "comment_cluster_members",
    "comment_clusters",
    "comment_decisions",
    "comment_files",
    "comment_targets",
    "comment_texts",
    "comments",
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
    Column("row", Integer, nullable=False),
    Column("seq", Integer, nullable=False, default=0),
    Column("cited_as", Text, nullable=False, default=""),
    Column("target_uid", String(64)),
    Column("whole", Boolean, nullable=False, default=False),
    Column("flags", Text, nullable=False, default=""),
    Column("placed_by", Text),
    Column("placed_at", UtcDateTime),
)
"""Every comment, anchored on a node uid (None: unplaced, or the whole draft when ``whole``).

Kept narrow and without secondary indexes, so that storing a million costs little: project,
version and station are its file's; the comments of a file are found by the id range on its
`comment_files` row, those on a node through `comment_targets`.

Its texts (意见建议, 理由, 建议修改为, 提出人 …) are in `comment_texts`: ``seq`` is its position
among its file's comments.
"""

comment_targets = Table(
    "comment_targets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("target", String(64), nullable=False),
    Column("n", Integer, nullable=False),
    Column("ids", LargeBinary, nullable=False),
    Index("ix_comment_targets_target", "project_id", "target"),
)
"""Lists of the comments on each node: ``target`` is a node uid or 全文 (the whole draft),
``ids`` their comment ids (64-bit little-endian), ``n`` how many (`workbench.store.comment_targets`).

One row per node per ingest commit group: a few thousand rows for a hundred thousand comments.
"""

comment_texts = Table(
    "comment_texts",
    metadata,
    Column("file_id", Integer, ForeignKey("comment_files.id"), primary_key=True),
    Column("chunk", Integer, primary_key=True),
    Column("data", Text, nullable=False),  # "" when packed
    Column("packed", LargeBinary),
)
"""The texts of a file's comments, `TEXT_CHUNK_ROWS` to a row: comment ``seq`` is entry
``seq % 32`` of chunk ``seq // 32`` (`workbench.store.comment_codec.encode_texts`), compressed in
``packed`` (`workbench.store.comment_codec.pack_chunk`; chunks stored before schema 6 are plain
``data``).

Stored a chunk at a time, not a column per comment: writing a million comments is then
mostly a million narrow rows, and a listing decodes only the chunks it shows.
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
