"""The editing screen: insert, renumber, undo/redo, split/merge, rewrite, save and freeze."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from tests.support.pilot import open_editor, pause, settle
from workbench.model import articles, full_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.dialogs import PromptDialog, TextDialog
from workbench.tui.screens.edit import EditScreen
from workbench.workspace.workspace import Workspace


def article(screen: EditScreen, num: str) -> str:
    assert screen.document is not None
    return full_text(next(a for a in articles(screen.document) if a.num == num))


async def test_inserting_an_article_renumbers_and_rewrites_references(app: WorkbenchApp) -> None:
    """A new article after 第十条 pushes 移交 to 第十二条, and 第五十一条 still cites it."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第十条")
        before = article(screen, "第十一条")
        assert "无偿移交" in before
        await pilot.press("insert")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        dialog.query_one(
            TextArea
        ).text = "新建住宅小区配套养老服务用房的面积标准，由自治州人民政府另行规定。"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.document is not None
        assert len(articles(screen.document)) == 56
        assert "面积标准" in article(screen, "第十一条")
        assert article(screen, "第十二条") == before
        assert "违反本条例第十二条规定" in article(screen, "第五十一条")
        preview = str(screen.query_one("#edit-preview", Static).render())
        assert "第十一条→第十二条" in preview
        assert "本条例第十二条" in preview
        assert screen.modified


async def test_undo_and_redo_walk_the_history(app: WorkbenchApp) -> None:
    """Deleting an article, undoing and redoing moves between frozen documents."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第二条")
        await pilot.press("delete")
        await settle(app, pilot)
        assert screen.document is not None
        assert len(articles(screen.document)) == 54
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert len(articles(screen.document)) == 55
        assert screen.history is not None
        assert len(screen.history.undone) == 1
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert len(articles(screen.document)) == 54
        assert len(screen.history.done) == 2


async def test_split_then_merge_restores_the_article(app: WorkbenchApp) -> None:
    """第三条 split at its second paragraph gives two articles; merging them gives one again."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第三条")
        original = article(screen, "第三条")
        await pilot.press("k")
        await pause(pilot)
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.document is not None
        assert len(articles(screen.document)) == 56
        assert article(screen, "第四条").startswith("本条例所称老年人")
        await pilot.press("j")
        await settle(app, pilot)
        assert len(articles(screen.document)) == 55
        assert article(screen, "第三条") == original


async def test_rewriting_text_and_moving(app: WorkbenchApp) -> None:
    """ctrl+up moves 第二条 above 第一条; Enter rewrites its words in place."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第二条")
        scope = article(screen, "第二条")
        await pilot.press("ctrl+up")
        await settle(app, pilot)
        assert article(screen, "第一条") == scope
        await pilot.press("enter")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        dialog.query_one(
            TextArea
        ).text = "自治州行政区域内的居家养老服务及其监督管理，适用本条例。\n本条例所称社区，包括城市社区和农村社区。"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        text = article(screen, "第一条")
        assert text.startswith("自治州行政区域内的居家养老服务")
        assert text.endswith("农村社区。")


async def test_freezing_saves_the_draft_as_a_new_version(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """F12 saves the edits and freezes the working draft as version 5 at the stage chosen."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第五十五条")
        await pilot.press("delete")
        await settle(app, pilot)
        await pilot.press("f12")
        await pause(pilot)
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert dialog.query_one(Input).value == "表决前"
        await pilot.press("enter")
        await settle(app, pilot)
        versions = workspace.versions("juja-yanglao")
        assert len(versions) == 5
        assert (versions[-1].node, versions[-1].label) == ("表决前", "表决稿第2稿")
        frozen = workspace.document("juja-yanglao", 5)
        assert len(articles(frozen)) == 54
        assert not screen.modified
        assert workspace.working_draft("juja-yanglao").revision > 0
