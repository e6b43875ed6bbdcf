"""Amendment decisions in a workspace: apply one to a version, draft one between two versions.

A 修改决定 amends a regulation in force, so it is applied in a 修正 project (whose first version is
the 现行文本); applying one to a project of another kind is refused unless asked for explicitly
(carrying a decision's changes into a 修订草案, say). Applying keeps the decision file in
``inbox/`` first (as every received file), reads it, applies
the part amending the project's text to the chosen version (the latest by default) and makes the
result the project's working draft, for staff to finish the manual items in the editor and freeze
as the next version. The draft, the decision as read, every outcome and the change links land in
one transaction with their audit entry. A working draft with edits of its own is never
overwritten silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.amend import (
    AppliedDecision,
    Decision,
    apply_decision,
    draft_decision,
    read_decision_file,
)
from workbench.amend.links import declared_links
from workbench.diff import DeclaredLink
from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.project import Project, VersionInfo, WorkingDraft
from workbench.render import render_text
from workbench.store import append_audit
from workbench.store.amendments import StoredAmendment, insert_amendment, list_amendments
from workbench.workspace.versions import save_draft
from workbench.workspace.workspace import Workspace

__all__ = ["AmendmentService", "AppliedToProject", "require_amendment_project"]


@dataclass(frozen=True, slots=True)
class AppliedToProject:
    """A decision applied in a workspace."""

    decision: Decision
    """The decision as read."""
    applied: AppliedDecision
    """The amended text, outcomes and links."""
    base: VersionInfo
    """The version it amended."""
    draft: WorkingDraft
    """The working draft it became."""
    record: int
    """The row id of the stored application."""


def require_amendment_project(project: Project) -> None:
    """Refuse a project that is not a 修正 project, saying how to go on.

    Raises:
        StoreError: The project is a 制定, 修订 or 废止 project.
    """
    if project.kind == "修正":
        return
    raise StoreError(
        f"项目“{project.slug}”是{project.kind}项目：修改决定修改的是现行法规，应当在修正项目中适用。"
        f"如果这就是修正项目，请把项目类型改为修正（workbench cycle set -p {project.slug} --kind 修正）；"
        "否则请新建修正项目并导入现行文本（workbench project new 代号 --title 法规名称 --kind 修正，"
        "再 workbench import 现行文本 -p 代号 --stage 现行）。确需在本项目中适用的，加 --any-kind。"
    )


class AmendmentService:
    """Decisions over one workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""

    def apply(
        self,
        project: str,
        decision_file: Path,
        *,
        version: str | None = None,
        actor: str,
        replace_draft: bool = False,
        any_kind: bool = False,
    ) -> AppliedToProject:
        """Apply the decision in ``decision_file`` to a version of ``project``.

        Args:
            project: The project's slug.
            decision_file: The decision (text, Markdown or DOCX), as received.
            version: The version amended (number, node name or latest; default the latest).
            actor: Who applies it, for the audit log.
            replace_draft: Overwrite a working draft that has edits of its own.
            any_kind: Apply it even though the project is not a 修正 project.

        Raises:
            StoreError: Unknown project or version, a project that is not a 修正 project (unless
                ``any_kind``), or a working draft with its own edits.
            ParseError: The file is no readable decision (it stays in ``inbox/``).
        """
        ws = self.ws
        if not any_kind:
            require_amendment_project(ws.project(project))
        info = ws.resolve_version(project, version)
        base = ws.document(project, info.number)
        sha = ws.store_inbox_file(decision_file, actor=actor)
        decision = read_decision_file(ws.inbox_path(sha))
        applied = apply_decision(decision, base)
        current = ws.working_draft(project)
        if not replace_draft and render_text(current.document) != render_text(base):
            raise StoreError(
                f"项目“{project}”的工作稿有尚未定稿的修改，与第{info.number}版不同："
                "请先定稿为新版本，或加 --replace-draft 以修改决定适用后的文本替换工作稿。"
            )
        with ws.transaction() as conn:
            saved = save_draft(conn, project, applied.document, current.revision, actor=actor)
            record = insert_amendment(
                conn,
                project,
                info.number,
                decision,
                applied,
                actor=actor,
                source_sha256=sha,
                source_name=decision_file.name,
            )
            append_audit(
                conn,
                actor=actor,
                action="amend_apply",
                project=project,
                payload={
                    "decision": decision.title,
                    "base_version": info.number,
                    "source_sha256": sha,
                    "applied": sum(1 for o in applied.outcomes if o.status == "applied"),
                    "manual": len(applied.manual),
                    "failed": len(applied.failed),
                },
            )
        return AppliedToProject(decision, applied, info, saved, record)

    def draft(
        self, project: str, first: str, second: str, *, title: str | None = None
    ) -> tuple[Decision, VersionInfo, VersionInfo]:
        """The decision turning version ``first`` of ``project`` into version ``second``."""
        ws = self.ws
        old_info = ws.resolve_version(project, first)
        new_info = ws.resolve_version(project, second)
        old = ws.document(project, old_info.number)
        new = ws.document(project, new_info.number)
        return draft_decision(old, new, title=title), old_info, new_info

    def declared(
        self, project: str, old_number: int, old: Document, new: Document
    ) -> list[DeclaredLink]:
        """What the newest decision applied to version ``old_number`` declares toward ``new``.

        Empty when no decision was applied to it; links to articles ``new`` does not have (a
        version not made from the decision, or edited since) are left out.
        """
        stored = self.applied(project, old_number)
        if not stored:
            return []
        return declared_links(stored[-1].links, old, new)

    def applied(self, project: str, base_version: int | None = None) -> list[StoredAmendment]:
        """The decisions applied to ``project`` (to version ``base_version`` when given)."""
        with self.ws.read() as conn:
            return list_amendments(conn, project, base_version)
