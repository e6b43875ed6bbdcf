"""The compare screen: two versions aligned article by article, the changes one by one.

The alignment (`workbench.diff.align_documents`) runs in a thread worker; the screen keeps the
versions' trees, the alignment and the change under the cursor, and sets them down on the change
list, the diff view and the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench.amend.links import declared_links
from workbench.diff import (
    CHANGE_LABELS,
    STEP_LABELS,
    Alignment,
    ArticleHistory,
    Pair,
    align_documents,
)
from workbench.diff import Timeline as VersionTimeline
from workbench.diff.textdiff import Hunk, diff_text
from workbench.model import Document, find_path, full_text, path_index
from workbench.model.project import VersionInfo
from workbench.store.amendments import StoredAmendment
from workbench.tui.commands import bindings_for
from workbench.tui.screens.dialogs import PromptDialog
from workbench.tui.screens.search import SearchDialog
from workbench.tui.session import Session
from workbench.tui.widgets.change_list import ChangeEntry, ChangeList
from workbench.tui.widgets.decision_items import DecisionEntry, DecisionItems
from workbench.tui.widgets.diff_view import DiffView
from workbench.tui.widgets.screen_tabs import ScreenTabs
from workbench.tui.widgets.timeline import Timeline, TimelineStep
from workbench.workspace.search import DraftFound

__all__ = ["CompareScreen", "pair_hunks", "timeline_steps"]


_STATUS = {"applied": "已适用", "manual": "需人工处理", "failed": "未能适用"}
"""Each outcome status in Chinese."""

_QUIET = frozenset({"absent", "initial", "unchanged", "renumbered"})
"""Step statuses in which the article's words did not change."""


def timeline_steps(history: ArticleHistory) -> list[TimelineStep]:
    """The widget's view of an article's history (`workbench.diff.Timeline`)."""
    return [
        TimelineStep(
            step.version,
            "、".join(step.labels),
            step.hunks,
            STEP_LABELS[step.status] if step.status != "absent" else "本版无此条",
            step.status not in _QUIET,
        )
        for step in history.steps
    ]


def pair_hunks(pair: Pair, old: Document, new: Document) -> tuple[Hunk, ...]:
    """The pair's character diff, with the parts of a split (or merge) headed by their numbers.

    Every article after the first on a side with several starts with its own number, so the new
    half of a split reads as 第十一条 and not as more of 第十条.
    """
    if len(pair.old_uids) < 2 and len(pair.new_uids) < 2:
        return pair.hunks()
    return diff_text(
        _parts(old, pair.old_uids, pair.old_labels),
        _parts(new, pair.new_uids, pair.new_labels),
    )


def _parts(doc: Document, uids: tuple[str, ...], labels: tuple[str, ...]) -> str:
    paths = path_index(doc)
    texts = [full_text(paths[uid][-1]) for uid in uids]
    return "\n".join(t if i == 0 else f"{labels[i]}\n{t}" for i, t in enumerate(texts))


