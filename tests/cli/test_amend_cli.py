"""``workbench amend parse|apply|draft``: on files, and on a project's versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli
from workbench.parse import parse_file, parse_text
from workbench.render import render_text

_register()

OLD = """某市居家养老服务条例

第一条　为了规范居家养老服务，保障老年人合法权益，制定本条例。

第二条　本条例适用于本市行政区域内的居家养老服务及其监督管理活动。

第三条　民政部门负责居家养老服务的统筹规划、指导协调和监督管理工作。

第四条　违反本条例第三条规定的，由有关部门责令改正。

第五条　本条例自2025年1月1日起施行。
"""

NEW = """某市居家养老服务条例

第一条　为了规范居家养老服务，保障老年人合法权益，根据有关法律，制定本条例。

第二条　本条例适用于本市行政区域内的居家养老服务及其监督管理活动。

第三条　各级人民政府应当支持社区养老服务设施建设。

第四条　民政部门负责居家养老服务的统筹规划、指导协调和监督管理工作。

第五条　违反本条例第四条规定的，由有关部门责令改正。

第六条　本条例自2025年1月1日起施行。
"""

DECISION = """关于修改《某市居家养老服务条例》的决定

（2025年6月1日某市人民代表大会常务委员会第十次会议通过）

某市人民代表大会常务委员会第十次会议决定对《某市居家养老服务条例》作如下修改：

一、将第一条中的“保障老年人合法权益，”修改为“保障老年人合法权益，根据有关法律，”。

二、增加一条，作为第三条：“各级人民政府应当支持社区养老服务设施建设。”

三、在其中增加“定期”。

此外，对条文顺序作相应调整。

本决定自2025年7月1日起施行。
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    old, new, decision = tmp_path / "old.md", tmp_path / "new.md", tmp_path / "决定.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    decision.write_text(DECISION, encoding="utf-8")
    return old, new, decision


def test_parse_lists_every_item_with_its_status(files: tuple[Path, Path, Path]) -> None:
    """amend parse (json by default): each item, its operations, manual ones with the reason."""
    result = CliRunner().invoke(cli, ["amend", "parse", str(files[2])])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "workbench.amend.parse/1"
    assert [i["item"] for i in data["items"]] == ["一", "二", "三"]
    assert [i["status"] for i in data["items"]] == ["understood", "understood", "manual"]
    assert data["items"][1]["operations"][0]["kind"] == "insert_article"
    text = CliRunner().invoke(cli, ["amend", "parse", str(files[2]), "--format", "text"])
    assert "【需人工】" in text.stdout


def test_apply_prints_the_text_as_parse_renders_it(files: tuple[Path, Path, Path]) -> None:
    """amend apply BASE DECISION: the amended text on stdout, the manual item on stderr, exit 3."""
    result = CliRunner().invoke(cli, ["amend", "apply", str(files[0]), str(files[2])])
    assert result.exit_code == 3, result.output
    expected = parse_text(NEW)
    got = parse_text(result.stdout)
    assert render_text(got.model_copy(update={"note": ""})) == render_text(
        expected.model_copy(update={"note": ""})
    )
    assert "第三项 需人工处理" in result.stderr
    assert "根据2025年6月1日" in result.stdout


