"""The ``workbench`` command: one click group, one module per command family.

Command modules are imported only when their command runs (`workbench.cli.commands`), so a
``parse`` or ``diff`` of a file never loads the workspace layer, SQLAlchemy or Textual. Options,
output and exit codes follow one convention (`workbench.cli.options`, `workbench.cli.output`,
``docs/cli.md``): stdout carries data only; errors go to stderr in Chinese with a documented
non-zero exit code. Bare ``workbench`` opens the terminal UI on the workspace.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

import click

from workbench import __version__
from workbench.cli import i18n
from workbench.cli.commands import COMMAND_MODULES, all_commands, load_command
from workbench.cli.context import CliContext, pass_cli
from workbench.cli.output import ExitCode, echo, fail
from workbench.errors import CommentFileError, WorkbenchError

__all__ = ["CliContext", "cli", "main", "pass_cli"]


class _WorkbenchGroup(click.Group):
    """The top-level group: finds commands lazily, turns `WorkbenchError` into a Chinese message.

    Each command's module is imported when that command is asked for (`load_command`).
    """

    freeze_loaded = False
    """Whether to hand what the imports made to the garbage collector's permanent generation
    (`gc.freeze`) once a command's modules are loaded. `main` (a process of its own) sets it:
    the classes, functions and tables of the modules live until the process ends, and a
    ``diff`` of a large law otherwise spends about 15 ms in full collections walking them
    again and again. Never in a test's process, which runs many commands."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: ARG002
        command = self.commands.get(cmd_name)
        if command is None:
            command = load_command(cmd_name)
            if command is not None:
                self.add_command(command)
                if self.freeze_loaded:
                    gc.freeze()
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommentFileError as exc:
            fail(str(exc))
            for problem in exc.problems:
                echo(f"  - {problem}", err=True)
            ctx.exit(exc.exit_code)
        except WorkbenchError as exc:
            fail(str(exc))
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            echo("已中止。", err=True)
            ctx.exit(ExitCode.INTERRUPTED)


@click.group(
    cls=_WorkbenchGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="workbench",
    message="%(prog)s %(version)s",
    help="显示版本号并退出。",
)
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False),
    envvar="WORKBENCH_WORKSPACE",
    default="drafts",
    show_default=True,
    help="工作区目录（环境变量 WORKBENCH_WORKSPACE）。",
)
@click.option(
    "--database",
    envvar="WORKBENCH_DATABASE_URL",
    default=None,
    help="数据库地址（默认为工作区内的 SQLite 文件；环境变量 WORKBENCH_DATABASE_URL）。",
)
@click.option(
    "--user",
    envvar="WORKBENCH_USER",
    default=None,
    callback=lambda _ctx, _param, value: _check_user(value),
    help="操作人姓名，记入审计日志（一行可见文字，最长 64 字；默认为系统用户名）。",
)
@click.pass_context
def cli(ctx: click.Context, workspace: str, database: str | None, user: str | None) -> None:
    """立法工作台：地方性法规草案的起草、征求意见与“四前四方”会商。

    不带子命令时打开终端界面。
    """
    ctx.obj = CliContext(workspace=workspace, database=database, user=user)
    if ctx.invoked_subcommand is None:
        open_cmd = cli.get_command(ctx, "open")
        if open_cmd is None:
            echo(ctx.get_help())
            return
        ctx.invoke(open_cmd)


def _check_user(value: str | None) -> str | None:
    """``--user`` as given, if it can stand in the audit log (see `actor_problem`)."""
    if value is None:
        return None
    from workbench.model.project import actor_problem

    problem = actor_problem(value)
    if problem is not None:
        raise click.BadParameter(f"操作人姓名{problem}", param_hint="--user")
    return value


def _register() -> None:
    """Load every command now (tests use it; the CLI itself loads commands on demand)."""
    for command in all_commands():
        cli.add_command(command)


def main() -> None:
    """Entry point of the ``workbench`` console script."""
    i18n.install()
    cli.freeze_loaded = True
    cli.main(prog_name="workbench")
    sys.exit(ExitCode.OK)
