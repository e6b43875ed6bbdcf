"""Reading comments: the listing query, its filters and counts, texts, versions, repeats.

Every SELECT the comment service runs (`workbench.workspace.comments`) lives here; each function
reads inside the caller's connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from workbench.model.comments import UNDECIDED
from workbench.store import comment_tables as t
from workbench.store.comment_codec import TEXT_CHUNK_ROWS as CHUNK
from workbench.store.comment_codec import CommentText, decode_texts, unpack_chunk
from workbench.store.schema import projects, versions

__all__ = [
    "comment_origin",
    "comment_query",
    "count_rows",
    "load_texts",
    "merged_uids_of",
    "origin_number",
    "party_rows",
    "placed_comments",
    "project_id",
    "sent_rows",
    "status_conditions",
    "stored_sha256s",
    "version_ids",
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
    latest = (
        select(
            t.comment_decisions.c.comment_id.label("cid"),
            func.max(t.comment_decisions.c.id).label("did"),
        )
        .group_by(t.comment_decisions.c.comment_id)
        .subquery()
    )
    cluster = (
        select(
            t.comment_cluster_members.c.comment_id.label("mcid"),
            func.max(t.comment_cluster_members.c.cluster_id).label("cluster"),
        )
        .group_by(t.comment_cluster_members.c.comment_id)
        .subquery()
    )
    return (
        select(
            t.comments,
            t.comment_files.c.project_id,
            t.comment_files.c.version_id,
            t.comment_files.c.station,
            t.comment_files.c.sha256,
            t.comment_files.c.name.label("file_name"),
            versions.c.stage,
            versions.c.number,
            t.comment_decisions.c.kind,
            t.comment_decisions.c.reason.label("decision_reason"),
            t.comment_decisions.c.decided_by,
            t.comment_decisions.c.linked_uid,
            cluster.c.cluster,
        )
        .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
        .join(versions, versions.c.id == t.comment_files.c.version_id)
        .outerjoin(latest, latest.c.cid == t.comments.c.id)
        .outerjoin(t.comment_decisions, t.comment_decisions.c.id == latest.c.did)
        .outerjoin(cluster, cluster.c.mcid == t.comments.c.id)
    )


def filter_project(query: Any, pid: int, station: str | None, ids: Sequence[int]) -> Any:
    """``query`` narrowed to project row ``pid``, a station and some comment ids."""
    query = query.where(t.comment_files.c.project_id == pid)
    if station:
        query = query.where(t.comment_files.c.station == station)
    if ids:
        query = query.where(t.comments.c.id.in_(list(ids)))
    return query


def load_texts(conn: Connection, rows: Sequence[Any]) -> list[CommentText]:
    """The texts of comment rows (with ``file_id`` and ``seq``), in their order.

    Reads each chunk they fall in once, whatever the number of rows.
    """
    wanted = sorted({(r.file_id, r.seq // CHUNK) for r in rows})
    chunks: dict[tuple[int, int], list[CommentText]] = {}
    c = t.comment_texts.c
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        by_file: dict[int, list[int]] = {}
        for file_id, chunk in wanted[start : start + _KEYS_PER_QUERY]:
            by_file.setdefault(file_id, []).append(chunk)
        # one primary-key lookup per file (SQLite scans the whole table for a row-value IN)
        query = select(c.file_id, c.chunk, c.data, c.packed).where(
            or_(*(and_(c.file_id == f, c.chunk.in_(chunks)) for f, chunks in by_file.items()))
        )
        for file_id, chunk, data, packed in conn.execute(query):
            plain = data if packed is None else unpack_chunk(bytes(packed))
            chunks[(file_id, chunk)] = decode_texts(plain)
    return [chunks[(r.file_id, r.seq // CHUNK)][r.seq % CHUNK] for r in rows]


_KEYS_PER_QUERY = 400
"""Chunks fetched per query (two bound values each: well under every driver's limit)."""


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
    """How many rows ``query`` matches; without decision filters, on the comments table alone."""
    if not ids and not status:  # each file row counts its comments (none is ever removed)
        f = t.comment_files.c
        counted = select(func.coalesce(func.sum(f.rows), 0)).where(f.project_id == pid)
        if station:
            counted = counted.where(f.station == station)
    elif any(s not in ("placed", "unplaced", "orphaned") for s in status):
        counted = select(func.count()).select_from(query.subquery())
    else:
        f = t.comment_files.c
        counted = (
            select(func.count())
            .select_from(t.comments)
            .join(t.comment_files, f.id == t.comments.c.file_id)
            .where(f.project_id == pid)
        )
        if station:
            counted = counted.where(f.station == station)
        if ids:
            counted = counted.where(t.comments.c.id.in_(list(ids)))
        if status:
            counted = counted.where(or_(*status_conditions(status, present)))
    return int(conn.execute(counted).scalar_one())


def sent_rows(conn: Connection, station: str, vid: int) -> list[tuple[str, int, str, CommentText]]:
    """What ``station`` has sent on version row ``vid``: (file name, row, 条款, texts) each.

    Found by their files' id ranges, not by a scan of every comment.
    """
    c, f = t.comments.c, t.comment_files.c
    files = conn.execute(
        select(f.id, f.name, f.first_id, f.last_id).where(
            f.station == station, f.version_id == vid, f.first_id.is_not(None)
        )
    ).all()
    if not files:
        return []
    names = {file_id: str(name) for file_id, name, _, _ in files}
    rows = conn.execute(
        select(c.file_id, c.seq, c.row, c.cited_as)
        .where(
            or_(*(c.id.between(lo, hi) for _, _, lo, hi in files)),
            c.file_id.in_(list(names)),
        )
        .order_by(c.file_id, c.seq)
    ).all()
    return [
        (names[r.file_id], int(r.row), str(r.cited_as), texts)
        for r, texts in zip(rows, load_texts(conn, rows), strict=True)
    ]


def comment_origin(conn: Connection, comment_id: int) -> tuple[str, str | None, bool] | None:
    """(project slug, target uid, whole) of a comment; None when there is no such comment."""
    row = conn.execute(
        select(projects.c.slug, t.comments.c.target_uid, t.comments.c.whole)
        .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
        .join(projects, projects.c.id == t.comment_files.c.project_id)
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
            .join(t.comment_files, t.comment_files.c.version_id == versions.c.id)
            .join(t.comments, t.comments.c.file_id == t.comment_files.c.id)
            .where(t.comments.c.id == comment_id)
        ).scalar_one()
    )


def placed_comments(conn: Connection, pid: int) -> list[tuple[int, str | None, str]]:
    """(id, target uid, opinion) of every placed comment of project row ``pid``."""
    rows = conn.execute(
        select(t.comments.c.id, t.comments.c.target_uid, t.comments.c.file_id, t.comments.c.seq)
        .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
        .where(
            t.comment_files.c.project_id == pid,
            (t.comments.c.target_uid.is_not(None)) | t.comments.c.whole,
        )
    ).all()
    return [
        (int(r.id), r.target_uid, texts[1])
        for r, texts in zip(rows, load_texts(conn, rows), strict=True)
    ]


def party_rows(conn: Connection, slug: str) -> list[tuple[str, str, int]]:
    """(stage, station code, comments) summed over the project's files."""
    rows = conn.execute(
        select(versions.c.stage, t.comment_files.c.station, func.sum(t.comment_files.c.rows))
        .join(versions, versions.c.id == t.comment_files.c.version_id)
        .join(projects, projects.c.id == t.comment_files.c.project_id)
        .where(projects.c.slug == slug)
        .group_by(versions.c.stage, t.comment_files.c.station)
    ).all()
    return [(str(stage), str(code), int(n)) for stage, code, n in rows]
