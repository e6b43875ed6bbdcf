"""The full-text search indexes: comments and draft texts, on SQLite (FTS5) and PostgreSQL.

Text is cut into terms by `workbench.store.search_terms` (each Han character a term, a gap term
where punctuation was; a word is found as the phrase of its characters), so both databases
index exactly the same terms:

- SQLite: FTS5 tables without content of their own (``content=''``): ``comment_terms`` (rowid =
  comment id; columns opinion, reason, proposal) and ``draft_terms`` (rowid = `draft_texts` id).
- PostgreSQL: tables ``comment_terms`` (comment_id, terms) and ``draft_terms`` (id, terms) with a
  ``tsvector`` and a GIN index.

Rows are added in the transaction that stores the comments or the version, so the indexes are
always in step with the tables (comments and versions are never changed once stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from sqlalchemy import Connection, delete, func, insert, inspect, select

from workbench.model import Document, citation_label, iter_paths
from workbench.store.comment_tables import comments, draft_texts
from workbench.store.database import placeholder
from workbench.store.schema import versions
from workbench.store.search_terms import Query, index_terms, tsvector_literal, tsvector_of_terms

__all__ = [
    "CommentHit",
    "DraftHit",
    "create_search",
    "drop_search",
    "find_comments",
    "find_draft",
    "has_search",
    "index_comments",
    "index_version",
    "insert_comment_terms",
    "latest_versions",
    "reindex_all",
]

_SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS comment_terms USING fts5("
    "opinion, reason, proposal, content='', tokenize='ascii', columnsize=0)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS draft_terms USING fts5("
    "text, content='', tokenize='ascii', columnsize=0)",
)
_POSTGRES = (
    "CREATE TABLE IF NOT EXISTS comment_terms ("
    "comment_id INTEGER PRIMARY KEY REFERENCES comments (id), terms TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_comment_terms ON comment_terms USING GIN (terms)",
    "CREATE TABLE IF NOT EXISTS draft_terms ("
    "id INTEGER PRIMARY KEY REFERENCES draft_texts (id), terms TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_draft_terms ON draft_terms USING GIN (terms)",
)


def create_search(conn: Connection) -> None:
    """Create the search indexes if they are missing (a schema step)."""
    for statement in _SQLITE if conn.dialect.name == "sqlite" else _POSTGRES:
        conn.exec_driver_sql(statement)


def insert_comment_terms(
    conn: Connection,
    ids: Sequence[int],
    opinion: Sequence[str],
    reason: Sequence[str],
    proposal: Sequence[str],
) -> None:
    """Index comments whose texts are already cut into terms (`index_terms`), field by field."""
    if not ids:
        return
    m = placeholder(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO comment_terms (rowid, opinion, reason, proposal) "
            f"VALUES ({m}, {m}, {m}, {m})",
            list(zip(ids, opinion, reason, proposal, strict=True)),
        )
    else:
        conn.exec_driver_sql(
            f"INSERT INTO comment_terms (comment_id, terms) VALUES ({m}, CAST({m} AS tsvector))",
            list(zip(ids, map(tsvector_of_terms, opinion, reason, proposal), strict=True)),
        )


def index_comments(
    conn: Connection,
    ids: Sequence[int],
    opinion: Sequence[str],
    reason: Sequence[str],
    proposal: Sequence[str],
) -> None:
    """Add comments to the search index (their ids and texts, column by column)."""
    insert_comment_terms(
        conn,
        ids,
        [*map(index_terms, opinion)],
        [*map(index_terms, reason)],
        [*map(index_terms, proposal)],
    )


def index_version(conn: Connection, pid: int, vid: int, doc: Document) -> None:
    """Add the texts of a frozen version's nodes to `draft_texts` and its search index."""
    rows: list[dict[str, object]] = []
    for path in iter_paths(doc.children):
        node = path[-1]
        words = " ".join(w for w in (node.heading, node.caption, node.text) if w)
        if not words:
            continue
        label = citation_label(path) or node.num or node.eid
        rows.append(
            {"project_id": pid, "version_id": vid, "uid": node.uid, "label": label, "text": words}
        )
    if not rows:
        return
    first = int(conn.execute(select(func.coalesce(func.max(draft_texts.c.id), 0))).scalar_one()) + 1
    for offset, row in enumerate(rows):
        row["id"] = first + offset
    conn.execute(insert(draft_texts), rows)
    m = placeholder(conn)
    if conn.dialect.name == "sqlite":
        sql = f"INSERT INTO draft_terms (rowid, text) VALUES ({m}, {m})"
        values = [(r["id"], index_terms(str(r["text"]))) for r in rows]
    else:
        sql = f"INSERT INTO draft_terms (id, terms) VALUES ({m}, CAST({m} AS tsvector))"
        values = [(r["id"], tsvector_literal(str(r["text"]))) for r in rows]
    conn.exec_driver_sql(sql, values)


