"""Real processes against one workspace: concurrent writers, and a writer killed mid-import."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.cli import invoke_cli
from workbench.model import Document, Node
from workbench.workspace import Workspace
from workbench.workspace.workspace import PAUSE_HOOK_ENV

ROOT = Path(__file__).resolve().parents[2]
WRITES_PER_PROCESS = 6


def _doc(tag: str, n: int) -> Document:
    return Document(
        title="并发测试条例",
        children=tuple(
            Node(
                kind="article",
                uid=f"{tag}{n:03d}x{i:02d}",
                eid=f"art_{i}",
                num=f"第{i}条",
                children=(
                    Node(
                        kind="paragraph",
                        uid=f"{tag}{n:03d}p{i:02d}",
                        eid=f"art_{i}__para_1",
                        text=f"进程{tag}第{n}稿第{i}条。",
                    ),
                ),
            )
            for i in range(1, 4)
        ),
    )


def _writer(folder: str, url: str | None, tag: str, same_file: str, barrier: Any) -> None:
    """Import versions and set cells as fast as possible, racing the other process.

    Both processes finally import the same file at the same stage: only one version may result.
    """
    ws = Workspace.open(folder, url)
    barrier.wait(timeout=60)
    parties = ws.matrix_config().parties
    for n in range(WRITES_PER_PROCESS):
        ws.import_document(_doc(tag, n), "shared", "立项前", actor=tag, create=True)
        ws.set_cell("shared", "初审前", parties[n % len(parties)], "已征求", actor=tag)
    barrier.wait(timeout=60)
    ws.import_version(same_file, "shared", "初审前", actor=tag, create=True)
    ws.close()


def test_two_processes_writing_at_once_lose_nothing(
    tmp_path: Path, database_url: str | None
) -> None:
    """Every import and cell change of both processes lands; numbers are unique; the chain holds."""
    folder = tmp_path / "ws"
    Workspace.init(folder, database_url).close()
    same = tmp_path / "same.json"
    same.write_text(_doc("s", 0).model_dump_json(), encoding="utf-8")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [
        ctx.Process(target=_writer, args=(str(folder), database_url, tag, str(same), barrier))
        for tag in ("a", "b")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]
    with Workspace.open(folder, database_url) as ws:
        versions = ws.versions("shared")
        log = ws.audit_log()
        report = ws.verify_audit()
    total = 2 * WRITES_PER_PROCESS
    assert [v.number for v in versions] == list(range(1, total + 2))
    assert sorted(v.created_by for v in versions[:-1]) == ["a"] * 6 + ["b"] * 6
    assert [(v.node, v.source_name) for v in versions if v.source_name] == [("初审前", "same.json")]
    imports = [e for e in log if e.action in ("freeze_version", "import_version")]
    cells = [e for e in log if e.action == "set_cell"]
    assert (len(imports), len(cells)) == (total + 1, total)
    assert len([e for e in log if e.action == "create_project"]) == 1
    assert report.ok, report.message


def _cli(folder: Path, url: str | None, *args: str) -> list[str]:
    cmd = [sys.executable, "-m", "workbench", "--workspace", str(folder), "--user", "测试"]
    if url:
        cmd += ["--database", url]
    return [*cmd, *args]


def test_import_killed_inside_its_transaction_leaves_nothing_and_reruns_once(
    tmp_path: Path, database_url: str | None
) -> None:
    """SIGKILL during the import transaction: no project, no version; the rerun gives exactly one."""
    folder = tmp_path / "ws"
    Workspace.init(folder, database_url).close()
    source = tmp_path / "draft.json"
    source.write_text(_doc("k", 1).model_dump_json(), encoding="utf-8")
    marker = tmp_path / "paused"
    env = {**os.environ, PAUSE_HOOK_ENV: str(marker)}
    args = _cli(
        folder, database_url, "import", "--create", str(source), "-p", "killed", "-s", "立项前"
    )
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "import never reached the pause hook"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Workspace.open(folder, database_url) as ws:
        assert ws.projects() == []
        assert [f.original_name for f in ws.inbox_files()] == ["draft.json"]
        assert ws.verify_audit().ok
        assert "freeze_version" not in {e.action for e in ws.audit_log()}
    for _ in range(2):  # the reruns need no process of their own: the same command, in this one
        done = invoke_cli(*args[3:])
        assert done.returncode == 0, done.stderr
    with Workspace.open(folder, database_url) as ws:
        versions = ws.versions("killed")
        report = ws.verify_audit()
    assert [(v.number, v.source_name) for v in versions] == [(1, "draft.json")]
    assert report.ok


def test_pause_hook_is_inert_without_the_variable(tmp_path: Path) -> None:
    """Without the variable an import completes at once (the hook never fires in normal use)."""
    assert PAUSE_HOOK_ENV not in os.environ
    with Workspace.init(tmp_path / "ws") as ws:
        result = ws.import_document(_doc("q", 1), "p1", "立项前", actor="t", create=True)
    assert result.created
