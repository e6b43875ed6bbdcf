"""Drafting checks over a workspace: a file or a project's version, against its law library.

Composes the pure checks of `workbench.check` with the workspace's `LibraryService`: the shelf
is read once per service and kept, so checking many texts reads each cited law once. A text's
date (which version of a cited law it means) comes from its 题注 or file name, a version's from
its 题注 or the day it was frozen, unless the caller gives one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbench.check import (
    RULES,
    CheckContext,
    CitedProvision,
    Finding,
    Library,
    Rule,
    check_document,
    text_date,
)
from workbench.errors import StoreError
from workbench.model import Document, iter_nodes
from workbench.model.project import VersionInfo
from workbench.parse import parse_file
from workbench.workspace.library import LibraryService
from workbench.workspace.workspace import Workspace

__all__ = ["CheckReport", "CheckService", "version_date"]


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The findings of one text."""

    title: str
    """The text's title."""
    source: str
    """What was checked: a file name, or ``project 第N版（label）``."""
    at: date | None
    """The date the text's citations of upper-level law were read at (None: the newest laws)."""
    findings: tuple[Finding, ...]
    """Every finding, in document order."""

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)


class CheckService:
    """Checks of one workspace (or of no workspace: then no library, every law unknown)."""

    def __init__(self, ws: Workspace | None) -> None:
        self.ws = ws
        """The workspace whose library and projects are used; None for files alone."""
        self._shelf: Library | None = None

    @property
    def shelf(self) -> Library:
        """The workspace's library (read once), or an empty one without a workspace."""
        if self._shelf is None:
            self._shelf = Library.empty() if self.ws is None else LibraryService(self.ws).shelf()
        return self._shelf

    def check_file(
        self, path: Path, *, at: date | None = None, rules: tuple[Rule, ...] = RULES
    ) -> CheckReport:
        """Check one law-text file (read, never received: checking changes nothing).

        Raises:
            ParseError: The file is not a readable law text.
        """
        doc = parse_file(path)
        when = at or text_date(doc, path.name)
        found = check_document(doc, library=self.shelf, at=when, rules=rules)
        return CheckReport(doc.title, str(path), when, tuple(found))

    def check_version(
        self,
        project: str,
        ref: str | int | None = None,
        *,
        at: date | None = None,
        rules: tuple[Rule, ...] = RULES,
    ) -> CheckReport:
        """Check a project's version (the latest by default).

        Raises:
            StoreError: No workspace, unknown project or version.
        """
        ws = self._workspace()
        info = ws.resolve_version(project, ref)
        doc = ws.document(project, info.number)
        when = at or version_date(info, doc)
        found = check_document(doc, library=self.shelf, at=when, rules=rules)
        return CheckReport(
            doc.title, f"{project} 第{info.number}版（{info.label}）", when, tuple(found)
        )

    def check_document(self, doc: Document, at: date | None) -> list[Finding]:
        """Check a tree the caller holds (the TUI's version or working draft)."""
        return check_document(doc, library=self.shelf, at=at)

    def cited_all(self, doc: Document, at: date | None) -> list[CitedProvision]:
        """Every upper-level provision a text cites, resolved against the library as of ``at``."""
        return list(CheckContext(doc, library=self.shelf, at=at).cited)

    def cited(self, doc: Document, at: date | None, uid: str) -> list[CitedProvision]:
        """The upper-level provisions that node ``uid`` (and everything in it) cites."""
        ctx = CheckContext(doc, library=self.shelf, at=at)
        if not ctx.index.has(uid):
            return []
        inside = {n.uid for n in iter_nodes([ctx.index.node(uid)])}
        return [c for c in ctx.cited if c.source in inside]

    def _workspace(self) -> Workspace:
        if self.ws is None:
            raise StoreError("没有工作区：检查项目版本需要用 --workspace 指定工作区")
        return self.ws


def version_date(info: VersionInfo, doc: Document) -> date:
    """The date of a project's version: its 题注's, else the day it was frozen."""
    return text_date(doc) or info.created_at.date()
