"""Rows of projects, frozen versions, node history and working drafts.

Functions take a `Connection` from `Database.transaction` (writes) or `Database.read` and know
nothing of files or parsing; `workbench.workspace` orchestrates them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, func, select

from workbench.errors import StoreError
from workbench.model import Document, citation_label, full_text, iter_paths
from workbench.model.cycle import ProjectKind
from workbench.model.project import NodeHistoryEntry, Project, VersionInfo, WorkingDraft
from workbench.review.cycle import version_label
from workbench.store.schema import node_history, projects, versions, working_drafts
from workbench.store.search import index_version

__all__ = [
    "document_json",
    "document_sha256",
    "find_version_by_source",
    "get_project",
    "history_of",
    "insert_project",
    "insert_version",
    "list_projects",
    "list_versions",
    "load_document",
    "load_working_draft",
    "project_id",
    "require_project",
    "set_project_archived",
    "uids_labelled",
    "update_project_cycle",
    "update_project_slug",
    "update_project_title",
    "write_working_draft",
]


def document_json(doc: Document) -> str:
    """The stored form of a document (stable for equal documents)."""
    return doc.model_dump_json()


def document_sha256(doc: Document) -> str:
    """sha256 of `document_json`."""
    return hashlib.sha256(document_json(doc).encode("utf-8")).hexdigest()


def _project(row: Row[tuple[object, ...]]) -> Project:
    return Project(
        slug=row.slug,
        title=row.title,
        kind=row.kind,
        readings=row.readings,
        created_at=row.created_at,
        created_by=row.created_by,
        archived_at=row.archived_at,
        archived_by=row.archived_by,
    )


def list_projects(conn: Connection) -> list[Project]:
    """Every project, archived ones included, by slug."""
    return [_project(r) for r in conn.execute(select(projects).order_by(projects.c.slug))]


def get_project(conn: Connection, slug: str) -> Project | None:
    """The project ``slug``, or None."""
    row = conn.execute(select(projects).where(projects.c.slug == slug)).first()
    return None if row is None else _project(row)


def require_project(conn: Connection, slug: str) -> Project:
    """The project ``slug``.

    Raises:
        StoreError: No such project (the message lists the existing ones).
    """
    found = get_project(conn, slug)
    if found is None:
        raise _unknown_project(conn, slug)
    return found


def project_id(conn: Connection, slug: str) -> int:
    """The row id of project ``slug``.

    Raises:
        StoreError: No such project (the message lists the existing ones).
    """
    pid = conn.execute(select(projects.c.id).where(projects.c.slug == slug)).scalar()
    if pid is None:
        raise _unknown_project(conn, slug)
    return int(pid)


def _unknown_project(conn: Connection, slug: str) -> StoreError:
    known = [p.slug for p in list_projects(conn) if not p.archived]
    listed = (
        "、".join(known)
        if known
        else "（工作区还没有项目，请先用 workbench project new 代号 --title 名称 新建）"
    )
    return StoreError(f"没有名为“{slug}”的立法项目。现有项目：{listed}")


def insert_project(
    conn: Connection,
    slug: str,
    title: str,
    actor: str,
    *,
    kind: ProjectKind = "制定",
    readings: int = 2,
) -> Project:
    """Create a project row (a new regulation on the two-reading path unless told otherwise)."""
    now = datetime.now(UTC)
    project = Project(
        slug=slug, title=title, kind=kind, readings=readings, created_at=now, created_by=actor
    )
    conn.execute(
        projects.insert().values(
            slug=slug,
            title=title,
            kind=kind,
            readings=readings,
            created_at=now,
            created_by=actor,
        )
    )
    return project


def update_project_cycle(
    conn: Connection, slug: str, *, kind: ProjectKind | None = None, readings: int | None = None
) -> None:
    """Change a project's kind or its number of readings (None leaves it)."""
    values: dict[str, object] = {}
    if kind is not None:
        values["kind"] = kind
    if readings is not None:
        values["readings"] = readings
    if values:
        conn.execute(projects.update().where(projects.c.slug == slug).values(**values))


def update_project_title(conn: Connection, slug: str, title: str) -> None:
    """Change a project's title."""
    conn.execute(projects.update().where(projects.c.slug == slug).values(title=title))


def update_project_slug(conn: Connection, slug: str, new_slug: str) -> None:
    """Change a project's slug (rows elsewhere refer to the project by id, so they follow)."""
    conn.execute(projects.update().where(projects.c.slug == slug).values(slug=new_slug))


