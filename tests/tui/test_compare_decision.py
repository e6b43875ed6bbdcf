"""The compare screen shows the items of the decision applied to the old version (key x)."""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import DEMO_SLUG
from tests.support.pilot import settle
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.widgets.change_list import ChangeList
from workbench.tui.widgets.decision_items import DecisionItems
from workbench.workspace.amendments import AmendmentService
from workbench.workspace.workspace import Workspace

DECISION = """关于修改《昌吉回族自治州居家养老服务条例》的决定

一、将第二条修改为：“自治州行政区域内居家养老服务的提供、保障及其监督管理活动，适用本条例。”

二、删去第七条。

三、在其中增加“定期”。

本决定自公布之日起施行。
"""


async def test_decision_items_sit_beside_the_comparison(
    app: WorkbenchApp, workspace: Workspace, tmp_path: Path
) -> None:
    """A decision applied to 表决前 and frozen: x lists its items; choosing one shows its change."""
    path = tmp_path / "决定.md"
    path.write_text(DECISION, encoding="utf-8")
    # The demo is a new regulation (制定): the decision is carried into it on purpose.
    AmendmentService(workspace).apply(
        DEMO_SLUG, path, actor="测试员", replace_draft=True, any_kind=True
    )
    workspace.freeze_working_draft(DEMO_SLUG, "表决前", actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.old, screen.new) == (4, 5)
        items = screen.query_one(DecisionItems)
        right = screen.query_one("#compare-right")
        assert not right.has_class("-decision")
        await pilot.press("x")
        await settle(app, pilot)
        assert right.has_class("-decision")
        assert items.display
        assert [(e.label, e.status) for e in items.items] == [
            ("一", "已适用"),
            ("二", "已适用"),
            ("三", "需人工处理"),
        ]
        changes = screen.query_one(ChangeList)
        kinds = [c.kind for c in changes.changes]
        assert "删除" in kinds
        items.highlighted = 1
        await settle(app, pilot)
        assert changes.changes[screen.current].kind == "删除"
        assert changes.changes[screen.current].label == "第七条"
        await pilot.press("x")
        await settle(app, pilot)
        assert not right.has_class("-decision")
