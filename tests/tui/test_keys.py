"""Keys as staff meet them: the decisions on the digits in the footer, a user keymap, the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Footer, Input
from textual.widgets._footer import FooterKey

from tests.support.pilot import FIXED_NOW, pause, settle, wait_until
from workbench.cli import _register, cli
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.keymap import KeymapError, default_keymap_path, load_keymap
from workbench.tui.screens.dialogs import ReasonDialog
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.workspace_session import WorkspaceSession
from workbench.workspace.workspace import Workspace

_register()


def _footer(app: WorkbenchApp) -> dict[str, str]:
    """What the footer shows: key → title."""
    keys = app.screen.query_one(Footer).query(FooterKey)
    return {k.key: k.description for k in keys if k.region.width > 0}


async def test_triage_opens_on_the_list_with_the_decision_digits_in_the_footer(
    app: WorkbenchApp,
) -> None:
    """F5 puts the cursor in the comment list; the footer reads 1 采纳 … 4 留作参考 and 帮助."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await wait_until(app, pilot, lambda: isinstance(app.screen, TriageScreen), "triage")
        await settle(app, pilot)
        assert app.screen.focused is app.screen.query_one("#triage-table")
        footer = _footer(app)
        assert {k: footer.get(k) for k in "1234"} == {
            "1": "采纳",
            "2": "部分采纳",
            "3": "未采纳",
            "4": "留作参考",
        }
        assert footer.get("f1") == "帮助"
        await pilot.press("down", "2")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert app.screen.decision == "部分采纳"


async def test_a_digit_typed_in_the_filter_is_text_not_a_decision(app: WorkbenchApp) -> None:
    """In the 查找 field digits are typed, not decisions; Enter filters and goes back to the list."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#f-text")
        await pilot.press(*"ST01")
        await pause(pilot)
        assert app.screen is screen
        assert screen.query_one("#f-text", Input).value == "ST01"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.focused is screen.query_one("#triage-table")
        assert screen.query_one("#f-station", Input).value == "ST01"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_user_keymap_rebinds_a_command_everywhere_it_shows(
    workspace: Workspace, tmp_path: Path
) -> None:
    """keymap.toml puts 采纳 on y: y decides, the footer and F1 help say y, 1 no longer does."""
    keymap = load_keymap(_write(tmp_path / "keymap.toml", '[triage]\nadopt = "y"\n'))
    assert keymap == {"triage.adopt": "y"}
    app = make_app(WorkspaceSession(workspace, "测试员"), clock=lambda: FIXED_NOW, keymap=keymap)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        assert _footer(app).get("y") == "采纳"
        assert "1" not in _footer(app)
        await pilot.press("1")
        await pause(pilot)
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("y")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert app.screen.decision == "采纳"
        await pilot.press("escape", "f1")
        await pause(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert next(r[:2] for r in rows if r[3] == "triage.adopt") == ["采纳", "Y"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('"draft.nxt" = "j"\n', 1, ["draft.nxt", "draft.next"]),
        ('# mine\n[triage]\nreject = "f10"\n', 3, ["f10", "终端"]),
        ('[edit]\nsave = "ctrl+v"\n', 2, ["ctrl+v", "编辑文字"]),
        ('[draft]\nnext = "p"\n', 2, ["“p”", "draft.prev"]),
        ("[draft]\nnext = 3\n", 2, ["带引号"]),
        ("[draft\n", None, ["TOML"]),
    ],
)
def test_a_keymap_that_cannot_work_is_refused_with_file_and_line(
    tmp_path: Path, text: str, line: int | None, words: list[str]
) -> None:
    """Unknown ids, the terminal's keys, text-editing keys and clashes are refused, located."""
    path = _write(tmp_path / "keymap.toml", text)
    with pytest.raises(KeymapError) as caught:
        load_keymap(path)
    assert caught.value.file == str(path)
    assert caught.value.line == line
    for word in words:
        assert word in caught.value.message


def test_the_keymap_lives_in_the_users_configuration_folder(tmp_path: Path) -> None:
    """XDG_CONFIG_HOME (or ~/.config) on Linux, %APPDATA% on Windows."""
    linux = default_keymap_path({"XDG_CONFIG_HOME": str(tmp_path)}, "linux")
    assert linux == tmp_path / "workbench" / "keymap.toml"
    home = default_keymap_path({"HOME": str(tmp_path)}, "darwin")
    assert home == tmp_path / ".config" / "workbench" / "keymap.toml"
    windows = default_keymap_path({"APPDATA": str(tmp_path)}, "win32")
    assert windows == tmp_path / "workbench" / "keymap.toml"


def test_open_refuses_a_broken_keymap_before_starting(tmp_path: Path) -> None:
    """``workbench open --keymap`` with a bad file exits non-zero naming the file and line."""
    path = _write(tmp_path / "keys.toml", '"triage.adopt" = "f11"\n')
    result = CliRunner().invoke(cli, ["open", "--keymap", str(path), str(tmp_path)])
    assert result.exit_code != 0
    assert "keys.toml" in result.stderr
    assert "第1行" in result.stderr
    assert "f11" in result.stderr


async def test_the_palette_speaks_chinese_only(app: WorkbenchApp) -> None:
    """ctrl+p lists the screen's commands in Chinese, none of Textual's English ones."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await wait_until(app, pilot, lambda: isinstance(app.screen, CommandPalette), "palette")
        palette = app.screen
        assert "查找" in str(palette.query_one(Input).placeholder)
        commands = palette.query_one(CommandList)
        await wait_until(app, pilot, lambda: commands.option_count > 10, "commands listed")
        titles = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        text = "\n".join(titles)
        for english in ("Keys", "Quit", "Theme", "Screenshot", "Maximize", "Search"):
            assert english not in text
        assert "采纳" in text
        assert "导出" in text
        await pilot.press(*"zzzz")
        await wait_until(
            app,
            pilot,
            lambda: (
                "没有符合的命令"
                in "".join(
                    str(commands.get_option_at_index(i).prompt)
                    for i in range(commands.option_count)
                )
            ),
            "no-match line in Chinese",
        )
