"""Workspace commands: ``init``, ``import``, ``versions``, ``show``, ``status``, ``matrix``, ``audit``.

Each opens the workspace named by the global ``--workspace``/``--database`` options, calls one
`Workspace` method and prints data on stdout; warnings and errors go to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, node_option, project_option, version_option
from workbench.cli.output import echo, emit_json, fail, note
from workbench.cli.tables import display_width, format_table
from workbench.model import Document
from workbench.model.project import CELL_STATUSES, AuditReport, MatrixConfig, VersionInfo
from workbench.render import render_text
from workbench.workspace import Workspace
from workbench.workspace.audit import action_label, payload_summary
from workbench.workspace.demo import ensure_demo, is_demo

__all__ = ["COMMANDS", "display_width", "format_table"]


def _open(cli: CliContext) -> Workspace:
    return cli.open_workspace()


def _version_json(info: VersionInfo) -> dict[str, Any]:
    data: dict[str, Any] = info.model_dump(mode="json")
    return data


@click.command("init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@node_option(
    required=False,
    multiple=True,
    help="征求意见节点（可重复，按顺序；默认四前：立项前、初审前、二审前、表决前）。",
)
@click.option("--party", "parties", multiple=True, help="征求对象（可重复；默认四方）。")
@pass_cli
def init_cmd(
    cli: CliContext, directory: Path | None, nodes: tuple[str, ...], parties: tuple[str, ...]
) -> None:
    """创建工作区（默认为 --workspace 指定的目录）：收件箱、导出目录、数据库、联络站名册。"""
    folder = directory or cli.workspace_path
    config = None
    if nodes or parties:
        base = MatrixConfig()
        config = MatrixConfig(nodes=nodes or base.nodes, parties=parties or base.parties)
    if cli.database is None and is_demo(folder):
        if config is not None:
            raise click.UsageError(
                f"{folder} 是内置演示工作区（含 demo.toml），其节点与征求对象按演示清单设置；"
                "请为自己的工作区另选目录。"
            )
        built = ensure_demo(folder)
        note(
            f"{folder} 是内置演示工作区："
            + ("已根据 demo.toml 建立演示数据库。" if built else "演示数据库已经建好。")
            + f"用 workbench open {folder} 打开；自己的工作区请另选目录。"
        )
    existed = folder.is_dir() and any(folder.iterdir())
    with Workspace.init(folder, cli.database, config=config, actor=cli.actor) as ws:
        verb = "已检查工作区" if existed else "已创建工作区"
        echo(f"{verb}：{ws.path}")
        matrix = ws.matrix_config()
        echo(f"征求意见节点：{'、'.join(matrix.nodes)}")
        echo(f"征求对象：{'、'.join(matrix.parties)}")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@project_option(help="项目代号（见 workbench projects）。")
@node_option(
    required=False,
    help="该稿冻结时所在的四前四方节点：立项前、初审前、二审前或表决前（与 --stage 二选一）。",
)
@click.option(
    "--stage",
    "-s",
    "stage",
    metavar="STAGE",
    help="该稿所在的立法阶段或稿名：起草/征求意见稿、一审/草案、二审/草案修改稿、表决/表决稿、"
    "公布/公布文本；修订、修正项目的起点为 现行（现行文本）。也接受节点名（与 --node 二选一）。",
)
@click.option(
    "--create",
    is_flag=True,
    help="项目不存在时新建（默认只导入到已有项目，代号写错会报错并列出现有项目）。",
)
@click.option("--title", help="项目名称（新建时默认取草案标题；给出时为已有项目改名）。")
@click.option("--party", help="送来文本的单位，例如 政府起草部门。")
@click.option("--reason", help="导入原因；在上一节点仍有未会商事项时记入审计日志。")
@format_option("text", "json")
@pass_cli
def import_cmd(
    cli: CliContext,
    file: Path,
    project: str,
    node: str | None,
    stage: str | None,
    create: bool,
    title: str | None,
    party: str | None,
    reason: str | None,
    fmt: str,
) -> None:
    """导入草案文件，作为项目在某一阶段（或四前四方节点）的定稿版本（同一文件重复导入不会产生新版本）。"""
    if (node is None) == (stage is None):
        raise click.UsageError(
            "请用 --node 指明征求意见节点，或用 --stage 指明立法阶段或稿名（二选一）。"
        )
    where = node if node is not None else str(stage)
    with _open(cli) as ws:
        result = ws.import_version(
            file,
            project,
            where,
            title=title,
            party=party,
            reason=reason,
            actor=cli.actor,
            create=create,
        )
        diagnostics = ws.document(project, result.version.number).diagnostics
        later = result.earlier_stage_than
    info = result.version
    if not result.created:
        echo(
            f"提示：该文件已在“{info.stage}”阶段导入为第 {info.number} 版（{info.label}），"
            "未重复导入。",
            err=True,
        )
    if result.open_cells:
        listed = "；".join(f"{c.node}·{c.party}（{c.status}）" for c in result.open_cells)
        echo(
            f"警告：前一节点尚有 {len(result.open_cells)} 项未会商：{listed}。"
            "已继续导入，并记入审计日志"
            + (f"（原因：{reason}）。" if reason else "；可用 --reason 说明原因。"),
            err=True,
        )
    if later:
        listed = "、".join(f"{v.label}（第{v.number}版）" for v in later)
        echo(
            f"警告：项目已有{listed}，本次导入的是较早阶段{info.stage}的{info.name}，"
            f"它仍成为最新版本（第{info.number}版）。请确认 --node 或 --stage 是否选错；"
            "已继续导入，并记入审计日志。",
            err=True,
        )
    if result.created and not result.draft_replaced:
        echo("提示：工作稿有尚未定稿的修改，未被新版本覆盖。", err=True)
    for diag in diagnostics:
        where = f"第{diag.line}行：" if diag.line is not None else ""
        level = {"error": "错误", "warning": "警告", "info": "提示"}[diag.severity]
        echo(f"解析{level}：{file.name}，{where}{diag.message}", err=True)
    if fmt == "json":
        emit_json("import", {"created": result.created, "version": _version_json(info)})
    else:
        echo(f"{info.project}\t第 {info.number} 版\t{info.label}\t{info.title}")


@click.command("versions")
@project_option()
@format_option("text", "json")
@pass_cli
def versions_cmd(cli: CliContext, project: str, fmt: str) -> None:
    """列出项目的全部版本（版本号、阶段、四前四方节点、稿名、标题、时间、来源）。"""
    with _open(cli) as ws:
        infos = ws.versions(project)
    if fmt == "json":
        emit_json("versions", {"versions": [_version_json(i) for i in infos]})
        return
    body = [
        [
            str(i.number),
            i.stage,
            i.node or "-",
            i.label,
            i.title,
            i.created_at.strftime("%Y-%m-%d %H:%M"),
            i.created_by,
            i.source_name or "（工作稿定稿）",
        ]
        for i in infos
    ]
    header = ["版本", "阶段", "节点", "稿名", "标题", "时间(UTC)", "操作人", "来源文件"]
    echo(format_table(header, body))


@click.command("show")
@project_option()
@version_option(name="ref", legacy=("-v",))
@click.option("--draft", is_flag=True, help="显示工作稿而不是定稿版本。")
@format_option("text", "json", labels={"json": "文档树，见 schemas/draft.schema.json"})
@pass_cli
def show_cmd(cli: CliContext, project: str, ref: str | None, draft: bool, fmt: str) -> None:
    """显示某一版本（默认最新一版）的全文，或其 JSON 树。"""
    with _open(cli) as ws:
        doc = ws.working_draft(project).document if draft else ws.document(project, ref)
    if fmt == "json":
        echo(doc.model_dump_json(indent=2))
    else:
        echo(_render_text(doc), nl=False)


def _render_text(doc: Document) -> str:
    text = render_text(doc)
    return text if text.endswith("\n") else text + "\n"


@click.command("history")
@click.argument("clause")
@project_option()
@version_option(name="ref", legacy=("-v",), help="在哪一版中查找条款序号（默认最新一版）。")
@format_option("text", "json")
@pass_cli
def history_cmd(cli: CliContext, clause: str, project: str, ref: str | None, fmt: str) -> None:
    """显示一个条款在各版本中的位置与变化（CLAUSE 为条款序号如 第十五条，或节点标识 uid）。"""
    with _open(cli) as ws:
        uid = ws.resolve_node(project, clause, ref)
        history = {h.version: h for h in ws.node_history(project, uid)}
        infos = ws.versions(project)
    if fmt == "json":
        data = [h.model_dump(mode="json") for h in history.values()]
        emit_json("history", {"uid": uid, "versions": data})
        return
    body: list[list[str]] = []
    previous: str | None = None
    for info in infos:
        entry = history.get(info.number)
        if entry is None:
            change = "（无）" if previous is None else "删除"
            previous = None
            body.append([str(info.number), info.label, "-", change])
            continue
        if previous is None:
            change = "新增" if body else "初稿"
        else:
            change = "未改" if entry.text_sha256 == previous else "修改"
        previous = entry.text_sha256
        body.append([str(info.number), info.label, entry.label, change])
    echo(f"节点标识 {uid}")
    echo(format_table(["版本", "稿名", "位置", "变化"], body))


@click.command("status")
@project_option()
@format_option("text", "json")
@pass_cli
def status_cmd(cli: CliContext, project: str, fmt: str) -> None:
    """显示项目的“四前四方”征求意见矩阵（节点 × 征求对象）与会商记录。"""
    with _open(cli) as ws:
        info = ws.project(project)
        matrix = ws.matrix(project)
        versions = ws.versions(project)
    if fmt == "json":
        emit_json("status", matrix.model_dump(mode="json"))
        return
    latest = versions[-1] if versions else None
    echo(f"{info.title}（{info.slug}）")
    if latest is not None:
        echo(f"当前版本：第 {latest.number} 版（{latest.label}）")

    def numbers(node: str) -> str:
        return "、".join(str(v.number) for v in versions if v.node == node) or "-"

    body = [
        [node, numbers(node), *(c.status for c in matrix.row(node))] for node in matrix.config.nodes
    ]
    echo(format_table(["节点", "版本", *matrix.config.parties], body))
    records = [c for c in matrix.cells if c.record]
    if records:
        echo("会商记录：")
        for c in records:
            echo(f"  {c.node}·{c.party}：{c.record}")


@click.group("matrix")
def matrix_group() -> None:
    """维护“四前四方”征求意见矩阵。"""


@matrix_group.command("set")
@project_option()
@node_option()
@click.option("--party", required=True, help="征求对象，例如 司法行政部门。")
@click.option(
    "--status",
    required=True,
    type=click.Choice(CELL_STATUSES),
    help="状态：未征求、已征求、已反馈、已会商。",
)
@click.option("--record", help="会商记录（不给则保留原记录）。")
@pass_cli
def matrix_set_cmd(
    cli: CliContext, project: str, node: str, party: str, status: str, record: str | None
) -> None:
    """设置矩阵中一个单元格的状态与会商记录。"""
    with _open(cli) as ws:
        cell = ws.set_cell(project, node, party, status, record=record, actor=cli.actor)
    echo(f"{cell.node}\t{cell.party}\t{cell.status}")


@click.command("audit")
@project_option(required=False, help="只看某一项目。")
@click.option("--limit", type=click.IntRange(min=1), help="只看最近若干条。")
@click.option(
    "--verify",
    is_flag=True,
    help="核查哈希链、锚点，以及版本、工作稿、处理意见、矩阵是否都有记录；发现问题时以非零状态退出。",
)
@click.option(
    "--check",
    "codes",
    multiple=True,
    metavar="CODE",
    help="与此前抄录的锚点码核对（可重复；隐含 --verify）。",
)
@click.option("--code", "show_code", is_flag=True, help="显示当前锚点码，供抄录或签署存档。")
@click.option(
    "--reanchor",
    is_flag=True,
    help="从备份恢复数据库后，按当前日志末尾重设锚点（须 --reason，记入日志）。",
)
@click.option("--reason", default="", help="--reanchor 的原因。")
@format_option("text", "json")
@pass_cli
def audit_cmd(
    cli: CliContext,
    project: str | None,
    limit: int | None,
    verify: bool,
    codes: tuple[str, ...],
    show_code: bool,
    reanchor: bool,
    reason: str,
    fmt: str,
) -> None:
    """显示审计日志，或核查其是否完整、是否与锚点及数据库中的内容相符。"""
    with _open(cli) as ws:
        if reanchor:
            code = ws.audit.reanchor(reason, actor=cli.actor)
            echo(code)
            note("已重设审计锚点，并记入审计日志；请抄录新的锚点码。")
            return
        if show_code:
            echo(ws.audit.code() or "（审计日志为空）")
            return
        if verify or codes:
            report = ws.verify_audit(codes)
            _print_report(report, fmt)
            if not report.ok:
                raise SystemExit(1)
            return
        entries = ws.audit_log(project, limit)
    if fmt == "json":
        emit_json("audit", {"entries": [e.model_dump(mode="json") for e in entries]})
        return
    body = [
        [
            str(e.seq),
            e.at.strftime("%Y-%m-%d %H:%M:%S"),
            e.actor,
            action_label(e.action),
            e.project or "",
            payload_summary(e.payload, action=e.action),
        ]
        for e in entries
    ]
    echo(format_table(["序号", "时间(UTC)", "操作人", "操作", "项目", "内容"], body))


def _print_report(report: AuditReport, fmt: str) -> None:
    """The report on stdout; each problem found also on stderr, as the errors they are."""
    if fmt == "json":
        emit_json("audit.verify", report.model_dump(mode="json"))
    else:
        echo(report.message)
        for line in report.notes:
            echo(f"  注：{line}")
        if report.head_code:
            echo(f"当前锚点码：{report.head_code}（可抄录保存，日后用 audit --check 核对）")
    for problem in report.problems:
        fail(problem.message)


COMMANDS: tuple[click.Command, ...] = (
    init_cmd,
    import_cmd,
    versions_cmd,
    show_cmd,
    history_cmd,
    status_cmd,
    matrix_group,
    audit_cmd,
)
"""The commands this module adds to ``workbench``, in help order."""
