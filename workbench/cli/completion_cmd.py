"""``workbench completion bash|zsh|fish``: the shell script that completes workbench commands.

Commands and options complete from the command's own definition; project codes, version
numbers and node names, 四前四方 node names and station codes complete from the workspace the
command line names (``-w``, or ``./drafts``), see `workbench.cli.completion`.
"""

from __future__ import annotations

import click

from workbench.cli.output import echo

__all__ = ["COMMANDS"]

_SHELLS = ("bash", "zsh", "fish")


@click.command("completion")
@click.argument("shell", type=click.Choice(_SHELLS))
def completion_cmd(shell: str) -> None:
    """输出 SHELL（bash、zsh 或 fish）的命令补全脚本。

    \b
    启用方法（workbench 须在 PATH 中，例如已激活 .venv 或用 pipx/uv tool 安装）：
      bash：eval "$(workbench completion bash)"   写入 ~/.bashrc
      zsh： eval "$(workbench completion zsh)"    写入 ~/.zshrc
      fish：workbench completion fish | source    写入 ~/.config/fish/config.fish
    之后按 Tab 补全命令、选项，以及工作区中的项目代号、版本、节点名称和联络站编号。
    """
    from click.shell_completion import get_completion_class

    from workbench.cli import cli

    completion = get_completion_class(shell)
    if completion is None:  # click knows all three; kept for a click without one of them
        raise click.UsageError(f"不支持的 shell：{shell}")
    echo(completion(cli, {}, "workbench", "_WORKBENCH_COMPLETE").source(), nl=False)


COMMANDS: list[click.Command] = [completion_cmd]
"""The commands this module adds to ``workbench``."""
