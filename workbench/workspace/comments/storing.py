"""Storing one received file: rows placed and written with their search terms.

Rows that repeat rows sent before, and rows citing no clause, are reported to the sender.

The writer's share per row is small: the rows arrive as a `CommentBatch` (from
`workbench.workspace.comments.readers`), each 条款 text is placed once per ingest, and the store
gets tuples zipped in C.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress, repeat
from pathlib import Path

from sqlalchemy import Connection

from workbench.comments import CitationIndex
from workbench.comments.batch import CommentBatch, fingerprint
from workbench.comments.readers import ParsedFile
from workbench.errors import FileProblem
from workbench.model.project import VersionInfo
from workbench.store import AuditDraft
from workbench.store import comment_queries as q
from workbench.store import comment_rows as rows
from workbench.store.inbox import record_inbox_file
from workbench.store.search import insert_comment_terms
from workbench.store.search_terms import index_terms
from workbench.workspace.comments.views import IngestResult

__all__ = [
    "MAX_REPEAT_WARNINGS",
    "MAX_UNPLACED_WARNINGS",
    "CommentIds",
    "Pending",
    "Places",
    "Repeats",
    "SearchTerms",
    "cut_terms",
    "store_batch",
]

SearchTerms = tuple[str, str, str]
"""A file's 意见建议, 理由 and 建议修改为 cut into search terms: per field, each comment's terms
(`workbench.store.search_terms.index_terms`) joined by NUL (one string crosses between
processes faster than a list)."""


class CommentIds:
    """The ids the comments of one commit group get, in order from the largest stored.

    Read once inside the group's write transaction, which no other writer shares, so each
    file's comments have consecutive ids and the group knows them without reading them back.
    """

    def __init__(self, conn: Connection) -> None:
        self.next_id = rows.next_comment_id(conn)
        """The id the next comment stored gets."""

    def take(self, n: int) -> range:
        """Ids for ``n`` comments."""
        ids = range(self.next_id, self.next_id + n)
        self.next_id += n
        return ids


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
    terms: SearchTerms | None = None
    """Its rows' search terms (set with ``batch``)."""


class Places:
    """Where each 条款 text cited on one version points, learnt once per text per ingest.

    A file cites hundreds of clauses and the next file mostly the same ones: looking each
    row up in these dictionaries is done in C (`map`), resolving only what is new.
    """

    def __init__(self, index: CitationIndex) -> None:
        self.index = index
        """The version's citations."""
        self.uid: dict[str, str | None] = {}
        """Text → the node it cites (None: unplaced, or the whole draft)."""
        self.whole: dict[str, bool] = {}
        """Text → whether it cites the whole draft."""
        self.missing: dict[str, int] = {}
        """Text → 1 when it cites nothing in the version (the comment stays unplaced), else 0."""

    def learn(self, clauses: Sequence[str]) -> None:
        """Resolve the texts among ``clauses`` not seen before."""
        for clause in set(clauses).difference(self.uid):
            found = self.index.resolve(clause)
            self.uid[clause] = None if found is None else found.uid
            self.whole[clause] = found is not None and found.whole
            self.missing[clause] = 1 if found is None else 0


class Repeats:
    """The rows each station has sent on each version, to tell when a file repeats them.

    A collector who corrects one row and sends the whole file again sends every other row a
    second time: they are stored (nothing a station sends is dropped), and the sender and staff
    are told which rows repeat which. Filled from the database once per station and version an
    ingest meets, then file by file.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], dict[int, int]] = {}
        """(station, version row id) → fingerprint → where it was sent (`_where`)."""
        self._names: list[str] = []
        """File names, by their number in `_where`."""

    def _where(self, name: str) -> int:
        self._names.append(name)
        return (len(self._names) - 1) << 32

    def check(
        self, conn: Connection, station: str, vid: int, batch: CommentBatch, name: str
    ) -> list[FileProblem]:
        """Warnings for the rows of ``batch`` sent before; then remember its rows."""
        seen = self._seen.get((station, vid))
        if seen is None:
            seen = self._seen[(station, vid)] = self._stored(conn, station, vid)
        repeats: list[tuple[int, int]] = []
        if not seen.keys().isdisjoint(batch.fingerprint):
            repeats = [
                (row, seen[fp])
                for row, fp in zip(batch.row, batch.fingerprint, strict=True)
                if fp in seen
            ]
        where = self._where(name)
        seen.update(zip(batch.fingerprint, map(where.__or__, batch.row), strict=True))
        return _capped(
            [
                (
                    row,
                    f"与已收到的“{self._names[at >> 32]}”第{at & 0xFFFFFFFF}行内容相同"
                    "（同一联络站、同一版本），已照收：如为更正后重发的整份文件，"
                    "工作人员可在重复意见组中一并处理",
                )
                for row, at in repeats[:MAX_REPEAT_WARNINGS]
            ],
            len(repeats),
            MAX_REPEAT_WARNINGS,
            "行与已收到的意见内容相同，已照收",
            name,
        )

    def _stored(self, conn: Connection, station: str, vid: int) -> dict[int, int]:
        """Fingerprint → where, of what ``station`` has sent on version ``vid`` so far."""
        out: dict[int, int] = {}
        where: dict[str, int] = {}
        for name, row, fields in q.sent_rows(conn, station, vid):
            at = where.get(name)
            if at is None:
                at = where[name] = self._where(name)
            out[fingerprint(*fields)] = at | row
        return out


MAX_REPEAT_WARNINGS = 20
"""Rows named one by one when they repeat rows sent before; the rest of a file's are counted."""


