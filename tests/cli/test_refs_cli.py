"""``workbench refs``: JSON and text listings, exit codes, Chinese errors on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli

SAMPLE = """# 某市测试条例

## 第一章 总则

第一条 为了测试，制定本条例。

第二条 本条例所称服务，是指下列活动：

（一）上门服务；

（二）日间照料；

（三）咨询服务。

前款第一项至第二项的服务，由街道组织实施。

## 第二章 附则

第三条 违反本条例第二条第一款第（三）项规定的，依照《中华人民共和国治安管理处罚法》第二十六条处罚；违反第九条规定的，依照有关法律、法规处理。

第四条 本条例自2024年1月1日起施行。
"""


@pytest.fixture
def runner() -> CliRunner:
    _register()
    return CliRunner()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "某市测试条例.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_json_lists_internal_external_and_dangling(runner: CliRunner, sample: Path) -> None:
    """The JSON has the three lists with source labels, words and target labels."""
    result = runner.invoke(cli, ["refs", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["internal"] == [
        {
            "source": "第二条第二款",
            "text": "前款第一项至第二项",
            "targets": ["第二条第一款第一项", "第二条第一款第二项"],
        },
        {
            "source": "第三条",
            "text": "本条例第二条第一款第（三）项",
            "targets": ["第二条第一款第三项"],
        },
    ]
    assert data["external"] == [
        {
            "source": "第三条",
            "text": "《中华人民共和国治安管理处罚法》第二十六条",
            "instrument": "中华人民共和国治安管理处罚法",
        },
        {"source": "第三条", "text": "有关法律、法规", "instrument": "有关法律、法规"},
    ]
    assert data["dangling"] == [
        {"source": "第三条", "text": "第九条", "reason": "本文件没有第九条"}
    ]


def test_paren_items_option_brackets_target_items(runner: CliRunner, sample: Path) -> None:
    """--paren-items writes targets as 第（三）项."""
    result = runner.invoke(cli, ["refs", str(sample), "--format", "json", "--paren-items"])
    data = json.loads(result.stdout)
    assert data["internal"][1]["targets"] == ["第二条第一款第（三）项"]


def test_text_output_is_readable_chinese(runner: CliRunner, sample: Path) -> None:
    """The default text listing names each section and each reference."""
    result = runner.invoke(cli, ["refs", str(sample)])
    assert result.exit_code == 0
    out = result.stdout
    assert "内部引用（2）" in out
    assert "第二条第二款：“前款第一项至第二项” → 第二条第一款第一项、第二条第一款第二项" in out
    assert "外部引用（2）" in out
    assert "悬空引用（1）" in out
    assert "第三条：“第九条”——本文件没有第九条" in out


def test_strict_fails_on_dangling_references(runner: CliRunner, sample: Path) -> None:
    """--strict exits 1 when a reference dangles, with a Chinese message on stderr."""
    result = runner.invoke(cli, ["refs", str(sample), "--strict", "--format", "json"])
    assert result.exit_code == 1
    assert "悬空引用" in result.stderr
    json.loads(result.stdout)


def test_missing_file_is_a_chinese_error(runner: CliRunner, tmp_path: Path) -> None:
    """A missing file: non-zero exit, message naming the file, nothing on stdout."""
    missing = tmp_path / "无此文件.md"
    result = runner.invoke(cli, ["refs", str(missing)])
    assert result.exit_code != 0
    assert "文件不存在" in result.stderr
    assert str(missing) in result.stderr
    assert result.stdout == ""


def test_help_is_available(runner: CliRunner) -> None:
    """``workbench refs --help`` explains the command in Chinese."""
    result = runner.invoke(cli, ["refs", "--help"])
    assert result.exit_code == 0
    assert "条款引用" in result.stdout


@pytest.mark.corpus
def test_refs_on_a_corpus_regulation(runner: CliRunner, corpus_dir: Path) -> None:
    """A real regulation lists its internal references with resolvable targets."""
    path = corpus_dir / "local" / "北京市建设工程质量条例(2015-09-25).md"
    result = runner.invoke(cli, ["refs", str(path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["internal"]) > 10
    assert all(r["targets"] for r in data["internal"])


DECISION = """某市人民代表大会常务委员会关于修改《某市养犬管理条例》的决定

（2025年1月1日某市第一届人民代表大会常务委员会第一次会议通过）

某市第一届人民代表大会常务委员会第一次会议决定对《某市养犬管理条例》作如下修改：

一、将第三条修改为：“养犬人应当遵守本条例第十条的规定。”

二、将第五条改为第六条，第二款修改为：“违反前款规定的，由公安机关责令改正。”

三、删去第九条。

本决定自2025年3月1日起施行。
"""


def test_refs_on_a_decision_cites_the_amended_instrument(runner: CliRunner, tmp_path: Path) -> None:
    """A 修改决定's 将第三条… and the 本条例 of its quoted wording are the amended regulation's."""
    path = tmp_path / "决定.md"
    path.write_text(DECISION, encoding="utf-8")
    result = runner.invoke(cli, ["refs", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["internal"] == data["dangling"] == []
    cited = [(r["text"], r["instrument"]) for r in data["external"] if "第" in r["text"]]
    assert cited == [
        (words, "某市养犬管理条例")
        for words in ("第三条", "本条例第十条", "第五条", "第六条", "第二款", "第九条")
    ]
    assert data["external"][1]["source"] == "前文第2段"
    text = runner.invoke(cli, ["refs", str(path)]).stdout
    assert "外部引用（8）" in text
    assert "前文第2段：“第三条”（某市养犬管理条例）" in text
