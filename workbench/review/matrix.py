"""The 四前四方 matrix as logic: assemble it, check a cell change, find open cells at a gate.

Pure functions over `workbench.model.project` types; the store persists cells, the workspace
calls `open_cells_before` when a later node's version comes in.
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
    "nodes_between",
    "open_cells_before",
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


def nodes_between(config: MatrixConfig, start: str, stop: str) -> tuple[str, ...]:
    """The nodes from ``start`` (inclusive) to ``stop`` (exclusive); empty unless start < stop."""
    i, j = config.nodes.index(start), config.nodes.index(stop)
    return config.nodes[i:j] if i < j else ()


def open_cells_before(matrix: Matrix, current: str | None, target: str) -> tuple[MatrixCell, ...]:
    """The open cells a move from node ``current`` to node ``target`` leaves behind.

    Moving forward from ``current`` to a later ``target`` passes the gates of every node from
    ``current`` up to (not including) ``target``; each cell there that is not 已会商 is open.
    No current node (a project's first version), or a move to the same or an earlier node,
    passes no gate.
    """
    if current is None:
        return ()
    nodes = nodes_between(matrix.config, current, target)
    return tuple(c for c in matrix.cells if c.node in nodes and c.is_open)
