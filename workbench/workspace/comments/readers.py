"""Reading received files for ingest, in worker processes when there are many.

Reading and validating is pure work on bytes, so a batch of files is kept and read by worker
processes while the writing process stores what they have read, in order
(`workbench.workspace.comments.intake`). A worker keeps each file in ``inbox/`` before reading
it and sends back a `Received`: the rows as a `CommentBatch`, or why the file is refused.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
import gc
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.comments.batch import IngestRead, read_for_ingest
from workbench.comments.limits import readers_within_budget
from workbench.errors import WorkbenchError
from workbench.store.inbox import keep_file
from workbench.workspace.comments.storing import SearchTerms, cut_terms

__all__ = [
    "MIN_BYTES_FOR_WORKERS",
    "MIN_FILES_FOR_WORKERS",
    "Readers",
    "Received",
    "reader_count",
]

MIN_FILES_FOR_WORKERS = 8
"""Fewer files than this are read in this process."""
MIN_BYTES_FOR_WORKERS = 2 * 1024 * 1024
"""Less than this in all is read in this process (a few dozen files: not worth the workers)."""

_MAX_WORKERS = 4
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
    Either way no more than `readers_within_budget` allows: each file read may cost up to
    `Limits.max_memory_bytes`, and the readers together stay within the ingest's budget.
    """
    if requested is not None:
        return readers_within_budget(requested)
    if len(files) < MIN_FILES_FOR_WORKERS or _total_size(files) < MIN_BYTES_FOR_WORKERS:
        return 0
    cpus = os.cpu_count() or 1
    return readers_within_budget(min(cpus, _MAX_WORKERS)) if cpus > 1 else 0


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
    terms: SearchTerms | None = None
    """The search terms of its rows, when it is valid."""
    error: str | None = None
    """Why it could not be kept."""


class _Worker:
    """One reader process: files in over a pipe, results back through a queue."""

    def __init__(self, ctx: Any, context: _Context) -> None:
        self._tasks, child_tasks = ctx.Pipe()
        self._results = ctx.Queue()
        _widen(self._results)
        # Under forkserver the reader's parent is the fork server (which ends with this process).
        parent = None if ctx.get_start_method() == "forkserver" else os.getpid()
        self._process = ctx.Process(
            target=_serve, args=(child_tasks, self._results, context, parent), daemon=True
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


_PIPE_BYTES = 1024 * 1024
"""Room asked for in a result pipe: a file's rows then fit whole (Linux's default is 64 KiB).

With the default, the writer taking a result waits for the worker, which runs at a lower
priority, to be scheduled again for every 64 KiB of it.
"""


def _widen(results: Any) -> None:
    """Make the pipe under a result queue hold a whole result, where the system allows it."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    reader = getattr(results, "_reader", None)
    if setpipe is None or reader is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fcntl.fcntl(reader.fileno(), setpipe, _PIPE_BYTES)


def _read(task: str, context: _Context) -> Received:
    """Keep a received file in the inbox (first, byte for byte), then read it."""
    source = Path(task)
    try:
        kept = keep_file(source, context.inbox, flush=False, with_data=True)
    except WorkbenchError as exc:
        return Received(error=exc.message)
    found = Received(kept.sha256, kept.size, kept.path, kept.new)
    if kept.sha256 not in context.stored and kept.data is not None:
        found.read = read_for_ingest(kept.data, source.name, context.stations, context.versions)
        if found.read.batch is not None:
            found.terms = cut_terms(found.read.batch)
    return found


def _serve(tasks: Any, results: Any, context: _Context, parent: int | None) -> None:
    """A reader process: read each file it is sent until told to stop (None).

    It runs at a lower priority: the writer is the pipeline's narrow part, and readers that
    take its CPU slow the whole ingest down. It ends with the ingest that started it
    (``parent``; None: whichever process started it), however that ends (`_exit_with_parent`).
    """
    _exit_with_parent(parent)
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


_PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal this process gets when its parent ends."""
_PARENT_POLL_S = 0.5
"""How often a reader checks that its parent still runs (where the kernel does not tell it)."""


def _exit_with_parent(parent: int | None) -> None:
    """End this process as soon as its parent ends (killed, crashed, or exited without a word).

    Closing the pipes is not enough: a reader started later holds copies of an earlier
    reader's pipe ends, so a killed ingest would leave its readers waiting forever. On Linux
    the kernel kills this process when its parent ends; everywhere, a watcher thread exits
    when this process is handed to another parent.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    start = os.getppid()
    if parent is not None and start != parent:  # it ended before the request above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == start:
            time.sleep(_PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
