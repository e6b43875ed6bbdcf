"""Creating a project is explicit; rename and archive are audited; nothing is ever deleted.

Drives the real ``workbench`` on a workspace built by the CLI itself: in this process, and the
refusals that decide the item in a subprocess, as the shell sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import DEMO, Bench

FIRST = str(DEMO / "juja-yanglao" / "01-立项前.md")


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    bench = Bench(tmp_path / "ws")
    bench.demo_project(rounds=1)
    return bench


def test_a_typo_on_import_creates_nothing(bench: Bench) -> None:
    """import -p with an unknown code fails like every other command, listing the projects."""
    refused = bench.run(
        "import", FIRST, "-p", "juja-yanlao", "--node", "初审前", code=1, process=True
    )
    assert "没有名为“juja-yanlao”的立法项目" in refused.stderr
    assert "juja-yanglao" in refused.stderr
    assert "--create" in refused.stderr
    assert "workbench project new" in refused.stderr
    listed = json.loads(bench.run("projects", "--format", "json").stdout)
    assert [p["slug"] for p in listed["projects"]] == ["juja-yanglao"]
    audit = bench.run("audit", "--format", "json").stdout
    assert "juja-yanlao" not in audit
    created = bench.run("import", "--create", FIRST, "-p", "juja-yanlao", "--node", "立项前")
    assert created.stdout.startswith("juja-yanlao\t第 1 版")


def test_project_new_then_import(bench: Bench) -> None:
    """project new makes an empty project that lists, then takes an import without --create."""
    new = bench.run("project", "new", "sh-jiuzu", "--title", "上海市某某条例")
    assert new.stdout == "sh-jiuzu\t上海市某某条例\n"
    assert "workbench import 文件 -p sh-jiuzu --node 立项前" in new.stderr
    listing = bench.run("projects").stdout
    assert "sh-jiuzu" in listing
    assert "（尚无版本）" in listing
    bench.run("import", FIRST, "-p", "sh-jiuzu", "--node", "立项前")
    taken = bench.run("project", "new", "sh-jiuzu", "--title", "又一个", code=1)
    assert "已被项目《上海市某某条例》使用" in taken.stderr
    bad = bench.run("project", "new", "上海", "--title", "条例", code=1)
    assert "项目代号“上海”无效" in bad.stderr
    bench.run("project", "new", "x1", code=2)  # --title is required


def test_rename_and_archive_are_audited_and_keep_everything(bench: Bench) -> None:
    """A renamed project keeps its versions; archived, it hides and refuses imports; restored, back."""
    renamed = bench.run(
        "project", "rename", "juja-yanglao", "--slug", "jujia", "--title", "居家养老服务条例"
    )
    assert renamed.stdout == "jujia\t居家养老服务条例\n"
    assert "请重新生成" in renamed.stderr
    assert "01-立项前.md" in bench.run("versions", "-p", "jujia").stdout
    bench.run("versions", "-p", "juja-yanglao", code=1)
    archived = bench.run(
        "project", "archive", "jujia", "--reason", "已公布施行", "--format", "json"
    )
    assert json.loads(archived.stdout)["project"]["archived"] is True
    assert "jujia" not in bench.run("projects").stdout
    assert "已归档" in bench.run("projects", "--all").stdout
    assert "第一条" in bench.run("show", "-p", "jujia").stdout
    closed = bench.run(
        "import", "--create", FIRST, "-p", "jujia", "--node", "初审前", code=1, process=True
    )
    assert "workbench project restore jujia" in closed.stderr
    bench.run("project", "restore", "jujia")
    assert "jujia" in bench.run("projects").stdout
    audit = bench.run("audit", "-p", "jujia").stdout
    for label in ("项目更名", "新代号=jujia", "项目归档", "已公布施行", "项目恢复"):
        assert label in audit
    bench.run("audit", "--verify")
    delete = bench.run("project", "delete", "jujia", code=2, process=True)
    assert "没有命令" in delete.stderr
