"""What the edit screen keeps besides the tree: its undo history, and what it shows in text.

An article becomes the lines the text dialog edits; an edit's consequences become the lines of
the preview.

Pure values over `workbench.edit` results; no widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.edit import EditReport
from workbench.model import Document, Node

__all__ = ["EditHistory", "EditStep", "article_text", "report_lines"]


@dataclass(frozen=True, slots=True)
class EditStep:
    """One state of the draft in the undo history."""

    document: Document
    """The draft after the edit."""
    description: str
    """What the edit was, in Chinese."""
    report: EditReport | None = None
    """What it caused (None for the starting point)."""


class EditHistory:
    """The states of one editing session: those done (the last is shown) and those undone."""

    def __init__(self, start: Document) -> None:
        self.done: list[EditStep] = [EditStep(start, "打开工作稿")]
        """States up to the current one, oldest first."""
        self.undone: list[EditStep] = []
        """States undone, the most recently undone last."""

    @property
    def current(self) -> EditStep:
        """The state shown."""
        return self.done[-1]

    def push(self, step: EditStep) -> None:
        """Record a new edit (what was undone cannot be redone after it)."""
        self.done.append(step)
        self.undone.clear()

    def undo(self) -> EditStep | None:
        """Step back; the step undone, or None at the start."""
        if len(self.done) < 2:
            return None
        self.undone.append(self.done.pop())
        return self.undone[-1]

    def redo(self) -> EditStep | None:
        """Step forward again; the step redone, or None when nothing was undone."""
        if not self.undone:
            return None
        self.done.append(self.undone.pop())
        return self.done[-1]

    def lines(self) -> list[str]:
        """The history as the screen lists it: numbered steps, then the undone ones."""
        return [f"{i}. {s.description}" for i, s in enumerate(self.done)] + [
            f"（已撤销）{s.description}" for s in reversed(self.undone)
        ]


def article_text(node: Node) -> str:
    """An article's paragraphs and items as lines, the way the text dialog edits them."""
    lines: list[str] = []
    for paragraph in node.children:
        lines.append(paragraph.text)
        for item in paragraph.children:
            lines.append(f"{item.num or ''}{item.text}")
            lines.extend(f"{sub.num or ''}{sub.text}" for sub in item.children)
    return "\n".join(lines)


def report_lines(report: EditReport) -> list[str]:
    """The preview of an edit's consequences, in Chinese, one line each."""
    lines = [report.operation]
    changes = report.number_changes
    if changes:
        shown = [f"{c.old}→{c.new}" for c in changes]
        if len(shown) > 6:
            shown = [*shown[:3], "……", shown[-1]]
        lines.append(f"引起的序号调整（{len(changes)}处）：{'；'.join(shown)}")
    for rewrite in report.rewrites:
        lines.append(f"引用更新：{rewrite.label}中“{rewrite.old}”改为“{rewrite.new}”")
    for dangling in report.dangling:
        lines.append(f"悬空引用：{dangling.label}中“{dangling.text}”（{dangling.reason}）")
    if len(lines) == 1:
        lines.append("没有引起其他条文的变动。")
    return lines
