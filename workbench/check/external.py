"""Rules on citations of upper-level law: not in the library, no such provision, gone stale.

The resolution itself is `workbench.check.upper`; these rules turn what it found into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.check.upper import CitedProvision, CitedStatus, describe
from workbench.model import Severity

__all__ = [
    "cited_in",
    "missing_external_provision",
    "stale_external_citation",
    "unknown_instrument",
]


def _findings(
    ctx: CheckContext, rule: str, statuses: dict[CitedStatus, Severity]
) -> Iterator[Finding]:
    seen: set[tuple[str, str, str]] = set()
    for cited in ctx.cited:
        severity = statuses.get(cited.status)
        key = (cited.source, cited.law, cited.cited)
        if severity is None or key in seen:
            continue
        seen.add(key)
        message, suggestion = describe(cited)
        yield ctx.finding(rule, severity, cited.source, message, suggestion)


def unknown_instrument(ctx: CheckContext) -> Iterator[Finding]:
    """A cited law the library does not hold (or not in the version of the text's date)."""
    return _findings(
        ctx, "unknown-instrument", {"unknown-instrument": "info", "no-version": "info"}
    )


def missing_external_provision(ctx: CheckContext) -> Iterator[Finding]:
    """A cited article (款, 项) that the cited law, in the version of the text's date, lacks."""
    return _findings(ctx, "missing-external-provision", {"missing": "error"})


def stale_external_citation(ctx: CheckContext) -> Iterator[Finding]:
    """A citation by numbers the cited law has since renumbered, split, merged or deleted."""
    return _findings(ctx, "stale-external-citation", {"stale": "error", "changed": "warning"})


def cited_in(ctx: CheckContext, uids: set[str]) -> list[CitedProvision]:
    """The upper-level provisions cited from the nodes ``uids``."""
    return [c for c in ctx.cited if c.source in uids]
