"""The workspace commands through click's CliRunner: exit codes, stdout data, stderr messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import _register, cli
from workbench.cli.workspace_cmd import display_width, format_table
from workbench.model import Document, Node

_register()

Invoke = Callable[..., Result]
"""Runs ``workbench`` with the test's workspace and database options before the arguments."""


def draft(*texts: str, prefix: str = "a") -> Document:
    return Document(
        title="测试条例",
        children=tuple(
            Node(
                kind="article",
                uid=f"{prefix}000{i}",
                eid=f"art_{i}",
                num=f"第{i}条",
                children=(
                    Node(kind="paragraph", uid=f"{prefix}000{i}p", eid=f"art_{i}__para_1", text=t),
                ),
            )
            for i, t in enumerate(texts, 1)
        ),
    )


@pytest.fixture
def run(tmp_path: Path, database_url: str | None) -> Invoke:
    runner = CliRunner()
    ws = str(tmp_path / "ws")
    base = ["--workspace", ws, "--user", "张三"]
    if database_url:
        base += ["--database", database_url]

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, [*base, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    one = tmp_path / "v1.json"
    two = tmp_path / "v2.json"
    one.write_text(draft("第一条文字。", "第二条文字。").model_dump_json(), encoding="utf-8")
    two.write_text(
        draft("第一条文字。", "第二条文字有修改。", "新增一条。", prefix="b").model_dump_json(),
        encoding="utf-8",
    )
    return one, two


def test_init_import_versions_show_status(run: Invoke, files: tuple[Path, Path]) -> None:
    """The first-run path works end to end and stdout carries the data."""
    one, two = files
    assert run("init").exit_code == 0
    first = run("import", "--create", str(one), "--project", "p1", "--stage", "立项前")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("p1\t第 1 版\t草案建议稿")
    second = run("import", "--create", str(two), "-p", "p1", "-s", "初审前", "--reason", "赶进度")
    assert second.exit_code == 0
    assert "警告：前一节点尚有 4 项未会商" in second.stderr
    assert "原因：赶进度" in second.stderr
    assert "警告" not in second.stdout
    listed = json.loads(run("versions", "-p", "p1", "--format", "json").stdout)["versions"]
    assert [(v["number"], v["node"], v["source_name"]) for v in listed] == [
        (1, "立项前", "v1.json"),
        (2, "初审前", "v2.json"),
    ]
    assert [(v["stage"], v["name"]) for v in listed] == [("立项", "草案建议稿"), ("一审", "草案")]
    text = run("versions", "-p", "p1").stdout
    assert "初审前" in text
    assert "草案" in text
    shown = run("show", "-p", "p1", "--version", "立项前", "--format", "json").stdout
    assert Document.model_validate_json(shown) == draft("第一条文字。", "第二条文字。")
    plain = run("show", "-p", "p1").stdout
    assert "新增一条。" in plain
    status = run("status", "-p", "p1").stdout.splitlines()
    assert status[2].split() == [
        "节点",
        "版本",
        "政府起草部门",
        "司法行政部门",
        "常委会工作机构",
        "法检两院",
    ]
    assert status[3].split() == ["立项前", "1", "未征求", "未征求", "未征求", "未征求"]
    assert status[5].split()[:2] == ["二审前", "-"]


def test_reimport_prints_a_note_and_creates_nothing(run: Invoke, files: tuple[Path, Path]) -> None:
    """Importing the same file again exits 0, says so on stderr and adds no version."""
    one, _ = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    again = run("import", "--create", str(one), "-p", "p1", "-s", "立项前", "--format", "json")
    assert again.exit_code == 0
    assert "未重复导入" in again.stderr
    assert json.loads(again.stdout)["created"] is False
    assert len(json.loads(run("versions", "-p", "p1", "--format", "json").stdout)["versions"]) == 1


def test_matrix_set_shows_in_status_and_audit(run: Invoke, files: tuple[Path, Path]) -> None:
    """A cell set on the command line shows in status; the audit chain verifies."""
    one, _ = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    out = run(
        "matrix", "set", "-p", "p1", "-n", "立项前", "--party", "法检两院",
        "--status", "已会商", "--record", "无意见",
    )  # fmt: skip
    assert out.exit_code == 0
    assert out.stdout == "立项前\t法检两院\t已会商\n"
    status = run("status", "-p", "p1").stdout
    assert "已会商" in status
    assert "立项前·法检两院：无意见" in status
    verified = run("audit", "--verify")
    assert verified.exit_code == 0
    assert "审计日志完好" in verified.stdout
    log = json.loads(run("audit", "-p", "p1", "--format", "json").stdout)["entries"]
    assert [e["action"] for e in log] == ["create_project", "import_version", "set_cell"]
    assert all(e["actor"] == "张三" for e in log)


def test_errors_go_to_stderr_in_chinese_with_exit_code(
    run: Invoke, files: tuple[Path, Path]
) -> None:
    """Unknown workspace, project, version and stage fail with a message naming the valid ones."""
    one, _ = files
    missing = run("versions", "-p", "p1")
    assert missing.exit_code != 0
    assert "workbench init" in missing.stderr
    run("init")
    bad_stage = run("import", "--create", str(one), "-p", "p1", "-s", "三审前")
    assert bad_stage.exit_code != 0
    assert "立项前、初审前、二审前、表决前" in bad_stage.stderr
    assert bad_stage.stdout == ""
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    bad_project = run("show", "-p", "p2")
    assert "现有项目：p1" in bad_project.stderr
    bad_version = run("show", "-p", "p1", "-v", "5")
    assert bad_version.exit_code != 0
    assert "1（草案建议稿）" in bad_version.stderr
    bad_party = run(
        "matrix", "set", "-p", "p1", "-n", "立项前", "--party", "某局", "--status", "已征求"
    )
    assert "可用的征求对象" in bad_party.stderr


def test_init_with_custom_nodes_and_parties(run: Invoke) -> None:
    """--node/--party configure the workspace's matrix."""
    out = run("init", "--node", "一审前", "--node", "二审前", "--party", "起草单位")
    assert out.exit_code == 0
    assert "一审前、二审前" in out.stdout
    assert "起草单位" in out.stdout


@pytest.mark.parametrize(
    "command",
    ["init", "import", "projects", "versions", "show", "history", "status", "matrix", "audit"],
)
def test_every_command_has_help(command: str) -> None:
    """--help works on every workspace command."""
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_table_pads_by_display_width() -> None:
    """CJK characters count two columns, so columns line up in a terminal."""
    assert display_width("立项前") == 6
    assert display_width("ab") == 2
    table = format_table(["节点", "x"], [["立项前", "1"], ["ab", "2"]])
    lines = table.splitlines()
    assert [display_width(line.split("  ")[0]) for line in lines] == [4, 6, 2]
    positions = {display_width(line[: line.rindex(line.split()[-1])]) for line in lines}
    assert positions == {8}


def test_show_draft_prints_the_working_draft(run: Invoke, files: tuple[Path, Path]) -> None:
    """show --draft prints the editable draft, which starts as the imported version."""
    one, _ = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    shown = run("show", "-p", "p1", "--draft", "--format", "json")
    assert shown.exit_code == 0
    assert Document.model_validate_json(shown.stdout) == draft("第一条文字。", "第二条文字。")


def test_audit_verify_fails_with_exit_code_on_tampering(
    run: Invoke, files: tuple[Path, Path], tmp_path: Path, database_url: str | None
) -> None:
    """audit --verify exits non-zero and names the entry once the log was edited."""
    from sqlalchemy import text

    from workbench.workspace import Workspace

    one, _ = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    assert run("audit", "--verify").exit_code == 0
    with Workspace.open(tmp_path / "ws", database_url) as ws, ws.transaction() as conn:
        if ws.db.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_log SET actor = '李四' WHERE seq = 2"))
    result = run("audit", "--verify")
    assert result.exit_code == 1
    assert "第 2 条" in result.stdout


def test_history_follows_a_clause_through_the_versions(
    run: Invoke, files: tuple[Path, Path]
) -> None:
    """history finds a clause by its citation and shows where it stood and whether it changed."""
    one, two = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    run("import", "--create", str(two), "-p", "p1", "-s", "初审前")
    out = run("history", "第2条", "-p", "p1")
    assert out.exit_code == 0, out.stderr
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    assert rows == [["1", "草案建议稿", "第2条", "初稿"], ["2", "草案", "第2条", "修改"]]
    new = run("history", "第3条", "-p", "p1", "--format", "json")
    assert [v["version"] for v in json.loads(new.stdout)["versions"]] == [2]
    same = run("history", "第1条", "-p", "p1", "-v", "1").stdout
    assert "未改" in same
    missing = run("history", "第9条", "-p", "p1")
    assert missing.exit_code != 0
    assert "第 2 版（草案）中没有“第9条”" in missing.stderr


def test_import_reports_parse_diagnostics_on_stderr(run: Invoke, tmp_path: Path) -> None:
    """What the parser noticed in the file is shown with its line; the version still lands."""
    text = tmp_path / "draft.md"
    text.write_text(
        "# 测试条例\n\n第一条　第一条内容。\n\n第三条　跳过了第二条。\n", encoding="utf-8"
    )
    run("init")
    out = run("import", "--create", str(text), "-p", "p1", "-s", "立项前")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.startswith("p1\t第 1 版")
    assert "解析" in out.stderr
    assert "draft.md，第5行" in out.stderr


def test_projects_lists_every_project_with_its_latest_version(
    run: Invoke, files: tuple[Path, Path]
) -> None:
    """projects prints one row per project; JSON carries the latest version."""
    one, two = files
    run("init")
    run("import", "--create", str(one), "-p", "beta", "-s", "立项前")
    run("import", "--create", str(one), "-p", "alpha", "-s", "立项前", "--title", "甲条例")
    run("import", "--create", str(two), "-p", "alpha", "-s", "初审前")
    text = run("projects").stdout.splitlines()
    assert [line.split()[0] for line in text] == ["项目代号", "alpha", "beta"]
    assert "甲条例" in text[1]
    data = json.loads(run("projects", "--format", "json").stdout)
    assert data["schema"] == "workbench.projects/1"
    assert [(p["slug"], p["versions"], p["latest"]["node"]) for p in data["projects"]] == [
        ("alpha", 2, "初审前"),
        ("beta", 1, "立项前"),
    ]


def test_init_again_with_parties_reconfigures_and_keeps_the_data(
    run: Invoke, files: tuple[Path, Path]
) -> None:
    """Running init on an existing workspace with --party changes the matrix, keeps versions."""
    one, _ = files
    run("init")
    run("import", "--create", str(one), "-p", "p1", "-s", "立项前")
    again = run("init", "--party", "起草单位", "--party", "法工委")
    assert again.stdout.startswith("已检查工作区")
    header = run("status", "-p", "p1").stdout.splitlines()[2].split()
    assert header == ["节点", "版本", "起草单位", "法工委"]
    assert len(json.loads(run("versions", "-p", "p1", "--format", "json").stdout)["versions"]) == 1
