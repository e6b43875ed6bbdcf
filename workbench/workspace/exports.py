"""Exports over a workspace: load versions, comments and decisions, call `workbench.export`.

Each method returns an `ExportFile` (a suggested file name and the bytes); `ExportService.write`
puts it into the workspace's ``exports/`` folder or at a chosen path, atomically (a temporary
file renamed into place), so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workbench.controls import document_text
from workbench.diff import align_documents
from workbench.errors import StoreError
from workbench.export import (
    AknIdentity,
    build_compare_table,
    compare_docx,
    compare_html,
    compare_xlsx,
    export_akn,
    export_draft_docx,
    export_draft_html,
)
from workbench.model import Document, find_path
from workbench.model.project import VersionInfo
from workbench.render import render_markdown, render_text
from workbench.review import compare_headings
from workbench.workspace.amendments import AmendmentService
from workbench.workspace.comment_exports import CommentExports
from workbench.workspace.comments import CommentService
from workbench.workspace.cycle import ADOPTED_STAGES, CycleService
from workbench.workspace.workspace import Workspace

__all__ = [
    "COMMENT_FORMATS",
    "COMPARE_FORMATS",
    "DRAFT_FORMATS",
    "FEEDBACK_FORMATS",
    "WORKING_DRAFT",
    "ExportFile",
    "ExportService",
    "safe_name",
    "write_problem",
]

DraftFormat = Literal["docx", "html", "txt", "md", "akn"]
CompareFormat = Literal["docx", "xlsx", "html"]
CommentFormat = Literal["xlsx", "docx"]

DRAFT_FORMATS: tuple[str, ...] = ("docx", "html", "txt", "md", "akn")
COMPARE_FORMATS: tuple[str, ...] = ("docx", "xlsx", "html")

WORKING_DRAFT = "工作稿"
"""The name that stands for the working draft (not yet frozen) as the new side of a
修改对照表 (``export compare --to 工作稿``)."""
COMMENT_FORMATS: tuple[str, ...] = ("xlsx", "docx")
FEEDBACK_FORMATS: tuple[str, ...] = ("docx", "xlsx")

_SUFFIX = {"akn": "xml"}
_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True, slots=True)
class ExportFile:
    """An export ready to be written."""

    name: str
    """The suggested file name (``jujia-yanglao-v2-草案.docx``)."""
    data: bytes
    """The file's bytes."""
    notes: tuple[str, ...] = ()
    """What the user should know about it (a report too long for one worksheet, grouped)."""


