"""The ``workbench`` command: one click group, one module per command family.

stdout carries data only; errors go to stderr in Chinese with a non-zero exit code. Bare
``workbench`` opens the terminal UI on the workspace.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from workbench import __version__
from workbench.cli import i18n
from workbench.cli.context import CliContext, pass_cli
from workbench.errors import CommentFileError, WorkbenchError

__all__ = ["CliContext", "cli", "main", "pass_cli"]


class _WorkbenchGroup(click.Group):
    """A group that turns `WorkbenchError` into a Chinese message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommentFileError as exc:
            click.echo(f"错误：{exc}", err=True)
            for problem in exc.problems:
                click.echo(f"  - {problem}", err=True)
            ctx.exit(exc.exit_code)
        except WorkbenchError as exc:
            click.echo(f"错误：{exc}", err=True)
            ctx.exit(exc.exit_code)


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
    help="操作人姓名，记入审计日志（默认为系统用户名）。",
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
            click.echo(ctx.get_help())
            return
        ctx.invoke(open_cmd)


def _register() -> None:
    from workbench.cli import commands

    for command in commands.all_commands():
        cli.add_command(command)


def main() -> None:
    """Entry point of the ``workbench`` console script."""
    i18n.install()
    _register()
    cli.main(prog_name="workbench")
    sys.exit(0)
