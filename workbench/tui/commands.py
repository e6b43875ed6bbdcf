"""The one list of TUI commands: it feeds the key bindings, the footer, the help and the palette.

Every action a person can take is declared here once, with the screen it belongs to. Keys are
chosen so that a Chinese input method does not swallow them: function keys and ctrl combinations
for everything that matters, plain ASCII letters only as a second key in lists and trees (an
active IME captures letters typed into an input, never those pressed on a list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["COMMANDS", "Command", "WorkbenchCommands", "bindings_for", "commands_for"]


@dataclass(frozen=True, slots=True)
class Command:
    """One user command: where it applies, its keys, its action and its Chinese name."""

    id: str
    """Stable id (``draft.next``) so a user keymap can rebind it."""
    scope: str
    """The screen it belongs to (``draft``, ``compare`` ...) or ``app`` for everywhere."""
    keys: str
    """Textual key names, comma-separated (``f3,ctrl+d``); the first is shown in the footer."""
    action: str
    """The action it runs on its screen (or the app): ``next_article``, ``show('draft')``."""
    title: str
    """Its name in the footer and the palette, in Chinese."""
    help: str
    """One sentence saying what it does, in Chinese."""
    show: bool = True
    """Whether the footer shows it (the palette always lists it; the screen keys are shown by
    the tab strip under the title instead)."""
    priority: bool = False
    """Whether the binding wins over the focused widget's own bindings."""


