"""``workbench library`` and ``workbench check``: output, JSON contract, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import _register, cli

LAW_2010 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过）

第一条 为了示范，制定本法。

第二条 经营者应当公示价格。

第三条 本法自2010年3月1日起施行。
"""

LAW_2020 = """# 中华人民共和国示范法

（2010年1月1日第十一届全国人民代表大会常务委员会第一次会议通过　根据2020年6月30日第十三届全国人民代表大会常务委员会第二十次会议《关于修改〈中华人民共和国示范法〉的决定》修正）

第一条 为了示范，制定本法。

第二条 国家鼓励诚信经营。

第三条 经营者应当公示价格。

第四条 本法自2010年3月1日起施行。
"""

DRAFT = """# 某市明码标价条例

（2015年5月1日某市第十届人民代表大会常务委员会第五次会议通过）

第一条 经营者应当依照《中华人民共和国示范法》第二条公示价格。

第二条 违反本条例第九条规定的，责令改正。

第三条 本条例自2015年7月1日起施行。
"""


@pytest.fixture
def runner() -> CliRunner:
    _register()
    return CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "laws"
    folder.mkdir()
    (folder / "a.md").write_text(LAW_2010, encoding="utf-8")
    (folder / "b.md").write_text(LAW_2020, encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n法规文本。\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def workspace(runner: CliRunner, files: Path) -> Path:
    ws = files / "ws"
    assert run(runner, ws, "init").exit_code == 0
    return ws


def run(runner: CliRunner, ws: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--workspace", str(ws), "--user", "张三", *args])


def test_library_add_a_folder_lists_what_it_did(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """Each version added; the README skipped with a note on stderr; a summary line."""
    result = run(runner, workspace, "library", "add", str(files / "laws"))
    assert result.exit_code == 0, result.output
    assert "已加入：中华人民共和国示范法（2010年1月1日），3条" in result.stdout
    assert "已加入：中华人民共和国示范法（2020年6月30日），4条" in result.stdout
    assert "共3个文件：加入2个，已在库中0个，跳过1个，出错0个" in result.stdout
    assert "README.md" in result.stderr
    assert "跳过" in result.stderr
    again = run(
        runner, workspace, "library", "add", str(files / "laws" / "a.md"), "--format", "json"
    )
    data = json.loads(again.stdout)
    assert data["schema"] == "workbench.library.add/1"
    assert [v["date"] for v in data["present"]] == ["2010-01-01"]


def test_library_add_refusals_exit_partial_or_error(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """One file refused among accepted ones: exit 3; every file refused: exit 1; stderr says why."""
    bad = files / "bad.md"
    bad.write_text("# 中华人民共和国示范法\n\n第一条 没有日期。\n", encoding="utf-8")
    mixed = run(runner, workspace, "library", "add", str(files / "laws" / "a.md"), str(bad))
    assert mixed.exit_code == 3
    assert "无法确定版本日期" in mixed.stderr
    assert "--date" in mixed.stderr
    only = run(runner, workspace, "library", "add", str(bad))
    assert only.exit_code == 1
    dated = run(runner, workspace, "library", "add", str(bad), "--date", "2001-02-03")
    assert dated.exit_code == 0, dated.output
    assert "2001年2月3日" in dated.stdout


def test_library_list_and_show(runner: CliRunner, workspace: Path, files: Path) -> None:
    """list names, short names and dates; show prints a version's text, or one clause."""
    run(runner, workspace, "library", "add", str(files / "laws"))
    listing = run(runner, workspace, "library", "list")
    assert "中华人民共和国示范法  示范法" in listing.stdout
    assert "2010年1月1日、2020年6月30日" in listing.stdout
    old = run(runner, workspace, "library", "show", "示范法", "--version", "2015-01-01")
    assert old.exit_code == 0, old.output
    assert "第二条　经营者应当公示价格。" in old.stdout
    assert "2010年1月1日" in old.stderr
    clause = run(runner, workspace, "library", "show", "示范法", "--clause", "第三条")
    assert clause.stdout == "第三条　经营者应当公示价格。\n"
    data = json.loads(
        run(runner, workspace, "library", "show", "示范法", "--format", "json").stdout
    )
    assert data["version"]["date"] == "2020-06-30"
    assert data["document"]["title"] == "中华人民共和国示范法"
    missing = run(runner, workspace, "library", "show", "民法典")
    assert missing.exit_code == 1
    assert "法规库中没有《民法典》" in missing.stderr
    bad_date = run(runner, workspace, "library", "show", "示范法", "--version", "去年")
    assert bad_date.exit_code == 2
    assert "2023-03-13" in bad_date.stderr


def test_check_json_is_exactly_the_findings_contract(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """{"findings": [{"rule", "where", "message", "suggestion"}]} and nothing else."""
    run(runner, workspace, "library", "add", str(files / "laws"))
    result = run(runner, workspace, "check", str(files / "draft.md"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["schema", "findings"]
    assert data["schema"] == "workbench.check/1"
    assert data["findings"][0] == {
        "rule": "stale-external-citation",
        "where": "第一条",
        "message": "《中华人民共和国示范法》2020年6月30日修改后，原第二条现为第三条",
        "suggestion": "第二条 → 第三条",
    }
    assert {tuple(f) for f in data["findings"]} == {("rule", "where", "message", "suggestion")}
    assert [f["rule"] for f in data["findings"]] == [
        "stale-external-citation",
        "dangling-reference",
    ]


def test_check_strict_exits_1_on_errors_only(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """Findings alone exit 0; --strict with an error-level finding exits 1, naming the count."""
    plain = run(runner, workspace, "check", str(files / "draft.md"))
    assert plain.exit_code == 0
    assert "第二条　错误　“本条例第九条”无法对应到本文件的条款" in plain.stdout
    strict = run(runner, workspace, "check", str(files / "draft.md"), "--strict")
    assert strict.exit_code == 1
    assert "错误" in strict.stderr
    clean = files / "clean.md"
    clean.write_text(
        "# 某市条例\n\n第一条 为了示范，制定本条例。\n\n第二条 本条例自2015年7月1日起施行。\n",
        encoding="utf-8",
    )
    ok = run(runner, workspace, "check", str(clean), "--strict")
    assert ok.exit_code == 0
    assert "未发现问题" in ok.stdout


def test_check_without_a_workspace_still_checks_the_text(runner: CliRunner, files: Path) -> None:
    """No library: a note on stderr, the drafting checks still run."""
    result = run(runner, files / "nowhere", "check", str(files / "draft.md"))
    assert result.exit_code == 0, result.output
    assert "不是工作区" in result.stderr
    assert "dangling-reference" in result.stdout
    assert "stale-external-citation" not in result.stdout


def test_check_a_project_version(runner: CliRunner, workspace: Path, files: Path) -> None:
    """--project checks the version stored; --date reads citations as of another day."""
    run(runner, workspace, "library", "add", str(files / "laws"))
    imported = run(
        runner, workspace, "import", "--create", str(files / "draft.md"), "-p", "mb", "-n", "初审前"
    )
    assert imported.exit_code == 0, imported.output
    result = run(runner, workspace, "check", "-p", "mb", "--format", "json")
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "stale-external-citation" in rules
    later = run(runner, workspace, "check", "-p", "mb", "--date", "2021-01-01", "--format", "json")
    assert "stale-external-citation" not in [
        f["rule"] for f in json.loads(later.stdout)["findings"]
    ]
    unknown = run(runner, workspace, "check", "-p", "nope")
    assert unknown.exit_code == 1
    assert "nope" in unknown.stderr


def test_check_several_files_names_the_file_and_rules_filter(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """With several files each JSON finding names its file; --rule keeps one rule."""
    result = run(
        runner, workspace, "check", str(files / "draft.md"), str(files / "laws"),
        "--rule", "dangling-reference", "--format", "json",
    )  # fmt: skip
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], Path(f["file"]).name) for f in findings] == [
        ("dangling-reference", "draft.md")
    ]
    wrong = run(runner, workspace, "check", str(files / "draft.md"), "--rule", "no-such-rule")
    assert wrong.exit_code == 2
    assert "--rules" in wrong.stderr


def test_check_usage_errors(runner: CliRunner, workspace: Path, files: Path) -> None:
    """Neither or both of files and --project; an unreadable file names itself."""
    assert run(runner, workspace, "check").exit_code == 2
    both = run(runner, workspace, "check", str(files / "draft.md"), "-p", "mb")
    assert both.exit_code == 2
    missing = run(runner, workspace, "check", str(files / "none.md"))
    assert missing.exit_code == 1
    assert "none.md" in missing.stderr


def test_check_lists_its_rules(runner: CliRunner) -> None:
    """--rules lists every rule id with its severity and what it checks."""
    result = runner.invoke(cli, ["check", "--rules"])
    assert result.exit_code == 0
    assert "stale-external-citation" in result.stdout
    assert "错误" in result.stdout


def test_refs_with_the_library_shows_the_cited_text_and_its_fate(
    runner: CliRunner, workspace: Path, files: Path
) -> None:
    """refs --library: the provision as of the text's date, the new number, the current text."""
    run(runner, workspace, "library", "add", str(files / "laws"))
    result = run(runner, workspace, "refs", str(files / "draft.md"), "--library")
    assert result.exit_code == 0, result.output
    assert "所引上位法条文（法规库，按2015年5月1日施行的版本）" in result.stdout
    assert (
        "第一条：《中华人民共和国示范法》第二条（2010年1月1日版）【已过时】：经营者应当公示价格。"
        in result.stdout
    )
    assert "现行第三条：经营者应当公示价格。" in result.stdout
    data = json.loads(
        run(
            runner, workspace, "refs", str(files / "draft.md"), "--library", "--format", "json"
        ).stdout
    )
    assert data["at"] == "2015-05-01"
    [row] = [r for r in data["external"] if r["upper"]]
    assert row["upper"][0]["status"] == "stale"
    assert row["upper"][0]["new"] == ["第三条"]
    later = run(
        runner, workspace, "refs", str(files / "draft.md"), "--library", "--date", "2021-01-01",
    )  # fmt: skip
    assert "【有效】" in later.stdout
    plain = run(runner, workspace, "refs", str(files / "draft.md"), "--format", "json")
    assert "upper" not in json.loads(plain.stdout)["external"][0]
    assert (
        run(runner, workspace, "refs", str(files / "draft.md"), "--date", "2021-01-01").exit_code
        == 2
    )
