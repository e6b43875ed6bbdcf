"""The list of command modules. Each module exposes one click command or group."""

from __future__ import annotations

import click

__all__ = ["all_commands"]


def all_commands() -> list[click.Command]:
    """Every top-level command of ``workbench``, in help order."""
    from workbench.cli import (
        comments_cmd,
        diff_cmd,
        export_cmd,
        parse_cmd,
        refs_cmd,
        tui_cmd,
        workspace_cmd,
    )

    commands: list[click.Command] = []
    commands.extend(workspace_cmd.COMMANDS)
    commands.extend(parse_cmd.COMMANDS)
    commands.extend(refs_cmd.COMMANDS)
    commands.extend(diff_cmd.COMMANDS)
    commands.extend(comments_cmd.COMMANDS)
    commands.extend(export_cmd.COMMANDS)
    commands.extend(tui_cmd.COMMANDS)
    return commands
