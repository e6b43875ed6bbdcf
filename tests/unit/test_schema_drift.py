"""The committed JSON Schemas equal what the models generate."""

from __future__ import annotations

from pathlib import Path

from workbench.model.schema import draft_schema, schema_text

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_draft_schema_has_not_drifted() -> None:
    """schemas/draft.schema.json is regenerated whenever Document changes (workbench schema)."""
    committed = (SCHEMAS / "draft.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(draft_schema()), "run `workbench schema` and commit schemas/"