def set_project_archived(conn: Connection, slug: str, at: datetime | None, by: str | None) -> None:
    """Archive a project (``at`` and ``by`` given) or restore it (both None)."""
    conn.execute(
        projects.update().where(projects.c.slug == slug).values(archived_at=at, archived_by=by)
    )


def _version(slug: str, row: Row[tuple[object, ...]]) -> VersionInfo:
    return VersionInfo(
        project=slug,
        number=row.number,
        stage=row.stage,
        node=row.node,
        name=row.name,
        label=row.label,
        title=row.title,
        party=row.party,
        reason=row.reason,
        created_at=row.created_at,
        created_by=row.created_by,
        sha256=row.sha256,
        source_sha256=row.source_sha256,
        source_name=row.source_name,
    )


_INFO_COLUMNS = [c for c in versions.c if c.name != "document"]


def list_versions(conn: Connection, slug: str) -> list[VersionInfo]:
    """Every version of project ``slug``, by number (without the trees)."""
    pid = project_id(conn, slug)
    rows = conn.execute(
        select(*_INFO_COLUMNS).where(versions.c.project_id == pid).order_by(versions.c.number)
    )
    return [_version(slug, r) for r in rows]


def find_version_by_source(
    conn: Connection, slug: str, stage: str, source_sha256: str
) -> VersionInfo | None:
    """The version imported from the file ``source_sha256`` at ``stage`` (一审), if there is one."""
    pid = project_id(conn, slug)
    row = conn.execute(
        select(*_INFO_COLUMNS).where(
            versions.c.project_id == pid,
            versions.c.stage == stage,
            versions.c.source_sha256 == source_sha256,
        )
    ).first()
    return None if row is None else _version(slug, row)


def load_document(conn: Connection, slug: str, number: int) -> Document:
    """The frozen tree of version ``number``."""
    pid = project_id(conn, slug)
    raw = conn.execute(
        select(versions.c.document).where(versions.c.project_id == pid, versions.c.number == number)
    ).scalar()
    if raw is None:
        raise StoreError(f"项目“{slug}”没有第 {number} 版")
    return Document.model_validate_json(raw)


def insert_version(
    conn: Connection,
    slug: str,
    doc: Document,
    *,
    stage: str,
    name: str,
    node: str | None = None,
    actor: str,
    party: str | None = None,
    reason: str | None = None,
    source_sha256: str | None = None,
    source_name: str | None = None,
) -> VersionInfo:
    """Freeze ``doc`` as the project's next version and record its node history.

    ``stage`` is the stage of the cycle (一审), ``node`` the 四前四方 node (初审前) and ``name``
    what the text is called (草案); a stage's second version is labelled ``草案第2稿``. Must run
    inside `Database.transaction`: the number is the next free one.
    """
    pid = project_id(conn, slug)
    number = (
        int(
            conn.execute(
                select(func.coalesce(func.max(versions.c.number), 0)).where(
                    versions.c.project_id == pid
                )
            ).scalar_one()
        )
        + 1
    )
    at_stage = int(
        conn.execute(
            select(func.count()).where(versions.c.project_id == pid, versions.c.stage == stage)
        ).scalar_one()
    )
    label = version_label(name, at_stage)
    now = datetime.now(UTC)
    stored = document_json(doc)
    sha = hashlib.sha256(stored.encode("utf-8")).hexdigest()
    version_id = conn.execute(
        versions.insert()
        .values(
            project_id=pid,
            number=number,
            stage=stage,
            node=node,
            name=name,
            label=label,
            title=doc.title,
            party=party,
            reason=reason,
            document=stored,
            sha256=sha,
            source_sha256=source_sha256,
            source_name=source_name,
            created_at=now,
            created_by=actor,
        )
        .returning(versions.c.id)
    ).scalar_one()
    rows = _history_rows(doc, pid, int(version_id))
    if rows:
        conn.execute(node_history.insert(), rows)
    index_version(conn, pid, int(version_id), doc)  # the draft search stays in step
    return VersionInfo(
        project=slug,
        number=number,
        stage=stage,
        node=node,
        name=name,
        label=label,
        title=doc.title,
        party=party,
        reason=reason,
        created_at=now,
        created_by=actor,
        sha256=sha,
        source_sha256=source_sha256,
        source_name=source_name,
    )


