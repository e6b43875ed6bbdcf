"""The plain values the screens and the session exchange: what a screen asks, what it shows.

Frozen dataclasses without behaviour beyond formatting; `workbench.tui.session` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.tui.widgets.comment_list import CommentRow
from workbench.workspace.exports import (
    COMMENT_FORMATS,
    COMPARE_FORMATS,
    DRAFT_FORMATS,
    FEEDBACK_FORMATS,
)

__all__ = [
    "EXPORT_KINDS",
    "CommentDetail",
    "ExportKind",
    "ExportRequest",
    "ExportResult",
    "ImportRequest",
    "IngestProgress",
    "ProjectCard",
    "TriageFilter",
    "short_station",
]


def short_station(name: str) -> str:
    """A station's name without the kind suffix, for narrow columns."""
    for suffix in ("立法信息联络站", "基层立法联系点", "人大代表之家"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class ProjectCard:
    """A project as the project list shows it."""

    slug: str
    """Its short name."""
    title: str
    """The regulation's title."""
    versions: int
    """How many versions it has."""
    stage: str
    """The stage of its latest version and the name of that text (``一审（草案）``), or empty."""
    comments: int
    """How many comments it has received."""


@dataclass(frozen=True, slots=True)
class TriageFilter:
    """What the triage screen asks for."""

    station: str = ""
    """Only comments from this station code (empty: all)."""
    clause: str = ""
    """Only comments on this clause, as cited in the version shown (``第十一条``; empty: all)."""
    state: str = ""
    """``placed``, ``unplaced`` or ``orphaned`` (empty: all)."""
    decision: str = ""
    """A decision kind, ``待处理`` for undecided (empty: all)."""
    text: str = ""
    """Only comments whose 意见建议, 理由 or 建议修改为 hold these words (full-text search)."""


@dataclass(frozen=True, slots=True)
class CommentDetail:
    """Everything the triage screen shows about one comment."""

    row: CommentRow
    """The table row."""
    station: str
    """The station's code and name."""
    cited_as: str
    """The clause as the submitter wrote it."""
    reason: str
    """理由."""
    proposal: str
    """建议修改为."""
    submitter: str
    """Category and name of the submitter."""
    decision_reason: str
    """The reason given with the decision, if decided."""

    def lines(self) -> list[str]:
        """The comment in full, one labelled line per field (as the screens show it)."""
        d = self
        out = [
            f"{d.row.target}（原文引用：{d.cited_as or '全文'}）　来源：{d.station}　提出人：{d.submitter}",
            f"意见建议：{d.row.text}",
        ]
        if d.reason:
            out.append(f"理由：{d.reason}")
        if d.proposal:
            out.append(f"建议修改为：{d.proposal}")
        if d.row.cluster is not None:
            out.append(f"属于重复意见组 ◆{d.row.cluster}")
        if d.row.decision:
            out.append(f"处理：{d.row.decision}　{d.decision_reason}")
        return out


@dataclass(frozen=True, slots=True)
class ExportKind:
    """One kind of export the export screen offers."""

    id: str
    """``draft``, ``compare``, ``comments`` or ``feedback``."""
    title: str
    """Its Chinese name (法规草案 ...)."""
    formats: tuple[str, ...]
    """The file formats it can be written in, the default first."""
    personal: bool
    """Whether it can carry submitters' personal data (names, contacts)."""


EXPORT_KINDS: tuple[ExportKind, ...] = (
    ExportKind("draft", "法规草案", DRAFT_FORMATS, personal=False),
    ExportKind("compare", "修改对照表", COMPARE_FORMATS, personal=False),
    ExportKind("comments", "意见采纳情况表", COMMENT_FORMATS, personal=True),
    ExportKind("feedback", "联络站反馈", FEEDBACK_FORMATS, personal=True),
)
"""What the export screen offers, in its order."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One export as the export screen asks for it."""

    kind: str
    """An `ExportKind` id."""
    fmt: str
    """The file format (``docx``, ``xlsx`` ...)."""
    version: int
    """The version exported (the new side of a 修改对照表)."""
    old: int | None = None
    """The old side of a 修改对照表."""
    station: str = ""
    """The station code of a feedback."""
    personal: bool = False
    """Whether submitters' names and contacts are written unmasked."""
    unchanged: bool = False
    """Whether a 修改对照表 lists the unchanged articles too."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """An export written."""

    path: Path
    """The file written."""
    notes: tuple[str, ...] = ()
    """What the user should know about it (comments still undecided, no 落款 set ...)."""


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """A draft file to bring into a project, as the import dialogs ask for it."""

    path: Path
    """The file (DOCX, text, Markdown or Akoma Ntoso XML)."""
    slug: str
    """The project (a new slug creates it)."""
    node: str = ""
    """The consultation node it is frozen at as a version; empty: it replaces the working draft."""
    create: bool = False
    """Whether the project is new (created by this import)."""


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """One comment file received, as the ingest dialog reports it."""

    name: str
    """The file's name."""
    status: str
    """接收, 拒收 or 重复 (received before)."""
    rows: int
    """Comments added."""
    problems: tuple[str, ...] = ()
    """Why it was rejected, or what the sender should know."""
