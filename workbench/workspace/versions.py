"""Versions for the workspace: reading files into trees, addressing versions, freezing them.

A version is addressed by its number (``3`` or ``v3``), by the name of its text, its stage or
its 四前四方 node (the latest such version: ``草案修改稿``, ``二审``, ``二审前``), by its label
(``草案第2稿``), or as ``latest``/``最新``. `add_version` is the one write path for
imports and freezes.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

from pydantic import JsonValue
from sqlalchemy import Connection, insert, select

from workbench.diff import merged_into
from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.cycle import CURRENT_STAGE, CycleConfig, ProjectKind
from workbench.model.project import ImportResult, MatrixConfig, VersionInfo, WorkingDraft
from workbench.parse import parse_file
from workbench.review import open_cells_at
from workbench.review.cycle import (
    CycleError,
    StageChoice,
    nodes_passed,
    resolve_stage,
    stage_rank,
)
from workbench.store import append_audit
from workbench.store import comment_tables as comment_rows
from workbench.store import cycle as cycle_rows
from workbench.store import matrix as matrix_rows
from workbench.store import projects as rows
from workbench.store.schema import projects, versions
from workbench.workspace.projects import create_project, require_open_project
from workbench.workspace.uids import carry_uids

__all__ = [
    "LATEST_REFS",
    "PAUSE_HOOK_ENV",
    "add_version",
    "choose_stage",
    "earlier_stage_than",
    "find_node",
    "parse_source",
    "pick_version",
    "save_draft",
]

PAUSE_HOOK_ENV = "WORKBENCH_TEST_PAUSE_IMPORT"
"""Test hook: if set to a path, an import writes that file and sleeps inside its transaction
(so a test can kill the process there). Never set it outside tests."""

LATEST_REFS = frozenset({"latest", "最新", "最新版"})
"""Words that address a project's latest version."""

_NUMBER = re.compile(r"^[vV第]?(\d+)版?$")


def pick_version(slug: str, infos: Sequence[VersionInfo], ref: str | int | None) -> VersionInfo:
    """The version ``ref`` addresses among ``infos`` (ascending by number).

    Raises:
        StoreError: No such version; the message lists the valid references.
    """
    if not infos:
        raise StoreError(f"项目“{slug}”还没有任何版本：请先用 workbench import 导入草案。")
    if ref is None:
        return infos[-1]
    text = str(ref).strip()
    if text in LATEST_REFS:
        return infos[-1]
    m = _NUMBER.match(text)
    if m:
        wanted = int(m.group(1))
        for info in infos:
            if info.number == wanted:
                return info
    else:
        for matches in (
            lambda i: text in (i.name, i.stage, i.node),
            lambda i: i.label == text,
        ):
            found = [i for i in infos if matches(i)]
            if found:
                return found[-1]
    listed = "、".join(f"{i.number}（{i.label}）" for i in infos)
    names = [n for i in infos for n in (i.name, i.stage, i.node) if n]
    raise StoreError(
        f"项目“{slug}”没有版本“{text}”。可用的版本号：{listed}；"
        f"也可以用稿名、阶段或节点名称（取最新一版）：{'、'.join(dict.fromkeys(names))}；"
        "或 latest。"
    )


def find_node(conn: Connection, project: str, clause: str, ref: str | int | None) -> str:
    """The uid of ``clause`` in version ``ref`` (the latest when None).

    ``clause`` is a uid, or a citation as that version numbers it (``第十五条``,
    ``第十五条第二款``, ``第二章``).

    Raises:
        StoreError: No node of that version has that uid or citation.
    """
    info = pick_version(project, rows.list_versions(conn, project), ref)
    if rows.history_of(conn, project, clause):
        return clause
    found = rows.uids_labelled(conn, project, info.number, clause.strip())
    if not found:
        raise StoreError(
            f"项目“{project}”第 {info.number} 版（{info.label}）中没有“{clause}”："
            "请写成该版中的条款序号，例如 第十五条 或 第十五条第二款。"
        )
    return found[0]


