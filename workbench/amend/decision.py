"""A 修改决定 as read: its header, numbered items with their operations, closing clauses.

A decision amending several instruments at once (关于修改《A》等N件…的决定, a 修正案 of three
单行条例) has one `DecisionPart` per instrument; each part can be applied to its own base.
Pure types; `workbench.amend.reader` builds them.
"""

from __future__ import annotations

from typing import Literal

from workbench.amend.operations import Operation
from workbench.model import WorkbenchModel

__all__ = ["Closing", "Decision", "DecisionItem", "DecisionPart", "ItemStatus", "kind_name"]

ItemStatus = Literal["understood", "manual", "unrecognised"]


class DecisionItem(WorkbenchModel):
    """One numbered item (一、二、… or 1. 2. …, or 第N条 of a 修正案) and what it does."""

    label: str
    """The item's number as written: ``一``, ``3``, ``第三十二条``; ``（未编号）`` when it has none."""
    line: int | None = None
    """The source line it starts on."""
    text: str
    """Its words as written (paragraphs joined by newlines)."""
    operations: tuple[Operation, ...] = ()
    """What it does, in the order written."""
    status: ItemStatus = "understood"
    """``understood`` (every clause read), ``manual`` (needs a person, see ``message``) or
    ``unrecognised`` (some of its words could not be read at all)."""
    message: str | None = None
    """Why the item (or a clause of it) is manual or unrecognised, in Chinese."""


class Closing(WorkbenchModel):
    """The clauses after the items (§4.2 N, O, P) and what they declare."""

    reorder: bool = False
    """条文顺序作相应调整: untouched articles are renumbered silently."""
    unitemised: str | None = None
    """The words declaring changes not listed item by item (对法规的一些文字作了修改)."""
    effective: str | None = None
    """The 施行 clause (本决定自2024年12月1日起施行。)."""
    republish: str | None = None
    """The 重新公布 clause."""
    other: tuple[str, ...] = ()
    """Any other closing paragraph, kept as written."""


class DecisionPart(WorkbenchModel):
    """The items amending one instrument."""

    instrument: str | None = None
    """The instrument amended (``上海市人民代表大会常务委员会规范性文件备案审查条例``)."""
    heading: str | None = None
    """The part's heading in a decision amending several (一、修改《…》); None otherwise."""
    label: str | None = None
    """The part's number in such a decision (``一``)."""
    intro: tuple[str, ...] = ()
    """Paragraphs between the part heading and its first item (原《条例》共二十条…)."""
    items: tuple[DecisionItem, ...] = ()
    """The numbered items, in order."""


class Decision(WorkbenchModel):
    """A 修改决定 (or 修正案) as read from its text."""

    title: str
    """The decision's title."""
    note: str = ""
    """Its own 题注: when and by whom it was adopted, without the parentheses."""
    preamble: tuple[str, ...] = ()
    """The paragraphs before the first item (…决定对《…》作如下修改：)."""
    parts: tuple[DecisionPart, ...] = ()
    """One part per instrument amended (one for an ordinary decision)."""
    closing: Closing = Closing()
    """The closing clauses."""
    source: str | None = None
    """The file it was read from."""

    @property
    def items(self) -> tuple[DecisionItem, ...]:
        """Every item of every part, in order."""
        return tuple(item for part in self.parts for item in part.items)

    def part_for(self, title: str) -> DecisionPart | None:
        """The part amending the instrument titled ``title`` (None when none does)."""
        wanted = _key(title)
        for part in self.parts:
            if part.instrument is not None and _key(part.instrument) == wanted:
                return part
        return None


def _key(title: str) -> str:
    return "".join(title.split()).replace("〈", "《").replace("〉", "》")


def kind_name(op: Operation) -> str:
    """The stable name of an operation in JSON output: ``replace_article``, ``insert_paragraph``…."""
    if op.kind == "replace":
        return f"replace_{op.target.level}"
    if op.kind == "insert":
        return f"insert_{op.level}"
    if op.kind == "delete":
        levels = {t.level for t in op.targets}
        return f"delete_{levels.pop()}" if len(levels) == 1 else "delete"
    if op.kind == "words":
        if op.target is None or op.every:
            return "replace_everywhere" if op.action == "replace" else f"{op.action}_everywhere"
        return f"{op.action}_words"
    if op.kind == "renumber":
        return "renumber_article"
    if op.kind == "split":
        return "split_article"
    if op.kind == "merge":
        return "merge_articles"
    if op.kind == "demote":
        return "demote_article"
    if op.kind == "insert_container":
        return f"insert_{op.level}"
    if op.kind == "rename":
        if op.target.title:
            return "rename_title"
        return f"remove_{op.target.level}_heading" if op.remove else f"rename_{op.target.level}"
    if op.kind == "declared":
        return f"renumber_{op.level}_declared"
    return f"closing_{op.what}"
