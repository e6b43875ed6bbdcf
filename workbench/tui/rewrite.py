"""Turn an article rewritten as lines into edits: replace, insert or delete its 款 and 项.

The text dialog shows an article one 款 or 项 per line (项 start with ``（一）``). This module
compares the new lines with the article's nodes in order and calls `workbench.edit` for each
difference, chaining the results into one `EditResult` whose report covers all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench import edit
from workbench.edit import EditReport, EditResult
from workbench.errors import EditError
from workbench.model import Document, Node, NodeKind, UidFactory, index_by_uid

__all__ = ["Line", "article_lines", "rewrite_article"]

_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*")


@dataclass(frozen=True, slots=True)
class Line:
    """One 款 or 项 of an article as the dialog shows it."""

    kind: NodeKind
    """``paragraph`` or ``item``."""
    text: str
    """Its words (an item without its ``（一）``)."""
    uid: str | None = None
    """The node it stands for; None for a new line."""


def article_lines(node: Node) -> list[Line]:
    """The article's 款 and 项 in order (目 stay inside their 项 and are not shown)."""
    out: list[Line] = []
    for paragraph in node.children:
        out.append(Line("paragraph", paragraph.text, paragraph.uid))
        out.extend(Line("item", item.text, item.uid) for item in paragraph.children)
    return out


def parse_lines(text: str) -> list[Line]:
    """The dialog's text as lines: ``（一）…`` is an item, anything else a paragraph."""
    out: list[Line] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _ITEM.match(line)
        if m:
            out.append(Line("item", line[m.end() :]))
        else:
            out.append(Line("paragraph", line))
    return out


def rewrite_article(doc: Document, article: str, text: str, uids: UidFactory) -> EditResult:
    """Apply the rewritten text of ``article`` to ``doc`` as a chain of edits.

    Lines are matched with the article's 款 and 项 in order: a line of the same kind in the same
    place replaces its words; extra lines are inserted; missing ones are deleted.

    Raises:
        EditError: The text is empty or starts with an item (an article starts with a 款).
    """
    node = index_by_uid(doc).get(article)
    if node is None or node.kind != "article":
        raise EditError("找不到要改写的条", uid=article)
    new = parse_lines(text)
    if not new:
        raise EditError("条文不能为空；要删除整条请用删除命令", uid=article)
    if new[0].kind != "paragraph":
        raise EditError("条文应以一款开头，不能以项开头", uid=article)
    old = article_lines(node)
    results: list[EditResult] = []
    current = doc
    last: dict[NodeKind, str | None] = {"paragraph": None, "item": None}
    i = 0
    for line in new:
        if i < len(old) and old[i].kind == line.kind:
            target = old[i]
            assert target.uid is not None
            if target.text != line.text:
                results.append(edit.replace_text(current, target.uid, line.text))
                current = results[-1].document
            last[line.kind] = target.uid
            if line.kind == "paragraph":
                last["item"] = None
            i += 1
            continue
        # A line the article did not have here: insert it after the last node of its kind.
        if line.kind == "paragraph":
            result = edit.insert_paragraph(current, line.text, uids=uids, after=last["paragraph"])
            last["item"] = None
        elif last["item"] is not None:
            result = edit.insert_item(current, line.text, uids=uids, after=last["item"])
        else:
            result = edit.insert_item(current, line.text, uids=uids, parent=last["paragraph"])
        results.append(result)
        current = result.document
        last[line.kind] = result.report.created[0] if result.report.created else None
        if line.kind == "paragraph":
            last["item"] = None
    for leftover in reversed(old[i:]):
        assert leftover.uid is not None
        if leftover.uid in index_by_uid(current):
            results.append(edit.delete(current, leftover.uid))
            current = results[-1].document
    if not results:
        raise EditError("条文没有变化", uid=article)
    return _chain(results)


def _chain(results: list[EditResult]) -> EditResult:
    """One result whose report sums up a chain of edits."""
    if len(results) == 1:
        return results[0]
    reports = [r.report for r in results]
    report = EditReport(
        operation="；".join(dict.fromkeys(r.operation for r in reports)),
        created=tuple(u for r in reports for u in r.created),
        removed=tuple(u for r in reports for u in r.removed),
        number_changes=tuple(c for r in reports for c in r.number_changes),
        rewrites=tuple(w for r in reports for w in r.rewrites),
        dangling=tuple(d for r in reports for d in r.dangling),
        redirected=tuple(p for r in reports for p in r.redirected),
    )
    return EditResult(document=results[-1].document, report=report)
