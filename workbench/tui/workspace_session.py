"""`Session` over an open workspace: the services the screens reach, called from workers.

Each method calls the workspace services (`workbench.workspace`) and returns plain values
(`workbench.tui.values`); nothing here touches SQL or the screens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.project import Matrix, VersionInfo, WorkingDraft
from workbench.store.amendments import StoredAmendment
from workbench.tui.checks import DraftChecks
from workbench.tui.cycle import ProjectCycle
from workbench.tui.session import Session
from workbench.tui.values import (
    CommentDetail,
    ExportRequest,
    ExportResult,
    ImportRequest,
    IngestProgress,
    ProjectCard,
    TriageFilter,
    short_station,
)
from workbench.tui.widgets.comment_list import CommentRow
from workbench.workspace.amendments import AmendmentService
from workbench.workspace.comments import CommentService, CommentView, IngestResult
from workbench.workspace.comments.coverage import Coverage
from workbench.workspace.draft_import import import_working_draft
from workbench.workspace.exports import WORKING_DRAFT, ExportFile, ExportService
from workbench.workspace.inbox import forget_dropped, waiting_files
from workbench.workspace.search import DraftFound, SearchService
from workbench.workspace.workspace import Workspace

__all__ = ["WorkspaceSession"]


_INGEST_STATUS = {"accepted": "接收", "rejected": "拒收", "duplicate": "重复"}
"""The ingest results as the dialog names them."""


def _diagnostic_lines(name: str, document: Document) -> list[str]:
    levels = {"error": "错误", "warning": "警告", "info": "提示"}
    return [
        f"解析{levels[d.severity]}：{name}"
        + (f"，第{d.line}行" if d.line is not None else "")
        + f"：{d.message}"
        for d in document.diagnostics
    ]


_UNDECIDED = "待处理"
"""How the comments service and the triage filter name a comment nobody has decided yet."""


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

    def stages(self) -> tuple[str, ...]:
        """The consultation nodes, in order."""
        return self.workspace.stages()

    def import_draft(self, request: ImportRequest) -> list[str]:
        """Import a draft as a version (a new slug creates the project) or the working draft."""
        name = request.path.name
        if not request.node:
            draft = import_working_draft(
                self.workspace, request.path, request.slug, actor=self._actor
            )
            lines = [f"已用 {name} 替换工作稿（第 {draft.revision} 次修订）。"]
            return lines + _diagnostic_lines(name, draft.document)
        result = self.workspace.import_version(
            request.path, request.slug, request.node, actor=self._actor, create=request.create
        )
        info = result.version
        if not result.created:
            return [f"{name} 已在“{request.node}”导入为第 {info.number} 版，未重复导入。"]
        lines = [f"已导入 {name}：{info.project} 第 {info.number} 版（{info.label}）。"]
        if result.open_cells:
            listed = "；".join(f"{c.node}·{c.party}（{c.status}）" for c in result.open_cells)
            lines.append(
                f"前一节点尚有 {len(result.open_cells)} 项未会商：{listed}（已记入审计日志）。"
            )
        if not result.draft_replaced:
            lines.append("工作稿有尚未定稿的修改，未被新版本覆盖。")
        document = self.workspace.document(request.slug, info.number)
        return lines + _diagnostic_lines(name, document)

    def waiting_files(self) -> list[Path]:
        """Comment files dropped into ``inbox/`` by hand."""
        return waiting_files(self.workspace.inbox_dir)

    def ingest(self, paths: Sequence[Path], on_file: Callable[[str], None]) -> list[IngestProgress]:
        """Receive the files through the comments service, reporting each file as it is read.

        The service's results are final only once their commit group is stored, so statuses
        are read from what `CommentService.ingest` returns, not from its progress calls.
        """

        def read(result: IngestResult) -> None:
            on_file(Path(result.path).name)

        results = self.comments.ingest(paths, actor=self._actor, on_file=read)
        names = {str(p): p for p in paths}
        out: list[IngestProgress] = []
        for result in results:
            dropped = names.get(result.path)
            if dropped is not None and result.sha256 and result.status != "rejected":
                forget_dropped(self.workspace.inbox_dir, dropped, result.sha256)
            problems = tuple(str(p) for p in (*result.errors, *result.warnings))
            out.append(
                IngestProgress(
                    Path(result.path).name, _INGEST_STATUS[result.status], result.rows, problems
                )
            )
        self._names = None  # the registry may have changed meanwhile: names are read again
        return out

    def export(self, slug: str, request: ExportRequest) -> ExportResult:
        """Build the export asked for and write it into ``exports/`` (atomically)."""
        service = ExportService(self.workspace)
        export: ExportFile
        if request.kind == "draft":
            export = service.draft(slug, request.version, request.fmt)
        elif request.kind == "compare":
            if request.old is None:
                raise StoreError("修改对照表需要选择原版本")
            new: int | str = request.version or WORKING_DRAFT
            export = service.compare(
                slug, request.old, new, request.fmt, include_unchanged=request.unchanged
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
        return ExportResult(service.write(export), export.notes)

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

    def coverage(self, slug: str, number: int) -> Coverage:
        """Comments by station and chapter of version ``number`` (`CommentService.coverage`)."""
        return self.comments.coverage(slug, number)

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
            source=short_station(names.get(view.station, view.station)),
            target=view.target or view.display,
            text=view.text,
            decision=view.decision or "",
            cluster=view.cluster,
        )

    def _station_names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {s.code: s.name for s in self.comments.stations()}
        return self._names
