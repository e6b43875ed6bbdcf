"""The search dialog: type words, see the clauses or comments that hold them, pick one to jump.

The screen that opens it passes the search to run (a function from the words to one line per
hit, run in a thread worker) and gets back the position of the hit chosen, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from workbench.errors import WorkbenchError
from workbench.tui.commands import bindings_for

__all__ = ["SearchDialog"]


class SearchDialog(ModalScreen[int | None]):
    """Words in, hits listed; Enter on a hit closes the dialog with its position."""

    BINDINGS = bindings_for("dialog")

    @dataclass
    class Found(Message):
        """The hits of a search arrived (or why there are none)."""

        lines: list[str]
        note: str

    def __init__(self, title: str, find: Callable[[str], list[str]], *, query: str = "") -> None:
        super().__init__()
        self.title_text = title
        """What is searched (the dialog's title)."""
        self.find = find
        """The search: words → one line per hit (run in a thread)."""
        self.query_text = query
        """The words to start with."""

    def compose(self) -> ComposeResult:
        """Title, the words, the hits, a hint."""
        with Vertical(id="search-box", classes="dialog"):
            yield Static(self.title_text, classes="title")
            yield Input(
                self.query_text,
                placeholder="检索词，如 供热费（空格分隔的几个词须同时出现）",
                id="search-input",
            )
            yield OptionList(id="search-hits")
            yield Static("回车检索；在结果上回车跳转；Esc 关闭", id="search-note")

    def on_mount(self) -> None:
        """Start in the words field."""
        self.query_one("#search-input", Input).focus()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        words = event.value.strip()
        if words:
            self.query_one("#search-note", Static).update("正在检索……")
            self.run_search(words)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="检索")
    def run_search(self, words: str) -> None:
        """Run the search off the event loop."""
        try:
            lines = self.find(words)
        except WorkbenchError as exc:
            self.post_message(self.Found([], str(exc)))
            return
        note = f"找到 {len(lines)} 处：在结果上回车跳转" if lines else f"没有找到“{words}”"
        self.post_message(self.Found(lines, note))

    def on_search_dialog_found(self, message: Found) -> None:
        """List the hits and move to them."""
        hits = self.query_one("#search-hits", OptionList)
        hits.clear_options()
        hits.add_options(message.lines)
        self.query_one("#search-note", Static).update(message.note)
        if message.lines:
            hits.highlighted = 0
            hits.focus()

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
