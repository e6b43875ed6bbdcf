"""JSON comment files accept the Chinese column names as keys; errors name the comment, not a row."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import DEMO_PROJECT
from tests.support.workspaces import demo_workspace
from workbench.comments import comment_file_schema, read_comment_file
from workbench.model.comments import FILE_KEY_ALIASES, ROW_KEY_ALIASES
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService

DEMO = DEMO_PROJECT

ENGLISH: dict[str, Any] = {
    "station": "ST01",
    "collector": "王建华",
    "project": "juja-yanglao",
    "version": "初审前",
    "comments": [
        {
            "clause": "第十一条第一款",
            "opinion": "建议提高配建社区养老服务用房的标准。",
            "reason": "现有小区养老用房普遍面积不足。",
            "proposal": "",
            "submitter_category": "群众",
            "submitter": "李秀兰",
            "contact": "13899400101",
        },
        {
            "clause": "第二十一条",
            "opinion": "建议明确助餐服务对高龄老年人给予餐费补贴。",
            "reason": "老年食堂价格对低收入老年人仍偏高。",
            "proposal": "对高龄、失能和经济困难老年人给予餐费补贴。",
            "submitter_category": "人大代表",
            "submitter": "马占林",
            "contact": "13899400102",
        },
        {
            "clause": "第九十九条",
            "opinion": "=建议增加对孝老爱亲先进典型的表彰内容。",
            "submitter_category": "专家",
        },
    ],
}


def chinese(obj: dict[str, Any]) -> dict[str, Any]:
    """The same file with every key written as its Chinese column name."""
    out: dict[str, Any] = {FILE_KEY_ALIASES.get(k, k): v for k, v in obj.items()}
    out[FILE_KEY_ALIASES["comments"]] = [
        {ROW_KEY_ALIASES[k]: v for k, v in row.items()} for row in obj["comments"]
    ]
    return out


def dump(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode()


def test_chinese_keys_read_like_english_keys() -> None:
    """Header, rows, flags and warnings are the same whichever key language the file uses."""
    en = read_comment_file(dump(ENGLISH), "en.json")
    zh = read_comment_file(dump(chinese(ENGLISH)), "zh.json")
    assert en.ok, en.errors
    assert zh.ok, zh.errors
    assert (zh.station, zh.collector, zh.project, zh.version) == (
        "ST01",
        "王建华",
        "juja-yanglao",
        "初审前",
    )
    assert [(r.row, r.data, r.flags) for r in zh.rows] == [
        (r.row, r.data, r.flags) for r in en.rows
    ]
    assert len(zh.rows) == 3
    assert [str(w) for w in zh.warnings] == [
        "zh.json，第3条意见，字段“意见建议”：内容以 = + - @ 开头，已按文本保存，不会作为公式计算"
    ]


def test_mixed_keys_are_accepted() -> None:
    """English and Chinese keys may be mixed in one file (a collector editing the template)."""
    obj = {
        "联络站编号": "ST01",
        "project": "p",
        "版本": "v",
        "comments": [{"条款": "第一条", "opinion": "好", "提出人类别": "企业"}],
    }
    parsed = read_comment_file(dump(obj), "mixed.json")
    assert parsed.ok, parsed.errors
    row = parsed.rows[0].data
    assert (row.clause, row.opinion, row.submitter_category) == ("第一条", "好", "企业")


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jsonkeys") / "ws"
    demo_workspace(folder, ("初审前",)).close()
    return folder


@pytest.fixture
def ws(template_ws: Path, tmp_path: Path) -> Iterator[Workspace]:
    shutil.copytree(template_ws, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as opened:
        yield opened


def test_chinese_key_file_ingests_identically_to_its_english_twin(
    ws: Workspace, tmp_path: Path
) -> None:
    """Both files are accepted and store the same comments, placed on the same clauses."""
    en_path = tmp_path / "en.json"
    zh_path = tmp_path / "zh.json"
    en_path.write_bytes(dump(ENGLISH))
    zh_path.write_bytes(dump(chinese(ENGLISH)))
    svc = CommentService(ws)
    results = svc.ingest([en_path, zh_path], actor="测试")
    assert [(r.status, r.rows) for r in results] == [("accepted", 3), ("accepted", 3)], [
        [str(e) for e in r.errors] for r in results
    ]
    views, total = svc.comments("juja-yanglao", "初审前")
    assert total == 6

    def stored(name: str) -> list[tuple[object, ...]]:
        return sorted(
            (
                v.row,
                v.station,
                v.cited_as,
                v.target,
                v.state,
                v.text,
                v.reason,
                v.proposal,
                v.submitter_category,
                v.submitter,
                v.contact,
            )
            for v in views
            if v.file_name == name
        )

    assert stored("zh.json") == stored("en.json")
    assert [s[4] for s in stored("zh.json")] == ["placed", "placed", "unplaced"]


@pytest.mark.parametrize(
    ("key_language", "field"), [("en", "opinion"), ("zh", "意见建议")], ids=["english", "chinese"]
)
def test_error_in_third_comment_names_the_comment_and_the_key(
    key_language: str, field: str
) -> None:
    """An empty opinion in the 3rd comment is reported as 第3条意见 with the key as written."""
    obj = json.loads(json.dumps(ENGLISH))
    obj["comments"][2]["opinion"] = "  "
    if key_language == "zh":
        obj = chinese(obj)
    parsed = read_comment_file(dump(obj), "bad.json")
    assert len(parsed.errors) == 1, [str(e) for e in parsed.errors]
    problem = parsed.errors[0]
    assert (problem.row, problem.column) == (3, "意见建议")
    text = str(problem)
    assert text.startswith(f"bad.json，第3条意见，字段“{field}”：")
    assert "意见建议为空" in text
    assert "行" not in text.split("：", 1)[0]


def test_missing_opinion_under_chinese_keys_names_the_chinese_key() -> None:
    """A comment written with Chinese keys but no 意见建议 is told to add 意见建议, not opinion."""
    obj = chinese(ENGLISH)
    del obj["意见"][1]["意见建议"]
    parsed = read_comment_file(dump(obj), "bad.json")
    assert [str(e) for e in parsed.errors] == [
        "bad.json，第2条意见，字段“意见建议”：意见建议为空：每条意见须填写意见内容"
    ]


def test_wrong_category_in_third_comment_is_placed_by_position() -> None:
    """A bad 提出人类别 in the 3rd comment names that comment and the key 提出人类别."""
    obj = chinese(ENGLISH)
    obj["意见"][2]["提出人类别"] = "市民"
    parsed = read_comment_file(dump(obj), "bad.json")
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "提出人类别")]
    assert str(parsed.errors[0]).startswith("bad.json，第3条意见，字段“提出人类别”：提出人类别应为")


def test_header_errors_are_not_given_a_row() -> None:
    """A missing header key is reported once, naming both spellings, with no invented row."""
    obj = chinese(ENGLISH)
    del obj["联络站编号"]
    parsed = read_comment_file(dump(obj), "bad.json")
    assert [(e.row, e.column) for e in parsed.errors] == [(None, "联络站编号")]
    assert "“station”（或“联络站编号”）" in str(parsed.errors[0])
    assert "行" not in str(parsed.errors[0])


def test_unknown_key_is_named_as_written() -> None:
    """A key that is neither an English field nor a column name is named in the report."""
    obj = chinese(ENGLISH)
    obj["意见"][2]["备注"] = "无"
    parsed = read_comment_file(dump(obj), "bad.json")
    assert [str(e) for e in parsed.errors] == [
        "bad.json，第3条意见，字段“备注”：未知字段“备注”：请按 schemas/comment-file.schema.json 填写"
    ]


def test_schema_documents_both_spellings() -> None:
    """Every Chinese key is a property of the schema, and required fields accept either name."""
    schema = comment_file_schema()
    top = schema["properties"]
    row_def = schema["$defs"]["CommentRow"]
    for key, zh in FILE_KEY_ALIASES.items():
        assert zh in top
        assert key in top
        assert top[zh].get("type") == top[key].get("type")
    for key, zh in ROW_KEY_ALIASES.items():
        assert zh in row_def["properties"]
        assert key in row_def["properties"]
    assert row_def["allOf"] == [{"anyOf": [{"required": ["opinion"]}, {"required": ["意见建议"]}]}]
    assert "required" not in row_def
    assert row_def["additionalProperties"] is False


def test_unknown_station_in_json_names_the_key_not_a_row(ws: Workspace, tmp_path: Path) -> None:
    """A JSON file from an unregistered station is rejected naming 联络站编号, with no row."""
    obj = chinese(ENGLISH)
    obj["联络站编号"] = "NOPE-99"
    path = tmp_path / "nope.json"
    path.write_bytes(dump(obj))
    result = CommentService(ws).ingest([path], actor="测试")[0]
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [(None, "联络站编号")]
    text = str(result.errors[0])
    assert "字段“联络站编号”" in text
    assert "行" not in text.split("：", 1)[0]
