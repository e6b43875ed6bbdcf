"""The option vocabulary every ``workbench`` command shares (documented in ``docs/cli.md``).

One spelling per meaning, each with Chinese help:

- ``-p/--project SLUG``: the legislative project (project code);
- ``-n/--node NODE``: a consultation node of 四前四方 (立项前, 初审前, 二审前, 表决前);
- ``--station CODE``: a liaison station (its code in the station registry);
- ``--version VERSION``: a frozen version (its number, a node name for that node's latest, or
  ``latest``); the program's own version is the global ``workbench -V/--version``;
- ``--format FORMAT``: the output format, defaulting to the command's primary product
  (`format_option`);
- ``-o/--output FILE``: where a written document goes (``-`` for standard output).

Older spellings that scripts may still use stay accepted but are left out of ``--help``
(``legacy=``): ``import --stage/-s`` for ``--node``, ``show/history -v`` for ``--version``,
``--format table`` for ``--format text``. This module imports click only, so that every command
module can use it without slowing down start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = [
    "FORMAT_LABELS",
    "ConventionOption",
    "FormatChoice",
    "format_option",
    "node_option",
    "output_option",
    "project_complete",
    "project_option",
    "station_option",
    "version_option",
]

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_LABELS: dict[str, str] = {
    "text": "中文文本或表格",
    "json": "带 schema 版本字段的 JSON",
    "markdown": "Markdown",
    "md": "Markdown",
    "txt": "纯文本",
    "outline": "目录大纲",
    "html": "独立网页",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "csv": "CSV 表格（UTF-8）",
    "akn": "Akoma Ntoso XML",
}
"""What each ``--format`` value means, for the generated help text."""

LEGACY_FORMATS: dict[str, str] = {"table": "text"}
"""Older ``--format`` values still accepted, and the value each stands for."""


class ConventionOption(click.Option):
    """A click option that also accepts older spellings (``legacy``) without listing them.

    The older spellings parse exactly like the current ones; ``--help`` shows only the current
    ones, so new scripts learn one vocabulary while old scripts keep working.
    """

    def __init__(
        self, param_decls: Sequence[str], *, legacy: Sequence[str] = (), **attrs: Any
    ) -> None:
        super().__init__([*param_decls, *legacy], **attrs)
        self.legacy_opts: tuple[str, ...] = tuple(legacy)
        """Accepted spellings that ``--help`` leaves out."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """The help line, naming only the current spellings."""
        if not self.legacy_opts:
            return super().get_help_record(ctx)
        every = self.opts
        self.opts = [o for o in every if o not in self.legacy_opts]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = every


class FormatChoice(click.Choice[str]):
    """``--format`` values: the listed ones, plus the older names in `LEGACY_FORMATS`."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Map an older name to its current one, then check it against the choices."""
        if isinstance(value, str) and value in LEGACY_FORMATS:
            current = LEGACY_FORMATS[value]
            if current in self.choices:
                value = current
        return super().convert(value, param, ctx)


def _option(*decls: str, legacy: Sequence[str] = (), **attrs: Any) -> Callable[[F], F]:
    decorator: Callable[[F], F] = click.option(*decls, cls=ConventionOption, legacy=legacy, **attrs)
    return decorator


def project_option(
    *, required: bool = True, help: str = "项目代号（见 workbench projects）。"
) -> Callable[[F], F]:
    """``-p/--project SLUG``, passed to the command as ``project``.

    Args:
        required: Whether the command needs a project (False: the option filters, e.g. ``audit``).
        help: The help line, when the command gives the option a narrower meaning.
    """
    return _option(
        "-p",
        "--project",
        "project",
        required=required,
        metavar="SLUG",
        help=help,
        shell_complete=_complete("projects"),
    )


