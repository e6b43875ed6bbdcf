"""Project commands: ``workbench project new|list|rename|archive|restore`` and ``workbench projects``.

Projects are created only on request (here, or ``import --create``), renamed and archived with
an audit entry, and never deleted. ``projects`` is the listing, kept under its old name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, project_complete
from workbench.cli.output import echo, emit_json, note
from workbench.cli.tables import format_table

if TYPE_CHECKING:
    from workbench.model.project import Project, VersionInfo

__all__ = ["COMMANDS"]

_SLUG = click.argument("slug", metavar="SLUG", shell_complete=project_complete)


def _project_json(project: Project, versions: list[VersionInfo] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = project.model_dump(mode="json")
    data["archived"] = project.archived
    if versions is not None:
        data["versions"] = len(versions)
        data["latest"] = versions[-1].model_dump(mode="json") if versions else None
    return data


def _list(cli: CliContext, show_archived: bool, fmt: str) -> None:
    from workbench.workspace.projects import ProjectService

    with cli.open_workspace() as ws:
        listed = [
            (p, ws.versions(p.slug)) for p in ProjectService(ws).projects(archived=show_archived)
        ]
    if fmt == "json":
        emit_json("projects", {"projects": [_project_json(p, v) for p, v in listed]})
        return
    if not listed:
        note("工作区还没有项目：用 workbench project new 代号 --title 法规名称 新建。")
        return
    header = ["项目代号", "名称", "版本数", "最新版本"]
    body = [
        [
            p.slug,
            p.title,
            str(len(v)),
            f"第 {v[-1].number} 版（{v[-1].label}）" if v else "（尚无版本）",
        ]
        for p, v in listed
    ]
    if show_archived:
        header.append("状态")
        for row, (p, _) in zip(body, listed, strict=True):
            row.append(f"已归档（{p.archived_at:%Y-%m-%d}）" if p.archived_at else "在办")
    echo(format_table(header, body))


_ALL = click.option("--all", "show_archived", is_flag=True, help="同时列出已归档的项目。")


@click.command("projects")
@_ALL
@format_option("text", "json")
@pass_cli
def projects_cmd(cli: CliContext, show_archived: bool, fmt: str) -> None:
    """列出工作区中的立法项目及其最新版本（与 workbench project list 相同）。"""
    _list(cli, show_archived, fmt)


@click.group("project")
def project_group() -> None:
    """立法项目：新建、列出、改名、归档与恢复（项目从不删除，操作记入审计日志）。"""


@project_group.command("list")
@_ALL
@format_option("text", "json")
@pass_cli
def list_cmd(cli: CliContext, show_archived: bool, fmt: str) -> None:
    """列出立法项目及其最新版本（默认不含已归档的项目）。"""
    _list(cli, show_archived, fmt)


def _show(project: Project, fmt: str, done: str) -> None:
    if fmt == "json":
        emit_json("project", {"project": _project_json(project)})
    else:
        echo(f"{project.slug}\t{project.title}")
    note(done)


@project_group.command("new")
@_SLUG
@click.option("--title", required=True, help="项目名称，即法规名称，例如 某某市养老服务条例。")
@click.option(
    "--kind",
    type=click.Choice(["制定", "修订", "修正", "废止"]),
    default="制定",
    show_default=True,
    help="项目类型：制定新法规；修订（全面修改）、修正（以修改决定修改）或废止现行法规，"
    "这三类从现行文本开始。",
)
@click.option(
    "--readings",
    type=click.IntRange(1, 3),
    default=2,
    show_default=True,
    help="审议次数：一般为 2；“小快灵”等一次审议通过的为 1；重大或争议较大的为 3。",
)
@format_option("text", "json")
@pass_cli
def new_cmd(cli: CliContext, slug: str, title: str, kind: str, readings: int, fmt: str) -> None:
    """新建立法项目：SLUG 为项目代号（小写英文字母、数字、-，例如 sh-jiuzu）。

    新项目还没有版本；制定项目再用 workbench import 文件 -p 代号 --node 立项前 导入草案，
    修订、修正、废止项目先用 workbench import 文件 -p 代号 --stage 现行 导入现行文本。
    """
    from workbench.model.cycle import PROJECT_KINDS
    from workbench.workspace.projects import ProjectService

    chosen = next(k for k in PROJECT_KINDS if k == kind)
    with cli.open_workspace() as ws:
        project = ProjectService(ws).create(
            slug, title, actor=cli.actor, kind=chosen, readings=readings
        )
        first = ws.matrix_config().nodes[0]
    if project.kind == "制定":
        start = f"导入草案：workbench import 文件 -p {project.slug} --node {first}"
    else:
        start = f"导入现行文本：workbench import 文件 -p {project.slug} --stage 现行"
    path = "一次审议" if project.readings == 1 else f"{project.readings}次审议"
    _show(
        project,
        fmt,
        f"已新建{project.kind}项目《{project.title}》（{project.slug}，{path}）。{start}",
    )


@project_group.command("rename")
@_SLUG
@click.option("--title", default=None, help="新的项目名称。")
@click.option(
    "--slug",
    "new_slug",
    default=None,
    help="新的项目代号；已发出的意见表模板仍写着旧代号，改后请重新生成模板。",
)
@format_option("text", "json")
@pass_cli
def rename_cmd(
    cli: CliContext, slug: str, title: str | None, new_slug: str | None, fmt: str
) -> None:
    """为项目改名（--title）或改代号（--slug）；版本、意见和处理记录随项目不变。"""
    from workbench.workspace.projects import ProjectService

    if title is None and new_slug is None:
        raise click.UsageError("请用 --title 给出新名称，或用 --slug 给出新代号。")
    with cli.open_workspace() as ws:
        project = ProjectService(ws).rename(slug, title=title, new_slug=new_slug, actor=cli.actor)
    done = f"已更新项目《{project.title}》（{project.slug}），原名称与原代号记入审计日志。"
    if project.slug != slug:
        done += f"已发出的意见表模板写着旧代号 {slug}，请重新生成（workbench comments template）。"
    _show(project, fmt, done)


@project_group.command("archive")
@_SLUG
@click.option("--reason", default=None, help="归档原因，记入审计日志（例如 已公布施行）。")
@format_option("text", "json")
@pass_cli
def archive_cmd(cli: CliContext, slug: str, reason: str | None, fmt: str) -> None:
    """归档项目：全部版本、意见与处理记录保留，默认不再列出，也不能再导入新版本。"""
    from workbench.workspace.projects import ProjectService

    with cli.open_workspace() as ws:
        project = ProjectService(ws).archive(slug, reason=reason, actor=cli.actor)
    _show(
        project,
        fmt,
        f"已归档项目《{project.title}》。查看：workbench projects --all；"
        f"恢复：workbench project restore {project.slug}",
    )


@project_group.command("restore")
@_SLUG
@format_option("text", "json")
@pass_cli
def restore_cmd(cli: CliContext, slug: str, fmt: str) -> None:
    """恢复已归档的项目，使其重新列出并可导入新版本。"""
    from workbench.workspace.projects import ProjectService

    with cli.open_workspace() as ws:
        project = ProjectService(ws).restore(slug, actor=cli.actor)
    _show(project, fmt, f"已恢复项目《{project.title}》。")


COMMANDS: list[click.Command] = [projects_cmd, project_group]
"""The commands this module adds to ``workbench``."""
