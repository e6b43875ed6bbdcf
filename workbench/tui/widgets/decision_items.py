"""The items of the amendment decision applied to the old version, beside the compare screen.

A thin widget: the screen sets `items` (number, what it does, how it fared); the list posts
`DecisionItems.Chosen` with the index when the highlight moves, so the screen can show the
change the item made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

__all__ = ["DecisionEntry", "DecisionItems"]

_STATUS_STYLE = {"已适用": "green", "需人工处理": "bold yellow", "未能适用": "bold red"}


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """One item of a decision."""

    label: str
    """The item's number (``一``, ``二.3``)."""
    status: str
    """How it fared, in Chinese (已适用, 需人工处理, 未能适用)."""
    summary: str
    """The item's first words."""


class DecisionItems(OptionList):
    """The items of the decision, in its order."""

    items: reactive[Sequence[DecisionEntry]] = reactive(tuple, init=False, always_update=True)
    """The entries shown."""

    @dataclass
    class Chosen(Message):
        """The highlighted item moved."""

        decision_items: DecisionItems
        """The list that posted it."""
        index: int
        """The position of the item in `items`."""

        @property
        def control(self) -> DecisionItems:
            """The list that posted the message."""
            return self.decision_items

    def watch_items(self, items: Sequence[DecisionEntry]) -> None:
        """Refill the list."""
        self.clear_options()
        options = []
        for i, entry in enumerate(items):
            line = Text()
            line.append(f"{entry.label}、", style="bold")
            line.append(f"[{entry.status}] ", style=_STATUS_STYLE.get(entry.status, ""))
            line.append(entry.summary)
            options.append(Option(line, id=str(i)))
        self.add_options(options)
        self.border_subtitle = f"{len(items)} 项"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn Textual's highlight into a domain message."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, int(event.option.id)))
