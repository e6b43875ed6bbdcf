"""The 四前四方 matrix as workspace operations: each change checked, stored and audited.

Functions run inside the caller's write transaction (`Workspace.transaction`).
"""

from __future__ import annotations

from sqlalchemy import Connection

from workbench.errors import StoreError
from workbench.model.project import MatrixCell, MatrixConfig
from workbench.review import MatrixError, check_cell
from workbench.store import append_audit
from workbench.store import matrix as matrix_rows

__all__ = ["configure_matrix", "update_cell"]


def configure_matrix(conn: Connection, config: MatrixConfig, *, actor: str) -> None:
    """Store the workspace's nodes and parties (cells already set are kept) and audit it."""
    matrix_rows.save_matrix_config(conn, config)
    append_audit(
        conn,
        actor=actor,
        action="configure_matrix",
        payload={"nodes": list(config.nodes), "parties": list(config.parties)},
    )


def update_cell(
    conn: Connection,
    project: str,
    node: str,
    party: str,
    status: str,
    *,
    record: str | None,
    actor: str,
    expected: str | None = None,
) -> MatrixCell:
    """Check and set one cell (``record=None`` keeps the stored 会商 record) and audit it.

    ``expected`` is the status the caller last saw: when the stored one differs (someone else
    changed the cell meanwhile), nothing is written.

    Raises:
        StoreError: Unknown project, node, party or status (the message lists the valid ones),
            or the cell is no longer at ``expected``.
    """
    try:
        checked = check_cell(matrix_rows.load_matrix_config(conn), node, party, status)
    except MatrixError as exc:
        raise StoreError(exc.message) from exc
    cell, old = matrix_rows.write_cell(
        conn, project, node, party, status=checked, record=record, actor=actor
    )
    before = old.status if old else "未征求"
    if expected is not None and before != expected:
        raise StoreError(
            f"{node} · {party} 已被改为“{before}”（不是“{expected}”），未作修改；请刷新后再操作"
        )
    append_audit(
        conn,
        actor=actor,
        action="set_cell",
        project=project,
        payload={
            "node": node,
            "party": party,
            "status": checked,
            "old_status": before,
            "record": cell.record,
        },
    )
    return cell
