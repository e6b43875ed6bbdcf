"""Consultation commands: ``workbench stations`` and ``workbench comments ...``.

``comments template|ingest|list|decide|stats|place|clusters`` call `CommentService` on the
workspace named by the global options. Data on stdout (tables or JSON); progress, warnings and
errors on stderr. A rejected file makes ``ingest`` exit non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, cast

import click

from workbench.cli import output
from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import (
    format_option,
    output_option,
    project_option,
    station_option,
    version_option,
)
from workbench.cli.output import ExitCode, echo, warn
from workbench.cli.tables import format_table
from workbench.comments import (
    SCHEMA_FILE,
    WHOLE,
    CitationIndex,
    FileFormat,
    comment_file_schema_text,
)
from workbench.model.comments import DECISION_KINDS
from workbench.model.schema import draft_schema, schema_text
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService, IngestResult

__all__ = ["COMMANDS"]

_STATUS_LABEL = {"accepted": "已接收", "rejected": "已拒收", "duplicate": "重复（未重复入库）"}
_STATE_LABEL = {"placed": "已定位", "unplaced": "未定位", "orphaned": "条款已删除"}
"""A comment's placement (``state`` in JSON) as staff call it."""
_STATE_CODE = {label: code for code, label in _STATE_LABEL.items()}


class _StatusChoice(click.Choice[str]):
    """``--status``: a placement (已定位/未定位/条款已删除) or a decision, all in Chinese.

    The English placement names of earlier releases (placed/unplaced/orphaned) are still
    accepted, so scripts keep working, but no longer listed.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Map an English placement name to its Chinese one, then check the choices."""
        return super().convert(_STATE_LABEL.get(value, value), param, ctx)


_STATUS = _StatusChoice((*_STATE_LABEL.values(), *DECISION_KINDS, "待处理"))


def _service(cli: CliContext) -> tuple[Workspace, CommentService]:
    ws = cli.open_workspace()
    return ws, CommentService(ws)


@click.command("stations")
@format_option("text", "json")
@pass_cli
def stations_cmd(cli: CliContext, fmt: str) -> None:
    """列出站点登记表（联络站、联系点、代表之家、四方）；编辑工作区内的 stations.csv 即可修改。"""
    ws, svc = _service(cli)
    with ws:
        stations = svc.stations()
    if fmt == "json":
        output.emit_json("stations", {"stations": [s.model_dump() for s in stations]})
        return
    body = [(s.code, s.name, s.county, s.kind) for s in stations]
    echo(format_table(("编号", "名称", "县市", "类别"), body))


@click.group("comments")
def comments_group() -> None:
    """意见建议：生成模板、接收意见表、查看、去重、处理与统计。"""


@comments_group.command("template")
@project_option()
@version_option(required=True, help="征求意见的版本（版本号或节点名）。")
@station_option()
@click.option("--collector", default="", help="采集员姓名（预填）。")
@format_option(
    "xlsx", "csv", "json", labels={"json": "意见文件，见 schemas/comment-file.schema.json"}
)
@click.option(
    "--rows",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="XLSX 预填行数。",
)
@output_option(required=True, stdout=False, help="模板文件名（扩展名与 --format 一致）。")
@pass_cli
def template_cmd(
    cli: CliContext,
    project: str,
    version: str,
    station: str,
    collector: str,
    fmt: str,
    rows: int,
    output: Path,
) -> None:
    """生成联络站意见表模板（XLSX 含条款下拉列表）；“版本”列预填确切的版本号。"""
    if output.suffix.lower() != f".{fmt}":
        raise click.UsageError(
            f"输出文件“{output}”的扩展名与格式 {fmt} 不符：请写成 {output.with_suffix('.' + fmt).name}，"
            f"或用 --format 选择与扩展名相符的格式（xlsx / csv / json）"
        )
    ws, svc = _service(cli)
    with ws:
        kind = cast(FileFormat, fmt)
        # The exact number, not the stage name: a stage name would follow the stage to a later
        # version imported at the same stage, and old templates' comments would land on it.
        number = str(ws.resolve_version(project, version).number)
        data = svc.template(kind, project, number, station, collector=collector, rows=rows)
    output = output.expanduser().resolve()
    output.write_bytes(data)
    echo(f"已生成模板：{output}", err=True)


_MAX_NOTES = 50
"""More notes than this (formula-like cells, unplaced or repeated rows) are summarised."""
_NOTES_SHOWN = 20


