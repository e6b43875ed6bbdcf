"""``workbench amend``: amendment decisions (修改决定) — read one, apply one, draft one.

Files in, text out, so the commands work without a workspace; with ``-p/--project`` they work on
a project's versions. stdout carries the data (the operations, the amended text, the decision);
outcomes that need a person (manual items, operations that do not fit) go to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, output_option, project_option, version_option
from workbench.cli.output import ExitCode, echo, emit_json, note, warn
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.amend import AppliedDecision, Decision, Unitemised

__all__ = ["COMMANDS"]

_STATUS = {"applied": "已适用", "manual": "需人工处理", "failed": "未能适用"}


@click.group("amend")
def amend_cmd() -> None:
    r"""修改决定：读取、适用、起草。

    \b
    workbench amend parse 决定.md               读出决定的各项修改（JSON）
    workbench amend apply 原文.md 决定.md         把决定适用于原文，输出修改后的文本
    workbench amend draft 原文.md 新文.md         由两个版本起草修改决定
    workbench amend apply 决定.md -p 项目        适用于项目的一版，生成下一版的工作稿
    workbench amend draft -p 项目 --from 1 --to 2  起草两版之间的修改决定
    """


def _decision(path: Path) -> Decision:
    from workbench.amend import read_decision_file

    return read_decision_file(path)


def _operation_rows(decision: Decision) -> list[dict[str, Any]]:
    from workbench.amend import kind_name

    rows: list[dict[str, Any]] = []
    for part in decision.parts:
        for item in part.items:
            rows.append(
                {
                    "item": item.label,
                    "instrument": part.instrument,
                    "status": item.status,
                    "message": item.message,
                    "operations": [
                        {"kind": kind_name(op), **op.model_dump(mode="json", exclude={"kind"})}
                        for op in item.operations
                    ],
                }
            )
    return rows


@amend_cmd.command("parse")
@click.argument("decision", type=click.Path(dir_okay=False, path_type=Path))
@format_option("json", "text", labels={"json": "各项修改的 JSON", "text": "逐项列出的中文清单"})
def parse_cmd(decision: Path, fmt: str) -> None:
    """读取修改决定（.md/.txt/.docx，.doc/.wps 经 LibreOffice 转换），读出每一项的修改操作（默认输出 JSON）。

    每一项的状态为：understood（已读懂）、manual（需人工处理，附原因）、
    unrecognised（无法识别，附原文）。
    """
    read = _decision(decision)
    rows = _operation_rows(read)
    if fmt == "json":
        emit_json(
            "amend.parse",
            {
                "title": read.title,
                "instruments": [p.instrument for p in read.parts],
                "items": rows,
                "closing": read.closing.model_dump(mode="json"),
            },
        )
        return
    from workbench.amend import kind_name

    echo(read.title)
    for part in read.parts:
        if len(read.parts) > 1:
            echo(f"\n{part.label}、《{part.instrument}》")
        for item in part.items:
            kinds = "、".join(kind_name(op) for op in item.operations) or "—"
            flag = {"understood": "", "manual": "【需人工】", "unrecognised": "【无法识别】"}
            echo(f"{item.label}　{flag[item.status]}{kinds}")
            if item.message:
                echo(f"    {item.message}")


def _report(applied: AppliedDecision) -> None:
    for outcome in applied.outcomes:
        if outcome.status != "applied":
            warn(
                f"第{outcome.item}项 {_STATUS[outcome.status]}（{outcome.kind}）：{outcome.message}"
            )
    if applied.unitemised:
        note(
            f"决定写明“{applied.unitemised}”：这些修改未逐项列明，不在以上各项之中，请与公布文本核对"
        )


def _unitemised_json(left: tuple[Unitemised, ...]) -> list[dict[str, str | None]]:
    return [u.model_dump() for u in left]


@amend_cmd.command("apply")
@click.argument("first", metavar="BASE")
@click.argument("second", metavar="DECISION", required=False)
@project_option(
    required=False, help="适用于该项目的一版（此时只给出 DECISION），生成下一版的工作稿。"
)
@version_option(help="被修改的版本（默认最新一版）；与 --project 一起使用。")
@format_option(
    "text",
    "json",
    "docx",
    labels={
        "text": "修改后的规范文本",
        "json": "各项结果与修改后的文本",
        "docx": "修改后的 Word 文本",
    },
)
@output_option(help="输出文件（docx 必须给出；“-”表示标准输出）。")
@click.option(
    "--compare",
    "published",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="与公布的修改后文本比较，列出决定未逐项列明的差异。",
)
@click.option(
    "--replace-draft", is_flag=True, help="工作稿有未定稿的修改时仍以适用结果替换（慎用）。"
)
@click.option(
    "--any-kind",
    is_flag=True,
    help="项目不是修正项目时仍然适用（例如把决定的修改带入修订草案）；与 --project 一起使用。",
)
@pass_cli
def apply_cmd(
    cli: CliContext,
    first: str,
    second: str | None,
    project: str | None,
    version: str | None,
    fmt: str,
    output: Path | None,
    published: Path | None,
    replace_draft: bool,
    any_kind: bool,
) -> None:
    """把修改决定适用于原文：amend apply BASE DECISION，或 amend apply DECISION -p 项目。

    在工作区中，修改决定适用于修正项目（从现行文本开始的项目）的一版，结果成为下一版的工作稿；
    其他类型的项目须加 --any-kind。

    text 输出修改后的规范文本（与 workbench parse --format text 相同）；json 输出
    {"operations": [{"item", "kind", "status", "message"}], "text"}。需人工处理或未能适用的
    各项写到标准错误。全部适用时退出码为 0，有需人工处理或未能适用的项时为 3。
    """
    if project is not None:
        if second is not None:
            raise click.UsageError(
                "与 --project 一起使用时只给出修改决定文件：amend apply DECISION -p 项目"
            )
        applied = _apply_in_workspace(
            cli, project, Path(first), version, replace=replace_draft, any_kind=any_kind
        )
    else:
        if second is None:
            raise click.UsageError("请给出原文和修改决定：amend apply BASE DECISION")
        if version is not None or any_kind:
            option = "--version" if version is not None else "--any-kind"
            raise click.UsageError(f"{option} 只能与 --project 一起使用")
        applied = _apply_files(Path(first), Path(second))
    left = _compare(applied, published)
    _write_applied(applied, fmt, output, left)
    _report(applied)
    for u in left:
        warn(f"未逐项列明：{u.label}（{u.change}）" + (f"，即：{u.item}" if u.item else ""))
    if applied.manual or applied.failed:
        raise SystemExit(ExitCode.PARTIAL)


def _apply_files(base_path: Path, decision_path: Path) -> AppliedDecision:
    from workbench.amend import apply_decision
    from workbench.parse import parse_file

    base = parse_file(base_path)
    return apply_decision(_decision(decision_path), base)


def _apply_in_workspace(
    cli: CliContext,
    project: str,
    decision_path: Path,
    version: str | None,
    *,
    replace: bool,
    any_kind: bool,
) -> AppliedDecision:
    from workbench.workspace.amendments import AmendmentService

    with cli.open_workspace() as ws:
        done = AmendmentService(ws).apply(
            project,
            decision_path,
            version=version,
            actor=cli.actor,
            replace_draft=replace,
            any_kind=any_kind,
        )
    note(
        f"已把《{_nested(done.decision.title)}》适用于项目“{project}”第{done.base.number}版，"
        f"结果已存为工作稿（修订号 {done.draft.revision}）：请在编辑器中完成需人工处理的各项后定稿"
    )
    return done.applied


def _nested(title: str) -> str:
    """A title inside 书名号 writes its own 书名号 as 〈〉."""
    return title.replace("《", "〈").replace("》", "〉")


def _compare(applied: AppliedDecision, published: Path | None) -> tuple[Unitemised, ...]:
    if published is None:
        return ()
    from workbench.amend import unitemised_changes
    from workbench.parse import parse_file

    return unitemised_changes(applied.document, parse_file(published))


def _write_applied(
    applied: AppliedDecision, fmt: str, output: Path | None, left: tuple[Unitemised, ...]
) -> None:
    from workbench.render import render_text

    if fmt == "docx":
        from workbench.export import export_draft_docx

        _write_bytes(export_draft_docx(applied.document), output, "docx")
        return
    text = render_text(applied.document)
    if fmt == "json":
        data: dict[str, Any] = {
            "operations": [
                {"item": o.item, "kind": o.kind, "status": o.status, "message": o.message}
                for o in applied.outcomes
            ],
            "text": text,
        }
        if left:
            data["unitemised"] = _unitemised_json(left)
        if output is not None and str(output) != "-":
            from workbench.cli.output import envelope, json_text

            output.write_text(json_text(envelope("amend.apply", data)) + "\n", encoding="utf-8")
            echo(str(output))
            return
        emit_json("amend.apply", data)
        return
    _write_text(text, output)


def _write_text(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WorkbenchError(f"无法写入 {output}：{exc.strerror or exc}") from exc
    echo(str(output))


def _write_bytes(data: bytes, output: Path | None, kind: str) -> None:
    if output is None or str(output) == "-":
        raise click.UsageError(f"{kind} 格式请用 -o/--output 指定输出文件")
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise WorkbenchError(f"无法写入 {output}：{exc.strerror or exc}") from exc
    echo(str(output))


@amend_cmd.command("draft")
@click.argument("old", required=False)
@click.argument("new", required=False)
@project_option(
    required=False, help="起草该项目两个版本之间的修改决定（与 --from、--to 一起使用）。"
)
@click.option(
    "--from", "first", default=None, metavar="VERSION", help="原版本（与 --project 一起使用）。"
)
@click.option(
    "--to", "second", default=None, metavar="VERSION", help="新版本（与 --project 一起使用）。"
)
@format_option(
    "text", "docx", "markdown", labels={"text": "修改决定的纯文本", "docx": "正式版式的 Word 文档"}
)
@output_option(help="输出文件（docx 必须给出；“-”表示标准输出）。")
@click.option("--title", default=None, help="修改决定的标题（默认“关于修改《…》的决定”）。")
@pass_cli
def draft_cmd(
    cli: CliContext,
    old: str | None,
    new: str | None,
    project: str | None,
    first: str | None,
    second: str | None,
    fmt: str,
    output: Path | None,
    title: str | None,
) -> None:
    """由两个版本起草修改决定：amend draft OLD NEW，或 amend draft -p 项目 --from V1 --to V2。

    各项按原条文序号排列，用最简的正确表述（个别文字改动写作“将第X条中的……修改为……”，
    大幅改写的条文整条重写），以条文顺序调整、施行和重新公布条款结尾。
    """
    if project is not None:
        if old is not None or new is not None or first is None or second is None:
            raise click.UsageError("请写作：amend draft -p 项目 --from 原版本 --to 新版本")
        from workbench.workspace.amendments import AmendmentService

        with cli.open_workspace() as ws:
            decision, _, _ = AmendmentService(ws).draft(project, first, second, title=title)
    else:
        if old is None or new is None or first is not None or second is not None:
            raise click.UsageError("请写作：amend draft OLD NEW（或 -p 项目 --from --to）")
        from workbench.amend import draft_decision
        from workbench.parse import parse_file

        decision = draft_decision(parse_file(Path(old)), parse_file(Path(new)), title=title)
    from workbench.export.decision import decision_docx, decision_markdown, decision_plain

    if fmt == "docx":
        _write_bytes(decision_docx(decision), output, "docx")
    elif fmt == "markdown":
        _write_text(decision_markdown(decision), output)
    else:
        _write_text(decision_plain(decision), output)


COMMANDS: list[click.Command] = [amend_cmd]
"""The commands this module adds to ``workbench``."""
