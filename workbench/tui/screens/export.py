"""The export screen: choose what to export, from which version(s), in which format; write it.

Besides the draft, the 修改对照表, the 意见采纳情况表 and the feedback, it offers the reports at
each reading (`workbench.tui.cycle.REPORT_CHOICES`); a report compares the versions its kind
is about (shown on the form; ``workbench export report --from --to`` picks others).

The screen loads the versions and stations in a worker, keeps the form's choices, and runs the
export itself in a thread worker through `Session.export`; the file lands in the workspace's
``exports/`` folder and its path (or the error, in Chinese) is shown on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Label, Select, Static
from textual.worker import Worker, WorkerState

from workbench.errors import WorkbenchError
from workbench.model.project import VersionInfo
from workbench.tui.commands import bindings_for
from workbench.tui.cycle import REPORT_CHOICES, ReportPair
from workbench.tui.session import Session
from workbench.tui.values import EXPORT_KINDS, ExportKind, ExportRequest, ExportResult
from workbench.tui.widgets.screen_tabs import ScreenTabs

__all__ = ["ExportScreen"]

PERSONAL_WARNING = (
    "注意：导出文件将包含提出人的姓名和联系方式等个人信息。"
    "请仅用于内部工作，妥善保管，不得公开发布或转发。"
)
"""Shown while personal data is switched on."""

DRAFT_CHOICE = 0
"""The value of the 修改后版本 choice that stands for the working draft (not yet frozen)."""

_FORMAT_NAMES = {
    "docx": "Word（docx）",
    "xlsx": "Excel（xlsx）",
    "html": "网页（html）",
    "txt": "纯文本（txt）",
    "md": "Markdown（md）",
    "markdown": "Markdown（md）",
    "akn": "Akoma Ntoso（xml）",
}


KINDS: tuple[ExportKind, ...] = (
    *EXPORT_KINDS,
    *(ExportKind(c.id, c.title, ("docx", "markdown"), personal=False) for c in REPORT_CHOICES),
)
"""What the screen offers: the session's exports, then the reports at each reading."""

_REPORT_KIND = {c.id: c.kind for c in REPORT_CHOICES}
"""Export-kind id → report kind (``report-result`` → ``审议结果``)."""


def _kind(kind_id: str) -> ExportKind:
    return next(k for k in KINDS if k.id == kind_id)


