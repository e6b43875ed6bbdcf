"""``workbench parse``: formats, diagnostics on stderr, --strict, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli
from workbench.model import Document, articles

SAMPLE = """# 某市测试条例

（2024年1月1日某市人民代表大会常务委员会第一次会议通过）

## 第一章  总  则

第一条 为了测试，制定本条例。

第三条 本条例适用于：

(一)本市;

（二）其他地方。

## 第二章 附则

第四条 本条例自2024年1月1日起施行。
"""

CLEAN = """某市测试条例

第一条　为了测试，制定本条例。

第二条　本条例自公布之日起施行。
"""


@pytest.fixture(scope="module", autouse=True)
def _commands() -> None:
    _register()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_json_prints_the_document_and_diagnostics_go_to_stderr(sample: Path) -> None:
    """--format json prints a Document on stdout; the diagnostics only on stderr."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = Document.model_validate_json(result.stdout)
    assert doc.title == "某市测试条例"
    assert [c.heading for c in doc.children] == ["总则", "附则"]
    assert "numbering-gap" in result.stderr
    assert not result.stderr.lstrip().startswith("{")


def test_diagnostic_lines_name_file_line_level_and_code(sample: Path) -> None:
    """Each stderr line reads ``文件:行: 级别 代码 消息``."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--format", "outline"])
    gap = next(line for line in result.stderr.splitlines() if "numbering-gap" in line)
    assert gap.startswith(f"{sample}:9: 警告 numbering-gap ")


def test_text_format_is_canonical(sample: Path) -> None:
    """--format text keeps the numbers as written and writes full-width labels and U+3000."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--format", "text"])
    assert result.exit_code == 0
    assert "第三条\u3000本条例适用于：" in result.stdout
    assert "（一）本市；" in result.stdout
    assert "第一章\u3000总则" in result.stdout


def test_markdown_format_has_headings(sample: Path) -> None:
    """--format markdown starts with the title as H1 and marks chapters as H2."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--format", "markdown"])
    assert result.stdout.startswith("# 某市测试条例\n")
    assert "## 第二章\u3000附则" in result.stdout


def test_outline_counts_articles(sample: Path) -> None:
    """--format outline lists containers with their article counts."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--format", "outline"])
    assert result.stdout.splitlines()[0] == "某市测试条例（3条）"
    assert "  第一章\u3000总则（2条）" in result.stdout.splitlines()


def test_strict_exits_one_when_there_are_diagnostics(sample: Path) -> None:
    """--strict turns any diagnostic into exit code 1."""
    result = CliRunner().invoke(cli, ["parse", str(sample), "--strict"])
    assert result.exit_code == 1


def test_strict_passes_a_clean_text(tmp_path: Path) -> None:
    """A canonical text has no diagnostics, so --strict exits 0."""
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path), "--strict", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CLEAN
    assert result.stderr == ""


def test_missing_file_is_a_chinese_error(tmp_path: Path) -> None:
    """A missing file exits non-zero with a Chinese message naming it."""
    missing = tmp_path / "无此文件.md"
    result = CliRunner().invoke(cli, ["parse", str(missing)])
    assert result.exit_code != 0
    assert "文件不存在" in result.stderr
    assert "无此文件.md" in result.stderr


def test_undecodable_file_is_a_chinese_error(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor GB18030 are refused with a Chinese message."""
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\x30\x81\xff" * 4)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code != 0
    assert "编码" in result.stderr


def test_gb18030_file_is_read(tmp_path: Path) -> None:
    """A GB18030 file (Excel/Word on Chinese Windows) parses like UTF-8."""
    path = tmp_path / "gbk.txt"
    path.write_bytes(CLEAN.encode("gb18030"))
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "某市测试条例"


def test_help_is_available() -> None:
    """``parse --help`` describes the command in Chinese."""
    result = CliRunner().invoke(cli, ["parse", "--help"])
    assert result.exit_code == 0
    assert "解析法规文件" in result.stdout


def test_json_is_the_default_and_renumber_recomputes_numbers(sample: Path) -> None:
    """Without --format the Document JSON is printed; --renumber closes the numbering gap."""
    plain = CliRunner().invoke(cli, ["parse", str(sample)])
    renumbered = CliRunner().invoke(cli, ["parse", str(sample), "--renumber"])
    nums = [a.num for a in articles(Document.model_validate_json(plain.stdout))]
    assert nums == ["第一条", "第三条", "第四条"]
    fixed = [a.num for a in articles(Document.model_validate_json(renumbered.stdout))]
    assert fixed == ["第一条", "第二条", "第三条"]


def test_parse_is_listed_in_the_main_help() -> None:
    """``workbench --help`` lists the parse command."""
    result = CliRunner().invoke(cli, ["--help"])
    assert "parse" in result.stdout


def test_outline_of_a_code_with_books_and_annexes(corpus_dir: Path) -> None:
    """The 刑法 outline lists 编, 章, the unnumbered 附则 and both annexes, without diagnostics."""
    path = corpus_dir / "large" / "中华人民共和国刑法(2023-12-29).md"
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "outline", "--strict"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "中华人民共和国刑法（505条）"
    assert "  第二编\u3000分则（401条）" in lines
    assert "  附则（1条）" in lines
    assert lines[-2:] == ["  附件一（16段）", "  附件二（9段）"]
