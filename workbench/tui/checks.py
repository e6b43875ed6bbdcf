"""The draft screen's gateway to the drafting checks and the law library.

Part of the TUI's session (`Session.checks`): the screen asks it for a version's findings and
for the upper-level provisions an article cites, and gets plain values back. It reads the
workspace through `workbench.workspace.checks`; nothing here touches the database directly.
Methods may be slow (the first check reads the cited laws): call them from thread workers.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.check import CitedProvision, Finding, describe
from workbench.model.library import date_label
from workbench.workspace.checks import CheckService, version_date
from workbench.workspace.workspace import Workspace

__all__ = ["DraftChecks", "cited_lines"]


class DraftChecks:
    """The checks of one open workspace, as the draft screen uses them."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        """The open workspace."""
        self._service: CheckService | None = None

    def findings(self, slug: str, number: int) -> list[Finding]:
        """A version's findings, its upper-level citations read as of its date.

        The library is read afresh for every version, so laws added meanwhile count.
        """
        self._service = CheckService(self.workspace)
        return list(self._service.check_version(slug, number).findings)

    def cited(self, slug: str, number: int, uid: str) -> list[CitedProvision]:
        """The upper-level provisions node ``uid`` of a version (and what is in it) cites."""
        if self._service is None:
            self._service = CheckService(self.workspace)
        info = self.workspace.resolve_version(slug, number)
        doc = self.workspace.document(slug, number)
        return self._service.cited(doc, version_date(info, doc), uid)


def cited_lines(cited: Sequence[CitedProvision]) -> list[str]:
    """What the draft screen shows of the upper-level provisions an article cites."""
    if not cited:
        return ["所选条文没有引用上位法的具体条款。"]
    out: list[str] = []
    for c in cited:
        if out:
            out.append("")
        if c.version is None or c.uid is None:
            out.append(f"《{c.law}》{c.cited}（本条引用：“{c.written}”）")
            out.append(describe(c)[0])
            continue
        out.append(f"《{c.law}》{c.cited}（{date_label(c.version.date)}版，本条引用时施行）")
        out.append(c.text)
        if c.latest is not None and c.status in ("stale", "changed"):
            message, suggestion = describe(c)
            out.append(f"⚠ {message}。建议：{suggestion}")
            if c.new_labels:
                out.append(f"现行{'、'.join(c.new_labels)}（{date_label(c.latest.date)}版）：")
                out.append(c.new_text)
    return out
