"""``workbench cycle``: where a project stands in the legislative cycle, and what happened at each stage.

``show`` prints the stage line; ``record`` notes a reading's meeting, 通过, 批准 or 公布 with its
date and body; ``clear`` removes a record made by mistake; ``set`` changes a project's kind or
number of readings; ``caption`` prints the 题注 generated from the records; ``stages`` and
``configure`` read and set the workspace's stage list (per legislature).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option, project_option
from workbench.cli.output import echo, emit_json, note, warn
from workbench.cli.tables import format_table

if TYPE_CHECKING:
    from workbench.model.cycle import CycleConfig, StageRecord, StepState

__all__ = ["COMMANDS"]

_DATE = re.compile(r"^\s*(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?\s*$")
_MARK = {"done": "✓", "current": "●", "next": "○", "pending": "·", "skipped": "–"}


class _DateType(click.ParamType[date, Any]):
    """A date written ``2025-04-10`` or ``2025年4月10日``."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """Read the date, or fail with the forms that are accepted."""
        if isinstance(value, date):
            return value
        m = _DATE.match(str(value))
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        self.fail(f"“{value}”不是有效日期：请写成 2025-04-10 或 2025年4月10日。", param, ctx)


_STAGE = click.option(
    "--stage",
    "-s",
    "stage",
    required=True,
    metavar="STAGE",
    help="阶段名称，例如 一审、表决、批准、公布。",
)


@click.group("cycle")
def cycle_group() -> None:
    """立法流程：项目所处阶段、各阶段的会议与日期（审议、通过、批准、公布）、题注。"""


@cycle_group.command("show")
@project_option()
@format_option("text", "json")
@pass_cli
def show_cmd(cli: CliContext, project: str, fmt: str) -> None:
    """显示项目的流程线：各阶段、已冻结的版本、记录的会议，现在到了哪一步、下一步是什么。"""
    from workbench.workspace.cycle import CycleService

    with cli.open_workspace() as ws:
        info = ws.project(project)
        service = CycleService(ws)
        state = service.state(project)
        caption = service.caption(project)
    if fmt == "json":
        emit_json(
            "cycle",
            {
                **state.model_dump(mode="json"),
                "caption": caption.text if state.current in ("表决", "批准", "公布") else None,
            },
        )
        return
    path = "一次审议" if state.readings == 1 else f"{state.readings}次审议"
    echo(f"《{info.title}》（{info.slug}）　{state.kind}项目　{path}")
    body = [_row(step) for step in state.steps]
    echo(format_table(["", "阶段", "稿名", "版本", "记录", "四前四方"], body))
    echo(f"现状：{state.summary}")
    if state.open_node:
        echo(f"正在会商的节点：{state.open_node}（见 workbench status -p {project}）")
    if state.current in ("表决", "批准", "公布") and caption.text:
        echo(f"题注：（{caption.text}）")


def _row(step: StepState) -> list[str]:
    record = step.record
    recorded = "-"
    if record is not None:
        recorded = _record_text(record)
    node = "-"
    if step.node:
        node = (
            f"{step.node} 未会商{step.open_cells}方" if step.open_cells else f"{step.node} 已会商"
        )
    versions = "、".join(f"第{n}版" for n in step.versions) or "-"
    name = "（本项目不经此阶段）" if step.status == "skipped" else step.version_name
    return [_MARK[step.status], step.stage, name, versions, recorded, node]


def _record_text(record: StageRecord) -> str:
    from workbench.review.caption import chinese_date

    parts = [chinese_date(record.date), record.body, record.outcome]
    if record.notice:
        parts.append(f"公告{record.notice}")
    if record.effective:
        parts.append(f"自{chinese_date(record.effective)}起施行")
    return " ".join(p for p in parts if p)


@cycle_group.command("record")
@project_option()
@_STAGE
@click.option(
    "--date", "on", type=_DateType(), required=True, help="会议或公布的日期，例如 2025-04-10。"
)
@click.option(
    "--body",
    default="",
    help="会议或机关全称，例如 昌吉回族自治州第十六届人民代表大会常务委员会第二十次会议。",
)
@click.option(
    "--outcome",
    default="",
    help="结果：表决为 通过（默认）或 未通过；批准为 批准（默认）、暂缓 或 不予批准。",
)
@click.option("--notice", default="", help="公布时的公告编号，例如 第5号。")
@click.option("--effective", type=_DateType(), default=None, help="公布时的施行日期。")
@format_option("text", "json")
@pass_cli
def record_cmd(
    cli: CliContext,
    project: str,
    stage: str,
    on: date,
    body: str,
    outcome: str,
    notice: str,
    effective: date | None,
    fmt: str,
) -> None:
    """记录某一阶段的会议、日期与结果（再次记录同一阶段即更正，原记录留在审计日志中）。"""
    from workbench.workspace.cycle import CycleService

    with cli.open_workspace() as ws:
        service = CycleService(ws)
        record = service.record(
            project,
            stage,
            on=on,
            body=body,
            outcome=outcome,
            notice=notice,
            effective=effective,
            actor=cli.actor,
        )
        state = service.state(project)
    if fmt == "json":
        emit_json(
            "cycle.record", {"record": record.model_dump(mode="json"), "summary": state.summary}
        )
        return
    echo(f"{record.stage}\t{_record_text(record)}")
    if not record.body:
        warn("没有记录会议或机关名称（--body），报告和题注中将留出待补充的位置。")
    note(f"现状：{state.summary}")


@cycle_group.command("clear")
@project_option()
@_STAGE
@pass_cli
def clear_cmd(cli: CliContext, project: str, stage: str) -> None:
    """删除某一阶段误记的记录（删除本身记入审计日志）。"""
    from workbench.workspace.cycle import CycleService

    with cli.open_workspace() as ws:
        old = CycleService(ws).clear(project, stage, actor=cli.actor)
    note(f"已删除“{old.stage}”阶段的记录：{_record_text(old)}")


@cycle_group.command("set")
@project_option()
@click.option(
    "--kind",
    type=click.Choice(["制定", "修订", "修正", "废止"]),
    default=None,
    help="项目类型：制定、修订、修正或废止（已有版本的稿名不变）。",
)
@click.option(
    "--readings",
    type=click.IntRange(1, 3),
    default=None,
    help="审议次数：1（一次审议通过，如“小快灵”）、2 或 3。",
)
@pass_cli
def set_cmd(cli: CliContext, project: str, kind: str | None, readings: int | None) -> None:
    """修改项目类型或审议次数。"""
    from workbench.model.cycle import PROJECT_KINDS
    from workbench.workspace.cycle import CycleService

    chosen = next((k for k in PROJECT_KINDS if k == kind), None)
    with cli.open_workspace() as ws:
        service = CycleService(ws)
        service.set_path(project, kind=chosen, readings=readings, actor=cli.actor)
        info = ws.project(project)
        state = service.state(project)
    echo(f"{info.slug}\t{info.kind}\t{info.readings}次审议")
    note(f"现状：{state.summary}")


@cycle_group.command("caption")
@project_option()
@format_option("text", "json")
@pass_cli
def caption_cmd(cli: CliContext, project: str, fmt: str) -> None:
    """按记录的通过、批准日期与会议生成法规题注（修订、修正项目接在现行文本的题注之后）。"""
    from workbench.workspace.cycle import CycleService

    with cli.open_workspace() as ws:
        caption = CycleService(ws).caption(project)
    if fmt == "json":
        emit_json("cycle.caption", {"caption": caption.text, "missing": list(caption.missing)})
        return
    if caption.text:
        echo(f"（{caption.text}）")
    if caption.missing:
        warn(f"题注尚不完整：缺少{'、'.join(caption.missing)}（用 workbench cycle record 记录）。")


@cycle_group.command("stages")
@format_option("text", "json")
@pass_cli
def stages_cmd(cli: CliContext, fmt: str) -> None:
    """列出工作区的立法阶段及各阶段的稿名、四前四方节点（可导出为 JSON 修改后用 configure 载入）。"""
    from workbench.workspace.cycle import CycleService

    with cli.open_workspace() as ws:
        config = CycleService(ws).config()
    if fmt == "json":
        emit_json("cycle.stages", {"stages": [s.model_dump(mode="json") for s in config.stages]})
        return
    body = [
        [
            s.name,
            s.version_name,
            s.node or "-",
            f"第{s.reading}次审议" if s.reading else "-",
            "、".join(s.aliases) or "-",
        ]
        for s in config.stages
    ]
    echo(format_table(["阶段", "稿名", "节点", "审议", "别名"], body))


@cycle_group.command("configure")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_cli
def configure_cmd(cli: CliContext, file: Path) -> None:
    """按 FILE（JSON 或 TOML，含 stages 列表，格式同 cycle stages --format json）设置本工作区的立法阶段。"""
    from workbench.workspace.cycle import CycleService

    config = _read_config(file)
    with cli.open_workspace() as ws:
        CycleService(ws).configure(config, actor=cli.actor)
    echo("、".join(s.name for s in config.stages))
    note("已设置立法阶段；已有版本的阶段和稿名不变。")


def _read_config(file: Path) -> CycleConfig:
    import json
    import tomllib

    from pydantic import ValidationError

    from workbench.errors import WorkbenchError
    from workbench.model.cycle import CycleConfig
    from workbench.model.messages import validation_message, where

    try:
        raw = file.read_text(encoding="utf-8-sig")
        data = tomllib.loads(raw) if file.suffix.lower() == ".toml" else json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise WorkbenchError(f"无法读取阶段设置：{exc}", file=str(file)) from exc
    data = {k: v for k, v in data.items() if k != "schema"} if isinstance(data, dict) else data
    try:
        return CycleConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise WorkbenchError(
            f"阶段设置有误：{where(first['loc'])}：{validation_message(first)}", file=str(file)
        ) from exc


COMMANDS: list[click.Command] = [cycle_group]
"""The commands this module adds to ``workbench``."""
