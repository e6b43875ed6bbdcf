"""Comment files in and out: templates for the stations, then receiving what they send.

Each received file is kept byte for byte in ``inbox/`` first, then read and validated (in reader
processes when there are many, `workbench.workspace.comments.readers`), then written in order,
in commit groups (`workbench.workspace.comments.storing`); a file lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import gc
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Connection

from workbench.comments import FileFormat, TemplateHeader, template_bytes
from workbench.comments.batch import CommentBatch
from workbench.comments.readers import ParsedFile
from workbench.errors import CommentFileError, FileProblem
from workbench.store import AuditDraft, append_audit_many
from workbench.store import comment_queries as q
from workbench.store.comment_rows import sync_station_table
from workbench.store.database import page_cache
from workbench.store.inbox import record_inbox_file, sync
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.readers import Readers, Received, reader_count
from workbench.workspace.comments.storing import (
    CommentIds,
    Pending,
    Places,
    Repeats,
    store_batch,
)
from workbench.workspace.comments.views import IngestResult
from workbench.workspace.workspace import Workspace

__all__ = ["GROUP_ROWS", "SQLITE_CACHE_KIB", "Intake"]

GROUP_ROWS = 20_000
"""Comments per commit group: a group's transaction holds the write lock for about a second."""


SQLITE_CACHE_KIB = 128 * 1024
"""SQLite page cache for ingest connections (KiB): the default 2 MiB thrashes on big inserts."""


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


class Intake:
    """Templates for the stations, and the comment files they send back."""

    def __init__(self, ws: Workspace, catalogue: Catalogue) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = catalogue
        """Stations and versions, shared with the other parts of the service."""
        self._project_ids: dict[int, int] = {}
        self._places: dict[int, Places] = {}
        self._repeats = Repeats()

    def template(
        self,
        fmt: FileFormat,
        project: str,
        version: str,
        station: str,
        *,
        collector: str = "",
        rows: int = 200,
    ) -> bytes:
        """A blank comment file for ``station`` on ``version`` of ``project``.

        Raises:
            StoreError: Unknown project or version.
            CommentFileError: Unknown station.
        """
        if station not in {s.code for s in self.catalogue.stations()}:
            raise CommentFileError(
                f"联络站编号“{station}”不在站点登记表中：`workbench stations` 可列出全部编号"
            )
        info, _, index = self.catalogue.index(project, version)
        header = TemplateHeader(station, collector, project, version or info.node or info.label)
        return template_bytes(fmt, header, index.labels, rows=rows)

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        actor: str,
        on_file: Callable[[IngestResult], None] | None = None,
        batch_rows: int = GROUP_ROWS,
        workers: int | None = None,
    ) -> list[IngestResult]:
        """Receive, validate and store comment files; each file lands whole or not at all.

        Each file is first kept byte for byte in ``inbox/``, then read and validated (by reader
        processes when there are many files, a few files ahead of the writer), always outside
        any write transaction; then the files are written in order, in short transactions that
        group files up to ``batch_rows`` comments. Before a group commits, the inbox copies it
        records are flushed to disk. Results are final once their group is committed (a failed
        group leaves nothing behind; its files can be sent again).

        Args:
            paths: The files.
            actor: Who ingests (audit log).
            on_file: Called for each file once its group is committed (progress).
            batch_rows: Comments per commit group.
            workers: Reader processes (0: read in this process); by default one per CPU (at
                most four) when there are `MIN_FILES_FOR_WORKERS` files or more.

        Returns:
            One result per file, in order.
        """
        self.catalogue.refresh()  # versions and stations may have changed since the last call
        self._places.clear()
        self._repeats = Repeats()  # what other sessions stored since is read again
        files = [Path(p) for p in paths]
        stations = self.catalogue.stations()
        with self.ws.transaction() as conn:
            sync_station_table(conn, stations)
        with self.ws.read() as conn:
            # Files already stored count as seen (one query, not one per file); a file another
            # process stores meanwhile is caught by the unique sha256 when this one commits.
            seen = q.stored_sha256s(conn)
        known = {p.slug: self.catalogue.version_names(p.slug) for p in self.ws.projects()}
        readers = Readers(
            reader_count(files, workers),
            self.ws.inbox_dir,
            frozenset(s.code for s in stations),
            {slug: names for slug, names in known.items() if names is not None},
            frozenset(seen),
        )
        out: list[IngestResult] = []
        prepared = self._prepared(files, seen, readers)
        try:
            with no_cycle_collection():
                while group := _take_group(prepared, batch_rows):
                    self._write_group(group, actor)
                    out += [result for result, _ in group]
                    if on_file is not None:
                        for result, _ in group:
                            on_file(result)
        finally:
            prepared.close()
            readers.close()
        return out

    def _prepared(
        self, paths: Sequence[Path], seen: set[str], readers: Readers
    ) -> Generator[tuple[IngestResult, Pending | None]]:
        """Have each file kept and read, yielding them in order as the writer asks.

        With reader processes, up to ``readers.ahead`` files are being kept and read ahead of
        the one the writer takes; without, each file is kept and read when the writer takes it
        (before its group's transaction begins).
        """
        window: deque[tuple[Path, Callable[[], Received]]] = deque()
        for path in paths:
            window.append((path, readers.submit(path)))
            while len(window) > readers.ahead:
                yield _received(*window.popleft(), seen)
        while window:
            yield _received(*window.popleft(), seen)

    def _write_group(self, group: list[tuple[IngestResult, Pending | None]], actor: str) -> None:
        """Write files already read, in one transaction.

        A file's rows go in only once its file row is in (whole or not at all; a failure rolls
        the group back); the group's audit entries are appended together and it commits once,
        after the inbox copies it holds are flushed to disk. Results are marked accepted only
        after the commit.
        """
        stored: list[tuple[Pending, tuple[int, int, int]]] = []
        audits: list[AuditDraft] = []
        kept = [item.kept for _, item in group if item is not None and item.new]
        # Inserting into a large table thrashes SQLite's default 2 MiB page cache.
        with self.ws.transaction() as conn, page_cache(conn, SQLITE_CACHE_KIB):
            ids = CommentIds(conn)
            for _, item in group:
                if item is not None:
                    self._write_file(conn, item, actor, ids, stored, audits)
            append_audit_many(conn, audits)
            sync(kept, self.ws.inbox_dir)  # the copies are on disk before their records commit
        for item, (n, unplaced, flagged) in stored:
            r = item.result
            r.status, r.rows, r.unplaced, r.flagged = "accepted", n, unplaced, flagged
            r.placed = n - unplaced
            r.project = item.parsed.project if item.parsed is not None else None

    def _write_file(
        self,
        conn: Connection,
        item: Pending,
        actor: str,
        ids: CommentIds,
        stored: list[tuple[Pending, tuple[int, int, int]]],
        audits: list[AuditDraft],
    ) -> None:
        """Record one received file (and store its comments when it is valid).

        Its audit entry joins ``audits`` (appended, in order, before the group commits).
        """
        if item.parsed is not None and item.batch is not None:
            written = self._store(conn, item, item.parsed, item.batch, actor, ids)
            item.batch = item.terms = None  # its rows are in the database now: let them go
            if written is not None:
                counts, audit = written
                audits.append(audit)
                stored.append((item, counts))
                return
            item.result.status = "duplicate"  # another process stored the same bytes
        record_inbox_file(conn, item.result.sha256 or "", item.path.name, item.size, actor)
        audits.append(_audit_unstored(item, actor))

    def _store(
        self,
        conn: Connection,
        item: Pending,
        parsed: ParsedFile,
        batch: CommentBatch,
        actor: str,
        ids: CommentIds,
    ) -> tuple[tuple[int, int, int], AuditDraft] | None:
        """Insert one accepted file and its comments (bulk); None when it is stored already."""
        info, vid, index = self.catalogue.index(parsed.project, parsed.version)
        pid = self._project_ids.get(vid)
        if pid is None:
            pid = self._project_ids[vid] = q.version_project(conn, vid)
        places = self._places.get(vid)
        if places is None:
            places = self._places[vid] = Places(index)
        return store_batch(
            conn,
            item,
            parsed,
            batch,
            actor,
            info=info,
            vid=vid,
            pid=pid,
            places=places,
            repeats=self._repeats,
            ids=ids,
        )


