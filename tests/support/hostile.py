"""Run the real ``workbench`` command on hostile input, and check that it failed well.

Every test in ``tests/hostile/`` follows one pattern::

    before = Snapshot.of(ws)
    run = run_workbench(ws, "comments", "ingest", str(bad_file))
    run.assert_refused("控制字符")          # non-zero exit, Chinese message, no traceback
    Snapshot.of(ws).assert_unchanged(before)   # nothing stored changed

`run_workbench` starts ``python -m workbench`` in a subprocess whose address space is capped with
``resource.setrlimit`` (`DEFAULT_MEMORY_MIB`), so an input that makes the command allocate without
bound fails the test with a ``MemoryError`` instead of taking the shared machine; a wall-clock
timeout does the same for an input that makes it spin. `Snapshot` fingerprints what a workspace
stores (every database table, the inbox) so a refused input provably changed nothing but the
record of its receipt and refusal.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.cli import ROOT, cli_env, invoke_cli

__all__ = [
    "DEFAULT_MEMORY_MIB",
    "RECEIPT_ACTIONS",
    "CliRun",
    "Snapshot",
    "invoke_workbench",
    "run_workbench",
    "start_workbench",
]

DEFAULT_MEMORY_MIB = 1024
"""The address-space cap of a hostile run (the machine is shared: keep it modest)."""

RECEIPT_ACTIONS = frozenset({"receive_file", "reject_comment_file"})
"""Audit actions a refused file may add: the record that it came in and was refused."""

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEAKS = ("Traceback (most recent call last)", "MemoryError", "RecursionError", "Killed")


@dataclass(frozen=True)
class CliRun:
    """What one ``workbench`` run did: exit code and the two streams."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    peak_rss: int = 0
    """The highest resident memory of the process and its reader processes together (bytes)."""

    def describe(self) -> str:
        """The run for an assertion message."""
        return (
            f"workbench {' '.join(self.args)}\n-> exit {self.code}\n"
            f"stdout:\n{self.stdout[-3000:]}\nstderr:\n{self.stderr[-3000:]}"
        )

    def assert_clean(self) -> None:
        """No traceback, no Python error name, no death by signal or memory limit."""
        assert self.code >= 0, f"killed by signal {-self.code}\n{self.describe()}"
        for leak in _LEAKS:
            assert leak not in self.stderr, f"{leak!r} on stderr\n{self.describe()}"

    def assert_refused(self, *mentions: str, code: int | None = None) -> None:
        """A non-zero exit (``code`` if given) with a Chinese message naming ``mentions``."""
        self.assert_clean()
        if code is None:
            assert self.code != 0, f"expected a refusal\n{self.describe()}"
        else:
            assert self.code == code, f"expected exit {code}\n{self.describe()}"
        assert _CJK.search(self.stderr), f"no Chinese message on stderr\n{self.describe()}"
        for mention in mentions:
            assert mention in self.stderr, f"stderr does not mention {mention!r}\n{self.describe()}"

    def assert_ok(self) -> None:
        """Exit 0 and nothing alarming on stderr."""
        self.assert_clean()
        assert self.code == 0, f"expected success\n{self.describe()}"


def _limit_memory(mib: int) -> None:
    limit = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_workbench(
    workspace: Path | None,
    *args: str,
    memory_mib: int = DEFAULT_MEMORY_MIB,
    timeout: float = 120.0,
    user: str | None = "测试员",
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> CliRun:
    """Run ``python -m workbench [-w WORKSPACE] [--user USER] ARGS`` with a memory cap.

    Args:
        workspace: The workspace folder (``-w``), or None to pass none.
        args: The command and its arguments.
        memory_mib: The address-space limit of the process (and of each reader process it
            starts, which inherit it).
        timeout: Seconds before the run counts as hung (the test fails).
        user: The ``--user`` given (None: none).
        env: Extra environment variables.
        cwd: Working directory (default: the project root).

    Returns:
        The exit code, both streams (decoded as UTF-8, undecodable bytes replaced) and the
        peak resident memory of the process and its children together.
    """
    command = _command(workspace, user, args)
    environment = cli_env(PYTHONIOENCODING="utf-8", COLUMNS="200", **(env or {}))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=err,
            env=environment,
            cwd=cwd or ROOT,
            preexec_fn=lambda: _limit_memory(memory_mib),
        )
        peak = _watch(process, timeout, args)
        out.seek(0)
        err.seek(0)
        return CliRun(
            tuple(args),
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak,
        )


