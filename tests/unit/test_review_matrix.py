"""The 四前四方 matrix logic: configuration, cell checks, and the gates between nodes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workbench.model.project import DEFAULT_NODES, DEFAULT_PARTIES, MatrixCell, MatrixConfig
from workbench.review import (
    MatrixError,
    assemble_matrix,
    check_cell,
    check_stage,
    open_cells_at,
)


def test_default_config_is_the_four_nodes_and_four_parties() -> None:
    """The defaults follow legislative-norms §6.4."""
    config = MatrixConfig()
    assert config.nodes == ("立项前", "初审前", "二审前", "表决前")
    assert config.parties == ("政府起草部门", "司法行政部门", "常委会工作机构", "法检两院")
    assert (config.nodes, config.parties) == (DEFAULT_NODES, DEFAULT_PARTIES)


@pytest.mark.parametrize(
    ("nodes", "parties"),
    [((), ("甲",)), (("一", "一"), ("甲",)), (("一",), ("  ",))],
)
def test_config_refuses_empty_or_duplicate_names(
    nodes: tuple[str, ...], parties: tuple[str, ...]
) -> None:
    """Empty lists, blank names and duplicates are invalid."""
    with pytest.raises(ValidationError):
        MatrixConfig(nodes=nodes, parties=parties)


def test_assemble_fills_unset_cells_and_drops_unconfigured_ones() -> None:
    """Unset cells are 未征求 in configured order; cells of removed parties are left out."""
    stored = [
        MatrixCell(node="初审前", party="法检两院", status="已反馈", record="见附件"),
        MatrixCell(node="初审前", party="已撤销的单位", status="已会商"),
    ]
    matrix = assemble_matrix("p1", MatrixConfig(), stored)
    assert len(matrix.cells) == 16
    assert matrix.cell("初审前", "法检两院").record == "见附件"
    assert matrix.cell("立项前", "政府起草部门").status == "未征求"
    assert [c.party for c in matrix.row("二审前")] == list(DEFAULT_PARTIES)
    with pytest.raises(KeyError):
        matrix.cell("初审前", "已撤销的单位")


def test_check_cell_names_what_is_valid() -> None:
    """Unknown node, party or status raise MatrixError listing the valid values."""
    config = MatrixConfig()
    assert check_cell(config, "二审前", "法检两院", "已会商") == "已会商"
    with pytest.raises(MatrixError, match="立项前、初审前、二审前、表决前"):
        check_stage(config, "三审前")
    with pytest.raises(MatrixError, match="政府起草部门、司法行政部门"):
        check_cell(config, "二审前", "法院", "已会商")
    with pytest.raises(MatrixError, match="未征求、已征求、已反馈、已会商"):
        check_cell(config, "二审前", "法检两院", "done")


def test_open_cells_at_the_gate() -> None:
    """The not-yet-会商 cells of the nodes passed, in matrix order; none for no nodes."""
    closed = [MatrixCell(node="立项前", party=p, status="已会商") for p in DEFAULT_PARTIES]
    half = [
        MatrixCell(node="初审前", party="政府起草部门", status="已会商"),
        MatrixCell(node="初审前", party="司法行政部门", status="已反馈"),
    ]
    matrix = assemble_matrix("p1", MatrixConfig(), [*closed, *half])
    assert open_cells_at(matrix, ()) == ()
    assert open_cells_at(matrix, ("立项前",)) == ()
    open_ = open_cells_at(matrix, ("立项前", "初审前"))
    assert [(c.party, c.status) for c in open_] == [
        ("司法行政部门", "已反馈"),
        ("常委会工作机构", "未征求"),
        ("法检两院", "未征求"),
    ]
