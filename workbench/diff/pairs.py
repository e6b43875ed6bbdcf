"""The result types of an alignment: pairs of provisions and their change kind.

Frozen slotted dataclasses (unvalidated internal values, `style.md` §2). A `Pair` links
provisions of the old version to provisions of the new one; an `Alignment` holds the article
pairs in new-text order, the container pairs, and lookups by uid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from workbench.diff.textdiff import Hunk, diff_text
from workbench.model import NodeKind

__all__ = [
    "CHANGE_KINDS",
    "CHANGE_LABELS",
    "HEADING_CHANGE_KINDS",
    "Alignment",
    "ChangeKind",
    "ContainerKind",
    "HeadingChange",
    "HeadingChangeKind",
    "Pair",
    "TextChange",
]

ChangeKind = Literal[
    "unchanged", "renumbered", "modified", "moved", "added", "deleted", "split", "merged"
]

CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "unchanged",
    "renumbered",
    "modified",
    "moved",
    "added",
    "deleted",
    "split",
    "merged",
)
"""Every change kind, in the order summaries list them."""

CHANGE_LABELS: dict[ChangeKind, str] = {
    "unchanged": "未变",
    "renumbered": "重新编号",
    "modified": "修改",
    "moved": "移动",
    "added": "新增",
    "deleted": "删除",
    "split": "拆分",
    "merged": "合并",
}
"""The Chinese name of each change kind, for people."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Provisions of the old version linked to provisions of the new one.

    An added provision has no old side, a deleted one no new side; a split has one old and
    several new provisions, a merge several old and one new.
    """

    kind: ChangeKind
    """What happened between the two sides."""
    level: NodeKind
    """The kind of provision paired: article, paragraph, item, subitem, or a container kind."""
    old_uids: tuple[str, ...]
    """uids of the old side, in old document order."""
    new_uids: tuple[str, ...]
    """uids of the new side, in new document order."""
    old_labels: tuple[str, ...]
    """Labels of the old side (``第十二条``, ``第二款``, ``（三）``)."""
    new_labels: tuple[str, ...]
    """Labels of the new side."""
    similarity: float
    """Text similarity of the two sides, 0–1 (1.0 for identical text; 0 when one side is empty)."""
    consequential: bool
    """True when the change only follows from renumbering elsewhere (a pure renumbering, or
    cross-references rewritten exactly as the number mapping says); staff may hide these."""
    old_text: str = ""
    """The old side's full text (paragraphs separated by newlines)."""
    new_text: str = ""
    """The new side's full text."""
    children: tuple[Pair, ...] = ()
    """Pairs one level down (paragraphs of articles, items of paragraphs, subitems of items)."""
    item: str = ""
    """The item of an applied decision that declared this pair (``五`` for 五、将第八条修改为…);
    empty when the alignment found it from the texts."""

    @property
    def changed(self) -> bool:
        """Whether anything differs (any kind but ``unchanged``)."""
        return self.kind != "unchanged"

    @property
    def label(self) -> str:
        """``第十二条 → 第十三条``-style label of the pair for lists."""
        old = "、".join(self.old_labels)
        new = "、".join(self.new_labels)
        if not old:
            return new
        if not new or old == new:
            return old
        return f"{old} → {new}"

    def hunks(self) -> tuple[Hunk, ...]:
        """The character diff of the old text against the new text (phrase-level hunks)."""
        return diff_text(self.old_text, self.new_text)


HeadingChangeKind = Literal["modified", "added", "deleted", "renumbered"]
ContainerKind = Literal["book", "part", "chapter", "section"]

HEADING_CHANGE_KINDS: tuple[HeadingChangeKind, ...] = ("modified", "added", "deleted", "renumbered")
"""Every kind of heading change, in the order summaries list them."""


@dataclass(frozen=True, slots=True)
class HeadingChange:
    """A 编/分编/章/节 whose heading changed, that was added or deleted, or that was renumbered."""

    level: ContainerKind
    """book, part, chapter or section."""
    change: HeadingChangeKind
    """modified (its title changed), added, deleted, or renumbered (same title, new number)."""
    old: str
    """The old label with its title, ``第二章　规划与建设``; empty when added."""
    new: str
    """The new label with its title; empty when deleted."""
    old_uid: str | None
    """The old container, when there is one."""
    new_uid: str | None
    """The new container, when there is one."""
    anchor: str | None = None
    """The first article under it (new side if any, else old side): the heading reads right
    before the pair holding that article; None for a container without articles."""


@dataclass(frozen=True, slots=True)
class TextChange:
    """A text of the document as a whole (its title or 题注) that changed."""

    old: str
    """As it read in the old version."""
    new: str
    """As it reads in the new version."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two versions aligned: article pairs in new-text order and container pairs."""

    articles: tuple[Pair, ...]
    """Article pairs, in the order of the new text (deleted articles where they stood)."""
    containers: tuple[Pair, ...] = ()
    """Pairs of 编/分编/章/节, each kind in document order."""
    method: Literal["uid", "content"] = "content"
    """``uid`` when the new version shares uids with the old (it descends from it), else ``content``."""
    headings: tuple[HeadingChange, ...] = ()
    """Headings changed, added, deleted or renumbered, in reading order (new text first)."""
    title: TextChange | None = None
    """The document's title, when it changed."""
    note: TextChange | None = None
    """The 题注 (history note under the title), when it changed."""
    _old_index: dict[str, Pair] = field(default_factory=dict, repr=False, compare=False)
    _new_index: dict[str, Pair] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for pair in self.articles:
            for uid in pair.old_uids:
                self._old_index[uid] = pair
            for uid in pair.new_uids:
                self._new_index[uid] = pair

    def summary(self) -> dict[ChangeKind, int]:
        """How many article pairs of each kind (every kind listed, zeros included)."""
        counts = Counter(p.kind for p in self.articles)
        return {kind: counts.get(kind, 0) for kind in CHANGE_KINDS}

    def changed(self, *, hide_consequential: bool = False) -> tuple[Pair, ...]:
        """The article pairs with a change, optionally without the consequential ones."""
        return tuple(
            p for p in self.articles if p.changed and not (hide_consequential and p.consequential)
        )

    def reading_order(self, pairs: Sequence[Pair] | None = None) -> list[Pair | HeadingChange]:
        """Article pairs (all, or ``pairs``) with the heading changes among them.

        Each heading change stands right before the pair holding its first article; headings
        without articles come last.
        """
        pairs = list(self.articles if pairs is None else pairs)
        before: dict[int, list[HeadingChange]] = {}
        rest: list[HeadingChange] = []
        where = {uid: k for k, p in enumerate(pairs) for uid in (*p.new_uids, *p.old_uids)}
        for heading in self.headings:
            k = where.get(heading.anchor) if heading.anchor is not None else None
            if k is None:
                rest.append(heading)
            else:
                before.setdefault(k, []).append(heading)
        out: list[Pair | HeadingChange] = []
        for k, pair in enumerate(pairs):
            out.extend(before.get(k, ()))
            out.append(pair)
        return out + rest

    def pair_of_old(self, uid: str) -> Pair | None:
        """The article pair holding old article ``uid``, if any."""
        return self._old_index.get(uid)

    def pair_of_new(self, uid: str) -> Pair | None:
        """The article pair holding new article ``uid``, if any."""
        return self._new_index.get(uid)
