"""``workbench search``: find words in the drafts and the comments (full-text indexes)."""

from __future__ import annotations

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, project_option, version_option
from workbench.cli.output import echo, emit_json, note
from workbench.cli.tables import format_table

__all__ = ["COMMANDS"]

_SCOPES = ("all", "draft", "comments")


@click.command("search")
@click.argument("query")
@project_option(required=False, help="只在这个项目中检索（默认全部项目）。")
@click.option(
    "--in",
    "scope",
    type=click.Choice(_SCOPES),
    default="all",
    show_default=True,
    help="检索范围：all 草案与意见，draft 只检索草案条文，comments 只检索意见。",
)
@version_option(
    help="检索草案的哪个版本：latest 各项目最新版（默认），all 全部版本，或版本号、节点名称（须同时给出 -p）。",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="草案与意见各最多列出多少条（总数照样统计）。",
)
@format_option("text", "json")
@pass_cli
def search_cmd(
    cli: CliContext,
    query: str,
    project: str | None,
    scope: str,
    version: str | None,
    limit: int,
    fmt: str,
) -> None:
    """检索草案条文和意见：词语或短语，两字词亦可（供热、物业）；空格分隔的几个词须同时出现。"""
    from workbench.workspace.search import SearchService

    with cli.open_workspace() as ws:
        found = SearchService(ws).search(
            query,
            project=project,
            scope=scope,  # type: ignore[arg-type]
            versions=version or "latest",
            limit=limit,
        )
    if fmt == "json":
        emit_json(
            "search",
            {
                "draft": [d.to_dict() for d in found.draft],
                "comments": [c.to_dict() for c in found.comments],
            },
        )
        return
    if scope in ("all", "draft"):
        echo(f"草案：{found.draft_total} 处")
        if found.draft:
            rows = [(d.project, str(d.version), d.label, d.snippet) for d in found.draft]
            echo(format_table(("项目", "版本", "条款", "内容"), rows))
    if scope in ("all", "comments"):
        if scope == "all":
            echo("")
        echo(f"意见：{found.comments_total} 条")
        if found.comments:
            listed = [
                (str(c.id), c.project, c.station, c.article or "未定位", c.snippet)
                for c in found.comments
            ]
            echo(format_table(("编号", "项目", "站点", "条款", "内容"), listed))
    shown = len(found.draft) + len(found.comments)
    if shown < found.draft_total + found.comments_total:
        note(f"只列出了前 {limit} 条；用 --limit 可多列，或加 -p / --in 缩小范围")


COMMANDS: list[click.Command] = [search_cmd]
