"""An ingest killed mid-way: its reader processes end with it, and what it kept gets recorded.

An ingest of many files reads them in reader processes, keeping each file in ``inbox/`` before
reading it and recording it only when its group commits. Killed in between (``kill -9``, the
out-of-memory killer, a crash), it used to leave its readers running for ever and copies in
``inbox/`` that no record named.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psutil
import pytest

from tests.support.comment_files import csv_bytes, row
from tests.support.hostile import run_workbench, start_workbench

T = TypeVar("T")

FILES = 12
ROWS = 2_000
"""Twelve files of 2,000 rows: more than enough for reader processes, and the first commit
group (20,000 comments) ends only at the tenth file."""


def _wait_for(found: Callable[[], T | None], what: str, timeout: float = 120.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {timeout} s")


def _recorded(ws: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{ws / 'workbench.sqlite3'}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT sha256 FROM inbox_files")}
    finally:
        conn.close()


def _audit_actions(ws: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{ws / 'workbench.sqlite3'}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    finally:
        conn.close()


def _unrecorded(ws: Path) -> list[Path]:
    recorded = _recorded(ws)
    return [
        p
        for p in (ws / "inbox").iterdir()
        if not p.name.startswith(".") and p.name.partition(".")[0] not in recorded
    ]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: ingest starts no reader process")
def test_a_killed_ingest_leaves_no_reader_running_and_its_copies_are_recorded_next_time(
    ws: Path, tmp_path: Path
) -> None:
    paths = []
    for n in range(FILES):
        path = tmp_path / f"ST01-{n}.csv"
        path.write_bytes(
            csv_bytes(
                [row("第三条", f"第{n}份第{i}条意见：建议明确适用范围。") for i in range(ROWS)]
            )
        )
        paths.append(str(path))
    process = start_workbench(ws, "comments", "ingest", *paths)
    try:
        root = psutil.Process(process.pid)
        readers = _wait_for(root.children, "reader process")
        _wait_for(lambda: _unrecorded(ws), "kept copy")
    finally:
        process.kill()
        process.wait()
    _, alive = psutil.wait_procs(readers, timeout=15)
    for proc in alive:  # leave nothing behind on the shared machine
        proc.kill()
    assert not alive, f"reader processes outlived the killed ingest: {alive}"

    strays = _unrecorded(ws)
    assert strays, "the killed ingest kept nothing unrecorded: the scenario did not happen"
    young = strays[0]
    for path in strays[1:]:  # an hour and more ago: the receipt that kept them is dead
        old = time.time() - 2 * 3600
        os.utime(path, (old, old))
    good = tmp_path / "ST01-补充.csv"
    good.write_bytes(csv_bytes([row("第十条", "另一份意见：建议增加社区食堂。")]))

    run = run_workbench(ws, "comments", "ingest", str(good))
    run.assert_ok()
    assert f"有 {len(strays) - 1} 个文件" in run.stderr
    assert "接收中断" in run.stderr
    assert _unrecorded(ws) == [young]  # may still belong to a receipt under way: left alone
    assert _audit_actions(ws).count("interrupted_receipt") == len(strays) - 1
