"""Where each ``workbench`` command lives. Command modules are imported only when used.

Adding a command: write ``workbench/cli/<family>_cmd.py`` with a ``COMMANDS`` list (one click
command or group per top-level name, built with the options of `workbench.cli.options`), and
add its top-level names here. ``workbench parse`` then imports the parse module alone, not the
workspace layer, SQLAlchemy or Textual.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["COMMAND_MODULES", "all_commands", "load_command"]

COMMAND_MODULES: dict[str, str] = {
    "init": "workbench.cli.workspace_cmd",
    "import": "workbench.cli.workspace_cmd",
    "projects": "workbench.cli.project_cmd",
    "project": "workbench.cli.project_cmd",
    "versions": "workbench.cli.workspace_cmd",
    "show": "workbench.cli.workspace_cmd",
    "history": "workbench.cli.workspace_cmd",
    "status": "workbench.cli.workspace_cmd",
    "matrix": "workbench.cli.workspace_cmd",
    "audit": "workbench.cli.workspace_cmd",
    "parse": "workbench.cli.parse_cmd",
    "refs": "workbench.cli.refs_cmd",
    "diff": "workbench.cli.diff_cmd",
    "amend": "workbench.cli.amend_cmd",
    "check": "workbench.cli.check_cmd",
    "cycle": "workbench.cli.cycle_cmd",
    "library": "workbench.cli.library_cmd",
    "stations": "workbench.cli.comments_cmd",
    "comments": "workbench.cli.comments_cmd",
    "schema": "workbench.cli.comments_cmd",
    "search": "workbench.cli.search_cmd",
    "export": "workbench.cli.export_cmd",
    "open": "workbench.cli.tui_cmd",
    "demo": "workbench.cli.demo_cmd",
    "completion": "workbench.cli.completion_cmd",
}
"""Top-level command name → the module whose ``COMMANDS`` holds it."""


def load_command(name: str) -> click.Command | None:
    """The command called ``name``, importing its module; None for an unknown name."""
    module_name = COMMAND_MODULES.get(name)
    if module_name is None:
        return None
    module = importlib.import_module(module_name)
    for command in module.COMMANDS:
        if command.name == name:
            found: click.Command = command
            return found
    raise LookupError(f"{module_name}.COMMANDS has no command named {name!r}")


def all_commands() -> list[click.Command]:
    """Every top-level command of ``workbench`` (imports every command module)."""
    loaded = (load_command(name) for name in COMMAND_MODULES)
    return [command for command in loaded if command is not None]
