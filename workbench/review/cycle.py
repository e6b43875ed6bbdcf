"""The legislative cycle as logic: name versions, read stages, find gates, say where a project is.

Pure functions over `workbench.model.cycle` and `workbench.model.project` types. The workspace
calls `resolve_stage` when a version comes in, `nodes_passed` to find the 四前四方 cells left
open, and `cycle_state` for the stage line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.model.cycle import (
    CURRENT_NAME,
    CURRENT_STAGE,
    OUTCOMES,
    CycleConfig,
    CycleState,
    ProjectKind,
    StageRecord,
    StageSpec,
    StepState,
    StepStatus,
)
from workbench.model.project import Matrix, MatrixConfig, VersionInfo

__all__ = [
    "CycleError",
    "StageChoice",
    "check_outcome",
    "compare_headings",
    "cycle_state",
    "nodes_passed",
    "path_of",
    "resolve_stage",
    "stage_rank",
    "version_label",
    "version_name",
]

_KIND_PREFIX: dict[str, str] = {"修订": "修订", "修正": "修正"}
"""What a revision or an amendment puts before 草案 in its texts' names (修订草案, 修正草案)."""


class CycleError(WorkbenchError):
    """A stage, outcome or configuration the workspace's cycle does not have."""


@dataclass(frozen=True, slots=True)
class StageChoice:
    """Where a version goes: its stage, the 四前四方 node it is frozen at, its name."""

    stage: str
    """The stage (``一审``), ``现行``, or a matrix node no stage carries (kept as its own stage)."""
    node: str | None
    """The node (``初审前``), when the stage has one that the matrix has."""
    name: str
    """The text's name (``草案``, ``修订草案``, ``现行文本``)."""


def version_name(kind: ProjectKind | str, spec: StageSpec) -> str:
    """What a text frozen at ``spec`` is called in a project of ``kind``.

    A revision's and an amendment's drafts are 修订草案 / 修正草案 (and 修订草案修改稿 …);
    the other names (征求意见稿, 表决稿, 公布文本) are the same for every kind.
    """
    prefix = _KIND_PREFIX.get(kind, "")
    if prefix and spec.version_name.startswith("草案"):
        return prefix + spec.version_name
    return spec.version_name


def compare_headings(
    kind: ProjectKind | str, old: VersionInfo, new: VersionInfo
) -> tuple[str, str]:
    """The text columns' headings of a 修改对照表 between ``old`` and ``new``.

    Against the text in force they are 现行条文 | 修改后条文, or 现行条文 | 修订草案条文 (the
    new text's name) in a revision; between two drafts 原条文（草案） | 修改后条文（草案修改稿）.
    """
    if old.stage == CURRENT_STAGE:
        revised = kind == "修订" and new.name.startswith("修订")
        return ("现行条文", f"{new.name}条文" if revised else "修改后条文")
    return (f"原条文（{old.label}）", f"修改后条文（{new.label}）")


def version_label(name: str, earlier_at_stage: int) -> str:
    """The display label of a version: its name, or ``草案修改稿第2稿`` for a stage's second."""
    return name if earlier_at_stage == 0 else f"{name}第{earlier_at_stage + 1}稿"


def _node_of(spec: StageSpec, matrix: MatrixConfig) -> str | None:
    return spec.node if spec.node in matrix.nodes else None


def resolve_stage(
    cycle: CycleConfig, matrix: MatrixConfig, kind: ProjectKind | str, text: str
) -> StageChoice:
    """Read what ``import --stage`` (or a freeze) was given.

    Accepted: a stage (``一审``), a 四前四方 node (``初审前``: the version frozen there, the
    text its stage considers), a text's name (``草案修改稿``, ``修订草案``, an alias such as
    ``二次审议稿``), or ``现行``/``现行文本`` for the text in force a revision starts from. A
    matrix node that no stage carries (a workspace configured with its own nodes) is a stage of
    its own, its text named ``<node>稿`` as before stages existed.

    Raises:
        CycleError: Nothing matches; the message lists what would.
    """
    wanted = text.strip()
    if wanted in (CURRENT_STAGE, CURRENT_NAME):
        return StageChoice(CURRENT_STAGE, None, CURRENT_NAME)
    for spec in cycle.stages:
        names = {spec.name, spec.version_name, version_name(kind, spec), *spec.aliases}
        node = _node_of(spec, matrix)
        if wanted in names or (node is not None and wanted == node):
            return StageChoice(spec.name, node, version_name(kind, spec))
    if wanted in matrix.nodes:
        return StageChoice(wanted, wanted, f"{wanted}稿")
    raise CycleError(
        f"未知的阶段“{wanted}”。可用的阶段：{'、'.join(s.name for s in cycle.stages)}；"
        f"稿名：{'、'.join(version_name(kind, s) for s in cycle.stages)}；"
        f"征求意见节点：{'、'.join(matrix.nodes)}；修订、修正项目的起点：{CURRENT_STAGE}。"
    )


def stage_rank(cycle: CycleConfig, matrix: MatrixConfig, stage: str) -> float | None:
    """Where ``stage`` stands in the cycle, for ordering: 现行 first, then the stages in order.

    A matrix node kept as its own stage ranks by the stage its node would precede when that is
    known, else by its place among the nodes; None for a stage the workspace no longer knows.
    """
    if stage == CURRENT_STAGE:
        return -1.0
    names = [s.name for s in cycle.stages]
    if stage in names:
        return float(names.index(stage))
    if stage in matrix.nodes:
        return matrix.nodes.index(stage) / max(len(matrix.nodes), 1) * len(names) - 0.5
    return None


def path_of(cycle: CycleConfig, readings: int) -> tuple[StageSpec, ...]:
    """The stages a project with ``readings`` readings goes through (later readings left out)."""
    return tuple(s for s in cycle.stages if s.reading is None or s.reading <= readings)