def store_batch(
    conn: Connection,
    item: Pending,
    parsed: ParsedFile,
    batch: CommentBatch,
    actor: str,
    *,
    info: VersionInfo,
    vid: int,
    pid: int,
    places: Places,
    repeats: Repeats,
    ids: CommentIds,
) -> tuple[tuple[int, int, int], AuditDraft] | None:
    """Insert one accepted file, its comments and their search terms.

    ``batch`` is placed with ``places`` (the citations of version ``info``, row id ``vid``, of
    project row ``pid``) and its comments get their ids from ``ids``; the inbox record, file
    row, comment rows and search index rows are written on ``conn`` inside the caller's
    transaction. The file row goes first: when another process has stored the same bytes
    meanwhile it is not inserted and nothing else is.

    Returns:
        Rows, unplaced and flagged counts and the audit entry to append; None when the file
        turned out to be stored already.
    """
    result = item.result
    name = item.path.name
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    record_inbox_file(conn, result.sha256 or "", name, item.size, actor)
    n = len(batch)
    clauses = batch.clause
    places.learn(clauses)
    unplaced = sum(map(places.missing.__getitem__, clauses))
    if unplaced:
        result.warnings += _unplaced_warnings(batch, places, info, name)
    flagged = batch.flagged
    file_id = rows.insert_file(
        conn,
        (
            result.sha256,
            name,
            parsed.format,
            parsed.encoding,
            parsed.station,
            parsed.collector,
            pid,
            vid,
            parsed.version,
            n,
            unplaced,
            flagged,
            now,
            actor,
            ids.next_id if n else None,  # the ids its comments get below
            ids.next_id + n - 1 if n else None,
        ),
    )
    if file_id is None:
        return None  # stored by another process since this ingest began
    result.warnings += repeats.check(conn, parsed.station, vid, batch, name)
    if n:
        taken = ids.take(n)
        records = list(
            zip(
                taken,
                repeat(file_id, n),
                repeat(pid, n),
                repeat(vid, n),
                repeat(parsed.station, n),
                batch.row,
                clauses,
                batch.quote,
                map(places.uid.__getitem__, clauses),
                map(places.whole.__getitem__, clauses),
                batch.opinion,
                batch.reason,
                batch.proposal,
                batch.category,
                batch.submitter,
                batch.contact,
                batch.flags,
                strict=True,
            )
        )
        rows.insert_comments(conn, records)
        terms = item.terms if item.terms is not None else cut_terms(batch)
        insert_comment_terms(conn, taken, *(field.split("\x00") for field in terms))
    audit = AuditDraft(
        actor=actor,
        action="ingest_comments",
        project=parsed.project,
        payload={
            "sha256": result.sha256,
            "name": name,
            "station": parsed.station,
            "version": info.number,
            "rows": n,
            "unplaced": unplaced,
            "flagged": flagged,
        },
    )
    return (n, unplaced, flagged), audit


def cut_terms(batch: CommentBatch) -> SearchTerms:
    """The search terms of a batch's 意见建议, 理由 and 建议修改为 (`SearchTerms`)."""
    return (
        "\x00".join(map(index_terms, batch.opinion)),
        "\x00".join(map(index_terms, batch.reason)),
        "\x00".join(map(index_terms, batch.proposal)),
    )


MAX_UNPLACED_WARNINGS = 50
"""Rows named one by one when their 条款 cites nothing; the rest of a file's are counted."""


def _unplaced_warnings(
    batch: CommentBatch, places: Places, info: VersionInfo, name: str
) -> list[FileProblem]:
    """Tell the sender which rows cite no clause of the version (kept, to be placed by staff)."""
    found = list(
        compress(
            zip(batch.row, batch.clause, strict=True), map(places.missing.__getitem__, batch.clause)
        )
    )
    return _capped(
        [
            (
                row,
                f"条款“{clause}”在第{info.number}版（{info.label}）中找不到，已作为未定位意见保存，"
                "待工作人员定位：请核对条款写法（如“第十二条第二款”“全文”）",
            )
            for row, clause in found[:MAX_UNPLACED_WARNINGS]
        ],
        len(found),
        MAX_UNPLACED_WARNINGS,
        "行的条款找不到，同样已作为未定位意见保存",
        name,
        column="条款",
    )


def _capped(
    named: list[tuple[int, str]],
    total: int,
    cap: int,
    rest: str,
    name: str,
    *,
    column: str | None = None,
) -> list[FileProblem]:
    """Warnings for the first ``cap`` rows (row, message), then one counting the others."""
    out = [FileProblem(message, file=name, row=row, column=column) for row, message in named]
    if total > cap:
        out.append(FileProblem(f"另有 {total - cap} {rest}", file=name, column=column))
    return out