def start_workbench(
    workspace: Path,
    *args: str,
    memory_mib: int = DEFAULT_MEMORY_MIB,
    user: str = "测试员",
    stderr: bool = False,
) -> subprocess.Popen[bytes]:
    """Start ``python -m workbench -w WORKSPACE --user USER ARGS`` and return at once.

    For a test that interferes with a run (kills it, writes beside it). Its stdout is dropped;
    its stderr too, unless ``stderr`` (then the test reads ``process.stderr`` as it comes).
    """
    return subprocess.Popen(
        _command(workspace, user, args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if stderr else subprocess.DEVNULL,
        env=cli_env(PYTHONIOENCODING="utf-8"),
        cwd=ROOT,
        preexec_fn=lambda: _limit_memory(memory_mib),
    )


def _command(workspace: Path | None, user: str | None, args: Iterable[str]) -> list[str]:
    command = [sys.executable, "-m", "workbench"]
    if workspace is not None:
        command += ["-w", str(workspace)]
    if user is not None:
        command += ["--user", user]
    return command + list(args)


def _watch(process: subprocess.Popen[bytes], timeout: float, args: tuple[str, ...]) -> int:
    """Wait for ``process``, sampling the resident memory of it and its children; the peak."""
    import psutil

    deadline = time.monotonic() + timeout
    peak = 0
    try:
        root = psutil.Process(process.pid)
    except psutil.NoSuchProcess:
        root = None
    while process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError(f"workbench {' '.join(args)} hung for {timeout} s")
        if root is not None:
            total = 0
            with contextlib.suppress(psutil.Error):
                for proc in (root, *root.children(recursive=True)):
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
            peak = max(peak, total)
        time.sleep(0.02)
    return peak


def invoke_workbench(
    workspace: Path | None,
    *args: str,
    user: str | None = "测试员",
    env: Mapping[str, str] | None = None,
) -> CliRun:
    """`run_workbench` in this process (`tests.support.cli.invoke_cli`): no memory cap, no
    timeout, no second of start-up. For attacks on what is stored (the database edited between
    honest commands), where the input cannot make the command allocate or spin without bound.
    """
    command: list[str] = []
    if workspace is not None:
        command += ["-w", str(workspace)]
    if user is not None:
        command += ["--user", user]
    done = invoke_cli(*command, *args, env={"COLUMNS": "200", **(env or {})})
    return CliRun(tuple(args), done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class Snapshot:
    """A fingerprint of what a SQLite workspace stores: tables, audit actions, inbox files."""

    tables: Mapping[str, str]
    """Table name → sha256 of its rows (sorted), for every table but the audit log."""
    audit: tuple[tuple[int, str, str], ...]
    """The audit log as (seq, action, hash)."""
    inbox: frozenset[str] = field(default_factory=frozenset)
    """Names of the files in ``inbox/``."""

    @classmethod
    def of(cls, workspace: Path) -> Snapshot:
        """Read the workspace's SQLite file (read-only) and its inbox."""
        db = workspace / "workbench.sqlite3"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' "
                    # an FTS5 index has no rows to read; its shadow tables (…_data) hold it
                    "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
                )
            ]
            tables = {
                name: _digest(conn.execute(f'SELECT * FROM "{name}"'))
                for name in names
                if name != "audit_log"
            }
            audit = tuple(
                (int(seq), str(action), str(digest))
                for seq, action, digest in conn.execute(
                    "SELECT seq, action, hash FROM audit_log ORDER BY seq"
                )
            )
        finally:
            conn.close()
        inbox_dir = workspace / "inbox"
        inbox = (
            frozenset(p.name for p in inbox_dir.iterdir()) if inbox_dir.is_dir() else frozenset()
        )
        return cls(tables, audit, inbox)

    def assert_unchanged(
        self, before: Snapshot, *, allowed_actions: Iterable[str] = RECEIPT_ACTIONS
    ) -> None:
        """Nothing stored changed since ``before`` but the receipt and refusal of a file.

        Tables other than ``inbox_files`` must be identical; the audit log may only have grown
        by entries whose action is in ``allowed_actions``; the inbox may only have gained files.
        """
        allowed = frozenset(allowed_actions)
        changed = sorted(
            name
            for name in self.tables.keys() | before.tables.keys()
            if name != "inbox_files" and self.tables.get(name) != before.tables.get(name)
        )
        assert not changed, f"tables changed: {changed}"
        assert self.audit[: len(before.audit)] == before.audit, "earlier audit entries changed"
        added = [action for _, action, _ in self.audit[len(before.audit) :]]
        unexpected = [a for a in added if a not in allowed]
        assert not unexpected, f"unexpected audit entries: {unexpected}"
        assert before.inbox <= self.inbox, "files vanished from inbox/"


def _digest(rows: Iterable[tuple[object, ...]]) -> str:
    lines = sorted(repr(row) for row in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()
