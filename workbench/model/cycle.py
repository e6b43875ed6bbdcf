"""The legislative cycle as types: project kinds, stages, what was recorded, where a project is.

The stages are those of `legislative-norms.md` §6.2. A project moves through stages (立项 → 起草 → 一审 → [二审] → [三审] → 表决 → 批准 → 公布). Each
stage freezes a text under the name used in practice (征求意见稿, 草案, 草案修改稿, 表决稿 …). The
四前四方 consultation nodes are attached to stages: a node is the consultation point before its
stage (初审前 before 一审), and the version frozen there is the text that stage considers. The
list of stages is configurable per legislature, like the node and party lists.

Pure pydantic types, no I/O; the logic over them is `workbench.review.cycle`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from workbench.model.base import WorkbenchModel

__all__ = [
    "CURRENT_NAME",
    "CURRENT_STAGE",
    "DEFAULT_STAGES",
    "OUTCOMES",
    "PROJECT_KINDS",
    "CycleConfig",
    "CycleState",
    "ProjectKind",
    "StageRecord",
    "StageSpec",
    "StepState",
    "StepStatus",
]

ProjectKind = Literal["制定", "修订", "修正", "废止"]
"""制定 a new regulation, 修订 revise it whole, 修正 amend it by a 修改决定, 废止 repeal it."""

PROJECT_KINDS: tuple[ProjectKind, ...] = ("制定", "修订", "修正", "废止")
"""Every project kind, in the order the command line lists them."""

CURRENT_STAGE = "现行"
"""The stage of a revision project's starting text: the regulation in force, before 立项."""

CURRENT_NAME = "现行文本"
"""The name of that text."""


class StageSpec(WorkbenchModel):
    """One stage of the cycle as a legislature runs it."""

    name: str = Field(min_length=1)
    """The stage, e.g. ``一审``."""
    version_name: str = Field(min_length=1)
    """What the text frozen at this stage is called in a new regulation, e.g. ``草案``; a
    revision says ``修订草案`` (see `workbench.review.cycle.version_name`)."""
    node: str | None = None
    """The 四前四方 node held before this stage (``初审前``), if one is."""
    reading: int | None = Field(default=None, ge=1)
    """Which reading (审议) this stage is; a project on a shorter path skips the later ones."""
    aliases: tuple[str, ...] = ()
    """Other names staff use for this stage's text (``二次审议稿``); accepted on input."""


DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec(name="立项", version_name="草案建议稿", node="立项前"),
    StageSpec(name="起草", version_name="征求意见稿"),
    StageSpec(name="一审", version_name="草案", node="初审前", reading=1, aliases=("一审稿",)),
    StageSpec(
        name="二审",
        version_name="草案修改稿",
        node="二审前",
        reading=2,
        aliases=("二次审议稿", "二审稿"),
    ),
    StageSpec(name="三审", version_name="草案三次审议稿", reading=3, aliases=("三审稿",)),
    StageSpec(name="表决", version_name="表决稿", node="表决前", aliases=("草案表决稿",)),
    StageSpec(name="批准", version_name="报批稿"),
    StageSpec(name="公布", version_name="公布文本"),
)
"""The stages of `legislative-norms.md` §6.2 for a 自治州 standing committee, with the 四前四方
nodes of §6.4 attached (立项前 before 立项, 初审前 before 一审, 二审前 before 二审, 表决前 before 表决)."""


class CycleConfig(WorkbenchModel):
    """The stages a workspace's projects go through, in order (configurable per legislature)."""

    stages: tuple[StageSpec, ...] = DEFAULT_STAGES
    """The stages in order; readings must come in order 1, 2, 3 …"""

    @model_validator(mode="after")
    def _check_stages(self) -> CycleConfig:
        if not self.stages:
            raise ValueError("至少要有一个阶段")
        names: list[str] = []
        for spec in self.stages:
            names += [spec.name, spec.version_name, *spec.aliases]
        if CURRENT_STAGE in names or CURRENT_NAME in names:
            raise ValueError(f"“{CURRENT_STAGE}”“{CURRENT_NAME}”是保留名称，不能用作阶段或稿名")
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"阶段名称与稿名不能重复：{'、'.join(repeated)}")
        nodes = [s.node for s in self.stages if s.node]
        if len(set(nodes)) != len(nodes):
            raise ValueError("一个征求意见节点只能挂在一个阶段前")
        readings = [s.reading for s in self.stages if s.reading is not None]
        if readings != list(range(1, len(readings) + 1)):
            raise ValueError("审议次数须按 1、2、3 … 的顺序排列")
        return self

    def spec(self, stage: str) -> StageSpec | None:
        """The stage called ``stage``, if there is one."""
        return next((s for s in self.stages if s.name == stage), None)


Outcome = Literal["", "通过", "未通过", "批准", "暂缓", "不予批准"]

OUTCOMES: dict[str, tuple[Outcome, ...]] = {
    "表决": ("通过", "未通过"),
    "批准": ("批准", "暂缓", "不予批准"),
}
"""The outcomes a stage can record, the usual one first; other stages record none."""


class StageRecord(WorkbenchModel):
    """What happened at a stage: when, at which meeting or by which body, with what outcome."""

    stage: str
    """The stage, e.g. ``一审`` or ``批准``."""
    date: dt.date
    """The day of the meeting (审议, 表决, 批准) or of publication (公布)."""
    body: str = ""
    """The meeting or body, e.g. ``昌吉回族自治州第十六届人民代表大会常务委员会第二十次会议``."""
    outcome: Outcome = ""
    """表决: 通过 / 未通过; 批准: 批准 / 暂缓 / 不予批准; otherwise empty."""
    notice: str = ""
    """公布: the 公告 number, e.g. ``第5号``."""
    effective: dt.date | None = None
    """公布: the 施行日期."""
    recorded_by: str
    """Who recorded it."""
    recorded_at: dt.datetime
    """When it was recorded (UTC)."""


StepStatus = Literal["done", "current", "next", "pending", "skipped"]
"""A stage on the project's path: passed, where the project is, the one after, later, left out."""


class StepState(WorkbenchModel):
    """One stage as it stands for a project."""

    stage: str
    """The stage."""
    version_name: str
    """What its text is called in this project (``修订草案``)."""
    node: str | None
    """The 四前四方 node before it, if any (and configured in the matrix)."""
    status: StepStatus
    """Where it stands."""
    versions: tuple[int, ...] = ()
    """The numbers of the versions frozen at it."""
    record: StageRecord | None = None
    """What was recorded at it."""
    open_cells: int = 0
    """How many cells of its node are not 已会商 yet."""


class CycleState(WorkbenchModel):
    """Where a project stands in its cycle (`workbench.review.cycle.cycle_state`)."""

    project: str
    """The project's slug."""
    kind: ProjectKind
    """Its kind."""
    readings: int
    """How many readings its path has (1 on the one-reading path)."""
    steps: tuple[StepState, ...]
    """Every configured stage, in order (readings beyond the path as ``skipped``)."""
    current: str | None
    """The stage reached (the furthest with a version or a record); None before any."""
    next: str | None
    """The stage that comes next on the path; None once the last is done."""
    open_node: str | None
    """The 四前四方 node now in consultation: the one before ``next`` (or before ``current``
    while the current stage has no record), when it has open cells."""
    summary: str
    """One Chinese phrase for people: ``一审（草案）已审议，下一步：二审`` or ``已通过，待批准``."""
