"""Full-text search over drafts and comments: two-character words, phrases, 理由, any version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import Bench
from tests.support.workspaces import PROJECT, csv_bytes, demo_workspace, row
from workbench.errors import StoreError
from workbench.store.search_terms import index_terms, parse_query
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService
from workbench.workspace.search import SearchService

COMMENTS = [
    row("ST01", "第二条", "建议明确物业服务企业的责任"),
    row("ST02", "第三条", "供热费应当由政府补贴", 理由="冬季供热费负担重"),
    row("ST03", "第四条", "建议删除本条", 理由="与罚款规定重复，罚款过重"),
    row("ST04", "第五条", "无意见", 建议修改为="增加物业监管"),
    row("ST05", "第九百条", "供热问题突出"),
]


def comment_files(folder: Path) -> list[Path]:
    """One file per station (a file holds one station's comments)."""
    folder.mkdir()
    paths = []
    for cells in COMMENTS:
        path = folder / f"{cells[0]}.csv"
        path.write_bytes(csv_bytes([cells]))
        paths.append(path)
    return paths


@pytest.fixture
def ws(tmp_path: Path, database_url: str | None) -> Workspace:
    ws = demo_workspace(tmp_path / "ws", ("立项前", "初审前"), database_url=database_url)
    results = CommentService(ws).ingest(comment_files(tmp_path / "files"), actor="测试")
    assert {r.status for r in results} == {"accepted"}
    return ws


def test_two_character_words_and_phrases_are_found_in_comments(ws: Workspace) -> None:
    with ws:
        search = SearchService(ws)
        both = search.search("物业", scope="comments")
        assert sorted(c.station for c in both.comments) == ["ST01", "ST04"]
        assert both.comments_total == 2
        phrase = search.search("供热费", scope="comments")
        assert [c.station for c in phrase.comments] == ["ST02"]  # not 供热问题
        assert "【供热费】" in phrase.comments[0].snippet
        anded = search.search("供热 补贴", scope="comments")
        assert [c.station for c in anded.comments] == ["ST02"]
        one = search.search("热", scope="comments")
        assert sorted(c.station for c in one.comments) == ["ST02", "ST05"]
        assert search.search("物业服务企业的义务", scope="comments").comments == []


def test_a_query_found_only_in_the_reason_finds_the_comment(ws: Workspace) -> None:
    with ws:
        found = SearchService(ws).search("罚款", scope="comments")
        (hit,) = found.comments
        assert hit.station == "ST03"
        assert hit.snippet.startswith("理由：")
        assert "【罚款】" in hit.snippet
        assert hit.article == "第四条"
        unplaced = SearchService(ws).search("供热问题", scope="comments").comments
        assert [c.article for c in unplaced] == [None]


def test_comments_are_counted_per_project_or_in_all(ws: Workspace, tmp_path: Path) -> None:
    """With one project holding every comment and with two, filtered or not."""
    with ws:
        search = SearchService(ws)
        only = search.search("物业", scope="comments", project=PROJECT)
        assert (only.comments_total, len(only.comments)) == (2, 2)
        ws.import_document(ws.document(PROJECT), "other", "初审前", actor="测试", create=True)
        other = row("ST06", "第二条", "物业费用过高")
        other[2] = "other"
        path = tmp_path / "other.csv"
        path.write_bytes(csv_bytes([other]))
        (result,) = CommentService(ws).ingest([path], actor="测试")
        assert result.status == "accepted"
        every = search.search("物业", scope="comments")
        assert every.comments_total == 3
        assert [c.project for c in every.comments[:1]] == ["other"]  # newest first
        mine = search.search("物业", scope="comments", project=PROJECT)
        assert mine.comments_total == 2
        assert sorted(c.station for c in mine.comments) == ["ST01", "ST04"]
        theirs = search.search("物业", scope="comments", project="other", limit=1)
        assert (theirs.comments_total, [c.station for c in theirs.comments]) == (1, ["ST06"])
        newest = search.search("物业", scope="comments", limit=1)
        assert (newest.comments_total, [c.station for c in newest.comments]) == (3, ["ST06"])


def test_the_draft_is_searched_in_the_latest_version_or_any(ws: Workspace) -> None:
    with ws:
        search = SearchService(ws)
        latest = search.search("罚款", scope="draft")
        assert latest.draft
        assert {d.version for d in latest.draft} == {2}
        assert all("【罚款】" in d.snippet for d in latest.draft)
        assert all(d.label.startswith("第") for d in latest.draft)
        old_only = "五万元以上十万元"
        assert search.search(old_only, scope="draft").draft == []
        every = search.search(old_only, scope="draft", versions="all")
        assert [(d.version, d.label) for d in every.draft] == [(1, "第四十八条")]
        one = search.search(old_only, scope="draft", project=PROJECT, versions=1)
        assert [d.label for d in one.draft] == ["第四十八条"]
        with pytest.raises(StoreError, match="没有可检索的文字"):
            search.search("，。 ")
        with pytest.raises(StoreError):
            search.search("罚款", project="no-such-project")


def test_terms_are_characters_and_queries_phrases_of_them() -> None:
    assert index_terms("供热费用，PM2.5") == "供 热 费 用 〃 pm2 〃 5"
    query = parse_query("“供热费” 物业 热")
    assert query.phrases == (("供", "热", "费"), ("物", "业"), ("热",))


def test_a_phrase_never_runs_across_punctuation(ws: Workspace, tmp_path: Path) -> None:
    """供热，费用 does not hold 热费用."""
    with ws:
        sent = tmp_path / "more"
        sent.mkdir()
        path = sent / "x.csv"
        path.write_bytes(csv_bytes([row("ST06", "第二条", "关于供热，费用问题")]))
        CommentService(ws).ingest([path], actor="测试")
        search = SearchService(ws)
        assert search.search("热费用", scope="comments").comments == []
        found = search.search("供热", scope="comments").comments
        assert sorted(c.station for c in found) == ["ST02", "ST05", "ST06"]


def test_the_search_command_prints_the_json_the_issue_states(tmp_path: Path) -> None:
    bench = Bench(tmp_path / "ws")
    bench.demo_project(rounds=2)
    bench.run("comments", "ingest", *map(str, comment_files(tmp_path / "files")))
    out = json.loads(bench.run("search", "罚款", "--format", "json").stdout)
    assert list(out) == ["schema", "draft", "comments"]
    assert out["schema"] == "workbench.search/1"
    assert out["draft"]
    assert set(out["draft"][0]) == {"project", "version", "label", "snippet"}
    (comment,) = out["comments"]
    assert set(comment) == {"id", "project", "station", "article", "snippet"}
    assert (comment["station"], comment["article"]) == ("ST03", "第四条")
    text = bench.run("search", "物业", "-p", PROJECT, "--in", "comments").stdout
    assert "意见：2 条" in text
    assert "草案" not in text
    refused = bench.run("search", "？？", code=1)
    assert "没有可检索的文字" in refused.stderr
    assert "Traceback" not in refused.stderr
