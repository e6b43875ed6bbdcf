"""A day's work without a shell: new project, imports, the inbox, 章/节, exports, and the small
things that went wrong on the way (stale base, lost selection, a ticked box, an unlabelled half)."""

from __future__ import annotations

from pathlib import Path

import docx
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, Select

from tests.support.paths import DRAFTS
from tests.support.pilot import dialog, open_editor, pause, settle, wait_until
from workbench import edit
from workbench.diff import align_documents
from workbench.model import UidFactory, articles
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import pair_hunks
from workbench.tui.screens.dialogs import ChoiceDialog, PromptDialog, ReasonDialog
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.screens.export import DRAFT_CHOICE, ExportScreen
from workbench.tui.screens.files import FileDialog
from workbench.tui.screens.ingest import IngestDialog
from workbench.tui.screens.projects import ProjectsScreen
from workbench.tui.screens.triage import TriageScreen
from workbench.tui.widgets.comment_list import CommentList
from workbench.tui.widgets.outline import OutlineTree
from workbench.workspace.workspace import Workspace

SIZE = (120, 36)

SMALL_DRAFT = """某某自治州古树名木保护条例（草案）

第一条　为了保护古树名木，制定本条例。
第二条　本条例适用于自治州行政区域内古树名木的保护管理。
第三条　违反本条例第二条规定的，由林业主管部门责令改正。
"""


async def _answer_file(pilot: Pilot[None], path: Path) -> None:
    """Type ``path`` into the file dialog and submit it."""
    files = await dialog(pilot, FileDialog)
    files.query_one("#path", Input).value = str(path)
    files.query_one("#path", Input).focus()
    await pilot.press("enter")
    await pause(pilot)


