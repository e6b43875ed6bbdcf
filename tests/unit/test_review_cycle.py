"""The legislative cycle as logic: stages read from input, names, gates, where a project stands."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from workbench.model.cycle import DEFAULT_STAGES, CycleConfig, StageRecord, StageSpec
from workbench.model.project import DEFAULT_PARTIES, MatrixCell, MatrixConfig, VersionInfo
from workbench.review import (
    CycleError,
    assemble_matrix,
    check_outcome,
    cycle_state,
    nodes_passed,
    resolve_stage,
    version_label,
    version_name,
)

CYCLE = CycleConfig()
MATRIX = MatrixConfig()
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def version(number: int, stage: str, node: str | None = None) -> VersionInfo:
    return VersionInfo(
        project="p",
        number=number,
        stage=stage,
        node=node,
        name="x",
        label="x",
        title="t",
        created_at=NOW,
        created_by="t",
        sha256="0" * 64,
    )


def record(stage: str, outcome: str = "", day: date = date(2025, 4, 10)) -> StageRecord:
    return StageRecord.model_validate(
        {"stage": stage, "date": day, "outcome": outcome, "recorded_by": "t", "recorded_at": NOW}
    )


@pytest.mark.parametrize(
    ("given", "stage", "node", "name"),
    [
        ("初审前", "一审", "初审前", "草案"),
        ("一审", "一审", "初审前", "草案"),
        ("草案", "一审", "初审前", "草案"),
        ("二次审议稿", "二审", "二审前", "草案修改稿"),
        ("征求意见稿", "起草", None, "征求意见稿"),
        ("表决前", "表决", "表决前", "表决稿"),
        ("公布文本", "公布", None, "公布文本"),
        ("现行", "现行", None, "现行文本"),
        (" 现行文本 ", "现行", None, "现行文本"),
    ],
)
def test_a_stage_is_read_from_its_name_its_node_or_its_texts_name(
    given: str, stage: str, node: str | None, name: str
) -> None:
    """``--stage`` takes a stage, a 四前四方 node, a text's name or an alias."""
    choice = resolve_stage(CYCLE, MATRIX, "制定", given)
    assert (choice.stage, choice.node, choice.name) == (stage, node, name)


def test_a_revision_and_an_amendment_name_their_drafts_by_kind() -> None:
    """The kind goes before 草案; 征求意见稿 and 表决稿 stay as they are."""
    spec = {s.name: s for s in DEFAULT_STAGES}
    assert version_name("修订", spec["一审"]) == "修订草案"
    assert version_name("修订", spec["二审"]) == "修订草案修改稿"
    assert version_name("修正", spec["一审"]) == "修正草案"
    assert version_name("修订", spec["表决"]) == "表决稿"
    assert version_name("废止", spec["一审"]) == "草案"
    assert resolve_stage(CYCLE, MATRIX, "修订", "修订草案").stage == "一审"
    assert version_label("草案修改稿", 0) == "草案修改稿"
    assert version_label("草案修改稿", 1) == "草案修改稿第2稿"


def test_an_unknown_stage_lists_stages_names_and_nodes() -> None:
    """The error names every way to say it."""
    with pytest.raises(CycleError) as info:
        resolve_stage(CYCLE, MATRIX, "制定", "三审前")
    message = info.value.message
    assert "可用的阶段：立项、起草、一审、二审、三审、表决、批准、公布" in message
    assert "征求意见节点：立项前、初审前、二审前、表决前" in message
    assert "稿名：草案建议稿、征求意见稿、草案、草案修改稿" in message


def test_a_node_missing_from_the_matrix_is_not_attached() -> None:
    """With its own nodes, a workspace's other nodes are stages of their own."""
    own = MatrixConfig(nodes=("一审前", "二审前"), parties=("起草单位",))
    assert resolve_stage(CYCLE, own, "制定", "一审").node is None
    legacy = resolve_stage(CYCLE, own, "制定", "一审前")
    assert (legacy.stage, legacy.node, legacy.name) == ("一审前", "一审前", "一审前稿")
    assert resolve_stage(CYCLE, own, "制定", "二审前").stage == "二审"
    with pytest.raises(CycleError, match="一审前、二审前"):
        resolve_stage(CYCLE, own, "制定", "立项前")


