"""pydantic's validation errors told in Chinese: what is wrong with a value, without library English.

`validation_message` turns one error (``ValidationError.errors()[i]``) into a short Chinese
phrase; `where` names its location (``children[0].uid`` → ``第1个子节点的 uid``). Readers of
files from outside (draft JSON, comment files) build their messages from these.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from pydantic_core import ErrorDetails

__all__ = ["first_problem", "validation_message", "where"]

_TYPES: dict[str, str] = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（[...]）",
    "tuple_type": "应为列表（[...]）",
    "dict_type": "应为对象（{...}）",
    "model_type": "应为对象（{...}）",
    "model_attributes_type": "应为对象（{...}）",
    "none_required": "应为空（null）",
    "datetime_type": "应为日期时间",
    "datetime_parsing": "应为日期时间（如 2026-01-02T03:04:05+00:00）",
    "datetime_from_date_parsing": "应为日期时间（如 2026-01-02T03:04:05+00:00）",
    "union_tag_invalid": "种类（kind）不是可用的值",
    "union_tag_not_found": "缺少种类（kind）",
}


def validation_message(err: ErrorDetails) -> str:
    """One validation error as a Chinese phrase (without where it is; see `where`)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "缺少必填项"
    if kind == "extra_forbidden":
        return "是未知字段，请删除或改正字段名"
    if kind in _TYPES:
        return _TYPES[kind]
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "'、'").replace("', '", "'、'")
        return f"只能是 {expected} 之一"
    if kind == "string_pattern_mismatch":
        return "格式不对"
    if kind == "string_too_long":
        return f"过长（上限 {ctx.get('max_length', '?')} 字）"
    if kind == "string_too_short":
        return (
            "不能为空" if ctx.get("min_length") == 1 else f"过短（至少 {ctx.get('min_length')} 字）"
        )
    if kind in ("too_long", "too_short"):
        return "项数不符合要求"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return "数值超出允许的范围"
    if kind in ("value_error", "assertion_error"):
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return message if _has_cjk(message) else "取值不符合要求"
    if kind == "json_invalid":
        return "JSON 格式错误"
    if kind == "recursion_loop":
        return "嵌套层次过深"
    return "取值不符合要求"


def where(loc: Sequence[int | str]) -> str:
    """A location path as people read it: ``children → 第1项 → uid``."""
    parts = [f"第{part + 1}项" if isinstance(part, int) else str(part) for part in loc]
    return " → ".join(parts) if parts else "顶层"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def first_problem(exc: ValidationError) -> str:
    """The first error of ``exc`` with where it is, and how many more there are, in Chinese."""
    errors = exc.errors()
    if not errors:
        return "取值不符合要求"
    first = errors[0]
    text = validation_message(first)
    if first["loc"]:
        text = f"{where(first['loc'])} {text}"
    return text + (f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else "")
