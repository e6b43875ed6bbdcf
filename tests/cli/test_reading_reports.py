"""The reports at each reading, exported from real projects and read back from the Word files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from tests.support.cli import DEMO, Bench, json_list
from tests.support.paths import CORPUS
from workbench.numerals import to_cn

OLD = CORPUS / "versions" / "北京市审计条例(2017-09-22).md"
NEW = CORPUS / "versions" / "北京市审计条例(2023-11-24).md"
ROUNDS = DEMO / "juja-yanglao"
P = "juja-yanglao"
FIRST = "昌吉回族自治州第十六届人民代表大会常务委员会第二十次会议"


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    b = Bench(tmp_path / "ws")
    b.run("init")
    return b


def test_a_revision_report_lists_exactly_the_changes_diff_finds(
    bench: Bench, tmp_path: Path
) -> None:
    """现行文本 → 修订草案 on a real pair: one paragraph per change `diff` lists, the rest in one sentence."""
    bench.run("project", "new", "bj", "--title", "北京市审计条例", "--kind", "修订")
    bench.run("import", str(OLD), "-p", "bj", "--stage", "现行")
    bench.run("import", str(NEW), "-p", "bj", "--stage", "修订草案")
    out = tmp_path / "r.docx"
    bench.run(
        "export", "report", "-p", "bj", "--kind", "修改情况", "--from", "现行文本", "--to", "修订草案",
        "-o", str(out),
    )  # fmt: skip
    text = _paragraphs(out)
    assert text[0] == "关于《北京市审计条例（修订草案）》修改情况的报告"
    assert text[1] == "——【请补充：日期】在【请补充：会议名称】上"
    assert "主任、各位副主任、秘书长、各位委员：" in text
    diff = json.loads(bench.run("diff", "-p", "bj", "1", "2", "--format", "json").stdout)
    listed = [a for a in diff["articles"] if a["change"] != "unchanged" and not a["consequential"]]
    apart = [a for a in diff["articles"] if a["change"] != "unchanged" and a["consequential"]]
    changes = [t for t in text if "据此，" in t]
    assert len(changes) == len(listed) > 0
    body = "\n".join(changes)
    for article in listed:
        if article["change"] == "added":
            assert f"修订草案{'、'.join(article['new'])}" in body, article
        else:
            assert f"现行条例{'、'.join(article['old'])}" in body, article
    if apart:
        assert any(f"对{len(apart)}条条文的序号" in t for t in text)
    headings = [t for t in text if re.match(r"^[一二三四五六七八九十]+、关于", t)]
    assert headings, "changes are grouped in numbered sections"


def test_changes_above_the_articles_are_one_sentence(bench: Bench, tmp_path: Path) -> None:
    """慈善法 2016 → 2023: the chapter added is said once; the law in force is 现行法."""
    law = "中华人民共和国慈善法"
    bench.run("project", "new", "cs", "--title", law, "--kind", "修订")
    bench.run(
        "import", str(CORPUS / "versions" / f"{law}(2016-03-16).md"), "-p", "cs", "--stage", "现行"
    )
    bench.run(
        "import",
        str(CORPUS / "versions" / f"{law}(2023-12-29).md"),
        "-p",
        "cs",
        "--stage",
        "修订草案",
    )
    out = tmp_path / "r.md"
    bench.run(
        "export", "report", "-p", "cs", "--kind", "修改情况", "--from", "1", "--to", "2",
        "--format", "markdown", "-o", str(out),
    )  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "在体例结构上，增加一章“应急慈善”，作为修订草案第八章。" in text
    assert "据此，将现行法第" in text


SH = "上海市人民代表大会常务委员会规范性文件备案审查条例"


def test_an_amendment_reports_on_its_decision_and_counts_its_items(
    bench: Bench, tmp_path: Path
) -> None:
    """修正: the bill is 《关于修改〈…〉的决定（草案）》; the count is that of `amend draft`'s items."""
    bench.run("project", "new", "sh", "--title", SH, "--kind", "修正")
    bench.run(
        "import", str(CORPUS / "versions" / f"{SH}(2021-05-21).md"), "-p", "sh", "--stage", "现行"
    )
    bench.run(
        "import",
        str(CORPUS / "versions" / f"{SH}(2024-11-28).md"),
        "-p",
        "sh",
        "--stage",
        "修正草案",
    )
    out = tmp_path / "r.md"
    bench.run(
        "export", "report", "-p", "sh", "--kind", "修改情况", "--from", "1", "--to", "2",
        "--format", "markdown", "-o", str(out),
    )  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# 关于《关于修改〈{SH}〉的决定（草案）》修改情况的报告\n")
    drafted = bench.run("amend", "draft", "-p", "sh", "--from", "1", "--to", "2").stdout
    items = [
        line for line in drafted.splitlines() if re.match(r"^[一二三四五六七八九十百]+、", line)
    ]
    assert f"修改决定草案共{to_cn(len(items))}项，涉及现行条例" in text
    assert "现将修正草案对现行条例的主要修改情况报告如下：" in text


