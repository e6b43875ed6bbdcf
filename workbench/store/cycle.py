"""Rows of the legislative cycle: the workspace's stage list and what was recorded at each stage."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, select

from workbench.model.cycle import CycleConfig, StageRecord
from workbench.store.projects import project_id
from workbench.store.schema import cycle_records, settings

__all__ = [
    "delete_record",
    "has_cycle_config",
    "load_cycle_config",
    "load_records",
    "save_cycle_config",
    "write_record",
]

_CYCLE_KEY = "cycle"


def load_cycle_config(conn: Connection) -> CycleConfig:
    """The workspace's stages (the defaults of `legislative-norms.md` §6.2 if never configured)."""
    raw = conn.execute(select(settings.c.value).where(settings.c.key == _CYCLE_KEY)).scalar()
    return CycleConfig() if raw is None else CycleConfig.model_validate_json(raw)


def has_cycle_config(conn: Connection) -> bool:
    """Whether the workspace's stages were ever configured."""
    found = conn.execute(select(settings.c.key).where(settings.c.key == _CYCLE_KEY)).first()
    return found is not None


def save_cycle_config(conn: Connection, config: CycleConfig) -> None:
    """Store the workspace's stages."""
    value = config.model_dump_json()
    if has_cycle_config(conn):
        conn.execute(settings.update().where(settings.c.key == _CYCLE_KEY).values(value=value))
    else:
        conn.execute(settings.insert().values(key=_CYCLE_KEY, value=value))


def load_records(conn: Connection, slug: str) -> list[StageRecord]:
    """What was recorded at the project's stages (in no particular order)."""
    pid = project_id(conn, slug)
    rows = conn.execute(select(cycle_records).where(cycle_records.c.project_id == pid))
    return [
        StageRecord(
            stage=r.stage,
            date=r.date,
            body=r.body,
            outcome=r.outcome,
            notice=r.notice,
            effective=r.effective,
            recorded_by=r.recorded_by,
            recorded_at=r.recorded_at,
        )
        for r in rows
    ]


def write_record(
    conn: Connection,
    slug: str,
    stage: str,
    *,
    on: date,
    body: str,
    outcome: str,
    notice: str,
    effective: date | None,
    actor: str,
) -> tuple[StageRecord, StageRecord | None]:
    """Record (or re-record) what happened at ``stage``, inside a write transaction.

    Returns:
        The new record and the one it replaced, if any.
    """
    pid = project_id(conn, slug)
    old = next((r for r in load_records(conn, slug) if r.stage == stage), None)
    now = datetime.now(UTC)
    record = StageRecord.model_validate(
        {
            "stage": stage,
            "date": on,
            "body": body,
            "outcome": outcome,
            "notice": notice,
            "effective": effective,
            "recorded_by": actor,
            "recorded_at": now,
        }
    )
    values = {
        "date": on,
        "body": body,
        "outcome": record.outcome,
        "notice": notice,
        "effective": effective,
        "recorded_by": actor,
        "recorded_at": now,
    }
    if old is None:
        conn.execute(cycle_records.insert().values(project_id=pid, stage=stage, **values))
    else:
        conn.execute(
            cycle_records.update()
            .where(cycle_records.c.project_id == pid, cycle_records.c.stage == stage)
            .values(**values)
        )
    return record, old


def delete_record(conn: Connection, slug: str, stage: str) -> StageRecord | None:
    """Remove what was recorded at ``stage`` (recorded by mistake); returns it, if there was one."""
    pid = project_id(conn, slug)
    old = next((r for r in load_records(conn, slug) if r.stage == stage), None)
    if old is not None:
        conn.execute(
            delete(cycle_records).where(
                cycle_records.c.project_id == pid, cycle_records.c.stage == stage
            )
        )
    return old
