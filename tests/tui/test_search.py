"""`/` searches the draft, the compared versions and the comments, and jumps to the hit."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.support.pilot import settle, wait_open, wait_until
from workbench.model import full_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.screens.search import SearchDialog
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.comment_list import CommentList


async def _search(app: WorkbenchApp, pilot: Pilot[None], words: str) -> SearchDialog:
    """Press / on the screen shown, type ``words``, wait for the hits."""
    await pilot.press("slash")
    await wait_open(pilot, lambda: isinstance(app.screen, SearchDialog), "the dialog")
    dialog = app.screen
    assert isinstance(dialog, SearchDialog)
    dialog.query_one("#search-input", Input).value = words
    await pilot.press("enter")
    hits = dialog.query_one("#search-hits", OptionList)
    await wait_open(pilot, lambda: hits.option_count > 0, "the hits")
    return dialog


async def test_slash_on_the_draft_finds_a_word_and_jumps_to_its_article(app: WorkbenchApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        dialog = await _search(app, pilot, "罚款")
        first = str(dialog.query_one("#search-hits", OptionList).get_option_at_index(0).prompt)
        assert "【罚款】" in first
        await pilot.press("enter")
        await wait_open(pilot, lambda: app.screen is screen, "back on the draft")
        await settle(app, pilot)
        path = screen.query_one(ArticleView).path
        assert path is not None
        assert any(node.num == first.split("　")[0] for node in path)
        assert "罚款" in full_text(path[-1])


async def test_slash_on_compare_jumps_to_the_change_of_the_article_found(
    app: WorkbenchApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        dialog = await _search(app, pilot, "罚款")
        hits = dialog.query_one("#search-hits", OptionList)
        assert hits.option_count >= 2
        first = str(hits.get_option_at_index(0).prompt)
        label = first.split("　")[0].split(" ")[1]  # 第4版 第五十一条　…
        article = label[: label.index("条") + 1]
        await pilot.press("enter")
        await wait_open(pilot, lambda: app.screen is screen, "back on compare")
        await settle(app, pilot)
        shown = screen._shown[screen.current]
        moved = any(article in x for x in (*shown.old_labels, *shown.new_labels))
        unchanged = any("没有修改" in n.message for n in app._notifications)
        assert moved or unchanged


async def test_slash_on_triage_lists_the_comments_holding_the_words(app: WorkbenchApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("slash")
        await settle(app, pilot)
        field = screen.query_one("#f-text", Input)
        assert field.has_focus
        field.value = "探访"
        await pilot.press("enter")
        table = screen.query_one(CommentList)
        await wait_until(app, pilot, lambda: table.total == 4, "the four comments on 探访")
        assert all("探访" in r.text for r in table.comments)
        assert table.has_focus