def _take_group(
    prepared: Iterator[tuple[IngestResult, Pending | None]], rows: int
) -> list[tuple[IngestResult, Pending | None]]:
    """The next files to write together, read before their transaction: up to ``rows`` comments."""
    group: list[tuple[IngestResult, Pending | None]] = []
    total = 0
    for result, item in prepared:
        group.append((result, item))
        if item is not None and item.batch is not None:
            total += len(item.batch)
        if total >= rows:
            break
    return group


def _received(
    path: Path, fetch: Callable[[], Received], seen: set[str]
) -> tuple[IngestResult, Pending | None]:
    """What receiving a file found: its rows, a duplicate, or why it is rejected."""
    result = IngestResult(path=str(path), status="rejected")
    found = fetch()
    if found.sha256 is None or found.kept is None:
        result.errors.append(FileProblem(found.error or "无法接收文件", file=str(path)))
        return result, None
    result.sha256 = found.sha256
    item = Pending(result, path, found.size, found.kept, found.new, None)
    if found.sha256 in seen or found.read is None:
        result.status = "duplicate"
        return result, item
    seen.add(found.sha256)
    result.warnings = found.read.parsed.warnings
    if not found.read.parsed.ok or found.read.batch is None:
        result.errors = found.read.parsed.errors
        return result, item
    item.parsed, item.batch, item.terms = found.read.parsed, found.read.batch, found.terms
    return result, item


def _audit_unstored(item: Pending, actor: str) -> AuditDraft:
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
