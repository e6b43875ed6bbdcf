"""Projects, frozen versions, the working draft, the 四前四方 matrix and the audit log, as types.

Pure pydantic types, no I/O: `workbench.store` persists them and `workbench.workspace` serves them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, JsonValue, StringConstraints, field_validator, model_validator

from workbench.controls import has_controls
from workbench.model.base import WorkbenchModel
from workbench.model.cycle import ProjectKind
from workbench.model.nodes import Document

__all__ = [
    "ACTOR_MAX_CHARS",
    "CELL_STATUSES",
    "CLOSED_STATUS",
    "DEFAULT_NODES",
    "DEFAULT_PARTIES",
    "SLUG_PATTERN",
    "AuditEntry",
    "AuditProblem",
    "AuditProblemKind",
    "AuditReport",
    "CellStatus",
    "ImportResult",
    "InboxFile",
    "Matrix",
    "MatrixCell",
    "MatrixConfig",
    "NodeHistoryEntry",
    "Project",
    "Slug",
    "VersionInfo",
    "WorkingDraft",
    "actor_problem",
    "is_valid_slug",
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
"""A project slug: lower-case ASCII letters, digits, ``-`` and ``_`` (it goes into FRBR URIs)."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A project's short name, e.g. ``jujia-yanglao``."""

DEFAULT_NODES: tuple[str, ...] = ("立项前", "初审前", "二审前", "表决前")
"""The four consultation nodes of 四前四方 (`legislative-norms.md` §6.4), in order."""

DEFAULT_PARTIES: tuple[str, ...] = ("政府起草部门", "司法行政部门", "常委会工作机构", "法检两院")
"""The four parties consulted at each node (`legislative-norms.md` §6.4)."""

CellStatus = Literal["未征求", "已征求", "已反馈", "已会商"]
"""Where a party stands at a node: not asked yet, asked, answered, consultation held."""

CELL_STATUSES: tuple[CellStatus, ...] = ("未征求", "已征求", "已反馈", "已会商")
"""Every cell status, in the order a consultation goes through them."""

CLOSED_STATUS: CellStatus = "已会商"
"""The status that closes a cell; any other status leaves the cell open."""


def is_valid_slug(slug: str) -> bool:
    """Whether ``slug`` is a valid project slug (`SLUG_PATTERN`)."""
    return re.fullmatch(SLUG_PATTERN, slug) is not None


class MatrixConfig(WorkbenchModel):
    """Which nodes and parties a workspace's 四前四方 matrix has (configurable per workspace)."""

    nodes: tuple[str, ...] = DEFAULT_NODES
    """The consultation nodes in order; each is attached to a stage of the cycle
    (`workbench.model.cycle.StageSpec.node`), and ``import --stage`` accepts them."""
    parties: tuple[str, ...] = DEFAULT_PARTIES
    """The parties consulted at every node."""

    @field_validator("nodes", "parties")
    @classmethod
    def _check_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("至少要有一项")
        cleaned = tuple(v.strip() for v in value)
        if any(not v for v in cleaned):
            raise ValueError("名称不能为空")
        if len(set(cleaned)) != len(cleaned):
            raise ValueError(f"名称不能重复：{'、'.join(cleaned)}")
        return cleaned


class Project(WorkbenchModel):
    """A legislative project (立法项目): one regulation carried through the legislative cycle."""

    slug: Slug
    """Short ASCII name used on the command line and in URIs, e.g. ``jujia-yanglao``."""
    title: str
    """The regulation's title, e.g. ``昌吉回族自治州居家养老服务条例``."""
    kind: ProjectKind = "制定"
    """制定 (a new regulation), 修订 (a whole revision), 修正 (by 修改决定) or 废止."""
    readings: int = Field(default=2, ge=1, le=3)
    """How many readings (审议) the project's path has: 2 as a rule, 1 on the one-reading path
    (小快灵, `legislative-norms.md` §6.6), 3 for a major or contested bill."""
    created_at: datetime
    """When the project was created (UTC)."""
    created_by: str
    """Who created it."""
    archived_at: datetime | None = None
    """When it was archived (UTC); None while it is in use. Archived projects are kept whole,
    listed on request and refuse new versions until restored."""
    archived_by: str | None = None
    """Who archived it."""

    @property
    def archived(self) -> bool:
        """Whether the project is archived."""
        return self.archived_at is not None


