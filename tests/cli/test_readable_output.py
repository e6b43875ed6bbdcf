"""What staff read is Chinese; JSON is on request, with a versioned ``schema`` (issue 18, item 7).

One demo workspace (made by ``workbench demo``: projects, comments from the stations, decisions,
the 四前四方 matrix) read through the commands that used to print developer output.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.cli import Bench

P = "juja-yanglao"
_IDENTIFIER_KEY = re.compile(r"(?<![\w.])[a-z][a-z_]+=")
"""``draft_replaced=…``: a raw payload key in the audit's 内容 column."""


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    folder = tmp_path_factory.mktemp("readable") / "demo"
    Bench(folder).run("demo", str(folder))
    return Bench(folder)


def _unplaced(bench: Bench) -> list[int]:
    listed = json.loads(bench.run("comments", "list", "-p", P, "--format", "json").stdout)
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