def _history_rows(doc: Document, pid: int, version_id: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for ordinal, path in enumerate(iter_paths(doc.children)):
        node = path[-1]
        text = "\n".join(p for p in (node.num or "", node.heading or "", full_text(node)) if p)
        rows.append(
            {
                "version_id": version_id,
                "uid": node.uid,
                "project_id": pid,
                "ordinal": ordinal,
                "kind": node.kind,
                "eid": node.eid,
                "label": citation_label(path) or node.eid,
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
    return rows


def history_of(conn: Connection, slug: str, uid: str) -> list[NodeHistoryEntry]:
    """How node ``uid`` stood in each version of the project that has it, oldest first."""
    pid = project_id(conn, slug)
    rows = conn.execute(
        select(
            node_history,
            versions.c.number,
            versions.c.stage,
            versions.c.node,
            versions.c.label.label("version_label"),
        )
        .join(versions, versions.c.id == node_history.c.version_id)
        .where(node_history.c.project_id == pid, node_history.c.uid == uid)
        .order_by(versions.c.number)
    )
    return [
        NodeHistoryEntry(
            uid=r.uid,
            version=r.number,
            stage=r.stage,
            node=r.node,
            version_label=r.version_label,
            kind=r.kind,
            eid=r.eid,
            label=r.label,
            text_sha256=r.text_sha256,
        )
        for r in rows
    ]


def uids_labelled(conn: Connection, slug: str, number: int, label: str) -> list[str]:
    """The uids whose citation in version ``number`` is ``label`` (e.g. ``第十五条第二款``)."""
    pid = project_id(conn, slug)
    return [
        str(uid)
        for uid in conn.execute(
            select(node_history.c.uid)
            .join(versions, versions.c.id == node_history.c.version_id)
            .where(
                versions.c.project_id == pid,
                versions.c.number == number,
                node_history.c.label == label,
            )
            .order_by(node_history.c.ordinal)
        ).scalars()
    ]


def load_working_draft(conn: Connection, slug: str) -> tuple[WorkingDraft, str | None] | None:
    """The working draft and the sha256 of the version it was based on, or None if none."""
    pid = project_id(conn, slug)
    row = conn.execute(select(working_drafts).where(working_drafts.c.project_id == pid)).first()
    if row is None:
        return None
    draft = WorkingDraft(
        project=slug,
        document=Document.model_validate_json(row.document),
        revision=row.revision,
        based_on=row.based_on,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )
    return draft, row.base_sha256


def write_working_draft(
    conn: Connection,
    slug: str,
    doc: Document,
    *,
    actor: str,
    expected_revision: int | None,
    based_on: int | None = None,
    reset_base: bool = False,
    base_sha256: str | None = None,
) -> WorkingDraft:
    """Save the working draft if its revision is still ``expected_revision``.

    Args:
        conn: A connection inside `Database.transaction`.
        slug: The project.
        doc: The new text.
        actor: Who saves.
        expected_revision: The revision the caller started from; None means "whatever it is"
            (used when a version import resets the draft).
        based_on: With ``reset_base``, the version number the draft now starts from.
        reset_base: Record ``based_on``/``base_sha256`` as the draft's new base.
        base_sha256: The base version's document hash.

    Raises:
        StoreError: Someone else saved in between (the revision moved on).
    """
    pid = project_id(conn, slug)
    now = datetime.now(UTC)
    current = conn.execute(
        select(
            working_drafts.c.revision, working_drafts.c.based_on, working_drafts.c.document
        ).where(working_drafts.c.project_id == pid)
    ).first()
    have = None if current is None else int(current.revision)
    if expected_revision is not None and have != expected_revision:
        raise StoreError(
            f"项目“{slug}”的工作稿已被他人保存（当前修订号 {have}，你的修订号 {expected_revision}）："
            "请重新载入后再修改。"
        )
    values: dict[str, object] = {
        "document": document_json(doc),
        "updated_at": now,
        "updated_by": actor,
    }
    if reset_base or current is None:
        values["based_on"] = based_on
        values["base_sha256"] = base_sha256
        kept_base = based_on
    else:
        kept_base = current.based_on
    # Re-basing an unchanged text (freezing the draft) keeps the revision editors hold.
    unchanged = current is not None and current.document == values["document"]
    revision = 1 if have is None else have if unchanged else have + 1
    values["revision"] = revision
    if current is None:
        conn.execute(working_drafts.insert().values(project_id=pid, **values))
    else:
        conn.execute(
            working_drafts.update().where(working_drafts.c.project_id == pid).values(**values)
        )
    return WorkingDraft(
        project=slug,
        document=doc,
        revision=revision,
        based_on=kept_base,
        updated_at=now,
        updated_by=actor,
    )
