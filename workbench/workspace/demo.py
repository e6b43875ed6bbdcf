"""The bundled demo workspace: built from tracked files the first time it is opened.

``drafts/`` ships a manifest (`MANIFEST_FILE`), the four rounds of a draft regulation and the
comment files of several stations and of the four parties. `ensure_demo` turns them into a
workspace database through the public services only (`Workspace.import_version`, the comments
service, `Workspace.set_cell`), exactly as a person would with the CLI. The build happens in a
side database that is moved into place only when everything succeeded, so a failed build leaves
no half-built workspace behind and the next open simply tries again.
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from workbench.errors import StoreError
from workbench.model import WorkbenchModel
from workbench.model.messages import first_problem
from workbench.store import sqlite_url
from workbench.store.anchor import ANCHOR_FILE
from workbench.workspace.comments import CommentService
from workbench.workspace.cycle import CycleService
from workbench.workspace.projects import ProjectService
from workbench.workspace.workspace import DATABASE_FILE, Workspace

__all__ = [
    "MANIFEST_FILE",
    "DemoComments",
    "DemoDecision",
    "DemoManifest",
    "DemoMatrixCell",
    "DemoProject",
    "DemoRecord",
    "DemoVersion",
    "build_demo",
    "bundled_demo",
    "copy_demo",
    "ensure_demo",
    "is_demo",
    "read_manifest",
]

MANIFEST_FILE = "demo.toml"
"""The demo manifest's name inside the workspace folder."""

DEMO_ACTOR = "演示数据"
"""Who the audit log says built the demo."""

_BUILDING = ".building"
"""Suffix of the side database while the demo is being built."""


class DemoProject(WorkbenchModel):
    """The project the demo holds."""

    slug: str
    """Its short name."""
    title: str
    """The regulation's title."""


class DemoVersion(WorkbenchModel):
    """One round of the draft."""

    file: str
    """The text file, relative to the workspace folder."""
    stage: str
    """The consultation node it is imported at."""
    party: str | None = None
    """Who sent the text."""
    note: str | None = None
    """Why the version exists (recorded as the import reason)."""


class DemoComments(WorkbenchModel):
    """One comment file to ingest."""

    file: str
    """The file (CSV or XLSX), relative to the workspace folder."""


class DemoMatrixCell(WorkbenchModel):
    """A 四前四方 cell set when the demo is built."""

    node: str
    """The consultation node."""
    party: str
    """The party."""
    status: str
    """Its status."""
    record: str | None = None
    """The 会商 record, if any."""


class DemoDecision(WorkbenchModel):
    """A decision recorded when the demo is built."""

    file: str
    """The comment file the comment came in, relative to the workspace folder."""
    row: int
    """Its spreadsheet row (the header is row 1)."""
    decision: str
    """采纳, 部分采纳, 未采纳 or 留作参考."""
    reason: str
    """The reason."""


class DemoRecord(WorkbenchModel):
    """A stage's meeting recorded when the demo is built (`workbench cycle record`)."""

    stage: str
    """The stage, e.g. ``一审``."""
    date: str
    """The meeting's date, ``2025-03-28``."""
    body: str
    """The meeting."""


class DemoManifest(WorkbenchModel):
    """What `MANIFEST_FILE` says."""

    project: DemoProject
    """The project."""
    versions: tuple[DemoVersion, ...]
    """The rounds, oldest first."""
    comments: tuple[DemoComments, ...] = ()
    """The comment files, in the order they are ingested."""
    matrix: tuple[DemoMatrixCell, ...] = ()
    """Matrix cells to set."""
    decisions: tuple[DemoDecision, ...] = ()
    """Decisions to record."""
    records: tuple[DemoRecord, ...] = ()
    """Meetings of the stages held so far."""


def read_manifest(folder: Path) -> DemoManifest:
    """Read and check the demo manifest of ``folder``.

    Raises:
        StoreError: The manifest is not valid TOML or misses a field (the message says which).
    """
    path = folder / MANIFEST_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return DemoManifest.model_validate(data)
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"无法读取演示清单：{exc}", file=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise StoreError(f"演示清单不是有效的 TOML：{exc}", file=str(path)) from exc
    except ValidationError as exc:
        raise StoreError(f"演示清单有误：{first_problem(exc)}", file=str(path)) from exc


