"""One article (or heading) as the draft shows it: citation, number, paragraphs and items.

A thin widget: its screen sets the path to the node (ancestors then the node) and the markers
of the drafting checks' findings per node; it renders them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workbench.model import CONTAINER_KINDS, Node, Severity, articles, citation_label
from workbench.model.nodes import Document
from workbench.tui.widgets.finding_list import SEVERITY_MARKS

__all__ = ["ArticleView", "render_article"]


def render_article(node: Node, marks: Mapping[str, Severity] | None = None) -> Text:
    """The article as text: its number on a line, then its paragraphs and items, indented.

    The number stands on its own line because a terminal wraps at whitespace: ``第X条`` followed
    by the full-width space and an unbroken run of Chinese would wrap right after the number.
    A 款, 项 or 目 the checks found something in starts with its severity's marker.
    """
    marks = marks or {}
    out = Text()
    out.append(node.num or "", style="bold")
    _mark(out, marks, node.uid, before=" ")
    for paragraph in node.children:
        out.append("\n")
        _mark(out, marks, paragraph.uid, indent="　　")
        out.append(paragraph.text)
        for item in paragraph.children:
            out.append("\n")
            _mark(out, marks, item.uid, indent="　　")
            out.append(f"{item.num or ''}{item.text}")
            for sub in item.children:
                out.append("\n")
                _mark(out, marks, sub.uid, indent="　　　　")
                out.append(f"{sub.num or ''}{sub.text}")
    return out


def _mark(
    out: Text, marks: Mapping[str, Severity], uid: str, *, indent: str = "", before: str = ""
) -> None:
    """The indent of a line, its last two columns taken by the marker when there is one.

    The marker is one column wide: a half-width space before it keeps the text aligned, and no
    space after it, so the terminal does not wrap the line right after the marker.
    """
    severity = marks.get(uid)
    if severity is None:
        out.append(indent)
        return
    mark, style = SEVERITY_MARKS[severity]
    out.append(before + (indent[:-1] + " " if indent else ""))
    out.append(mark, style=style)


class ArticleView(Static):
    """The selected article's text under its citation."""

    path: reactive[tuple[Node, ...] | None] = reactive(None, init=False, always_update=True)
    """Ancestors then the node shown; None shows a hint."""
    caption: reactive[str] = reactive("", init=False)
    """A line above the text, e.g. the version it comes from."""
    marks: reactive[Mapping[str, Severity]] = reactive(dict, init=False, always_update=True)
    """The worst severity of the checks' findings on each node (by uid)."""

    def watch_path(self, path: tuple[Node, ...] | None) -> None:
        """Render the new node."""
        self.update(self._render_path(path))

    def watch_caption(self, caption: str) -> None:
        """Re-render with the new caption."""
        self.update(self._render_path(self.path))

    def watch_marks(self, marks: Mapping[str, Severity]) -> None:
        """Re-render with the new markers."""
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
            return Group(head, Text(""), render_article(node, self.marks))
        if node.kind in CONTAINER_KINDS:
            inner = articles(Document(title="", children=(node,)))
            body = Text(
                f"{node.num or ''}　{node.heading or ''}\n共{len(inner)}条"
                + (f"：{inner[0].num}至{inner[-1].num}" if inner else ""),
            )
            return Group(head, Text(""), body)
        return Group(head, Text(""), Text(node.text))
