"""The help screen: every command of the current screen and the app-wide ones, with their keys.

Generated from `workbench.tui.commands.COMMANDS`, the same list the bindings, the footer and
the palette come from, so it cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from workbench.tui.commands import COMMANDS, bindings_for, keys_of

__all__ = ["HelpScreen", "key_label"]

_KEY_NAMES = {
    "ctrl": "Ctrl",
    "shift": "Shift",
    "up": "↑",
    "down": "↓",
    "enter": "Enter",
    "escape": "Esc",
    "space": "空格",
    "insert": "Insert",
    "delete": "Delete",
    "backspace": "Backspace",
    "question_mark": "?",
    "slash": "/",
}


def key_label(keys: str) -> str:
    """``ctrl+n,n`` → ``Ctrl+N / N``: the keys as a person reads them."""
    out = []
    for key in keys.split(","):
        parts = [_KEY_NAMES.get(p, p.upper() if len(p) <= 3 else p) for p in key.split("+")]
        out.append("+".join(parts))
    return " / ".join(out)


class HelpScreen(ModalScreen[None]):
    """A table of commands: name, keys, what it does."""

    BINDINGS = bindings_for("help")

    def __init__(self, scope: str, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.scope = scope
        """The screen whose commands are listed first."""
        self.keymap = dict(keymap or {})
        """The user's keys, shown instead of the defaults they replace."""

    def compose(self) -> ComposeResult:
        """Title and table."""
        with Vertical(classes="dialog help"):
            yield Label(
                "快捷键与命令（Esc 关闭；ctrl+p 打开命令面板；按编号在 keymap.toml 中改键）",
                classes="title",
            )
            yield DataTable(id="help-table", cursor_type="row")

    def on_mount(self) -> None:
        """Fill the table: this screen's commands, then the app-wide ones."""
        table = self.query_one(DataTable)
        table.add_columns("命令", "快捷键", "说明", "编号")
        for command in (
            *(c for c in COMMANDS if c.scope == self.scope),
            *(c for c in COMMANDS if c.scope == "app"),
        ):
            keys = key_label(keys_of(command, self.keymap))
            table.add_row(command.title, keys, command.help, command.id)
        table.focus()
