"""``workbench check FILE…`` / ``check --project P [--version V]``: the drafting checks.

Findings go to stdout, as a Chinese list or as JSON ``{"findings": [{"rule", "where", "message",
"suggestion"}]}`` (with several files each finding also names its ``file``). Citations of
upper-level law are checked against the workspace's library when there is a workspace. Exit
codes: 0 checked (findings or not); 1 with ``--strict`` when any finding is an error, or when a
file cannot be read or the project is unknown (the reason on stderr).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, project_option, version_option
from workbench.cli.output import ExitCode, echo, emit_json, fail, note

if TYPE_CHECKING:
    from workbench.check import Rule
    from workbench.workspace.checks import CheckReport, CheckService

__all__ = ["COMMANDS", "check_cmd"]


def _service(cli: CliContext, needs_workspace: bool) -> CheckService:
    from workbench.workspace import DATABASE_FILE
    from workbench.workspace.checks import CheckService

    folder = cli.workspace_path
    if not needs_workspace and cli.database is None and not (folder / DATABASE_FILE).is_file():
        note(
            f"{folder} 不是工作区，没有法规库，对上位法的引用未作核对"
            "（用 --workspace 指定工作区，用 workbench library add 加入上位法）。"
        )
        return CheckService(None)
    return CheckService(cli.open_workspace())


def _rules(ids: tuple[str, ...]) -> tuple[Rule, ...]:
    from workbench.check import RULES

    if not ids:
        return RULES
    known = {r.id: r for r in RULES}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise click.BadParameter(
            f"没有规则“{'、'.join(unknown)}”；可用 workbench check --rules 查看全部规则",
            param_hint="--rule",
        )
    return tuple(known[i] for i in ids)


def _list_rules(fmt: str) -> None:
    from workbench.check import RULES, SEVERITY_LABELS

    if fmt == "json":
        data = [
            {"rule": r.id, "severity": r.severity, "title": r.title, "source": r.source}
            for r in RULES
        ]
        emit_json("check.rules", {"rules": data})
        return
    from workbench.cli.workspace_cmd import format_table

    body = [[r.id, SEVERITY_LABELS[r.severity], r.title, r.source] for r in RULES]
    echo(format_table(["规则", "级别", "检查内容", "依据"], body))


def _files(paths: tuple[Path, ...]) -> list[Path]:
    from workbench.workspace.library import library_files

    return [path for path, _ in library_files(paths)]


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@project_option(required=False, help="检查该项目的版本（而不是文件）。")
@version_option()
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="按该日期施行的上位法版本核对引用（默认取文本题注或文件名中的日期，项目版本取定稿日期）。",
)
@click.option(
    "--rule",
    "rule_ids",
    multiple=True,
    metavar="RULE",
    help="只运行该规则（可重复）；规则见 --rules。",
)
@click.option("--rules", "list_rules", is_flag=True, help="列出全部检查规则后退出。")
@click.option("--strict", is_flag=True, help="有“错误”级别的问题时以退出码 1 结束。")
@format_option(
    "text",
    "json",
    labels={"json": '{"schema", "findings": [{"rule", "where", "message", "suggestion"}]}'},
)
@pass_cli
def check_cmd(
    cli: CliContext,
    paths: tuple[Path, ...],
    project: str | None,
    version: str | None,
    when: str | None,
    rule_ids: tuple[str, ...],
    list_rules: bool,
    strict: bool,
    fmt: str,
) -> None:
    """按立法技术规范检查法规文本或项目版本：序号、引用、上位法引用是否过时、标点、但书等。

    PATHS 为法规文本文件或目录（目录检查其下全部法规文本）；或用 --project 检查项目的版本。
    对上位法的引用按文本日期施行的版本核对：上位法此后修改、条文序号已变的，提示新序号。
    """
    if list_rules:
        _list_rules(fmt)
        return
    if bool(paths) == bool(project):
        raise click.UsageError("请给出要检查的文件或目录，或用 --project 指定项目（二者选一）")
    if version is not None and project is None:
        raise click.UsageError("--version 只能与 --project 一起使用")
    from workbench.check.instruments import parse_date

    try:
        at = parse_date(when) if when else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from exc
    rules = _rules(rule_ids)
    service = _service(cli, needs_workspace=project is not None)
    try:
        if project is not None:
            reports = [service.check_version(project, version, at=at, rules=rules)]
        else:
            files = _files(paths)
            if not files:
                raise click.UsageError("给出的目录中没有法规文本文件（.md、.txt、.docx、.xml）")
            reports = [service.check_file(f, at=at, rules=rules) for f in files]
    finally:
        if service.ws is not None:
            service.ws.close()
    several = len(reports) > 1
    if fmt == "json":
        findings: list[dict[str, Any]] = []
        for report in reports:
            for f in report.findings:
                findings.append({**f.as_json(), "file": report.source} if several else f.as_json())
        # ``findings`` is the shape issue 21 fixes; ``schema`` comes first, as in every output.
        emit_json("check", {"findings": findings})
    else:
        echo("\n".join(_text(r) for r in reports), nl=False)
    errors = sum(r.errors for r in reports)
    if strict and errors:
        fail(f"发现{errors}处“错误”级别的问题（--strict）")
        raise SystemExit(ExitCode.ERROR)


def _text(report: CheckReport) -> str:
    from collections import Counter

    from workbench.check import SEVERITY_LABELS
    from workbench.model.library import date_label

    counts = Counter(f.severity for f in report.findings)
    summary = "，".join(
        f"{SEVERITY_LABELS[s]}{counts[s]}处" for s in ("error", "warning", "info") if counts[s]
    )
    dated = f"，按{date_label(report.at)}施行的上位法核对" if report.at else ""
    lines = [f"《{report.title}》（{report.source}{dated}）：{summary or '未发现问题'}"]
    for f in report.findings:
        lines.append(f"  {f.where}　{SEVERITY_LABELS[f.severity]}　{f.message}（{f.rule}）")
        if f.suggestion:
            lines.append(f"      建议：{f.suggestion}")
    return "\n".join(lines) + "\n"


COMMANDS: list[click.Command] = [check_cmd]
"""The commands this module adds to ``workbench``."""
