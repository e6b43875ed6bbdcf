"""What a structural edit returns: the new document and a report of everything it caused.

The report lists the consequential changes (引起的序号调整: every node whose number changed, old
label → new label), every citation rewritten to keep pointing at the same node (before/after),
and every citation left pointing at a node the edit removed (dangling).
"""

from __future__ import annotations

from workbench.model import Document, NodeKind, WorkbenchModel
from workbench.model.ids import Uid
from workbench.numerals import NumeralError, parse_article_number

__all__ = ["DanglingCitation", "EditReport", "EditResult", "NumberChange", "TextRewrite"]


class NumberChange(WorkbenchModel):
    """A node whose number (and so its citation) changed as a consequence of the edit."""

    uid: Uid
    """The node; its uid did not change."""
    kind: NodeKind
    """Its level."""
    old: str
    """Its citation before the edit, e.g. ``第十二条``."""
    new: str
    """Its citation after the edit, e.g. ``第十三条``."""


class TextRewrite(WorkbenchModel):
    """A citation rewritten so that it still names the same node(s)."""

    source: Uid
    """The node whose text holds the citation."""
    label: str
    """The citation of that node after the edit, e.g. ``第二十条第二款``."""
    old_label: str
    """The citation of that node before the edit (a 修改决定 names the old numbers)."""
    old: str
    """The citation as it read before, e.g. ``本条例第十二条``."""
    new: str
    """The citation as it reads now, e.g. ``本条例第十三条``."""
    text_before: str
    """The node's whole text before the rewrite."""
    text_after: str
    """The node's whole text after all rewrites in it."""


class DanglingCitation(WorkbenchModel):
    """A citation left as written because what it cited was removed or can no longer be named."""

    source: Uid
    """The node whose text holds the citation."""
    label: str
    """The citation of that node after the edit."""
    old_label: str
    """The citation of that node before the edit."""
    text: str
    """The citation as written."""
    missing: tuple[Uid, ...]
    """The removed node(s) it pointed at."""
    reason: str
    """Why it dangles, in Chinese."""


class EditReport(WorkbenchModel):
    """Everything an edit did besides the change asked for."""

    operation: str
    """What was done, in Chinese (``在第十二条后增加一条``)."""
    created: tuple[Uid, ...] = ()
    """Uids of nodes the edit created."""
    removed: tuple[Uid, ...] = ()
    """Uids of nodes the edit removed (merged nodes included)."""
    modified: tuple[Uid, ...] = ()
    """Uids of nodes whose own words the edit itself changed (replace, split, merge)."""
    number_changes: tuple[NumberChange, ...] = ()
    """引起的序号调整: nodes whose own number changed, in document order."""
    rewrites: tuple[TextRewrite, ...] = ()
    """Citations rewritten to follow their targets, in document order."""
    dangling: tuple[DanglingCitation, ...] = ()
    """Citations left pointing at removed nodes."""
    redirected: tuple[tuple[Uid, Uid], ...] = ()
    """(removed uid, surviving uid) pairs: citations of a merged node now cite the survivor."""

    def summary(self) -> tuple[str, ...]:
        """The consequences in the words of a 修改决定 (§4.2 operation M, §7.2 rule 16).

        Runs of articles shifted by the same amount are named once
        (``第十二条至第二十条相应改为第十三条至第二十一条``); each rewritten citation reads
        ``相应地将第二十八条第二款中的“第十二条”修改为“第十三条”``; dangling ones ask for a check.
        """
        lines = [f"{self.operation}。"]
        lines.extend(_shift_lines(self.number_changes))
        lines.extend(f"相应地将{r.old_label}中的“{r.old}”修改为“{r.new}”。" for r in self.rewrites)
        lines.extend(
            f"{d.old_label}中的“{d.text}”所指的条款已被删除，请核对。" for d in self.dangling
        )
        return tuple(lines)


def _shift_lines(changes: tuple[NumberChange, ...]) -> list[str]:
    out: list[str] = []
    run: list[tuple[int, int, NumberChange]] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0][2], run[-1][2]
        if len(run) == 1:
            out.append(f"{first.old}改为{first.new}。")
        else:
            out.append(f"{first.old}至{last.old}相应改为{first.new}至{last.new}。")
        run.clear()

    for change in changes:
        numbers = _plain_article(change.old), _plain_article(change.new)
        if change.kind != "article" or None in numbers:
            flush()
            out.append(f"{change.old}改为{change.new}。")
            continue
        old, new = numbers
        assert old is not None
        assert new is not None
        if run and (old != run[-1][0] + 1 or new - old != run[-1][1] - run[-1][0]):
            flush()
        run.append((old, new, change))
    flush()
    return out


def _plain_article(label: str) -> int | None:
    try:
        number, suffix = parse_article_number(label)
    except NumeralError:
        return None
    return None if suffix else number


class EditResult(WorkbenchModel):
    """The outcome of a structural edit."""

    document: Document
    """The edited document: renumbered, with its cross-references rewritten."""
    report: EditReport
    """The consequential changes."""
