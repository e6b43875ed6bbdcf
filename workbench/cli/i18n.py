"""Chinese for the messages click itself prints (usage, help headings, usage errors).

click looks its messages up through ``gettext`` at call time via module-level ``_`` and
``ngettext`` names; no Chinese catalogue ships with it, so the CLI swaps those names for a
lookup in the table below. Messages not in the table pass through unchanged.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = ["CLICK_MODULES", "MESSAGES", "install"]

MESSAGES: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受取值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Invalid value: {message}": "取值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是不是要输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要输入其中之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "integer": "整数",
    "float": "数字",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在，请检查路径。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录，请给出文件。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，请给出目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取，请检查权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入，请检查权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已中止。",
    "Do you want to continue?": "是否继续？",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
}
"""click's English messages (as written in its source) and their Chinese."""

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)
"""The click modules whose message functions `install` replaces."""


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click print its own messages in Chinese (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        replacements: dict[str, Callable[..., str]] = {"_": _gettext, "ngettext": _ngettext}
        for attr, fn in replacements.items():
            if hasattr(module, attr):
                setattr(module, attr, fn)
