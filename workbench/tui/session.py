"""The TUI's one gateway to the workspace: what the screens may ask and change.

Screens call a `Session`; the session calls the workspace services (`workbench.workspace`) and
returns plain values. Nothing in the TUI touches the database, SQL or the file system directly.
Methods may be slow (they read the database): screens call them from thread workers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.model import Document
from workbench.model.project import Matrix, VersionInfo, WorkingDraft
from workbench.store.amendments import StoredAmendment
from workbench.tui.checks import DraftChecks
from workbench.tui.cycle import ProjectCycle
from workbench.tui.values import (
    CommentDetail,
    ExportRequest,
    ExportResult,
    ImportRequest,
    IngestProgress,
    ProjectCard,
    TriageFilter,
)
from workbench.tui.widgets.comment_list import CommentRow
from workbench.workspace.comments.coverage import Coverage
from workbench.workspace.search import DraftFound

__all__ = ["Session"]


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
    def coverage(self, slug: str, number: int) -> Coverage:
        """Comments by station and chapter of version ``number``, silent stations, gaps."""

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
    def stages(self) -> tuple[str, ...]:
        """The consultation nodes a version can be frozen at, in order."""

    @abstractmethod
    def import_draft(self, request: ImportRequest) -> list[str]:
        """Import a draft as a version (creating the project if new) or as the working draft.

        Returns:
            What to tell the person, first line the result, then warnings (parse diagnostics,
            open matrix cells), in Chinese.
        """

    @abstractmethod
    def waiting_files(self) -> list[Path]:
        """Comment files put into the workspace's ``inbox/`` by hand, not received yet."""

    @abstractmethod
    def ingest(self, paths: Sequence[Path], on_file: Callable[[str], None]) -> list[IngestProgress]:
        """Receive comment files (each whole or not at all); ``on_file(name)`` as each is read.

        Returns what happened to each file, in order, once every file is stored or refused. A
        hand-dropped file of ``inbox/`` is removed once received (its kept copy stays).
        """

    @abstractmethod
    def export(self, slug: str, request: ExportRequest) -> ExportResult:
        """Write one export into the workspace's ``exports/`` folder; the file and notes."""
