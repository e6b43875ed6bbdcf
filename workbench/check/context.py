"""What every rule gets: the text, its citation index and references, the library, the date.

A `CheckContext` is built once per text; the references (every citation in the text, classified
and resolved by `workbench.refs`) and the upper-level provisions they cite are computed on
first use and shared by the rules that need them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property

from workbench.check.findings import WHOLE_TEXT, Finding
from workbench.check.library import Library
from workbench.check.upper import CitedProvision, cited_provisions
from workbench.model import Document, Severity
from workbench.refs import (
    CitationStyle,
    DocIndex,
    ReferenceReport,
    find_references,
    format_citation,
    is_amending_title,
)
from workbench.refs.parts import PART_NAME

__all__ = ["CheckContext"]

_PART_LINE = re.compile(PART_NAME)


class CheckContext:
    """One text under check, with everything the rules share."""

    def __init__(
        self,
        doc: Document,
        *,
        library: Library | None = None,
        at: date | None = None,
        style: CitationStyle | None = None,
    ) -> None:
        self.doc = doc
        """The text checked."""
        self.index = DocIndex(doc)
        """Its citation index."""
        self.library = library or Library.empty()
        """The upper-level laws the text may cite."""
        self.at = at
        """The text's date: external citations mean the version in force then (None: the newest)."""
        self.style = style or CitationStyle()
        """House style for writing citations in messages and suggestions."""

    @cached_property
    def is_part(self) -> bool:
        """Whether the text is one part of a larger instrument in a file of its own.

        A 编 of the 民法典: it starts after 第一条 (合同编 at 第四百六十三条), or its one line
        before the articles names the part (``总则``).
        """
        if self.doc.first_article > 1:
            return True
        lines = [line.strip() for line in self.doc.preamble if line.strip()]
        return len(lines) == 1 and _PART_LINE.fullmatch(lines[0]) is not None

    @cached_property
    def is_amending(self) -> bool:
        """Whether the text is a 修改决定 or a 修正案.

        Its headings and the 条 under them are quoted from the instrument it amends (增加一节，
        作为第七节……), not its own.
        """
        return is_amending_title(self.doc.title)

    @cached_property
    def references(self) -> ReferenceReport:
        """Every citation of the text: internal, external and dangling."""
        return find_references(self.index)

    @cached_property
    def cited(self) -> tuple[CitedProvision, ...]:
        """Every provision of upper-level law the text cites, resolved against the library."""
        return cited_provisions(self.references.external, self.library, self.at, self.style)

    def where(self, uid: str | None) -> str:
        """The clause ``uid`` as cited in this text (``第十条第二款``), ``全文`` for None."""
        if uid is None:
            return WHOLE_TEXT
        return format_citation(self.index, uid, self.style) or WHOLE_TEXT

    def finding(
        self,
        rule: str,
        severity: Severity,
        uid: str | None,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding of ``rule`` on the node ``uid`` (None: the whole text)."""
        return Finding(
            rule=rule,
            severity=severity,
            where=self.where(uid),
            message=message,
            suggestion=suggestion,
            uid=uid,
        )
