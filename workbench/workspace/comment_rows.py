"""Rows and records of the comment service: result and view types, SQL helpers, inbox copies.

Split from `workbench.workspace.comments` (the service); nothing here is public API except
`IngestResult` and `CommentView`, which that module re-exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, insert, or_, select, update

from workbench.comments import WHOLE, CitationIndex, default_stations, registry_csv
from workbench.comments.batch import TEXT_CHUNK_ROWS as CHUNK
from workbench.comments.batch import CommentBatch, CommentText, decode_texts, unpack_chunk
from workbench.comments.readers import ParsedFile
from workbench.errors import FileProblem
from workbench.model import Document, iter_paths
from workbench.model.comments import CommentState, Station
from workbench.store import AuditDraft
from workbench.store import comment_tables as t
from workbench.store.schema import versions
from workbench.workspace.workspace import Workspace

UNDECIDED = "待处理"
"""The decision shown for a comment nobody has decided yet."""

__all__ = [
    "UNDECIDED",
    "CommentView",
    "IngestResult",
    "Pending",
    "article_map",
    "article_of",
    "audit_unstored",
    "comment_query",
    "count_rows",
    "insert_sql",
    "load_texts",
    "status_conditions",
    "sync_station_table",
    "view",
    "write_default_registry",
]


@dataclass(slots=True)
class IngestResult:
    """What happened to one received file."""

    path: str
    """The file as given."""
    status: str
    """accepted, rejected or duplicate."""
    sha256: str | None = None
    """Its name in ``inbox/`` (None when it could not even be kept)."""
    rows: int = 0
    """Comments added."""
    placed: int = 0
    """Of which anchored to a clause (or the whole draft)."""
    unplaced: int = 0
    """Of which waiting for staff to place them."""
    flagged: int = 0
    """Rows with a formula-like cell (kept as text)."""
    errors: list[FileProblem] = field(default_factory=list)
    """Why it was rejected."""
    warnings: list[FileProblem] = field(default_factory=list)
    """What the sender should know (formula-like cells, ignored columns)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view (``path``, ``status``, counts, ``errors`` with row and column)."""
        return {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "counts": {
                "rows": self.rows,
                "placed": self.placed,
                "unplaced": self.unplaced,
                "flagged": self.flagged,
            },
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class CommentView:
    """A comment as shown in one version."""

    id: int
    """The comment's number."""
    station: str
    """The sending station's code."""
    file: str
    """The sha256 of the file it came in (its name in ``inbox/``)."""
    file_name: str
    """That file's name as received."""
    row: int
    """Its row in that file."""
    version: str
    """The version it was made on, ``2（初审前）``."""
    cited_as: str
    """The clause as the submitter wrote it."""
    target_uid: str | None
    """The node it hangs on (None: unplaced or whole draft)."""
    target: str | None
    """Its citation in the version shown (None when unplaced or orphaned)."""
    state: CommentState
    """placed, unplaced or orphaned in the version shown."""
    display: str
    """``原第十二条 / 现第十三条``, ``未定位``, ``原第五条（已删除…）``."""
    near: str | None
    """Orphaned: the clause just before where it stood."""
    article: str | None
    """The article it falls under (old number when orphaned)."""
    text: str
    """意见建议."""
    reason: str
    """理由."""
    proposal: str
    """建议修改为."""
    submitter_category: str | None
    """提出人类别."""
    submitter: str
    """提出人 (personal data)."""
    contact: str
    """联系方式 (personal data)."""
    flags: tuple[str, ...]
    """``formula:<column>`` for formula-like cells kept as text."""
    quote: str | None
    """The quoted words of the clause, when given."""
    decision: str | None
    """The latest decision, None when undecided."""
    decision_reason: str
    """Its reason."""
    decided_by: str | None
    """Who decided."""
    linked_uid: str | None
    """The node of a later version that carries the decision out."""
    cluster: int | None
    """Its duplicate cluster, when it has one."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {name: getattr(self, name) for name in self.__slots__}


_INSERT_COLUMNS = (
    "id",
    "file_id",
    "row",
    "seq",
    "cited_as",
    "target_uid",
    "whole",
    "flags",
)


def insert_sql(conn: Connection, table: str = "comments", rows: int = 1) -> str:
    """The driver-level bulk INSERT of comments or of their text chunks (rows as tuples).

    ``rows``: how many rows one execution inserts (their values one after the other).
    """
    columns = _INSERT_COLUMNS if table == t.comments.name else _TEXT_COLUMNS
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    values = ", ".join([f"({', '.join([mark] * len(columns))})"] * rows)
    return f"INSERT INTO {table} ({quoted}) VALUES {values}"


def insert_comments(conn: Connection, records: Sequence[tuple[Any, ...]]) -> None:
    """Insert comment rows (tuples in `_INSERT_COLUMNS` order) in the caller's transaction.

    On SQLite `ROWS_PER_INSERT` rows go in per statement execution: a third less time than one
    row per execution, where a statement's per-execution work is much of a narrow row's cost.
    """
    whole = len(records) - len(records) % ROWS_PER_INSERT
    if conn.dialect.name != "sqlite" or not whole:
        whole = 0
    else:
        flat = tuple(chain.from_iterable(records[:whole]))
        step = ROWS_PER_INSERT * len(_INSERT_COLUMNS)
        conn.exec_driver_sql(
            insert_sql(conn, rows=ROWS_PER_INSERT),
            [flat[i : i + step] for i in range(0, len(flat), step)],
        )
    if whole < len(records):
        conn.exec_driver_sql(insert_sql(conn), list(records[whole:]))


ROWS_PER_INSERT = 50
"""Comment rows per INSERT execution on SQLite (400 values: under every SQLite's limit of 999)."""


_TEXT_COLUMNS = ("file_id", "chunk", "data", "packed")


@dataclass(slots=True)
class Pending:
    """A received file waiting for its group commit."""

    result: IngestResult
    path: Path
    size: int
    kept: Path
    new: bool
    """True when this receipt wrote the copy (it still needs flushing to disk)."""
    parsed: ParsedFile | None
    """Its header; None when it is rejected or a duplicate (only its receipt is recorded)."""
    batch: CommentBatch | None = None
    """Its rows (set with ``parsed``)."""


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


def article_map(doc: Document) -> dict[str, str]:
    """Each uid → the citation of its article (or container), in ``doc``."""
    out: dict[str, str] = {}
    for path in iter_paths(doc.children):
        label = next((n.num for n in path if n.kind == "article" and n.num), None)
        if label is None:
            label = path[-1].num or path[-1].heading
        if label:
            out[path[-1].uid] = label
    return out


def article_of(
    row: Any,
    state: str,
    now: dict[str, str],
    then: dict[str, str],
    merged: dict[str, str] | None = None,
) -> str | None:
    """The article a comment row falls under: now for placed ones, then for orphaned ones.

    ``merged`` maps uids gone in a merge to the node now carrying them (`CitationIndex.merged`).
    """
    if row.whole:
        return WHOLE
    if row.target_uid is None:
        return None
    if state == "orphaned":
        return then.get(row.target_uid)
    uid = (merged or {}).get(row.target_uid, row.target_uid)
    return now.get(uid)


def view(row: Any, texts: CommentText, p: Any, article: str | None) -> CommentView:
    """A `CommentView` from a `comment_query` row, its texts and its placement."""
    quote, opinion, reason, proposal, category, submitter, contact = texts
    return CommentView(
        id=row.id,
        station=row.station,
        file=row.sha256,
        file_name=row.file_name,
        row=row.row,
        version=f"{row.number}（{row.stage}）",
        cited_as=row.cited_as,
        target_uid=row.target_uid,
        target=p.target,
        state=p.state,
        display=p.display,
        near=p.near,
        article=article,
        text=opinion,
        reason=reason,
        proposal=proposal,
        submitter_category=category,
        submitter=submitter,
        contact=contact,
        flags=tuple(f for f in row.flags.split(",") if f),
        quote=quote,
        decision=row.kind,
        decision_reason=row.decision_reason or "",
        decided_by=row.decided_by,
        linked_uid=row.linked_uid,
        cluster=row.cluster,
    )


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


def status_conditions(status: Sequence[str], index: CitationIndex) -> list[ColumnElement[bool]]:
    """SQL conditions matching exactly the states and decisions the comment listing takes."""
    c = t.comments.c
    present = [*index.order, *index.merged]
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
    index: CitationIndex,
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
            counted = counted.where(or_(*status_conditions(status, index)))
    return int(conn.execute(counted).scalar_one())


def sync_station_table(conn: Connection, registry: Sequence[Station]) -> None:
    """Mirror the registry into the ``stations`` table (inside the caller's transaction)."""
    now = datetime.now(UTC)
    have = {r.code: r for r in conn.execute(select(t.stations))}
    current = {s.code: s for s in registry}
    for code, s in current.items():
        row = have.get(code)
        values = {"name": s.name, "county": s.county, "kind": s.kind, "active": True}
        if row is None:
            conn.execute(insert(t.stations).values(code=code, updated_at=now, **values))
        elif (row.name, row.county, row.kind, row.active) != tuple(values.values()):
            conn.execute(
                update(t.stations).where(t.stations.c.code == code).values(updated_at=now, **values)
            )
    for code, row in have.items():
        if code not in current and row.active:
            conn.execute(
                update(t.stations)
                .where(t.stations.c.code == code)
                .values(active=False, updated_at=now)
            )


# -- versions ---------------------------------------------------------------------------


def audit_unstored(item: Pending, actor: str) -> AuditDraft:
    """The audit entry for the receipt of a file that is not stored (rejected, or a duplicate)."""
    r = item.result
    rejected = r.status == "rejected"
    return AuditDraft(
        actor=actor,
        action="reject_comment_file" if rejected else "receive_file",
        payload={
            "sha256": r.sha256,
            "name": item.path.name,
            "size": item.size,
            "duplicate": not rejected,
            "errors": [str(p) for p in r.errors[:20]],
        },
    )


def write_default_registry(ws: Workspace) -> None:
    """Write the default station registry into a workspace whose stations.csv has no stations."""
    target = ws.stations_csv
    if target.exists():
        lines = [ln for ln in target.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
        if len(lines) > 1:
            return
    target.write_text(registry_csv(default_stations()), encoding="utf-8-sig", newline="")
