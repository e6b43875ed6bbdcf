"""``workbench refs FILE --library``: external citations resolved against the law library.

Adds to the ``refs`` listing what each citation of upper-level law points at in the workspace's
library: the provision's text in the version in force at the text's date, and, when the law was
revised since, where the provision went (the new number, split, deleted) and its text now.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.cli.context import CliContext

if TYPE_CHECKING:
    from workbench.check import CitedProvision
    from workbench.model import Document
    from workbench.refs import CitationStyle, DocIndex

__all__ = ["attach_upper", "upper_text"]

_STATUS = {
    "current": "有效",
    "unknown-instrument": "库中没有",
    "no-version": "库中无当时版本",
    "missing": "条款不存在",
    "stale": "已过时",
    "changed": "内容已改",
}


def attach_upper(
    cli: CliContext,
    doc: Document,
    file: Path,
    index: DocIndex,
    data: dict[str, Any],
    when: date | None,
    style: CitationStyle,
) -> date | None:
    """Give each external row of ``data`` an ``upper`` list; return the date citations were read at."""
    from workbench.check import text_date
    from workbench.workspace.checks import CheckService

    at = when or text_date(doc, file.name)
    with cli.open_workspace() as ws:
        cited = CheckService(ws).cited_all(doc, at)
    from workbench.refs import format_citation

    by_row: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in cited:
        key = (format_citation(index, c.source, style), c.written)
        by_row.setdefault(key, []).append(_entry(c))
    for row in data["external"]:
        row["upper"] = by_row.get((row["source"], row["text"]), [])
    return at


def _entry(c: CitedProvision) -> dict[str, Any]:
    from workbench.check import describe

    message, suggestion = describe(c) if c.status != "current" else ("", None)
    return {
        "instrument": c.law,
        "cited": c.cited,
        "status": c.status,
        "version": c.version.date.isoformat() if c.version else None,
        "text": c.text,
        "latest": c.latest.date.isoformat() if c.latest else None,
        "new": list(c.new_labels),
        "new_text": c.new_text,
        "message": message,
        "suggestion": suggestion,
    }


def upper_text(data: dict[str, Any], at: date | None) -> str:
    """The text section listing the upper-level provisions cited, after the ``refs`` listing."""
    from workbench.model.library import date_label

    when = f"按{date_label(at)}施行的版本" if at else "按最新版本"
    lines = ["", f"所引上位法条文（法规库，{when}）"]
    for row in data["external"]:
        for e in row.get("upper", []):
            version = (
                f"（{date_label(date.fromisoformat(e['version']))}版）" if e["version"] else ""
            )
            head = f"  {row['source']}：《{e['instrument']}》{e['cited']}{version}【{_STATUS[e['status']]}】"
            lines.append(head + (f"：{_indented(e['text'])}" if e["text"] else ""))
            if e["message"]:
                lines.append(
                    f"      {e['message']}"
                    + (f"（建议：{e['suggestion']}）" if e["suggestion"] else "")
                )
            if e["new_text"]:
                lines.append(f"      现行{'、'.join(e['new'])}：{_indented(e['new_text'])}")
    if len(lines) == 2:
        lines.append("  （没有引用上位法的具体条款）")
    return "\n".join(lines) + "\n"


def _indented(text: str) -> str:
    """A provision's later paragraphs indented under its first."""
    return text.replace("\n", "\n        ")
