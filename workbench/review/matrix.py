"""The 四前四方 matrix as logic: assemble it, check a cell change, find open cells at a gate.

Pure functions over `workbench.model.project` types; the store persists cells, the workspace
calls `open_cells_at` with the nodes a new version's stage passes.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.errors import WorkbenchError
from workbench.model.project import (
    CELL_STATUSES,
    CellStatus,
    Matrix,
    MatrixCell,
    MatrixConfig,
)

__all__ = [
    "MatrixError",
    "assemble_matrix",
    "check_cell",
    "check_stage",
    "open_cells_at",
]


class MatrixError(WorkbenchError):
    """A node, party or status that the workspace's matrix does not have."""


def check_stage(config: MatrixConfig, stage: str) -> str:
    """Return ``stage`` if it is one of the configured nodes.

    Raises:
        MatrixError: Unknown stage; the message lists the valid ones.
    """
    if stage not in config.nodes:
        raise MatrixError(f"未知的征求意见节点“{stage}”。可用的节点：{'、'.join(config.nodes)}")
    return stage


def check_cell(config: MatrixConfig, node: str, party: str, status: str) -> CellStatus:
    """Validate a cell change and return the status as a `CellStatus`.

    Raises:
        MatrixError: Unknown node, party or status; the message lists the valid ones.
    """
    check_stage(config, node)
    if party not in config.parties:
        raise MatrixError(f"未知的征求对象“{party}”。可用的征求对象：{'、'.join(config.parties)}")
    for known in CELL_STATUSES:
        if status == known:
            return known
    raise MatrixError(f"未知的状态“{status}”。可用的状态：{'、'.join(CELL_STATUSES)}")


def assemble_matrix(project: str, config: MatrixConfig, stored: Iterable[MatrixCell]) -> Matrix:
    """The full matrix: every configured (node, party), stored cells where set, else 未征求.

    Stored cells for nodes or parties no longer configured are left out.
    """
    by_key = {(c.node, c.party): c for c in stored}
    cells = tuple(
        by_key.get((node, party)) or MatrixCell(node=node, party=party)
        for node in config.nodes
        for party in config.parties
    )
    return Matrix(project=project, config=config, cells=cells)


def open_cells_at(matrix: Matrix, nodes: Iterable[str]) -> tuple[MatrixCell, ...]:
    """The cells of ``nodes`` that are not 已会商, in matrix order.

    `workbench.review.cycle.nodes_passed` says which nodes a move between stages passes.
    """
    wanted = set(nodes)
    return tuple(c for c in matrix.cells if c.node in wanted and c.is_open)
