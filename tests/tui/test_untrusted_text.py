"""Text from outside shown in the TUI's tables is text: never markup, never an action.

A project title comes from an imported law text; Textual reads a plain string cell as Rich
markup, so a title with an unbalanced tag crashed the projects screen and one with
``[@click=…]`` became a clickable action.
"""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from tests.support.pilot import settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.projects import ProjectsScreen
from workbench.workspace import Workspace
from workbench.workspace.projects import ProjectService

HOSTILE_TITLE = "[@click=app.quit]某某条例[/][/b][link=http://example.invalid]（草案）"


async def test_a_project_title_with_markup_is_shown_as_written(
    workspace: Workspace, app: WorkbenchApp
) -> None:
    slug = workspace.projects()[0].slug
    ProjectService(workspace).rename(slug, title=HOSTILE_TITLE, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        if not isinstance(app.screen, ProjectsScreen):
            app.action_show("projects")
            await settle(app, pilot)
        assert isinstance(app.screen, ProjectsScreen)
        table = app.screen.query_one("#project-table", DataTable)
        shown = [table.get_cell_at(Coordinate(r, 1)) for r in range(table.row_count)]
        assert any(isinstance(c, Text) and c.plain == HOSTILE_TITLE and not c.spans for c in shown)
        assert app.is_running


async def test_a_notification_quoting_markup_is_shown_as_written(app: WorkbenchApp) -> None:
    """Screens notify with titles and file names (已复制：《…》第三条): never parsed as markup."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.screen.notify(f"已复制：《{HOSTILE_TITLE}》第三条")
        await settle(app, pilot)
        assert app.is_running
        shown = [n.message for n in app._notifications]
        assert f"已复制：《{HOSTILE_TITLE}》第三条" in shown
        assert all(not n.markup for n in app._notifications)
