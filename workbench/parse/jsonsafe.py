"""JSON from outside, read safely: bounded nesting, Chinese errors, the control-character rule.

`load_json` parses with pydantic-core's parser, which refuses nesting deeper than about two
hundred levels with an error instead of exhausting the stack (``json.loads`` raises
``RecursionError``), and tells every error in Chinese with its line and column (`JsonError`).
`clean_strings` applies `workbench.controls.clean_text` to every string of the parsed value,
iteratively (no recursion), and says where it removed something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pydantic_core

from workbench.controls import clean_text, has_controls

__all__ = ["CleanedString", "JsonError", "clean_strings", "load_json"]


class JsonError(ValueError):
    """A file that is not JSON; ``message`` says what is wrong in Chinese, with the place."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        """What is wrong, in Chinese, with the line and column when known."""
        self.line = line
        """1-based line of the problem."""
        self.column = column
        """1-based column of the problem."""


_PLACE = re.compile(r"^(.*?) at line (\d+) column (\d+)$")
_MESSAGES: tuple[tuple[str, str], ...] = (
    ("recursion limit exceeded", "嵌套层次过深（超过约两百层），不是正常的文件"),
    ("EOF while parsing", "文件在中途结束（不完整）：缺少结尾的引号或括号"),
    ("expected `,` or `]`", "缺少逗号“,”或右方括号“]”"),
    ("expected `,` or `}`", "缺少逗号“,”或右花括号“}”"),
    ("expected `:`", "键名后缺少冒号“:”"),
    ("key must be a string", "对象的键名必须加双引号"),
    ("trailing comma", "最后一项后面多了逗号"),
    ("trailing characters", "JSON 结束后还有多余内容"),
    ("control character", "字符串中含有未转义的控制字符"),
    ("invalid escape", "字符串中有无效的转义（“\\”后的字符不对）"),
    ("hex escape", "字符串中有无效的 \\u 转义"),
    ("invalid unicode", "字符串中有无效的 \\u 转义"),
    ("invalid number", "数字写法不对"),
    ("number out of range", "数字超出范围"),
    ("expected value", "此处应为一个值（字符串、数字、对象或列表）"),
    ("expected ident", "此处应为 true、false 或 null"),
)


def load_json(data: bytes) -> Any:
    """Parse UTF-8 JSON bytes (a BOM is allowed).

    Raises:
        JsonError: Not UTF-8, or not JSON (message in Chinese, with line and column).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonError(f"不是 UTF-8 编码（第{exc.start + 1}字节起）：请以 UTF-8 保存") from exc
    try:
        return pydantic_core.from_json(data)
    except ValueError as exc:
        raise _explain(str(exc)) from exc


def _explain(text: str) -> JsonError:
    match = _PLACE.match(text)
    what = match.group(1) if match else text
    line = int(match.group(2)) if match else None
    column = int(match.group(3)) if match else None
    message = next((zh for en, zh in _MESSAGES if en in what), "JSON 格式错误")
    if line is not None:
        message = f"{message}（第{line}行第{column}列）"
    return JsonError(message, line, column)


@dataclass(frozen=True, slots=True)
class CleanedString:
    """A string `clean_strings` changed."""

    path: tuple[int | str, ...]
    """Where it is: keys and list positions from the top."""
    removed: tuple[str, ...]
    """What was removed, described for people (`workbench.controls.describe`)."""


def clean_strings(value: Any) -> tuple[Any, list[CleanedString]]:
    """``value`` with the control-character rule applied to every string in it (keys too).

    Lists and dicts are changed in place; a top-level string is returned cleaned.
    """
    found: list[CleanedString] = []

    def fix(text: str, path: tuple[int | str, ...]) -> str:
        if not has_controls(text):
            return text
        clean, removed = clean_text(text)
        if removed:
            found.append(CleanedString(path, removed))
        return clean

    if isinstance(value, str):
        return fix(value, ()), found
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str):
                    node[i] = fix(item, (*path, i))
                elif isinstance(item, list | dict):
                    stack.append((item, (*path, i)))
        elif isinstance(node, dict):
            for key in list(node):
                item = node[key]
                new_key = key
                if isinstance(key, str) and has_controls(key):
                    new_key, removed = clean_text(key)
                    found.append(CleanedString((*path, new_key), removed))
                if new_key != key:
                    del node[key]
                    node[new_key] = item
                if isinstance(item, str):
                    node[new_key] = fix(item, (*path, new_key))
                elif isinstance(item, list | dict):
                    stack.append((item, (*path, new_key)))
    found.sort(key=lambda c: tuple(str(p) for p in c.path))
    return value, found
