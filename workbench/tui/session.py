"""The TUI's one gateway to the workspace: what the screens may ask and change.

Screens call a `Session`; the session calls the workspace services (`workbench.workspace`) and
returns plain values. Nothing in the TUI touches the database, SQL or the file system directly.
Methods may be slow (they read the database): screens call them from thread workers.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.project import Matrix, VersionInfo, WorkingDraft
from workbench.store.amendments import StoredAmendment
from workbench.tui.checks import DraftChecks
from workbench.tui.cycle import ProjectCycle
from workbench.tui.widgets.comment_list import CommentRow
from workbench.workspace.amendments import AmendmentService
from workbench.workspace.comments import CommentService, CommentView
from workbench.workspace.exports import (
    COMMENT_FORMATS,
    COMPARE_FORMATS,
    DRAFT_FORMATS,
    FEEDBACK_FORMATS,
    ExportFile,
    ExportService,
)
from workbench.workspace.search import DraftFound, SearchService
from workbench.workspace.workspace import Workspace

__all__ = [
    "EXPORT_KINDS",
    "CommentDetail",
    "ExportKind",
    "ExportRequest",
    "ProjectCard",
    "Session",
    "TriageFilter",
]


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


class Session(ABC):
    """What the TUI needs from a workspace."""

    checks: DraftChecks
    """The drafting checks and the law library (the draft screen's findings and 上位法)."""
    cycle: ProjectCycle
    """The legislative cycle: the stage line and the reports at each reading."""

    @property
    @abstractmethod
    def location(self) -> Path:
        """The workspace folder."""

    @property
    @abstractmethod
    def actor(self) -> str:
        """Who acts (written into the audit log)."""

    @abstractmethod
    def projects(self) -> list[ProjectCard]:
        """Every project of the workspace."""

    @abstractmethod
    def versions(self, slug: str) -> list[VersionInfo]:
        """The project's versions, oldest first."""

    @abstractmethod
    def document(self, slug: str, number: int) -> Document:
        """The frozen tree of one version."""

    @abstractmethod
    def amendments(self, slug: str, base_version: int) -> list[StoredAmendment]:
        """The amendment decisions applied to version ``base_version`` of the project."""

    @abstractmethod
    def comment_counts(self, slug: str, number: int) -> dict[str, int]:
        """Comments per target uid as seen in version ``number`` (an aggregate query)."""

    @abstractmethod
    def comments_on(
        self, slug: str, number: int, article: str | Sequence[str], limit: int
    ) -> tuple[list[CommentRow], int]:
        """The first ``limit`` comments on ``article`` of version ``number``, and the total.

        ``article`` is numbered as in that version (``第十二条``), or several are (the articles
        of a chapter); comments on their paragraphs and items are included.
        """

    @abstractmethod
    def triage(
        self, slug: str, number: int, where: TriageFilter, limit: int
    ) -> tuple[list[CommentRow], int]:
        """The first ``limit`` comments matching ``where``, and how many match in all."""

    @abstractmethod
    def search_draft(self, slug: str, numbers: Sequence[int], query: str) -> list[DraftFound]:
        """Clauses of versions ``numbers`` whose text holds ``query`` (`SearchService`)."""

    @abstractmethod
    def detail(self, slug: str, number: int, comment_id: int) -> CommentDetail:
        """One comment in full."""

    @abstractmethod
    def decide(
        self, slug: str, comment_id: int, kind: str, reason: str, *, cluster: bool
    ) -> tuple[int, dict[int, str]]:
        """Record a decision on a comment (or its whole duplicate cluster).

        Returns:
            How many were decided, and those that had another decision before (id → it).
        """

    @abstractmethod
    def place(self, slug: str, number: int, comment_id: int, citation: str) -> str:
        """Anchor an unplaced or orphaned comment to ``citation``; returns the citation placed."""

    @abstractmethod
    def stations(self) -> list[tuple[str, str]]:
        """(code, name) of every station, for the triage filter."""

    @abstractmethod
    def matrix(self, slug: str) -> Matrix:
        """The 四前四方 matrix."""

    @abstractmethod
    def matrix_counts(self, slug: str) -> dict[tuple[str, str], int]:
        """Comments per (node, party) cell."""

    @abstractmethod
    def set_cell(
        self,
        slug: str,
        node: str,
        party: str,
        status: str,
        record: str | None = None,
        *,
        expected: str | None = None,
    ) -> Matrix:
        """Change one cell's status (and its 会商 record if given); returns the new matrix.

        ``expected`` is the status the screen showed; the change is refused if it moved since.
        """

    @abstractmethod
    def working_draft(self, slug: str) -> WorkingDraft:
        """The editable draft (created from the latest version when there is none)."""

    @abstractmethod
    def save_draft(self, slug: str, document: Document, revision: int) -> WorkingDraft:
        """Save the working draft if it is still at ``revision``."""

    @abstractmethod
    def freeze(self, slug: str, stage: str) -> VersionInfo:
        """Freeze the working draft as a new version at ``stage``."""

    @abstractmethod
    def export(self, slug: str, request: ExportRequest) -> Path:
        """Write one export into the workspace's ``exports/`` folder; returns the file written."""


_UNDECIDED = "待处理"
"""How the comments service and the triage filter name a comment nobody has decided yet."""


def _short_station(name: str) -> str:
    """A station's name without the kind suffix, for narrow columns."""
    for suffix in ("立法信息联络站", "基层立法联系点", "人大代表之家"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class WorkspaceSession(Session):
    """A `Session` over an open `workbench.workspace.Workspace`."""

    def __init__(self, workspace: Workspace, actor: str) -> None:
        self.workspace = workspace
        """The open workspace."""
        self.comments = CommentService(workspace)
        """The comments service on the same workspace."""
        self._search = SearchService(workspace, self.comments.catalogue)
        self._actor = actor
        self._names: dict[str, str] | None = None
        self.checks = DraftChecks(workspace)
        self.cycle = ProjectCycle(workspace)

    @property
    def location(self) -> Path:
        """The workspace folder."""
        return self.workspace.path

    @property
    def actor(self) -> str:
        """Who acts."""
        return self._actor

    def projects(self) -> list[ProjectCard]:
        """Every project with its version count, latest stage and comment count."""
        cards: list[ProjectCard] = []
        for project in self.workspace.projects():
            versions = self.workspace.versions(project.slug)
            cards.append(
                ProjectCard(
                    slug=project.slug,
                    title=project.title,
                    versions=len(versions),
                    stage=f"{versions[-1].stage}（{versions[-1].label}）" if versions else "",
                    comments=self._comment_total(project.slug),
                )
            )
        return cards

    def versions(self, slug: str) -> list[VersionInfo]:
        """The project's versions, oldest first."""
        return self.workspace.versions(slug)

    def document(self, slug: str, number: int) -> Document:
        """One version's tree."""
        return self.workspace.document(slug, number)

    def amendments(self, slug: str, base_version: int) -> list[StoredAmendment]:
        """The decisions applied to one version (`workbench.workspace.amendments`)."""
        return AmendmentService(self.workspace).applied(slug, base_version)

    def matrix(self, slug: str) -> Matrix:
        """The 四前四方 matrix."""
        return self.workspace.matrix(slug)

    def set_cell(
        self,
        slug: str,
        node: str,
        party: str,
        status: str,
        record: str | None = None,
        *,
        expected: str | None = None,
    ) -> Matrix:
        """Change one cell's status (and record), if it is still at ``expected``."""
        self.workspace.set_cell(
            slug, node, party, status, record=record, actor=self._actor, expected=expected
        )
        return self.workspace.matrix(slug)

    def working_draft(self, slug: str) -> WorkingDraft:
        """The editable draft."""
        return self.workspace.working_draft(slug)

    def save_draft(self, slug: str, document: Document, revision: int) -> WorkingDraft:
        """Save the working draft."""
        return self.workspace.save_working_draft(slug, document, revision, actor=self._actor)

    def freeze(self, slug: str, stage: str) -> VersionInfo:
        """Freeze the working draft as a version at ``stage``."""
        return self.workspace.freeze_working_draft(slug, stage, actor=self._actor).version

    def export(self, slug: str, request: ExportRequest) -> Path:
        """Build the export asked for and write it into ``exports/`` (atomically)."""
        service = ExportService(self.workspace)
        export: ExportFile
        if request.kind == "draft":
            export = service.draft(slug, request.version, request.fmt)
        elif request.kind == "compare":
            if request.old is None:
                raise StoreError("修改对照表需要选择原版本")
            export = service.compare(
                slug, request.old, request.version, request.fmt, include_unchanged=request.unchanged
            )
        elif request.kind == "comments":
            export = service.comments(
                slug, request.version, request.fmt, include_personal_data=request.personal
            )
        elif request.kind == "feedback":
            if not request.station:
                raise StoreError("联络站反馈需要选择联络站")
            export = service.feedback(
                slug,
                request.station,
                request.fmt,
                version=request.version,
                include_personal_data=request.personal,
            )
        else:
            raise StoreError(f"不支持的导出类型“{request.kind}”")
        return service.write(export)

    # -- comments ---------------------------------------------------------------------------

    def comment_counts(self, slug: str, number: int) -> dict[str, int]:
        """Comments per target uid present in version ``number`` (an aggregate query)."""
        return self.comments.counts_by_target(slug, number)

    def comments_on(
        self, slug: str, number: int, article: str | Sequence[str], limit: int
    ) -> tuple[list[CommentRow], int]:
        """The comments on one article (or several) of version ``number``."""
        views, total = self.comments.comments(slug, number, article=article, limit=limit)
        return [self._row(v) for v in views], total

    def triage(
        self, slug: str, number: int, where: TriageFilter, limit: int
    ) -> tuple[list[CommentRow], int]:
        """The comments matching ``where`` as they show in version ``number``."""
        status = tuple(s for s in (where.state, where.decision) if s)
        ids: list[int] = []
        if where.text:
            found = self._search.search(where.text, project=slug, scope="comments", limit=5000)
            ids = [c.id for c in found.comments]
            if not ids:
                return [], 0
        views, total = self.comments.comments(
            slug,
            number,
            article=where.clause or None,
            station=where.station or None,
            status=status,
            ids=ids,
            limit=limit,
        )
        if len(status) == 2:  # the service matches any of them; the screen means both
            views = [
                v
                for v in views
                if v.state == where.state and (v.decision or _UNDECIDED) == where.decision
            ]
            total = len(views)
        return [self._row(v) for v in views], total

    def search_draft(self, slug: str, numbers: Sequence[int], query: str) -> list[DraftFound]:
        """Clauses of versions ``numbers`` whose text holds ``query``, version by version."""
        out: list[DraftFound] = []
        for number in numbers:
            found = self._search.search(
                query, project=slug, scope="draft", versions=number, limit=200
            )
            out += found.draft
        return out

    def detail(self, slug: str, number: int, comment_id: int) -> CommentDetail:
        """One comment in full, with the size of its duplicate cluster."""
        views, _ = self.comments.comments(slug, number, ids=[comment_id])
        if not views:
            raise StoreError(f"没有编号为 {comment_id} 的意见")
        view = views[0]
        who = " ".join(p for p in (view.submitter_category or "", view.submitter) if p)
        return CommentDetail(
            row=self._row(view),
            station=f"{view.station} {self._station_names().get(view.station, '')}".strip(),
            cited_as=view.cited_as,
            reason=view.reason,
            proposal=view.proposal,
            submitter=who or "（未填写）",
            decision_reason=view.decision_reason,
        )

    def decide(
        self, slug: str, comment_id: int, kind: str, reason: str, *, cluster: bool
    ) -> tuple[int, dict[int, str]]:
        """Record a decision on one comment or on its whole duplicate cluster."""
        cluster_id: int | None = None
        if cluster:
            views, _ = self.comments.comments(slug, ids=[comment_id])
            cluster_id = views[0].cluster if views else None
        ids = [] if cluster_id is not None else [comment_id]
        earlier = self.comments.earlier_decisions(kind, comment_ids=ids, cluster_id=cluster_id)
        decided = self.comments.decide(
            kind=kind,
            reason=reason,
            actor=self._actor,
            comment_ids=ids,
            cluster_id=cluster_id,
        )
        return len(decided), earlier

    def place(self, slug: str, number: int, comment_id: int, citation: str) -> str:
        """Anchor a comment to ``citation`` of version ``number``."""
        view = self.comments.place(comment_id, citation, actor=self._actor, version=number)
        return view.target or view.display

    def stations(self) -> list[tuple[str, str]]:
        """(code, name) of every station."""
        return [(s.code, s.name) for s in self.comments.stations()]

    def group_duplicates(self, slug: str) -> int:
        """Find the duplicate clusters again; how many there are."""
        return len(self.comments.clusters(slug, actor=self._actor))

    def matrix_counts(self, slug: str) -> dict[tuple[str, str], int]:
        """Comments per (node, party): the parties' own comments on the version of that node."""
        parties = {s.code: s.name for s in self.comments.stations() if s.kind == "四方"}
        stages = {i.number: i.node for i in self.workspace.versions(slug) if i.node}
        stats: Counter[tuple[str, str]] = Counter()
        for code, name in parties.items():
            views, _ = self.comments.comments(slug, station=code)
            for view in views:
                number = re.match(r"\d+", view.version)
                if number and int(number.group(0)) in stages:
                    stats[(stages[int(number.group(0))], name)] += 1
        return dict(stats)

    def _comment_total(self, slug: str) -> int:
        _, total = self.comments.comments(slug, limit=0)
        return total

    def _row(self, view: CommentView) -> CommentRow:
        names = self._station_names()
        return CommentRow(
            id=view.id,
            source=_short_station(names.get(view.station, view.station)),
            target=view.target or view.display,
            text=view.text,
            decision=view.decision or "",
            cluster=view.cluster,
        )

    def _station_names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {s.code: s.name for s in self.comments.stations()}
        return self._names
