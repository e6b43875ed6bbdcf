"""Ingest machinery: reading received files in worker processes, storing their rows in bulk.

Reading and validating is pure work on bytes, so a batch of files is read by a pool of worker
processes while this process writes what they have read, in order. The writer's share per row
is small: the rows arrive as a `CommentBatch` (texts already in chunks), each clause is placed once per file,
and the database gets tuples zipped in C.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress, repeat
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from workbench.comments import CitationIndex
from workbench.comments.batch import CommentBatch, IngestRead, fingerprint, read_for_ingest
from workbench.comments.readers import ParsedFile
from workbench.errors import FileProblem, WorkbenchError
from workbench.model.project import VersionInfo
from workbench.store import AuditDraft
from workbench.store import comment_tables as t
from workbench.store.inbox import file_kind
from workbench.workspace.comment_rows import Pending, insert_sql, keep, load_texts
from workbench.workspace.workspace import Workspace

__all__ = [
    "BULK_MIN_ROWS",
    "MAX_UNPLACED_WARNINGS",
    "MIN_BYTES_FOR_WORKERS",
    "MIN_FILES_FOR_WORKERS",
    "SQLITE_CACHE_KIB",
    "TARGET_INDEX",
    "Places",
    "Readers",
    "Received",
    "Repeats",
    "bulk_load",
    "no_cycle_collection",
    "reader_count",
    "store_batch",
]

MIN_FILES_FOR_WORKERS = 8
"""Fewer files than this are read in this process."""
MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024
"""Less than this in all is read in this process (a few dozen files: not worth the workers)."""

_MAX_WORKERS = 4
_READER_NICENESS = 10
_READER_NICENESS = 10


def _start_method() -> str:
    """``fork`` when this process runs no other thread, else a clean start.

    Forking is cheap (nothing to import again), but forking a threaded process can copy a lock
    some other thread holds.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def reader_count(files: Sequence[Path], requested: int | None) -> int:
    """How many reader processes to use for ``files`` (0: read in this process).

    ``requested`` overrides the default (one per CPU, at most four; none for a few small files).
    """
    if requested is not None:
        return max(0, requested)
    if len(files) < MIN_FILES_FOR_WORKERS or _total_size(files) < MIN_BYTES_FOR_WORKERS:
        return 0
    cpus = os.cpu_count() or 1
    return min(cpus, _MAX_WORKERS) if cpus > 1 else 0


