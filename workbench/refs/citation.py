"""Typed results of citation parsing: a `Citation` made of `CitationMember`s of `CitationTarget`s.

A target is an *anchor* (the document, or a relative start such as 前款 / 本条 / 本章) followed by
the explicit levels written below it (第X章, 第X条之K, 第Y款, 第Z项, 第N目). Members are single
targets or inclusive ranges; a citation lists one or more members under one scope (本条例, an
external 《…》 title or a bare law name). Pure types; parsing is in `workbench.refs.grammar`.
"""

from __future__ import annotations

from typing import Literal

from workbench.model import WorkbenchModel

__all__ = [
    "ANCHOR_LEVEL",
    "LEVELS",
    "Anchor",
    "Citation",
    "CitationMember",
    "CitationTarget",
    "Level",
    "ScopeKind",
]

Level = Literal["book", "part", "chapter", "section", "article", "paragraph", "item", "subitem"]
LEVELS: tuple[Level, ...] = (
    "book",
    "part",
    "chapter",
    "section",
    "article",
    "paragraph",
    "item",
    "subitem",
)
"""The citable levels from the top (编) down (目)."""

Anchor = Literal[
    "document",
    "this_book",
    "this_part",
    "this_chapter",
    "this_section",
    "this_article",
    "previous_article",
    "this_paragraph",
    "previous_paragraph",
    "this_item",
    "previous_item",
]

ANCHOR_LEVEL: dict[Anchor, int] = {
    "document": -1,
    "this_book": 0,
    "this_part": 1,
    "this_chapter": 2,
    "this_section": 3,
    "this_article": 4,
    "previous_article": 4,
    "this_paragraph": 5,
    "previous_paragraph": 5,
    "this_item": 6,
    "previous_item": 6,
}
"""The depth (index in `LEVELS`) an anchor stands at; ``document`` is above everything."""

ScopeKind = Literal["internal", "external"]


class CitationTarget(WorkbenchModel):
    """One cited place: an anchor plus the levels written (or inherited) below it."""

    anchor: Anchor = "document"
    """Where resolution starts: the whole document, or a relative start (前款 = previous_paragraph)."""
    count: int = 1
    """How many units a relative anchor covers: 2 for 前两款, 3 for 前三款."""
    part_name: str | None = None
    """A part named instead of numbered, as written: 总则, 分则, 附则, 合同编 (刑法分则第四章,
    本法总则第四章第八节, 民法典合同编第五百条); the numbered levels lie inside it."""
    book: int | None = None
    """第N编, when written."""
    part: int | None = None
    """第N分编, when written."""
    chapter: int | None = None
    """第N章, when written."""
    section: int | None = None
    """第N节, when written."""
    article: int | None = None
    """第N条, when written."""
    article_suffix: int = 0
    """K of 第N条之K; 0 for a plain article."""
    paragraph: int | None = None
    """第N款 (position within the article), when written."""
    item: int | None = None
    """第N项 / 第（N）项, when written."""
    subitem: int | None = None
    """第N目, when written."""
    item_parens: bool = False
    """Whether the item was written with brackets: 第（三）项."""
    written_from: int = -1
    """The highest level (index in `LEVELS`, or the anchor's) written in this member itself;
    levels above it were inherited from the previous member of a list or range."""
    implicit: bool = False
    """True when the anchor was not written but implied (a bare 第二款 means 本条第二款)."""

    def levels(self) -> dict[Level, int]:
        """The explicit numbered levels, top-down, as ``{level: number}``."""
        out: dict[Level, int] = {}
        for level in LEVELS:
            value = getattr(self, level)
            if value is not None:
                out[level] = value
        return out

    @property
    def deepest(self) -> int:
        """The index in `LEVELS` of the lowest level the target names (anchor included)."""
        depth = ANCHOR_LEVEL[self.anchor]
        for i, level in enumerate(LEVELS):
            if getattr(self, level) is not None:
                depth = max(depth, i)
        return depth


class CitationMember(WorkbenchModel):
    """One member of a citation list: a single target, or an inclusive range ``first至last``."""

    first: CitationTarget
    """The target, or the first end of a range."""
    last: CitationTarget | None = None
    """The second end of a range (endpoints inclusive); None for a single target."""


class Citation(WorkbenchModel):
    """A citation as written in running text, e.g. ``本条例第十五条第一款第四项、第五项``."""

    text: str
    """The words as written (without a trailing 等)."""
    start: int = 0
    """Offset of the first character in the text it was found in."""
    end: int = 0
    """Offset just after the last character."""
    scope: ScopeKind = "internal"
    """``internal`` for the current document, ``external`` for another instrument."""
    scope_text: str = ""
    """The scope as written: ``本条例``, ``本章``, ``《中华人民共和国立法法》``, ``刑法``; may be empty."""
    instrument: str | None = None
    """For an external citation, the instrument named (``中华人民共和国立法法``, ``刑法``) if known."""
    members: tuple[CitationMember, ...] = ()
    """The targets and ranges, in the order written; empty for a bare mention (有关法律、法规)."""
    joins: tuple[str, ...] = ()
    """The words joining consecutive members as written (``、``, ``和``, ``或者`` ...)."""
    etc: bool = False
    """Whether the list ended with 等 (等法律规定): the list is not exhaustive."""
