"""A draft as JSON (what ``workbench show --format json`` prints) read back into a `Document`.

The file is untrusted like any other: nesting is bounded, errors are told in Chinese, and the
control-character rule applies to every string (a warning names where something was removed).
"""

from __future__ import annotations

from pydantic import ValidationError

from workbench.errors import ParseError
from workbench.model import Document
from workbench.model.messages import first_problem, where
from workbench.parse.jsonsafe import JsonError, clean_strings, load_json

__all__ = ["parse_draft_json"]


def parse_draft_json(data: bytes, *, source: str | None = None) -> Document:
    """Read a draft JSON file.

    Raises:
        ParseError: Not JSON, too deeply nested, or not a draft (what and where, in Chinese).
    """
    try:
        obj = load_json(data)
    except JsonError as exc:
        raise ParseError(f"不是有效的草案 JSON：{exc.message}", file=source) from exc
    obj, cleaned = clean_strings(obj)
    if isinstance(obj, dict) and cleaned:
        notes = obj.setdefault("diagnostics", [])
        if isinstance(notes, list):
            notes.extend(
                {
                    "severity": "warning",
                    "code": "control-characters",
                    "message": f"{where(c.path)}：删除了看不见的控制字符（{'、'.join(c.removed)}）",
                }
                for c in cleaned
            )
    try:
        return Document.model_validate(obj)
    except ValidationError as exc:
        raise ParseError(f"不是有效的草案 JSON：{first_problem(exc)}", file=source) from exc
