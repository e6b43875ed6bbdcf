"""The compare screen: two rounds aligned, stepping through the changes, the timeline."""

from __future__ import annotations

from tests.support.pilot import pause, settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.widgets.change_list import ChangeList
from workbench.tui.widgets.diff_view import DiffView
from workbench.tui.widgets.timeline import Timeline


async def test_compare_steps_through_the_changes(app: WorkbenchApp) -> None:
    """F4 compares 二审前 with 表决前; ctrl+n moves to the next change and shows its diff."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.old, screen.new) == (3, 4)
        changes = screen.query_one(ChangeList).changes
        assert changes
        assert all(not c.consequential for c in changes)
        assert screen.current == 0
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert screen.current == 1
        view = screen.query_one(DiffView)
        assert view.hunks
        assert view.labels[0].startswith("草案修改稿")
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert screen.current == 0


async def test_first_article_shows_its_timeline_and_inline_diff(app: WorkbenchApp) -> None:
    """The purpose clause changed before the vote: four steps, the last one edited."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        first = screen.query_one(ChangeList).changes[0]
        assert first.label == "第一条"
        assert first.kind == "修改"
        steps = screen.query_one(Timeline).steps
        assert [s.stage for s in steps] == ["草案建议稿", "草案", "草案修改稿", "表决稿"]
        assert [s.status for s in steps] == ["初始", "未变", "未变", "修改"]
        assert [s.changed for s in steps] == [False, False, False, True]
        assert any(h.op == "insert" for h in steps[-1].hunks)
        assert all(h.op == "equal" for h in steps[1].hunks)
        await pilot.press("ctrl+t")
        assert screen.query_one(DiffView).has_class("-inline")


async def test_renumbering_can_be_shown_and_versions_changed(app: WorkbenchApp) -> None:
    """r shows the consequential renumberings; o compares from another round."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        hidden = len(screen.query_one(ChangeList).changes)
        await pilot.press("r")
        await settle(app, pilot)
        shown = screen.query_one(ChangeList).changes
        assert len(shown) > hidden
        assert any(c.consequential for c in shown)
        await pilot.press("o")
        await settle(app, pilot)
        assert (screen.old, screen.new) == (1, 4)
        kinds = {c.kind for c in screen.query_one(ChangeList).changes}
        assert {"新增", "删除", "修改"} <= kinds


async def test_any_two_versions_can_be_picked_by_name(app: WorkbenchApp) -> None:
    """v asks for two versions; 立项前 and 初审前 by name compares 1 with 2."""
    from textual.widgets import Input

    from workbench.tui.screens.dialogs import PromptDialog

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("v")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        dialog.query_one(Input).value = "立项前 初审前"
        await pilot.press("enter")
        await settle(app, pilot)
        assert (screen.old, screen.new) == (1, 2)
        kinds = {c.kind for c in screen.query_one(ChangeList).changes}
        assert "删除" in kinds
