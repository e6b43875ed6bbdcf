"""Changes above the articles (issue 15 item 7): chapter headings changed, added, deleted and
renumbered, and a changed title or 题注, in ``diff`` JSON and text and in the 修改对照表."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import _register, cli
from workbench.diff import align_documents
from workbench.export import build_compare_table
from workbench.parse import parse_file

_register()

OLD = """# 某市城乡规划条例

（2020年1月1日某市第一届人民代表大会常务委员会第一次会议通过）

第一章　总则

第一条　为了加强城乡规划管理，制定本条例。

第二章　规划与建设

第二条　城乡规划由市人民政府组织编制。

第三条　建设项目应当符合城乡规划。

第三章　监督检查

第四条　规划主管部门应当对规划实施情况进行监督检查。

第四章　附则

第五条　本条例自2021年1月1日起施行。
"""

NEW = """# 某市城乡规划管理条例

（2020年1月1日某市第一届人民代表大会常务委员会第一次会议通过　2024年6月1日某市第二届人民代表大会常务委员会第九次会议修订）

第一章　总则

第一条　为了加强城乡规划管理，制定本条例。

第二章　规划、建设与管理

第二条　城乡规划由市人民政府组织编制。

第三条　建设项目应当符合城乡规划。

第三章　公众参与

第四条　编制城乡规划应当听取公众意见，公开征求意见的时间不得少于三十日。

第四章　附则

第五条　本条例自2025年1月1日起施行。
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "旧.md", tmp_path / "新.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_json_reports_heading_title_and_note_changes(files: tuple[Path, Path]) -> None:
    """``headings`` lists each changed 章 with old and new labels; ``title`` and ``note`` too."""
    result = CliRunner().invoke(cli, ["diff", *map(str, files), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["headings"] == [
        {
            "kind": "chapter",
            "change": "modified",
            "old": "第二章\u3000规划与建设",
            "new": "第二章\u3000规划、建设与管理",
        },
        {"kind": "chapter", "change": "deleted", "old": "第三章\u3000监督检查", "new": ""},
        {"kind": "chapter", "change": "added", "old": "", "new": "第三章\u3000公众参与"},
    ]
    assert data["title"] == {"old": "某市城乡规划条例", "new": "某市城乡规划管理条例"}
    assert data["note"]["new"].endswith("修订")


def test_text_output_shows_heading_changes_as_blocks_of_their_own(
    files: tuple[Path, Path],
) -> None:
    """Each heading change reads as its own block, before the articles under it."""
    result = CliRunner().invoke(cli, ["diff", *map(str, files)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "【标题修改】某市城乡规划条例 → 某市城乡规划管理条例" in out
    assert "【章名修改】第二章　规划与建设 → 第二章　规划、建设与管理" in out
    assert "【新增章】第三章　公众参与" in out
    assert "【删除章】第三章　监督检查" in out
    assert out.index("【新增章】第三章　公众参与") < out.index("编制城乡规划应当听取公众意见")
    assert "标题、题注及章节标题变动 5 处" in out


def test_a_renumbered_chapter_is_reported_and_hidden_with_the_consequential_changes(
    tmp_path: Path,
) -> None:
    """Inserting a chapter renumbers the ones after it: ``renumbered``, hidden on request."""
    old = tmp_path / "a.md"
    new = tmp_path / "b.md"
    old.write_text(OLD, encoding="utf-8")
    inserted = OLD.replace(
        "第三章　监督检查",
        "第三章　公众参与\n\n第四条　编制城乡规划应当听取公众意见。\n\n第四章　监督检查",
    ).replace("第四章　附则", "第五章　附则")
    new.write_text(inserted, encoding="utf-8")
    data = json.loads(
        CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json"]).stdout
    )
    changes = [(h["change"], h["old"], h["new"]) for h in data["headings"]]
    assert ("renumbered", "第三章\u3000监督检查", "第四章\u3000监督检查") in changes
    assert ("added", "", "第三章\u3000公众参与") in changes
    hidden = json.loads(
        CliRunner()
        .invoke(cli, ["diff", str(old), str(new), "--format", "json", "--hide-consequential"])
        .stdout
    )
    assert [h["change"] for h in hidden["headings"]] == ["added"]


def test_the_compare_table_has_rows_for_the_title_and_the_headings(
    files: tuple[Path, Path],
) -> None:
    """The 修改对照表 shows the title and each changed heading as a row of its own, the heading
    row right before the articles of its chapter."""
    old, new = (parse_file(p) for p in files)
    table = build_compare_table(
        old, new, align_documents(old, new), old_name="原文", new_name="修订稿"
    )
    levels = [(row.level, row.note) for row in table.rows]
    assert levels[0] == ("title", "修改标题")
    assert ("chapter", "修改章名") in levels
    assert ("chapter", "新增章") in levels
    assert ("chapter", "删除章") in levels
    added = levels.index(("chapter", "新增章"))
    assert table.rows[added + 1].new[0][0].text.startswith("第四条")
    modified = table.rows[levels.index(("chapter", "修改章名"))]
    runs = [(run.text, run.style) for run in modified.new[0]]
    assert ("第二章", "label") in runs
    assert any(style == "inserted" for _, style in runs)
