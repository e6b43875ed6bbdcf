"""The write lock: a slow or hostile file never holds it, and a writer that must wait says so.

An ingest reads and validates every file before it takes the write lock, so a staff member
deciding comments meanwhile is not kept waiting by a station's file; when a writer does find
another one at work, it says so at once and waits on for a bounded time.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.support.comment_files import csv_bytes, row
from tests.support.hostile import run_workbench, start_workbench

WAITING = "另一项写入"


def _comment_ids(ws: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{ws / 'workbench.sqlite3'}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM comments ORDER BY id")]
    finally:
        conn.close()


def _decisions(ws: Path) -> int:
    conn = sqlite3.connect(f"file:{ws / 'workbench.sqlite3'}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM comment_decisions").fetchone()[0])
    finally:
        conn.close()


def test_a_decision_goes_through_while_an_ingest_reads_a_slow_file(
    ws: Path, tmp_path: Path
) -> None:
    """Three files of 200,001 rows take the ingest many seconds to read (then it refuses them,
    in one short transaction); meanwhile ``comments decide`` neither waits nor fails with
    "database is locked"."""
    data = csv_bytes([row("第三条", f"意见{i}") for i in range(200_001)])
    slow = []
    for n in range(3):
        path = tmp_path / f"ST01-意见{n}.csv"
        path.write_bytes(data + f"\r\n{n}".encode())
        slow.append(str(path))
    inbox = set((ws / "inbox").iterdir())
    ingest = start_workbench(ws, "comments", "ingest", *slow)
    try:
        deadline = time.monotonic() + 120
        while set((ws / "inbox").iterdir()) == inbox:  # kept: reading begins
            assert ingest.poll() is None, "the ingest ended before keeping the file"
            assert time.monotonic() < deadline, "the ingest never kept the file"
            time.sleep(0.02)
        decided = _decisions(ws)
        run = run_workbench(
            ws, "comments", "decide", "--comment", str(_comment_ids(ws)[1]), "--decision", "采纳"
        )
        still_reading = ingest.poll() is None
    finally:
        ingest.wait(timeout=300)
    run.assert_ok()
    assert WAITING not in run.stderr, run.stderr
    assert _decisions(ws) == decided + 1
    assert still_reading, "the ingest ended before the decision: the scenario did not happen"
    assert ingest.returncode != 0  # and the file was refused


def test_a_writer_that_must_wait_says_so_and_goes_on(ws: Path) -> None:
    """Another process holds the write lock: the command says it waits, then does its work."""
    holder = sqlite3.connect(ws / "workbench.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    decided = _decisions(ws)
    process = start_workbench(
        ws,
        "comments",
        "decide",
        "--comment",
        str(_comment_ids(ws)[1]),
        "--decision",
        "采纳",
        stderr=True,
    )
    assert process.stderr is not None
    said = b""
    try:
        while WAITING.encode() not in said:
            line = process.stderr.readline()  # the command ends (failing) if it never says so
            assert line, f"it never said it was waiting: {said.decode(errors='replace')}"
            said += line
        assert _decisions(ws) == decided  # still waiting
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        process.wait(timeout=120)
    rest = process.stderr.read()
    process.stderr.close()
    assert process.returncode == 0, (said + rest).decode(errors="replace")
    assert _decisions(ws) == decided + 1
