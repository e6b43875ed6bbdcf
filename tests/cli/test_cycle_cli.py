"""The legislative cycle on the command line: project kinds, the text in force, stages and records."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from tests.support.cli import DEMO, Bench
from tests.support.paths import CORPUS

OLD = CORPUS / "versions" / "北京市审计条例(2017-09-22).md"
NEW = CORPUS / "versions" / "北京市审计条例(2023-11-24).md"
P = "bj-shenji"
ADOPTED = "北京市第十六届人民代表大会常务委员会第六次会议"


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    b = Bench(tmp_path / "ws")
    b.run("init")
    return b


def _docx_text(path: Path) -> list[str]:
    """Every paragraph of a Word file, table cells included, in order."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def test_a_revision_starts_from_the_text_in_force_and_compares_against_it(
    bench: Bench, tmp_path: Path
) -> None:
    """现行文本 → 修订草案: the 对照表 is headed 现行条文 | 修订草案条文 and named that way."""
    made = bench.run("project", "new", P, "--title", "北京市审计条例", "--kind", "修订")
    assert "导入现行文本" in made.stderr
    bench.run("import", str(OLD), "-p", P, "--stage", "现行")
    bench.run("import", str(NEW), "-p", P, "--stage", "修订草案")
    listed = json.loads(bench.run("versions", "-p", P, "--format", "json").stdout)["versions"]
    assert [(v["stage"], v["name"], v["node"]) for v in listed] == [
        ("现行", "现行文本", None),
        ("一审", "修订草案", "初审前"),
    ]
    out = tmp_path / "c.docx"
    bench.run(
        "export", "compare", "-p", P, "--from", "现行文本", "--to", "修订草案", "-o", str(out)
    )
    text = _docx_text(out)
    assert "（现行文本与修订草案对照）" in text
    assert text.count("现行条文") >= 1
    assert "修订草案条文" in text
    sheet = tmp_path / "c.xlsx"
    bench.run(
        "export",
        "compare",
        "-p",
        P,
        "--from",
        "1",
        "--to",
        "2",
        "--format",
        "xlsx",
        "-o",
        str(sheet),
    )
    header = [c.value for c in load_workbook(sheet).worksheets[0][2]]
    assert header[1:4] == ["现行条文", "修订草案条文", "修改说明"]


def test_an_amendment_is_headed_by_the_amended_text_and_its_note_follows_the_history(
    bench: Bench, tmp_path: Path
) -> None:
    """A 修正 project: 现行条文 | 修改后条文; after 通过 the 公布文本 carries the generated 题注."""
    bench.run("project", "new", P, "--title", "北京市审计条例", "--kind", "修正")
    bench.run("import", str(OLD), "-p", P, "-s", "现行")
    bench.run("import", str(NEW), "-p", P, "-s", "表决稿")
    sheet = tmp_path / "c.xlsx"
    bench.run(
        "export", "compare", "-p", P, "--from", "现行", "--to", "表决稿", "--format", "xlsx",
        "-o", str(sheet),
    )  # fmt: skip
    assert [c.value for c in load_workbook(sheet).worksheets[0][2]][1:3] == [
        "现行条文",
        "修改后条文",
    ]
    bench.run(
        "cycle", "record", "-p", P, "--stage", "表决", "--date", "2023-11-24", "--body", ADOPTED
    )
    note = bench.run("cycle", "caption", "-p", P)
    assert note.stdout.startswith("（2012年7月27日北京市第十三届")
    assert f"2023年11月24日{ADOPTED}通过的《北京市人民代表大会常务委员会关于修改" in note.stdout
    assert "缺少批准的日期与会议" in note.stderr
    bench.run(
        "cycle", "record", "-p", P, "-s", "批准", "--date", "2023年12月20日", "--body", "某省会议"
    )
    final = bench.run("cycle", "caption", "-p", P, "--format", "json")
    data = json.loads(final.stdout)
    assert data["schema"] == "workbench.cycle.caption/1"
    assert data["missing"] == []
    assert data["caption"].endswith(
        "2023年12月20日某省会议批准的《北京市人民代表大会常务委员会关于修改〈北京市审计条例〉的决定》修正"
    )
    draft = tmp_path / "d.docx"
    bench.run("export", "draft", "-p", P, "--version", "表决稿", "-o", str(draft))
    assert f"（{data['caption']}）" in _docx_text(draft)


