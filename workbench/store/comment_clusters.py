"""Duplicate clusters in the database: what changed since the last run, and the clusters kept.

Clustering runs per clause; these statements find the clauses that got comments (ingested, or
placed by hand) since the project's last run, read one clause's comments through the
(project, target) index, and store the clauses' clusters: unchanged ones keep their id
(decisions refer to it), new ones are added, and the memberships of clusters no longer found
are removed (the cluster row stays, for the decisions that name it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from workbench.comments import WHOLE
from workbench.store import comment_tables as t
from workbench.store.database import placeholder

__all__ = [
    "Target",
    "cluster_sizes",
    "comments_on",
    "count_comments",
    "current_clusters",
    "dirty_targets",
    "drop_members",
    "insert_clusters",
    "max_comment_id",
    "read_mark",
    "stored_clusters",
    "write_mark",
]

Target = tuple[str | None, bool]
"""A clause as comments hang on it: (node uid, whole draft)."""


def read_mark(conn: Connection, pid: int) -> tuple[int, datetime | None]:
    """The last comment id clustered in project row ``pid`` and when (0, None: never)."""
    m = t.comment_cluster_marks.c
    row = conn.execute(select(m.last_id, m.clustered_at).where(m.project_id == pid)).first()
    return (0, None) if row is None else (int(row.last_id), row.clustered_at)


def write_mark(conn: Connection, pid: int, last_id: int, at: datetime) -> None:
    """Record that project row ``pid`` is clustered up to comment ``last_id`` at ``at``."""
    m = t.comment_cluster_marks.c
    done = conn.execute(
        update(t.comment_cluster_marks)
        .where(m.project_id == pid)
        .values(last_id=last_id, clustered_at=at)
    )
    if not done.rowcount:
        conn.execute(
            insert(t.comment_cluster_marks).values(project_id=pid, last_id=last_id, clustered_at=at)
        )


def max_comment_id(conn: Connection, pid: int) -> int:
    """The largest comment id of project row ``pid`` (0 when it has none)."""
    c = t.comments.c
    return int(conn.execute(select(func.max(c.id)).where(c.project_id == pid)).scalar() or 0)


def dirty_targets(conn: Connection, pid: int, last_id: int, since: datetime | None) -> set[Target]:
    """The clauses whose clusters may have changed since the mark (every clause: no mark)."""
    c = t.comments.c
    placed = or_(c.target_uid.is_not(None), c.whole.is_(True))
    fresh = select(c.target_uid, c.whole).where(c.project_id == pid, placed).distinct()
    if since is None:
        return {(uid, bool(whole)) for uid, whole in conn.execute(fresh)}
    out = {(uid, bool(whole)) for uid, whole in conn.execute(fresh.where(c.id > last_id))}
    moved = conn.execute(
        select(c.id, c.target_uid, c.whole).where(c.project_id == pid, c.placed_at > since)
    ).all()
    if moved:
        out |= {(uid, bool(whole)) for _, uid, whole in moved if uid is not None or whole}
        m, cl = t.comment_cluster_members.c, t.comment_clusters.c
        old = conn.execute(
            select(cl.target)
            .join(t.comment_cluster_members, m.cluster_id == cl.id)
            .where(m.comment_id.in_([cid for cid, _, _ in moved]))
            .distinct()
        ).scalars()
        out |= {(None, True) if target == WHOLE else (str(target), False) for target in old}
    return out


def comments_on(conn: Connection, pid: int, target: Target) -> Sequence[tuple[int, str]]:
    """(id, opinion) of the comments on one clause, through the (project, target) index.

    Plain SQL: this runs once per clause, thousands of times in a first clustering.
    """
    uid, whole = target
    mark = placeholder(conn)
    if whole:
        sql = f"SELECT id, opinion FROM comments WHERE project_id = {mark} AND whole = {mark}"
        rows = conn.exec_driver_sql(sql, (pid, True)).all()
    else:
        sql = f"SELECT id, opinion FROM comments WHERE project_id = {mark} AND target_uid = {mark}"
        rows = conn.exec_driver_sql(sql, (pid, uid)).all()
    return cast("Sequence[tuple[int, str]]", rows)  # rows unpack as (id, opinion) tuples


def stored_clusters(
    conn: Connection, pid: int, targets: Iterable[str]
) -> dict[str, dict[tuple[int, ...], int]]:
    """The clusters stored on the clauses ``targets`` (uid or 全文): target → sorted members → id.

    Read in a few queries of many clauses each, not one per clause.
    """
    m, cl = t.comment_cluster_members.c, t.comment_clusters.c
    wanted = list(targets)
    members: dict[int, tuple[str, list[int]]] = {}
    for start in range(0, len(wanted), _CLAUSES_PER_QUERY):
        chunk = wanted[start : start + _CLAUSES_PER_QUERY]
        for cid, target, mid in conn.execute(
            select(m.cluster_id, cl.target, m.comment_id)
            .join(t.comment_clusters, cl.id == m.cluster_id)
            .where(cl.project_id == pid, cl.target.in_(chunk))
        ):
            members.setdefault(int(cid), (str(target), []))[1].append(int(mid))
    out: dict[str, dict[tuple[int, ...], int]] = {target: {} for target in wanted}
    for cid, (target, mids) in members.items():
        out[target][tuple(sorted(mids))] = cid
    return out


_CLAUSES_PER_QUERY = 500
"""Clause keys bound in one IN list (well under SQLite's and PostgreSQL's limits)."""


def insert_clusters(
    conn: Connection,
    pid: int,
    clusters: Sequence[tuple[str, str, Sequence[int]]],
    at: datetime,
) -> list[int]:
    """Store new clusters (kind, target, members) and their members in bulk; return their ids.

    Ids are given here, from the largest stored (inside the writer's transaction).
    """
    if not clusters:
        return []
    cl = t.comment_clusters.c
    first = int(conn.execute(select(func.max(cl.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(clusters)))
    stamp = at.isoformat(timespec="microseconds")
    mark = placeholder(conn)
    conn.exec_driver_sql(
        "INSERT INTO comment_clusters (id, project_id, kind, target, created_at) "
        f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark})",
        [
            (cid, pid, kind, target, stamp)
            for cid, (kind, target, _) in zip(ids, clusters, strict=True)
        ],
    )
    conn.exec_driver_sql(
        f"INSERT INTO comment_cluster_members (cluster_id, comment_id) VALUES ({mark}, {mark})",
        [(cid, m) for cid, (_, _, members) in zip(ids, clusters, strict=True) for m in members],
    )
    return ids


def drop_members(conn: Connection, cluster_ids: Iterable[int]) -> None:
    """Empty clusters no longer found (their rows stay for the decisions that name them)."""
    ids = list(cluster_ids)
    if ids:
        m = t.comment_cluster_members.c
        conn.execute(delete(t.comment_cluster_members).where(m.cluster_id.in_(ids)))


def count_comments(conn: Connection, pid: int) -> int:
    """How many comments project row ``pid`` has."""
    c = t.comments.c
    return int(conn.execute(select(func.count()).where(c.project_id == pid)).scalar_one())


def cluster_sizes(conn: Connection, pid: int) -> tuple[int, int]:
    """(memberships, clusters with members) of project row ``pid``."""
    m, cl = t.comment_cluster_members.c, t.comment_clusters.c
    row = conn.execute(
        select(func.count(), func.count(func.distinct(m.cluster_id)))
        .select_from(t.comment_cluster_members)
        .join(t.comment_clusters, cl.id == m.cluster_id)
        .where(cl.project_id == pid)
    ).one()
    return int(row[0]), int(row[1])


def current_clusters(conn: Connection, pid: int) -> list[tuple[int, str, str, tuple[int, ...]]]:
    """(id, kind, target, members) of every cluster of project row ``pid`` with members."""
    m, cl = t.comment_cluster_members.c, t.comment_clusters.c
    found: dict[int, tuple[str, str, list[int]]] = {}
    for cid, kind, target, mid in conn.execute(
        select(cl.id, cl.kind, cl.target, m.comment_id)
        .join(t.comment_cluster_members, m.cluster_id == cl.id)
        .where(cl.project_id == pid)
        .order_by(cl.id, m.comment_id)
    ):
        found.setdefault(int(cid), (str(kind), str(target), []))[2].append(int(mid))
    return [(cid, kind, target, tuple(mids)) for cid, (kind, target, mids) in found.items()]
