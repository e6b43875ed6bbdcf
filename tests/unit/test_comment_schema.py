"""The committed comment-file JSON Schema equals what the models generate."""

from __future__ import annotations

from pathlib import Path

from workbench.comments import SCHEMA_FILE, comment_file_schema, comment_file_schema_text

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_comment_file_schema_has_not_drifted() -> None:
    """schemas/comment-file.schema.json is regenerated whenever CommentFile changes."""
    committed = (SCHEMAS / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == comment_file_schema_text(), "run `workbench schema` and commit schemas/"


def test_schema_describes_the_columns_in_chinese() -> None:
    """Field descriptions come from the attribute docstrings (意见建议, 条款 ...)."""
    schema = comment_file_schema()
    row = schema["$defs"]["CommentRow"]["properties"]
    assert "意见建议" in row["opinion"]["description"]
    assert schema["allOf"] == [
        {"anyOf": [{"required": [key]}, {"required": [zh]}]}
        for key, zh in (
            ("station", "联络站编号"),
            ("project", "项目"),
            ("version", "版本"),
            ("comments", "意见"),
        )
    ]