class VersionInfo(WorkbenchModel):
    """A frozen version of a project's draft, without its tree (`Workspace.document` loads that)."""

    project: Slug
    """The project's slug."""
    number: int
    """1, 2, 3 ... in the order versions were added to the project; addresses the version."""
    stage: str
    """The stage of the cycle it was frozen at (``一审``), or ``现行`` for the text in force."""
    node: str | None = None
    """The 四前四方 node it was frozen at (``初审前``), when its stage has one."""
    name: str
    """What the text is called in practice: ``征求意见稿``, ``草案``, ``修订草案``, ``草案修改稿``,
    ``表决稿``, ``公布文本``, ``现行文本``."""
    label: str
    """The display name: ``name``, or ``草案修改稿第2稿`` when a stage has several versions."""
    title: str
    """The draft's title as the document carries it."""
    party: str | None = None
    """Who sent the text (e.g. ``政府起草部门``), when known."""
    reason: str | None = None
    """Why the version was added (free text given with the import)."""
    created_at: datetime
    """When the version was frozen (UTC)."""
    created_by: str
    """Who froze or imported it."""
    sha256: str
    """sha256 of the version's canonical Document JSON."""
    source_sha256: str | None = None
    """sha256 of the imported file (kept in ``inbox/``); none for a frozen working draft."""
    source_name: str | None = None
    """The imported file's original name."""


class WorkingDraft(WorkbenchModel):
    """The project's editable draft, saved with a revision counter for optimistic concurrency."""

    project: Slug
    """The project's slug."""
    document: Document
    """The current text."""
    revision: int
    """Incremented on every save; a save must name the revision it started from."""
    based_on: int | None = None
    """The number of the version the draft was last reset to, if any."""
    updated_at: datetime
    """When it was last saved (UTC)."""
    updated_by: str
    """Who saved it last."""


class MatrixCell(WorkbenchModel):
    """One cell of the 四前四方 matrix: a party at a node."""

    node: str
    """The consultation node, e.g. ``初审前``."""
    party: str
    """The party, e.g. ``司法行政部门``."""
    status: CellStatus = "未征求"
    """Where the consultation stands."""
    record: str = ""
    """The 会商 record (minutes of the consultation), free text."""
    updated_by: str | None = None
    """Who changed the cell last; none if it was never changed."""
    updated_at: datetime | None = None
    """When it was changed last (UTC)."""

    @property
    def is_open(self) -> bool:
        """Whether the cell still needs work (anything but 已会商)."""
        return self.status != CLOSED_STATUS


class Matrix(WorkbenchModel):
    """The whole 四前四方 matrix of a project: every node × every party."""

    project: Slug
    """The project's slug."""
    config: MatrixConfig
    """The nodes and parties, in display order."""
    cells: tuple[MatrixCell, ...]
    """One cell per (node, party), nodes in order, parties in order within a node."""

    @model_validator(mode="after")
    def _check_cells(self) -> Matrix:
        expected = [(n, p) for n in self.config.nodes for p in self.config.parties]
        got = [(c.node, c.party) for c in self.cells]
        if got != expected:
            raise ValueError("矩阵单元格与节点、征求对象的配置不一致")
        return self

    def cell(self, node: str, party: str) -> MatrixCell:
        """The cell of ``party`` at ``node``.

        Raises:
            KeyError: The matrix has no such node or party.
        """
        for c in self.cells:
            if c.node == node and c.party == party:
                return c
        raise KeyError((node, party))

    def row(self, node: str) -> tuple[MatrixCell, ...]:
        """The cells of one node, parties in order."""
        return tuple(c for c in self.cells if c.node == node)


ACTOR_MAX_CHARS = 64
"""The longest name of who acts (``--user``)."""


def actor_problem(name: str) -> str | None:
    """Why ``name`` cannot stand for who acts in the audit log (Chinese), or None if it can.

    A name is one line of visible text: a line break would forge a line of ``audit`` output,
    a control sequence would drive the terminal of whoever reads the log.
    """
    if not name.strip():
        return "不能为空"
    if "\n" in name or "\t" in name or has_controls(name) or name != name.strip():
        return "只能是一行可见文字，不能含换行、控制字符或首尾空白"
    if len(name) > ACTOR_MAX_CHARS:
        return f"过长（{len(name)} 字，上限 {ACTOR_MAX_CHARS} 字）"
    return None


