"""Receiving the comment files waiting in the workspace's ``inbox/``, with progress.

The dialog lists the files a person dropped there, receives them on Enter in a thread worker
(`Session.ingest`: each file kept, checked and stored whole or refused whole), moves a progress
bar file by file and says what happened to each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, ProgressBar, RichLog

from workbench.tui.commands import bindings_for
from workbench.tui.session import Session
from workbench.tui.values import IngestProgress

__all__ = ["IngestDialog", "receive_waiting"]


class IngestDialog(ModalScreen[int]):
    """The waiting files, a progress bar and a log; returns how many files were received."""

    BINDINGS = bindings_for("ingest")

    @dataclass
    class Landed(Message):
        """One more file has been read and checked."""

        name: str

    @dataclass
    class Finished(Message):
        """Every file has been dealt with."""

        results: list[IngestProgress]

    def __init__(self, session: Session, files: list[Path]) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.files = files
        """The files waiting."""
        self.results: list[IngestProgress] = []
        """What happened to each file so far."""
        self.running = False
        """Whether the files are being received."""

    def compose(self) -> ComposeResult:
        """Title, the list, the bar, the log."""
        with Vertical(classes="dialog ingest"):
            yield Label(
                f"收件箱中有 {len(self.files)} 份意见表待接收（回车开始，Esc 关闭）",
                classes="title",
                id="ingest-title",
            )
            yield ProgressBar(total=len(self.files), show_eta=False, id="ingest-bar")
            yield RichLog(id="ingest-log", wrap=True, markup=False)

    def on_mount(self) -> None:
        """List the files."""
        log = self.query_one(RichLog)
        for path in self.files:
            log.write(f"待接收：{path.name}")

    def action_start(self) -> None:
        """Receive the files (once)."""
        if self.running or self.results or not self.files:
            return
        self.running = True
        self.query_one("#ingest-title", Label).update("正在接收……")
        self.receive()

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False, description="接收意见")
    def receive(self) -> None:
        """Receive every file, posting each result as it lands."""

        def landed(name: str) -> None:
            self.post_message(self.Landed(name))

        self.post_message(self.Finished(self.session.ingest(self.files, landed)))

    def on_ingest_dialog_landed(self, message: Landed) -> None:
        """Advance the bar."""
        self.query_one(ProgressBar).advance(1)
        self.query_one(RichLog).write(f"已读取：{message.name}")

    def on_ingest_dialog_finished(self, message: Finished) -> None:
        """Say what happened to each file, and in all."""
        self.results = message.results
        self.running = False
        log = self.query_one(RichLog)
        for p in message.results:
            log.write(f"{p.status}：{p.name}" + (f"，意见 {p.rows} 条" if p.rows else ""))
            for problem in p.problems[:5]:
                log.write(f"　　{problem}")
            if len(p.problems) > 5:
                log.write(f"　　……另有 {len(p.problems) - 5} 条（命令行 --format json 可见全部）")
        received = sum(p.status == "接收" for p in message.results)
        refused = sum(p.status == "拒收" for p in message.results)
        self.query_one("#ingest-title", Label).update(
            f"完成：接收 {received} 份，拒收 {refused} 份，"
            f"重复 {len(message.results) - received - refused} 份（Esc 关闭）"
        )

    def action_close(self) -> None:
        """Close (the receiving goes on to its end if it has started)."""
        self.dismiss(sum(p.status == "接收" for p in self.results))


async def receive_waiting(screen: Screen[None], session: Session) -> int | None:
    """Open the dialog on the files waiting in ``inbox/`` (call it from a worker).

    Returns how many files were received, or None (and says where to put them) when none wait.
    """
    files = session.waiting_files()
    if not files:
        inbox = session.location / "inbox"
        screen.notify(
            f"收件箱中没有待接收的意见表：把 XLSX、CSV 或 JSON 文件放入 {inbox}", timeout=8
        )
        return None
    return await screen.app.push_screen_wait(IngestDialog(session, files))
