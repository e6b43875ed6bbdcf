"""``workbench export``: the draft, the 修改对照表, the 意见采纳情况表 and station feedback.

Each subcommand writes one file: into the workspace's ``exports/`` folder by default, to
``-o FILE`` when given, or to stdout with ``-o -``. stdout carries the path of the written file
(or the file itself with ``-o -``); errors go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import (
    format_option,
    output_option,
    project_option,
    station_option,
    version_option,
)
from workbench.cli.output import echo, warn
from workbench.workspace.exports import (
    COMMENT_FORMATS,
    COMPARE_FORMATS,
    DRAFT_FORMATS,
    FEEDBACK_FORMATS,
    ExportFile,
    ExportService,
)

__all__ = ["COMMANDS"]

_OUTPUT = output_option(help="输出文件（默认写入工作区 exports/ 目录；“-”表示输出到标准输出）。")
_PERSONAL = click.option(
    "--include-personal-data",
    is_flag=True,
    help="导出提出人姓名和联系方式（默认脱敏，如 张** / 138****1234）。",
)


def _emit(service: ExportService, export: ExportFile, output: Path | None) -> None:
    for message in export.notes:
        warn(message)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(export.data)
        sys.stdout.buffer.flush()
        return
    echo(str(service.write(export, output)))


@click.group("export")
def export_group() -> None:
    """导出：法规草案、修改对照表、意见采纳情况表、联络站反馈、审议报告。"""


@export_group.command("draft")
@project_option()
@version_option()
@format_option(*DRAFT_FORMATS)
@click.option(
    "--locality",
    default="cj",
    show_default=True,
    help="Akoma Ntoso 地区代码（FRBR 中的 cn-<地区>，仅 akn 格式使用）。",
)
@_OUTPUT
@pass_cli
def draft_cmd(
    cli: CliContext,
    project: str,
    version: str | None,
    fmt: str,
    locality: str,
    output: Path | None,
) -> None:
    """导出某一版本的法规草案（Word 公文格式、HTML、文本、Markdown 或 Akoma Ntoso）。"""
    with cli.open_workspace() as ws:
        service = ExportService(ws)
        _emit(service, service.draft(project, version, fmt, locality=locality), output)


@export_group.command("compare")
@project_option()
@click.option("--from", "old", required=True, help="原版本（版本号或节点名）。")
@click.option(
    "--to", "new", required=True, help="修改后版本（版本号或节点名）；“工作稿”指尚未定稿的工作稿。"
)
@format_option(*COMPARE_FORMATS)
@click.option(
    "--all",
    "include_unchanged",
    is_flag=True,
    help="未修改的条文也列入对照表（仅序号调整的条文随之逐条列出）。",
)
@click.option(
    "--renumbered",
    "list_renumbered",
    is_flag=True,
    help="逐条列出仅因序号调整而变动的条文（默认只在表后写“其他条文序号作相应调整”）。",
)
@_OUTPUT
@pass_cli
def compare_cmd(
    cli: CliContext,
    project: str,
    old: str,
    new: str,
    fmt: str,
    include_unchanged: bool,
    list_renumbered: bool,
    output: Path | None,
) -> None:
    """导出两个版本之间的修改对照表（原条文 | 修改后条文 | 修改说明）。"""
    with cli.open_workspace() as ws:
        service = ExportService(ws)
        export = service.compare(
            project,
            old,
            new,
            fmt,
            include_unchanged=include_unchanged,
            list_renumbered=list_renumbered,
        )
        _emit(service, export, output)


@export_group.command("comments")
@project_option()
@version_option(help="按哪个版本显示条款（默认最新）。")
@format_option(*COMMENT_FORMATS)
@_PERSONAL
@_OUTPUT
@pass_cli
def comments_cmd(
    cli: CliContext,
    project: str,
    version: str | None,
    fmt: str,
    include_personal_data: bool,
    output: Path | None,
) -> None:
    """导出意见汇总表 / 意见采纳情况表（按条文顺序，同类意见合并计数，附统计表）。"""
    with cli.open_workspace() as ws:
        service = ExportService(ws)
        export = service.comments(
            project, version, fmt, include_personal_data=include_personal_data
        )
        _emit(service, export, output)


@export_group.command("feedback")
@project_option()
@station_option()
@version_option(help="按哪个版本显示条款（默认最新）。")
@format_option(*FEEDBACK_FORMATS)
@_PERSONAL
@_OUTPUT
@pass_cli
def feedback_cmd(
    cli: CliContext,
    project: str,
    station: str,
    version: str | None,
    fmt: str,
    include_personal_data: bool,
    output: Path | None,
) -> None:
    """导出给某一联络站的意见处理情况反馈（每条意见、处理结果及理由）。"""
    with cli.open_workspace() as ws:
        service = ExportService(ws)
        export = service.feedback(
            project,
            station,
            fmt,
            version=version,
            include_personal_data=include_personal_data,
        )
        _emit(service, export, output)


@export_group.command("report")
@project_option()
@click.option(
    "--kind",
    "kind",
    required=True,
    type=click.Choice(["起草说明", "修改情况", "审议结果", "修改情况说明"]),
    help="报告类型：起草说明（一审）、修改情况（的报告，中间审议）、审议结果（的报告，最后一次审议）、"
    "修改情况说明（表决前）。",
)
@click.option(
    "--from",
    "old",
    default=None,
    help="比较的原版本（版本号或稿名，如 草案）；默认按报告类型取上一阶段的稿。",
)
@click.option(
    "--to",
    "new",
    default=None,
    help="报告所附的版本（版本号或稿名，如 草案修改稿）；默认按报告类型取相应阶段的最新稿。",
)
@format_option("docx", "markdown")
@_OUTPUT
@pass_cli
def report_cmd(
    cli: CliContext,
    project: str,
    kind: str,
    old: str | None,
    new: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """起草审议报告：起草说明、修改情况的报告、审议结果的报告或修改情况的说明（供工作人员修改的初稿）。

    报告只写工作台中有据可查的内容（意见数量与来源、两稿之间的修改及其理由、未采纳的意见、
    四前四方会商记录、会议日期）；需要工作人员判断或补充之处标为【请补充：……】。
    """
    from workbench.workspace.reading_reports import ReadingReportService

    with cli.open_workspace() as ws:
        service = ExportService(ws)
        export = ReadingReportService(ws).export(project, kind, fmt, old, new)
        _emit(service, export, output)


COMMANDS: list[click.Command] = [export_group]
