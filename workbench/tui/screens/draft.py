"""The draft screen: the outline with comment counts, the selected article and its comments.

The drafting checks run on the version shown: their findings are listed under the comments
(``w`` shows or hides the list), marked in the outline and in the article; ``b`` shows the
upper-level provisions the article cites, as the law library has them. The screen owns the
state (the versions, the version shown, its tree, the counts, the selection); it loads them in
thread workers and sets them down on its widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.check import Finding
from workbench.model import Document, Node, Severity, citation_label, iter_paths, path_index
from workbench.model.project import VersionInfo
from workbench.tui.checks import cited_lines
from workbench.tui.commands import bindings_for
from workbench.tui.screens.dialogs import ChoiceDialog, CommentDialog
from workbench.tui.screens.search import SearchDialog
from workbench.tui.session import Session
from workbench.tui.values import CommentDetail
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.comment_list import CommentList, CommentRow
from workbench.tui.widgets.finding_list import FindingList
from workbench.tui.widgets.outline import OutlineTree
from workbench.tui.widgets.screen_tabs import ScreenTabs
from workbench.workspace.search import DraftFound

__all__ = ["DraftScreen", "rolled_up_counts", "rolled_up_marks"]

COMMENT_LIMIT = 200
"""How many comments of one node the screen lists (the total is shown beside)."""


def rolled_up_counts(document: Document, counts: dict[str, int]) -> dict[str, int]:
    """Counts per node including everything below it (an article counts its paragraphs' comments)."""
    out: Counter[str] = Counter()
    for path in iter_paths(document.children):
        own = counts.get(path[-1].uid, 0)
        if own:
            for node in path:
                out[node.uid] += own
    return dict(out)


_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


def rolled_up_marks(
    paths: dict[str, tuple[Node, ...]], findings: tuple[Finding, ...], *, own: bool = False
) -> dict[str, Severity]:
    """The worst severity of the findings on each node and (unless ``own``) everything above it."""
    out: dict[str, Severity] = {}
    for finding in findings:
        path = paths.get(finding.uid or "")
        if path is None:
            continue
        for node in path[-1:] if own else path:
            known = out.get(node.uid)
            if known is None or _RANK[finding.severity] > _RANK[known]:
                out[node.uid] = finding.severity
    return out


class DraftScreen(Screen[None]):
    """One version of the draft, article by article, with the comments on each."""

    SCOPE = "draft"
    BINDINGS = bindings_for("draft")

    versions: var[tuple[VersionInfo, ...]] = var(tuple)
    """The project's versions, oldest first."""
    version: var[int | None] = var(None)
    """The number of the version shown."""
    document: var[Document | None] = var(None)
    """Its tree."""
    selected: var[str | None] = var(None)
    """The uid of the node selected in the outline."""

    @dataclass
    class Loaded(Message):
        """A version's tree and counts arrived from the worker."""

        versions: tuple[VersionInfo, ...]
        number: int
        document: Document
        counts: dict[str, int]
        paths: dict[str, tuple[Node, ...]]

    @dataclass
    class CommentsLoaded(Message):
        """The comments of the selected node arrived."""

        uid: str
        rows: list[CommentRow]
        total: int

    @dataclass
    class DetailLoaded(Message):
        """One comment in full arrived, to be shown in a dialog."""

        detail: CommentDetail

    @dataclass
    class FindingsLoaded(Message):
        """The drafting checks' findings on a version arrived."""

        number: int
        findings: tuple[Finding, ...]

    @dataclass
    class UpperLoaded(Message):
        """The upper-level provisions an article cites arrived, to be shown in a dialog."""

        label: str
        lines: list[str]

    def __init__(self, session: Session, slug: str) -> None:
        super().__init__()
        self.session = session
        """The workspace gateway."""
        self.slug = slug
        """The project shown."""
        self._paths: dict[str, tuple[Node, ...]] = {}
        """Path of every node of the document shown, by uid (built with the document)."""
        self._articles: list[str] = []
        """The article uids of the document shown, in order."""
        self._findings_hidden = False
        """The person hid the findings list (w): it stays hidden when findings arrive."""

    def compose(self) -> ComposeResult:
        """Outline on the left; the article and its comments on the right."""
        yield Header()
        yield ScreenTabs("draft")
        yield Static("正在载入……", id="draft-bar", classes="bar")
        with Horizontal():
            yield OutlineTree(id="outline")
            with Vertical(id="draft-right"):
                yield ArticleView(id="article")
                yield CommentList(id="comments")
                yield FindingList(id="findings", classes="-hidden")
        yield Footer()

    def on_mount(self) -> None:
        """Load the latest version."""
        self.query_one(OutlineTree).border_title = "大纲"
        self.query_one(ArticleView).border_title = "条文"
        self.query_one(CommentList).border_title = "意见建议"
        self.query_one(FindingList).border_title = "问题（立法技术规范检查）"
        self.load(None)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="载入草案")
    def load(self, number: int | None) -> None:
        """Read the versions, one version's tree and its comment counts."""
        versions = tuple(self.session.versions(self.slug))
        if not versions:
            return
        chosen = number if number is not None else versions[-1].number
        document = self.session.document(self.slug, chosen)
        counts = rolled_up_counts(document, self.session.comment_counts(self.slug, chosen))
        self.post_message(self.Loaded(versions, chosen, document, counts, path_index(document)))

    def on_draft_screen_loaded(self, message: Loaded) -> None:
        """Show the loaded version."""
        self.versions = message.versions
        self.version = message.number
        self._paths = message.paths
        self._articles = [uid for uid, path in message.paths.items() if path[-1].kind == "article"]
        self.document = message.document
        info = next(v for v in message.versions if v.number == message.number)
        self.query_one("#draft-bar", Static).update(
            f"{message.document.title}　{info.label}（第{info.number}版，共{len(message.versions)}版）"
        )
        outline = self.query_one(OutlineTree)
        outline.counts = message.counts
        outline.document = message.document
        self.query_one(ArticleView).caption = info.label
        self.load_findings(message.number)
        if outline.selected_uid is None:
            uids = outline.article_uids()
            if uids:
                outline.select_uid(uids[0])
        outline.focus()

    @work(
        thread=True, exclusive=True, group="findings", exit_on_error=False, description="检查草案"
    )
    def load_findings(self, number: int) -> None:
        """Run the drafting checks on a version (the first run reads the cited laws)."""
        found = self.session.checks.findings(self.slug, number)
        self.post_message(self.FindingsLoaded(number, tuple(found)))

    def on_draft_screen_findings_loaded(self, message: FindingsLoaded) -> None:
        """List the findings and mark them in the outline and the article."""
        if message.number != self.version:
            return
        self.query_one(OutlineTree).marks = rolled_up_marks(self._paths, message.findings)
        self.query_one(ArticleView).marks = rolled_up_marks(self._paths, message.findings, own=True)
        table = self.query_one(FindingList)
        table.findings = message.findings
        table.set_class(not message.findings or self._findings_hidden, "-hidden")

    @on(FindingList.Chosen, "#findings")
    def _finding_chosen(self, message: FindingList.Chosen) -> None:
        """Show the clause of the finding picked (its article, for a 款 or 项)."""
        path = self._paths.get(message.uid or "")
        if path is None:
            return
        shown = next((n for n in reversed(path) if n.kind == "article"), path[-1])
        self.query_one(OutlineTree).select_uid(shown.uid)

    def action_toggle_findings(self) -> None:
        """Show the findings list and go to it; hide it when it has the focus."""
        findings = self.query_one(FindingList)
        self._findings_hidden = findings.has_focus and not findings.has_class("-hidden")
        findings.set_class(self._findings_hidden, "-hidden")
        if self._findings_hidden:
            self.query_one(OutlineTree).focus()
        else:
            findings.focus()

    def action_show_upper(self) -> None:
        """Show the upper-level provisions the selected article cites."""
        if self.selected is None or self.version is None:
            return
        path = self._paths.get(self.selected)
        label = citation_label(path) if path else ""
        self.load_upper(self.version, self.selected, label)

    @work(thread=True, exclusive=True, group="upper", exit_on_error=False, description="载入上位法")
    def load_upper(self, number: int, uid: str, label: str) -> None:
        """Read the cited upper-level provisions from the library."""
        lines = cited_lines(self.session.checks.cited(self.slug, number, uid))
        self.post_message(self.UpperLoaded(label, lines))

    def on_draft_screen_upper_loaded(self, message: UpperLoaded) -> None:
        """Open the dialog (unless another dialog or screen came up meanwhile)."""
        if self.app.screen is self:
            self.app.push_screen(CommentDialog(f"上位法 · {message.label}", message.lines))

    @on(OutlineTree.Selected, "#outline")
    def _selected(self, message: OutlineTree.Selected) -> None:
        self.select(message.uid)

    def select(self, uid: str) -> None:
        """Show node ``uid`` and start loading its comments."""
        if self.document is None or self.version is None:
            return
        self.selected = uid
        path = self._paths.get(uid)
        self.query_one(ArticleView).path = path
        table = self.query_one(CommentList)
        articles = self._articles_at(uid)
        if not articles:
            table.total = 0
            table.comments = ()
            return
        self.load_comments(self.version, uid, articles)

    def _articles_at(self, uid: str) -> list[str]:
        """The article ``uid`` is, or the articles of the chapter (section, part) it is."""
        path = self._paths.get(uid)
        if path is None:
            return []
        if path[-1].kind == "article":
            return [path[-1].num] if path[-1].num else []
        return [
            p[-1].num
            for p in self._paths.values()
            if p[-1].kind == "article" and p[-1].num and any(n.uid == uid for n in p[:-1])
        ]

    @work(thread=True, exclusive=True, group="comments", exit_on_error=False)
    def load_comments(self, number: int, uid: str, articles: list[str]) -> None:
        """Read the comments on an article, or on a chapter's articles (paragraphs included)."""
        rows, total = self.session.comments_on(self.slug, number, articles, COMMENT_LIMIT)
        self.post_message(self.CommentsLoaded(uid, rows, total))

    def on_draft_screen_comments_loaded(self, message: CommentsLoaded) -> None:
        """Show the comments, unless the selection has moved on since."""
        if message.uid != self.selected:
            return
        table = self.query_one(CommentList)
        table.total = message.total
        table.comments = message.rows

    @on(DataTable.RowSelected, "#comments")
    def _comment_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_show_comment()

    def action_show_comment(self) -> None:
        """Show the comment under the cursor in full, in a dialog."""
        comment_id = self.query_one(CommentList).current_id
        if comment_id is None or self.version is None:
            if self.version is not None:
                self.notify("所选条文没有意见。", severity="information")
            return
        self.load_detail(self.version, comment_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False, description="载入意见")
    def load_detail(self, number: int, comment_id: int) -> None:
        """Read one comment in full."""
        self.post_message(self.DetailLoaded(self.session.detail(self.slug, number, comment_id)))

    def on_draft_screen_detail_loaded(self, message: DetailLoaded) -> None:
        """Open the dialog (unless another dialog or screen came up meanwhile)."""
        if self.app.screen is not self:
            return
        detail = message.detail
        lines = detail.lines()
        if not detail.row.decision:
            lines.append("处理：待处理")
        self.app.push_screen(CommentDialog(f"意见详情 · {detail.row.target}", lines))

    def action_next_article(self) -> None:
        """Select the next article."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Select the previous article."""
        self._step(-1)

    def action_pick_version(self) -> None:
        """Ask which version to show."""
        if self.versions and self.version is not None:
            self._pick_version()

    @work(exclusive=True, group="dialog")
    async def _pick_version(self) -> None:
        numbers = [v.number for v in self.versions]
        chosen = await self.app.push_screen_wait(
            ChoiceDialog(
                "查看哪个版本？",
                [f"第{v.number}版　{v.label}" for v in self.versions],
                numbers.index(self.version) if self.version in numbers else 0,
            )
        )
        if chosen is not None:
            self.load(numbers[chosen])

    def action_search(self) -> None:
        """Search the text of the version shown; jump to the clause chosen."""
        if self.version is not None:
            self._search(self.version)

    @work(exclusive=True, group="dialog")
    async def _search(self, number: int) -> None:
        found: list[DraftFound] = []

        def find(words: str) -> list[str]:
            found[:] = self.session.search_draft(self.slug, [number], words)
            return [f"{hit.label}　{hit.snippet}" for hit in found]

        chosen = await self.app.push_screen_wait(SearchDialog(f"在第{number}版条文中查找", find))
        if chosen is not None and chosen < len(found):
            self.jump_to(found[chosen].uid)

    def jump_to(self, uid: str) -> None:
        """Select the node ``uid`` in the outline (its article when the outline lists none)."""
        outline = self.query_one(OutlineTree)
        path = self._paths.get(uid, ())
        for node in reversed(path):
            if outline.select_uid(node.uid):
                self.select(uid)
                outline.focus()
                return
        self.notify("该条不在当前大纲中。", severity="warning")

    def action_copy_citation(self) -> None:
        """Copy the selected node's citation with the draft's title."""
        view = self.query_one(ArticleView)
        if not view.path or self.document is None:
            return
        text = f"《{self.document.title}》{citation_label(view.path)}"
        self.app.copy_to_clipboard(text)
        self.notify(f"已复制：{text}")

    def _step(self, delta: int) -> None:
        outline = self.query_one(OutlineTree)
        uids = self._articles
        if not uids:
            return
        current = self.selected
        index = uids.index(current) + delta if current in uids else 0
        outline.select_uid(uids[max(0, min(len(uids) - 1, index))])
