"""Turn an article rewritten as lines into edits: replace, insert or delete its 款 and 项.

The text dialog shows an article one 款 or 项 per line (项 start with ``（一）``). This module
compares the new lines with the article's nodes in order and calls `workbench.edit` for each
difference, chaining the results into one `EditResult` whose report covers all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

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

    Lines are aligned with the article's 款 and 项 (`difflib`, so an inserted or deleted line
    does not shift the others): unchanged lines keep their node, a line that only changed
    place moves its node (uid kept, so the comments on it stay), a changed line of the same
    kind replaces its node's words (uid kept), extra lines are inserted and missing ones deleted.

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
    state = _State(doc, uids, article)
    matcher = SequenceMatcher(
        a=[(x.kind, x.text) for x in old], b=[(x.kind, x.text) for x in new], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    moved = _moved(old, new, opcodes)
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            for line in old[i1:i2]:
                state.keep(line)
            continue
        olds = [line for line in old[i1:i2] if line.uid not in moved.values()]
        news = new[j1:j2]
        paired = 0
        for j, after in enumerate(news):
            if j + j1 in moved:
                state.move(moved[j + j1], after.kind)
                continue
            before = olds[paired] if paired < len(olds) else None
            if before is not None and before.kind == after.kind:
                state.replace(before, after.text)
                paired += 1
            else:
                state.insert(after)
        for line in olds[paired:]:
            state.delete(line)
    if not state.results:
        raise EditError("条文没有变化", uid=article)
    return _chain(state.results)


def _moved(
    old: list[Line], new: list[Line], opcodes: Sequence[tuple[str, int, int, int, int]]
) -> dict[int, str]:
    """New lines (by position) that are old lines unchanged in another place → the node's uid."""
    waiting: dict[tuple[str, str], list[str]] = {}
    for op, i1, i2, _, _ in opcodes:
        if op != "equal":
            for line in old[i1:i2]:
                assert line.uid is not None
                waiting.setdefault((line.kind, line.text), []).append(line.uid)
    out: dict[int, str] = {}
    for op, _, _, j1, j2 in opcodes:
        if op != "equal":
            for j in range(j1, j2):
                found = waiting.get((new[j].kind, new[j].text))
                if found:
                    out[j] = found.pop(0)
    return out


class _State:
    """The document as the chain of edits leaves it, and where the next line goes."""

    def __init__(self, doc: Document, uids: UidFactory, article: str) -> None:
        self.doc = doc
        self.uids = uids
        self.article = article
        self.results: list[EditResult] = []
        self.paragraph: str | None = None
        """The last paragraph kept or written: new paragraphs go after it, new items into it."""
        self.item: str | None = None
        """The last item kept or written under that paragraph."""

    def _push(self, result: EditResult) -> None:
        self.results.append(result)
        self.doc = result.document

    def keep(self, line: Line) -> None:
        self._advance(line.kind, line.uid)

    def replace(self, line: Line, text: str) -> None:
        assert line.uid is not None
        if line.text != text:
            self._push(edit.replace_text(self.doc, line.uid, text))
        self._advance(line.kind, line.uid)

    def move(self, uid: str, kind: NodeKind) -> None:
        """Put node ``uid`` where the next line goes (unless it is there already)."""
        anchor: str | None
        parent: str | None
        if kind == "paragraph":
            anchor, parent = self.paragraph, self.article
        else:
            anchor, parent = self.item, self.paragraph
        holder = index_by_uid(self.doc).get(parent or "")
        siblings = [c.uid for c in holder.children] if holder is not None else []
        expected = siblings.index(anchor) + 1 if anchor in siblings else 0
        if expected < len(siblings) and siblings[expected] == uid:
            pass  # already in place (an item that came along with its moved paragraph)
        elif anchor is not None:
            self._push(edit.move(self.doc, uid, after=anchor))
        else:
            self._push(edit.move(self.doc, uid, parent=parent, at=0))
        self._advance(kind, uid)

    def delete(self, line: Line) -> None:
        assert line.uid is not None
        if line.uid in index_by_uid(self.doc):  # an item goes with its deleted paragraph
            self._push(edit.delete(self.doc, line.uid))

    def insert(self, line: Line) -> None:
        if line.kind == "paragraph" and self.paragraph is None:  # a new first 款
            result = edit.insert_paragraph(
                self.doc, line.text, uids=self.uids, parent=self.article, at=0
            )
        elif line.kind == "paragraph":
            result = edit.insert_paragraph(
                self.doc, line.text, uids=self.uids, after=self.paragraph
            )
        elif self.item is not None:
            result = edit.insert_item(self.doc, line.text, uids=self.uids, after=self.item)
        else:
            result = edit.insert_item(self.doc, line.text, uids=self.uids, parent=self.paragraph)
        self._push(result)
        self._advance(line.kind, result.report.created[0] if result.report.created else None)

    def _advance(self, kind: NodeKind, uid: str | None) -> None:
        if kind == "paragraph":
            self.paragraph, self.item = uid, None
        else:
            self.item = uid


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
