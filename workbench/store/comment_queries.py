"""Reading comments: the listing query, its filters and counts, statistics, versions, repeats.

Every SELECT the comment service runs (`workbench.workspace.comments`) lives here; each function
reads inside the caller's connection.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, bindparam, func, or_, select

from workbench.model.comments import UNDECIDED
from workbench.store import comment_tables as t
from workbench.store.schema import projects, versions

__all__ = [
    "comment_origin",
    "comment_query",
    "count_rows",
    "decision_counts",
    "filter_project",
    "merged_uids_of",
    "on_place_rows",
    "on_targets",
    "origin_number",
    "party_rows",
    "placed_comments",
    "project_id",
    "sent_rows",
    "station_counts",
    "station_target_counts",
    "status_conditions",
    "stored_sha256s",
    "target_counts",
    "version_ids",
    "version_numbers",
    "version_project",
    "version_row",
    "version_row_id",
]


def project_id(conn: Connection, slug: str) -> int | None:
    """The row id of project ``slug`` (None when there is none)."""
    found = conn.execute(select(projects.c.id).where(projects.c.slug == slug)).scalar()
    return None if found is None else int(found)


def version_row_id(conn: Connection, slug: str, number: int) -> int:
    """The row id of version ``number`` of project ``slug``."""
    return int(
        conn.execute(
            select(versions.c.id)
            .join(projects, projects.c.id == versions.c.project_id)
            .where(projects.c.slug == slug, versions.c.number == number)
        ).scalar_one()
    )


def version_row(conn: Connection, vid: int) -> tuple[str, int]:
    """The stored document (JSON) and project row id of version row ``vid``."""
    row = conn.execute(
        select(versions.c.document, versions.c.project_id).where(versions.c.id == vid)
    ).one()
    return str(row.document), int(row.project_id)


def version_project(conn: Connection, vid: int) -> int:
    """The project row id of version row ``vid``."""
    return int(conn.execute(select(versions.c.project_id).where(versions.c.id == vid)).scalar_one())


def version_numbers(conn: Connection, pid: int) -> dict[int, int]:
    """Each version row id of project row ``pid`` → its number."""
    rows = conn.execute(
        select(versions.c.id, versions.c.number).where(versions.c.project_id == pid)
    )
    return {int(vid): int(n) for vid, n in rows}


def version_ids(conn: Connection, pid: int) -> list[int]:
    """The row ids of every version of project row ``pid``."""
    return [
        int(v)
        for v in conn.execute(select(versions.c.id).where(versions.c.project_id == pid)).scalars()
    ]


def merged_uids_of(conn: Connection, pid: int) -> dict[str, str]:
    """Nodes gone in a merge in project row ``pid``: old uid → the uid it merged into."""
    query = select(t.merged_uids.c.old_uid, t.merged_uids.c.new_uid).where(
        t.merged_uids.c.project_id == pid
    )
    return {str(old): str(new) for old, new in conn.execute(query)}


def stored_sha256s(conn: Connection) -> set[str]:
    """The sha256 of every comment file stored."""
    return set(conn.execute(select(t.comment_files.c.sha256)).scalars())


def comment_query() -> Any:
    """SELECT of comments with file, version, latest decision and cluster (filter, then run)."""
    c, d = t.comments.c, t.comment_decisions.c
    latest = (
        select(func.max(d.id)).where(d.comment_id == c.id).correlate(t.comments).scalar_subquery()
    )
    m = t.comment_cluster_members.c
    cluster = (
        select(func.max(m.cluster_id))
        .where(m.comment_id == c.id)
        .correlate(t.comments)
        .scalar_subquery()
        .label("cluster")
    )
    return (
        select(
            t.comments,
            t.comment_files.c.sha256,
            t.comment_files.c.name.label("file_name"),
            versions.c.label,
            versions.c.number,
            d.kind,
            d.reason.label("decision_reason"),
            d.decided_by,
            d.linked_uid,
            cluster,
        )
        .join(t.comment_files, t.comment_files.c.id == c.file_id)
        .join(versions, versions.c.id == c.version_id)
        .outerjoin(t.comment_decisions, d.id == latest)
    )


def filter_project(query: Any, pid: int, station: str | None, ids: Sequence[int]) -> Any:
    """``query`` narrowed to project row ``pid``, a station and some comment ids."""
    query = query.where(t.comments.c.project_id == pid)
    if station:
        query = query.where(t.comments.c.station == station)
    if ids:
        query = query.where(t.comments.c.id.in_(list(ids)))
    return query


@functools.cache
def _place_queries() -> tuple[Any, Any, Any]:
    """The listing query for one place (a node, the whole draft, unplaced), built once."""
    c = t.comments.c
    base = comment_query().where(c.project_id == bindparam("pid"))
    on_node = base.where(c.target_uid == bindparam("uid"), c.whole.is_(False))
    on_whole = base.where(c.whole.is_(True))
    unplaced = base.where(c.target_uid.is_(None), c.whole.is_(False))
    return on_node.order_by(c.id), on_whole.order_by(c.id), unplaced.order_by(c.id)


def on_place_rows(conn: Connection, pid: int, uid: str | None, whole: bool) -> Sequence[Row[Any]]:
    """The listing rows of the comments on one place (``uid`` None: unplaced), by id.

    The statement is built and compiled once, so reading a report clause by clause costs one
    indexed lookup per clause, not one query construction.
    """
    on_node, on_whole, unplaced = _place_queries()
    if whole:
        return conn.execute(on_whole, {"pid": pid}).all()
    if uid is None:
        return conn.execute(unplaced, {"pid": pid}).all()
    return conn.execute(on_node, {"pid": pid, "uid": uid}).all()


def on_targets(uids: Sequence[str], whole: bool) -> ColumnElement[bool]:
    """Comments on any of the nodes ``uids`` (and on the whole draft when ``whole``)."""
    c = t.comments.c
    condition: ColumnElement[bool] = c.target_uid.in_(list(uids))
    return or_(condition, c.whole.is_(True)) if whole else condition


def status_conditions(status: Sequence[str], present: Sequence[str]) -> list[ColumnElement[bool]]:
    """SQL conditions matching the states and decisions the comment listing takes.

    ``present``: the uids a comment may hang on and count as placed in the version shown
    (its nodes and the nodes merged into them).
    """
    c = t.comments.c
    out: list[ColumnElement[bool]] = []
    for s in status:
        if s == "unplaced":
            out.append(and_(c.target_uid.is_(None), c.whole.is_(False)))
        elif s == "placed":
            out.append(or_(c.whole.is_(True), c.target_uid.in_(present)))
        elif s == "orphaned":
            out.append(and_(c.target_uid.is_not(None), c.target_uid.not_in(present)))
        elif s == UNDECIDED:
            out.append(t.comment_decisions.c.kind.is_(None))
        else:
            out.append(t.comment_decisions.c.kind == s)
    return out


def count_rows(
    conn: Connection,
    pid: int,
    station: str | None,
    ids: Sequence[int],
    status: Sequence[str],
    present: Sequence[str],
    query: Any,
) -> int:
    """How many rows ``query`` matches; without filters, from the file rows' counts."""
    if not ids and not status:  # each file row counts its comments (none is ever removed)
        f = t.comment_files.c
        counted = select(func.coalesce(func.sum(f.rows), 0)).where(f.project_id == pid)
        if station:
            counted = counted.where(f.station == station)
    elif any(s not in ("placed", "unplaced", "orphaned") for s in status):
        counted = select(func.count()).select_from(query.subquery())
    else:
        c = t.comments.c
        counted = select(func.count()).select_from(t.comments).where(c.project_id == pid)
        if station:
            counted = counted.where(c.station == station)
        if ids:
            counted = counted.where(c.id.in_(list(ids)))
        if status:
            counted = counted.where(or_(*status_conditions(status, present)))
    return int(conn.execute(counted).scalar_one())


