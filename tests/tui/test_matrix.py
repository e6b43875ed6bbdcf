"""The 四前四方 matrix screen: statuses and counts, advancing a cell."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.support.pilot import pause, settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.matrix import MatrixScreen
from workbench.workspace.workspace import Workspace


async def test_matrix_shows_statuses_and_party_comments(app: WorkbenchApp) -> None:
    """F6 shows four nodes × four parties with the demo's statuses and the parties' comments."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        assert screen.matrix is not None
        assert screen.matrix.cell("立项前", "政府起草部门").status == "已会商"
        assert screen.counts[("立项前", "政府起草部门")] == 2
        assert screen.counts[("表决前", "司法行政部门")] == 1
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        assert len(table.columns) == 5


async def test_enter_advances_the_cell_under_the_cursor(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """Space on 表决前 × 政府起草部门 moves it from 未征求 to 已征求, stored in the workspace."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=3, column=1)
        await settle(app, pilot)
        await pilot.press("space")
        await settle(app, pilot)
        assert workspace.matrix("juja-yanglao").cell("表决前", "政府起草部门").status == "已征求"
        assert screen.matrix is not None
        assert screen.matrix.cell("表决前", "政府起草部门").status == "已征求"


async def test_the_consultation_record_is_written_from_a_dialog(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """Enter on a cell opens its 会商 record; ctrl+s stores it with the status unchanged."""
    from textual.widgets import TextArea

    from workbench.tui.screens.dialogs import TextDialog

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        screen.query_one(DataTable).move_cursor(row=1, column=2)
        await settle(app, pilot)
        await pilot.press("enter")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        dialog.query_one(TextArea).text = "司法局同意罚则调整，建议核实上位法幅度。"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        cell = workspace.matrix("juja-yanglao").cell("初审前", "司法行政部门")
        assert cell.record == "司法局同意罚则调整，建议核实上位法幅度。"
        assert cell.status == "已会商"


async def test_quick_presses_all_land_in_order_and_stop_at_the_last_status(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """Four quick spaces on a 未征求 cell: three steps to 已会商, the fourth refused with a word;
    each step is one audit entry, none lost, nothing wraps back to 未征求."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        screen.query_one(DataTable).move_cursor(row=3, column=1)
        await settle(app, pilot)
        before = len(workspace.audit_log("juja-yanglao"))
        await pilot.press("space", "space", "space", "space")  # no settling in between
        await settle(app, pilot)
        assert workspace.matrix("juja-yanglao").cell("表决前", "政府起草部门").status == "已会商"
        assert screen.matrix is not None
        assert screen.matrix.cell("表决前", "政府起草部门").status == "已会商"
        entries = workspace.audit_log("juja-yanglao")[before:]
        steps = [(e.payload["old_status"], e.payload["status"]) for e in entries]
        assert steps == [("未征求", "已征求"), ("已征求", "已反馈"), ("已反馈", "已会商")]
        assert any("不能再推进" in n.message for n in app._notifications)


async def test_going_back_asks_first_and_is_audited(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """Backspace on 已会商 asks; Esc keeps it, choosing 退回 sets 已反馈 and logs it."""
    from workbench.tui.screens.dialogs import ChoiceDialog

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        screen.query_one(DataTable).move_cursor(row=0, column=1)
        await settle(app, pilot)
        await pilot.press("backspace")
        await pause(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert workspace.matrix("juja-yanglao").cell("立项前", "政府起草部门").status == "已会商"
        before = len(workspace.audit_log("juja-yanglao"))
        await pilot.press("backspace")
        await pause(pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert workspace.matrix("juja-yanglao").cell("立项前", "政府起草部门").status == "已反馈"
        (entry,) = workspace.audit_log("juja-yanglao")[before:]
        assert entry.action == "set_cell"
        assert (entry.payload["old_status"], entry.payload["status"]) == ("已会商", "已反馈")


def test_a_change_from_a_stale_screen_is_refused(workspace: Workspace) -> None:
    """A cell changed elsewhere since the screen read it is not overwritten."""
    import pytest

    from workbench.errors import StoreError

    workspace.set_cell("juja-yanglao", "表决前", "政府起草部门", "已征求", actor="甲")
    with pytest.raises(StoreError, match="已被改为“已征求”"):
        workspace.set_cell(
            "juja-yanglao", "表决前", "政府起草部门", "已征求", actor="乙", expected="未征求"
        )
    assert workspace.matrix("juja-yanglao").cell("表决前", "政府起草部门").updated_by == "甲"


async def test_the_stage_line_says_where_the_project_stands(app: WorkbenchApp) -> None:
    """Above the matrix: the stages passed, the current one, what is next and the open node."""
    from workbench.tui.widgets.stage_line import StageLine

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        line = str(app.screen.query_one(StageLine).render())
        assert "✓一审 › ✓二审 › ●表决 › ○批准 › ·公布" in line
        assert "三审" not in line  # the demo takes two readings
        assert "现状：表决（表决稿）进行中，下一步：批准" in line
        assert "会商中：表决前（4项未会商）" in line