def drop_search(conn: Connection) -> None:
    """Drop the search indexes and the draft texts (to build them again with other terms)."""
    for name in ("comment_terms", "draft_terms"):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    conn.execute(delete(draft_texts))


def has_search(conn: Connection) -> bool:
    """Whether the search indexes exist."""
    return inspect(conn).has_table("comment_terms")


def reindex_all(conn: Connection, *, with_comments: bool, chunk: int = 50_000) -> None:
    """Index what is stored: every comment when ``with_comments``, the versions not indexed yet.

    A schema step: comments are indexed in the transaction that stores them, so they need
    indexing only when the index was just created.
    """
    c = comments.c
    last = 0
    while with_comments:
        batch = conn.execute(
            select(c.id, c.opinion, c.reason, c.proposal)
            .where(c.id > last)
            .order_by(c.id)
            .limit(chunk)
        ).all()
        if not batch:
            break
        ids, opinion, reason, proposal = zip(*batch, strict=True)
        index_comments(conn, ids, opinion, reason, proposal)
        last = batch[-1][0]
    done = set(conn.execute(select(draft_texts.c.version_id).distinct()).scalars())
    for vid, pid, document in conn.execute(
        select(versions.c.id, versions.c.project_id, versions.c.document).order_by(versions.c.id)
    ).all():
        if vid not in done:
            index_version(conn, pid, vid, Document.model_validate_json(document))


@dataclass(frozen=True, slots=True)
class CommentHit:
    """A comment the search found."""

    id: int
    project: str
    station: str
    opinion: str
    reason: str
    proposal: str
    target_uid: str | None
    whole: bool
    version_id: int


@dataclass(frozen=True, slots=True)
class DraftHit:
    """A node of a version the search found."""

    project: str
    version: int
    uid: str
    label: str
    text: str


def _matching(conn: Connection, table: str, key: str, query: Query) -> tuple[str, str]:
    """The SQL condition ``key IN (rows of table matching the query)`` and its parameter."""
    rows, value = _matching_rows(conn, table, query)
    return f"{key} IN ({rows})", value


def _matching_rows(
    conn: Connection, table: str, query: Query, newest: int | None = None
) -> tuple[str, str]:
    """SELECT of the row ids of ``table`` matching the query (the ``newest`` ones only)."""
    m = placeholder(conn)
    if conn.dialect.name == "sqlite":
        column, condition, value = "rowid", f"{table} MATCH {m}", query.fts5()
    else:
        column = "comment_id" if table == "comment_terms" else "id"
        condition, value = f"terms @@ CAST({m} AS tsquery)", query.tsquery()
    sql = f"SELECT {column} FROM {table} WHERE {condition}"
    if newest is not None:
        sql += f" ORDER BY {column} DESC LIMIT {int(newest)}"
    return sql, value