def _new_regulation(bench: Bench) -> None:
    """The demo's four texts as 征求意见稿 → 草案 → 草案修改稿 → 表决稿, the first reading held."""
    bench.run("project", "new", P, "--title", "昌吉回族自治州居家养老服务条例")
    for name, stage in (
        ("01-立项前.md", "征求意见稿"),
        ("02-初审前.md", "草案"),
        ("03-二审前.md", "草案修改稿"),
        ("04-表决前.md", "表决稿"),
    ):
        bench.run("import", str(ROUNDS / name), "-p", P, "--stage", stage)
    bench.run("cycle", "record", "-p", P, "-s", "一审", "--date", "2025-03-28", "--body", FIRST)


def test_a_new_regulation_names_its_texts_as_committees_do(bench: Bench, tmp_path: Path) -> None:
    """Each report and the 对照表 name the texts 征求意见稿, 草案, 草案修改稿, 草案表决稿."""
    _new_regulation(bench)
    docs = {}
    for kind in ("起草说明", "修改情况", "审议结果", "修改情况说明"):
        out = tmp_path / f"{kind}.docx"
        bench.run("export", "report", "-p", P, "--kind", kind, "-o", str(out))
        docs[kind] = _paragraphs(out)
    assert docs["起草说明"][0] == "关于《昌吉回族自治州居家养老服务条例（草案）》的说明"
    assert docs["起草说明"][1] == f"——2025年3月28日在{FIRST}上"
    drafting = "\n".join(docs["起草说明"])
    assert "起草过程中" in drafting
    assert "草案共八章五十五条" in drafting
    assert "【请补充：制定条例的必要性、可行性】" in drafting
    assert docs["修改情况"][0] == "关于《昌吉回族自治州居家养老服务条例（草案）》修改情况的报告"
    middle = "\n".join(docs["修改情况"])
    assert (
        f"2025年3月28日，{FIRST}对《昌吉回族自治州居家养老服务条例（草案）》进行了初次审议。"
        in middle
    )
    assert "提出了草案修改稿" in middle
    assert "据此，删去草案第九条。" in middle
    assert docs["审议结果"][0] == "关于《昌吉回族自治州居家养老服务条例（草案）》审议结果的报告"
    assert "草案表决稿已按上述意见作了修改" in "\n".join(docs["审议结果"])
    assert docs["修改情况说明"][0] == (
        "关于《昌吉回族自治州居家养老服务条例（草案表决稿）》修改情况的说明"
    )
    table = tmp_path / "c.docx"
    bench.run(
        "export", "compare", "-p", P, "--from", "草案", "--to", "草案修改稿", "-o", str(table)
    )
    assert "（草案与草案修改稿对照）" in _paragraphs(table)


def test_reasons_come_from_decisions_and_what_was_not_adopted_is_said(
    bench: Bench, tmp_path: Path
) -> None:
    """An adopted comment gives its words and reason to the change; a rejected one is quoted."""
    _new_regulation(bench)
    bench.run("comments", "ingest", str(ROUNDS / "comments" / "初审前-ST01.csv"))
    listed = json_list(
        bench.run("comments", "list", "-p", P, "--format", "json").stdout,
        "comments.list",
        "comments",
    )
    rows = {c["row"]: c["id"] for c in listed}
    bench.run(
        "comments", "decide", "--comment", str(rows[4]), "--decision", "部分采纳",
        "--reason", "草案修改稿将探访频次调整为每月至少二次",
    )  # fmt: skip
    bench.run(
        "comments", "decide", "--comment", str(rows[2]), "--decision", "未采纳",
        "--reason", "四十平方米高于自治区标准",
    )  # fmt: skip
    out = tmp_path / "r.md"
    bench.run(
        "export", "report", "-p", P, "--kind", "修改情况", "--format", "markdown", "-o", str(out)
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 关于《昌吉回族自治州居家养老服务条例（草案）》修改情况的报告\n")
    visit = next(line for line in text.splitlines() if "探访" in line and "据此" in line)
    assert "提出：" in visit
    assert "经研究，草案修改稿将探访频次调整为每月至少二次。" in visit
    assert "## " in text
    rejected = next(line for line in text.splitlines() if "四十平方米高于自治区标准" in line)
    assert rejected.endswith("未予采纳。")
    assert "关于未采纳的意见" in text
    assert "征求意见期间，共收到对草案的意见建议" in text


def test_a_report_without_its_texts_says_what_to_import(bench: Bench) -> None:
    """No 草案修改稿 yet: the 修改情况 report is refused with what to do, in Chinese."""
    bench.demo_project(rounds=2)
    refused = bench.run("export", "report", "-p", "juja-yanglao", "--kind", "修改情况", code=1)
    assert "还没有二审阶段的版本" in refused.stderr
    assert "--to" in refused.stderr
    same = bench.run(
        "export", "report", "-p", "juja-yanglao", "--kind", "审议结果", "--from", "1", "--to", "1",
        code=1,
    )  # fmt: skip
    assert "同一个版本" in same.stderr