def test_the_stage_line_follows_the_records_to_adopted_but_not_approved(bench: Bench) -> None:
    """一审 held → 二审 next; 通过 recorded → 已通过，待批准; a one-reading path skips 二审."""
    slug = bench.demo_project(rounds=2)
    bench.run(
        "cycle", "record", "-p", slug, "-s", "一审", "--date", "2025-03-28",
        "--body", "昌吉回族自治州第十六届人民代表大会常务委员会第二十次会议",
    )  # fmt: skip
    shown = bench.run("cycle", "show", "-p", slug).stdout
    assert "现状：一审（草案）已审议，下一步：二审" in shown
    assert "正在会商的节点：二审前" in shown
    bench.run("cycle", "set", "-p", slug, "--readings", "1")
    state = json.loads(bench.run("cycle", "show", "-p", slug, "--format", "json").stdout)
    assert state["schema"] == "workbench.cycle/1"
    assert (state["current"], state["next"], state["open_node"]) == ("一审", "表决", "表决前")
    assert [s["stage"] for s in state["steps"] if s["status"] == "skipped"] == ["二审", "三审"]
    bench.run(
        "cycle",
        "record",
        "-p",
        slug,
        "-s",
        "表决",
        "--date",
        "2025-04-10",
        "--body",
        "第二十一次会议",
    )
    state = json.loads(bench.run("cycle", "show", "-p", slug, "--format", "json").stdout)
    assert state["summary"] == "已通过，待批准"
    assert state["caption"] == "2025年4月10日第二十一次会议通过"
    log = json.loads(bench.run("audit", "-p", slug, "--format", "json").stdout)["entries"]
    actions = [e["action"] for e in log]
    assert actions.count("record_stage") == 2
    assert "set_project_path" in actions


def test_bad_stages_dates_and_outcomes_are_refused_in_chinese(bench: Bench) -> None:
    """Each mistake names what to write instead; nothing is stored."""
    slug = bench.demo_project(rounds=1)
    in_force = bench.run("import", str(OLD), "-p", slug, "--stage", "现行", code=1)
    assert "制定项目，没有现行文本" in in_force.stderr
    neither = bench.run("import", str(OLD), "-p", slug, code=2)
    assert "--node" in neither.stderr
    assert "--stage" in neither.stderr
    unknown = bench.run("cycle", "record", "-p", slug, "-s", "四审", "--date", "2025-01-01", code=1)
    assert "可用的阶段：立项、起草、一审、二审、三审、表决、批准、公布" in unknown.stderr
    outcome = bench.run(
        "cycle", "record", "-p", slug, "-s", "批准", "--date", "2025-01-01", "--outcome", "通过",
        code=1,
    )  # fmt: skip
    assert "批准、暂缓、不予批准" in outcome.stderr
    notice = bench.run(
        "cycle", "record", "-p", slug, "-s", "一审", "--date", "2025-01-01", "--notice", "第1号",
        code=1,
    )  # fmt: skip
    assert "只在“公布”阶段记录" in notice.stderr
    bad_date = bench.run(
        "cycle", "record", "-p", slug, "-s", "一审", "--date", "2025-13-01", code=2
    )
    assert "2025年4月10日" in bad_date.stderr
    state = json.loads(bench.run("cycle", "show", "-p", slug, "--format", "json").stdout)
    assert all(step["record"] is None for step in state["steps"])
    missing = bench.run("cycle", "clear", "-p", slug, "-s", "一审", code=1)
    assert "没有记录" in missing.stderr


def test_the_stage_list_is_configurable_per_legislature(bench: Bench, tmp_path: Path) -> None:
    """A province without approval: stages written back from JSON, 批准 left out of the path."""
    listed = json.loads(bench.run("cycle", "stages", "--format", "json").stdout)
    stages = [s for s in listed["stages"] if s["name"] != "批准"]
    file = tmp_path / "stages.json"
    file.write_text(json.dumps({"stages": stages}, ensure_ascii=False), encoding="utf-8")
    bench.run("cycle", "configure", str(file))
    assert "批准" not in bench.run("cycle", "stages").stdout
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps({"stages": stages + stages[:1]}, ensure_ascii=False), encoding="utf-8"
    )
    refused = bench.run("cycle", "configure", str(broken), code=1)
    assert "不能重复" in refused.stderr
    slug = "p"
    bench.run(
        "import",
        "--create",
        str(DEMO / "juja-yanglao" / "04-表决前.md"),
        "-p",
        slug,
        "-s",
        "表决稿",
    )
    bench.run(
        "cycle", "record", "-p", slug, "-s", "表决", "--date", "2025-04-10", "--body", "某次会议"
    )
    state = json.loads(bench.run("cycle", "show", "-p", slug, "--format", "json").stdout)
    assert state["summary"] == "已通过，下一步：公布"
    assert state["caption"] == "2025年4月10日某次会议通过"