def parse_source(path: Path) -> Document:
    """Read a received file into a tree.

    A ``.json`` file is a workbench Document as ``workbench show --format json`` prints it;
    anything else goes to `workbench.parse.parse_file`.

    Raises:
        ParseError: The file cannot be read as a regulation.
    """
    return parse_file(path)


def choose_stage(conn: Connection, project: str, stage: str) -> StageChoice:
    """Read ``stage`` (a stage, node or text name) for ``project``, inside a transaction.

    A project not created yet is taken as a new regulation, unless ``stage`` is the text in
    force (现行), which only a revision, an amendment or a repeal starts from.

    Raises:
        StoreError: Unknown stage (the message lists the valid ones), or 现行文本 given to a
            project that makes a new regulation.
    """
    current = rows.get_project(conn, project)
    kind = current.kind if current is not None else "制定"
    try:
        choice = resolve_stage(
            cycle_rows.load_cycle_config(conn), matrix_rows.load_matrix_config(conn), kind, stage
        )
    except CycleError as exc:
        raise StoreError(exc.message) from exc
    if choice.stage == CURRENT_STAGE and current is not None and current.kind == "制定":
        raise StoreError(
            f"项目“{project}”是制定项目，没有现行文本：修订、修正或废止项目才从现行文本开始"
            "（新建项目时用 --kind 修订 等指明类型）。"
        )
    return choice


def add_version(
    conn: Connection,
    doc: Document,
    project: str,
    stage: str,
    *,
    actor: str,
    title: str | None = None,
    party: str | None = None,
    reason: str | None = None,
    source_sha256: str | None = None,
    source_name: str | None = None,
    carry: bool = True,
    create: bool = False,
) -> ImportResult:
    """Freeze ``doc`` as the project's next version, inside the caller's write transaction.

    ``stage`` is read by `choose_stage` (``初审前``, ``一审`` and ``草案`` all put the text at
    一审, named 草案 or 修订草案 by the project's kind). Creates the project if new and
    ``create`` is set (titled ``title`` or the document's title; a revision when its first
    text is the 现行文本), refuses an unknown project otherwise and an archived one always,
    and renames the project when ``title`` differs; returns the existing version if
    ``source_sha256`` was already imported at that stage; carries uids from the latest version
    when ``carry``; lists the open matrix cells the move passes; resets an unedited working
    draft to the new version; and writes the audit entry. The test hook (`PAUSE_HOOK_ENV`)
    fires last, before the commit.
    """
    created_project = False
    current = require_open_project(conn, project, create=create)
    choice = choose_stage(conn, project, stage)
    if current is None:
        kind: ProjectKind = "修订" if choice.stage == CURRENT_STAGE else "制定"
        create_project(conn, project, title or doc.title, actor=actor, kind=kind)
        created_project = True
    elif title and title != current.title:
        rows.update_project_title(conn, project, title)
        append_audit(
            conn,
            actor=actor,
            action="rename_project",
            project=project,
            payload={"old": current.title, "new": title},
        )
    if source_sha256 is not None:
        existing = rows.find_version_by_source(conn, project, choice.stage, source_sha256)
        if existing is not None:
            return ImportResult(version=existing, created=False)
    previous = rows.list_versions(conn, project)
    latest = previous[-1] if previous else None
    old = rows.load_document(conn, project, latest.number) if latest is not None else None
    if carry and old is not None:
        doc = carry_uids(old, doc)
    matrix = matrix_rows.load_matrix(conn, project)
    cycle = cycle_rows.load_cycle_config(conn)
    passed = nodes_passed(cycle, matrix.config, latest, choice.stage)
    open_cells = open_cells_at(matrix, passed)
    info = rows.insert_version(
        conn,
        project,
        doc,
        stage=choice.stage,
        node=choice.node,
        name=choice.name,
        actor=actor,
        party=party,
        reason=reason,
        source_sha256=source_sha256,
        source_name=source_name,
    )
    if carry and old is not None:
        _record_merges(conn, project, info.number, old, doc)
    replaced = _reset_draft_if_clean(conn, project, doc, info, actor)
    later = earlier_stage_than(previous, cycle, matrix.config, info)
    append_audit(
        conn,
        actor=actor,
        action="import_version" if source_sha256 is not None else "freeze_version",
        project=project,
        payload={
            "number": info.number,
            "stage": info.stage,
            "node": info.node,
            "name": info.name,
            "label": info.label,
            "sha256": info.sha256,
            "source_sha256": source_sha256,
            "source_name": source_name,
            "party": party,
            "reason": reason,
            "previous": latest.number if latest else None,
            "project_created": created_project,
            "draft_replaced": replaced,
            "open_cells": [
                {"node": c.node, "party": c.party, "status": c.status} for c in open_cells
            ],
            "earlier_stage_than": [
                {"number": v.number, "stage": v.stage, "node": v.node} for v in later
            ],
        },
    )
    _pause_hook()
    return ImportResult(
        version=info,
        created=True,
        open_cells=open_cells,
        draft_replaced=replaced,
        earlier_stage_than=later,
    )


