"""The Textual app: the screens of one workspace, the app-wide bindings and the palette.

`make_app` builds it for the CLI and the tests alike. The app holds only the session (the
gateway to the workspace services) and which project is open; every screen owns its own state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import ClassVar

from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from workbench.errors import WorkbenchError
from workbench.tui.commands import WorkbenchCommands, WorkbenchPalette, bindings_for
from workbench.tui.session import Session

__all__ = ["Clock", "WorkbenchApp", "make_app"]

Clock = Callable[[], datetime]
"""Gives the current time; tests inject a fixed one."""

_KEY_DISPLAY = {"insert": "Ins", "delete": "Del", "space": "空格", "escape": "Esc"}
"""Footer names of keys Textual spells out in full."""

_SCREENS = ("projects", "draft", "compare", "triage", "matrix", "edit", "export")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class WorkbenchApp(App[None]):
    """立法工作台 in the terminal."""

    CSS_PATH = "workbench.tcss"
    TITLE = "立法工作台"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {WorkbenchCommands}
    """Only the workbench's commands: Textual's own (Keys, Theme, Screenshot ...) are English."""
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = bindings_for("app")

    def __init__(
        self,
        session: Session,
        *,
        clock: Clock = _utc_now,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        """The gateway to the workspace services."""
        self.clock = clock
        """The time source (fixed in tests)."""
        self.project: str | None = None
        """The slug of the open project."""
        self.keymap: dict[str, str] = dict(keymap or {})
        """The user's keys (command id → keys), from `workbench.tui.keymap.load_keymap`."""
        self.set_keymap(self.keymap)

    def on_mount(self) -> None:
        """Show the project list (which opens the only project directly)."""
        from workbench.tui.screens.projects import ProjectsScreen

        self.sub_title = self.session.location.name
        self.push_screen(ProjectsScreen(self.session, self.clock()))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Tell the person when slow work failed (the screen stays usable)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            message = str(error) if isinstance(error, WorkbenchError) else f"操作失败：{error!r}"
            self.notify(message, severity="error", timeout=8)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, shown as written: never read as markup (``markup`` is ignored).

        Messages quote law texts, titles, file names and errors, which may hold brackets; as
        Rich markup an unbalanced tag would crash the app and ``[@click=…]`` become an action.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def open_project(self, slug: str) -> None:
        """Make ``slug`` the open project and show its draft."""
        self.project = slug
        self.sub_title = f"{slug} · {self.session.location.name}"
        self.action_show("draft")

    def action_show(self, name: str) -> None:
        """Switch to the screen ``name`` (projects, draft, compare, triage, matrix, edit, export)."""
        if name not in _SCREENS or isinstance(self.screen, ModalScreen):
            return  # a dialog answers first
        if name == "projects":
            while len(self.screen_stack) > 2:
                self.pop_screen()
            return
        if self.project is None:
            self.notify("请先选择一个项目。", severity="warning")
            return
        key = f"{name}:{self.project}"
        if not self.is_screen_installed(key):
            self.install_screen(self._build(name, self.project), key)
        if self.screen is self.get_screen(key):
            return
        if len(self.screen_stack) > 2:
            self.switch_screen(key)
        else:
            self.push_screen(key)

    def action_help(self) -> None:
        """Show the commands of the current screen."""
        from workbench.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(getattr(self.screen, "SCOPE", ""), self.keymap))

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the footer writes them, short enough for 80 columns (Ins, Del)."""
        return _KEY_DISPLAY.get(binding.key) or super().get_key_display(binding)

    def action_command_palette(self) -> None:
        """Open the command palette (with a Chinese prompt)."""
        if not WorkbenchPalette.is_open(self):  # type: ignore[arg-type]  # App[None] is an App
            self.push_screen(WorkbenchPalette())

    def forget_screens(self) -> None:
        """Drop the other cached screens of the open project (after a freeze, versions changed)."""
        if self.project is None:
            return
        for name in _SCREENS[1:]:
            key = f"{name}:{self.project}"
            if self.is_screen_installed(key) and self.get_screen(key) is not self.screen:
                self.uninstall_screen(key)

    def _build(self, name: str, slug: str) -> Screen[None]:
        # Imported here: each screen module is loaded the first time it is shown.
        if name == "draft":
            from workbench.tui.screens.draft import DraftScreen

            return DraftScreen(self.session, slug)
        if name == "compare":
            from workbench.tui.screens.compare import CompareScreen

            return CompareScreen(self.session, slug)
        if name == "triage":
            from workbench.tui.screens.triage import TriageScreen

            return TriageScreen(self.session, slug)
        if name == "matrix":
            from workbench.tui.screens.matrix import MatrixScreen

            return MatrixScreen(self.session, slug)
        if name == "export":
            from workbench.tui.screens.export import ExportScreen

            return ExportScreen(self.session, slug)
        from workbench.tui.screens.edit import EditScreen

        return EditScreen(self.session, slug)


def make_app(
    session: Session, *, clock: Clock = _utc_now, keymap: Mapping[str, str] | None = None
) -> WorkbenchApp:
    """Build the app on an open session (used by ``workbench open`` and by the tests).

    Args:
        session: The workspace gateway.
        clock: The time source (fixed in tests).
        keymap: The user's keys, command id → keys (see `workbench.tui.keymap`).
    """
    return WorkbenchApp(session, clock=clock, keymap=keymap)