def _only_project(conn: Connection) -> int | None:
    """The project every comment belongs to, when they all belong to one (two index probes)."""
    c = comments.c
    low = select(func.min(c.project_id)).scalar_subquery()
    high = select(func.max(c.project_id)).scalar_subquery()
    first, last = conn.execute(select(low, high)).one()
    return int(first) if first is not None and first == last else None


def find_comments(
    conn: Connection, query: Query, *, project: int | None = None, limit: int = 50
) -> tuple[list[CommentHit], int]:
    """The newest comments matching ``query`` (at most ``limit``) and how many match in all.

    Without a project to filter by (or when every comment is that project's), the index alone
    counts the matches and gives the newest ids; with one, each match is checked against its
    comment's project.
    """
    m = placeholder(conn)
    columns = (
        "SELECT c.id, p.slug, c.station, c.opinion, c.reason, c.proposal, c.target_uid, c.whole, "
        "c.version_id FROM comments c JOIN projects p ON p.id = c.project_id"
    )
    if project is not None and _only_project(conn) == project:
        project = None  # filtering by it would keep every match
    if project is None:
        newest, value = _matching_rows(conn, "comment_terms", query, newest=limit)
        rows = conn.exec_driver_sql(
            f"{columns} WHERE c.id IN ({newest}) ORDER BY c.id DESC", (value,)
        ).all()
        every, _ = _matching_rows(conn, "comment_terms", query)
        counted = conn.exec_driver_sql(f"SELECT count(*) FROM ({every}) AS found", (value,))
    else:
        condition, value = _matching(conn, "comment_terms", "c.id", query)
        where = f"{condition} AND c.project_id = {m}"
        rows = conn.exec_driver_sql(
            f"{columns} WHERE {where} ORDER BY c.id DESC LIMIT {int(limit)}", (value, project)
        ).all()
        counted = conn.exec_driver_sql(
            f"SELECT count(*) FROM comments c WHERE {where}", (value, project)
        )
    total = int(counted.scalar_one())
    hits = [
        CommentHit(int(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5], r[6], bool(r[7]), int(r[8]))
        for r in rows
    ]
    return hits, total


def find_draft(
    conn: Connection,
    query: Query,
    *,
    project: int | None = None,
    versions_: Sequence[int] | None = None,
    limit: int = 50,
) -> tuple[list[DraftHit], int]:
    """Nodes of versions (``versions_``: row ids, default all) whose text matches ``query``."""
    condition, value = _matching(conn, "draft_terms", "d.id", query)
    m = placeholder(conn)
    clauses = [condition]
    params: list[object] = [value]
    if project is not None:
        clauses.append(f"d.project_id = {m}")
        params.append(project)
    if versions_ is not None:
        if not versions_:
            return [], 0
        clauses.append(f"d.version_id IN ({', '.join(repeat(m, len(versions_)))})")
        params.extend(versions_)
    where = " AND ".join(clauses)
    rows = conn.exec_driver_sql(
        "SELECT p.slug, v.number, d.uid, d.label, d.text FROM draft_texts d "
        "JOIN versions v ON v.id = d.version_id JOIN projects p ON p.id = d.project_id "
        f"WHERE {where} ORDER BY p.slug, v.number DESC, d.id LIMIT {int(limit)}",
        tuple(params),
    ).all()
    total = int(
        conn.exec_driver_sql(
            f"SELECT count(*) FROM draft_texts d WHERE {where}", tuple(params)
        ).scalar_one()
    )
    return [DraftHit(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows], total


def latest_versions(conn: Connection, project: int | None = None) -> list[int]:
    """The row id of each project's latest version (of one project, when given)."""
    latest = (
        select(versions.c.project_id, func.max(versions.c.number).label("n"))
        .group_by(versions.c.project_id)
        .subquery()
    )
    query = select(versions.c.id).join(
        latest, (latest.c.project_id == versions.c.project_id) & (latest.c.n == versions.c.number)
    )
    if project is not None:
        query = query.where(versions.c.project_id == project)
    return [int(v) for v in conn.execute(query).scalars()]
