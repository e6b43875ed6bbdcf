"""Changing stored comments after ingest: decisions, placements, duplicate clusters.

Each function writes inside the caller's transaction (which appends the audit entry too).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from workbench.store import comment_tables as t
from workbench.store.schema import projects

__all__ = [
    "cluster_members",
    "comment_projects",
    "insert_decisions",
    "latest_decisions",
    "set_target",
]


def cluster_members(conn: Connection, cluster_id: int) -> list[int]:
    """The comment ids of a duplicate cluster (empty when there is no such cluster)."""
    members = conn.execute(
        select(t.comment_cluster_members.c.comment_id).where(
            t.comment_cluster_members.c.cluster_id == cluster_id
        )
    ).scalars()
    return [int(m) for m in members]


def comment_projects(conn: Connection, comment_ids: Sequence[int]) -> dict[int, str]:
    """Each of ``comment_ids`` that exists → its project's slug."""
    rows = conn.execute(
        select(t.comments.c.id, projects.c.slug)
        .join(projects, projects.c.id == t.comments.c.project_id)
        .where(t.comments.c.id.in_(list(comment_ids)))
    ).all()
    return {int(r.id): str(r.slug) for r in rows}


def insert_decisions(
    conn: Connection,
    comment_ids: Sequence[int],
    *,
    kind: str,
    reason: str,
    actor: str,
    at: datetime,
    cluster_id: int | None,
    linked_uid: str | None,
) -> None:
    """Record one decision on each of ``comment_ids`` (it becomes their latest)."""
    conn.execute(
        insert(t.comment_decisions),
        [
            {
                "comment_id": cid,
                "kind": kind,
                "reason": reason,
                "decided_by": actor,
                "decided_at": at,
                "cluster_id": cluster_id,
                "linked_uid": linked_uid,
            }
            for cid in comment_ids
        ],
    )


def latest_decisions(conn: Connection, comment_ids: Sequence[int]) -> dict[int, str]:
    """The latest decision kind of each of ``comment_ids`` that has one."""
    d = t.comment_decisions.c
    latest = (
        select(func.max(d.id))
        .where(d.comment_id.in_(list(comment_ids)))
        .group_by(d.comment_id)
        .scalar_subquery()
    )
    rows = conn.execute(select(d.comment_id, d.kind).where(d.id.in_(latest))).all()
    return {int(cid): str(kind) for cid, kind in rows}


def set_target(
    conn: Connection,
    comment_id: int,
    *,
    uid: str | None,
    whole: bool,
    actor: str,
    at: datetime,
) -> None:
    """Anchor a comment on node ``uid`` (or the whole draft when ``whole``)."""
    conn.execute(
        update(t.comments)
        .where(t.comments.c.id == comment_id)
        .values(target_uid=uid, whole=whole, placed_by=actor, placed_at=at)
    )