def test_apply_json_has_the_operations_and_the_text(files: tuple[Path, Path, Path]) -> None:
    """--format json: {"operations": [{item, kind, status, message}], "text"}."""
    result = CliRunner().invoke(
        cli, ["amend", "apply", str(files[0]), str(files[2]), "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert [(o["item"], o["kind"], o["status"]) for o in data["operations"]] == [
        ("一", "replace_words", "applied"),
        ("二", "insert_article", "applied"),
        ("三", "manual", "manual"),
    ]
    assert set(data["operations"][0]) == {"item", "kind", "status", "message"}
    assert data["text"].startswith("某市居家养老服务条例")


def test_apply_compare_lists_what_the_published_text_changed_beyond_the_items(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """--compare PUBLISHED: each article the decision does not itemise, with the clause it would
    have needed (stderr in text, "unitemised" in json); nothing of the applied text is hidden."""
    published = tmp_path / "公布文本.md"
    published.write_text(NEW.replace("责令改正", "责令限期改正"), encoding="utf-8")
    args = ["amend", "apply", str(files[0]), str(files[2]), "--compare", str(published)]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 3, text.output
    assert (
        "未逐项列明：第五条（修改），即：将第五条修改为：“违反本条例第四条规定的，由有关部门责令限期改正。”"
        in (text.stderr)
    )
    assert "责令限期改正" not in text.stdout
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    assert [(u["label"], u["change"]) for u in data["unitemised"]] == [("第五条", "修改")]
    assert data["unitemised"][0]["item"].startswith("将第五条修改为：“违反本条例第四条规定的")
    assert "责令限期改正" in data["unitemised"][0]["published"]


def test_apply_docx_needs_an_output_file_and_writes_one(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """--format docx -o FILE writes the amended text as Word; without -o it is a usage error."""
    runner = CliRunner()
    missing = runner.invoke(
        cli, ["amend", "apply", str(files[0]), str(files[2]), "--format", "docx"]
    )
    assert missing.exit_code == 2
    out = tmp_path / "结果.docx"
    done = runner.invoke(
        cli, ["amend", "apply", str(files[0]), str(files[2]), "--format", "docx", "-o", str(out)]
    )
    assert done.exit_code == 3, done.output
    assert len(parse_file(out).children) == 6


def test_draft_writes_a_decision_that_applies_back(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """amend draft OLD NEW: the decision text; applied to OLD it gives NEW (exit 0)."""
    runner = CliRunner()
    drafted = runner.invoke(
        cli,
        [
            "amend",
            "draft",
            str(files[0]),
            str(files[1]),
            "--title",
            "关于修改《某市居家养老服务条例》的决定",
        ],
    )
    assert drafted.exit_code == 0, drafted.output
    assert (
        "二、增加一条，作为第三条：“各级人民政府应当支持社区养老服务设施建设。”" in drafted.stdout
    )
    decision = tmp_path / "草拟决定.md"
    decision.write_text(drafted.stdout, encoding="utf-8")
    applied = runner.invoke(cli, ["amend", "apply", str(files[0]), str(decision)])
    assert applied.exit_code == 0, applied.output
    assert render_text(parse_text(applied.stdout)) == render_text(parse_text(NEW))
    md = runner.invoke(
        cli, ["amend", "draft", str(files[0]), str(files[1]), "--format", "markdown"]
    )
    assert md.stdout.startswith("# 关于修改《某市居家养老服务条例》的决定")
    out = tmp_path / "决定.docx"
    word = runner.invoke(
        cli, ["amend", "draft", str(files[0]), str(files[1]), "--format", "docx", "-o", str(out)]
    )
    assert word.exit_code == 0, word.output
    assert out.stat().st_size > 5000


def test_a_missing_file_is_an_error_naming_it(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A base file that does not exist: exit 1, its name on stderr, nothing on stdout."""
    result = CliRunner().invoke(cli, ["amend", "apply", str(tmp_path / "无.md"), str(files[2])])
    assert result.exit_code == 1
    assert "无.md" in result.stderr
    assert result.stdout == ""


def test_in_a_workspace_apply_makes_the_working_draft_and_draft_reads_versions(
    files: tuple[Path, Path, Path], tmp_path: Path, database_url: str | None
) -> None:
    """-p: the decision is kept in the inbox, the result becomes the working draft, recorded."""
    base = ["--workspace", str(tmp_path / "ws"), "--user", "张三"]
    if database_url:
        base += ["--database", database_url]
    runner = CliRunner()
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    created = runner.invoke(
        cli, [*base, "project", "new", "yl", "--title", "某市居家养老服务条例", "--kind", "修正"]
    )
    assert created.exit_code == 0, created.output
    imported = runner.invoke(cli, [*base, "import", str(files[0]), "-p", "yl", "--stage", "现行"])
    assert imported.exit_code == 0, imported.output
    applied = runner.invoke(cli, [*base, "amend", "apply", str(files[2]), "-p", "yl"])
    assert applied.exit_code == 3, applied.output
    assert "工作稿" in applied.stderr
    from workbench.workspace import Workspace
    from workbench.workspace.amendments import AmendmentService

    with Workspace.open(tmp_path / "ws", database_url) as ws:
        draft = ws.working_draft("yl").document
        assert len(draft.children) == 6
        stored = AmendmentService(ws).applied("yl")
        assert [s.base_version for s in stored] == [1]
        assert stored[0].decision.title == "关于修改《某市居家养老服务条例》的决定"
        assert [o.status for o in stored[0].outcomes] == ["applied", "applied", "manual"]
        assert any(e.action == "amend_apply" for e in ws.audit_log("yl"))
        assert any(f.sha256 == stored[0].source_sha256 for f in ws.inbox_files())
    again = runner.invoke(cli, [*base, "amend", "apply", str(files[2]), "-p", "yl"])
    assert again.exit_code == 1
    assert "--replace-draft" in again.stderr
    with Workspace.open(tmp_path / "ws", database_url) as ws:
        ws.freeze_working_draft("yl", "初审前", actor="张三")
    compared = runner.invoke(cli, [*base, "diff", "-p", "yl", "1", "2", "--format", "json"])
    assert compared.exit_code == 0, compared.output
    changes = [a["change"] for a in json.loads(compared.stdout)["articles"]]
    assert changes.count("added") == 1
    imported = runner.invoke(cli, [*base, "import", str(files[1]), "-p", "yl", "-n", "二审前"])
    assert imported.exit_code == 0, imported.output
    drafted = runner.invoke(cli, [*base, "amend", "draft", "-p", "yl", "--from", "1", "--to", "3"])
    assert drafted.exit_code == 0, drafted.output
    assert "增加一条，作为第三条" in drafted.stdout


def test_a_decision_is_applied_in_an_amendment_project_only(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A 制定 project refuses a decision (nothing kept, the way on said); --any-kind applies it."""
    base = ["--workspace", str(tmp_path / "ws"), "--user", "张三"]
    runner = CliRunner()
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    imported = runner.invoke(
        cli, [*base, "import", str(files[0]), "-p", "yl", "-n", "立项前", "--create"]
    )
    assert imported.exit_code == 0, imported.output
    from workbench.workspace import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        kept_before = ws.inbox_files()
    refused = runner.invoke(cli, [*base, "amend", "apply", str(files[2]), "-p", "yl"])
    assert refused.exit_code == 1
    assert "项目“yl”是制定项目" in refused.stderr
    assert "--kind 修正" in refused.stderr
    assert "--any-kind" in refused.stderr
    assert refused.stdout == ""
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.inbox_files() == kept_before
        assert not any(e.action == "amend_apply" for e in ws.audit_log("yl"))
    forced = runner.invoke(cli, [*base, "amend", "apply", str(files[2]), "-p", "yl", "--any-kind"])
    assert forced.exit_code == 3, forced.output
    assert "工作稿" in forced.stderr
    misplaced = runner.invoke(cli, ["amend", "apply", str(files[0]), str(files[2]), "--any-kind"])
    assert misplaced.exit_code == 2
    assert "--any-kind 只能与 --project 一起使用" in misplaced.stderr


SPLIT_DECISION = """关于修改《某市居家养老服务条例》的决定

某市人民代表大会常务委员会第十次会议决定对《某市居家养老服务条例》作如下修改：

一、将第一条中的“保障老年人合法权益，”修改为“保障老年人合法权益，根据有关法律，”。

二、将第三条改为两条，分别作为第三条、第四条，修改为：“第三条　街道办事处应当设立养老服务站点。”

“第四条　养老机构应当定期开展安全检查。”

本决定自2025年7月1日起施行。
"""


def test_a_version_made_from_a_decision_is_compared_as_the_decision_declares(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """★ The decision ↔ change link: 第三条 split into two articles that share none of its words
    is shown as split, not deleted + added, in diff -p (text, json) and in the 修改对照表, each
    change naming the decision's item that made it."""
    decision = tmp_path / "拆分决定.md"
    decision.write_text(SPLIT_DECISION, encoding="utf-8")
    base = ["--workspace", str(tmp_path / "ws"), "--user", "张三"]
    runner = CliRunner()
    assert runner.invoke(cli, [*base, "init"]).exit_code == 0
    new = [*base, "project", "new", "yl", "--title", "某市居家养老服务条例", "--kind", "修正"]
    assert runner.invoke(cli, new).exit_code == 0
    imported = runner.invoke(cli, [*base, "import", str(files[0]), "-p", "yl", "--stage", "现行"])
    assert imported.exit_code == 0, imported.output
    applied = runner.invoke(cli, [*base, "amend", "apply", str(decision), "-p", "yl"])
    assert applied.exit_code == 0, applied.output
    from workbench.workspace import Workspace
    from workbench.workspace.exports import ExportService

    with Workspace.open(tmp_path / "ws") as ws:
        ws.freeze_working_draft("yl", "初审前", actor="张三")
    compared = runner.invoke(cli, [*base, "diff", "-p", "yl", "1", "2", "--format", "json"])
    assert compared.exit_code == 0, compared.output
    rows = json.loads(compared.stdout)["articles"]
    changed = [(r["change"], r["old"], r["new"], r["item"]) for r in rows if r["item"]]
    assert changed == [
        ("modified", ["第一条"], ["第一条"], "一"),
        ("split", ["第三条"], ["第三条", "第四条"], "二"),
    ]
    assert not any(r["change"] in ("added", "deleted") for r in rows)
    text = runner.invoke(cli, [*base, "diff", "-p", "yl", "1", "2"])
    assert "【拆分】第三条 → 第三条、第四条" in text.stdout
    assert "（修改决定第二项）" in text.stdout
    with Workspace.open(tmp_path / "ws") as ws:
        table = ExportService(ws).compare("yl", 1, 2, "html").data.decode("utf-8")
    assert "第三条拆分为第三条、第四条" in table
    assert "见修改决定第二项" in table
