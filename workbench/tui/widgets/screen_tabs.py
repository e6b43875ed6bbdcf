"""The strip under the title naming every screen with its key; the current one stands out.

Generated from the app-wide ``show(...)`` commands of `workbench.tui.commands.COMMANDS`, so it
cannot drift from what the keys do. The footer then has room for the screen's own commands:
with the seven screen keys in it too, it was cut at 120 columns and hid 帮助 on some screens.
A tab can be clicked as well.
"""

from __future__ import annotations

import re

from textual.widgets import Static

from workbench.tui.commands import COMMANDS, Command, keys_of

__all__ = ["ScreenTabs", "screen_commands"]

_SHOW = re.compile(r"show\('(\w+)'\)")


def screen_commands() -> list[tuple[str, Command]]:
    """(screen name, command) of every app-wide command that switches screens, in order."""
    out = []
    for command in COMMANDS:
        found = _SHOW.fullmatch(command.action) if command.scope == "app" else None
        if found is not None:
            out.append((found.group(1), command))
    return out


def _key(keys: str) -> str:
    """The first key as the footer writes it: ``f2``, ``^x``."""
    first = keys.split(",")[0]
    return "^" + first.removeprefix("ctrl+") if first.startswith("ctrl+") else first


class ScreenTabs(Static):
    """One line: ``f2 项目  f3 草案 …``, the screen ``current`` highlighted."""

    def __init__(self, current: str) -> None:
        super().__init__(id="screen-tabs")
        self.current = current
        """The screen this strip sits on."""

    def on_mount(self) -> None:
        """Write the tabs, with the keys of the user's keymap where it rebinds them."""
        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        tabs = []
        for name, command in screen_commands():
            key = _key(keys_of(command, keymap))
            if name == self.current:
                tabs.append(f"[b reverse]{key} {command.title}[/]")
            else:
                tabs.append(f"[@click=app.show('{name}')][b $accent]{key}[/] {command.title}[/]")
        self.update("  ".join(tabs))
