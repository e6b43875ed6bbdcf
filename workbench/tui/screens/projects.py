"""The project list: every legislative project of the workspace, to open one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.tui.commands import bindings_for
from workbench.tui.session import ProjectCard, Session
from workbench.tui.widgets.screen_tabs import ScreenTabs
from workbench.tui.widgets.tables import refill

__all__ = ["ProjectsScreen"]


_COLUMNS = [
    ("项目", "slug"),
    ("法规名称", "title"),
    ("版本", "n"),
    ("当前阶段", "stage"),
    ("意见", "c"),
]
"""The project table's columns: (label, key)."""


class ProjectsScreen(Screen[None]):
    """The workspace's projects; Enter opens one."""

    SCOPE = "projects"
    BINDINGS = bindings_for("projects")

    @dataclass
    class Loaded(Message):
        """The project list arrived."""

        projects: list[ProjectCard]

    def __init__(self, session: Session, today: datetime) -> None:
        super().__init__(id="projects")
        self.session = session
        """The workspace gateway."""
        self.today = today
        """When the screen was opened (from the app's clock)."""
        self.projects: list[ProjectCard] = []
        """The projects listed."""
        self._opened_once = False

    def compose(self) -> ComposeResult:
        """A title line and the table."""
        yield Header()
        yield ScreenTabs("projects")
        yield Static(
            f"工作区：{self.session.location}　{self.today:%Y年%m月%d日}",
            classes="bar",
            id="projects-bar",
        )
        yield DataTable(id="project-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Set up the columns and load."""
        table = self.query_one(DataTable)
        table.border_title = "立法项目"
        refill(table, _COLUMNS, [])
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, description="载入项目")
    def load(self) -> None:
        """Read the project list."""
        self.post_message(self.Loaded(self.session.projects()))

    def on_projects_screen_loaded(self, message: Loaded) -> None:
        """Fill the table; open the project directly the first time when there is only one."""
        self.projects = message.projects
        table = self.query_one(DataTable)
        refill(
            table,
            _COLUMNS,
            [
                (p.slug, (p.slug, p.title, str(p.versions), p.stage or "—", str(p.comments)))
                for p in message.projects
            ],
        )
        if not message.projects:
            table.border_subtitle = "工作区中还没有项目：用 workbench import 导入草案"
        table.focus()
        if len(message.projects) == 1 and not self._opened_once:
            self._opened_once = True
            self._open(message.projects[0].slug)

    @on(DataTable.RowSelected, "#project-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(event.row_key.value)

    def action_open_project(self) -> None:
        """Open the project under the cursor."""
        table = self.query_one(DataTable)
        if self.projects and 0 <= table.cursor_row < len(self.projects):
            self._open(self.projects[table.cursor_row].slug)

    def _open(self, slug: str) -> None:
        from workbench.tui.app import WorkbenchApp

        app = self.app
        if isinstance(app, WorkbenchApp):
            app.open_project(slug)
