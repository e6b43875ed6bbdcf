"""Layouts that work in a plain 80×24 terminal and use a wide one: nothing cut that matters."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tests.support.pilot import select_article, settle, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.widgets.comment_list import CommentList, column_widths, wrap_label
from workbench.tui.widgets.outline import OutlineTree
from workbench.tui.widgets.screen_tabs import ScreenTabs

SMALL = (80, 24)
SCREENS = [("f3", "draft"), ("f4", "compare"), ("f5", "triage"), ("f6", "matrix")]
SCREENS += [("f7", "edit"), ("f8", "export"), ("f2", "projects")]
WIDE = (160, 45)


def _visible(widget: Static) -> bool:
    """The widget has room for all of its text (its lines times its width)."""
    text = str(widget.render())
    inner = widget.content_region
    needed = sum(max(1, -(-cell_len(line) // inner.width)) for line in text.splitlines())
    return inner.width > 0 and needed <= inner.height


def _showing(app: WorkbenchApp, scope: str) -> Callable[[], bool]:
    return lambda: str(getattr(app.screen, "SCOPE", "")) == scope


async def test_every_screen_fits_80_by_24(app: WorkbenchApp) -> None:
    """At 80×24 each screen keeps its tabs whole and 帮助/退出 in the footer."""
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        for key, scope in SCREENS:
            await pilot.press(key)
            await wait_until(app, pilot, _showing(app, scope), scope)
            tabs = app.screen.query_one(ScreenTabs)
            assert _visible(tabs), scope
            keys = {
                k.key: k
                for k in app.screen.query_one(Footer).query(FooterKey)
                if not k.has_class("-command-palette")
            }
            palette = next(
                k
                for k in app.screen.query_one(Footer).query(FooterKey)
                if k.has_class("-command-palette")
            )
            for wanted in ("f1", "ctrl+q"):
                assert keys[wanted].region.width > 0, (scope, wanted)
                assert keys[wanted].region.right <= palette.region.x, (scope, wanted)


async def test_the_compare_summary_stays_at_80_columns(app: WorkbenchApp) -> None:
    """The line that counts the changes wraps instead of being cut at 80 columns."""
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await wait_until(
            app,
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.alignment is not None,
            "compare",
        )
        bar = app.screen.query_one("#compare-bar", Static)
        assert "修改" in str(bar.render())
        assert _visible(bar)


async def test_the_draft_at_80_columns_shows_the_opinions(app: WorkbenchApp) -> None:
    """The outline gives way, and the comment list shows clause, decision and a readable
    opinion for 第十条 (the station follows, in full in the details)."""
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await select_article(app, pilot, "第十条")
        await wait_until(
            app, pilot, lambda: len(app.screen.query_one(CommentList).comments) == 4, "comments"
        )
        outline = app.screen.query_one(OutlineTree)
        assert outline.region.width <= 26
        table = app.screen.query_one(CommentList)
        order = [c.key.value for c in table.ordered_columns]
        assert order[:3] == ["target", "decision", "text"]
        x = sum(c.get_render_width(table) for c in table.ordered_columns[:2])
        text = table.ordered_columns[2]
        assert text.width >= 24
        assert table.scrollable_content_region.x + x + 24 <= table.scrollable_content_region.right


async def test_station_and_clause_columns_are_never_cut_when_wide(app: WorkbenchApp) -> None:
    """At 160 columns every station name and clause label fits its column whole."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await wait_until(app, pilot, lambda: isinstance(app.screen, TriageScreen), "triage")
        await settle(app, pilot)
        table = app.screen.query_one(CommentList)
        assert table.comments
        widths = {c.key.value: c.width for c in table.ordered_columns}
        assert table.ordered_columns[0].key.value == "source"
        for row in table.comments:
            assert cell_len(row.source) <= widths["source"], row.source
            for line in wrap_label(row.target, widths["target"]).splitlines():
                assert cell_len(line) <= widths["target"], row.target
        assert any(cell_len(r.source) > 14 for r in table.comments)  # longer than the old cut


def test_clause_labels_wrap_only_between_levels() -> None:
    """第十九条第一款第三项 breaks before 第一款, never inside 第十九条."""
    assert wrap_label("第十九条第一款第三项", 14) == "第十九条第一款\n第三项"
    assert wrap_label("第三十二条之一第二款第（三）项", 20) == "第三十二条之一第二款\n第（三）项"
    assert wrap_label("第十条", 4) == "第十条"


def test_a_narrow_table_puts_the_station_after_the_opinion() -> None:
    """Too narrow for station and opinion: the opinion keeps 24 cells, the station goes last."""
    wide = column_widths(["昌吉市延安北路街道"], ["第十条第一款"], 120)
    assert (wide.source, wide.target, wide.source_last) == (18, 12, False)
    narrow = column_widths(["昌吉市延安北路街道"], ["第十条第一款"], 45)
    assert narrow.source_last
    assert narrow.text >= 24
