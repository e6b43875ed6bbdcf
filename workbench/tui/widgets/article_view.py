"""One article (or heading) as the draft shows it: citation, number, paragraphs and items.

A thin widget: its screen sets the path to the node (ancestors then the node); it renders it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workbench.model import CONTAINER_KINDS, Node, articles, citation_label
from workbench.model.nodes import Document

__all__ = ["ArticleView", "render_article"]


def render_article(node: Node) -> Text:
    """The article as text: its number on a line, then its paragraphs and items, indented.

    The number stands on its own line because a terminal wraps at whitespace: ``第X条`` followed
    by the full-width space and an unbroken run of Chinese would wrap right after the number.
    """
    out = Text()
    out.append(node.num or "", style="bold")
    for paragraph in node.children:
        out.append("\n　　")
        out.append(paragraph.text)
        for item in paragraph.children:
            out.append(f"\n　　{item.num or ''}{item.text}")
            for sub in item.children:
                out.append(f"\n　　　　{sub.num or ''}{sub.text}")
    return out


class ArticleView(Static):
    """The selected article's text under its citation."""

    path: reactive[tuple[Node, ...] | None] = reactive(None, init=False, always_update=True)
    """Ancestors then the node shown; None shows a hint."""
    caption: reactive[str] = reactive("", init=False)
    """A line above the text, e.g. the version it comes from."""

    def watch_path(self, path: tuple[Node, ...] | None) -> None:
        """Render the new node."""
        self.update(self._render_path(path))

    def watch_caption(self, caption: str) -> None:
        """Re-render with the new caption."""
        self.update(self._render_path(self.path))

    def _render_path(self, path: tuple[Node, ...] | None) -> RenderableType:
        if not path:
            return Text("在左侧大纲中选择一条。", style="dim")
        node = path[-1]
        trail = " › ".join(
            f"{n.num or ''} {n.heading or ''}".strip()
            for n in path[:-1]
            if n.kind in CONTAINER_KINDS
        )
        head = Text()
        head.append(citation_label(path), style="bold reverse")
        if trail:
            head.append(f"  {trail}", style="dim")
        if self.caption:
            head.append(f"  {self.caption}", style="italic")
        if node.kind == "article":
            return Group(head, Text(""), render_article(node))
        if node.kind in CONTAINER_KINDS:
            inner = articles(Document(title="", children=(node,)))
            body = Text(
                f"{node.num or ''}　{node.heading or ''}\n共{len(inner)}条"
                + (f"：{inner[0].num}至{inner[-1].num}" if inner else ""),
            )
            return Group(head, Text(""), body)
        return Group(head, Text(""), Text(node.text))
