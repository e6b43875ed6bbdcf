"""The project list: every legislative project of the workspace.

From here a person opens a project, starts a new one from a draft file, imports a draft into
one, or receives the comment files waiting in ``inbox/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.tui.commands import bindings_for
from workbench.tui.screens.imports import ask_import
from workbench.tui.screens.ingest import receive_waiting
from workbench.tui.session import Session
from workbench.tui.values import ImportRequest, ProjectCard
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
            table.border_subtitle = "工作区中还没有项目：按 Insert 选择草案文件新建项目"
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

    def action_new_project(self) -> None:
        """Start a project from a draft file (its first version)."""
        self._ask(None)

    def action_import_draft(self) -> None:
        """Import a draft file into the project under the cursor."""
        table = self.query_one(DataTable)
        if not self.projects or not 0 <= table.cursor_row < len(self.projects):
            self.notify("请先选择一个项目；新建项目请按 Insert。", severity="warning")
            return
        self._ask(self.projects[table.cursor_row].slug)

    @work(exclusive=True, group="dialog")
    async def _ask(self, slug: str | None) -> None:
        stages = self.session.stages()
        versions = self.session.versions(slug) if slug is not None else []
        last = versions[-1].node if versions else None
        proposed = _after(stages, last) if last else stages[0]
        request = await ask_import(self.app, stages, slug, proposed=proposed)
        if request is not None:
            self.run_import(request)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="导入草案")
    def run_import(self, request: ImportRequest) -> None:
        """Import, tell the person, then list the projects again and open the one imported."""
        lines = self.session.import_draft(request)
        self.app.call_from_thread(self.notify, "\n".join(lines[:6]), timeout=10)
        self.post_message(self.Loaded(self.session.projects()))
        self.app.call_from_thread(self._open, request.slug)

    def action_ingest(self) -> None:
        """Receive the comment files waiting in ``inbox/``."""
        self._ingest()

    @work(exclusive=True, group="dialog")
    async def _ingest(self) -> None:
        if await receive_waiting(self, self.session) is not None:
            self.load()

    def _open(self, slug: str) -> None:
        from workbench.tui.app import WorkbenchApp

        app = self.app
        if isinstance(app, WorkbenchApp):
            app.open_project(slug)


def _after(stages: tuple[str, ...], stage: str) -> str:
    """The node after ``stage`` (the last stays the last)."""
    if stage not in stages:
        return stages[0] if stages else ""
    return stages[min(stages.index(stage) + 1, len(stages) - 1)]