class AuditEntry(WorkbenchModel):
    """One line of the append-only audit log."""

    seq: int
    """Position in the log, from 1."""
    at: datetime
    """When it happened (UTC)."""
    actor: str
    """Who did it."""
    action: str
    """What was done, a stable code such as ``import_version`` or ``set_cell``."""
    project: str | None = None
    """The project it concerns, if any."""
    payload: dict[str, JsonValue]
    """The details, as JSON."""
    prev_hash: str
    """The previous entry's hash (64 zeros for the first)."""
    hash: str
    """sha256 of ``prev_hash`` and this entry's canonical JSON; chains the log."""


AuditProblemKind = Literal[
    "chain", "anchor", "code", "version", "draft", "decision", "matrix", "project"
]
"""What a verification problem concerns: the chain itself, its anchor, a recorded code, or a
piece of the recorded state (version, working draft, decision, matrix, project) the log does
not account for."""


class AuditProblem(WorkbenchModel):
    """One thing `audit --verify` found wrong, named so a person can look into it."""

    kind: AuditProblemKind
    """What it concerns."""
    seq: int | None = None
    """The audit entry concerned, if one is."""
    subject: str = ""
    """The thing concerned, as people name it (``jy 第2版``, ``意见 15``, ``初审前·司法行政部门``)."""
    message: str
    """What is wrong, in Chinese."""


class AuditReport(WorkbenchModel):
    """The result of checking the audit chain, its anchor and the state it accounts for."""

    ok: bool
    """Whether every entry's hash is right, the chain is unbroken, it matches its anchor and
    every recorded code, and the stored versions, drafts, decisions and matrix match it."""
    entries: int
    """How many entries were checked."""
    first_bad_seq: int | None = None
    """The first entry that does not verify, if any."""
    message: str
    """A Chinese summary for people."""
    head_code: str | None = None
    """The short code of the newest entry (``152-3F7A-91C2-0B4D-E6A8``), to record on paper."""
    anchor_code: str | None = None
    """The code the workspace's anchor file holds."""
    problems: tuple[AuditProblem, ...] = ()
    """Everything found wrong, chain first."""
    notes: tuple[str, ...] = ()
    """Things worth knowing that are not tampering (an anchor rebuilt, an anchor behind)."""


class InboxFile(WorkbenchModel):
    """A file received into the workspace's ``inbox/``, kept byte for byte under its sha256."""

    sha256: str
    """sha256 of the file's bytes; also its name in ``inbox/``."""
    original_name: str
    """The name it had when it was first received."""
    size: int
    """Its size in bytes."""
    kind: str
    """Its kind from the name: ``docx``, ``txt``, ``md``, ``xml``, ``json``, ``xlsx``, ``csv`` ..."""
    received_at: datetime
    """When it was first received (UTC)."""
    received_by: str
    """Who received it."""


class NodeHistoryEntry(WorkbenchModel):
    """How one node (by uid) stood in one version, for timelines across the nodes."""

    uid: str
    """The node's permanent uid."""
    version: int
    """The version's number."""
    stage: str
    """The version's stage (``一审``)."""
    node: str | None = None
    """The version's 四前四方 node (``初审前``), if it has one."""
    version_label: str = ""
    """The version's label (``草案``, ``草案修改稿``)."""
    kind: str
    """The node's kind (``article``, ``paragraph`` ...)."""
    eid: str
    """Its eid in that version."""
    label: str
    """Its citation in that version, e.g. ``第十五条第二款``, or a chapter's number or heading."""
    text_sha256: str
    """sha256 of its full text (own and descendants') in that version; equal hashes, same text."""


class ImportResult(WorkbenchModel):
    """What `Workspace.import_version` did."""

    version: VersionInfo
    """The version the file now is (new, or the one it was already imported as)."""
    created: bool
    """False when the same file had already been imported at that stage (nothing changed)."""
    open_cells: tuple[MatrixCell, ...] = ()
    """Cells of earlier nodes still open when a later node's version came in (warned, logged)."""
    draft_replaced: bool = False
    """Whether the working draft was reset to the new version (it is kept when it has edits)."""
    earlier_stage_than: tuple[VersionInfo, ...] = ()
    """Versions already there at a later stage than this one: it became the latest all the
    same, which is usually a wrong ``--stage`` (warned, logged)."""
