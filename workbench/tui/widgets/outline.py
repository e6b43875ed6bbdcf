"""The outline of a draft: 编/章/节 and 条 as a tree, each with its comment count.

A line also carries a marker when the drafting checks found something in it (the worst
severity of its findings, its 款 and 项 included). A thin widget: it gets a `Document`, a
count and a marker per uid from its screen, and posts
`OutlineTree.Selected` when the highlighted article or heading changes. It never loads anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from workbench.model import CONTAINER_KINDS, Document, Node, Severity
from workbench.tui.widgets.finding_list import SEVERITY_MARKS

__all__ = ["OutlineTree"]

_PREVIEW = 14
"""How many characters of an article's first paragraph the outline shows."""


class OutlineTree(Tree[str]):
    """The 章/节/条 outline with a comment count on every line."""

    document: reactive[Document | None] = reactive(None, init=False, always_update=True)
    """The draft shown; setting it rebuilds the tree."""
    counts: reactive[Mapping[str, int]] = reactive(dict, init=False, always_update=True)
    """Comments per node uid (a container's count includes its articles')."""
    marks: reactive[Mapping[str, Severity]] = reactive(dict, init=False, always_update=True)
    """The worst severity of the checks' findings per node uid (rolled up to articles and
    headings); no entry, no marker."""

    @dataclass
    class Selected(Message):
        """The highlighted node changed."""

        outline: OutlineTree
        """The outline that posted it."""
        uid: str
        """The uid of the node now highlighted."""

        @property
        def control(self) -> OutlineTree:
            """The outline that posted the message."""
            return self.outline

        def can_replace(self, message: Message) -> bool:
            """Only the latest selection matters while keys repeat."""
            return isinstance(message, OutlineTree.Selected)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("草案", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self._lines: dict[str, TreeNode[str]] = {}
        """Tree nodes by uid, for `select_uid` and count updates."""
        self._by_uid: dict[str, Node] = {}
        """Model nodes by uid, to relabel when counts change."""

    def watch_document(self, document: Document | None) -> None:
        """Rebuild the tree from the new document, keeping the selection when it still exists."""
        previous = self.selected_uid
        self.clear()
        self._lines.clear()
        self._by_uid.clear()
        if document is None:
            return
        self._add(self.root, document.children)
        self.root.expand_all()
        if previous and previous in self._lines:
            self.select_uid(previous)

    def watch_counts(self, counts: Mapping[str, int]) -> None:
        """Relabel every line with its new count."""
        self._relabel()

    def watch_marks(self, marks: Mapping[str, Severity]) -> None:
        """Relabel every line with its new marker."""
        self._relabel()

    def _relabel(self) -> None:
        for uid, tree_node in self._lines.items():
            tree_node.set_label(self._label(self._by_uid[uid]))

    @property
    def selected_uid(self) -> str | None:
        """The uid under the cursor, if any."""
        node = self.cursor_node
        return node.data if node is not None and node.data else None

    def select_uid(self, uid: str) -> bool:
        """Move the cursor to ``uid``; False if the outline has no such node.

        Right after the tree was rebuilt its lines are not laid out yet, so the move waits for
        the next refresh.
        """
        tree_node = self._lines.get(uid)
        if tree_node is None:
            return False
        if tree_node.line < 0:
            self.call_after_refresh(self.move_cursor, tree_node)
        else:
            self.move_cursor(tree_node)
        return True

    def article_uids(self) -> list[str]:
        """The uids of the articles, in document order."""
        return [uid for uid, node in self._by_uid.items() if node.kind == "article"]

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """Turn Textual's highlight into a domain message."""
        event.stop()
        if event.node.data:
            self.post_message(self.Selected(self, event.node.data))

    def _add(self, parent: TreeNode[str], nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            if node.kind in CONTAINER_KINDS:
                self._by_uid[node.uid] = node
                branch = parent.add(self._label(node), data=node.uid, expand=True)
                self._lines[node.uid] = branch
                self._add(branch, node.children)
            elif node.kind == "article":
                self._by_uid[node.uid] = node
                self._lines[node.uid] = parent.add_leaf(self._label(node), data=node.uid)

    def _label(self, node: Node) -> Text:
        count = self.counts.get(node.uid, 0)
        label = Text()
        if node.kind in CONTAINER_KINDS:
            label.append(f"{node.num or ''} {node.heading or ''}".strip(), style="bold")
        else:
            label.append(node.num or "", style="bold")
        severity = self.marks.get(node.uid)
        if severity is not None:
            mark, style = SEVERITY_MARKS[severity]
            label.append(f" {mark}", style=style)
        if count:
            label.append(f" [{count}]", style="bold yellow")
        if node.kind == "article":
            first = node.children[0].text if node.children else node.text
            label.append(" " + first[:_PREVIEW], style="dim")
        return label
