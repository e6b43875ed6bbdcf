"""A character diff of one aligned pair, side by side or inline, insertions and deletions coloured.

A thin widget: the screen sets the hunks (from `workbench.diff.textdiff`) and the two labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workbench.diff.textdiff import Hunk

__all__ = ["DELETE_STYLE", "INSERT_STYLE", "DiffView", "hunks_text"]

DELETE_STYLE = "bold red strike"
"""How deleted characters look."""
INSERT_STYLE = "bold green underline"
"""How inserted characters look."""


def hunks_text(
    hunks: Iterable[Hunk], *, show: tuple[str, ...] = ("equal", "delete", "insert")
) -> Text:
    """Hunks as styled text, keeping only the operations in ``show``."""
    out = Text()
    for hunk in hunks:
        if hunk.op not in show:
            continue
        style = DELETE_STYLE if hunk.op == "delete" else INSERT_STYLE if hunk.op == "insert" else ""
        out.append(hunk.text, style=style)
    return out


class DiffView(Widget):
    """One pair's text diff: two columns (原 / 新) or one inline text."""

    hunks: reactive[tuple[Hunk, ...]] = reactive(tuple, init=False, always_update=True)
    """The character diff of the old side against the new side."""
    inline: reactive[bool] = reactive(False, init=False)
    """Show one text with deletions and insertions marked, instead of two columns."""
    labels: reactive[tuple[str, str]] = reactive(("", ""), init=False)
    """Column titles: the old and the new side (version and article number)."""

    def compose(self) -> ComposeResult:
        """The two columns and the inline text (one of them hidden by the stylesheet)."""
        yield Static(classes="diff-old")
        yield Static(classes="diff-new")
        yield Static(classes="diff-inline")

    def watch_hunks(self) -> None:
        """Re-render."""
        self._refresh_diff()

    def watch_inline(self, inline: bool) -> None:
        """Show the other layout."""
        self.set_class(inline, "-inline")
        self._refresh_diff()

    def watch_labels(self) -> None:
        """Re-render with new titles."""
        self._refresh_diff()

    def _refresh_diff(self) -> None:
        if not self.is_mounted:
            return
        old_label, new_label = self.labels
        old = self.query_one(".diff-old", Static)
        new = self.query_one(".diff-new", Static)
        inline = self.query_one(".diff-inline", Static)
        if not self.hunks:
            old.update(Text("没有可比较的条文。", style="dim"))
            new.update("")
            inline.update(Text("没有可比较的条文。", style="dim"))
            return
        old.update(
            Text("\n").join(
                [
                    Text(old_label or "原", style="bold"),
                    hunks_text(self.hunks, show=("equal", "delete")),
                ]
            )
        )
        new.update(
            Text("\n").join(
                [
                    Text(new_label or "新", style="bold"),
                    hunks_text(self.hunks, show=("equal", "insert")),
                ]
            )
        )
        inline.update(
            Text("\n").join(
                [Text(f"{old_label} → {new_label}", style="bold"), hunks_text(self.hunks)]
            )
        )
