"""The one command list: every command names a real action, and no key does two things."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.tui.app import WorkbenchApp
from workbench.tui.commands import COMMANDS, bindings_for
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.screens.edit import EditScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.matrix import MatrixScreen
from workbench.tui.screens.projects import ProjectsScreen
from workbench.tui.screens.triage import TriageScreen

OWNERS: dict[str, type] = {
    "app": WorkbenchApp,
    "projects": ProjectsScreen,
    "draft": DraftScreen,
    "compare": CompareScreen,
    "triage": TriageScreen,
    "matrix": MatrixScreen,
    "edit": EditScreen,
    "export": ExportScreen,
}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.id)
def test_every_command_has_its_action(command: object) -> None:
    """The action a command runs exists on the screen (or app) it belongs to."""
    from workbench.tui.commands import Command

    assert isinstance(command, Command)
    name = command.action.split("(", 1)[0]
    assert hasattr(OWNERS[command.scope], f"action_{name}"), command.id


@pytest.mark.parametrize("scope", [s for s in OWNERS if s != "app"])
def test_no_key_is_bound_twice_on_a_screen(scope: str) -> None:
    """Within a screen plus the app-wide commands, each key runs one command only."""
    keys = Counter(
        key.strip() for c in COMMANDS if c.scope in (scope, "app") for key in c.keys.split(",")
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_screens_take_their_bindings_from_the_list() -> None:
    """Each screen's BINDINGS are the list's, ids included (so a keymap can rebind them)."""
    for scope, owner in OWNERS.items():
        ids = {b.id for b in bindings_for(scope)}  # type: ignore[union-attr]
        assert ids == {b.id for b in owner.BINDINGS}, scope  # type: ignore[attr-defined]
        assert all(i and i.startswith(f"{scope}.") for i in ids)


def test_every_title_and_help_is_chinese() -> None:
    """What the footer, palette and help show is Chinese text."""
    for command in COMMANDS:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in command.title), command.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in command.help), command.id
