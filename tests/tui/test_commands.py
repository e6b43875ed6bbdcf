"""The one command list: every command names a real action, and a key has one meaning."""

from __future__ import annotations

from collections import defaultdict

import pytest

from workbench.tui.app import WorkbenchApp
from workbench.tui.commands import (
    COMMANDS,
    GENERIC_KEYS,
    RESERVED_KEYS,
    Command,
    bindings_for,
)
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.coverage import CoverageScreen
from workbench.tui.screens.dialogs import (
    ChoiceDialog,
    CommentDialog,
    PromptDialog,
    ReasonDialog,
    TextDialog,
)
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.screens.edit import EditScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.files import FileDialog
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.ingest import IngestDialog
from workbench.tui.screens.matrix import MatrixScreen
from workbench.tui.screens.projects import ProjectsScreen
from workbench.tui.screens.triage import TriageScreen

OWNERS: dict[str, tuple[type, ...]] = {
    "app": (WorkbenchApp,),
    "projects": (ProjectsScreen,),
    "draft": (DraftScreen,),
    "compare": (CompareScreen,),
    "triage": (TriageScreen,),
    "matrix": (MatrixScreen,),
    "edit": (EditScreen,),
    "export": (ExportScreen,),
    "dialog": (ReasonDialog, PromptDialog, ChoiceDialog, FileDialog),
    "text": (TextDialog,),
    "detail": (CommentDialog,),
    "help": (HelpScreen,),
    "coverage": (CoverageScreen,),
    "ingest": (IngestDialog,),
}
"""Who runs each scope's commands."""


def _keys(command: Command) -> list[str]:
    return [k.strip() for k in command.keys.split(",")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.id)
def test_every_command_has_its_action(command: Command) -> None:
    """The action a command runs exists on the screen (or app, or dialog) it belongs to."""
    name = command.action.split("(", 1)[0]
    for owner in OWNERS[command.scope]:
        assert hasattr(owner, f"action_{name}"), (command.id, owner.__name__)


def test_a_key_has_one_meaning_on_every_screen() -> None:
    """Wherever a key is bound it carries the same title (only the generic keys act on the
    selection, whatever it is)."""
    titles: dict[str, set[str]] = defaultdict(set)
    for command in COMMANDS:
        for key in _keys(command):
            titles[key].add(command.title)
    clashes = {
        key: sorted(names)
        for key, names in titles.items()
        if len(names) > 1 and key not in GENERIC_KEYS
    }
    assert clashes == {}


def test_no_command_takes_a_key_of_the_terminal_or_of_a_text_field() -> None:
    """F10, F11 and the text-editing ctrl keys (cut, paste, delete ...) stay theirs."""
    taken = {(c.id, k) for c in COMMANDS for k in _keys(c) if k in RESERVED_KEYS}
    assert taken == set()


@pytest.mark.parametrize("scope", [s for s in OWNERS if s != "app"])
def test_no_key_runs_two_commands_on_a_screen(scope: str) -> None:
    """Within a screen plus the app-wide commands, each key runs one command; a screen may only
    take over an app key for the same meaning (F8 导出 writes the file on the export screen)."""
    owners: dict[str, list[Command]] = defaultdict(list)
    for command in COMMANDS:
        if command.scope in (scope, "app"):
            for key in _keys(command):
                owners[key].append(command)
    doubled = {
        key: [c.id for c in cs]
        for key, cs in owners.items()
        if len(cs) > 1
        and not (
            len(cs) == 2 and {c.scope for c in cs} == {scope, "app"} and cs[0].title == cs[1].title
        )
    }
    assert doubled == {}


def test_the_decisions_sit_on_the_number_keys_shown_first() -> None:
    """采纳/部分采纳/未采纳/留作参考 are 1–4, the key the footer shows."""
    decisions = {c.title: _keys(c)[0] for c in COMMANDS if c.scope == "triage" and c.show}
    assert {decisions[t] for t in ("采纳", "部分采纳", "未采纳", "留作参考")} == {
        "1",
        "2",
        "3",
        "4",
    }


def test_screens_take_their_bindings_from_the_list() -> None:
    """Each screen's and dialog's BINDINGS are the list's, ids included (a keymap rebinds them)."""
    for scope, owners in OWNERS.items():
        ids = {b.id for b in bindings_for(scope)}  # type: ignore[union-attr]
        for owner in owners:
            assert ids == {b.id for b in owner.BINDINGS}, (scope, owner)  # type: ignore[attr-defined]
        assert all(i and i.startswith(f"{scope}.") for i in ids)


def test_every_title_and_help_is_chinese() -> None:
    """What the footer, palette and help show is Chinese text."""
    for command in COMMANDS:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in command.title), command.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in command.help), command.id
