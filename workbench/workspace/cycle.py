"""The legislative cycle of a workspace's projects: stages, records, state, 题注.

The workspace's stage list, what was recorded at each stage of a project, where a project
stands and the 题注 of the text it adopts. Every change is one transaction with its audit entry. The logic is `workbench.review.cycle`
and `workbench.review.caption`; this module loads and stores.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbench.errors import StoreError
from workbench.model.cycle import CURRENT_STAGE, CycleConfig, CycleState, ProjectKind, StageRecord
from workbench.review import CycleError, check_outcome, cycle_state
from workbench.review.caption import Caption, caption, plain_title
from workbench.store import append_audit
from workbench.store import cycle as cycle_rows
from workbench.store import matrix as matrix_rows
from workbench.store import projects as rows
from workbench.workspace.projects import require_open_project

if TYPE_CHECKING:
    from workbench.workspace.workspace import Workspace

__all__ = ["ADOPTED_STAGES", "CycleService"]

ADOPTED_STAGES = frozenset({"表决", "批准", "公布"})
"""Stages whose text is (or becomes) the adopted one, and so carries the generated 题注."""


class CycleService:
    """Stages, records and state of the projects of one open workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        """The workspace."""

    # -- the stage list -----------------------------------------------------------------------

    def config(self) -> CycleConfig:
        """The workspace's stages, in order."""
        with self.workspace.read() as conn:
            return cycle_rows.load_cycle_config(conn)

    def configure(self, config: CycleConfig, *, actor: str) -> None:
        """Store the workspace's stages (versions keep the stage and name they were given)."""
        with self.workspace.transaction() as conn:
            cycle_rows.save_cycle_config(conn, config)
            append_audit(
                conn,
                actor=actor,
                action="configure_cycle",
                payload={"stages": [s.model_dump(mode="json") for s in config.stages]},
            )

    # -- a project's path ---------------------------------------------------------------------

    def set_path(
        self,
        project: str,
        *,
        kind: ProjectKind | None = None,
        readings: int | None = None,
        actor: str,
    ) -> None:
        """Change a project's kind or its number of readings (1 = the one-reading path).

        Versions already frozen keep their names; new ones are named by the new kind.

        Raises:
            StoreError: Unknown or archived project, readings not 1–3, or nothing to change.
        """
        if kind is None and readings is None:
            raise StoreError("请给出要修改的项目类型（--kind）或审议次数（--readings）。")
        if readings is not None and not 1 <= readings <= 3:
            raise StoreError(f"审议次数只能是 1、2 或 3，不能是 {readings}。")
        with self.workspace.transaction() as conn:
            current = require_open_project(conn, project)
            assert current is not None  # require_open_project raises for unknown projects
            rows.update_project_cycle(conn, project, kind=kind, readings=readings)
            append_audit(
                conn,
                actor=actor,
                action="set_project_path",
                project=project,
                payload={
                    "old": {"kind": current.kind, "readings": current.readings},
                    "new": {
                        "kind": kind or current.kind,
                        "readings": readings or current.readings,
                    },
                },
            )

    # -- records --------------------------------------------------------------------------------

    def records(self, project: str) -> list[StageRecord]:
        """What was recorded at the project's stages, in stage order."""
        with self.workspace.read() as conn:
            found = cycle_rows.load_records(conn, project)
            order = [s.name for s in cycle_rows.load_cycle_config(conn).stages]
        return sorted(found, key=lambda r: order.index(r.stage) if r.stage in order else len(order))

    def record(
        self,
        project: str,
        stage: str,
        *,
        on: date,
        body: str = "",
        outcome: str = "",
        notice: str = "",
        effective: date | None = None,
        actor: str,
    ) -> StageRecord:
        """Record what happened at ``stage``: a reading's meeting, 通过, 批准, 公布.

        Recording a stage again replaces what was recorded (the audit log keeps both).

        Raises:
            StoreError: Unknown project or stage, an outcome the stage does not have, or a
                公告 number or 施行日期 given for a stage other than 公布.
        """
        with self.workspace.transaction() as conn:
            require_open_project(conn, project)
            config = cycle_rows.load_cycle_config(conn)
            if config.spec(stage) is None or stage == CURRENT_STAGE:
                raise StoreError(
                    f"未知的阶段“{stage}”。可用的阶段：{'、'.join(s.name for s in config.stages)}"
                )
            try:
                checked = check_outcome(stage, outcome)
            except CycleError as exc:
                raise StoreError(exc.message) from exc
            if (notice or effective) and stage != "公布":
                raise StoreError("公告编号和施行日期只在“公布”阶段记录。")
            record, old = cycle_rows.write_record(
                conn,
                project,
                stage,
                on=on,
                body=body.strip(),
                outcome=checked,
                notice=notice.strip(),
                effective=effective,
                actor=actor,
            )
            append_audit(
                conn,
                actor=actor,
                action="record_stage",
                project=project,
                payload={
                    "stage": stage,
                    "date": on.isoformat(),
                    "body": record.body,
                    "outcome": record.outcome,
                    "notice": record.notice,
                    "effective": effective.isoformat() if effective else None,
                    "replaced": old.model_dump(mode="json", exclude={"recorded_at"})
                    if old
                    else None,
                },
            )
            return record

    def clear(self, project: str, stage: str, *, actor: str) -> StageRecord:
        """Remove what was recorded at ``stage`` (recorded by mistake); audited.

        Raises:
            StoreError: Unknown project, or nothing recorded at that stage.
        """
        with self.workspace.transaction() as conn:
            require_open_project(conn, project)
            old = cycle_rows.delete_record(conn, project, stage)
            if old is None:
                raise StoreError(f"项目“{project}”在“{stage}”阶段没有记录。")
            append_audit(
                conn,
                actor=actor,
                action="clear_stage",
                project=project,
                payload={"stage": stage, "removed": old.model_dump(mode="json")},
            )
            return old

    # -- where the project stands ---------------------------------------------------------------

    def state(self, project: str) -> CycleState:
        """The project's stage line: each stage's status, current, next, the open node."""
        with self.workspace.read() as conn:
            info = rows.require_project(conn, project)
            return cycle_state(
                project,
                info.kind,
                info.readings,
                cycle_rows.load_cycle_config(conn),
                matrix_rows.load_matrix(conn, project),
                rows.list_versions(conn, project),
                cycle_rows.load_records(conn, project),
            )

    def caption(self, project: str) -> Caption:
        """The 题注 of the text the project adopts, from its records (and the 现行文本's note)."""
        with self.workspace.read() as conn:
            info = rows.require_project(conn, project)
            config = cycle_rows.load_cycle_config(conn)
            records = cycle_rows.load_records(conn, project)
            infos = rows.list_versions(conn, project)
            current = [v for v in infos if v.stage == CURRENT_STAGE]
            history = rows.load_document(conn, project, current[-1].number).note if current else ""
        title = plain_title(infos[-1].title if infos else info.title)
        return caption(
            info.kind,
            title,
            records,
            history=history,
            approval=config.spec("批准") is not None,
        )