@comments_group.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("text", "json")
@pass_cli
def ingest_cmd(cli: CliContext, files: tuple[Path, ...], fmt: str) -> None:
    """接收意见表（XLSX / CSV / JSON）：先原样存入 inbox/，校验后整份入库或整份拒收。"""
    ws, svc = _service(cli)
    results: list[IngestResult] = []
    with ws:
        interrupted = svc.record_interrupted(actor=cli.actor)
        if interrupted:
            warn(
                f"收件箱中有 {len(interrupted)} 个文件是此前一次接收中断（进程被终止或出错）时"
                "保存的，未曾读取入库，现已登记为“接收中断”（见 workbench audit）；"
                "如需导入其中的意见，请重新接收原文件"
            )
        if len(files) > 1:
            with click.progressbar(
                length=len(files), label="接收意见表", file=sys.stderr, show_pos=True
            ) as bar:
                results = svc.ingest(files, actor=cli.actor, on_file=lambda _: bar.update(1))
        else:
            results = svc.ingest(files, actor=cli.actor)
    for r in results:
        for problem in r.errors:
            echo(f"拒收：{problem}", err=True)
    notes = [problem for r in results for problem in r.warnings]
    for problem in notes if len(notes) <= _MAX_NOTES else notes[:_NOTES_SHOWN]:
        echo(f"提示：{problem}", err=True)
    if len(notes) > _MAX_NOTES:
        echo(
            f"……共 {len(notes)} 条提示，以上为前 {_NOTES_SHOWN} 条；"
            "完整清单（含行号、列名）请用 --format json 查看",
            err=True,
        )
    if fmt == "json":
        output.emit_json("comments.ingest", {"files": [r.to_dict() for r in results]})
    else:
        body = [
            (r.path, _STATUS_LABEL[r.status], str(r.rows), str(r.unplaced), str(r.flagged))
            for r in results
        ]
        echo(format_table(("文件", "结果", "意见数", "未定位", "疑似公式"), body))
    rejected = sum(r.status == "rejected" for r in results)
    if rejected:
        sys.exit(ExitCode.PARTIAL if rejected < len(results) else ExitCode.ERROR)


@comments_group.command("list")
@project_option()
@version_option(help="按哪个版本显示条款编号（默认最新）。")
@click.option("--article", default=None, help="只看某一条，如 第十二条（或 全文）。")
@station_option(required=False, help="只看某联络站（编号）。")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=_STATUS,
    help="定位状态（已定位、未定位、条款已删除）或处理结果（采纳……待处理），可重复。",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="最多列出多少条。")
@format_option("text", "json")
@pass_cli
def list_cmd(
    cli: CliContext,
    project: str,
    version: str | None,
    article: str | None,
    station: str | None,
    statuses: tuple[str, ...],
    limit: int | None,
    fmt: str,
) -> None:
    """列出意见，条款按所选版本的编号显示（原第X条 / 现第Y条）。"""
    ws, svc = _service(cli)
    with ws:
        if article:
            svc.check_article(project, version, article)
        views, total = svc.comments(
            project,
            version,
            article=article,
            station=station,
            status=tuple(_STATE_CODE.get(s, s) for s in statuses),
            limit=limit,
        )
    if fmt == "json":
        output.emit_json(
            "comments.list", {"comments": [v.to_dict() for v in views], "total": total}
        )
        return
    body = [
        (
            str(v.id),
            v.station,
            v.display,
            _STATE_LABEL[v.state],
            v.decision or "待处理",
            str(v.cluster or ""),
            _clip(v.text, 40),
        )
        for v in views
    ]
    echo(format_table(("编号", "站点", "条款", "状态", "处理", "重复组", "意见"), body))
    echo(f"共 {total} 条", err=True)


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@comments_group.command("decide")
@click.option("--comment", "comment_ids", type=int, multiple=True, help="意见编号（可重复）。")
@click.option(
    "--cluster", "cluster_id", type=int, default=None, help="重复意见组编号（整组处理）。"
)
@click.option(
    "--decision",
    "kind",
    type=click.Choice(DECISION_KINDS),
    required=True,
    help="处理结果：采纳、部分采纳、未采纳或留作参考。",
)
@click.option("--reason", default="", help="处理理由（未采纳必填）。")
@click.option("--link", default=None, help="体现该意见的条款（如 第十三条第二款）或节点编号。")
@click.option("--link-version", default=None, help="--link 所在的版本（默认最新）。")
@format_option("text", "json", labels={"text": "处理结果的中文说明"})
@pass_cli
def decide_cmd(
    cli: CliContext,
    comment_ids: tuple[int, ...],
    cluster_id: int | None,
    kind: str,
    reason: str,
    link: str | None,
    link_version: str | None,
    fmt: str,
) -> None:
    """记录处理意见（采纳 / 部分采纳 / 未采纳 / 留作参考），写入审计日志。"""
    ws, svc = _service(cli)
    with ws:
        earlier = svc.earlier_decisions(kind, comment_ids=comment_ids, cluster_id=cluster_id)
        decided = svc.decide(
            kind=kind,
            reason=reason,
            actor=cli.actor,
            comment_ids=comment_ids,
            cluster_id=cluster_id,
            link=link,
            link_version=link_version,
        )
    if fmt == "json":
        changed = [{"id": cid, "previous": k} for cid, k in sorted(earlier.items())]
        output.emit_json(
            "comments.decide", {"decision": kind, "comments": decided, "changed": changed}
        )
    else:
        echo(f"已处理 {len(decided)} 条意见（编号 {'、'.join(map(str, decided))}）：{kind}")
    if earlier:
        listed = "、".join(f"{cid}（原为{k}）" for cid, k in sorted(earlier.items()))
        echo(
            f"注意：其中 {len(earlier)} 条此前已有不同的处理意见，已改为{kind}：{listed}。"
            "如需保留原意见，请对这些编号单独再处理一次",
            err=True,
        )