COMMANDS: tuple[Command, ...] = (
    # Everywhere.
    Command("app.help", "app", "f1", "help", "帮助", "列出本界面的全部命令与快捷键。"),
    Command("app.projects", "app", "f2", "show('projects')", "项目", "回到项目列表。", show=False),
    Command("app.draft", "app", "f3", "show('draft')", "草案", "查看草案条文与意见。", show=False),
    Command(
        "app.compare", "app", "f4", "show('compare')", "对照", "比较两个版本的条文。", show=False
    ),
    Command("app.triage", "app", "f5", "show('triage')", "意见", "逐条处理意见建议。", show=False),
    Command(
        "app.matrix",
        "app",
        "f6",
        "show('matrix')",
        "四前四方",
        "查看四前四方会商矩阵。",
        show=False,
    ),
    Command("app.edit", "app", "f7", "show('edit')", "编辑", "编辑工作稿的条文。", show=False),
    Command(
        "app.export",
        "app",
        "ctrl+x",
        "show('export')",
        "导出",
        "导出法规草案、修改对照表、意见采纳情况表或联络站反馈。",
        show=False,
    ),
    Command("app.quit", "app", "ctrl+q", "quit", "退出", "退出立法工作台。", priority=True),
    # Bound here so the footer says 命令面板 (Textual's own binding is labelled in English).
    Command(
        "app.palette",
        "app",
        "ctrl+p",
        "command_palette",
        "命令面板",
        "按名称查找并执行任何操作。",
        show=False,
        priority=True,
    ),
    # Projects.
    Command("projects.open", "projects", "enter", "open_project", "打开", "打开所选项目。"),
    # Draft.
    Command("draft.next", "draft", "ctrl+n,n", "next_article", "下一条", "选中下一条。"),
    Command("draft.prev", "draft", "ctrl+b,p", "previous_article", "上一条", "选中上一条。"),
    Command(
        "draft.version", "draft", "ctrl+v,v", "cycle_version", "切换版本", "依次查看各个版本。"
    ),
    Command("draft.copy", "draft", "ctrl+y,y", "copy_citation", "复制引用", "复制所选条款的引用。"),
    Command(
        "draft.comment",
        "draft",
        "f8,i",
        "show_comment",
        "意见详情",
        "查看所选意见的全文：意见建议、理由、建议修改为、来源和处理情况。",
    ),
    # Compare.
    Command("compare.next", "compare", "ctrl+n,n", "next_change", "下一处", "跳到下一处修改。"),
    Command("compare.prev", "compare", "ctrl+b,p", "previous_change", "上一处", "跳到上一处修改。"),
    Command("compare.old", "compare", "ctrl+o,o", "cycle_old", "原版本", "更换左侧的原版本。"),
    Command("compare.new", "compare", "ctrl+e,e", "cycle_new", "新版本", "更换右侧的新版本。"),
    Command(
        "compare.pick",
        "compare",
        "ctrl+g,g",
        "pick_versions",
        "选择版本",
        "输入要比较的两个版本（版本号或节点名）。",
    ),
    Command(
        "compare.mode",
        "compare",
        "ctrl+t,t",
        "toggle_inline",
        "并排/行内",
        "在并排对照与行内标注之间切换。",
    ),
    Command(
        "compare.renumber",
        "compare",
        "ctrl+r,r",
        "toggle_renumbered",
        "显示序号变动",
        "显示或隐藏仅因序号调整引起的变动。",
    ),
    # Triage.
    Command("triage.adopt", "triage", "f8,1", "decide('采纳')", "采纳", "采纳所选意见。"),
    Command(
        "triage.partial", "triage", "f9,2", "decide('部分采纳')", "部分采纳", "部分采纳所选意见。"
    ),
    Command("triage.reject", "triage", "f10,3", "decide('未采纳')", "未采纳", "不采纳所选意见。"),
    Command(
        "triage.refer", "triage", "f11,4", "decide('留作参考')", "留作参考", "将所选意见留作参考。"
    ),
    Command("triage.filter", "triage", "ctrl+f", "focus_filter", "筛选", "输入条件筛选意见。"),
    Command(
        "triage.state",
        "triage",
        "ctrl+s,s",
        "cycle_state",
        "状态",
        "依次筛选已定位、未定位、失去原条款的意见。",
    ),
    Command(
        "triage.clusters",
        "triage",
        "ctrl+g,g",
        "toggle_clusters",
        "重复意见",
        "按重复意见分组显示。",
    ),
    Command(
        "triage.decided",
        "triage",
        "ctrl+d,d",
        "cycle_decision",
        "处理情况",
        "依次筛选待处理、采纳、部分采纳、未采纳、留作参考的意见。",
    ),
    Command(
        "triage.version",
        "triage",
        "ctrl+v,v",
        "cycle_version",
        "切换版本",
        "按另一版本的条文序号显示。",
    ),
    Command("triage.place", "triage", "ctrl+l", "place", "定位", "把所选意见定位到条款。"),
    # Matrix.
    Command(
        "matrix.advance", "matrix", "enter,space", "advance", "推进", "将所选单元格推进到下一状态。"
    ),
    Command(
        "matrix.record", "matrix", "f8,r", "edit_record", "会商记录", "填写所选单元格的会商记录。"
    ),
    # Edit.
    Command("edit.text", "edit", "f8,enter", "edit_text", "改写", "改写所选条文。"),
    Command(
        "edit.insert", "edit", "ctrl+o,i", "insert_article", "插入条", "在所选条之后插入一条。"
    ),
    Command("edit.delete", "edit", "ctrl+d,d", "delete_article", "删除条", "删除所选条。"),
    Command("edit.up", "edit", "ctrl+up,u", "move_up", "上移", "将所选条上移一位。"),
    Command("edit.down", "edit", "ctrl+down,m", "move_down", "下移", "将所选条下移一位。"),
    Command(
        "edit.split", "edit", "ctrl+k,k", "split_article", "拆分", "把所选条的各款拆分为两条。"
    ),
    Command("edit.merge", "edit", "ctrl+g,j", "merge_article", "合并", "把下一条并入所选条。"),
    Command("edit.undo", "edit", "ctrl+z,z", "undo", "撤销", "撤销上一次修改。", show=False),
    Command("edit.redo", "edit", "ctrl+r,r", "redo", "重做", "重做撤销的修改。", show=False),
    Command("edit.save", "edit", "ctrl+s", "save", "保存", "保存工作稿。"),
    Command("edit.freeze", "edit", "f12", "freeze", "定稿", "把工作稿定为下一个节点的版本。"),
    # Export.
    Command(
        "export.run",
        "export",
        "f8,ctrl+s",
        "run_export",
        "开始导出",
        "按所选类型、版本和格式导出文件到工作区的 exports 目录。",
    ),
)
"""Every command of the TUI, in footer order within each screen."""


def commands_for(scope: str) -> tuple[Command, ...]:
    """The commands of one screen (without the app-wide ones)."""
    return tuple(c for c in COMMANDS if c.scope == scope)


def bindings_for(scope: str) -> list[BindingType]:
    """Textual bindings for one screen's commands (or ``app``), ids taken from the commands."""
    return [
        Binding(
            c.keys,
            c.action,
            c.title,
            show=c.show,
            tooltip=c.help,
            id=c.id,
            priority=c.priority,
        )
        for c in commands_for(scope)
    ]


class WorkbenchCommands(Provider):
    """The command palette: the current screen's commands and the app-wide ones."""

    def _available(self) -> Iterable[Command]:
        scope = getattr(self.screen, "SCOPE", "")
        return (c for c in COMMANDS if c.scope in (scope, "app"))

    async def _run(self, command: Command) -> None:
        target: Any = self.app if command.scope == "app" else self.screen
        await target.run_action(command.action)

    async def discover(self) -> Hits:
        """List every available command when the palette opens empty."""
        for command in self._available():
            yield DiscoveryHit(command.title, partial(self._run, command), help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands whose Chinese name, help or id match ``query``."""
        matcher = self.matcher(query)
        for command in self._available():
            haystack = f"{command.title} {command.id}"
            score = max(matcher.match(haystack), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(self._run, command),
                    help=command.help,
                )
