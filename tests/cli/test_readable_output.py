"""What staff read is Chinese; JSON is on request, with a versioned ``schema`` (issue 18, item 7).

One demo workspace (made by ``workbench demo``: projects, comments from the stations, decisions,
the 四前四方 matrix) read through the commands that used to print developer output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.cli import Bench, json_list, json_output
from tests.support.paths import DEMO_PROJECT

P = "juja-yanglao"
_IDENTIFIER_KEY = re.compile(r"(?<![\w.])[a-z][a-z_]+=")
"""``draft_replaced=…``: a raw payload key in the audit's 内容 column."""
_LIST = ("comments.list", "comments")
"""The schema and the list field of ``comments list --format json``."""


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    folder = tmp_path_factory.mktemp("readable") / "demo"
    Bench(folder).run("demo", str(folder))
    return Bench(folder)


def _unplaced(bench: Bench) -> list[int]:
    listed = json_list(bench.run("comments", "list", "-p", P, "--format", "json").stdout, *_LIST)
    return [c["id"] for c in listed if c["state"] == "unplaced"]


def test_decide_prints_what_was_decided_in_words(bench: Bench) -> None:
    """Text by default (which comments, which decision); JSON on request with its schema."""
    done = bench.run("comments", "decide", "--comment", "2", "--decision", "留作参考")
    assert done.stdout == "已处理 1 条意见（编号 2）：留作参考\n"
    again = bench.run(
        "comments", "decide", "--comment", "2", "--decision", "采纳", "--format", "json"
    )
    data = json.loads(again.stdout)
    assert list(data) == ["schema", "decision", "comments", "changed"]
    assert data == {
        "schema": "workbench.comments.decide/1",
        "decision": "采纳",
        "comments": [2],
        "changed": [{"id": 2, "previous": "留作参考"}],
    }
    assert "2（原为留作参考）" in again.stderr


def test_place_says_where_the_comment_now_hangs(bench: Bench) -> None:
    """No uids or SHA-256 in the text: the comment, the version and the clause."""
    comment = _unplaced(bench)[0]
    done = bench.run("comments", "place", str(comment), "--clause", "第三条", process=True)
    assert done.stdout == f"意见 {comment} 已定位到 第4版 第三条（原第2版 第三条）\n"
    assert not re.search(r"[0-9a-f]{16}", done.stdout + done.stderr)


def test_stats_and_status_speak_chinese(bench: Bench) -> None:
    """按状态 lists 已定位/未定位/条款已删除; --status takes them (the English names still work)."""
    stats = bench.run("comments", "stats", "-p", P).stdout
    section = stats.split("按状态", 1)[1]
    assert "已定位" in section
    assert "条款已删除" in section
    assert not re.search(r"placed|unplaced|orphaned", stats)
    data = json.loads(bench.run("comments", "stats", "-p", P, "--format", "json").stdout)
    assert data["schema"] == "workbench.comments.stats/1"
    assert set(data["state"]) <= {"placed", "unplaced", "orphaned"}
    chinese = bench.run("comments", "list", "-p", P, "--status", "条款已删除").stdout
    english = bench.run("comments", "list", "-p", P, "--status", "orphaned").stdout
    assert chinese == english
    assert "条款已删除" in chinese
    help_text = bench.run("comments", "list", "--help").stdout
    assert "已定位|未定位|条款已删除|采纳" in help_text
    assert "placed" not in help_text


def test_the_audit_log_reads_as_chinese(bench: Bench) -> None:
    """Every action and every field of the 内容 column is named in Chinese (no draft_replaced=是)."""
    shown = bench.run("audit", "-p", P).stdout
    assert "导入版本" in shown
    assert "处理意见" in shown
    rows = shown.splitlines()[1:]
    assert len(rows) > 20
    for row in rows:
        assert not _IDENTIFIER_KEY.search(row), row
        assert not re.search(r"\s[a-z]+_[a-z_]+\s", row), row  # an untranslated action name


_INGESTED = DEMO_PROJECT / "comments" / "初审前-ST01.csv"
"""A station file the demo already holds: ingesting it again reports a duplicate."""
_GAP = "# 某某条例\n\n第一条 为了规范管理，制定本条例。\n\n第三条 本条例自公布之日起施行。\n"
"""A text ``check`` finds a numbering gap in (第二条 is missing)."""
_JSON_OUTPUTS: dict[str, tuple[tuple[str, ...], str | None, set[str]]] = {
    "stations": (("stations",), "stations", {"code", "name", "county", "kind"}),
    "comments.ingest": (
        ("comments", "ingest", str(_INGESTED)),
        "files",
        {"path", "status", "sha256", "counts", "errors", "warnings"},
    ),
    "comments.list": (("comments", "list", "-p", P), "comments", {"id", "station", "state"}),
    "comments.clusters": (
        ("comments", "clusters", "-p", P),
        "clusters",
        {"id", "kind", "target", "members"},
    ),
    "audit": (
        ("audit", "-p", P),
        "entries",
        {"seq", "at", "actor", "action", "project", "payload", "prev_hash", "hash"},
    ),
    "audit.verify": (("audit", "--verify"), None, {"ok", "entries", "message", "problems"}),
    "check": (("check", "缺条.md"), "findings", {"rule", "where", "message", "suggestion"}),
    "versions": (("versions", "-p", P), "versions", {"number", "stage", "node", "label"}),
    "import": (
        ("import", str(DEMO_PROJECT / "01-立项前.md"), "-p", P, "--node", "立项前"),
        None,
        {"created", "version"},
    ),
    "history": (("history", "第十条", "-p", P), "versions", {"version", "label", "text_sha256"}),
    "status": (("status", "-p", P), "cells", {"node", "party", "status", "record"}),
}
"""Each JSON output that once printed a bare array or no ``schema``: its command, the field
holding its list and the fields of each element (None: an object without a list; its fields)."""


@pytest.mark.parametrize("name", _JSON_OUTPUTS)
def test_every_json_output_is_an_object_led_by_its_schema(
    bench: Bench, name: str, tmp_path: Path
) -> None:
    """``--format json`` prints one object whose first field is ``schema`` (docs/cli.md), its list
    under a named field, each element with the fields it always had."""
    args, field, keys = _JSON_OUTPUTS[name]
    if name == "check":
        (tmp_path / args[1]).write_text(_GAP, encoding="utf-8")
        args = ("check", str(tmp_path / args[1]))
    done = bench.run(*args, "--format", "json", process=True)
    data = json_output(done.stdout, name)
    if field is None:
        assert keys <= set(data), list(data)
        assert data.get("created") is not True  # the demo already holds that draft
        return
    items = json_list(done.stdout, name, field)
    assert items, f"{name}: the demo should give some {field}"
    assert all(keys <= set(item) for item in items), items[0]
    if name == "comments.list":
        assert data["total"] == len(items)
    if name == "comments.ingest":
        assert [item["status"] for item in items] == ["duplicate"]


def test_clusters_name_each_clause_as_numbered_now(bench: Bench) -> None:
    """The demo's form letters on 第十一条第一款 of 初审前 show under today's 第十条第一款."""
    table = bench.run("comments", "clusters", "-p", P).stdout.splitlines()
    assert table[0].split() == ["组", "类型", "条款", "意见编号"]
    rows = [line.split() for line in table[1:]]
    assert ["完全相同", "第十条第一款"] in [r[1:3] for r in rows]
    assert all(not re.search(r"[0-9a-f]{8}-", line) for line in table)  # no uid shown
