"""``workbench demo [DIR]``: a copy of the bundled demo workspace, from the installed package.

The demo's source files ship inside the package, so a ``pip install``/``pipx install``/``uv tool
install`` of the wheel can build the demo anywhere; in a git checkout ``drafts/`` already is it.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.output import echo, note

__all__ = ["COMMANDS"]


@click.command("demo")
@click.argument(
    "directory", required=False, default="drafts", type=click.Path(file_okay=False, path_type=Path)
)
def demo_cmd(directory: Path) -> None:
    """建立内置演示工作区（默认在 ./drafts）：一部条例草案的四轮稿、联络站意见与四前四方记录。

    DIRECTORY 须不存在或为空目录；已经是演示工作区时只补建数据库。
    """
    from workbench.workspace.demo import copy_demo, ensure_demo, is_demo

    if is_demo(directory):
        built = ensure_demo(directory)
        note(
            ("已建立演示数据库：" if built else "演示工作区已经就绪：")
            + f"{directory}。打开：workbench open {directory}"
        )
    else:
        copy_demo(directory)
        note(f"已建立演示工作区：{directory}。打开：workbench open {directory}")
    echo(str(directory))


COMMANDS: list[click.Command] = [demo_cmd]
"""The commands this module adds to ``workbench``."""
