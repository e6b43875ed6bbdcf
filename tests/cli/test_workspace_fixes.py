"""Regression tests for the QA findings on the workspace CLI (import, audit, history)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import _register, cli
from workbench.workspace.workspace import action_label

_register()

DRAFTS = Path(__file__).resolve().parents[2] / "drafts" / "juja-yanglao"
P = "jy"


class Bench:
    """A workspace folder and a runner that calls ``workbench -w FOLDER ...``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ws = root / "ws"
        self.runner = CliRunner()

    def run(self, *args: str, code: int = 0) -> Result:
        """Run one command and check its exit code."""
        result = self.runner.invoke(cli, ["-w", str(self.ws), *args], catch_exceptions=False)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    """An initialised workspace."""
    b = Bench(tmp_path)
    b.run("init")
    return b


def test_import_of_earlier_stage_after_later_one_warns(bench: Bench) -> None:
    """初审前 after 表决前: imported all the same, warned in Chinese and logged."""
    bench.run("import", "--create", str(DRAFTS / "01-立项前.md"), "-p", P, "-s", "立项前")
    later = bench.run("import", "--create", str(DRAFTS / "04-表决前.md"), "-p", P, "-s", "表决前")
    assert "较早阶段" not in later.stderr
    back = bench.run("import", "--create", str(DRAFTS / "02-初审前.md"), "-p", P, "-s", "初审前")
    assert "警告：项目已有表决稿（第2版），本次导入的是较早阶段一审的草案" in back.stderr
    assert "第3版" in back.stderr
    versions = json.loads(bench.run("versions", "-p", P, "--format", "json").stdout)["versions"]
    assert [v["node"] for v in versions] == ["立项前", "表决前", "初审前"]
    entries = json.loads(bench.run("audit", "--format", "json").stdout)["entries"]
    imports = [e for e in entries if e["action"] == "import_version"]
    assert imports[-1]["payload"]["earlier_stage_than"] == [
        {"number": 2, "stage": "表决", "node": "表决前"}
    ]
    assert imports[0]["payload"]["earlier_stage_than"] == []


def test_unsupported_file_error_names_the_users_file(bench: Bench) -> None:
    """``import x.csv``: the error names x.csv, not the inbox copy (which is still kept)."""
    user_file = bench.root / "意见.csv"
    user_file.write_text("条款,意见\n", encoding="utf-8")
    failed = bench.run("import", "--create", str(user_file), "-p", P, "-s", "立项前", code=1)
    assert str(user_file) in failed.stderr
    assert "不支持的文件类型“.csv”" in failed.stderr
    assert "inbox" not in failed.stderr
    kept = [p for p in (bench.ws / "inbox").iterdir() if p.suffix == ".csv"]
    assert len(kept) == 1
    assert kept[0].read_bytes() == user_file.read_bytes()


def test_unreadable_draft_error_names_the_users_file(bench: Bench) -> None:
    """A parse failure of a supported kind (an empty text) also names the user's file."""
    empty = bench.root / "空稿.md"
    empty.write_text("", encoding="utf-8")
    failed = bench.run("import", "--create", str(empty), "-p", P, "-s", "立项前", code=1)
    assert str(empty) in failed.stderr or "空稿.md" in failed.stderr
    assert "inbox" not in failed.stderr


def test_audit_shows_chinese_action_names(bench: Bench) -> None:
    """The 操作 column and --verify name actions in Chinese; JSON keeps the raw names."""
    bench.run("import", "--create", str(DRAFTS / "01-立项前.md"), "-p", P, "-s", "立项前")
    table = bench.run("audit").stdout
    for label in ("接收文件", "导入版本", "新建项目"):
        assert label in table
    for raw in ("receive_file", "import_version", "create_project"):
        assert raw not in table
    entries = json.loads(bench.run("audit", "--format", "json").stdout)["entries"]
    assert "import_version" in {e["action"] for e in entries}
    with sqlite3.connect(bench.ws / "workbench.sqlite3") as con:
        con.execute("drop trigger audit_log_no_update")  # a tamperer with file access
        seq = con.execute("select seq from audit_log where action = 'import_version'").fetchone()[0]
        con.execute("update audit_log set payload = '{}' where seq = ?", (seq,))
    tampered = bench.run("audit", "--verify", code=1)
    assert f"第 {seq} 条（导入版本）" in tampered.stdout
    assert "import_version" not in tampered.stdout


def test_action_label_falls_back_to_the_raw_name() -> None:
    """Unknown actions are shown as they are."""
    assert action_label("set_cell") == "更新矩阵"
    assert action_label("something_new") == "something_new"


def test_history_labels_the_uid_in_chinese(bench: Bench) -> None:
    """``history`` opens with 节点标识, not the English ``uid``."""
    bench.run("import", "--create", str(DRAFTS / "01-立项前.md"), "-p", P, "-s", "立项前")
    first = bench.run("history", "第一条", "-p", P).stdout.splitlines()[0]
    assert first.startswith("节点标识 ")
