"""What every command gets from the global options: workspace folder, database URL, user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from workbench.workspace import Workspace

__all__ = ["CliContext", "pass_cli"]


@dataclass(frozen=True, slots=True)
class CliContext:
    """The global options, as the group parsed them."""

    workspace: str
    """The workspace folder (``--workspace``)."""
    database: str | None
    """A database URL (``--database``); None means the workspace's SQLite file."""
    user: str | None
    """Who acts, for the audit log; None means the system user name."""

    @property
    def workspace_path(self) -> Path:
        """The workspace folder as a path."""
        return Path(self.workspace)

    @property
    def actor(self) -> str:
        """The name written into the audit log."""
        if self.user:
            return self.user
        from workbench.workspace import default_actor

        return default_actor()

    def open_workspace(self) -> Workspace:
        """Open the workspace the global options name (use it in a ``with`` block).

        The bundled demo folder is built into a workspace on first use, whichever command
        comes first. The workspace layer (and SQLAlchemy) is imported here, not when the CLI
        starts, so commands that work on files alone never load it. A write that must wait for
        another writer prints a note on stderr.
        """
        from workbench.cli.output import note
        from workbench.workspace import Workspace
        from workbench.workspace.demo import ensure_demo

        if self.database is None and ensure_demo(self.workspace_path):
            note(f"已根据演示清单（demo.toml）建立演示工作区：{self.workspace_path}")
        ws = Workspace.open(self.workspace_path, self.database)
        ws.db.on_wait = note  # a writer that must wait for another one says so
        return ws


pass_cli = click.make_pass_decorator(CliContext)