def sent_rows(conn: Connection, station: str, vid: int) -> list[tuple[str, int, tuple[str, ...]]]:
    """What ``station`` has sent on version row ``vid``: (file name, row, fingerprint fields).

    The fields are 条款, 意见建议, 提出人 and 联系方式; rows are found by their files' id ranges.
    """
    c, f = t.comments.c, t.comment_files.c
    files = conn.execute(
        select(f.id, f.name, f.first_id, f.last_id).where(
            f.station == station, f.version_id == vid, f.first_id.is_not(None)
        )
    ).all()
    out: list[tuple[str, int, tuple[str, ...]]] = []
    for _, name, lo, hi in files:
        rows = conn.execute(
            select(c.row, c.cited_as, c.opinion, c.submitter, c.contact)
            .where(c.id.between(lo, hi))
            .order_by(c.id)
        )
        out += [(str(name), int(r[0]), (r[1], r[2], r[3], r[4])) for r in rows]
    return out


def comment_origin(conn: Connection, comment_id: int) -> tuple[str, str | None, bool] | None:
    """(project slug, target uid, whole) of a comment; None when there is no such comment."""
    row = conn.execute(
        select(projects.c.slug, t.comments.c.target_uid, t.comments.c.whole)
        .join(projects, projects.c.id == t.comments.c.project_id)
        .where(t.comments.c.id == comment_id)
    ).first()
    if row is None:
        return None
    return str(row.slug), row.target_uid, bool(row.whole)


