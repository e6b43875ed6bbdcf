"""The article tree: a `Document` of `Node`s (编/分编/章/节/条/款/项/目), annexes and diagnostics.

Pure pydantic types, no I/O. Trees are frozen; `workbench.edit` makes changed copies.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from workbench.model.base import WorkbenchModel
from workbench.model.ids import EId, Uid

__all__ = [
    "CONTAINER_KINDS",
    "KIND_LABELS",
    "Annex",
    "Diagnostic",
    "Document",
    "Node",
    "NodeKind",
    "Severity",
]

NodeKind = Literal["book", "part", "chapter", "section", "article", "paragraph", "item", "subitem"]
Severity = Literal["error", "warning", "info"]

CONTAINER_KINDS: tuple[NodeKind, ...] = ("book", "part", "chapter", "section")
"""Kinds that group articles and carry a heading (编, 分编, 章, 节)."""

KIND_LABELS: dict[NodeKind, str] = {
    "book": "编",
    "part": "分编",
    "chapter": "章",
    "section": "节",
    "article": "条",
    "paragraph": "款",
    "item": "项",
    "subitem": "目",
}
"""The Chinese name of each kind."""

_ALLOWED_CHILDREN: dict[NodeKind, frozenset[NodeKind]] = {
    "book": frozenset({"part", "chapter", "section", "article"}),
    "part": frozenset({"chapter", "section", "article"}),
    "chapter": frozenset({"section", "article"}),
    "section": frozenset({"article"}),
    "article": frozenset({"paragraph"}),
    "paragraph": frozenset({"item"}),
    "item": frozenset({"subitem"}),
    "subitem": frozenset(),
}


class Diagnostic(WorkbenchModel):
    """Something the parser or a check noticed about a text, with where it stands."""

    severity: Severity
    """How bad it is: ``error`` (text could not be placed properly), ``warning``, ``info``."""
    code: str
    """A stable machine code, e.g. ``numbering-gap`` or ``joined-hard-wrap``."""
    message: str
    """What was noticed and what to do about it, in Chinese."""
    line: int | None = None
    """1-based line number in the source text, when there is one."""
    uid: Uid | None = None
    """The node the diagnostic concerns, when there is one."""


class Node(WorkbenchModel):
    """One provision of the tree: a container (编/分编/章/节), an article (条) or a part of one."""

    kind: NodeKind
    """The level: book 编, part 分编, chapter 章, section 节, article 条, paragraph 款, item 项, subitem 目."""
    uid: Uid
    """Permanent identity, minted once and carried through every version; comments hang on it."""
    eid: EId
    """Akoma Ntoso eId from the position (``chp_2__art_15__para_2``); recomputed after renumbering."""
    num: str | None = None
    """The label: ``第十五条``, ``第二章``, ``（三）``, ``1.``; none for paragraphs and unnumbered headings."""
    heading: str | None = None
    """The title of a 编/分编/章/节 (``总则``), letter-spacing removed."""
    caption: str | None = None
    """An article caption (条旨) as drafts circulated for comment carry it, e.g. ``立法目的``."""
    insertion: bool = False
    """An article inserted in 之N style (``第十五条之一``): it keeps the base number of the one before."""
    text: str = ""
    """The node's own words, without its children's."""
    children: tuple[Node, ...] = ()
    """The nodes below this one, in document order."""

    @model_validator(mode="after")
    def _check_shape(self) -> Node:
        allowed = _ALLOWED_CHILDREN[self.kind]
        for child in self.children:
            if child.kind not in allowed:
                raise ValueError(
                    f"{KIND_LABELS[self.kind]} {self.uid} ({self.eid}) 不能包含"
                    f"{KIND_LABELS[child.kind]} {child.uid}"
                )
        if self.kind == "article" and not self.children:
            raise ValueError(f"条 {self.uid} ({self.eid}) 至少要有一款")
        if self.insertion and self.kind != "article":
            raise ValueError(f"只有条可以是“之N”插入条：{self.uid}")
        return self


class Annex(WorkbenchModel):
    """An annex (附件) kept as a heading and plain paragraphs."""

    uid: Uid
    """Permanent identity of the annex."""
    heading: str
    """The annex heading as written, e.g. ``附件一``."""
    paragraphs: tuple[str, ...] = ()
    """Its lines, in order."""


class Document(WorkbenchModel):
    """A regulation (or a draft of one) as a tree of provisions."""

    schema_version: Literal[1] = 1
    """Version of this JSON layout."""
    title: str
    """The title, e.g. ``昌吉回族自治州居家养老服务条例（草案）``."""
    note: str = ""
    """The 题注: the 通过/批准/修正 history under the title, without its parentheses; may be empty."""
    preamble: tuple[str, ...] = ()
    """序言 paragraphs before the first heading or article (宪法)."""
    children: tuple[Node, ...] = ()
    """The top-level provisions: 编, 章 or, in a text without chapters, 条."""
    annexes: tuple[Annex, ...] = ()
    """附件 after the last article."""
    chapter_numbering: Literal["continuous", "per_book"] = "continuous"
    """Whether 章 numbers run on across 编 or restart in each (`legislative-norms.md` §1.4)."""
    first_article: int = Field(default=1, ge=1)
    """The number of the first article (民法典 合同编 starts at 463); later ones follow from position."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What the parser noticed: numbering gaps, joined hard wraps, stray text."""

    @model_validator(mode="after")
    def _check_unique_uids(self) -> Document:
        seen: set[str] = set()
        stack = list(self.children)
        while stack:
            node = stack.pop()
            if node.uid in seen:
                raise ValueError(f"重复的节点标识 uid {node.uid} ({node.eid})")
            seen.add(node.uid)
            stack.extend(node.children)
        for annex in self.annexes:
            if annex.uid in seen:
                raise ValueError(f"重复的节点标识 uid {annex.uid}（附件 {annex.heading}）")
            seen.add(annex.uid)
        for child in self.children:
            if child.kind in ("paragraph", "item", "subitem"):
                raise ValueError(f"文件顶层不能是{KIND_LABELS[child.kind]}：{child.uid}")
        return self
