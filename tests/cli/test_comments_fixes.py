"""QA fixes to the comment commands (issue 6), driven through the real ``workbench`` CLI.

One workspace with the demo rounds 立项前 (v1), 初审前 (v2) and 二审前 (v3); 二审前 deletes
第九条, so every later article of 初审前 is one lower in 二审前 (第二十三条 → 第二十二条).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench.cli import _register, cli

_register()

DRAFTS = Path(__file__).resolve().parents[2] / "drafts" / "juja-yanglao"
P = "jy"
HEADER = (
    "联络站编号", "采集员", "项目", "版本", "条款", "意见建议", "理由", "建议修改为",
    "提出人类别", "提出人", "联系方式",
)  # fmt: skip


class Bench:
    """A workspace folder and a runner for ``workbench -w FOLDER ...``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ws = root / "ws"
        self.runner = CliRunner()

    def run(self, *args: str, code: int = 0) -> Result:
        """Run one command and check its exit code."""
        result = self.runner.invoke(cli, ["-w", str(self.ws), *args], catch_exceptions=False)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        """Run a command with ``--format json`` and parse stdout."""
        return json.loads(self.run(*args, "--format", "json").stdout)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    """Three rounds imported and one CSV of comments on 初审前 (two of them unplaced)."""
    b = Bench(tmp_path_factory.mktemp("fixes"))
    b.run("init")
    for name, stage in (
        ("01-立项前.md", "立项前"),
        ("02-初审前.md", "初审前"),
        ("03-二审前.md", "二审前"),
    ):
        b.run("import", "--create", str(DRAFTS / name), "-p", P, "-s", stage)
    path = b.root / "ST01.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        base = ["ST01", "李四", P, "初审前"]
        writer.writerow([*base, "第九十九条", "放错了的意见甲", "", "", "群众", "张三", ""])
        writer.writerow([*base, "第九十八条", "放错了的意见乙", "", "", "群众", "王五", ""])
        writer.writerow([*base, "第二十三条", "体检结果应当告知本人", "", "", "群众", "赵六", ""])
    b.run("comments", "ingest", str(path))
    return b


def _by_text(bench: Bench, *args: str) -> dict[str, Any]:
    listed = bench.json("comments", "list", "--project", P, *args)["comments"]
    return {c["text"]: c for c in listed}


def test_place_reads_the_clause_in_the_latest_version(bench: Bench) -> None:
    """The number a user sees in ``comments list`` (latest version) is the one ``place`` uses."""
    listed = _by_text(bench)
    assert listed["体检结果应当告知本人"]["target"] == "第二十二条"  # latest numbering
    comment = listed["放错了的意见甲"]
    assert comment["state"] == "unplaced"
    done = bench.run(
        "comments", "place", str(comment["id"]), "--clause", "第二十二条", "--format", "json"
    )
    placed = json.loads(done.stdout)
    assert placed["schema"] == "workbench.comments.place/1"
    assert placed["comment"]["target"] == "第二十二条"
    assert placed["note"] == f"意见 {comment['id']} 已定位到 第3版 第二十二条（原第2版 第二十三条）"
    now = _by_text(bench)
    assert now["放错了的意见甲"]["target"] == "第二十二条"
    at_source = _by_text(bench, "--version", "初审前")
    assert at_source["放错了的意见甲"]["target"] == "第二十三条"


def test_place_with_an_explicit_version(bench: Bench) -> None:
    """``--version`` reads the clause in that version; the note gives the current number too."""
    comment = _by_text(bench)["放错了的意见乙"]
    done = bench.run(
        "comments", "place", str(comment["id"]), "--clause", "第二十三条", "--version", "2"
    )
    assert done.stdout == f"意见 {comment['id']} 已定位到 第2版 第二十三条（现第二十二条）\n"
    assert _by_text(bench)["放错了的意见乙"]["target"] == "第二十二条"
    bad = bench.run("comments", "place", str(comment["id"]), "--clause", "第九十条", code=1)
    assert "第 3 版" in bad.stderr
    assert "第一条 至 第" in bad.stderr


def test_list_refuses_an_article_no_version_has(bench: Bench) -> None:
    """An article that does not exist is an error naming the valid range, not “共 0 条”."""
    bad = bench.run("comments", "list", "--project", P, "--article", "第九十条", code=1)
    assert "第九十条" in bad.stderr
    assert "第一条 至 第" in bad.stderr
    assert bad.stdout == ""
    bench.run("comments", "list", "--project", P, "--article", "第二十二条")
    # An article only earlier versions have is fine (orphaned comments keep their old number).
    old = bench.run(
        "comments", "list", "--project", P, "--article", "第九条", "--version", "初审前"
    )
    assert "共" in old.stderr


def test_template_prefills_the_exact_version_number(bench: Bench) -> None:
    """A template asked for by stage carries the version number, so a later version imported at
    the same stage does not capture its comments; stage names are still accepted on ingest."""
    out = bench.root / "t.csv"
    bench.run(
        "comments", "template", "--project", P, "--version", "初审前", "--station", "ST02",
        "--format", "csv", "-o", str(out),
    )  # fmt: skip
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][:4] == ["ST02", "", P, "2"]
    for fmt in ("json", "xlsx"):
        target = bench.root / f"t.{fmt}"
        bench.run(
            "comments", "template", "--project", P, "--version", "初审前", "--station", "ST02",
            "--format", fmt, "-o", str(target),
        )  # fmt: skip
    assert json.loads((bench.root / "t.json").read_text(encoding="utf-8"))["version"] == "2"

    with out.open("a", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerow(
            [*rows[1][:4], "第二十三条", "模板里的意见", "", "", "群众", "周九", ""]
        )
    # A fourth version at the same stage as version 2 (初审前): the template's rows stay on v2.
    bench.run("import", "--create", str(DRAFTS / "03-二审前.md"), "-p", P, "-s", "初审前")
    assert bench.json("versions", "-p", P)["versions"][-1]["node"] == "初审前"
    bench.run("comments", "ingest", str(out))
    listed = _by_text(bench, "--version", "2")
    assert listed["模板里的意见"]["target"] == "第二十三条"


def test_template_refuses_a_suffix_that_does_not_match_the_format(bench: Bench) -> None:
    """``--format xlsx -o t.txt`` is an error in Chinese and writes nothing; the success message
    gives the resolved path."""
    wrong = bench.root / "t.txt"
    bad = bench.run(
        "comments", "template", "--project", P, "--version", "2", "--station", "ST02",
        "--format", "xlsx", "-o", str(wrong), code=2,
    )  # fmt: skip
    assert "扩展名与格式 xlsx 不符" in bad.stderr
    assert "t.xlsx" in bad.stderr
    assert not wrong.exists()
    relative = Path(bench.root.name) / ".." / bench.root.name / "ok.XLSX"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(bench.root.parent)
        done = bench.run(
            "comments", "template", "--project", P, "--version", "2", "--station", "ST02",
            "--format", "xlsx", "-o", str(relative),
        )  # fmt: skip
    assert f"已生成模板：{(bench.root / 'ok.XLSX').resolve()}" in done.stderr
    assert (bench.root / "ok.XLSX").is_file()
