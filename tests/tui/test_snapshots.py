"""Layout snapshots of the main screens on the demo (fixed size, fixed data, no cursor blink)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.tui.test_draft import settle
from workbench.tui.app import WorkbenchApp

SIZE = (120, 36)

SnapCompare = Callable[..., bool]


def test_draft_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the outline with counts, 第十条 with its text, and its four comments."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        for _ in range(9):
            await pilot.press("ctrl+n")
            await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_compare_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the changes 二审前 → 表决前, 第二十二条 side by side, and its timeline."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_triage_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the filter line, every comment with its clause and decision, and details."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_export_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the 修改对照表 form: kind, 原版本 第3版, 修改后版本 第4版, 范围, Word format."""

    async def run_before(pilot: Pilot[None]) -> None:
        from textual.widgets import Select

        await settle(app, pilot)
        await pilot.press("ctrl+x")
        await settle(app, pilot)
        app.screen.query_one("#export-kind", Select).value = "compare"
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
