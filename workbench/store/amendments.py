"""Storing and reading the decisions applied to a project's versions (table ``amendments``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pydantic import TypeAdapter
from sqlalchemy import Connection, insert, select

from workbench.amend import AppliedDecision, ChangeLink, Decision, OperationOutcome
from workbench.model import WorkbenchModel
from workbench.store.amendment_tables import amendments
from workbench.store.projects import project_id

__all__ = ["StoredAmendment", "insert_amendment", "list_amendments"]

_OUTCOMES = TypeAdapter(tuple[OperationOutcome, ...])
_LINKS = TypeAdapter(tuple[ChangeLink, ...])


class StoredAmendment(WorkbenchModel):
    """A decision applied to a version of a project, as the workspace keeps it."""

    id: int
    """Its row id."""
    project: str
    """The project's slug."""
    base_version: int
    """The number of the version it amended."""
    decision: Decision
    """The decision as read."""
    outcomes: tuple[OperationOutcome, ...]
    """Each operation's outcome when it was applied."""
    links: tuple[ChangeLink, ...]
    """The changes it declares (base uids → result uids)."""
    source_sha256: str | None = None
    """The decision file kept in ``inbox/``."""
    source_name: str | None = None
    """The decision file's name as received."""
    applied_at: datetime
    """When it was applied."""
    applied_by: str
    """Who applied it."""


def insert_amendment(
    conn: Connection,
    project: str,
    base_version: int,
    decision: Decision,
    applied: AppliedDecision,
    *,
    actor: str,
    source_sha256: str | None = None,
    source_name: str | None = None,
) -> int:
    """Record an applied decision; return its row id."""
    result = conn.execute(
        insert(amendments).values(
            project_id=project_id(conn, project),
            base_version=base_version,
            title=decision.title,
            source_sha256=source_sha256,
            source_name=source_name,
            decision=decision.model_dump_json(),
            outcomes=json.dumps([o.model_dump() for o in applied.outcomes], ensure_ascii=False),
            links=json.dumps([lk.model_dump() for lk in applied.links], ensure_ascii=False),
            applied_at=datetime.now(UTC),
            applied_by=actor,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_amendments(
    conn: Connection, project: str, base_version: int | None = None
) -> list[StoredAmendment]:
    """The decisions applied to ``project`` (to one version when given), oldest first."""
    query = select(amendments).where(amendments.c.project_id == project_id(conn, project))
    if base_version is not None:
        query = query.where(amendments.c.base_version == base_version)
    out: list[StoredAmendment] = []
    for row in conn.execute(query.order_by(amendments.c.id)):
        out.append(
            StoredAmendment(
                id=row.id,
                project=project,
                base_version=row.base_version,
                decision=Decision.model_validate_json(row.decision),
                outcomes=_OUTCOMES.validate_json(row.outcomes),
                links=_LINKS.validate_json(row.links),
                source_sha256=row.source_sha256,
                source_name=row.source_name,
                applied_at=row.applied_at,
                applied_by=row.applied_by,
            )
        )
    return out
