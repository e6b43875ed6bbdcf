"""The screen tabs under the title, and a footer that fits a 120-column terminal on every screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.support.pilot import settle, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.commands import COMMANDS
from workbench.tui.widgets.screen_tabs import ScreenTabs, screen_commands

SCREEN_KEYS = [("f3", "draft"), ("f4", "compare"), ("f5", "triage"), ("f6", "matrix")]
SCREEN_KEYS += [("f7", "edit"), ("f8", "export"), ("f2", "projects")]


def test_the_tabs_name_every_screen_command() -> None:
    """Every app-wide ``show(...)`` command is a tab, in the list's order, and not in the footer."""
    shown = [name for name, _ in screen_commands()]
    assert shown == ["projects", "draft", "compare", "triage", "matrix", "edit", "export"]
    for _, command in screen_commands():
        assert not command.show, command.id


def _scope(app: WorkbenchApp) -> str:
    """The command scope of the screen shown (``draft``, ``compare`` ...)."""
    return str(getattr(app.screen, "SCOPE", ""))


def _on(app: WorkbenchApp, scope: str) -> Callable[[], bool]:
    return lambda: _scope(app) == scope


def _tabs_text(app: WorkbenchApp) -> str:
    return str(app.screen.query_one(ScreenTabs).render())


def _footer_fits(app: WorkbenchApp) -> None:
    """帮助 and 退出 are whole on the footer's line, left of the palette key."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = next(k for k in keys if k.has_class("-command-palette"))
    for wanted in ("f1", "ctrl+q"):
        key = next(k for k in keys if k.key == wanted)
        assert key.region.width > 0, f"{_scope(app)}: {wanted} not shown"
        assert key.region.right <= palette.region.x, f"{_scope(app)}: {wanted} cut off"


async def test_every_screen_has_the_tabs_and_a_footer_that_fits(app: WorkbenchApp) -> None:
    """At 120 columns each screen shows the seven tabs (its own marked) and keeps 帮助 visible."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        for key, scope in SCREEN_KEYS:
            await pilot.press(key)
            await wait_until(app, pilot, _on(app, scope), f"{scope} shown")
            tabs = app.screen.query_one(ScreenTabs)
            assert tabs.current == scope
            text = _tabs_text(app)
            for _, command in screen_commands():
                assert command.title in text, (scope, command.title)
            _footer_fits(app)


async def test_clicking_a_tab_switches_screens(app: WorkbenchApp) -> None:
    """A click on 对照 in the strip opens the compare screen, like f4."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await wait_until(app, pilot, _on(app, "draft"), "draft shown")
        title = next(c.title for c in COMMANDS if c.id == "app.compare")
        tabs = app.screen.query_one(ScreenTabs)
        column = _column_of(_tabs_text(app), title)
        await pilot.click(ScreenTabs, offset=(tabs.styles.padding.left + column, 0))
        await wait_until(app, pilot, _on(app, "compare"), "compare shown")


def _column_of(text: str, title: str) -> int:
    """The terminal column where ``title`` starts in ``text`` (CJK characters are two wide)."""
    from rich.cells import cell_len

    return cell_len(text[: text.index(title)])
