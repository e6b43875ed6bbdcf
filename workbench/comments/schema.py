"""The JSON Schema of a comment file.

Generated from `CommentFile` into
``schemas/comment-file.schema.json`` (a test fails when the committed file drifts).

Run ``python -m workbench.comments.schema`` (or ``workbench schema``) to rewrite it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from workbench.model.comments import CommentFile

__all__ = ["SCHEMA_FILE", "comment_file_schema", "comment_file_schema_text"]

SCHEMA_FILE = "comment-file.schema.json"
"""The schema's file name in ``schemas/``."""


def comment_file_schema() -> dict[str, Any]:
    """The JSON Schema of a comment file (`CommentFile`)."""
    schema = CommentFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://workbench.example/schemas/comment-file.schema.json"
    schema["title"] = "意见建议表（JSON）"
    return schema


def comment_file_schema_text() -> str:
    """The schema serialised as committed (stable key order, UTF-8, LF)."""
    return json.dumps(comment_file_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas") / SCHEMA_FILE
    target.write_text(comment_file_schema_text(), encoding="utf-8")