def origin_number(conn: Connection, comment_id: int) -> int:
    """The number of the version a comment was made on."""
    return int(
        conn.execute(
            select(versions.c.number)
            .join(t.comments, t.comments.c.version_id == versions.c.id)
            .where(t.comments.c.id == comment_id)
        ).scalar_one()
    )


def placed_comments(conn: Connection, pid: int) -> list[tuple[int, str | None, str]]:
    """(id, target uid, opinion) of every placed comment of project row ``pid``."""
    c = t.comments.c
    rows = conn.execute(
        select(c.id, c.target_uid, c.opinion).where(
            c.project_id == pid, (c.target_uid.is_not(None)) | c.whole
        )
    )
    return [(int(r.id), r.target_uid, str(r.opinion)) for r in rows]


def target_counts(conn: Connection, pid: int) -> list[tuple[str | None, bool, int, int]]:
    """(target uid, whole, version row id, comments) of project row ``pid``, by index."""
    c = t.comments.c
    rows = conn.execute(
        select(c.target_uid, c.whole, c.version_id, func.count())
        .where(c.project_id == pid)
        .group_by(c.target_uid, c.whole, c.version_id)
    )
    return [(uid, bool(whole), int(vid), int(n)) for uid, whole, vid, n in rows]


def station_counts(conn: Connection, pid: int) -> dict[str, int]:
    """Comments of project row ``pid`` per station code."""
    c = t.comments.c
    rows = conn.execute(
        select(c.station, func.count()).where(c.project_id == pid).group_by(c.station)
    )
    return {str(code): int(n) for code, n in rows}


def decision_counts(conn: Connection, pid: int) -> dict[str, int]:
    """Comments of project row ``pid`` per latest decision (undecided ones not counted)."""
    c, d = t.comments.c, t.comment_decisions.c
    later = t.comment_decisions.alias("later")
    rows = conn.execute(
        select(d.kind, func.count())
        .select_from(t.comment_decisions)
        .where(  # from the decisions: a project's comments are many more than its decisions
            select(c.id).where(c.id == d.comment_id, c.project_id == pid).exists(),
            ~select(later.c.id)
            .where(later.c.comment_id == d.comment_id, later.c.id > d.id)
            .exists(),
        )
        .group_by(d.kind)
    )
    return {str(kind): int(n) for kind, n in rows}


def party_rows(conn: Connection, slug: str) -> list[tuple[str, str, int]]:
    """(四前四方 node, station code, comments) summed over the project's files.

    Files on a version frozen at no node (a 征求意见稿) count at no node and are left out.
    """
    rows = conn.execute(
        select(versions.c.node, t.comment_files.c.station, func.sum(t.comment_files.c.rows))
        .join(versions, versions.c.id == t.comment_files.c.version_id)
        .join(projects, projects.c.id == t.comment_files.c.project_id)
        .where(projects.c.slug == slug, versions.c.node.is_not(None))
        .group_by(versions.c.node, t.comment_files.c.station)
    ).all()
    return [(str(node), str(code), int(n)) for node, code, n in rows]


def station_target_counts(
    conn: Connection, pid: int
) -> list[tuple[str, str | None, bool, int, int]]:
    """(station, target uid, whole, version row id, comments) of project row ``pid``."""
    c = t.comments.c
    rows = conn.execute(
        select(c.station, c.target_uid, c.whole, c.version_id, func.count())
        .where(c.project_id == pid)
        .group_by(c.station, c.target_uid, c.whole, c.version_id)
    )
    return [(str(s), uid, bool(whole), int(vid), int(n)) for s, uid, whole, vid, n in rows]
