"""Rows of the 四前四方 matrix and the workspace settings that configure it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from workbench.model.project import CellStatus, Matrix, MatrixCell, MatrixConfig
from workbench.review import assemble_matrix
from workbench.store.projects import project_id
from workbench.store.schema import matrix_cells, settings

__all__ = [
    "config_json",
    "has_matrix_config",
    "load_matrix",
    "load_matrix_config",
    "save_matrix_config",
    "write_cell",
]

_MATRIX_KEY = "matrix"


def load_matrix_config(conn: Connection) -> MatrixConfig:
    """The workspace's matrix nodes and parties (the defaults if never configured)."""
    raw = conn.execute(select(settings.c.value).where(settings.c.key == _MATRIX_KEY)).scalar()
    return MatrixConfig() if raw is None else MatrixConfig.model_validate_json(raw)


def has_matrix_config(conn: Connection) -> bool:
    """Whether the workspace's matrix was ever configured."""
    return (
        conn.execute(select(settings.c.key).where(settings.c.key == _MATRIX_KEY)).first()
        is not None
    )


def save_matrix_config(conn: Connection, config: MatrixConfig) -> None:
    """Store the workspace's matrix nodes and parties."""
    value = config.model_dump_json()
    exists = conn.execute(select(settings.c.key).where(settings.c.key == _MATRIX_KEY)).first()
    if exists is None:
        conn.execute(settings.insert().values(key=_MATRIX_KEY, value=value))
    else:
        conn.execute(settings.update().where(settings.c.key == _MATRIX_KEY).values(value=value))


def load_matrix(conn: Connection, slug: str) -> Matrix:
    """The project's full matrix under the workspace's configuration."""
    pid = project_id(conn, slug)
    rows = conn.execute(select(matrix_cells).where(matrix_cells.c.project_id == pid))
    stored = [
        MatrixCell(
            node=r.node,
            party=r.party,
            status=r.status,
            record=r.record,
            updated_by=r.updated_by,
            updated_at=r.updated_at,
        )
        for r in rows
    ]
    return assemble_matrix(slug, load_matrix_config(conn), stored)


def write_cell(
    conn: Connection,
    slug: str,
    node: str,
    party: str,
    *,
    status: CellStatus,
    record: str | None,
    actor: str,
) -> tuple[MatrixCell, MatrixCell | None]:
    """Set one cell (inside a write transaction); ``record=None`` keeps the stored record.

    Returns:
        The new cell and the stored cell it replaced (None if the cell was never set).
    """
    pid = project_id(conn, slug)
    key = (
        matrix_cells.c.project_id == pid,
        matrix_cells.c.node == node,
        matrix_cells.c.party == party,
    )
    row = conn.execute(select(matrix_cells).where(*key)).first()
    old = (
        None
        if row is None
        else MatrixCell(
            node=node,
            party=party,
            status=row.status,
            record=row.record,
            updated_by=row.updated_by,
            updated_at=row.updated_at,
        )
    )
    now = datetime.now(UTC)
    new_record = record if record is not None else (old.record if old else "")
    values = {"status": status, "record": new_record, "updated_by": actor, "updated_at": now}
    if row is None:
        conn.execute(matrix_cells.insert().values(project_id=pid, node=node, party=party, **values))
    else:
        conn.execute(matrix_cells.update().where(*key).values(**values))
    cell = MatrixCell(
        node=node, party=party, status=status, record=new_record, updated_by=actor, updated_at=now
    )
    return cell, old


def config_json(config: MatrixConfig) -> str:
    """The configuration as JSON text (for audit payloads)."""
    return json.dumps(config.model_dump(), ensure_ascii=False)
