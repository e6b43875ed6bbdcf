"""The project's stage line: its stages, where it stands, what is next, which node is open.

The open node is the 四前四方 consultation point now in progress. Drawn from a `CycleState` (`workbench.workspace.cycle.CycleService.state`, the same state
``workbench cycle show`` prints), so the screen and the command line cannot disagree.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workbench.model.cycle import CycleState, StepStatus

__all__ = ["StageLine", "stage_line_text"]

_MARK: dict[StepStatus, tuple[str, str]] = {
    "done": ("✓", "green"),
    "current": ("●", "bold reverse"),
    "next": ("○", "bold"),
    "pending": ("·", "dim"),
    "skipped": ("–", "dim strike"),
}
"""How each step is marked and styled (the marks of ``workbench cycle show``)."""


def stage_line_text(state: CycleState) -> Text:
    """``流程 ✓立项 › ✓起草 › ●表决 › ○批准 › ·公布``, then the summary and the open node.

    Stages left out of the project's path (a third reading on a two-reading path) are not
    shown; the open node names how many of its cells are not 已会商 yet.
    """
    text = Text("流程 ", style="bold")
    steps = [s for s in state.steps if s.status != "skipped"]
    for k, step in enumerate(steps):
        if k:
            text.append(" › ", style="dim")
        mark, style = _MARK[step.status]
        text.append(f"{mark}{step.stage}", style=style)
    text.append(f"\n现状：{state.summary}")
    if state.open_node is not None:
        open_cells = next((s.open_cells for s in state.steps if s.node == state.open_node), 0)
        text.append(f"　会商中：{state.open_node}", style="yellow")
        if open_cells:
            text.append(f"（{open_cells}项未会商）", style="yellow")
    return text


class StageLine(Static):
    """Two lines (wrapping when narrow) showing a project's `CycleState`."""

    def show(self, state: CycleState) -> None:
        """Draw ``state``."""
        self.update(stage_line_text(state))
