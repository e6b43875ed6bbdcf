"""Layout snapshots of the main screens on the demo (fixed size, fixed data, no cursor blink)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.support.pilot import settle, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.comment_list import CommentList
from workbench.tui.widgets.diff_view import DiffView
from workbench.tui.widgets.timeline import Timeline

SIZE = (120, 36)

SnapCompare = Callable[..., bool]


def test_draft_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the outline with counts, 第十条 with its text, and its four comments."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        for _ in range(9):
            await pilot.press("ctrl+n")
            await settle(app, pilot)

        def shown() -> bool:
            path = app.screen.query_one(ArticleView).path
            comments = app.screen.query_one(CommentList).comments
            return (
                path is not None
                and len(path) > 0
                and path[-1].num == "第十条"
                and len(comments) == 4
            )

        await wait_until(app, pilot, shown, "第十条 and its four comments")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_compare_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the changes 二审前 → 表决前, 第二十二条 side by side, and its timeline."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        await pilot.press("f4")
        await wait_until(
            app,
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.alignment is not None,
            "the changes between 二审前 and 表决前",
        )
        await pilot.press("ctrl+n", "ctrl+n")

        def shown() -> bool:
            screen = app.screen
            return (
                isinstance(screen, CompareScreen)
                and screen.current == 2
                and "第二十二条" in screen.query_one(DiffView).labels[1]
                and len(screen.query_one(Timeline).steps) > 0
            )

        await wait_until(app, pilot, shown, "第二十二条 side by side with its timeline")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_triage_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the filter line, every comment with its clause and decision, and details."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        await pilot.press("f5")

        def shown() -> bool:
            screen = app.screen
            return isinstance(screen, TriageScreen) and screen.detail is not None

        await wait_until(app, pilot, shown, "the comment list and the first comment's details")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_export_screen_layout(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see the 修改对照表 form: kind, 原版本 第3版, 修改后版本 第4版, 范围, Word format."""

    async def run_before(pilot: Pilot[None]) -> None:
        from textual.widgets import Select

        await settle(app, pilot)
        await pilot.press("f8")
        await settle(app, pilot)
        app.screen.query_one("#export-kind", Select).value = "compare"
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_draft_screen_at_80_by_24(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see, in a plain 80×24 terminal, a narrower outline, 第十条 and its four comments
    with clause, decision and opinion, and a footer that ends with 帮助."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        for _ in range(9):
            await pilot.press("ctrl+n")
            await settle(app, pilot)
        await wait_until(
            app, pilot, lambda: len(app.screen.query_one(CommentList).comments) == 4, "第十条"
        )

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_compare_screen_at_80_by_24(app: WorkbenchApp, snap_compare: SnapCompare) -> None:
    """You should see, at 80×24, the summary of changes on two lines, the change list and the
    first change side by side."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(app, pilot)
        await pilot.press("f4")
        await wait_until(
            app,
            pilot,
            lambda: (
                isinstance(app.screen, CompareScreen)
                and len(app.screen.query_one(Timeline).steps) > 0
            ),
            "the first change with its timeline",
        )

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
