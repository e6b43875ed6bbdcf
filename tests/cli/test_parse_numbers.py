"""Rendering never changes what a citation means (issue 15 item 2): numbers as written by
default, renumbering only with the citations rewritten and every change reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli
from workbench.edit import renumber_citing
from workbench.model import UidFactory
from workbench.parse import parse_text
from workbench.render import render_markdown, render_text

_register()

GAP = """# 某市测试条例

第一章　总则

第一条　为了测试，制定本条例。

第三条　依照本条例第四条的规定处理；违反前条规定的，依照第四条第二款处理。

第三章　附则

第四条　本条例第一条所称测试，是指下列活动。

前款规定的活动，由市人民政府组织。
"""


def test_the_text_keeps_the_numbers_as_written() -> None:
    """第一条, 第三条, 第四条 and 第三章 stay as written, so 本条例第四条 still means 第四条."""
    doc = parse_text(GAP, uids=UidFactory(1))
    for text in (render_text(doc), render_markdown(doc)):
        assert "第三条　依照本条例第四条的规定处理" in text
        assert "第四条　本条例第一条所称测试" in text
        assert "第三章　附则" in text
        assert "第二条" not in text


def test_renumbering_rewrites_every_internal_citation_and_reports_it() -> None:
    """Renumbered from position, the citations follow their articles; each change is listed."""
    result = renumber_citing(parse_text(GAP, uids=UidFactory(1)))
    text = render_text(result.document)
    assert "第二条　依照本条例第三条的规定处理；违反前条规定的，依照第三条第二款处理。" in text
    assert "第三条　本条例第一条所称测试" in text
    assert "第二章　附则" in text
    summary = result.report.summary()
    assert "相应地将第三条中的“本条例第四条”修改为“本条例第三条”。" in summary
    assert "相应地将第三条中的“第四条第二款”修改为“第三条第二款”。" in summary


@pytest.fixture
def gap_file(tmp_path: Path) -> Path:
    path = tmp_path / "有缺号的条例.md"
    path.write_text(GAP, encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [[], ["--as-written"]])
def test_parse_text_output_is_as_written_by_default(gap_file: Path, args: list[str]) -> None:
    """``parse --format text`` (and ``--as-written``) prints the numbers of the source."""
    result = CliRunner().invoke(cli, ["parse", str(gap_file), "--format", "text", *args])
    assert result.exit_code == 0, result.output
    assert "第三条　依照本条例第四条的规定处理" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "outline"])
def test_parse_renumber_rewrites_citations_in_every_format(gap_file: Path, fmt: str) -> None:
    """``--renumber`` renumbers text, JSON and outline alike, with the citations following,
    and lists each change on stderr."""
    result = CliRunner().invoke(cli, ["parse", str(gap_file), "--format", fmt, "--renumber"])
    assert result.exit_code == 0, result.output
    if fmt == "text":
        assert "第二条　依照本条例第三条的规定处理" in result.stdout
    elif fmt == "json":
        data = json.loads(result.stdout)
        second = data["children"][0]["children"][1]
        assert second["num"] == "第二条"
        assert second["children"][0]["text"].startswith("依照本条例第三条的规定处理")
    else:
        assert "第二章　附则" in result.stdout
    assert "相应地将第三条中的“本条例第四条”修改为“本条例第三条”" in result.stderr
