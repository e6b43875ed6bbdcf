"""Modal dialogs: a decision's reason, a one-line prompt, a choice, an article's text, a comment.

Each returns its result through `dismiss`; screens open them from a worker with
`push_screen_wait`. Their keys come from `workbench.tui.commands` like every screen's: Enter
answers a one-line question, ctrl+s saves a text, Esc cancels everywhere.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static, TextArea

from workbench.tui.commands import bindings_for

__all__ = ["ChoiceDialog", "CommentDialog", "PromptDialog", "ReasonDialog", "TextDialog"]


class ReasonDialog(ModalScreen[tuple[str, bool] | None]):
    """Ask for the reason of a decision, and whether it applies to the duplicate cluster."""

    BINDINGS = bindings_for("dialog")

    def __init__(
        self, decision: str, subject: str, cluster: int | None = None, listed: int = 1
    ) -> None:
        super().__init__()
        self.decision = decision
        """The decision being recorded (采纳 ...)."""
        self.subject = subject
        """What is decided on, for the title line."""
        self.cluster = cluster
        """The duplicate cluster the comment belongs to (None: in none, and no choice shown)."""
        self.listed = listed
        """How many of the cluster's comments the list shows."""

    def compose(self) -> ComposeResult:
        """Title, reason input, cluster checkbox, buttons."""
        with Vertical(classes="dialog"):
            yield Label(f"{self.decision}：{self.subject}（回车确定，Esc 取消）", classes="title")
            yield Input(placeholder="处理理由（未采纳时必须填写）", id="reason")
            if self.cluster is not None:
                yield Checkbox(
                    f"同时处理重复意见组 ◆{self.cluster} 的全部意见（本列表中 {self.listed} 条）",
                    value=True,
                    id="cluster",
                )
            else:
                yield Label("该意见不属于重复意见组，只处理这一条。", classes="note")
            with Horizontal(classes="buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_confirm(self) -> None:
        """Return the reason and the cluster choice."""
        reason = self.query_one("#reason", Input).value.strip()
        if self.decision == "未采纳" and not reason:
            self.notify("未采纳的意见必须说明理由。", severity="warning")
            return
        boxes = self.query("#cluster").results(Checkbox)
        self.dismiss((reason, any(box.value for box in boxes)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without deciding."""
        self.dismiss(None)


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text (a citation, a stage)."""

    BINDINGS = bindings_for("dialog")

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.title_text = title
        """The question."""
        self.placeholder = placeholder
        """A hint inside the input."""
        self.value = value
        """The initial answer."""

    def compose(self) -> ComposeResult:
        """Question, input, buttons."""
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}（回车确定，Esc 取消）", classes="title")
            yield Input(value=self.value, placeholder=self.placeholder, id="answer")
            with Horizontal(classes="buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_confirm(self) -> None:
        """Return the answer (None if empty)."""
        self.dismiss(self.query_one("#answer", Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class TextDialog(ModalScreen[str | None]):
    """Edit a multi-line text: an article, one paragraph per line."""

    BINDINGS = bindings_for("text")

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        """What is edited."""
        self.text = text
        """The text to start from."""

    def compose(self) -> ComposeResult:
        """Title, text area, buttons."""
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}（ctrl+s 保存，Esc 取消）", classes="title")
            yield TextArea(self.text, id="text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("保存", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Button.Pressed, "#ok")
    def action_confirm(self) -> None:
        """Return the edited text."""
        self.dismiss(self.query_one("#text", TextArea).text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)


class CommentDialog(ModalScreen[None]):
    """Show one comment in full (the lists cut its text); Esc, Enter or the button close it."""

    BINDINGS = bindings_for("detail")

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text = title
        """What the dialog shows (意见详情 · 第十条第一款)."""
        self.lines = lines
        """The comment's fields, one labelled line each."""

    def compose(self) -> ComposeResult:
        """Title, the fields (scrolling when long), a close button."""
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}（Esc 关闭）", classes="title")
            with VerticalScroll(id="comment-full-scroll"):
                yield Static("\n".join(self.lines), id="comment-full", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("关闭", variant="primary", id="close")

    def on_mount(self) -> None:
        """Focus the button, so Enter closes."""
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)


class ChoiceDialog(ModalScreen[int | None]):
    """Pick one of a few named choices (a version): arrows and Enter; returns its position."""

    BINDINGS = bindings_for("dialog")

    def __init__(self, title: str, choices: list[str], current: int = 0) -> None:
        super().__init__()
        self.title_text = title
        """The question."""
        self.choices = choices
        """What can be chosen, in order."""
        self.current = current
        """The position highlighted first."""

    def compose(self) -> ComposeResult:
        """Question and the list."""
        with Vertical(classes="dialog"):
            yield Label(f"{self.title_text}（回车选定，Esc 取消）", classes="title")
            yield OptionList(*self.choices, id="choices")

    def on_mount(self) -> None:
        """Highlight the current choice."""
        choices = self.query_one(OptionList)
        choices.highlighted = self.current
        choices.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