class ExportService:
    """Exports of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""
        self._comments = CommentService(ws)

    # -- the draft --------------------------------------------------------------------------

    def draft(
        self, project: str, version: str | int | None, fmt: str, *, locality: str = "cj"
    ) -> ExportFile:
        """The consolidated draft of a version.

        A text at 表决 or later carries the 题注 generated from what was recorded at 通过 and
        批准 (`CycleService.caption`), once 通过 is recorded.

        Args:
            project: The project slug.
            version: Number, stage or None for the latest.
            fmt: ``docx``, ``html``, ``txt``, ``md`` or ``akn``.
            locality: The locality code in the Akoma Ntoso FRBR URIs (``cn-<locality>``).

        Raises:
            StoreError: Unknown project, version or format.
        """
        _check(fmt, DRAFT_FORMATS)
        info = self.ws.resolve_version(project, version)
        doc = self.ws.document(project, info.number)
        if info.stage in ADOPTED_STAGES:
            caption = CycleService(self.ws).caption(project)
            if caption.text:
                doc = doc.model_copy(update={"note": caption.text})
        if fmt == "docx":
            data = export_draft_docx(doc)
        elif fmt == "html":
            data = export_draft_html(doc).encode("utf-8")
        elif fmt == "txt":
            data = document_text(render_text(doc)).encode("utf-8")
        elif fmt == "md":
            data = document_text(render_markdown(doc)).encode("utf-8")
        else:
            try:
                identity = AknIdentity(locality=locality, slug=project, date=info.created_at.date())
            except ValueError as exc:
                raise StoreError(f"无法生成 Akoma Ntoso 标识：{exc}") from exc
            data = export_akn(doc, identity)
        return ExportFile(_name(project, info, "草案", fmt), data)

    # -- 修改对照表 -----------------------------------------------------------------------------

    def compare(
        self,
        project: str,
        old_ref: str | int,
        new_ref: str | int,
        fmt: str,
        *,
        include_unchanged: bool = False,
        list_renumbered: bool = False,
    ) -> ExportFile:
        """The 修改对照表 between two versions, or a version and the working draft.

        ``new_ref`` may be `WORKING_DRAFT`: the table then shows the edits not yet frozen.
        Articles changed only by renumbering elsewhere are one closing line unless
        ``list_renumbered`` (or ``include_unchanged``) lists them apart.
        Reasons of decisions linked to a node of the new side fill that article's 修改说明.

        Raises:
            StoreError: Unknown project, version or format; no working draft.
        """
        _check(fmt, COMPARE_FORMATS)
        old_info = self.ws.resolve_version(project, old_ref)
        old = self.ws.document(project, old_info.number)
        if new_ref == WORKING_DRAFT:
            new = self.ws.working_draft(project).document
            new_info = self.ws.versions(project)[-1]  # the comments hang on the latest version
            new_name, new_tag = f"{WORKING_DRAFT}（未定稿）", WORKING_DRAFT
        else:
            new_info = self.ws.resolve_version(project, new_ref)
            new = self.ws.document(project, new_info.number)
            new_name, new_tag = new_info.label, f"v{new_info.number}"
        table = build_compare_table(
            old,
            new,
            align_documents(
                old,
                new,
                declared=AmendmentService(self.ws).declared(project, old_info.number, old, new),
            ),
            old_name=old_info.label,
            new_name=new_name,
            reasons=self._linked_reasons(project, new_info, new),
            include_unchanged=include_unchanged,
            list_consequential=list_renumbered or include_unchanged,
            headings=compare_headings(self.ws.project(project).kind, old_info, new_info),
        )
        if fmt == "docx":
            data = compare_docx(table)
        elif fmt == "xlsx":
            data = compare_xlsx(table)
        else:
            data = compare_html(table).encode("utf-8")
        name = f"{project}-v{old_info.number}-{new_tag}-修改对照表.{fmt}"
        return ExportFile(safe_name(name), data)

    def _linked_reasons(
        self, project: str, info: VersionInfo, doc: Document
    ) -> dict[str, list[str]]:
        """Decision reasons by the uid of the new article their linked node belongs to."""
        views, _ = self._comments.comments(project, info.number, status=("采纳", "部分采纳"))
        stations = {s.code: s for s in self._comments.stations()}
        out: dict[str, list[str]] = defaultdict(list)
        for view in views:
            if not view.linked_uid or view.decision not in ("采纳", "部分采纳"):
                continue
            path = find_path(doc, view.linked_uid)
            if path is None:
                continue
            article = next((n for n in path if n.kind == "article"), path[-1])
            source = stations[view.station].name if view.station in stations else view.station
            text = view.decision_reason or view.text
            line = f"{view.decision}{source}意见：{text}"
            if line not in out[article.uid]:
                out[article.uid].append(line)
        return out

    # -- 意见采纳情况表 and feedback ----------------------------------------------------------------

    def comments(
        self,
        project: str,
        version: str | int | None,
        fmt: str,
        *,
        include_personal_data: bool = False,
    ) -> ExportFile:
        """The 意见采纳情况表 of the comments as they stand in ``version`` (latest by default).

        Raises:
            StoreError: Unknown project, version or format.
        """
        _check(fmt, COMMENT_FORMATS)
        info = self.ws.resolve_version(project, version)
        data, notes = CommentExports(self.ws, self._comments).report(
            project, info.number, fmt, include_personal_data=include_personal_data
        )
        return ExportFile(_name(project, info, "意见采纳情况表", fmt), data, notes)

    def feedback(
        self,
        project: str,
        station: str,
        fmt: str,
        *,
        version: str | int | None = None,
        include_personal_data: bool = False,
    ) -> ExportFile:
        """The feedback to one station: each of its comments, the decision and the reason.

        Raises:
            StoreError: Unknown project, version, station or format.
        """
        _check(fmt, FEEDBACK_FORMATS)
        info = self.ws.resolve_version(project, version)
        data, told = CommentExports(self.ws, self._comments).feedback(
            project, info.number, station, fmt, include_personal_data=include_personal_data
        )
        return ExportFile(_name(project, info, f"{station}-意见反馈", fmt), data, told)

    # -- writing ----------------------------------------------------------------------------

    def write(self, export: ExportFile, output: Path | None = None) -> Path:
        """Write ``export`` to ``output`` or into ``exports/``; atomically.

        Raises:
            StoreError: The file cannot be written.
        """
        target = output if output is not None else self.ws.exports_dir / export.name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Not mkstemp: it makes the file private (0600), and an export is a document to
            # share, so it gets the permissions any new file gets under the user's umask.
            tmp = target.parent / f".export-{secrets.token_hex(8)}-{target.name}"
            try:
                with open(tmp, "xb") as handle:
                    handle.write(export.data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StoreError(f"无法写入导出文件 {target}：{write_problem(exc)}") from exc
        return target


_WRITE_PROBLEMS: dict[int, str] = {
    errno.ENOENT: "目标文件夹不存在或无法创建，请检查 -o 给出的路径是否写对",
    errno.EACCES: "没有写入权限，请换一个有权限的文件夹，或请管理员开放权限",
    errno.EPERM: "操作系统不允许写入该位置，请换一个文件夹",
    errno.EISDIR: "这是一个文件夹而不是文件，请在 -o 中写出完整的文件名（如 导出.docx）",
    errno.ENOTDIR: "路径中有一段不是文件夹，请检查 -o 给出的路径",
    errno.ENOSPC: "磁盘空间已满，请清理磁盘或换一个磁盘后重试",
    errno.EROFS: "该位置是只读的（如光盘或只读挂载），请换一个可写的文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长，请缩短后重试",
    errno.EDQUOT: "磁盘配额已用完，请清理文件或联系管理员",
}
"""Chinese explanations, with what to do, for the usual reasons a write fails (by errno)."""


def write_problem(exc: OSError) -> str:
    """Why writing failed, in Chinese with what to do; the system's words for rare errors."""
    if exc.errno in _WRITE_PROBLEMS:
        return _WRITE_PROBLEMS[exc.errno]
    detail = exc.strerror or str(exc)
    return f"操作系统报告错误（{detail}），请检查路径、权限和磁盘空间后重试"


def _check(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise StoreError(f"不支持的格式“{fmt}”：可选 {'、'.join(allowed)}")


def safe_name(name: str) -> str:
    """``name`` with path separators, reserved characters and spaces replaced by ``-``."""
    return _UNSAFE_NAME.sub("-", name)


def _name(project: str, info: VersionInfo, what: str, fmt: str) -> str:
    return safe_name(f"{project}-v{info.number}-{what}.{_SUFFIX.get(fmt, fmt)}")