def test_moving_on_passes_the_nodes_of_the_stages_left_behind() -> None:
    """From 一审 to 表决 passes 初审前 and 二审前; 现行文本 → 草案 passes 立项前; back, the
    same stage or a first text pass none."""
    assert nodes_passed(CYCLE, MATRIX, version(1, "一审", "初审前"), "表决") == ("初审前", "二审前")
    assert nodes_passed(CYCLE, MATRIX, version(1, "立项", "立项前"), "一审") == ("立项前",)
    assert nodes_passed(CYCLE, MATRIX, version(1, "起草"), "一审") == ()
    assert nodes_passed(CYCLE, MATRIX, version(1, "现行"), "一审") == ("立项前",)
    assert nodes_passed(CYCLE, MATRIX, version(1, "二审", "二审前"), "一审") == ()
    assert nodes_passed(CYCLE, MATRIX, None, "表决") == ()
    own = MatrixConfig(nodes=("一审前", "二审前"), parties=("起草单位",))
    assert nodes_passed(CYCLE, own, version(1, "一审前", "一审前"), "二审") == ("一审前",)


def test_stages_must_be_distinct_and_readings_in_order() -> None:
    """A configuration with a repeated name, a node twice or readings out of order is refused."""
    with pytest.raises(ValidationError, match="不能重复"):
        CycleConfig(stages=(StageSpec(name="一审", version_name="草案"),) * 2)
    with pytest.raises(ValidationError, match="一个征求意见节点"):
        CycleConfig(
            stages=(
                StageSpec(name="一审", version_name="草案", node="初审前"),
                StageSpec(name="二审", version_name="修改稿", node="初审前"),
            )
        )
    with pytest.raises(ValidationError, match="审议次数"):
        CycleConfig(stages=(StageSpec(name="二审", version_name="修改稿", reading=2),))
    with pytest.raises(ValidationError, match="保留名称"):
        CycleConfig(stages=(StageSpec(name="现行", version_name="x"),))


def test_outcomes_default_to_the_usual_one() -> None:
    """表决 records 通过 unless told 未通过; 批准 can be 暂缓; a reading records none."""
    assert check_outcome("表决", "") == "通过"
    assert check_outcome("批准", "暂缓") == "暂缓"
    assert check_outcome("一审", "") == ""
    with pytest.raises(CycleError, match="只有表决、批准记录结果"):
        check_outcome("一审", "通过")
    with pytest.raises(CycleError, match="批准、暂缓、不予批准"):
        check_outcome("批准", "通过")


def test_the_stage_line_says_where_the_project_is_and_which_node_is_open() -> None:
    """After the first reading is held, 二审 is next and the 二审前 consultation is open."""
    matrix = assemble_matrix(
        "p",
        MATRIX,
        [
            MatrixCell(node=n, party=p, status="已会商")
            for n in ("立项前", "初审前")
            for p in DEFAULT_PARTIES
        ],
    )
    versions = [version(1, "起草"), version(2, "一审", "初审前")]
    state = cycle_state("p", "制定", 2, CYCLE, matrix, versions, [record("一审")])
    status = {s.stage: s.status for s in state.steps}
    assert status == {
        "立项": "done",
        "起草": "done",
        "一审": "current",
        "二审": "next",
        "三审": "skipped",
        "表决": "pending",
        "批准": "pending",
        "公布": "pending",
    }
    assert (state.current, state.next, state.open_node) == ("一审", "二审", "二审前")
    assert state.summary == "一审（草案）已审议，下一步：二审"
    assert state.steps[2].versions == (2,)
    assert state.steps[3].open_cells == 4


def test_one_reading_goes_from_the_first_reading_straight_to_the_vote() -> None:
    """On the 小快灵 path 二审 and 三审 are skipped and 表决 follows 一审."""
    matrix = assemble_matrix("p", MATRIX, [])
    state = cycle_state("p", "制定", 1, CYCLE, matrix, [version(1, "一审", "初审前")], [])
    assert [s.stage for s in state.steps if s.status == "skipped"] == ["二审", "三审"]
    assert (state.current, state.next, state.open_node) == ("一审", "表决", "初审前")
    assert state.summary == "一审（草案）进行中，下一步：表决"


def test_adopted_but_not_approved_is_a_state_of_its_own() -> None:
    """通过 with 批准 ahead: 已通过，待批准; a deferred approval says so; then 已公布."""
    matrix = assemble_matrix("p", MATRIX, [])
    versions = [version(1, "表决", "表决前")]
    adopted = cycle_state("p", "修订", 2, CYCLE, matrix, versions, [record("表决", "通过")])
    assert (adopted.current, adopted.next, adopted.summary) == ("表决", "批准", "已通过，待批准")
    assert adopted.open_node is None
    deferred = [record("表决", "通过"), record("批准", "暂缓")]
    assert cycle_state("p", "修订", 2, CYCLE, matrix, versions, deferred).summary == "已通过，暂缓"
    done = [*deferred[:1], record("批准", "批准"), record("公布")]
    final = cycle_state("p", "修订", 2, CYCLE, matrix, versions, done)
    assert (final.current, final.next, final.summary) == ("公布", None, "已公布")
    assert all(s.status in ("done", "current", "skipped") for s in final.steps)