def nodes_passed(
    cycle: CycleConfig, matrix: MatrixConfig, before: VersionInfo | None, after: str
) -> tuple[str, ...]:
    """The 四前四方 nodes whose gates a move from version ``before`` to stage ``after`` passes.

    Moving on from a stage passes the node of every stage from it (inclusive) up to the new
    one (exclusive): the 初审前 consultation must be closed before the 二审前 text comes in.
    A first version, or a move to the same or an earlier stage, passes none.
    """
    if before is None:
        return ()
    start = stage_rank(cycle, matrix, before.stage)
    stop = stage_rank(cycle, matrix, after)
    if start is None or stop is None or stop <= start:
        return ()
    out: list[str] = []
    for spec in cycle.stages:
        rank = stage_rank(cycle, matrix, spec.name)
        node = _node_of(spec, matrix)
        if node is not None and rank is not None and start <= rank < stop:
            out.append(node)
    for node in matrix.nodes:  # nodes kept as stages of their own
        rank = stage_rank(cycle, matrix, node)
        own = cycle.spec(node) is None and not _carried(cycle, node)
        if own and rank is not None and start <= rank < stop:
            out.append(node)
    return tuple(n for n in matrix.nodes if n in out)


def _carried(cycle: CycleConfig, node: str) -> bool:
    return any(s.node == node for s in cycle.stages)


def check_outcome(stage: str, outcome: str) -> str:
    """The outcome to record at ``stage``: the one given, or the usual one when none is given.

    Raises:
        CycleError: The stage records no outcome, or not that one.
    """
    allowed = OUTCOMES.get(stage, ())
    if not outcome:
        return allowed[0] if allowed else ""
    if outcome not in allowed:
        if not allowed:
            raise CycleError(f"“{stage}”阶段不记录结果（只有表决、批准记录结果）")
        raise CycleError(f"“{stage}”阶段的结果只能是：{'、'.join(allowed)}")
    return outcome


_DONE_OUTCOMES = {"", "通过", "批准"}


def cycle_state(
    project: str,
    kind: ProjectKind,
    readings: int,
    cycle: CycleConfig,
    matrix: Matrix,
    versions: Sequence[VersionInfo],
    records: Sequence[StageRecord],
) -> CycleState:
    """Where the project stands: every stage's status, the current and next stage, the open node.

    The current stage is the furthest on the path that has a version or a record. It is done
    once a record with a passing outcome is there (a reading held, 通过, 批准, 公布); the next
    stage is then the following one on the path. A 表决 that 通过 with 批准 still ahead is
    "adopted but not yet approved". The open node is the 四前四方 node before the stage the
    project is working towards, when some of its cells are not 已会商.
    """
    path = path_of(cycle, readings)
    on_path = [s.name for s in path]
    by_stage = {r.stage: r for r in records}
    numbers: dict[str, list[int]] = {}
    for v in versions:
        numbers.setdefault(v.stage, []).append(v.number)
    reached = -1
    for i, spec in enumerate(path):
        if spec.name in numbers or spec.name in by_stage:
            reached = i
    current = path[reached] if reached >= 0 else None
    record = by_stage.get(current.name) if current else None
    finished = record is not None and record.outcome in _DONE_OUTCOMES
    upcoming = reached + 1 if finished or current is None else reached
    target = path[upcoming] if upcoming < len(path) else None
    following = path[reached + 1] if reached + 1 < len(path) else None
    open_counts = {
        node: sum(1 for c in matrix.row(node) if c.is_open) for node in matrix.config.nodes
    }
    steps: list[StepState] = []
    for spec in cycle.stages:
        node = _node_of(spec, matrix.config)
        status: StepStatus
        if spec.name not in on_path:
            status = "skipped"
        elif current is not None and spec.name == current.name:
            status = "current"
        elif on_path.index(spec.name) < reached:
            status = "done"
        elif following is not None and spec.name == following.name:
            status = "next"
        else:
            status = "pending"
        steps.append(
            StepState(
                stage=spec.name,
                version_name=version_name(kind, spec),
                node=node,
                status=status,
                versions=tuple(numbers.get(spec.name, ())),
                record=by_stage.get(spec.name),
                open_cells=open_counts.get(node, 0) if node else 0,
            )
        )
    open_node = None
    if target is not None:
        node = _node_of(target, matrix.config)
        if node is not None and open_counts.get(node, 0):
            open_node = node
    return CycleState(
        project=project,
        kind=kind,
        readings=readings,
        steps=tuple(steps),
        current=current.name if current else None,
        next=following.name if following else None,
        open_node=open_node,
        summary=_summary(kind, current, record, following, path),
    )


def _summary(
    kind: ProjectKind,
    current: StageSpec | None,
    record: StageRecord | None,
    following: StageSpec | None,
    path: Sequence[StageSpec],
) -> str:
    if current is None:
        first = path[0] if path else None
        return f"尚未开始：下一步{first.name}" if first else "尚未开始"
    names = {s.name for s in path}
    here = f"{current.name}（{version_name(kind, current)}）"
    then = f"，下一步：{following.name}" if following else ""
    if record is None:
        return f"{here}进行中{then}"
    if record.outcome == "未通过":
        return f"{here}：表决未通过"
    if record.outcome in ("暂缓", "不予批准"):
        return f"已通过，{record.outcome}"
    if current.name == "表决" and "批准" in names:
        return "已通过，待批准"
    if current.name == "批准":
        return "已批准，待公布" if "公布" in names else "已批准"
    if current.name == "公布":
        return "已公布"
    if current.reading is not None:
        return f"{here}已审议{then}"
    if current.name == "表决":
        return f"已通过{then}"
    return f"{here}已完成{then}"
