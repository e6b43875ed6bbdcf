"""The draft screen's drafting checks: findings listed and marked, cited upper-level text on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.library import library_workspace
from tests.support.pilot import FIXED_NOW, settle, wait_until
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.dialogs import CommentDialog
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.widgets.article_view import ArticleView, render_article
from workbench.tui.widgets.finding_list import FindingList
from workbench.tui.widgets.outline import OutlineTree
from workbench.tui.workspace_session import WorkspaceSession


@pytest.fixture
def checked_app(tmp_path: Path) -> Iterator[WorkbenchApp]:
    """The app on a workspace whose one project cites the 示范法 by its 2010 numbers."""
    ws = library_workspace(tmp_path / "ws")
    yield make_app(WorkspaceSession(ws, "测试员"), clock=lambda: FIXED_NOW)
    ws.close()


def _article_uid(outline: OutlineTree, num: str) -> str:
    document = outline.document
    assert document is not None
    return next(n.uid for n in document.children if n.num == num)


async def test_findings_are_listed_and_marked_on_their_articles(checked_app: WorkbenchApp) -> None:
    """The stale citation (第二条) and the dangling one (第三条) are listed and marked; 第一条 is not."""
    app = checked_app
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(
            app, pilot, lambda: bool(app.screen.query_one(FindingList).findings), "findings"
        )
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        findings = screen.query_one(FindingList).findings
        assert [(f.rule, f.where) for f in findings] == [
            ("stale-external-citation", "第二条"),
            ("dangling-reference", "第三条"),
        ]
        assert findings[0].suggestion == "第二条 → 第三条"
        outline = screen.query_one(OutlineTree)
        assert outline.marks[_article_uid(outline, "第二条")] == "error"
        assert outline.marks[_article_uid(outline, "第三条")] == "error"
        assert _article_uid(outline, "第一条") not in outline.marks
        assert "●" in str(outline.get_node_at_line(1).label)  # type: ignore[union-attr]
        assert screen.query_one(FindingList).border_subtitle == "错误2"


async def test_picking_a_finding_shows_its_clause_with_a_marker(checked_app: WorkbenchApp) -> None:
    """w goes to the list; Enter on the second finding selects 第三条, whose 款 carries the marker."""
    app = checked_app
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(
            app, pilot, lambda: bool(app.screen.query_one(FindingList).findings), "findings"
        )
        await pilot.press("w")
        await settle(app, pilot)
        table = app.screen.query_one(FindingList)
        assert table.has_focus
        await pilot.press("down", "enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.path is not None
        assert view.path[-1].num == "第三条"
        paragraph = view.path[-1].children[0].uid
        assert view.marks[paragraph] == "error"
        assert "\n　 ●违反本条例第九条规定的" in render_article(view.path[-1], view.marks).plain
        await pilot.press("w")  # the list has the focus: w hides it again
        await settle(app, pilot)
        assert table.has_class("-hidden")


async def test_b_shows_the_cited_upper_level_text_old_and_current(
    checked_app: WorkbenchApp,
) -> None:
    """On 第二条, b opens the 示范法 第二条 as of 2015 and the current 第三条 beside it."""
    app = checked_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        outline = app.screen.query_one(OutlineTree)
        outline.select_uid(_article_uid(outline, "第二条"))
        await settle(app, pilot)
        await pilot.press("b")
        await wait_until(app, pilot, lambda: isinstance(app.screen, CommentDialog), "dialog")
        dialog = app.screen
        assert isinstance(dialog, CommentDialog)
        assert dialog.title_text == "上位法 · 第二条"
        text = "\n".join(dialog.lines)
        assert "《中华人民共和国示范法》第二条（2010年1月1日版，本条引用时施行）" in text
        assert "经营者应当公示价格。" in text
        assert "原第二条现为第三条" in text
        assert "现行第三条（2020年6月30日版）：" in text
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DraftScreen)


async def test_an_article_citing_no_upper_law_says_so(checked_app: WorkbenchApp) -> None:
    """第一条 cites 有关法律 only: the dialog says there is no provision to show."""
    app = checked_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("b")
        await wait_until(app, pilot, lambda: isinstance(app.screen, CommentDialog), "dialog")
        dialog = app.screen
        assert isinstance(dialog, CommentDialog)
        assert dialog.lines == ["所选条文没有引用上位法的具体条款。"]
