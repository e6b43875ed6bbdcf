"""``workbench open [DIR]``: the terminal UI on a workspace (bare ``workbench`` runs it too).

The bundled demo folder (``drafts/``) carries a manifest instead of a database; its database is
built on first open, through the same services the other commands use.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.output import echo

__all__ = ["COMMANDS", "open_cmd"]


@click.command("open")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--keymap",
    "keymap_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help='自定义快捷键文件（TOML：命令编号 = "按键"）；'
    "默认读取用户配置目录中的 workbench/keymap.toml（存在时）。",
)
@pass_cli
def open_cmd(cli: CliContext, directory: Path | None, keymap_file: Path | None) -> None:
    """在终端界面中打开工作区（默认 ./drafts，内置演示项目）。

    首次打开内置演示目录时，会根据 demo.toml 自动建立演示数据库。
    快捷键：F1 帮助、F2 项目、F3 草案、F4 对照、F5 意见、F6 四前四方、F7 编辑、
    F8 导出，ctrl+p 命令面板，ctrl+q 退出；F1 列出每个命令的编号，可在 keymap.toml 中改键。
    """
    from workbench.tui.app import make_app
    from workbench.tui.keymap import default_keymap_path, load_keymap
    from workbench.tui.workspace_session import WorkspaceSession
    from workbench.workspace.demo import ensure_demo
    from workbench.workspace.workspace import Workspace

    if keymap_file is not None and not keymap_file.is_file():
        raise click.BadParameter(f"找不到快捷键文件 {keymap_file}", param_hint="--keymap")
    keymap = load_keymap(keymap_file or default_keymap_path())
    folder = directory if directory is not None else cli.workspace_path
    if cli.database is None and ensure_demo(folder):
        echo(f"已根据演示清单建立工作区数据库：{folder}", err=True)
    workspace = Workspace.open(folder, cli.database)
    try:
        make_app(WorkspaceSession(workspace, cli.actor), keymap=keymap).run()
    finally:
        workspace.close()


COMMANDS: list[click.Command] = [open_cmd]
"""The commands this module adds to ``workbench``."""
