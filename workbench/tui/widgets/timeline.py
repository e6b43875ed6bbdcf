"""One article across every version of the project: its number and what changed at each step.

A thin widget: the screen sets `steps`; each step carries the diff against the step before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workbench.diff.textdiff import Hunk
from workbench.tui.widgets.diff_view import hunks_text

__all__ = ["Timeline", "TimelineStep"]


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """The article in one version."""

    stage: str
    """The version's label (``草案``, ``草案修改稿``)."""
    label: str
    """Its number there (``第十二条``), or empty when the version does not have it."""
    hunks: tuple[Hunk, ...]
    """Its text as a diff against the previous step (all ``equal`` for the first)."""
    status: str = ""
    """What happened to it in this version, in Chinese (``修改``, ``新增``, ``未变`` ...)."""
    changed: bool = False
    """Whether its words changed in this version (highlighted)."""


class Timeline(Static):
    """The article's history across the versions: 草案 → 草案修改稿 → 表决稿."""

    steps: reactive[Sequence[TimelineStep]] = reactive(tuple, init=False, always_update=True)
    """One entry per version, in order."""

    def watch_steps(self, steps: Sequence[TimelineStep]) -> None:
        """Re-render."""
        self.update(self._render_steps(steps))

    def _render_steps(self, steps: Sequence[TimelineStep]) -> RenderableType:
        if not steps:
            return Text("选择一处修改以查看该条在各版本中的变化。", style="dim")
        parts: list[RenderableType] = []
        for step in steps:
            head = Text()
            head.append(f"● {step.stage}", style="bold")
            if step.label:
                head.append(f"  {step.label}")
                head.append(f"  {step.status}", style="yellow" if step.changed else "dim")
                parts.extend([head, hunks_text(step.hunks)])
            else:
                head.append(f"  {step.status or '本版无此条'}", style="red")
                parts.append(head)
        return Group(*parts)