@comments_group.command("place")
@click.argument("comment_id", type=int)
@click.option("--clause", required=True, help="条款，如 第十二条第二款，或 全文。")
@version_option(help="--clause 按哪个版本的编号（默认最新版，即 comments list 显示的编号）。")
@format_option("text", "json", labels={"text": "定位结果的中文说明"})
@pass_cli
def place_cmd(cli: CliContext, comment_id: int, clause: str, version: str | None, fmt: str) -> None:
    """把未定位（或条款已删除）的意见挂到指定条款上；条款编号默认按最新版。"""
    ws, svc = _service(cli)
    with ws:
        view = svc.place(comment_id, clause, actor=cli.actor, version=version)
        note = svc.placement_note(comment_id, version)
    if fmt == "json":
        output.emit_json("comments.place", {"comment": view.to_dict(), "note": note})
    else:
        echo(note)


@comments_group.command("clusters")
@project_option()
@format_option("text", "json")
@pass_cli
def clusters_cmd(cli: CliContext, project: str, fmt: str) -> None:
    """列出同一条款下的重复意见组（完全相同、近似），以便整组处理；每次接收意见后自动更新。"""
    ws, svc = _service(cli)
    with ws:
        found = svc.clusters(project, actor=cli.actor)
        if fmt == "json":
            clusters = [
                {"id": cid, "kind": kind, "target": target, "members": list(members)}
                for cid, kind, target, members in found
            ]
            output.emit_json("comments.clusters", {"clusters": clusters})
            return
        # Each cluster's clause as numbered in the latest version (read from the version, not
        # from the comments: a project may hold a million).
        index = svc.index(project, None)[2]
    body = [
        (
            str(cid),
            "完全相同" if kind == "exact" else "近似",
            _clause_label(index, target),
            "、".join(map(str, members)),
        )
        for cid, kind, target, members in found
    ]
    echo(format_table(("组", "类型", "条款", "意见编号"), body))


def _clause_label(index: CitationIndex, target: str) -> str:
    """How a cluster's clause (node uid or 全文) is cited in the version ``index`` reads."""
    if target == WHOLE:
        return WHOLE
    return index.label_of.get(index.merged.get(target, target), "（条款已删除）")


@comments_group.command("stats")
@project_option()
@version_option(help="按哪个版本的条款编号统计（默认最新）。")
@format_option("text", "json")
@pass_cli
def stats_cmd(cli: CliContext, project: str, version: str | None, fmt: str) -> None:
    """统计意见：按条、按站点、按处理结果；以及没有提出意见的站点和没有意见的条文。"""
    ws, svc = _service(cli)
    with ws:
        stats = svc.stats(project, version)
        seen = svc.coverage(project, version)
    names = {s.code: s.name for s in seen.stations}
    if fmt == "json":
        output.emit_json(
            "comments.stats",
            {
                **stats,
                "coverage": {
                    "version": seen.version,
                    "stations": len(seen.stations),
                    "silent": {label: list(codes) for label, codes in seen.silent},
                    "uncommented": list(seen.uncommented),
                },
            },
        )
        return
    titles = {"article": "按条款", "station": "按站点", "decision": "按处理结果", "state": "按状态"}
    echo(f"意见总数：{stats['total']['comments']}")
    for key, title in titles.items():
        echo(f"\n{title}")
        rows = [
            (_STATE_LABEL.get(k, k) if key == "state" else k, str(n)) for k, n in stats[key].items()
        ]
        echo(format_table(("", "数量"), rows))
    echo(f"\n没有提出意见的站点（登记站点 {len(seen.stations)} 个，不含四方）")
    echo(format_table(("版本", "站点数"), [(label, str(len(c))) for label, c in seen.silent]))
    shown = dict(seen.silent).get(seen.version, ())
    if shown:
        echo(f"{seen.version}：" + "、".join(f"{c} {names.get(c, '')}".strip() for c in shown))
    echo(f"\n没有意见的条文（{seen.version}，共 {len(seen.uncommented)} 条）")
    echo("、".join(seen.uncommented) or "（无）")


@click.command("schema")
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="写入的目录。",
)
def schema_cmd(directory: Path) -> None:
    """根据数据模型重新生成 JSON Schema（草案 draft.schema.json、意见表 comment-file.schema.json）。"""
    directory.mkdir(parents=True, exist_ok=True)
    written = {
        "draft.schema.json": schema_text(draft_schema()),
        SCHEMA_FILE: comment_file_schema_text(),
    }
    for name, text in written.items():
        (directory / name).write_text(text, encoding="utf-8", newline="\n")
        echo(str(directory / name))


COMMANDS: list[click.Command] = [stations_cmd, comments_group, schema_cmd]
