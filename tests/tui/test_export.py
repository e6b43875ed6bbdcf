"""The export screen: a 修改对照表 DOCX and a 意见采纳情况表 XLSX written from the demo and read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Checkbox, Select, Static

from tests.support.pilot import pause, settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.export import ExportScreen


async def _open_export(app: WorkbenchApp, pilot: Pilot[None]) -> ExportScreen:
    """Open the demo, then the export screen with F8."""
    await settle(app, pilot)
    await pilot.press("f8")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def test_export_compare_docx_and_comments_xlsx(app: WorkbenchApp, demo_dir: Path) -> None:
    """F8 opens the export screen; F8 there writes the files into exports/, whose text reads back."""
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_export(app, pilot)
        assert screen.query_one("#export-version", Select).value == 4
        assert screen.query_one("#export-old", Select).value == 3

        screen.query_one("#export-kind", Select).value = "compare"
        await settle(app, pilot)
        assert screen.query_one("#export-format", Select).value == "docx"
        await pilot.press("f8")
        await settle(app, pilot)
        compare = screen.last_path
        assert compare is not None, screen.last_error
        assert compare.parent == demo_dir / "exports"
        assert compare.name.endswith("-v3-v4-修改对照表.docx")
        assert str(compare) in str(screen.query_one("#export-result", Static).render())
        tables = docx.Document(str(compare)).tables
        assert tables
        cells = "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
        assert "第二十二条" in cells

        screen.query_one("#export-kind", Select).value = "comments"
        await settle(app, pilot)
        assert screen.query_one("#export-format", Select).value == "xlsx"
        assert screen.query_one("#export-personal", Checkbox).value is False
        await pilot.press("f8")
        await settle(app, pilot)
        report = screen.last_path
        assert report is not None, screen.last_error
        assert report.name.endswith("-v4-意见采纳情况表.xlsx")
        assert report.exists()
        book = load_workbook(report, read_only=True)
        text = "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        assert "第十条" in text
        assert "采纳" in text


def _shown(widget: Widget) -> bool:
    return widget.display


def _docx_cells(path: Path) -> list[str]:
    return [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]


async def test_feedback_masks_names_unless_personal_data_is_switched_on(app: WorkbenchApp) -> None:
    """Feedback to ST01 masks submitters (李**); ticking 个人信息 warns and writes 李秀兰."""
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_export(app, pilot)
        form = screen.query_one("#export-form")
        warning = screen.query_one("#export-warning")
        screen.query_one("#export-kind", Select).value = "feedback"
        await settle(app, pilot)
        assert screen.query_one("#export-station", Select).value == "ST01"
        assert not _shown(warning)
        await pilot.press("f8")
        await settle(app, pilot)
        masked = screen.last_path
        assert masked is not None, screen.last_error
        cells = _docx_cells(masked)
        assert "李**" in cells
        assert "李秀兰" not in cells
        # No 落款 set in the demo: the screen says so, beside the path (the letter has a placeholder).
        assert any("落款" in note for note in screen.last_notes)
        assert "注意：" in str(screen.query_one("#export-result", Static).render())

        screen.query_one("#export-personal", Checkbox).value = True
        await settle(app, pilot)
        assert form.has_class("-warn")
        assert _shown(warning)
        assert "个人信息" in str(warning.render())
        await pilot.press("f8")
        await settle(app, pilot)
        assert screen.last_path == masked  # the same name: the file is replaced
        assert "李秀兰" in _docx_cells(masked)

        screen.query_one("#export-kind", Select).value = "draft"
        await settle(app, pilot)
        assert not form.has_class("-warn")  # a draft carries no personal data


async def test_a_failed_export_says_why_in_chinese(app: WorkbenchApp, demo_dir: Path) -> None:
    """When exports/ cannot be created the screen shows the error and the screen stays usable."""
    exports = demo_dir / "exports"
    if exports.exists():
        shutil.rmtree(exports)
    exports.write_text("不是目录", encoding="utf-8")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_export(app, pilot)
        await pilot.press("f8")
        await settle(app, pilot)
        assert screen.last_path is None
        assert "无法写入导出文件" in screen.last_error
        result = screen.query_one("#export-result", Static)
        assert result.has_class("-error")
        assert "导出失败" in str(result.render())
        assert isinstance(app.screen, ExportScreen)


async def test_the_palette_opens_the_export_screen_and_checks_the_versions(
    app: WorkbenchApp,
) -> None:
    """The palette finds 导出 by its id; a 修改对照表 of a version against itself is refused."""

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pause(pilot)
        await pilot.press(*"app.export")
        await pause(pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#export-kind", Select).value = "compare"
        screen.query_one("#export-old", Select).value = 4
        await settle(app, pilot)
        assert screen.request() is None
        await pilot.press("f8")
        await settle(app, pilot)
        assert screen.last_path is None
        screen.query_one("#export-old", Select).value = 1
        screen.query_one("#export-unchanged", Checkbox).value = True
        await settle(app, pilot)
        request = screen.request()
        assert request is not None
        assert (request.kind, request.old, request.version) == ("compare", 1, 4)
        assert request.unchanged
        assert not request.personal


def _row(widget: Widget) -> Widget:
    """The form row holding ``widget`` (the row is what the kind shows or hides)."""
    row = widget.parent
    assert isinstance(row, Widget)
    return row


async def test_the_reports_at_each_reading_are_offered_and_written(
    app: WorkbenchApp, demo_dir: Path
) -> None:
    """A report compares the versions its kind is about (shown on the form) and reads back."""
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_export(app, pilot)
        screen.query_one("#export-kind", Select).value = "report-result"
        await settle(app, pilot)
        pair = screen.query_one("#export-report-pair", Static)
        version = screen.query_one("#export-version", Select)
        assert _shown(_row(pair))
        assert not _shown(_row(version))
        assert str(pair.render()) == "第3版 草案修改稿 → 第4版 表决稿"
        assert screen.query_one("#export-format", Select).value == "docx"
        await pilot.press("f8")
        await settle(app, pilot)
        path = screen.last_path
        assert path is not None, screen.last_error
        assert path == demo_dir / "exports" / "juja-yanglao-v4-审议结果.docx"
        text = [p.text for p in docx.Document(str(path)).paragraphs]
        assert text[0] == "关于《昌吉回族自治州居家养老服务条例（草案）》审议结果的报告"
        assert any("进行了第二次审议" in t for t in text)  # the demo's recorded 二审

        screen.query_one("#export-kind", Select).value = "report-drafting"
        await settle(app, pilot)
        assert str(pair.render()) == "第1版 草案建议稿 → 第2版 草案"
        screen.query_one("#export-kind", Select).value = "compare"
        await settle(app, pilot)
        assert not _shown(_row(pair))
        assert _shown(_row(version))
