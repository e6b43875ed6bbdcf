"""The one list of TUI commands: it feeds the key bindings, the footer, the help and the palette.

Every action a person can take is declared here once, with the screen it belongs to. The keys
follow one rule: **a key has one meaning on every screen** (it carries the same title wherever
it is bound; `tests/tui/test_commands.py` checks it). Only the four keys of `GENERIC_KEYS` act
on "what is selected here", whatever the screen shows. Keys a terminal or a text field takes
are never bound (`RESERVED_KEYS`): GNOME Terminal and Windows Terminal swallow F10 and F11, and
ctrl+a/c/d/e/k/u/v/w/x edit the text of an input.

Function keys, ctrl combinations and digits pass a Chinese input method untouched; plain
letters are second keys that act on lists, trees and tables (with the IME in English mode).
Every command is in the palette (ctrl+p) as well. A user keymap (`workbench.tui.keymap`) can
rebind any command by its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

__all__ = [
    "COMMANDS",
    "GENERIC_KEYS",
    "RESERVED_KEYS",
    "Command",
    "WorkbenchCommands",
    "WorkbenchPalette",
    "bindings_for",
    "commands_for",
    "keys_of",
]


@dataclass(frozen=True, slots=True)
class Command:
    """One user command: where it applies, its keys, its action and its Chinese name."""

    id: str
    """Stable id (``draft.next``) so a user keymap can rebind it."""
    scope: str
    """The screen it belongs to (``draft``, ``compare`` ...), ``app`` for everywhere, or a
    dialog (``dialog``, ``text``, ``detail``, ``help``)."""
    keys: str
    """Textual key names, comma-separated (``ctrl+n,n``); the first is shown in the footer."""
    action: str
    """The action it runs on its screen (or the app): ``next_article``, ``show('draft')``."""
    title: str
    """Its name in the footer and the palette, in Chinese."""
    help: str
    """One sentence saying what it does, in Chinese."""
    show: bool = True
    """Whether the footer shows it (the palette and F1 always list it). Footers stay short
    enough to show 帮助 at 80 columns."""
    priority: bool = False
    """Whether the binding wins over the focused widget's own binding of the same key (Enter on
    a tree or a table)."""


GENERIC_KEYS: Mapping[str, str] = {
    "enter": "打开或编辑所选的一项",
    "escape": "关闭对话框或取消",
    "insert": "在本界面新建一项",
    "delete": "删除所选的一项",
}
"""Keys whose one meaning is "do the obvious thing to what is selected"; their titles differ."""

RESERVED_KEYS: frozenset[str] = frozenset(
    {"f10", "f11", *(f"ctrl+{c}" for c in "acdekuvwx"), "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m"}
)
"""Keys no command may take: the terminal's (F10 menu, F11 full screen) and a text field's."""


COMMANDS: tuple[Command, ...] = (
    # Everywhere.
    Command(
        "app.help", "app", "f1,question_mark", "help", "帮助", "列出本界面的全部命令与快捷键。"
    ),
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
        "f8",
        "show('export')",
        "导出",
        "打开导出界面：法规草案、修改对照表、意见采纳情况表或联络站反馈。",
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
    Command(
        "projects.open",
        "projects",
        "enter",
        "open_project",
        "打开",
        "打开所选项目。",
        priority=True,
    ),
    Command(
        "projects.new",
        "projects",
        "insert",
        "new_project",
        "新建项目",
        "选择一份草案文件，以它新建一个立法项目。",
    ),
    Command(
        "projects.import",
        "projects",
        "ctrl+o",
        "import_draft",
        "导入草案",
        "把一份草案文件导入所选项目：作为新的版本，或替换工作稿。",
    ),
    Command(
        "projects.ingest",
        "projects",
        "ctrl+r",
        "ingest",
        "接收意见",
        "接收放入工作区 inbox 目录的意见表（XLSX、CSV、JSON），显示进度。",
        show=False,
    ),
    # Draft.
    Command("draft.next", "draft", "ctrl+n,n", "next_article", "下一条", "选中下一条。"),
    Command("draft.prev", "draft", "ctrl+b,p", "previous_article", "上一条", "选中上一条。"),
    Command("draft.version", "draft", "v", "pick_version", "选择版本", "选择要查看的版本。"),
    Command(
        "draft.search",
        "draft",
        "ctrl+f,slash",
        "search",
        "查找",
        "在本版条文中检索词语（两字词亦可），选中结果即跳到该条。",
        show=False,
    ),
    Command(
        "draft.copy",
        "draft",
        "c",
        "copy_citation",
        "复制引用",
        "复制所选条款的引用（含法规名称）。",
        show=False,
    ),
    Command(
        "draft.comment",
        "draft",
        "i",
        "show_comment",
        "意见详情",
        "查看所选意见的全文：意见建议、理由、建议修改为、来源和处理情况（在意见列表上按回车亦可）。",
    ),
    Command(
        "draft.findings",
        "draft",
        "w",
        "toggle_findings",
        "问题",
        "显示或隐藏本版按立法技术规范检查出的问题清单（在清单上按回车跳到该条款）。",
        show=False,
    ),
    Command(
        "draft.upper",
        "draft",
        "b",
        "show_upper",
        "上位法",
        "查看所选条文引用的上位法条文（本版日期施行的版本），上位法修改后序号已变的，一并显示现行条文。",
        show=False,
    ),
    # Compare.
    Command(
        "compare.next", "compare", "ctrl+n,n", "next_change", "下一条", "跳到下一处修改的条文。"
    ),
    Command(
        "compare.prev", "compare", "ctrl+b,p", "previous_change", "上一条", "跳到上一处修改的条文。"
    ),
    Command(
        "compare.search",
        "compare",
        "ctrl+f,slash",
        "search",
        "查找",
        "在两个版本的条文中检索词语，选中结果即跳到该条的修改对照。",
        show=False,
    ),
    Command(
        "compare.pick",
        "compare",
        "v",
        "pick_versions",
        "选择版本",
        "输入要比较的两个版本（版本号或名称）。",
    ),
    Command(
        "compare.old",
        "compare",
        "o",
        "cycle_old",
        "原版本",
        "把左侧的原版本换成另一个版本。",
        show=False,
    ),
    Command(
        "compare.new",
        "compare",
        "e",
        "cycle_new",
        "新版本",
        "把右侧的新版本换成另一个版本。",
        show=False,
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
        "r",
        "toggle_renumbered",
        "序号变动",
        "显示或隐藏仅因序号调整引起的变动。",
        show=False,
    ),
    Command(
        "compare.decision",
        "compare",
        "x",
        "toggle_decision",
        "决定项",
        "显示或隐藏适用于原版本的修改决定的各项；选中一项即跳到它修改的条文。",
        show=False,
    ),
    # Triage: the decisions on the digits (they pass an IME), shown in the footer.
    Command("triage.adopt", "triage", "1", "decide('采纳')", "采纳", "采纳所选意见。"),
    Command(
        "triage.partial", "triage", "2", "decide('部分采纳')", "部分采纳", "部分采纳所选意见。"
    ),
    Command(
        "triage.reject",
        "triage",
        "3",
        "decide('未采纳')",
        "未采纳",
        "不采纳所选意见（须说明理由）。",
    ),
    Command(
        "triage.refer", "triage", "4", "decide('留作参考')", "留作参考", "将所选意见留作参考。"
    ),
    Command(
        "triage.filter",
        "triage",
        "ctrl+f,slash",
        "focus_filter",
        "查找",
        "查找意见：输入词语检索意见建议、理由和建议修改为，或输入联络站编号、条款（如 ST01、第十一条）筛选；回车确定，Esc 回到列表。",
        show=False,
    ),
    Command(
        "triage.state",
        "triage",
        "s",
        "cycle_state",
        "状态",
        "依次筛选已定位、未定位、失去原条款的意见。",
        show=False,
    ),
    Command(
        "triage.decided",
        "triage",
        "d",
        "cycle_decision",
        "处理情况",
        "依次筛选待处理、采纳、部分采纳、未采纳、留作参考的意见。",
        show=False,
    ),
    Command(
        "triage.clusters",
        "triage",
        "g",
        "toggle_clusters",
        "重复意见",
        "按重复意见分组显示。",
        show=False,
    ),
    Command(
        "triage.version",
        "triage",
        "v",
        "pick_version",
        "选择版本",
        "按另一版本的条文序号显示意见。",
        show=False,
    ),
    Command(
        "triage.ingest",
        "triage",
        "ctrl+r",
        "ingest",
        "接收意见",
        "接收放入工作区 inbox 目录的意见表（XLSX、CSV、JSON），显示进度。",
        show=False,
    ),
    Command(
        "triage.coverage",
        "triage",
        "f",
        "coverage",
        "覆盖情况",
        "打开意见覆盖热力表：各站点（或县市）对各章提出的意见数，没有提出意见的站点和没有意见的条文。",
        show=False,
    ),
    Command(
        "triage.place",
        "triage",
        "ctrl+l,l",
        "place",
        "定位",
        "把所选意见定位到条款。",
        show=False,
    ),
    # Matrix: a cell only moves forward with space; going back asks first.
    Command(
        "matrix.advance",
        "matrix",
        "space",
        "advance",
        "推进",
        "将所选单元格推进到下一状态（未征求→已征求→已反馈→已会商）。",
    ),
    Command(
        "matrix.back",
        "matrix",
        "backspace",
        "step_back",
        "退回",
        "将所选单元格退回上一状态（须确认）。",
    ),
    Command(
        "matrix.record",
        "matrix",
        "enter",
        "edit_record",
        "会商记录",
        "填写所选单元格的会商记录。",
        priority=True,
    ),
    # Edit.
    Command(
        "edit.text",
        "edit",
        "enter",
        "edit_text",
        "改写",
        "改写所选条文，或修改所选章、节的标题。",
        priority=True,
    ),
    Command(
        "edit.insert", "edit", "insert,a", "insert_article", "增加条", "在所选条之后增加一条。"
    ),
    Command(
        "edit.delete",
        "edit",
        "delete",
        "delete_article",
        "删除",
        "删除所选条，或删除所选章、节（先问是否保留其中条文；均可撤销）。",
    ),
    Command(
        "edit.container",
        "edit",
        "h",
        "add_container",
        "另设章节",
        "从所选条起另设一章或一节（其后各条随之归入）。",
        show=False,
    ),
    Command("edit.up", "edit", "ctrl+up,u", "move_up", "上移", "将所选条上移一位。", show=False),
    Command(
        "edit.down", "edit", "ctrl+down,m", "move_down", "下移", "将所选条下移一位。", show=False
    ),
    Command(
        "edit.split",
        "edit",
        "k",
        "split_article",
        "拆分",
        "把所选条的各款拆分为两条。",
        show=False,
    ),
    Command(
        "edit.merge",
        "edit",
        "j",
        "merge_article",
        "合并",
        "把下一条并入所选条。",
        show=False,
    ),
    Command(
        "edit.import",
        "edit",
        "ctrl+o",
        "import_draft",
        "导入草案",
        "把一份草案文件导入本项目：作为新的版本，或替换工作稿。",
        show=False,
    ),
    Command("edit.undo", "edit", "ctrl+z", "undo", "撤销", "撤销上一次修改。", show=False),
    Command("edit.redo", "edit", "ctrl+y", "redo", "重做", "重做撤销的修改。", show=False),
    Command("edit.save", "edit", "ctrl+s", "save", "保存", "保存工作稿。"),
    Command("edit.freeze", "edit", "f12", "freeze", "定稿", "把工作稿定为下一个版本。", show=False),
    # Export: F8 opens this screen from anywhere; here it writes the file.
    Command(
        "export.run",
        "export",
        "f8",
        "run_export",
        "导出",
        "按所选类型、版本和格式导出文件到工作区的 exports 目录。",
    ),
    # Dialogs.
    Command("dialog.cancel", "dialog", "escape", "cancel", "取消", "关闭对话框，不做任何改动。"),
    Command("text.save", "text", "ctrl+s", "confirm", "保存", "保存所写的文字并关闭对话框。"),
    Command("text.cancel", "text", "escape", "cancel", "取消", "关闭对话框，不保存所写的文字。"),
    Command("detail.close", "detail", "escape", "close", "关闭", "关闭意见详情。"),
    Command("ingest.start", "ingest", "enter", "start", "开始接收", "开始接收收件箱中的意见表。"),
    Command("ingest.close", "ingest", "escape", "close", "关闭", "关闭接收窗口。"),
    Command("coverage.rows", "coverage", "q", "toggle_rows", "按县市", "按站点或按县市显示各行。"),
    Command(
        "coverage.close", "coverage", "escape", "close", "关闭", "关闭覆盖情况，回到意见列表。"
    ),
    Command("help.close", "help", "escape", "dismiss", "关闭", "关闭帮助。"),
    Command("help.toggle", "help", "f1", "dismiss", "帮助", "关闭帮助。", show=False),
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


def keys_of(command: Command, keymap: Mapping[str, str]) -> str:
    """The keys that run ``command`` once the user's keymap (id → keys) is applied."""
    return keymap.get(command.id, command.keys)


class WorkbenchCommands(Provider):
    """The command palette: the current screen's commands and the app-wide ones."""

    def _available(self) -> Iterable[Command]:
        scope = getattr(self.screen, "SCOPE", "")
        return (c for c in COMMANDS if c.scope in (scope, "app") and c.id != "app.palette")

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


class WorkbenchPalette(CommandPalette):
    """Textual's command palette with its prompts in Chinese."""

    def __init__(self) -> None:
        super().__init__(placeholder="输入命令名称查找（如 采纳、导出）……", id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" in English; this says it in Chinese instead.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text("没有符合的命令", style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
