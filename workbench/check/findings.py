"""A finding of a drafting check: which rule, where in the text, what is wrong, what to do.

Pure types. ``where`` is the clause as people cite it (``第十条第二款``), ``全文`` for the text
as a whole; ``uid`` ties the finding to the node so the TUI can mark it.
"""

from __future__ import annotations

from typing import Any

from workbench.model import Severity, WorkbenchModel
from workbench.model.ids import Uid

__all__ = ["SEVERITY_LABELS", "WHOLE_TEXT", "Finding"]

WHOLE_TEXT = "全文"
"""The ``where`` of a finding about the text as a whole."""

SEVERITY_LABELS: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}
"""The Chinese name of each severity."""


class Finding(WorkbenchModel):
    """One problem a check found in a text."""

    rule: str
    """The id of the rule that found it, e.g. ``stale-external-citation``."""
    severity: Severity
    """``error`` (must be fixed; ``check --strict`` fails), ``warning`` or ``info``."""
    where: str
    """The clause, as cited in the text checked (``第十条第二款``), or ``全文``."""
    message: str
    """What is wrong, in Chinese."""
    suggestion: str | None = None
    """What to write or do instead, in Chinese, when there is something to suggest."""
    uid: Uid | None = None
    """The node the finding concerns; None for the text as a whole."""

    def as_json(self) -> dict[str, Any]:
        """The finding as ``check --format json`` prints it (the fields of the CLI contract)."""
        return {
            "rule": self.rule,
            "where": self.where,
            "message": self.message,
            "suggestion": self.suggestion,
        }
