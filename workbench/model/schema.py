"""JSON Schemas generated from the models, written to ``schemas/`` by ``workbench schema``.

A test compares the committed files with what the models generate now, so the published schema
never drifts from the code.
"""

from __future__ import annotations

import json
from typing import Any

from workbench.model.nodes import Document

__all__ = ["draft_schema", "schema_text"]


def draft_schema() -> dict[str, Any]:
    """The JSON Schema of a `Document` (a draft as ``workbench parse --format json`` prints it)."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://workbench.example/schemas/draft.schema.json"
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """Serialise a schema the way the committed files are written (stable, UTF-8, LF)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