def node_option(
    *,
    required: bool = True,
    multiple: bool = False,
    legacy: Sequence[str] = (),
    help: str = "征求意见节点：立项前、初审前、二审前或表决前（按工作区的设置）。",
) -> Callable[[F], F]:
    """``-n/--node NODE``: a consultation node of 四前四方, passed as ``node`` (or ``nodes``).

    Args:
        required: Whether the command needs a node.
        multiple: Whether the option may repeat (then the value is a tuple named ``nodes``).
        legacy: Older spellings still accepted (``import`` had ``--stage/-s``).
        help: The help line.
    """
    return _option(
        "-n",
        "--node",
        "nodes" if multiple else "node",
        required=required,
        multiple=multiple,
        legacy=legacy,
        metavar="NODE",
        help=help,
        shell_complete=_complete("nodes"),
    )


def version_option(
    *,
    required: bool = False,
    name: str = "version",
    legacy: Sequence[str] = (),
    help: str = "版本：版本号、节点名称（取该节点最新一版）或 latest（默认最新一版）。",
) -> Callable[[F], F]:
    """``--version VERSION``: a frozen version of the project, passed as ``version``.

    There is no short form: ``-V`` is the program's version, and ``-v`` commonly means verbose.

    Args:
        required: Whether the command needs a version.
        name: The parameter name the command function receives.
        legacy: Older spellings still accepted (``show`` and ``history`` had ``-v``).
        help: The help line.
    """
    return _option(
        "--version",
        name,
        required=required,
        legacy=legacy,
        metavar="VERSION",
        help=help,
        shell_complete=_complete("versions"),
    )


def station_option(
    *, required: bool = True, help: str = "联络站编号（见 workbench stations）。"
) -> Callable[[F], F]:
    """``--station CODE``: a liaison station of the registry, passed as ``station``.

    Args:
        required: Whether the command needs a station (False: the option filters).
        help: The help line.
    """
    return _option(
        "--station",
        "station",
        required=required,
        metavar="CODE",
        help=help,
        shell_complete=_complete("stations"),
    )


def format_option(
    *choices: str, help: str | None = None, labels: Mapping[str, str] | None = None
) -> Callable[[F], F]:
    """``--format``, passed as ``fmt``; the first choice is the default.

    The default rule: a command's default is its primary product. Commands that show workspace
    data to a person list ``"text"`` first; the readers (``parse``, ``amend parse``) list
    ``json`` first, the structure they read; commands that write a document list the format
    they exist to produce first (``export draft``: ``docx``; ``export comments``: ``xlsx``).
    ``json`` is always on request, never the default for a listing. ``--format table`` is still
    accepted wherever ``text`` is.

    Args:
        choices: The formats, the default first.
        help: The help line; by default one generated from `FORMAT_LABELS`.
        labels: Meanings for formats this command uses in its own sense.
    """
    if not choices:
        raise ValueError("format_option needs at least one format")
    meaning = {**FORMAT_LABELS, **(labels or {})}
    text = help or "输出格式：" + "；".join(f"{c}（{meaning.get(c, c)}）" for c in choices) + "。"
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(choices),
        default=choices[0],
        show_default=True,
        help=text,
    )


def output_option(
    *,
    required: bool = False,
    stdout: bool = True,
    help: str = "输出文件（“-”表示输出到标准输出）。",
) -> Callable[[F], F]:
    """``-o/--output FILE``, passed as ``output`` (a `Path`, or None when not given).

    Args:
        required: Whether the command needs a file name.
        stdout: Whether ``-`` (standard output) is allowed.
        help: The help line, naming the default place when there is one.
    """
    return click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(dir_okay=False, allow_dash=stdout, path_type=Path),
        required=required,
        default=None,
        metavar="FILE",
        help=help,
    )


def project_complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of project codes, for a ``SLUG`` argument."""
    from workbench.cli.completion import complete_names

    return complete_names(ctx, "projects", incomplete)


def _complete(kind: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Shell completion of workspace names of ``kind`` (the lookup loads lazily)."""

    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
        from workbench.cli.completion import complete_names

        return complete_names(ctx, kind, incomplete)

    return complete
