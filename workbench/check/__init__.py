"""Drafting checks (立法技术规范) and citations of upper-level law against the library.

`check_document` runs every rule of `RULES` over one text and returns `Finding`s, each with its
rule id, the clause (第十条第二款), a Chinese message and a suggestion. Citations are found by
`workbench.refs`; upper-level laws come from a `Library` the workspace fills; stale citations are
judged through the article alignment of `workbench.diff`.

Imports the model, parse, refs and diff only (see the layers in `design.md`); never Textual.
"""

from workbench.check.context import CheckContext
from workbench.check.findings import SEVERITY_LABELS, WHOLE_TEXT, Finding
from workbench.check.instruments import name_key, note_date, parse_date, short_names, text_date
from workbench.check.library import Library, VersionLoader
from workbench.check.rules import RULES, Rule, check_document, rule
from workbench.check.upper import CitedProvision, CitedStatus, cited_provisions, describe

__all__ = [
    "RULES",
    "SEVERITY_LABELS",
    "WHOLE_TEXT",
    "CheckContext",
    "CitedProvision",
    "CitedStatus",
    "Finding",
    "Library",
    "Rule",
    "VersionLoader",
    "check_document",
    "cited_provisions",
    "describe",
    "name_key",
    "note_date",
    "parse_date",
    "rule",
    "short_names",
    "text_date",
]
