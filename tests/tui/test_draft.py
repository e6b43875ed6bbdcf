"""The draft screen on the demo: outline with counts, the article, its comments."""

from __future__ import annotations

from tests.support.pilot import pause, select_article, settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.dialogs import ChoiceDialog
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.comment_list import CommentList
from workbench.tui.widgets.outline import OutlineTree


async def test_opening_the_demo_shows_the_latest_draft(app: WorkbenchApp) -> None:
    """The only project opens directly on its latest version with the first article selected."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        assert screen.version == 4
        path = screen.query_one(ArticleView).path
        assert path is not None
        assert path[-1].num == "第一条"


async def test_outline_counts_roll_up_to_chapters(app: WorkbenchApp) -> None:
    """第十条 carries the form letter and the party's comment; 第二章 sums its articles."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        outline = app.screen.query_one(OutlineTree)
        document = outline.document
        assert document is not None
        chapter = document.children[1]
        article = chapter.children[1]
        assert article.num == "第十条"
        assert outline.counts[article.uid] == 4
        assert outline.counts[chapter.uid] >= 4


async def test_selecting_an_article_shows_its_comments(app: WorkbenchApp) -> None:
    """Moving to 第十条 shows its text and the four comments on it, decisions included."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await select_article(app, pilot, "第十条")
        table = app.screen.query_one(CommentList)
        assert len(table.comments) == 4
        assert {row.target for row in table.comments} == {"第十条第一款"}
        assert "部分采纳" in {row.decision for row in table.comments}
        assert sum(1 for row in table.comments if row.cluster is not None) == 3


async def test_selecting_a_chapter_lists_the_comments_on_its_articles(app: WorkbenchApp) -> None:
    """On 第二章 the list holds its articles' comments: 第十条's four among them."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        outline = app.screen.query_one(OutlineTree)
        document = outline.document
        assert document is not None
        chapter = document.children[1]
        assert outline.select_uid(chapter.uid)
        await settle(app, pilot)
        table = app.screen.query_one(CommentList)
        placed = [row.target for row in table.comments if row.target and row.target[0] == "第"]
        articles = {target.split("条")[0] + "条" for target in placed}
        assert "第十条" in articles
        # the placed ones the outline counts, and any orphaned where its articles were
        assert table.total >= outline.counts[chapter.uid]
        assert len(table.comments) == table.total
        assert articles <= {a.num for a in chapter.children if a.kind == "article"}


async def test_picking_a_version_renumbers_the_outline(app: WorkbenchApp) -> None:
    """v lists the versions; choosing the first (立项前) shows its outline, 53 articles."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await pause(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("home", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        assert screen.version == 1
        outline = screen.query_one(OutlineTree)
        assert len(outline.article_uids()) == 53


async def test_help_lists_the_screens_commands(app: WorkbenchApp) -> None:
    """F1 lists the draft screen's commands and the app-wide ones; Esc closes it."""
    from textual.widgets import DataTable

    from workbench.tui.commands import COMMANDS
    from workbench.tui.screens.help import HelpScreen

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pause(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        expected = sum(1 for c in COMMANDS if c.scope in ("draft", "app"))
        assert table.row_count == expected
        await pilot.press("escape")
        await pause(pilot)
        assert isinstance(app.screen, DraftScreen)


async def test_palette_runs_a_command(app: WorkbenchApp) -> None:
    """The command palette finds the matrix command by its id and opens the 四前四方 screen."""
    from workbench.tui.screens.matrix import MatrixScreen

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pause(pilot)
        await pilot.press(*"matrix")
        await pause(pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MatrixScreen)


async def test_a_comment_is_shown_in_full(app: WorkbenchApp) -> None:
    """Enter on a comment of 第十条 opens it in full (意见建议, 理由, 来源, 处理); Esc closes it."""
    from textual.widgets import Static

    from workbench.tui.screens.dialogs import CommentDialog

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await select_article(app, pilot, "第十条")
        table = app.screen.query_one(CommentList)
        row = next(i for i, r in enumerate(table.comments) if r.decision == "部分采纳")
        comment = table.comments[row]
        table.focus()
        table.move_cursor(row=row)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CommentDialog)
        text = str(dialog.query_one("#comment-full", Static).render())
        assert f"意见建议：{comment.text}" in text  # the whole text, not the table's cut
        assert "来源：ST01 昌吉市宁边路街道立法信息联络站" in text
        assert "处理：部分采纳　初审稿已将配建标准提高到每百户不少于三十平方米" in text
        assert "第十条第一款" in dialog.title_text
        await pilot.press("escape")
        await pause(pilot)
        assert isinstance(app.screen, DraftScreen)

        await pilot.press("i")  # the same from the key, wherever the focus is
        await settle(app, pilot)
        assert isinstance(app.screen, CommentDialog)
