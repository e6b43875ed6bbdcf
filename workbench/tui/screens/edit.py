"""The editing screen: change the working draft article by article, see what each edit caused.

Edits are pure calls into `workbench.edit` on the frozen `Document` (fast, synchronous); each
returns a new document and a report of the consequential changes (序号调整, rewritten
cross-references, dangling ones), which the preview pane shows. Undo and redo are two lists of
documents. Saving and freezing run in thread workers.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from workbench import edit
from workbench.edit import EditResult
from workbench.errors import WorkbenchError
from workbench.model import (
    CONTAINER_KINDS,
    Document,
    Node,
    UidFactory,
    articles,
    path_index,
)
from workbench.model.project import VersionInfo, WorkingDraft
from workbench.tui.commands import bindings_for
from workbench.tui.editing import EditHistory, EditStep, report_lines
from workbench.tui.screens.dialogs import PromptDialog
from workbench.tui.screens.edit_questions import (
    EditOperation,
    ask_delete_container,
    ask_insert,
    ask_new_container,
    ask_rename,
    ask_split,
    ask_text,
)
from workbench.tui.screens.imports import ask_import
from workbench.tui.session import Session
from workbench.tui.values import ImportRequest
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.outline import OutlineTree
from workbench.tui.widgets.screen_tabs import ScreenTabs

__all__ = ["EditScreen"]


class EditScreen(Screen[None]):
    """The working draft: edit, undo, redo, save, freeze."""

    SCOPE = "edit"
    BINDINGS = bindings_for("edit")

    draft: var[WorkingDraft | None] = var(None)
    """The working draft as last saved."""
    document: var[Document | None] = var(None)
    """The draft as edited now."""
    modified: var[bool] = var(False)
    """Whether there are edits not saved yet."""

    @dataclass
    class DraftLoaded(Message):
        """The working draft arrived (after loading or saving)."""

        draft: WorkingDraft
        versions: tuple[VersionInfo, ...]
        saved: bool

    @dataclass
    class Frozen(Message):
        """The draft was frozen as a new version (and now starts from it)."""

        version: VersionInfo
        draft: WorkingDraft

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project edited."""
        self.history: EditHistory | None = None
        """The undo and redo lists, from the draft as opened."""
        self.versions: tuple[VersionInfo, ...] = ()
        """The project's versions (to propose the next stage when freezing)."""
        self.uids = UidFactory()
        """Mints the uids of inserted nodes."""

    def compose(self) -> ComposeResult:
        """Outline; the article, the preview of consequences and the history."""
        yield Header()
        yield ScreenTabs("edit")
        yield Static("正在载入工作稿……", id="edit-bar", classes="bar")
        with Horizontal():
            yield OutlineTree(id="outline")
            with Vertical(id="edit-right"):
                yield ArticleView(id="article")
                yield Static("", id="edit-preview")
                yield OptionList(id="edit-history")
        yield Footer()

    def on_mount(self) -> None:
        """Load the working draft."""
        self.query_one(OutlineTree).border_title = "工作稿大纲"
        self.query_one(ArticleView).border_title = "条文"
        self.query_one("#edit-preview").border_title = "引起的变动"
        self.query_one("#edit-history").border_title = "修改记录（撤销 ctrl+z，重做 ctrl+y）"
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="载入工作稿")
    def load(self) -> None:
        """Read the working draft and the versions."""
        draft = self.session.working_draft(self.slug)
        versions = tuple(self.session.versions(self.slug))
        self.post_message(self.DraftLoaded(draft, versions, saved=False))

    def on_edit_screen_draft_loaded(self, message: DraftLoaded) -> None:
        """Start editing the loaded draft (or carry on after a save)."""
        self.draft = message.draft
        self.versions = message.versions
        if message.saved:
            self.modified = False
            self.notify(f"已保存工作稿（第 {message.draft.revision} 次修订）")
        else:
            self.history = EditHistory(message.draft.document)
            self.modified = False
            self._show(message.draft.document, select=None)
        self._show_bar()

    # -- the edits ---------------------------------------------------------------------------

    def action_edit_text(self) -> None:
        """Rewrite the selected article's text, or rename the selected 章/节, in a dialog."""
        heading = self._selected_container()
        if heading is not None:
            self._ask(ask_rename(self.app, heading), heading.uid)
            return
        node = self._selected_article()
        if node is not None:
            self._ask(ask_text(self.app, node, self.uids), node.uid)

    def action_add_container(self) -> None:
        """Begin a new 章 or 节 at the selected article (另起一章/一节)."""
        node = self._selected_article()
        if node is not None:
            self._ask(ask_new_container(self.app, node, self.uids), node.uid)

    def action_insert_article(self) -> None:
        """Insert a new article after the selected one."""
        node = self._selected_article()
        if node is not None:
            self._ask(ask_insert(self.app, node, self.uids), None)

    def action_delete_article(self) -> None:
        """Delete the selected article, or a 章/节 after asking whether its articles stay.

        After an article the selection moves to the one after it (or before, for the last).
        """
        heading = self._selected_container()
        if heading is not None:
            self._ask(ask_delete_container(self.app, heading), None)
            return
        node = self._selected_article()
        if node is None or self.document is None:
            return
        uids = [a.uid for a in articles(self.document)]
        index = uids.index(node.uid)
        neighbour = uids[index + 1] if index + 1 < len(uids) else uids[index - 1] if index else None
        self._apply(lambda doc: edit.delete(doc, node.uid), neighbour)

    @work(exclusive=True, group="dialog")
    async def _ask(self, question: Awaitable[EditOperation | None], select: str | None) -> None:
        """Wait for the dialogs of ``question``, then apply the edit it gives (if any)."""
        operation = await question
        if operation is not None:
            self._apply(operation, select)

    def action_move_up(self) -> None:
        """Move the selected article one place up (across a chapter boundary if need be)."""
        self._move(-1)

    def action_move_down(self) -> None:
        """Move the selected article one place down."""
        self._move(1)

    def _move(self, delta: int) -> None:
        node = self._selected_article()
        if node is None or self.document is None:
            return
        uids = [a.uid for a in articles(self.document)]
        index = uids.index(node.uid)
        target = index + delta
        if not 0 <= target < len(uids):
            return
        if delta < 0:
            self._apply(lambda doc: edit.move(doc, node.uid, before=uids[target]), node.uid)
        else:
            self._apply(lambda doc: edit.move(doc, node.uid, after=uids[target]), node.uid)

    def action_split_article(self) -> None:
        """Split the selected article in two before one of its paragraphs."""
        node = self._selected_article()
        if node is None:
            return
        if len(node.children) < 2:
            self.notify("该条只有一款，无法按款拆分。", severity="warning")
            return
        self._ask(ask_split(self.app, node, self.uids), node.uid)

    def action_merge_article(self) -> None:
        """Merge the next article into the selected one (its paragraphs follow)."""
        node = self._selected_article()
        if node is None or self.document is None:
            return
        uids = [a.uid for a in articles(self.document)]
        index = uids.index(node.uid)
        if index + 1 >= len(uids):
            self.notify("这是最后一条，没有可并入的下一条。", severity="warning")
            return
        following = uids[index + 1]
        self._apply(lambda doc: edit.merge(doc, node.uid, following), node.uid)

    def _apply(self, operation: EditOperation, select: str | None) -> None:
        """Run a pure edit on the current document and record it for undo."""
        if self.document is None:
            return
        try:
            result: EditResult = operation(self.document)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        if self.history is None:
            return
        self.history.push(EditStep(result.document, result.report.operation, result.report))
        self.modified = True
        created = result.report.created
        self._show(result.document, select=select or (created[0] if created else None))
        self.query_one("#edit-preview", Static).update("\n".join(report_lines(result.report)))

    # -- undo, redo, save, freeze ---------------------------------------------------------------

    def action_undo(self) -> None:
        """Go back one edit."""
        undone = self.history.undo() if self.history is not None else None
        if self.history is None or undone is None:
            self.notify("没有可撤销的修改。")
            return
        self.modified = True
        self._show(self.history.current.document, select=self._current_uid())
        self.query_one("#edit-preview", Static).update(f"已撤销：{undone.description}")

    def action_redo(self) -> None:
        """Redo the last edit undone."""
        step = self.history.redo() if self.history is not None else None
        if step is None:
            self.notify("没有可重做的修改。")
            return
        self.modified = True
        self._show(step.document, select=self._current_uid())
        if step.report is not None:
            self.query_one("#edit-preview", Static).update("\n".join(report_lines(step.report)))

    def action_save(self) -> None:
        """Save the working draft."""
        if self.document is not None and self.draft is not None:
            self.save(self.document, self.draft.revision)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="保存工作稿")
    def save(self, document: Document, revision: int) -> None:
        """Write the draft."""
        draft = self.session.save_draft(self.slug, document, revision)
        self.post_message(self.DraftLoaded(draft, self.versions, saved=True))

    def action_import_draft(self) -> None:
        """Import a draft file: as the working draft, or as a new version."""
        if self.modified:
            self.notify(
                "工作稿有未保存的修改：请先保存（ctrl+s）或撤销，再导入。", severity="warning"
            )
            return
        self._import()

    @work(exclusive=True, group="dialog")
    async def _import(self) -> None:
        stages = self.session.stages()
        request = await ask_import(self.app, stages, self.slug, proposed=self._next_stage())
        if request is not None:
            self.run_import(request)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="导入草案")
    def run_import(self, request: ImportRequest) -> None:
        """Import, tell the person, and start again from the working draft as it now is."""
        lines = self.session.import_draft(request)
        self.app.call_from_thread(self.notify, "\n".join(lines[:6]), timeout=10)
        draft = self.session.working_draft(self.slug)
        versions = tuple(self.session.versions(self.slug))
        self.post_message(self.DraftLoaded(draft, versions, saved=False))
        self.app.call_from_thread(self._forget_other_screens)

    def _forget_other_screens(self) -> None:
        from workbench.tui.app import WorkbenchApp

        if isinstance(self.app, WorkbenchApp):
            self.app.forget_screens()

    def action_freeze(self) -> None:
        """Save and freeze the working draft as the next node's version."""
        self._freeze()

    @work(exclusive=True, group="dialog")
    async def _freeze(self) -> None:
        proposal = self._next_stage()
        stage = await self.app.push_screen_wait(
            PromptDialog(
                "把工作稿定为哪个阶段的版本？",
                "阶段或稿名，如 一审、草案修改稿、表决稿；也可写节点名，如 二审前",
                proposal,
            )
        )
        if stage and self.document is not None and self.draft is not None:
            self.save_and_freeze(self.document, self.draft.revision, stage, self.modified)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="定稿")
    def save_and_freeze(
        self, document: Document, revision: int, stage: str, modified: bool
    ) -> None:
        """Save the draft if it changed, then freeze it."""
        if modified:
            draft = self.session.save_draft(self.slug, document, revision)
            self.post_message(self.DraftLoaded(draft, self.versions, saved=True))
        version = self.session.freeze(self.slug, stage)
        self.post_message(self.Frozen(version, self.session.working_draft(self.slug)))

    def on_edit_screen_frozen(self, message: Frozen) -> None:
        """Tell the person, and make the other screens reload the versions."""
        self.versions = (*self.versions, message.version)
        self.draft = message.draft
        self.notify(f"已定稿为第 {message.version.number} 版：{message.version.label}")
        self._show_bar()
        self._forget_other_screens()

    # -- helpers ----------------------------------------------------------------------------------

    def watch_modified(self, modified: bool) -> None:
        """Mark the bar when there are unsaved edits."""
        if self.is_mounted:
            self.query_one("#edit-bar", Static).set_class(modified, "-modified")
            self._show_bar()

    def _show_bar(self) -> None:
        draft = self.draft
        if draft is None:
            return
        base = f"基于第{draft.based_on}版" if draft.based_on else ""
        state = "有未保存的修改（ctrl+s 保存）" if self.modified else "已保存"
        self.query_one("#edit-bar", Static).update(
            f"工作稿　第{draft.revision}次修订　{base}　{state}　F12 定稿"
        )

    def _show(self, document: Document, *, select: str | None) -> None:
        self.document = document
        outline = self.query_one(OutlineTree)
        outline.document = document
        if select is not None:
            outline.select_uid(select)
        elif outline.selected_uid is None:
            uids = outline.article_uids()
            if uids:
                outline.select_uid(uids[0])
        self._show_article(outline.selected_uid)
        history = self.query_one("#edit-history", OptionList)
        history.clear_options()
        if self.history is not None:
            history.add_options(self.history.lines())
            history.highlighted = len(self.history.done) - 1

    @on(OutlineTree.Selected, "#outline")
    def _selected(self, message: OutlineTree.Selected) -> None:
        self._show_article(message.uid)

    def _show_article(self, uid: str | None) -> None:
        if self.document is None or uid is None:
            return
        self.query_one(ArticleView).path = path_index(self.document).get(uid)

    def _current_uid(self) -> str | None:
        return self.query_one(OutlineTree).selected_uid

    def _selected_container(self) -> Node | None:
        """The 编/章/节 selected in the outline, if a heading is selected."""
        view = self.query_one(ArticleView)
        if view.path and view.path[-1].kind in CONTAINER_KINDS:
            return view.path[-1]
        return None

    def _selected_article(self) -> Node | None:
        view = self.query_one(ArticleView)
        if not view.path or view.path[-1].kind != "article":
            self.notify("请先在大纲中选择一条。", severity="warning")
            return None
        return view.path[-1]

    def _next_stage(self) -> str:
        nodes = ("立项前", "初审前", "二审前", "表决前")
        if not self.versions:
            return nodes[0]
        last = self.versions[-1].node or self.versions[-1].stage
        return nodes[min(nodes.index(last) + 1, len(nodes) - 1)] if last in nodes else last