class CompareScreen(Screen[None]):
    """Two versions side by side, change by change, with the article's timeline."""

    SCOPE = "compare"
    BINDINGS = bindings_for("compare")

    versions: var[tuple[VersionInfo, ...]] = var(tuple)
    """The project's versions, oldest first."""
    old: var[int | None] = var(None)
    """The number of the old (left) version."""
    new: var[int | None] = var(None)
    """The number of the new (right) version."""
    alignment: var[Alignment | None] = var(None)
    """The two versions aligned."""
    hide_consequential: var[bool] = var(True)
    """Hide changes that only follow from renumbering."""
    inline: var[bool] = var(False)
    """Show the diff inline instead of side by side."""
    current: var[int] = var(0)
    """The position of the change shown in the list of changes."""

    @dataclass
    class Aligned(Message):
        """The worker finished loading and aligning."""

        versions: tuple[VersionInfo, ...]
        old: int
        new: int
        alignment: Alignment
        history: VersionTimeline
        decisions: tuple[StoredAmendment, ...] = ()

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project shown."""
        self._documents: dict[int, Document] = {}
        """Trees already read, by version number."""
        self._history: VersionTimeline | None = None
        """Every version in order with consecutive alignments, for the articles' timelines."""
        self._shown: tuple[Pair, ...] = ()
        """The pairs in the change list, in order."""
        self._decisions: tuple[StoredAmendment, ...] = ()
        """The decisions applied to the old version (the newest last)."""
        self._item_uids: list[set[str]] = []
        """For each decision item listed, the uids it changed (old and new)."""

    def compose(self) -> ComposeResult:
        """The change list on the left; the diff and the timeline on the right."""
        yield Header()
        yield ScreenTabs("compare")
        yield Static("正在比较……", id="compare-bar", classes="bar")
        with Horizontal():
            yield ChangeList(id="changes")
            with Vertical(id="compare-right"):
                with VerticalScroll(id="diff"):
                    yield DiffView(id="diff-view")
                with VerticalScroll(id="timeline"):
                    yield Timeline(id="timeline-view")
                yield DecisionItems(id="decision-items")
        yield Footer()

    def on_mount(self) -> None:
        """Compare the last two versions."""
        self.query_one("#changes").border_title = "修改之处"
        self.query_one("#diff").border_title = "条文对照"
        self.query_one("#timeline").border_title = "本条沿革"
        self.query_one("#decision-items").border_title = "修改决定各项"
        self.compare(None, None)

    @work(thread=True, exclusive=True, group="align", exit_on_error=False, description="比较版本")
    def compare(self, old: int | None, new: int | None) -> None:
        """Read both versions (and the others, for timelines) and align them."""
        versions = tuple(self.session.versions(self.slug))
        if not versions:
            return
        numbers = [v.number for v in versions]
        new = new if new is not None else numbers[-1]
        old = old if old is not None else numbers[max(0, numbers.index(new) - 1)]
        for number in numbers:
            if number not in self._documents:
                document = self.session.document(self.slug, number)
                self._documents[number] = document
        history = self._history
        if history is None or len(history.versions) != len(versions):
            history = VersionTimeline([(v.label, self._documents[v.number]) for v in versions])
            for k in range(1, len(versions)):
                history.alignment(k)  # align here, in the worker, not on selection
        decisions = tuple(self.session.amendments(self.slug, old))
        declared = (
            declared_links(decisions[-1].links, self._documents[old], self._documents[new])
            if decisions
            else []
        )
        alignment = align_documents(self._documents[old], self._documents[new], declared=declared)
        self.post_message(self.Aligned(versions, old, new, alignment, history, decisions))

    def on_compare_screen_aligned(self, message: Aligned) -> None:
        """Show the new alignment."""
        self.versions = message.versions
        self.old, self.new = message.old, message.new
        self._history = message.history
        self.alignment = message.alignment
        self._decisions = message.decisions
        self._refresh_list()
        self._refresh_decision()

    def _refresh_list(self) -> None:
        alignment = self.alignment
        if alignment is None:
            return
        self._shown = alignment.changed(hide_consequential=self.hide_consequential)
        summary = alignment.summary()
        counts = "，".join(
            f"{CHANGE_LABELS[k]}{n}" for k, n in summary.items() if n and k != "unchanged"
        )
        label = {v.number: v.label for v in self.versions}
        hidden = "（已隐藏序号变动）" if self.hide_consequential else ""
        decided = ""
        if self._decisions:
            decided = f"　修改决定{len(self._decisions[-1].decision.items)}项（按 x 查看）"
        self.query_one("#compare-bar", Static).update(
            f"原：{label.get(self.old or 0, '')} ⟷ 新：{label.get(self.new or 0, '')}　"
            f"{counts}{hidden}{decided}"
        )
        self.query_one(ChangeList).changes = [
            ChangeEntry(CHANGE_LABELS[p.kind], p.label, p.consequential) for p in self._shown
        ]
        if not self._shown:
            self.query_one(DiffView).hunks = ()
            self.query_one(Timeline).steps = ()

    def _refresh_decision(self) -> None:
        """List the items of the newest decision applied to the old version."""
        entries: list[DecisionEntry] = []
        self._item_uids = []
        if self._decisions:
            stored = self._decisions[-1]
            status: dict[str, str] = {}
            for outcome in stored.outcomes:
                rank = {"applied": 0, "manual": 1, "failed": 2}[outcome.status]
                known = status.get(outcome.item)
                if known is None or rank > {"已适用": 0, "需人工处理": 1, "未能适用": 2}[known]:
                    status[outcome.item] = _STATUS[outcome.status]
            for item in stored.decision.items:
                summary = item.text.split("\n")[0][:40]
                entries.append(DecisionEntry(item.label, status.get(item.label, "已适用"), summary))
                uids = {u for link in stored.links if link.item == item.label
                        for u in (*link.old_uids, *link.new_uids)}  # fmt: skip
                self._item_uids.append(uids)
        self.query_one(DecisionItems).items = entries

    @on(DecisionItems.Chosen, "#decision-items")
    def _item_chosen(self, message: DecisionItems.Chosen) -> None:
        """Show the change the decision item made."""
        if not 0 <= message.index < len(self._item_uids):
            return
        uids = self._item_uids[message.index]
        for index, pair in enumerate(self._shown):
            touched = {*pair.old_uids, *pair.new_uids}
            touched |= {u for child in pair.children for u in (*child.old_uids, *child.new_uids)}
            if touched & uids:
                self.query_one(ChangeList).highlighted = index
                self.show_change(index)
                return

    def action_toggle_decision(self) -> None:
        """Show or hide the decision items beside the comparison."""
        right = self.query_one("#compare-right")
        shown = not right.has_class("-decision")
        right.set_class(shown, "-decision")
        if shown:
            if not self._decisions:
                self.notify("原版本没有适用过修改决定。", severity="information")
            self.query_one(DecisionItems).focus()
        else:
            self.query_one(ChangeList).focus()

    @on(ChangeList.Chosen, "#changes")
    def _chosen(self, message: ChangeList.Chosen) -> None:
        self.show_change(message.index)

    def show_change(self, index: int) -> None:
        """Show the change at ``index`` of the list: its diff and its article's timeline."""
        if not 0 <= index < len(self._shown):
            return
        self.current = index
        pair = self._shown[index]
        label = {v.number: v.label for v in self.versions}
        view = self.query_one(DiffView)
        view.labels = (
            f"{label.get(self.old or 0, '')} {'、'.join(pair.old_labels) or '（无）'}",
            f"{label.get(self.new or 0, '')} {'、'.join(pair.new_labels) or '（无）'}",
        )
        view.hunks = pair_hunks(
            pair, self._documents[self.old or 0], self._documents[self.new or 0]
        )
        uid = (pair.new_uids or pair.old_uids)[0]
        if self._history is not None:
            self.query_one(Timeline).steps = timeline_steps(self._history.history(uid))

    def action_next_change(self) -> None:
        """Go to the next change."""
        self._move(1)

    def action_previous_change(self) -> None:
        """Go to the previous change."""
        self._move(-1)

    def action_toggle_inline(self) -> None:
        """Switch between side by side and inline."""
        self.inline = not self.inline
        self.query_one(DiffView).inline = self.inline

    def action_toggle_renumbered(self) -> None:
        """Show or hide the changes that only follow from renumbering."""
        self.hide_consequential = not self.hide_consequential
        self._refresh_list()

    def action_cycle_old(self) -> None:
        """Compare from the next older version (wrapping round)."""
        self._cycle(left=True)

    def action_cycle_new(self) -> None:
        """Compare to the next newer version (wrapping round)."""
        self._cycle(left=False)

    def action_pick_versions(self) -> None:
        """Ask which two versions to compare."""
        self._pick()

    @work(exclusive=True, group="dialog")
    async def _pick(self) -> None:
        names = "、".join(f"{v.number} {v.label}" for v in self.versions)
        answer = await self.app.push_screen_wait(
            PromptDialog(f"比较哪两个版本？（{names}）", "如：1 4 或 草案 表决稿")
        )
        if not answer:
            return
        chosen = [self._version_number(part) for part in answer.replace("，", " ").split()]
        if len(chosen) != 2 or None in chosen or chosen[0] == chosen[1]:
            self.notify("请输入两个不同的版本号或稿名，如“1 4”。", severity="warning")
            return
        self.compare(chosen[0], chosen[1])

    def _version_number(self, text: str) -> int | None:
        for info in reversed(self.versions):
            if text in (str(info.number), info.label, info.name, info.stage, info.node):
                return info.number
        return None

    def _cycle(self, *, left: bool) -> None:
        numbers = [v.number for v in self.versions]
        if len(numbers) < 2 or self.old is None or self.new is None:
            return
        if left:
            old = numbers[(numbers.index(self.old) + 1) % len(numbers)]
            if old == self.new:
                old = numbers[(numbers.index(old) + 1) % len(numbers)]
            self.compare(old, self.new)
        else:
            new = numbers[(numbers.index(self.new) + 1) % len(numbers)]
            if new == self.old:
                new = numbers[(numbers.index(new) + 1) % len(numbers)]
            self.compare(self.old, new)

    def action_search(self) -> None:
        """Search both versions' texts; jump to the change of the clause chosen."""
        if self.old is not None and self.new is not None:
            self._search(self.old, self.new)

    @work(exclusive=True, group="dialog")
    async def _search(self, old: int, new: int) -> None:
        found: list[DraftFound] = []

        def find(words: str) -> list[str]:
            found[:] = self.session.search_draft(self.slug, [new, old], words)
            return [f"第{hit.version}版 {hit.label}　{hit.snippet}" for hit in found]

        title = f"在第{old}版与第{new}版的条文中查找"
        chosen = await self.app.push_screen_wait(SearchDialog(title, find))
        if chosen is not None and chosen < len(found):
            self.jump_to(found[chosen].version, found[chosen].uid)

    def jump_to(self, number: int, uid: str) -> None:
        """Show the change of the article holding node ``uid`` of version ``number``."""
        document = self._documents.get(number)
        path = find_path(document, uid) if document is not None else None
        article = next((n.uid for n in path or () if n.kind == "article"), uid)
        for index, pair in enumerate(self._shown):
            if article in pair.new_uids or article in pair.old_uids:
                self.query_one(ChangeList).highlighted = index
                self.show_change(index)
                return
        self.notify("该条在两个版本之间没有修改。", severity="information")

    def _move(self, delta: int) -> None:
        if not self._shown:
            return
        changes = self.query_one(ChangeList)
        index = max(0, min(len(self._shown) - 1, self.current + delta))
        changes.highlighted = index
        self.show_change(index)
