"""What the edit screen asks before an edit, as functions that return the edit to apply.

Each opens the dialogs one edit needs and returns the pure edit (`EditOperation`), or None when
the person cancels. Called from the edit screen's workers; the screen applies the edit, records it for undo and
shows what it caused.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from workbench import edit
from workbench.edit import EditResult
from workbench.model import Document, Node, NodeKind, UidFactory
from workbench.tui.editing import article_text
from workbench.tui.rewrite import rewrite_article
from workbench.tui.screens.dialogs import ChoiceDialog, PromptDialog, TextDialog

__all__ = [
    "EditOperation",
    "ask_delete_container",
    "ask_insert",
    "ask_new_container",
    "ask_rename",
    "ask_split",
    "ask_text",
]

EditOperation = Callable[[Document], EditResult]
"""A pure edit waiting for the document it applies to."""

_CONTAINERS: tuple[tuple[NodeKind, str], ...] = (("chapter", "章"), ("section", "节"))
_KIND_NAMES = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}


async def ask_text(app: App[None], node: Node, uids: UidFactory) -> EditOperation | None:
    """The article's new wording (one 款 a line, 项 starting with （一）)."""
    text = await app.push_screen_wait(
        TextDialog(f"改写{node.num}：每行一款，项以“（一）”开头", article_text(node))
    )
    if text is None or text == article_text(node):
        return None
    return lambda doc: rewrite_article(doc, node.uid, text, uids)


async def ask_insert(app: App[None], node: Node, uids: UidFactory) -> EditOperation | None:
    """A new article's wording, to go after ``node``."""
    text = await app.push_screen_wait(TextDialog(f"在{node.num}后增加一条：每行一款", ""))
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return None
    return lambda doc: edit.insert_article(doc, lines, uids=uids, after=node.uid)


async def ask_split(app: App[None], node: Node, uids: UidFactory) -> EditOperation | None:
    """At which 款 the article splits into two."""
    answer = await app.push_screen_wait(
        PromptDialog(f"从{node.num}的第几款起拆分为新的一条？", "2", "2")
    )
    if answer is None:
        return None
    if not answer.isdigit() or not 2 <= int(answer) <= len(node.children):
        app.notify(f"请输入 2 到 {len(node.children)} 之间的款序号。", severity="warning")
        return None
    at = int(answer)
    return lambda doc: edit.split(doc, node.uid, at, uids=uids)


async def ask_rename(app: App[None], node: Node) -> EditOperation | None:
    """A 章/节's new heading."""
    heading = await app.push_screen_wait(
        PromptDialog(f"{node.num}的新标题", "如 服务保障", node.heading or "")
    )
    if not heading or heading == node.heading:
        return None
    return lambda doc: edit.rename(doc, node.uid, heading)


async def ask_new_container(app: App[None], node: Node, uids: UidFactory) -> EditOperation | None:
    """Which kind (章 or 节) begins at the article ``node``, and its heading."""
    choice = await app.push_screen_wait(
        ChoiceDialog(
            f"从{node.num}起另设",
            [f"一{name}（{node.num}及其后各条归入新的一{name}）" for _, name in _CONTAINERS],
        )
    )
    if choice is None:
        return None
    kind, name = _CONTAINERS[choice]
    heading = await app.push_screen_wait(PromptDialog(f"新的一{name}的标题", "如 服务保障"))
    if not heading:
        return None
    return lambda doc: edit.start_container(doc, kind, heading, node.uid, uids=uids)


async def ask_delete_container(app: App[None], node: Node) -> EditOperation | None:
    """Whether a deleted 章/节 hands its articles to the one before, or takes them along."""
    choice = await app.push_screen_wait(
        ChoiceDialog(
            f"删除{node.num}“{node.heading or ''}”",
            [
                "取消",
                f"撤销{node.num}，其中条文并入前一{_KIND_NAMES.get(node.kind, '章')}",
                f"删除{node.num}及其中全部条文",
            ],
        )
    )
    if choice == 1:
        return lambda doc: edit.join_previous(doc, node.uid)
    if choice == 2:
        return lambda doc: edit.delete(doc, node.uid)
    return None
