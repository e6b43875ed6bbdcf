"""Legislative projects: created explicitly, renamed and archived with the audit log, never deleted.

A project comes into being only when someone asks for it (`ProjectService.create`, or an import
with ``create=True``); a mistyped project code is an error that lists the existing ones. An
archived project keeps every version, comment and decision, is listed on request only, and
takes no new version until it is restored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from workbench.errors import StoreError
from workbench.model.cycle import ProjectKind
from workbench.model.project import Project, is_valid_slug
from workbench.store import append_audit
from workbench.store import projects as rows

if TYPE_CHECKING:
    from workbench.workspace.workspace import Workspace

__all__ = ["ProjectService", "check_slug", "create_project", "require_open_project"]


def check_slug(slug: str) -> None:
    """Refuse a slug that is not a valid project code.

    Raises:
        StoreError: The message says what a project code may contain.
    """
    if not is_valid_slug(slug):
        raise StoreError(
            f"项目代号“{slug}”无效：只能用小写英文字母、数字、“-”和“_”，以字母或数字开头，"
            "最长 64 个字符（例如 jujia-yanglao）。"
        )


def create_project(
    conn: Connection,
    slug: str,
    title: str,
    *,
    actor: str,
    kind: ProjectKind = "制定",
    readings: int = 2,
) -> Project:
    """Create project ``slug`` inside the caller's write transaction, and audit it.

    ``kind`` is 制定 (a new regulation), 修订, 修正 or 废止; ``readings`` how many readings
    its path has (1 on the one-reading path).

    Raises:
        StoreError: Invalid slug, empty title, or a project (perhaps archived) has the slug.
    """
    check_slug(slug)
    title = title.strip()
    if not title:
        raise StoreError("项目名称不能为空：请用 --title 给出法规名称，例如 某某条例。")
    existing = rows.get_project(conn, slug)
    if existing is not None:
        state = "（已归档，可用 workbench project restore 恢复）" if existing.archived else ""
        raise StoreError(f"项目代号“{slug}”已被项目《{existing.title}》使用{state}，请换一个代号。")
    project = rows.insert_project(conn, slug, title, actor, kind=kind, readings=readings)
    append_audit(
        conn,
        actor=actor,
        action="create_project",
        project=slug,
        payload={"title": title, "kind": kind, "readings": readings},
    )
    return project


def require_open_project(conn: Connection, slug: str, *, create: bool = False) -> Project | None:
    """The project a new version goes into; None when it is to be created (``create``).

    Raises:
        StoreError: The project does not exist and ``create`` is False (the message lists the
            existing projects and says how to create one), or it is archived.
    """
    project = rows.get_project(conn, slug)
    if project is None:
        if create:
            return None
        known = [p.slug for p in rows.list_projects(conn) if not p.archived]
        listed = "、".join(known) if known else "（还没有项目）"
        raise StoreError(
            f"没有名为“{slug}”的立法项目。现有项目：{listed}。"
            f"如果要新建项目，请加 --create，或先运行 workbench project new {slug} --title 法规名称。"
        )
    if project.archived:
        raise StoreError(
            f"项目“{slug}”已归档，不能再加入新版本。如需继续，请先运行 workbench project restore {slug}。"
        )
    return project


class ProjectService:
    """Create, list, rename, archive and restore the workspace's projects."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        """The workspace whose projects these are."""

    def projects(self, *, archived: bool = False) -> list[Project]:
        """The projects in use, by slug; with ``archived``, the archived ones too."""
        with self.workspace.read() as conn:
            found = rows.list_projects(conn)
        return [p for p in found if archived or not p.archived]

    def create(
        self,
        slug: str,
        title: str,
        *,
        actor: str,
        kind: ProjectKind = "制定",
        readings: int = 2,
    ) -> Project:
        """Create an empty project (its first version comes with ``workbench import``).

        Args:
            slug: The project code.
            title: The regulation's title.
            actor: Who creates it.
            kind: 制定, 修订, 修正 or 废止 (a revision starts from the 现行文本).
            readings: How many readings its path has: 1 (小快灵), 2 (the rule) or 3.

        Raises:
            StoreError: Invalid slug, empty title, the slug is taken, readings not 1–3.
        """
        if not 1 <= readings <= 3:
            raise StoreError(f"审议次数只能是 1、2 或 3，不能是 {readings}。")
        with self.workspace.transaction() as conn:
            return create_project(conn, slug, title, actor=actor, kind=kind, readings=readings)

    def rename(
        self,
        slug: str,
        *,
        title: str | None = None,
        new_slug: str | None = None,
        actor: str,
    ) -> Project:
        """Give a project a new title, a new code, or both; the audit log keeps the old ones.

        Versions, comments and decisions follow the project (they refer to it by id).

        Raises:
            StoreError: Unknown project, nothing to change, invalid or taken new code.
        """
        with self.workspace.transaction() as conn:
            current = rows.require_project(conn, slug)
            new_title = title.strip() if title is not None else current.title
            target = new_slug if new_slug is not None else slug
            if not new_title:
                raise StoreError("项目名称不能为空。")
            if new_title == current.title and target == slug:
                raise StoreError(
                    f"项目“{slug}”的名称和代号都没有变化：请用 --title 或 --slug 给出新的名称或代号。"
                )
            if target != slug:
                check_slug(target)
                taken = rows.get_project(conn, target)
                if taken is not None:
                    raise StoreError(
                        f"项目代号“{target}”已被项目《{taken.title}》使用，请换一个代号。"
                    )
                rows.update_project_slug(conn, slug, target)
            if new_title != current.title:
                rows.update_project_title(conn, target, new_title)
            payload: dict[str, str] = {"old": current.title, "new": new_title}
            if target != slug:
                payload |= {"old_slug": slug, "new_slug": target}
            append_audit(
                conn, actor=actor, action="rename_project", project=target, payload=payload
            )
            return rows.require_project(conn, target)

    def archive(self, slug: str, *, reason: str | None = None, actor: str) -> Project:
        """Archive a project: kept whole, listed on request, no new versions until restored.

        Raises:
            StoreError: Unknown project, or it is archived already.
        """
        with self.workspace.transaction() as conn:
            current = rows.require_project(conn, slug)
            if current.archived:
                raise StoreError(f"项目“{slug}”已经归档。")
            rows.set_project_archived(conn, slug, datetime.now(UTC), actor)
            append_audit(
                conn,
                actor=actor,
                action="archive_project",
                project=slug,
                payload={"title": current.title, "reason": reason},
            )
            return rows.require_project(conn, slug)

    def restore(self, slug: str, *, actor: str) -> Project:
        """Bring an archived project back into use.

        Raises:
            StoreError: Unknown project, or it is not archived.
        """
        with self.workspace.transaction() as conn:
            current = rows.require_project(conn, slug)
            if not current.archived:
                raise StoreError(f"项目“{slug}”没有归档，无需恢复。")
            rows.set_project_archived(conn, slug, None, None)
            append_audit(
                conn,
                actor=actor,
                action="restore_project",
                project=slug,
                payload={"title": current.title},
            )
            return rows.require_project(conn, slug)