def _total_size(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # reported when the file is received
            total += path.stat().st_size
        if total >= MIN_BYTES_FOR_WORKERS:
            break
    return total


class Readers:
    """Reads received files, in worker processes or (``workers == 0``) lazily in this one.

    Each worker takes its files over a pipe and returns what it read through a queue (a
    worker's own thread sends, so it reads on while the writer is busy). This process starts
    no thread of its own: a helper thread here would contend for the interpreter lock with the
    writer, once per inserted row, and leave the workers waiting.
    """

    def __init__(
        self,
        workers: int,
        inbox: Path,
        stations: frozenset[str],
        versions: Mapping[str, Sequence[str]],
        stored: frozenset[str],
    ) -> None:
        self._context = _Context(inbox, stations, dict(versions), stored)
        self._workers: list[_Worker] = []
        self._next = 0
        if workers > 0:
            try:
                ctx = multiprocessing.get_context(_start_method())
                for _ in range(workers):
                    self._workers.append(_Worker(ctx, self._context))
            except OSError:  # no processes here: read in this one
                self.close()
        self.ahead = 16 * len(self._workers)
        """How many files may be read ahead of the one being written."""

    def submit(self, path: Path) -> Callable[[], Received]:
        """Start receiving ``path``: keep it in the inbox, then read it unless it is known.

        Call the result to get what was found; results must be collected in the order the
        files were submitted.
        """
        task = str(path)
        if not self._workers:
            return lambda: _read(task, self._context)
        worker = self._workers[self._next % len(self._workers)]
        self._next += 1
        return worker.submit(task)

    def close(self) -> None:
        """Stop the workers (reads not yet collected are dropped)."""
        for worker in self._workers:
            worker.stop()
        self._workers = []


@dataclass(frozen=True, slots=True)
class _Context:
    """What a reader needs to know of the workspace (sent to each worker once)."""

    inbox: Path
    stations: frozenset[str]
    versions: dict[str, Sequence[str]]
    stored: frozenset[str]
    """The sha256 of files already stored (not read again)."""


@dataclass(slots=True)
class Received:
    """A file kept in the inbox, and what reading it found."""

    sha256: str | None = None
    """Its sha256 (None when it could not be kept)."""
    size: int = 0
    kept: Path | None = None
    """The copy in ``inbox/``."""
    new: bool = False
    """True when this receipt wrote the copy (it still needs flushing to disk)."""
    read: IngestRead | None = None
    """None when it could not be kept, or was stored before."""
    error: str | None = None
    """Why it could not be kept."""


class _Worker:
    """One reader process: files in over a pipe, results back through a queue."""

    def __init__(self, ctx: Any, context: _Context) -> None:
        self._tasks, child_tasks = ctx.Pipe()
        self._results = ctx.Queue()
        self._process = ctx.Process(
            target=_serve, args=(child_tasks, self._results, context), daemon=True
        )
        self._process.start()
        child_tasks.close()
        self._context = context
        self._dead = False

    def submit(self, task: str) -> Callable[[], Received]:
        if not self._dead:
            try:
                self._tasks.send(task)
            except OSError:
                self._dead = True
        sent = not self._dead

        def result() -> Received:
            if sent and not self._dead:
                found = self._receive()
                if isinstance(found, Received):
                    return found
            # the worker died or failed on this file: read it here (raising what it raised)
            return _read(task, self._context)

        return result

    def _receive(self) -> Received | None:
        while True:
            try:
                found: Received | None = self._results.get(timeout=1.0)
                return found
            except queue.Empty:
                if not self._process.is_alive():
                    self._dead = True
                    return None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._tasks.send(None)
            self._tasks.close()
        self._results.cancel_join_thread()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._results.close()


def _read(task: str, context: _Context) -> Received:
    """Keep a received file in the inbox (first, byte for byte), then read it."""
    source = Path(task)
    try:
        sha, size, kept, new, data = keep(source, context.inbox)
    except WorkbenchError as exc:
        return Received(error=exc.message)
    found = Received(sha, size, kept, new)
    if sha not in context.stored:
        found.read = read_for_ingest(data, source.name, context.stations, context.versions)
    return found


def _serve(tasks: Any, results: Any, context: _Context) -> None:
    """A reader process: read each file it is sent until told to stop (None).

    It runs at a lower priority: the writer is the pipeline's narrow part, and readers that
    take its CPU slow the whole ingest down.
    """
    with contextlib.suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(_READER_NICENESS)
    gc.disable()  # reading makes no reference cycles; collecting them costs a sixth of the time
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            break
        if task is None:
            break
        try:
            results.put(_read(task, context))
        except Exception:  # the writer reads this file itself and reports what went wrong
            results.put(None)
    results.close()
    results.join_thread()


SQLITE_CACHE_KIB = 128 * 1024
"""SQLite page cache for ingest connections (KiB): the default 2 MiB thrashes on big inserts."""

BULK_MIN_ROWS = 50_000
"""An ingest expected to add this many comments, and more than are stored, is a bulk load."""
_BYTES_PER_ROW = 200
"""A rough size of one comment row in a station file (to guess how many a file holds)."""


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector (writing makes no reference cycles).

    Each full collection walks every object the process holds, the loaded drafts among them;
    during an ingest that is time spent finding nothing. Reference counting still frees.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def bulk_load(ws: Workspace, files: Sequence[Path]) -> Iterator[None]:
    """On SQLite, take the comment index down for a large ingest and build it again after.

    Keeping a B-tree index over random node uids up to date one row at a time costs most of
    a large ingest; building it once at the end costs a fraction. Meanwhile listings are
    slower, not wrong. The index is rebuilt however the ingest ends; a process killed in
    between leaves it to `workbench.store.migrations.migrate`, run when the workspace opens.
    """
    if ws.db.dialect != "sqlite" or not _is_bulk(ws, files):
        yield
        return
    index = next(i for i in t.comments.indexes if i.name == TARGET_INDEX)
    with ws.transaction() as conn:
        index.drop(conn, checkfirst=True)
    try:
        yield
    finally:
        with ws.transaction() as conn:
            # Sort in memory, on two threads: the readers are done by now.
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            conn.exec_driver_sql(f"PRAGMA threads={min(os.cpu_count() or 1, 4)}")
            index.create(conn, checkfirst=True)


TARGET_INDEX = "ix_comments_project_target"
"""The index that finds the comments on a node."""


def _is_bulk(ws: Workspace, files: Sequence[Path]) -> bool:
    size = 0
    for path in files:
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    expected = size // _BYTES_PER_ROW
    if expected < BULK_MIN_ROWS:
        return False
    with ws.read() as conn:
        stored = conn.execute(select(func.max(t.comments.c.id))).scalar() or 0
    return expected > stored


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
        seen.update(zip(batch.fingerprint, [where | row for row in batch.row], strict=True))
        out = [
            FileProblem(
                f"与已收到的“{self._names[at >> 32]}”第{at & 0xFFFFFFFF}行内容相同"
                "（同一联络站、同一版本），已照收：如为更正后重发的整份文件，"
                "工作人员可在重复意见组中一并处理",
                file=name,
                row=row,
            )
            for row, at in repeats[:MAX_REPEAT_WARNINGS]
        ]
        if len(repeats) > MAX_REPEAT_WARNINGS:
            out.append(
                FileProblem(
                    f"另有 {len(repeats) - MAX_REPEAT_WARNINGS} 行与已收到的意见内容相同，已照收",
                    file=name,
                )
            )
        return out

    def _stored(self, conn: Connection, station: str, vid: int) -> dict[int, int]:
        """Fingerprint → where, of what ``station`` has sent on version ``vid`` so far."""
        c = t.comments.c
        rows = conn.execute(
            select(c.file_id, c.seq, c.row, c.cited_as, t.comment_files.c.name)
            .join(t.comment_files, t.comment_files.c.id == c.file_id)
            .where(c.station == station, c.version_id == vid)
            .order_by(c.id)
        ).all()
        where: dict[int, int] = {}
        out: dict[int, int] = {}
        for r, text in zip(rows, load_texts(conn, rows), strict=True):
            if r.file_id not in where:
                where[r.file_id] = self._where(r.name)
            out[fingerprint(r.cited_as, text)] = where[r.file_id] | r.row
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
) -> tuple[tuple[int, int, int], AuditDraft] | None:
    """Insert one accepted file, its comments and their texts.

    ``batch`` is placed with ``places`` (the citations of version ``info``, row id ``vid``, of
    project row ``pid``); the inbox record, file row, text chunks and comment rows are written
    on ``conn`` inside the caller's transaction, with driver-level statements (SQLAlchemy's
    per-statement work was a third of the writer's time per file). The file row goes first:
    when another process has stored the same bytes meanwhile it is not inserted and nothing
    else is.

    Returns:
        Rows, unplaced and flagged counts and the audit entry to append; None when the file
        turned out to be stored already.
    """
    result = item.result
    name = item.path.name
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    conn.exec_driver_sql(
        _sql(conn, "inbox", _INBOX_SQL),
        (result.sha256, name, item.size, file_kind(name), now, actor),
    )
    n = len(batch)
    clauses = batch.clause
    places.learn(clauses)
    unplaced = sum(map(places.missing.__getitem__, clauses))
    if unplaced:
        result.warnings += _unplaced_warnings(batch, places, info, name)
    flagged = batch.flagged
    file_row = (
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
    )
    inserted = conn.exec_driver_sql(_sql(conn, "file", _FILE_SQL), file_row).first()
    if inserted is None:
        return None  # stored by another process since this ingest began
    file_id = int(inserted[0])
    result.warnings += repeats.check(conn, parsed.station, vid, batch, name)
    if n:
        chunks = zip(repeat(file_id), range(len(batch.texts)), batch.texts, strict=False)
        conn.exec_driver_sql(insert_sql(conn, t.comment_texts.name), list(chunks))
        records = list(
            zip(
                repeat(file_id, n),
                repeat(pid, n),
                repeat(vid, n),
                repeat(parsed.station, n),
                batch.row,
                range(n),
                clauses,
                map(places.uid.__getitem__, clauses),
                map(places.whole.__getitem__, clauses),
                batch.flags,
                strict=False,  # range and repeat stop with the rows
            )
        )
        conn.exec_driver_sql(insert_sql(conn), records)
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


