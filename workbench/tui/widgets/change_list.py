"""The list of changed articles between two versions, each marked with its kind.

A thin widget: the screen sets `changes` (label, kind) pairs; the list posts `ChangeList.Chosen`
with the index when the highlight moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

__all__ = ["ChangeEntry", "ChangeList"]

_KIND_STYLE = {
    "新增": "bold green",
    "删除": "bold red",
    "修改": "yellow",
    "移动": "magenta",
    "拆分": "cyan",
    "合并": "cyan",
    "重新编号": "dim",
}


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One line of the list."""

    kind: str
    """The change kind in Chinese (``修改``, ``新增`` ...)."""
    label: str
    """The article(s): ``第十二条 → 第十三条``."""
    consequential: bool = False
    """Whether the change only follows from renumbering elsewhere."""


class ChangeList(OptionList):
    """Changed articles, in the order of the new text."""

    changes: reactive[Sequence[ChangeEntry]] = reactive(tuple, init=False, always_update=True)
    """The entries shown."""

    @dataclass
    class Chosen(Message):
        """The highlighted change moved."""

        changes: ChangeList
        """The list that posted it."""
        index: int
        """The position of the change in `changes`."""

        @property
        def control(self) -> ChangeList:
            """The list that posted the message."""
            return self.changes

    def watch_changes(self, changes: Sequence[ChangeEntry]) -> None:
        """Refill the list."""
        self.clear_options()
        options = []
        for i, entry in enumerate(changes):
            line = Text()
            line.append(f"[{entry.kind}]", style=_KIND_STYLE.get(entry.kind, ""))
            line.append(f" {entry.label}")
            if entry.consequential:
                line.append(" ·序号", style="dim")
            options.append(Option(line, id=str(i)))
        self.add_options(options)
        self.border_subtitle = f"{len(changes)} 处"
        if options:
            self.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn Textual's highlight into a domain message."""
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(self, int(event.option_id)))
