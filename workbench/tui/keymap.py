r"""A person's own keys: a TOML file that rebinds commands by id, read when the TUI starts.

The file lives in the user's configuration folder (`default_keymap_path`): on Linux and macOS
``$XDG_CONFIG_HOME/workbench/keymap.toml`` (``~/.config/workbench/keymap.toml``), on Windows
``%APPDATA%\workbench\keymap.toml``. Each line gives a command id (F1 lists them) and its new
keys, comma-separated Textual key names::

    "triage.adopt" = "1,y"        # 采纳 on 1 or y
    "draft.next" = "ctrl+n,j"
    [compare]                      # the same, grouped by screen
    mode = "ctrl+t,m"

The keys given replace the command's keys (they go to Textual's keymap support,
`App.set_keymap`). A file that names an unknown command, a key the terminal or a text field
takes, or a key already used by another command of the same screen is refused whole with a
message naming the file, the line and what to fix.
"""

from __future__ import annotations

import difflib
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.tui.commands import COMMANDS, RESERVED_KEYS, Command, keys_of

__all__ = ["KEYMAP_FILE", "KeymapError", "check_keymap", "default_keymap_path", "load_keymap"]

KEYMAP_FILE = "keymap.toml"
"""The keymap's file name inside the user's configuration folder."""

_KEY_ALIASES = {"?": "question_mark", "/": "slash", " ": "space", "+": "plus", "-": "minus"}
"""Characters a person may write for keys Textual names in words."""


class KeymapError(WorkbenchError):
    """The user's keymap file cannot be used as written."""


def default_keymap_path(
    environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Path:
    """Where the keymap lives on this system (it need not exist)."""
    env = os.environ if environ is None else environ
    if platform.startswith("win") and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "workbench" / KEYMAP_FILE
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "workbench" / KEYMAP_FILE


def load_keymap(path: Path) -> dict[str, str]:
    """Read and check the keymap at ``path`` (command id → keys); empty when there is no file.

    Raises:
        KeymapError: the file is not TOML, or names an unknown command, a reserved key or a key
            that clashes with another command of the same screen.
    """
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KeymapError(f"不是有效的 TOML 格式（{exc}）", file=str(path)) from exc
    keymap: dict[str, str] = {}
    for command_id, value in _flatten(data):
        line = _line_of(text, command_id)
        if not isinstance(value, str) or not value.strip():
            raise KeymapError(
                f'“{command_id}”的快捷键应写成带引号的文字，如 "ctrl+n,j"',
                file=str(path),
                line=line,
            )
        keymap[command_id] = _normalise(value)
    problems = check_keymap(keymap)
    if problems:
        command_id, message = problems[0]
        raise KeymapError(message, file=str(path), line=_line_of(text, command_id))
    return keymap


def check_keymap(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """What is wrong with ``keymap``: (command id, message in Chinese) pairs, in file order."""
    known = {c.id: c for c in COMMANDS}
    problems: list[tuple[str, str]] = []
    for command_id, keys in keymap.items():
        if command_id not in known:
            close = difflib.get_close_matches(command_id, known, n=1)
            hint = f"是否是“{close[0]}”？" if close else "命令编号见 F1 帮助。"
            problems.append((command_id, f"没有编号为“{command_id}”的命令，{hint}"))
            continue
        for key in keys.split(","):
            if key in RESERVED_KEYS:
                problems.append(
                    (
                        command_id,
                        f"“{key}”被终端或输入框占用（F10/F11 打开终端菜单或全屏，"
                        f"ctrl+a/c/d/e/k/u/v/w/x 用于编辑文字），请为“{command_id}”另选一个键",
                    )
                )
    if problems:
        return problems
    for scope in {c.scope for c in COMMANDS} - {"app"}:
        owners: dict[str, str] = {}
        for command in COMMANDS:
            if command.scope not in (scope, "app"):
                continue
            for key in keys_of(command, keymap).split(","):
                other = owners.get(key)
                if other is not None and _clash(known[other], command):
                    culprit = command.id if command.id in keymap else other
                    problems.append(
                        (
                            culprit,
                            f"“{key}”在同一界面上同时用于“{other}”和“{command.id}”，请另选一个键",
                        )
                    )
                owners.setdefault(key, command.id)
    return problems


def _clash(first: Command, second: Command) -> bool:
    """Two commands on one key clash unless a screen command overrides the app's of that name."""
    overrides = first.title == second.title and "app" in {first.scope, second.scope}
    return first.scope == second.scope or not overrides


def _flatten(data: Mapping[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """``{"compare": {"mode": "m"}}`` and ``{"compare.mode": "m"}`` both give ``compare.mode``."""
    out: list[tuple[str, object]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.extend(_flatten(value, f"{name}."))
        else:
            out.append((name, value))
    return out


def _normalise(keys: str) -> str:
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    return ",".join(_KEY_ALIASES.get(k, k.lower() if len(k) > 1 else k) for k in parts)


def _line_of(text: str, command_id: str) -> int | None:
    """The line that sets ``command_id`` (by its last part, for grouped tables)."""
    last = command_id.rsplit(".", 1)[-1]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("#", "[")):
            continue
        name = stripped.split("=", 1)[0].strip().strip("\"'")
        if "=" in stripped and name in (command_id, last):
            return number
    return None
