"""The triage screen: search and filter the comments, group duplicates, decide, place strays.

Filters and the version shown are the screen's state; every query and every decision runs in a
thread worker through the session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from workbench.comments import article_of_citation
from workbench.errors import WorkbenchError
from workbench.model.project import VersionInfo
from workbench.tui.commands import bindings_for
from workbench.tui.screens.coverage import CoverageScreen
from workbench.tui.screens.dialogs import ChoiceDialog, PromptDialog, ReasonDialog
from workbench.tui.screens.ingest import receive_waiting
from workbench.tui.session import Session
from workbench.tui.values import CommentDetail, TriageFilter
from workbench.tui.widgets.comment_list import CommentList, CommentRow
from workbench.tui.widgets.screen_tabs import ScreenTabs

__all__ = ["TriageScreen"]

TRIAGE_LIMIT = 500
"""How many matching comments the table lists (the total is shown beside)."""

STATES = ("", "placed", "unplaced", "orphaned")
STATE_LABELS = {"": "全部", "placed": "已定位", "unplaced": "未定位", "orphaned": "原条款已删除"}
DECISIONS = ("", "待处理", "采纳", "部分采纳", "未采纳", "留作参考")


class TriageScreen(Screen[None]):
    """Every comment of a version, filtered; decisions from the keyboard."""

    SCOPE = "triage"
    BINDINGS = bindings_for("triage")
    AUTO_FOCUS = "#triage-table"
    """Open on the list, where the arrows and the decision keys act (not in a filter field)."""

    versions: var[tuple[VersionInfo, ...]] = var(tuple)
    """The project's versions."""
    version: var[int | None] = var(None)
    """The version whose numbering the table uses."""
    where: var[TriageFilter] = var(TriageFilter)
    """The filter in force."""
    clusters: var[bool] = var(False)
    """Show only comments in duplicate clusters, cluster by cluster."""

    @dataclass
    class Loaded(Message):
        """Comments matching the filter arrived."""

        versions: tuple[VersionInfo, ...]
        number: int
        rows: list[CommentRow]
        total: int

    @dataclass
    class DetailLoaded(Message):
        """One comment's details arrived."""

        detail: CommentDetail

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project shown."""
        self.detail: CommentDetail | None = None
        """The comment under the cursor, in full."""
        self._codes: frozenset[str] = frozenset()
        """The station codes of the registry (查找 takes a code as the station filter)."""

    def compose(self) -> ComposeResult:
        """Filter line, table, detail."""
        yield Header()
        yield ScreenTabs("triage")
        yield Static("", id="triage-bar", classes="bar")
        with Horizontal(id="triage-filters"):
            yield Input(placeholder="查找：词语、站号或条款，如 供热费", id="f-text")
            yield Input(placeholder="联络站编号，如 ST01", id="f-station")
            yield Input(placeholder="条款，如 第十一条", id="f-clause")
        yield CommentList(id="triage-table")
        yield Static("", id="triage-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Load the latest version's comments."""
        self.query_one("#triage-table").border_title = "意见建议"
        self.query_one("#triage-detail").border_title = "详情"
        self.reload()

    def reload(self, number: int | None = None) -> None:
        """Query again with the current filter."""
        self.load(number if number is not None else self.version, self.where, self.clusters)
        self._show_bar()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="查询意见")
    def load(self, number: int | None, where: TriageFilter, clusters: bool) -> None:
        """Read the matching comments."""
        versions = tuple(self.session.versions(self.slug))
        if not versions:
            return
        if not self._codes:
            self._codes = frozenset(code.upper() for code, _ in self.session.stations())
        number = number if number is not None else versions[-1].number
        try:
            rows, total = self.session.triage(self.slug, number, where, TRIAGE_LIMIT)
        except WorkbenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            rows, total = [], 0
        if clusters:
            rows = sorted(
                (r for r in rows if r.cluster is not None), key=lambda r: (r.cluster or 0, r.id)
            )
            total = len(rows)
        self.post_message(self.Loaded(versions, number, rows, total))

    def on_triage_screen_loaded(self, message: Loaded) -> None:
        """Show the rows."""
        self.versions, self.version = message.versions, message.number
        table = self.query_one(CommentList)
        table.total = message.total
        table.comments = message.rows
        self._show_bar()
        if not isinstance(self.focused, Input):
            table.focus()
        if not message.rows:
            self.query_one("#triage-detail", Static).update("没有符合条件的意见。")

    def _show_bar(self) -> None:
        label = next((v.label for v in self.versions if v.number == self.version), "")
        w = self.where
        parts = [
            f"版本：{label}",
            f"状态：{STATE_LABELS[w.state]}",
            f"处理：{w.decision or '全部'}",
        ]
        if w.text:
            parts.append(f"检索：{w.text}")
        if w.station:
            parts.append(f"联络站：{w.station}")
        if w.clause:
            parts.append(f"条款：{w.clause}")
        if self.clusters:
            parts.append("仅显示重复意见组")
        self.query_one("#triage-bar", Static).update("　".join(parts))

    @on(Input.Submitted, "#f-text")
    def _text(self, event: Input.Submitted) -> None:
        self.where = self._looked_for(event.value.strip())
        self.reload()
        self.query_one(CommentList).focus()

    def _looked_for(self, words: str) -> TriageFilter:
        """What 查找 means: a station code, a clause (第十一条, 全文), or words in the texts."""
        if words.upper() in self._codes:
            self.query_one("#f-station", Input).value = words.upper()
            return replace(self.where, station=words.upper(), text="")
        if words and article_of_citation(words) is not None:
            self.query_one("#f-clause", Input).value = words
            return replace(self.where, clause=words, text="")
        return replace(self.where, text=words)

    @on(Input.Submitted, "#f-station")
    def _station(self, event: Input.Submitted) -> None:
        self.where = replace(self.where, station=event.value.strip())
        self.reload()
        self.query_one(CommentList).focus()

    @on(Input.Submitted, "#f-clause")
    def _clause(self, event: Input.Submitted) -> None:
        self.where = replace(self.where, clause=event.value.strip())
        self.reload()
        self.query_one(CommentList).focus()

    @on(CommentList.Chosen, "#triage-table")
    def _chosen(self, message: CommentList.Chosen) -> None:
        if self.version is not None:
            self.load_detail(self.version, message.comment_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, number: int, comment_id: int) -> None:
        """Read one comment in full."""
        self.post_message(self.DetailLoaded(self.session.detail(self.slug, number, comment_id)))

    def on_triage_screen_detail_loaded(self, message: DetailLoaded) -> None:
        """Show the comment in full."""
        self.detail = message.detail
        lines = message.detail.lines()
        self.query_one("#triage-detail", Static).update("\n".join(lines))

    def action_focus_filter(self) -> None:
        """Put the cursor in the search field (Tab goes on to the station and clause filters)."""
        self.query_one("#f-text", Input).focus()

    def action_cycle_state(self) -> None:
        """Filter by the next state (all, placed, unplaced, orphaned)."""
        self.where = replace(
            self.where, state=STATES[(STATES.index(self.where.state) + 1) % len(STATES)]
        )
        self.reload()

    def action_cycle_decision(self) -> None:
        """Filter by the next decision (all, undecided, 采纳 ...)."""
        self.where = replace(
            self.where,
            decision=DECISIONS[(DECISIONS.index(self.where.decision) + 1) % len(DECISIONS)],
        )
        self.reload()

    def action_toggle_clusters(self) -> None:
        """Show only duplicate clusters, or everything."""
        self.clusters = not self.clusters
        self.reload()

    def action_coverage(self) -> None:
        """Open the heat table of comments by station and chapter, on the version shown."""
        if self.version is not None:
            self.app.push_screen(CoverageScreen(self.session, self.slug, self.version))

    def action_pick_version(self) -> None:
        """Ask which version's numbering to use."""
        if self.versions and self.version is not None:
            self._pick_version()

    @work(exclusive=True, group="dialog")
    async def _pick_version(self) -> None:
        numbers = [v.number for v in self.versions]
        chosen = await self.app.push_screen_wait(
            ChoiceDialog(
                "按哪个版本的条文序号显示意见？",
                [f"第{v.number}版　{v.label}" for v in self.versions],
                numbers.index(self.version) if self.version in numbers else 0,
            )
        )
        if chosen is not None:
            self.reload(numbers[chosen])

    def action_decide(self, kind: str) -> None:
        """Decide on the comment under the cursor (asks for the reason)."""
        comment_id = self.query_one(CommentList).current_id
        if comment_id is None:
            self.notify("请先选择一条意见。", severity="warning")
            return
        self._decide(comment_id, kind)

    @work(exclusive=True, group="decide")
    async def _decide(self, comment_id: int, kind: str) -> None:
        table = self.query_one(CommentList)
        cluster = next((r.cluster for r in table.comments if r.id == comment_id), None)
        listed = sum(1 for r in table.comments if cluster is not None and r.cluster == cluster)
        answer = await self.app.push_screen_wait(
            ReasonDialog(kind, f"第 {comment_id} 号意见", cluster, listed)
        )
        if answer is None:
            return
        reason, cluster = answer
        self.save_decision(comment_id, kind, reason, cluster)

    @work(
        thread=True, exclusive=True, group="save", exit_on_error=False, description="保存处理意见"
    )
    def save_decision(self, comment_id: int, kind: str, reason: str, cluster: bool) -> None:
        """Record the decision, then query again."""
        n, earlier = self.session.decide(self.slug, comment_id, kind, reason, cluster=cluster)
        self.app.call_from_thread(self.notify, f"已记录“{kind}”：{n} 条意见")
        if earlier:
            changed = "、".join(f"{cid}（原为{k}）" for cid, k in sorted(earlier.items()))
            self.app.call_from_thread(
                self.notify,
                f"其中 {len(earlier)} 条此前已有不同的处理意见，已一并改为“{kind}”：{changed}",
                severity="warning",
                timeout=10,
            )
        self.app.call_from_thread(self.reload)

    def action_ingest(self) -> None:
        """Receive the comment files waiting in ``inbox/``, then list the comments again."""
        self._ingest()

    @work(exclusive=True, group="dialog")
    async def _ingest(self) -> None:
        if await receive_waiting(self, self.session):
            self.reload()

    def action_place(self) -> None:
        """Anchor the comment under the cursor to a clause of the version shown."""
        comment_id = self.query_one(CommentList).current_id
        if comment_id is None:
            self.notify("请先选择一条意见。", severity="warning")
            return
        self._place(comment_id)

    @work(exclusive=True, group="place")
    async def _place(self, comment_id: int) -> None:
        citation = await self.app.push_screen_wait(
            PromptDialog("把意见定位到条款", "如 第十一条第二款")
        )
        if citation:
            self.save_place(comment_id, citation)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="定位意见")
    def save_place(self, comment_id: int, citation: str) -> None:
        """Anchor the comment, then query again."""
        if self.version is None:
            return
        try:
            placed = self.session.place(self.slug, self.version, comment_id, citation)
        except WorkbenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.notify, f"已定位到{placed}")
        self.app.call_from_thread(self.reload)
