"""Terminal escape injection: nothing the CLI prints may drive the staff member's terminal.

The data here is stored the way an earlier release (or a database tool) left it, control
sequences included, so the output path is tested on its own: OSC 52 (writes the clipboard),
OSC 0 (sets the window title), CSI (moves the cursor, clears the screen), BEL, BS, an 8-bit
CSI, a bidi override, and a line break that would forge a line of a table.
"""

from __future__ import annotations

import ast
import json
import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import ROOT
from tests.support.hostile import run_workbench

ATTACK = (
    "正常\x1b]52;c;ZXZpbA==\x07意见\x1b]0;标题\x07\x1b[2J\x1b[1;1H\x08\x08\x9b6n\u202e倒序\u202c"
)
"""Every kind of control sequence a terminal acts on."""
RAW = ("\x1b", "\x07", "\x08", "\x9b", "\u202e")


def _assert_inert(text: str) -> None:
    found = [repr(ch) for ch in RAW if ch in text]
    assert not found, f"control characters reached the terminal: {found}\n{text!r}"


def _sql(ws: Path, statement: str, *params: object) -> None:
    conn = sqlite3.connect(ws / "workbench.sqlite3")
    try:
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_comment_texts_are_printed_inert(ws: Path, fmt: str) -> None:
    """``comments list``: the opinion, the submitter and the station carry every sequence."""
    _sql(ws, "UPDATE comments SET opinion = ?, submitter = ?", ATTACK, ATTACK)
    run = run_workbench(ws, "comments", "list", "-p", "jy", "--format", fmt)
    run.assert_ok()
    _assert_inert(run.stdout + run.stderr)
    assert "正常" in run.stdout


def test_a_line_break_cannot_forge_an_audit_line(ws: Path) -> None:
    """An actor stored with a line break (an old release did not check ``--user``)."""
    forged = "张三\n99    2026-01-01 00:00:00  局长    处理意见"
    conn = sqlite3.connect(ws / "workbench.sqlite3")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = ? WHERE seq = 1", (forged + ATTACK,))
    conn.commit()
    conn.close()
    run = run_workbench(ws, "audit")
    run.assert_ok()
    _assert_inert(run.stdout)
    lines = run.stdout.splitlines()
    entries = run_workbench(ws, "audit", "--format", "json")
    logged = json.loads(entries.stdout)["entries"]
    assert len(lines) == len(logged) + 1  # one line per entry, plus the header


@pytest.mark.parametrize("name", ["张三\n伪造", "\x1b]0;x\x07", "  张三", "张" * 65, ""], ids=repr)
def test_a_user_name_that_is_no_name_is_refused(ws: Path, name: str) -> None:
    """``--user`` is one line of visible text, at most 64 characters."""
    party = "司法行政部门"
    run = run_workbench(
        ws, "matrix", "set", "-p", "jy", "-n", "初审前", "--party", party, "--status", "已反馈",
        user=name,
    )  # fmt: skip
    run.assert_refused("--user", code=2)


def test_matrix_records_and_reasons_are_printed_inert(ws: Path) -> None:
    """Free text typed (or pasted) on the command line comes back inert in ``status`` and ``audit``."""
    run_workbench(
        ws, "matrix", "set", "-p", "jy", "-n", "初审前", "--party", "司法行政部门",
        "--status", "已会商", "--record", ATTACK,
    ).assert_ok()  # fmt: skip
    for args in (("status", "-p", "jy"), ("audit",), ("audit", "--format", "json")):
        run = run_workbench(ws, *args)
        run.assert_ok()
        _assert_inert(run.stdout)


def test_station_names_are_printed_inert(ws: Path) -> None:
    """The registry is a CSV anyone may edit."""
    registry = ws / "stations.csv"
    registry.write_text(
        registry.read_text(encoding="utf-8") + f"ST99,{ATTACK},某县,联络站\n", encoding="utf-8"
    )
    for fmt in ("text", "json"):
        run = run_workbench(ws, "stations", "--format", fmt)
        run.assert_ok()
        _assert_inert(run.stdout + run.stderr)


def test_a_file_name_in_an_error_is_printed_inert(ws: Path, tmp_path: Path) -> None:
    """A file named with an escape sequence: the error naming it stays inert."""
    path = tmp_path / "意见\x1b]0;pwned\x07.csv"
    path.write_bytes(b"not,a,comment,file\r\n")
    run = run_workbench(ws, "comments", "ingest", str(path))
    run.assert_refused()
    _assert_inert(run.stdout + run.stderr)


def test_a_law_text_is_printed_inert(ws: Path, tmp_path: Path) -> None:
    """``parse`` and ``show`` of a text that carried sequences."""
    path = tmp_path / "草案.txt"
    ordinary = "".join(
        f"第{n}条　本条例所称居家养老服务，是指以家庭为基础的服务。\n\n" for n in "二三四五"
    )
    path.write_text(f"某某条例\n\n第一条　{ATTACK}\n\n{ordinary}", encoding="utf-8")
    for fmt in ("text", "json", "outline"):
        run = run_workbench(None, "parse", str(path), "--format", fmt)
        run.assert_ok()
        _assert_inert(run.stdout)


def test_only_the_output_module_writes_to_the_terminal() -> None:
    """Every command prints through ``workbench.cli.output`` (which removes control sequences)."""
    offenders = []
    for path in sorted((ROOT / "workbench" / "cli").glob("*.py")):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                called = ast.unparse(node.func)
                if called in ("click.echo", "click.secho", "print") or called.endswith(
                    ("stdout.write", "stderr.write")
                ):
                    offenders.append(f"{path.name}:{node.lineno} {called}")
    assert not offenders, offenders