MAX_UNPLACED_WARNINGS = 50
"""Rows named one by one when their 条款 cites nothing; the rest of a file's are counted."""


def _unplaced_warnings(
    batch: CommentBatch, places: Places, info: VersionInfo, name: str
) -> list[FileProblem]:
    """Tell the sender which rows cite no clause of the version (kept, to be placed by staff)."""
    rows = list(
        compress(
            zip(batch.row, batch.clause, strict=True), map(places.missing.__getitem__, batch.clause)
        )
    )
    out = [
        FileProblem(
            f"条款“{clause}”在第{info.number}版（{info.stage}）中找不到，已作为未定位意见保存，"
            "待工作人员定位：请核对条款写法（如“第十二条第二款”“全文”）",
            file=name,
            row=row,
            column="条款",
        )
        for row, clause in rows[:MAX_UNPLACED_WARNINGS]
    ]
    if len(rows) > MAX_UNPLACED_WARNINGS:
        out.append(
            FileProblem(
                f"另有 {len(rows) - MAX_UNPLACED_WARNINGS} 行的条款找不到，同样已作为未定位意见保存",
                file=name,
                column="条款",
            )
        )
    return out


_INBOX_SQL = (
    "INSERT INTO inbox_files (sha256, original_name, size, kind, received_at, received_by) "
    "VALUES ({marks}) ON CONFLICT (sha256) DO NOTHING"
)
_FILE_SQL = (
    "INSERT INTO comment_files (sha256, name, format, encoding, station, collector, "
    "project_id, version_id, version_ref, rows, unplaced, flagged, received_at, received_by) "
    "VALUES ({marks}) ON CONFLICT (sha256) DO NOTHING RETURNING id"
)
_SQL_CACHE: dict[tuple[str, str], str] = {}


def _sql(conn: Connection, key: str, template: str) -> str:
    """``template`` with the driver's placeholders (``?`` or ``%s``), one per column named."""
    cached = _SQL_CACHE.get((key, conn.dialect.paramstyle))
    if cached is None:
        count = template.split("VALUES")[0].count(",") + 1
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        cached = template.format(marks=", ".join([mark] * count))
        _SQL_CACHE[(key, conn.dialect.paramstyle)] = cached
    return cached
