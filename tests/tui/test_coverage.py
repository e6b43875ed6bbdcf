"""The coverage heat table: opened from triage, stations × chapters, moved through with keys."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.support.pilot import settle, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.coverage import CoverageScreen, shade
from workbench.tui.screens.triage import TriageScreen
from workbench.workspace.comments import CommentService
from workbench.workspace.workspace import Workspace


def test_a_cell_is_shaded_by_its_count() -> None:
    """None is a dim dot; more comments, a brighter background."""
    assert shade(0).plain == "·"
    styles = [str(shade(n).style) for n in (1, 3, 6, 10)]
    assert len(set(styles)) == 4
    assert all(s.startswith(("on ", "black on ")) for s in styles)


async def test_the_heat_table_opens_from_triage_and_shows_who_has_not_spoken(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """f on triage: a row per station, a column per chapter, silent stations counted; arrows
    move the cursor and say what its cell holds; q groups by county; Esc goes back."""
    expected = CommentService(workspace).coverage("juja-yanglao")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        await pilot.press("f")
        await wait_until(
            app,
            pilot,
            lambda: isinstance(app.screen, CoverageScreen) and app.screen.coverage is not None,
            "the heat table",
        )
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == len(expected.stations) > 60
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[:3] == ["站点", "全文", "第一章"]
        assert headers[-1] == "合计"
        silent = [s for s in expected.stations if expected.row_total(s.code) == 0]
        assert 0 < len(silent) < len(expected.stations)
        title = str(screen.query_one("#coverage-title").render())
        assert f"{len(silent)}/{len(expected.stations)}个站点没有意见" in title
        gaps = str(screen.query_one("#coverage-gaps", Static).render())
        assert expected.uncommented[0] in gaps
        assert app.focused is table
        busy = next(i for i, (_, counts) in enumerate(screen.rows) if sum(counts.values()))
        for _ in range(busy):
            await pilot.press("down")
        await pilot.press("right", "right")
        await settle(app, pilot)
        who, counts = screen.rows[busy]
        cell = str(screen.query_one("#coverage-cell", Static).render())
        assert cell == f"{who}　第一章：{counts.get('第一章', 0)} 条意见"
        await pilot.press("q")
        await settle(app, pilot)
        counties = {s.county for s in expected.stations}
        assert table.row_count == len(counties)
        assert str(table.columns[next(iter(table.columns))].label) == "县市"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is triage