def _record_merges(
    conn: Connection, project: str, number: int, old: Document, new: Document
) -> None:
    """Store `merged_into` for the version just inserted (comments follow merged articles)."""
    found = merged_into(old, new)
    if not found:
        return
    pid, vid = conn.execute(
        select(projects.c.id, versions.c.id)
        .join(versions, versions.c.project_id == projects.c.id)
        .where(projects.c.slug == project, versions.c.number == number)
    ).one()
    t = comment_rows.merged_uids
    known = set(conn.execute(select(t.c.old_uid).where(t.c.project_id == pid)).scalars())
    fresh = [
        {"project_id": pid, "old_uid": o, "new_uid": n, "version_id": vid}
        for o, n in sorted(found.items())
        if o not in known
    ]
    if fresh:
        conn.execute(insert(t), fresh)


def earlier_stage_than(
    infos: Sequence[VersionInfo], cycle: CycleConfig, matrix: MatrixConfig, info: VersionInfo
) -> tuple[VersionInfo, ...]:
    """The versions before ``info`` frozen at a stage later in the cycle than ``info``'s.

    Non-empty when an earlier stage's draft was imported after a later one's: it then became
    the latest version all the same, which is usually a wrong ``--stage``.
    """
    own = stage_rank(cycle, matrix, info.stage)
    if own is None:
        return ()
    return tuple(
        v
        for v in infos
        if v.number < info.number and (stage_rank(cycle, matrix, v.stage) or -2.0) > own
    )


def _reset_draft_if_clean(
    conn: Connection, project: str, doc: Document, info: VersionInfo, actor: str
) -> bool:
    loaded = rows.load_working_draft(conn, project)
    if loaded is not None:
        draft, base_sha = loaded
        draft_sha = rows.document_sha256(draft.document)
        if draft_sha not in (base_sha, info.sha256):
            return False  # The draft has edits since its base: keep them.
    rows.write_working_draft(
        conn,
        project,
        doc,
        actor=actor,
        expected_revision=None,
        based_on=info.number,
        reset_base=True,
        base_sha256=info.sha256,
    )
    return True


def _pause_hook() -> None:
    """Test hook (see `PAUSE_HOOK_ENV`): announce, then hang inside the open transaction."""
    marker = os.environ.get(PAUSE_HOOK_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(120)


def save_draft(
    conn: Connection,
    project: str,
    doc: Document,
    expected_revision: int,
    *,
    actor: str,
    source: tuple[str, str] | None = None,
) -> WorkingDraft:
    """Save the working draft if its revision is still ``expected_revision``, and audit it.

    ``source`` (sha256, file name) names the received file the draft was read from, when it
    replaces the draft with an imported text.

    Raises:
        StoreError: The draft moved on (someone else saved): reload and redo.
    """
    saved = rows.write_working_draft(
        conn, project, doc, actor=actor, expected_revision=expected_revision
    )
    payload: dict[str, JsonValue] = {
        "revision": saved.revision,
        "sha256": rows.document_sha256(doc),
    }
    if source is not None:
        payload["source_sha256"], payload["source_name"] = source
    append_audit(conn, actor=actor, action="save_draft", project=project, payload=payload)
    return saved