def bundled_demo() -> Path:
    """The folder holding the demo's source files.

    They are shipped inside the installed package (``workbench/_demo``, see ``force-include`` in
    ``pyproject.toml``); in a git checkout they are ``drafts/``.

    Raises:
        StoreError: Neither is there (a broken installation).
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "_demo", package.parent / "drafts"):
        if (folder / MANIFEST_FILE).is_file():
            return folder
    raise StoreError(
        "找不到内置演示数据（workbench/_demo）：安装不完整，请重新安装 lifa-workbench。"
    )


def is_demo(folder: Path | str) -> bool:
    """Whether ``folder`` holds a demo manifest (`MANIFEST_FILE`)."""
    return (Path(folder) / MANIFEST_FILE).is_file()


def ensure_demo(folder: Path | str) -> bool:
    """Build the demo database in ``folder`` if it has a manifest and no usable database.

    A database with no project at all counts as unusable: that is what ``workbench init`` made
    of the demo folder before it knew about demos, and the demo would never appear otherwise.
    A database holding any project, the demo's or the user's own, is left alone.

    Returns:
        True if the demo was built now, False if there was nothing to do.

    Raises:
        StoreError: The manifest or a file it names is bad; nothing is left behind.
    """
    path = Path(folder)
    if not is_demo(path):
        return False
    if (path / DATABASE_FILE).exists() and not _has_no_project(path):
        return False
    build_demo(path)
    return True


def _has_no_project(folder: Path) -> bool:
    try:
        with Workspace.open(folder) as ws:
            return not ws.projects(archived=True)
    except StoreError:
        return False  # unreadable or newer than this program: never replaced silently


def copy_demo(target: Path | str) -> Path:
    """Copy the bundled demo's source files into ``target`` and build its database there.

    Args:
        target: A folder that does not exist yet or is empty.

    Returns:
        The folder, now a workspace holding the demo project.

    Raises:
        StoreError: ``target`` is not empty, or a file cannot be written.
    """
    source = bundled_demo()
    folder = Path(target)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError(f"{folder} 已存在且不是空目录：请换一个目录名，演示数据不会覆盖已有文件。")
    manifest = read_manifest(source)
    names = {MANIFEST_FILE, "stations.csv", "README.md"}
    names |= {v.file for v in manifest.versions} | {c.file for c in manifest.comments}
    try:
        for name in sorted(names):
            if not (source / name).is_file():
                continue
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, folder / name)
    except OSError as exc:
        raise StoreError(f"无法写入 {folder}：{exc.strerror or exc}") from exc
    build_demo(folder)
    return folder


def build_demo(folder: Path) -> None:
    """Build the workspace database of ``folder`` from its manifest (see the module docstring)."""
    manifest = read_manifest(folder)
    side = folder / (DATABASE_FILE + _BUILDING)
    anchor = folder / ANCHOR_FILE
    _remove_database(side)
    anchor.unlink(missing_ok=True)  # a failed build's anchor would not match the new log
    built = False
    try:
        ws = Workspace.init(folder, sqlite_url(side), actor=DEMO_ACTOR)
        try:
            _populate(ws, folder, manifest)
        finally:
            ws.close()
        _remove_database(folder / DATABASE_FILE)  # an empty one made by `init`, with its WAL
        side.replace(folder / DATABASE_FILE)
        built = True
    finally:
        _remove_database(side)
        if not built:
            anchor.unlink(missing_ok=True)


def _populate(ws: Workspace, folder: Path, manifest: DemoManifest) -> None:
    slug = manifest.project.slug
    ProjectService(ws).create(slug, manifest.project.title, actor=DEMO_ACTOR)
    for version in manifest.versions:
        ws.import_version(
            folder / version.file,
            slug,
            version.stage,
            title=manifest.project.title,
            party=version.party,
            reason=version.note,
            actor=DEMO_ACTOR,
        )
    _ingest_comments(ws, folder, manifest)
    cycle = CycleService(ws)
    for record in manifest.records:
        cycle.record(
            slug,
            record.stage,
            on=date.fromisoformat(record.date),
            body=record.body,
            actor=DEMO_ACTOR,
        )
    for cell in manifest.matrix:
        ws.set_cell(slug, cell.node, cell.party, cell.status, record=cell.record, actor=DEMO_ACTOR)


def _ingest_comments(ws: Workspace, folder: Path, manifest: DemoManifest) -> None:
    """Ingest the comment files, group duplicates, record the decisions."""
    service = CommentService(ws)
    slug = manifest.project.slug
    results = service.ingest([folder / c.file for c in manifest.comments], actor=DEMO_ACTOR)
    refused = [r for r in results if r.status != "accepted"]
    if refused:
        problems = "；".join(
            f"{r.path}：{'，'.join(str(e) for e in r.errors) or r.status}" for r in refused
        )
        raise StoreError(f"演示意见文件未能导入：{problems}")
    service.clusters(slug, actor=DEMO_ACTOR)
    if not manifest.decisions:
        return
    views, _ = service.comments(slug)
    by_row = {(v.file_name, v.row): v.id for v in views}
    for decision in manifest.decisions:
        key = (Path(decision.file).name, decision.row)
        if key not in by_row:
            raise StoreError(
                f"演示清单中的处理意见找不到对应的意见：{decision.file} 第{decision.row}行"
            )
        service.decide(
            kind=decision.decision,
            reason=decision.reason,
            actor=DEMO_ACTOR,
            comment_ids=[by_row[key]],
        )


def _remove_database(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        candidate.unlink(missing_ok=True)
