"""The questions that bring a draft file in: which file, into which project, as what.

`ask_import` runs the dialogs one after the other (from a screen's worker) and returns an
`ImportRequest`, or None when the person cancels; the screen then runs the import itself in a
thread worker through `Session.import_draft`.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from workbench.tui.screens.dialogs import ChoiceDialog, PromptDialog
from workbench.tui.screens.files import FileDialog
from workbench.tui.values import ImportRequest

__all__ = ["ask_import"]


async def ask_import(
    app: App[None],
    stages: tuple[str, ...],
    slug: str | None,
    *,
    proposed: str = "",
    start: Path | None = None,
) -> ImportRequest | None:
    """Ask for a draft file and what it becomes.

    Args:
        app: The app the dialogs open on.
        stages: The consultation nodes a version can be frozen at.
        slug: The project to import into; None asks for a new project's code.
        proposed: The node offered first (the one after the project's latest version).
        start: The folder the file dialog opens at (the home folder by default).
    """
    path = await app.push_screen_wait(FileDialog("选择草案文件", start or Path.home()))
    if path is None:
        return None
    new = slug is None
    if slug is None:
        slug = await app.push_screen_wait(
            PromptDialog(
                f"新项目的代号（用于命令行和文件名；小写字母、数字和连字符）：{path.name}",
                "如 juja-yanglao",
            )
        )
        if not slug:
            return None
    else:
        target = await app.push_screen_wait(
            ChoiceDialog(
                f"把 {path.name} 导入项目 {slug}",
                [
                    "作为新的版本（在某一征求意见节点定稿）",
                    "替换工作稿（原工作稿中尚未定稿的修改将被取代，可在操作日志中查到）",
                ],
            )
        )
        if target is None:
            return None
        if target == 1:
            return ImportRequest(path, slug)
    if not stages:
        return None
    node = await app.push_screen_wait(
        ChoiceDialog(
            f"{path.name} 是哪个节点的稿件？",
            list(stages),
            stages.index(proposed) if proposed in stages else 0,
        )
    )
    if node is None:
        return None
    return ImportRequest(path, slug, stages[node], create=new)
