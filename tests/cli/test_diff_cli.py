"""``workbench diff`` on two files and on two stored versions: formats, colour, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli
from workbench.cli.diff_cmd import alignment_text
from workbench.diff import align_documents
from workbench.parse import parse_file

_register()

OLD = """# 某市居家养老服务条例

第一条 为了规范居家养老服务，保障老年人合法权益，制定本条例。

第二条 本条例适用于本市行政区域内的居家养老服务及其监督管理活动。

第三条 民政部门负责居家养老服务的统筹规划、指导协调和监督管理工作。

第四条 违反本条例第三条规定的，由有关部门责令改正。

第五条 本条例自2025年1月1日起施行。
"""

NEW = """# 某市居家养老服务条例

第一条 为了规范居家养老服务，保障老年人合法权益，根据有关法律，制定本条例。

第二条 本条例适用于本市行政区域内的居家养老服务及其监督管理活动。

第三条 各级人民政府应当支持社区养老服务设施建设，提供场地、资金等保障。

第四条 民政部门负责居家养老服务的统筹规划、指导协调和监督管理工作。

第五条 违反本条例第四条规定的，由有关部门责令改正。
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "一审稿.md", tmp_path / "二审稿.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_json_lists_every_pair_in_new_text_order(files: tuple[Path, Path]) -> None:
    """JSON has one entry per pair with labels on both sides and a summary of kinds."""
    result = CliRunner().invoke(cli, ["diff", *map(str, files), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = [(a["change"], a["old"], a["new"], a["consequential"]) for a in data["articles"]]
    assert rows == [
        ("modified", ["第一条"], ["第一条"], False),
        ("unchanged", ["第二条"], ["第二条"], False),
        ("added", [], ["第三条"], False),
        ("renumbered", ["第三条"], ["第四条"], True),
        ("modified", ["第四条"], ["第五条"], True),
        ("deleted", ["第五条"], [], False),
    ]
    assert data["summary"]["modified"] == 2
    inserted = [d["text"] for d in data["articles"][0]["diff"] if d["op"] == "insert"]
    assert inserted == ["根据有关法律，"]


def test_hide_consequential_drops_renumbering_only_changes(files: tuple[Path, Path]) -> None:
    """--hide-consequential leaves out renumbered articles and rewritten references."""
    args = ["diff", *map(str, files), "--format", "json", "--hide-consequential"]
    data = json.loads(CliRunner().invoke(cli, args).stdout)
    assert [a["change"] for a in data["articles"]] == ["modified", "unchanged", "added", "deleted"]
    text = CliRunner().invoke(cli, ["diff", *map(str, files), "--hide-consequential"]).stdout
    assert "另有 2 组仅随编号变动，已隐藏" in text
    assert "重新编号" not in text


def test_text_output_is_plain_when_piped(files: tuple[Path, Path]) -> None:
    """Piped text has Chinese kind labels, [-…-]/{+…+} markers and no escape codes."""
    result = CliRunner().invoke(cli, ["diff", *map(str, files)])
    assert result.exit_code == 0
    assert "【新增】第三条" in result.stdout
    assert "【重新编号】第三条 → 第四条" in result.stdout
    assert "{+根据有关法律，+}" in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stdout.rstrip().endswith("删除 1")


def test_text_output_in_a_terminal_is_coloured(files: tuple[Path, Path]) -> None:
    """With colour on, deletions and insertions are styled instead of bracketed."""
    alignment = align_documents(parse_file(files[0]), parse_file(files[1]))
    text = alignment_text(alignment, color=True)
    assert "\x1b[32m\x1b[4m根据有关法律，" in text
    assert "{+" not in text


def test_html_is_one_self_contained_page(files: tuple[Path, Path]) -> None:
    """HTML output is a complete page with marked insertions and no external resources."""
    result = CliRunner().invoke(cli, ["diff", *map(str, files), "--format", "html"])
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<ins>根据有关法律，</ins>" in page
    assert "http" not in page
    assert page.rstrip().endswith("</html>")


def test_missing_file_is_a_chinese_error_on_stderr(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    """A missing file exits non-zero with a Chinese message naming it, nothing on stdout."""
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "无.md"), str(files[1])])
    assert result.exit_code != 0
    assert "无.md" in result.stderr
    assert "文件不存在" in result.stderr
    assert result.stdout == ""


def test_project_versions_are_compared_by_uid(
    tmp_path: Path, files: tuple[Path, Path], database_url: str | None
) -> None:
    """--project compares two stored versions addressed by node name."""
    base = ["--workspace", str(tmp_path / "ws"), "--user", "张三"]
    if database_url:
        base += ["--database", database_url]
    runner = CliRunner()
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    for path, stage in zip(files, ("立项前", "初审前"), strict=True):
        imported = runner.invoke(
            cli, [*base, "import", "--create", str(path), "-p", "yl", "-s", stage]
        )
        assert imported.exit_code == 0, imported.output
    args = [*base, "diff", "--project", "yl", "立项前", "初审前", "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["change"] for a in data["articles"]][:3] == ["modified", "unchanged", "added"]


def test_diff_has_help() -> None:
    """--help describes the command in Chinese."""
    result = CliRunner().invoke(cli, ["diff", "--help"])
    assert result.exit_code == 0
    assert "逐条比较" in result.stdout