class ExportScreen(Screen[None]):
    """A form for one export and the result of the last one."""

    SCOPE = "export"
    BINDINGS = bindings_for("export")

    versions: var[tuple[VersionInfo, ...]] = var(tuple)
    """The project's versions, oldest first."""
    last_path: var[Path | None] = var(None)
    """The file the last successful export wrote."""
    last_error: var[str] = var("")
    """The message of the last failed export (empty after a success)."""
    last_notes: var[tuple[str, ...]] = var(())
    """What the user of the last export should know (comments still undecided ...)."""

    @dataclass
    class Loaded(Message):
        """The versions and stations arrived from the worker."""

        versions: tuple[VersionInfo, ...]
        stations: list[tuple[str, str]]
        reports: dict[str, ReportPair | str]

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project exported."""
        self.reports: dict[str, ReportPair | str] = {}
        """Report kind → the versions it compares, or why it cannot be drafted yet."""

    def compose(self) -> ComposeResult:
        """The form (kind, versions, station, format, personal data) and the result line."""
        yield Header()
        yield ScreenTabs("export")
        yield Static("导出：选择类型、版本和格式，文件写入工作区的 exports 目录", classes="bar")
        with VerticalScroll(id="export-form", classes="-draft"):
            with Horizontal(classes="export-row"):
                yield Label("导出类型", classes="export-label")
                yield Select(
                    [(k.title, k.id) for k in KINDS],
                    value=EXPORT_KINDS[0].id,
                    allow_blank=False,
                    id="export-kind",
                )
            with Horizontal(classes="export-row only-compare"):
                yield Label("原版本", classes="export-label")
                yield Select[int]([], prompt="（载入中）", id="export-old")
            with Horizontal(classes="export-row only-report"):
                yield Label("比较", classes="export-label")
                yield Static("", id="export-report-pair")
            with Horizontal(classes="export-row not-report"):
                yield Label("版本", classes="export-label", id="export-version-label")
                yield Select[int]([], prompt="（载入中）", id="export-version")
            with Horizontal(classes="export-row only-feedback"):
                yield Label("联络站", classes="export-label")
                yield Select[str]([], prompt="（载入中）", id="export-station")
            with Horizontal(classes="export-row"):
                yield Label("格式", classes="export-label")
                yield Select(
                    self._format_options(EXPORT_KINDS[0]),
                    value=EXPORT_KINDS[0].formats[0],
                    allow_blank=False,
                    id="export-format",
                )
            with Horizontal(classes="export-row only-compare"):
                yield Label("范围", classes="export-label")
                yield Checkbox("未修改的条文也列入对照表", id="export-unchanged")
            with Horizontal(classes="export-row only-personal"):
                yield Label("个人信息", classes="export-label")
                yield Checkbox("导出提出人姓名和联系方式（默认脱敏）", id="export-personal")
            yield Static(PERSONAL_WARNING, id="export-warning")
            with Horizontal(classes="export-row"):
                yield Label("", classes="export-label")
                yield Button("导出", variant="primary", id="export-run")
        yield Static("尚未导出。", id="export-result")
        yield Footer()

    def on_mount(self) -> None:
        """Load the versions and stations."""
        self.query_one("#export-form").border_title = "导出设置"
        self.query_one("#export-result").border_title = "导出结果"
        self.query_one("#export-kind", Select).focus()
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="载入版本")
    def load(self) -> None:
        """Read the versions and the stations."""
        versions = tuple(self.session.versions(self.slug))
        reports = self.session.cycle.report_pairs(self.slug)
        self.post_message(self.Loaded(versions, self.session.stations(), reports))

    async def on_export_screen_loaded(self, message: Loaded) -> None:
        """Put the real choices in place of the （载入中） ones.

        The latest version is chosen, the one before it as the 原版本, and the first station.
        """
        self.versions = message.versions
        self.reports = message.reports
        self._show_pair()
        numbers = [v.number for v in message.versions]
        if numbers:
            await self._replace("#export-old", self._versions(), numbers[max(0, len(numbers) - 2)])
            await self._replace("#export-version", self._versions(self._kind()), numbers[-1])
        if message.stations:
            stations = [(f"{code} {name}", code) for code, name in message.stations]
            await self._replace("#export-station", stations, message.stations[0][0])

    async def _replace(
        self, select_id: str, options: list[tuple[str, int]] | list[tuple[str, str]], value: object
    ) -> None:
        """Swap a placeholder choice for one that always has a value (no blank line left)."""
        old = self.query_one(select_id, Select)
        row = old.parent
        assert isinstance(row, Widget)
        await old.remove()
        await row.mount(Select(options, value=value, allow_blank=False, id=select_id[1:]))

    def _versions(self, kind: ExportKind | None = None) -> list[tuple[str, int]]:
        """The version choices; a 修改对照表 may also compare against the working draft."""
        options = [(f"第{v.number}版 {v.label}", v.number) for v in self.versions]
        if kind is not None and kind.id == "compare":
            options.append(("工作稿（尚未定稿的修改）", DRAFT_CHOICE))
        return options

    def _kind(self) -> ExportKind:
        return _kind(str(self.query_one("#export-kind", Select).value))

    @on(Select.Changed, "#export-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        kind = _kind(event.value)
        form = self.query_one("#export-form")
        for other in KINDS:
            form.set_class(other.id == kind.id, f"-{other.id}")
        form.set_class(kind.personal, "-personal")
        form.set_class(kind.id in _REPORT_KIND, "-report")
        self._show_pair()
        self.query_one("#export-version-label", Label).update(
            "修改后版本" if kind.id == "compare" else "版本"
        )
        fmt: Select[str] = self.query_one("#export-format", Select)
        fmt.set_options(self._format_options(kind))
        fmt.value = kind.formats[0]
        if self.versions:
            version: Select[int] = self.query_one("#export-version", Select)
            chosen = version.value
            version.set_options(self._versions(kind))
            options = [value for _, value in self._versions(kind)]
            version.value = chosen if chosen in options else options[-1]
        self._show_warning()

    @on(Checkbox.Changed, "#export-personal")
    def _personal_changed(self) -> None:
        self._show_warning()

    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_run_export()

    def action_run_export(self) -> None:
        """Export what the form describes, in a worker."""
        request = self.request()
        if request is None:
            return
        self.query_one("#export-result", Static).update("正在导出……")
        self.query_one("#export-result").remove_class("-error")
        self.export(request)

    def request(self) -> ExportRequest | None:
        """The export the form describes, or None (with a notice) while it is incomplete."""
        kind = _kind(str(self.query_one("#export-kind", Select).value))
        if kind.id in _REPORT_KIND:
            return self._report_request(kind)
        version = self.query_one("#export-version", Select).value
        old = self.query_one("#export-old", Select).value
        station = self.query_one("#export-station", Select).value
        if not isinstance(version, int):
            self.notify("请先选择版本。", severity="warning")
            return None
        if kind.id == "compare" and not isinstance(old, int):
            self.notify("请先选择原版本。", severity="warning")
            return None
        if kind.id == "compare" and old == version:
            self.notify("原版本与修改后版本相同，请另选一个版本。", severity="warning")
            return None
        if kind.id == "feedback" and not isinstance(station, str):
            self.notify("请先选择联络站。", severity="warning")
            return None
        return ExportRequest(
            kind=kind.id,
            fmt=str(self.query_one("#export-format", Select).value),
            version=version,
            old=old if kind.id == "compare" and isinstance(old, int) else None,
            station=station if kind.id == "feedback" and isinstance(station, str) else "",
            personal=kind.personal and self.query_one("#export-personal", Checkbox).value,
            unchanged=kind.id == "compare" and self.query_one("#export-unchanged", Checkbox).value,
        )

    def _report_request(self, kind: ExportKind) -> ExportRequest | None:
        """A report of the versions its kind is about, or None (with why) without them."""
        pair = self.reports.get(_REPORT_KIND[kind.id])
        if not isinstance(pair, ReportPair):
            self.notify(pair or "版本尚在载入，请稍候。", severity="warning", timeout=8)
            return None
        fmt = str(self.query_one("#export-format", Select).value)
        return ExportRequest(kind=kind.id, fmt=fmt, version=pair.new, old=pair.old)

    def _show_pair(self) -> None:
        """Say which versions the chosen report compares (or why it cannot be drafted)."""
        kind_id = str(self.query_one("#export-kind", Select).value)
        if kind_id not in _REPORT_KIND:
            return
        pair = self.reports.get(_REPORT_KIND[kind_id])
        labels = {v.number: f"第{v.number}版 {v.label}" for v in self.versions}
        if isinstance(pair, ReportPair):
            old = labels.get(pair.old, "") if pair.old is not None else ""
            text = f"{old} → {labels.get(pair.new, '')}" if old else labels.get(pair.new, "")
        else:
            text = pair or "（载入中）"
        self.query_one("#export-report-pair", Static).update(text)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="导出")
    def export(self, request: ExportRequest) -> ExportResult:
        """Write the export (the result is picked up when the worker's state changes)."""
        report = _REPORT_KIND.get(request.kind)
        if report is not None:
            return ExportResult(
                self.session.cycle.export_report(
                    self.slug, report, request.fmt, request.old, request.version
                )
            )
        return self.session.export(self.slug, request)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the written path, or what went wrong."""
        if event.worker.group != "export":
            return
        result = self.query_one("#export-result", Static)
        done = event.worker.result
        if event.state == WorkerState.SUCCESS and isinstance(done, ExportResult):
            self.last_path, self.last_error = done.path, ""
            self.last_notes = done.notes
            result.update("\n".join([f"已导出：{done.path}", *(f"注意：{n}" for n in done.notes)]))
            self.notify(f"已导出：{done.path.name}")
            for note in done.notes:
                self.notify(note, severity="warning", timeout=10)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, WorkbenchError) else f"{error!r}"
            self.last_path, self.last_error = None, message
            result.update(f"导出失败：{message}")
            result.add_class("-error")

    def _show_warning(self) -> None:
        kind = _kind(str(self.query_one("#export-kind", Select).value))
        on_ = kind.personal and self.query_one("#export-personal", Checkbox).value
        self.query_one("#export-form").set_class(on_, "-warn")

    @staticmethod
    def _format_options(kind: ExportKind) -> list[tuple[str, str]]:
        return [(_FORMAT_NAMES.get(f, f), f) for f in kind.formats]
