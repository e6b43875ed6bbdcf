"""Receiving comment files: keep, read (in reader processes when many), store in groups.

The ingest half of `workbench.workspace.comments.CommentService` (mixed into it): each file is
kept byte for byte in ``inbox/`` first, then read and validated, then written in order, in
commit groups; a file lands whole or not at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Connection, select

from workbench.comments import CitationIndex
from workbench.comments.batch import CommentBatch
from workbench.comments.readers import ParsedFile
from workbench.errors import FileProblem
from workbench.model.comments import Station
from workbench.model.project import VersionInfo
from workbench.store import AuditDraft, append_audit_many
from workbench.store import comment_tables as t
from workbench.store.comment_targets import TargetLists
from workbench.store.inbox import record_inbox_file
from workbench.store.schema import versions
from workbench.workspace.comment_ingest import (
    SQLITE_CACHE_KIB,
    Places,
    Repeats,
    no_cycle_collection,
    store_batch,
)
from workbench.workspace.comment_readers import Readers, Received, reader_count
from workbench.workspace.comment_rows import (
    IngestResult,
    Pending,
    audit_unstored,
    sync_station_table,
)
from workbench.workspace.inbox import sync
from workbench.workspace.workspace import Workspace

__all__ = ["CommentIntake"]


class CommentIntake:
    """Receive comment files (mixed into `CommentService`, which provides what is declared)."""

    ws: Workspace
    _resolved: dict[tuple[str, str], tuple[VersionInfo, int]]
    _names: dict[str, list[str] | None]
    _stations: tuple[Station, ...] | None
    _project_ids: dict[int, int]
    _places: dict[int, Places]
    _repeats: Repeats
    _lists: TargetLists
    """The commit group's comment ids and per-node lists (`_write_group` sets it)."""

    def stations(self) -> tuple[Station, ...]:
        """The station registry (implemented by the service)."""
        raise NotImplementedError

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and its citation index (implemented by the service)."""
        raise NotImplementedError

    def _version_names(self, project: str) -> list[str] | None:
        """The names a project's versions answer to (implemented by the service)."""
        raise NotImplementedError

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        actor: str,
        on_file: Callable[[IngestResult], None] | None = None,
        batch_rows: int = 100_000,
        workers: int | None = None,
    ) -> list[IngestResult]:
        """Receive, validate and store comment files; each file lands whole or not at all.

        Each file is first kept byte for byte in ``inbox/``, then read and validated (by worker
        processes when there are many files, a few files ahead of the writer), then written in
        order. Accepted files are written with a few bulk inserts each, in a transaction that
        groups files up to ``batch_rows`` comments; before a group commits, the inbox copies it
        records are flushed to disk. Results are final once their group is committed (a failed
        group leaves nothing behind; its files can be sent again).

        Args:
            paths: The files.
            actor: Who ingests (audit log).
            on_file: Called after each file is written (progress).
            batch_rows: Comments per commit group.
            workers: Reader processes (0: read in this process); by default one per CPU (at
                most four) when there are `MIN_FILES_FOR_WORKERS` files or more.

        Returns:
            One result per file, in order.
        """
        self._resolved.clear()  # versions may have been added since the last call
        self._places.clear()
        self._repeats = Repeats()  # what other sessions stored since is read again
        self._names.clear()
        self._stations = None
        files = [Path(p) for p in paths]
        with self.ws.transaction() as conn:
            sync_station_table(conn, self.stations())
            # Files already stored count as seen (one query, not one per file); a file another
            # process stores meanwhile is caught by the unique sha256 when this one commits.
            seen: set[str] = set(conn.execute(select(t.comment_files.c.sha256)).scalars())
        known = {p.slug: self._version_names(p.slug) for p in self.ws.projects()}
        readers = Readers(
            reader_count(files, workers),
            self.ws.inbox_dir,
            frozenset(s.code for s in self.stations()),
            {slug: names for slug, names in known.items() if names is not None},
            frozenset(seen),
        )
        out: list[IngestResult] = []
        prepared = self._prepared(files, seen, readers)
        try:
            with no_cycle_collection():
                while self._write_group(prepared, out, actor, on_file, batch_rows):
                    pass
        finally:
            prepared.close()
            readers.close()
        return out

    def _prepared(
        self, paths: Sequence[Path], seen: set[str], readers: Readers
    ) -> Generator[tuple[IngestResult, Pending | None]]:
        """Have each file kept and read, yielding them in order as the writer asks.

        With worker processes, up to ``readers.ahead`` files are being kept and read ahead of
        the one the writer takes; without, each file is kept and read when the writer takes it.
        """
        window: deque[tuple[Path, Callable[[], Received]]] = deque()
        for path in paths:
            window.append((path, readers.submit(path)))
            while len(window) > readers.ahead:
                yield self._received(*window.popleft(), seen)
        while window:
            yield self._received(*window.popleft(), seen)

    def ingest_file(self, path: Path | str, *, actor: str) -> IngestResult:
        """Receive one file (see `ingest`)."""
        return self.ingest([path], actor=actor)[0]

    @staticmethod
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
        item.parsed, item.batch = found.read.parsed, found.read.batch
        return result, item

    def _write_group(
        self,
        prepared: Iterator[tuple[IngestResult, Pending | None]],
        out: list[IngestResult],
        actor: str,
        on_file: Callable[[IngestResult], None] | None,
        batch_rows: int,
    ) -> bool:
        """Write prepared files in one transaction, up to ``batch_rows`` comments.

        A file's rows go in only once its file row is in (whole or not at all; a failure rolls
        the group back); the group's audit entries are appended together and it commits once,
        after the inbox copies it holds are flushed to disk. Results are marked accepted only
        after the commit.

        Returns:
            False once ``prepared`` is exhausted.
        """
        stored: list[tuple[Pending, tuple[int, int, int]]] = []
        audits: list[AuditDraft] = []
        kept: list[Path] = []
        rows = 0
        more = True
        with self.ws.transaction() as conn:
            if conn.dialect.name == "sqlite":
                # Inserting into a large comment index thrashes the default 2 MiB page cache.
                conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            self._lists = TargetLists(conn)
            for result, item in prepared:
                out.append(result)
                if item is not None:
                    if item.new:
                        kept.append(item.kept)
                    rows += self._write_file(conn, item, actor, stored, audits)
                if on_file is not None:
                    on_file(result)
                if rows >= batch_rows:
                    break
            else:
                more = False
            self._lists.write(conn)
            append_audit_many(conn, audits)
            sync(kept, self.ws.inbox_dir)  # the copies are on disk before their records commit
        for item, (n, unplaced, flagged) in stored:
            r = item.result
            r.status, r.rows, r.unplaced, r.flagged = "accepted", n, unplaced, flagged
            r.placed = n - unplaced
        return more

    def _write_file(
        self,
        conn: Connection,
        item: Pending,
        actor: str,
        stored: list[tuple[Pending, tuple[int, int, int]]],
        audits: list[AuditDraft],
    ) -> int:
        """Record one received file (and store its comments when it is valid); return rows.

        Its audit entry joins ``audits`` (appended, in order, before the group commits).
        """
        if item.parsed is not None and item.batch is not None:
            written = self._store(conn, item, item.parsed, item.batch, actor)
            item.batch = None  # its rows are in the database now: let them go
            if written is not None:
                counts, audit = written
                audits.append(audit)
                stored.append((item, counts))
                return counts[0]
            item.result.status = "duplicate"  # another process stored the same bytes
        record_inbox_file(conn, item.result.sha256 or "", item.path.name, item.size, actor)
        audits.append(audit_unstored(item, actor))
        return 0

    def _store(
        self,
        conn: Connection,
        item: Pending,
        parsed: ParsedFile,
        batch: CommentBatch,
        actor: str,
    ) -> tuple[tuple[int, int, int], AuditDraft] | None:
        """Insert one accepted file and its comments (bulk); None when it is stored already."""
        info, vid, index = self.index(parsed.project, parsed.version)
        pid = self._project_ids.get(vid)
        if pid is None:
            pid = conn.execute(
                select(versions.c.project_id).where(versions.c.id == vid)
            ).scalar_one()
            self._project_ids[vid] = pid
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
            lists=self._lists,
        )
