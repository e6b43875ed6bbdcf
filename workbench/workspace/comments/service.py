"""`CommentService`: the consultation service of one workspace, composed of its parts.

The parts share one `Catalogue` (stations, versions, citation indexes): `Intake` (templates,
receiving files), `Listing` (comments as shown in a version), `Decisions` (deciding, placing)
and `Reports` (clusters, statistics). The façade gives callers one object with the methods
they use; each method is the part's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from workbench.comments import CitationIndex, FileFormat
from workbench.model.comments import Station
from workbench.model.project import InboxFile, VersionInfo
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.coverage import Coverage, coverage
from workbench.workspace.comments.decisions import Decisions
from workbench.workspace.comments.intake import GROUP_ROWS, Intake
from workbench.workspace.comments.listing import Listing
from workbench.workspace.comments.reports import Reports
from workbench.workspace.comments.views import CommentView, IngestResult
from workbench.workspace.inbox import record_interrupted
from workbench.workspace.workspace import Workspace

__all__ = ["CommentService"]


class CommentService:
    """Comments of one open workspace: receive, list, decide, report."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = Catalogue(ws)
        """Stations, versions and citation indexes, shared by the parts."""
        self.intake = Intake(ws, self.catalogue)
        """Templates and received files."""
        self.listing = Listing(ws, self.catalogue)
        """Comments as shown in a version."""
        self.decisions = Decisions(ws, self.catalogue, self.listing)
        """Decisions and placing by hand."""
        self.reports = Reports(ws, self.catalogue, self.listing)
        """Clusters, statistics, the 四方 counts."""

    # -- catalogue --------------------------------------------------------------------------

    def stations(self) -> tuple[Station, ...]:
        """The station registry (`Catalogue.stations`)."""
        return self.catalogue.stations()

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and its citation index (`Catalogue.index`)."""
        return self.catalogue.index(project, ref)

    # -- intake -----------------------------------------------------------------------------

    def template(
        self,
        fmt: FileFormat,
        project: str,
        version: str,
        station: str,
        *,
        collector: str = "",
        rows: int = 200,
    ) -> bytes:
        """A blank comment file for a station (`Intake.template`)."""
        return self.intake.template(fmt, project, version, station, collector=collector, rows=rows)

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        actor: str,
        on_file: Callable[[IngestResult], None] | None = None,
        batch_rows: int = GROUP_ROWS,
        workers: int | None = None,
        cluster: bool = True,
    ) -> list[IngestResult]:
        """Receive, validate and store comment files (`Intake.ingest`), then update clusters.

        Unless ``cluster`` is false, the duplicate clusters of the projects that got placed
        comments are brought up to date once the files are stored (`Reports.update_clusters`: only the clauses that got
        comments are clustered again).
        """
        results = self.intake.ingest(
            paths, actor=actor, on_file=on_file, batch_rows=batch_rows, workers=workers
        )
        if cluster:
            for project in sorted({r.project for r in results if r.placed and r.project}):
                self.reports.update_clusters(project, actor=actor)
        return results

    def record_interrupted(self, *, actor: str) -> list[InboxFile]:
        """Record the copies an ingest that died left in the inbox (`record_interrupted`).

        Call it before an ingest, so the staff member hears of the files a killed or crashed
        run received but never stored.
        """
        return record_interrupted(self.ws.db, self.ws.inbox_dir, actor)

    def ingest_file(self, path: Path | str, *, actor: str) -> IngestResult:
        """Receive one file (`ingest`)."""
        return self.ingest([path], actor=actor)[0]

    # -- listing ----------------------------------------------------------------------------

    def comments(
        self,
        project: str,
        version: str | int | None = None,
        *,
        article: str | Sequence[str] | None = None,
        station: str | None = None,
        status: Sequence[str] = (),
        ids: Sequence[int] = (),
        limit: int | None = None,
    ) -> tuple[list[CommentView], int]:
        """The comments as shown in a version, and how many matched (`Listing.comments`)."""
        return self.listing.comments(
            project, version, article=article, station=station, status=status, ids=ids, limit=limit
        )

    def counts_by_target(self, project: str, version: str | int | None = None) -> dict[str, int]:
        """Comments on each node of a version (`Listing.counts_by_target`)."""
        return self.listing.counts_by_target(project, version)

    def check_article(self, project: str, version: str | int | None, article: str) -> None:
        """Refuse an article filter no version has (`Listing.check_article`)."""
        self.listing.check_article(project, version, article)

    # -- decisions --------------------------------------------------------------------------

    def decide(
        self,
        *,
        kind: str,
        reason: str,
        actor: str,
        comment_ids: Sequence[int] = (),
        cluster_id: int | None = None,
        link: str | None = None,
        link_version: str | int | None = None,
    ) -> list[int]:
        """Record a decision on comments or a cluster (`Decisions.decide`)."""
        return self.decisions.decide(
            kind=kind,
            reason=reason,
            actor=actor,
            comment_ids=comment_ids,
            cluster_id=cluster_id,
            link=link,
            link_version=link_version,
        )

    def earlier_decisions(
        self, kind: str, *, comment_ids: Sequence[int] = (), cluster_id: int | None = None
    ) -> dict[int, str]:
        """What a decision would change (`Decisions.earlier_decisions`)."""
        return self.decisions.earlier_decisions(
            kind, comment_ids=comment_ids, cluster_id=cluster_id
        )

    def place(
        self, comment_id: int, clause: str, *, actor: str, version: str | int | None = None
    ) -> CommentView:
        """Anchor a comment on a clause (`Decisions.place`)."""
        return self.decisions.place(comment_id, clause, actor=actor, version=version)

    def placement_note(self, comment_id: int, version: str | int | None = None) -> str:
        """Where a comment hangs, in words (`Decisions.placement_note`)."""
        return self.decisions.placement_note(comment_id, version)

    # -- reports ----------------------------------------------------------------------------

    def clusters(self, project: str, *, actor: str) -> list[tuple[int, str, str, tuple[int, ...]]]:
        """Find and store duplicate clusters (`Reports.clusters`)."""
        return self.reports.clusters(project, actor=actor)

    def stats(self, project: str, version: str | int | None = None) -> dict[str, dict[str, int]]:
        """Counts per article, station, decision and state (`Reports.stats`)."""
        return self.reports.stats(project, version)

    def coverage(self, project: str, version: str | int | None = None) -> Coverage:
        """Silent stations per version, uncommented articles, station × chapter counts."""
        return coverage(self.ws, self.catalogue, project, version)

    def party_counts(self, project: str) -> dict[tuple[str, str], int]:
        """The 四前四方 matrix counts (`Reports.party_counts`)."""
        return self.reports.party_counts(project)