async def test_a_new_project_starts_from_a_draft_file(
    app: WorkbenchApp, workspace: Workspace, tmp_path: Path
) -> None:
    """Insert on the project list: a file, a code, a node; the project exists and opens."""
    source = tmp_path / "古树名木.txt"
    source.write_text(SMALL_DRAFT, encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await wait_until(app, pilot, lambda: isinstance(app.screen, ProjectsScreen), "projects")
        await pilot.press("insert")
        await _answer_file(pilot, source)
        await dialog(pilot, PromptDialog)
        await pilot.press(*"gushu", "enter")
        await dialog(pilot, ChoiceDialog)
        await pilot.press("enter")  # the first node, 立项前
        await wait_until(
            app,
            pilot,
            lambda: isinstance(app.screen, DraftScreen) and app.screen.slug == "gushu",
            "the new project's draft",
        )
    assert [v.node for v in workspace.versions("gushu")] == ["立项前"]
    assert workspace.project("gushu").title.startswith("某某自治州古树名木保护条例")


async def test_a_department_draft_replaces_the_working_draft(
    app: WorkbenchApp, workspace: Workspace, tmp_path: Path
) -> None:
    """ctrl+o on the edit screen, 替换工作稿: the draft is the file's text, uids carried, audited."""
    revised = (DRAFTS / "juja-yanglao" / "04-表决前.md").read_text(encoding="utf-8")
    revised = revised.replace("为了规范居家养老服务", "为了规范和促进居家养老服务", 1)
    source = tmp_path / "民政局修改稿.md"
    source.write_text(revised, encoding="utf-8")
    before = workspace.working_draft("juja-yanglao")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第一条")
        await pilot.press("ctrl+o")
        await _answer_file(pilot, source)
        await dialog(pilot, ChoiceDialog)
        await pilot.press("down", "enter")
        await wait_until(
            app,
            pilot,
            lambda: screen.draft is not None and screen.draft.revision > before.revision,
            "the replaced draft",
        )
    draft = workspace.working_draft("juja-yanglao")
    first = articles(draft.document)[0]
    assert "为了规范和促进居家养老服务" in first.children[0].text
    assert first.uid == articles(before.document)[0].uid  # comments stay on it
    entry = workspace.audit_log("juja-yanglao")[-1]
    assert entry.action == "save_draft"
    assert entry.payload["source_name"] == "民政局修改稿.md"


async def test_files_dropped_in_the_inbox_are_received_with_progress(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """ctrl+r on triage lists the two files put into inbox/, Enter receives them one by one:
    the good one is received and leaves the folder, the broken one is refused and stays."""
    source = DRAFTS / "juja-yanglao" / "comments" / "初审前-ST04.csv"
    text = source.read_text(encoding="utf-8-sig").replace("陈静", "陈静（补报）")
    good = workspace.inbox_dir / "阜康博峰补报.csv"
    good.write_text(text, encoding="utf-8-sig")
    bad = workspace.inbox_dir / "坏表.csv"
    bad.write_text("这不是意见表\n", encoding="utf-8")
    before = workspace.inbox_files()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await wait_until(app, pilot, lambda: isinstance(app.screen, TriageScreen), "triage")
        await settle(app, pilot)
        total = app.screen.query_one(CommentList).total
        await pilot.press("ctrl+r")
        ingest = await dialog(pilot, IngestDialog)
        assert isinstance(ingest, IngestDialog)
        assert [p.name for p in ingest.files] == ["坏表.csv", "阜康博峰补报.csv"]
        await pilot.press("enter")
        for _ in range(500):
            if len(ingest.results) == 2 and not ingest.running:
                break
            await pilot.pause(0.02)
        assert [p.status for p in ingest.results] == ["拒收", "接收"]
        assert ingest.results[1].rows == 4
        assert "接收 1 份" in str(ingest.query_one("#ingest-title", Label).render())
        await pilot.press("escape")
        await wait_until(
            app,
            pilot,
            lambda: (
                isinstance(app.screen, TriageScreen)
                and app.screen.query_one(CommentList).total == total + 4
            ),
            "the four new comments listed",
        )
    assert not good.exists()
    assert bad.exists()
    assert len(workspace.inbox_files()) == len(before) + 2  # both kept under their sha256


async def test_chapters_are_added_renamed_and_dissolved_in_the_editor(app: WorkbenchApp) -> None:
    """h at 第五条 另设一章; Enter on it renames it; Delete dissolves it, articles kept."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第五条")
        assert screen.document is not None
        chapters = len(screen.document.children)
        await pilot.press("h")
        await pause(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await pause(pilot)
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*"服务保障", "enter")
        await settle(app, pilot)
        assert len(screen.document.children) == chapters + 1
        second = screen.document.children[1]
        assert (second.num, second.heading) == ("第二章", "服务保障")
        assert second.children[0].num == "第五条"
        screen.query_one(OutlineTree).select_uid(second.uid)
        await settle(app, pilot)
        await pilot.press("enter")
        await pause(pilot)
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "组织保障"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.document.children[1].heading == "组织保障"
        await pilot.press("delete")
        await pause(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert len(screen.document.children) == chapters
        assert len(articles(screen.document)) == 55


async def test_deleting_an_article_selects_the_next_one(app: WorkbenchApp) -> None:
    """Delete on 第十条: 第十条 is now the old 第十一条, and it is selected."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第十条")
        assert screen.document is not None
        following = articles(screen.document)[10].uid
        await pilot.press("delete")
        await settle(app, pilot)
        assert screen.query_one(OutlineTree).selected_uid == following


async def test_after_freezing_the_bar_names_the_new_base(app: WorkbenchApp) -> None:
    """F12 freezes version 5; the bar then says 基于第5版, not the old base."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await open_editor(app, pilot, "第五十五条")
        await pilot.press("delete")
        await settle(app, pilot)
        await pilot.press("f12")
        await pause(pilot)
        await pilot.press("enter")
        await wait_until(app, pilot, lambda: len(screen.versions) == 5, "version 5")
        assert screen.draft is not None
        assert screen.draft.based_on == 5
        assert "基于第5版" in str(screen.query_one("#edit-bar").render())


async def test_the_compare_table_against_the_working_draft(
    app: WorkbenchApp, workspace: Workspace
) -> None:
    """The export form offers 工作稿 as 修改后版本; the table shows the unsaved-to-version edit,
    and no choice keeps a stale （载入中） line."""
    draft = workspace.working_draft("juja-yanglao")
    first = articles(draft.document)[0]
    changed = edit.replace_text(
        draft.document, first.children[0].uid, "为了规范和促进居家养老服务。"
    )
    workspace.save_working_draft("juja-yanglao", changed.document, draft.revision, actor="测试员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f8")
        await wait_until(app, pilot, lambda: isinstance(app.screen, ExportScreen), "export")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        for select in screen.query(Select):
            prompts = [str(p) for p, _ in select._options]
            assert not any("载入中" in p for p in prompts), select.id
        screen.query_one("#export-kind", Select).value = "compare"
        await settle(app, pilot)
        version = screen.query_one("#export-version", Select)
        assert DRAFT_CHOICE in [v for _, v in version._options]
        version.value = DRAFT_CHOICE
        await settle(app, pilot)
        await pilot.press("f8")
        await wait_until(app, pilot, lambda: screen.last_path is not None, screen.last_error)
        path = screen.last_path
    assert path is not None
    assert path.name == "juja-yanglao-v3-工作稿-修改对照表.docx"
    text = "\n".join(
        c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells
    )
    assert "为了规范和促进居家养老服务" in text


async def test_a_comment_in_no_group_offers_no_group_choice(app: WorkbenchApp) -> None:
    """The reason dialog shows the group box (ticked) only for a comment in a duplicate group."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        table = app.screen.query_one(CommentList)
        single = next(i for i, r in enumerate(table.comments) if r.cluster is None)
        grouped = next(i for i, r in enumerate(table.comments) if r.cluster is not None)
        table.move_cursor(row=single)
        await settle(app, pilot)
        await pilot.press("1")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert not list(app.screen.query(Checkbox))
        await pilot.press("escape")
        await settle(app, pilot)
        table.move_cursor(row=grouped)
        await settle(app, pilot)
        await pilot.press("1")
        await pause(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert app.screen.query_one(Checkbox).value is True


def test_the_new_half_of_a_split_article_is_labelled(workspace: Workspace) -> None:
    """Split 第三条 at its second 款: the diff's new side opens its second half with 第四条."""
    old = workspace.document("juja-yanglao", 4)
    third = articles(old)[2]
    new = edit.split(old, third.uid, 2, uids=UidFactory()).document
    pair = next(p for p in align_documents(old, new).articles if p.kind == "split")
    inserted = "".join(h.text for h in pair_hunks(pair, old, new) if h.op == "insert")
    assert "第四条" in inserted
    assert "第四条" not in "".join(h.text for h in pair.hunks() if h.op == "insert")
