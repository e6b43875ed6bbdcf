"""The recorded state the audit log must account for, read as plain records.

`workbench.workspace.audit_check` compares these with the log: a version, working draft,
decision or matrix cell that no entry accounts for was written around the workbench. The
hashes are recomputed here from the stored text, so an edited document shows even when its
``sha256`` column was left alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Connection, select

from workbench.store.comment_tables import comment_decisions, comment_files, comments
from workbench.store.matrix import has_matrix_config, load_matrix_config
from workbench.store.schema import matrix_cells, projects, versions, working_drafts

__all__ = [
    "DecisionRecord",
    "MatrixCellRecord",
    "VersionRecord",
    "WorkingDraftRecord",
    "decision_records",
    "matrix_cell_records",
    "matrix_setting",
    "project_titles",
    "version_records",
    "working_draft_records",
]


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One frozen version as stored."""

    project: str
    """The project's slug."""
    number: int
    """The version number."""
    sha256: str
    """The ``sha256`` column."""
    text_sha256: str
    """sha256 of the stored document text, recomputed now."""


@dataclass(frozen=True, slots=True)
class WorkingDraftRecord:
    """A project's working draft as stored."""

    project: str
    """The project's slug."""
    revision: int
    """The draft's revision."""
    text_sha256: str
    """sha256 of the stored document text, recomputed now."""


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One decision row (a comment's history keeps every one)."""

    project: str
    """The comment's project."""
    comment_id: int
    """The comment decided."""
    kind: str
    """采纳, 部分采纳, 未采纳 or 留作参考."""
    reason: str
    """The reason given."""
    decided_by: str
    """Who decided."""


@dataclass(frozen=True, slots=True)
class MatrixCellRecord:
    """One 四前四方 cell that was ever set."""

    project: str
    """The project's slug."""
    node: str
    """The consultation node."""
    party: str
    """The party consulted."""
    status: str
    """未征求, 已征求, 已反馈 or 已会商."""
    record: str
    """The 会商 record."""
    updated_by: str
    """Who set it last."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_records(conn: Connection) -> Iterator[VersionRecord]:
    """Every version, its stored hash and the hash of its stored text (one document at a time)."""
    query = (
        select(projects.c.slug, versions.c.number, versions.c.sha256, versions.c.document)
        .join(projects, projects.c.id == versions.c.project_id)
        .order_by(projects.c.slug, versions.c.number)
    )
    for row in conn.execution_options(yield_per=16).execute(query):
        yield VersionRecord(row.slug, int(row.number), str(row.sha256), _sha(row.document))


def working_draft_records(conn: Connection) -> list[WorkingDraftRecord]:
    """Every working draft with the hash of its stored text."""
    query = (
        select(projects.c.slug, working_drafts.c.revision, working_drafts.c.document)
        .join(projects, projects.c.id == working_drafts.c.project_id)
        .order_by(projects.c.slug)
    )
    return [
        WorkingDraftRecord(row.slug, int(row.revision), _sha(row.document))
        for row in conn.execute(query)
    ]


def decision_records(conn: Connection) -> Iterator[DecisionRecord]:
    """Every decision row, oldest first, with its comment's project."""
    d = comment_decisions.c
    query = (
        select(projects.c.slug, d.comment_id, d.kind, d.reason, d.decided_by)
        .select_from(comment_decisions)
        .join(comments, comments.c.id == d.comment_id)
        .join(comment_files, comment_files.c.id == comments.c.file_id)
        .join(projects, projects.c.id == comment_files.c.project_id)
        .order_by(d.id)
    )
    for row in conn.execution_options(yield_per=2000).execute(query):
        yield DecisionRecord(
            row.slug, int(row.comment_id), str(row.kind), str(row.reason or ""), row.decided_by
        )


def matrix_cell_records(conn: Connection) -> list[MatrixCellRecord]:
    """Every matrix cell that was ever set."""
    m = matrix_cells.c
    query = (
        select(projects.c.slug, m.node, m.party, m.status, m.record, m.updated_by)
        .join(projects, projects.c.id == m.project_id)
        .order_by(projects.c.slug, m.node, m.party)
    )
    return [
        MatrixCellRecord(r.slug, r.node, r.party, r.status, r.record or "", r.updated_by)
        for r in conn.execute(query)
    ]


def matrix_setting(conn: Connection) -> tuple[list[str], list[str]] | None:
    """The stored matrix nodes and parties; None if never configured, empty lists if damaged."""
    if not has_matrix_config(conn):
        return None
    try:
        config = load_matrix_config(conn)
    except (ValidationError, ValueError):
        return [], []
    return list(config.nodes), list(config.parties)


def project_titles(conn: Connection) -> dict[str, str]:
    """Every project's slug and title."""
    return {r.slug: r.title for r in conn.execute(select(projects.c.slug, projects.c.title))}
