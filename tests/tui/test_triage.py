"""The triage screen: filters, duplicate clusters, deciding with a reason, placing a stray."""

from __future__ import annotations

from textual.widgets import Input

from tests.support.pilot import pause, settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.dialogs import PromptDialog, ReasonDialog
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.widgets.comment_list import CommentList
from workbench.workspace.comments import CommentService
from workbench.workspace.workspace import Workspace


async def test_deciding_a_comment_records_the_reason(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """3 on an undecided comment asks for the reason and records 未采纳 with it."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        table = screen.query_one(CommentList)
        assert table.total == 35
        undecided = next(i for i, r in enumerate(table.comments) if not r.decision)
        table.move_cursor(row=undecided)
        await settle(app, pilot)
        comment_id = table.comments[undecided].id
        await pilot.press("3")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        dialog.query_one("#reason", Input).value = "上位法已有规定"
        await pilot.press("enter")
        await settle(app, pilot)
        views, _ = CommentService(workspace).comments("juja-yanglao", ids=[comment_id])
        assert views[0].decision == "未采纳"
        assert views[0].decision_reason == "上位法已有规定"
        assert screen.query_one(CommentList).comments[undecided].decision == "未采纳"
        assert screen.query_one(CommentList).cursor_row == undecided


async def test_rejecting_without_a_reason_is_refused(app: WorkbenchApp) -> None:
    """未采纳 needs a reason: the dialog stays open when it is empty."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        await pilot.press("3")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, TriageScreen)


async def test_cluster_decision_covers_every_duplicate(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """With the cluster view on, 采纳 on one form letter decides all three copies."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("g")
        await settle(app, pilot)
        table = screen.query_one(CommentList)
        assert table.comments
        assert all(r.cluster is not None for r in table.comments)
        cluster = table.comments[-1].cluster
        table.move_cursor(row=len(table.comments) - 1)
        await settle(app, pilot)
        await pilot.press("1")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        views, _ = CommentService(workspace).comments("juja-yanglao")
        members = [v for v in views if v.cluster == cluster]
        assert len(members) >= 2
        assert {v.decision for v in members} == {"采纳"}
        # the demo had decided one copy 部分采纳: the screen says it was changed too
        toasts = [n.message for n in app._notifications]
        assert any("原为部分采纳" in text for text in toasts), toasts


async def test_unplaced_comment_can_be_placed(app: WorkbenchApp, workspace: Workspace) -> None:
    """s filters the unplaced ones; ctrl+l places one on 第十条 of the version shown."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("s", "s")
        await settle(app, pilot)
        assert screen.where.state == "unplaced"
        table = screen.query_one(CommentList)
        assert table.total == 3
        assert {r.target for r in table.comments} == {"未定位"}
        comment_id = table.comments[0].id
        await pilot.press("ctrl+l")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        dialog.query_one(Input).value = "第十条"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.query_one(CommentList).total == 2
        views, _ = CommentService(workspace).comments("juja-yanglao", 4, ids=[comment_id])
        assert views[0].state == "placed"
        assert views[0].target == "第十条"


async def test_station_filter_narrows_the_list(app: WorkbenchApp) -> None:
    """Typing a station code in the filter and Enter lists only that station's comments."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("ctrl+f")
        await pilot.press(*"ST04", "enter")
        await settle(app, pilot)
        table = screen.query_one(CommentList)
        assert table.total == 4
        assert {r.source for r in table.comments} == {"阜康市博峰街道"}


async def test_screen_keys_wait_while_a_dialog_is_open(app: WorkbenchApp) -> None:
    """F4 inside the reason dialog does not leave it; Esc returns to the triage screen."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        await pilot.press("1")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("f4")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, TriageScreen)
