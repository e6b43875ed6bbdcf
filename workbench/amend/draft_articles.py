"""The clauses for one modified article: phrases, 款 and 项 named alone, or the article restated.

Two forms are built and the shorter kept (§7.4: the shortest correct form), with a bias for
restating an article that changed a lot: the granular form (将第X条中的“A”修改为“B”, 第二款修改为,
增加一款，作为第三款, 删去第二项 …) and the restatement (将第X条修改为：“…”). Words are compared
with the article as the decision's structure alone leaves it (``staged``: its citations already
renumbered silently), so a citation that only followed renumbering is not itemised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workbench.amend.boundaries import Lexicon
from workbench.amend.draft_provisions import item_lines, paragraph_lines, place_of, text_lines
from workbench.amend.operations import (
    Declared,
    Delete,
    InsertUnits,
    Operation,
    Place,
    Renumber,
    Replace,
    Words,
)
from workbench.amend.phrases import phrase_edits
from workbench.amend.writer import item_paragraphs
from workbench.diff import Pair
from workbench.model import Node
from workbench.refs import DocIndex
from workbench.render import canonical_text

__all__ = ["article_operations"]

_RESTATE_SHARE = 0.8
"""Granular clauses are kept while they are shorter than this share of the restatement."""
_MAX_CLAUSES = 8


class _RestateError(Exception):
    """The granular form cannot express the change: restate the article."""


def article_operations(
    old: DocIndex,
    staged: DocIndex | None,
    new: DocIndex,
    pair: Pair,
    numbers: dict[str, int],
    lexicon: Lexicon | None = None,
) -> list[Operation]:
    """The operations turning the old article of ``pair`` into its new one.

    Args:
        old: The old text.
        staged: The old text after the decision's structure alone (None: structure only —
            just the renumbering clause is returned).
        new: The new text (renumbered).
        pair: A one-to-one article pair (modified or moved).
        numbers: New article uid → its number.
        lexicon: Word edges of the texts, where quoted phrases may start and end.

    Returns:
        The clauses, in the order an item writes them.
    """
    old_uid, new_uid = pair.old_uids[0], pair.new_uids[0]
    target = place_of(old, old_uid)
    number = numbers[new_uid]
    # A moved article keeping its number is placed by the others' stated numbers (将第四条改为第四条
    # says nothing to a reader); the drafting check pins it only if its place comes out wrong.
    renumbered = number != target.article or bool(target.article_suffix)
    prefix: list[Operation] = [Renumber(target=target, number=number)] if renumbered else []
    new_art = new.node(new_uid)
    restated = Replace(
        target=target,
        number=number if renumbered else None,
        text=tuple(text_lines(new_art)),
    )
    if staged is None or not staged.has(old_uid):
        return prefix
    old_art, staged_art = old.node(old_uid), staged.node(old_uid)
    if text_lines(staged_art) == text_lines(new_art):
        return prefix if pair.kind == "moved" else []
    several = len(old_art.children) > 1 or len(new_art.children) > 1
    try:
        body = _Granular(old, lexicon, target, False).clauses(old_art, staged_art, new_art, pair)
        if several and any(not isinstance(op, Words) for op in body):
            # Other clauses name 款 and 项: the words name their 款 too, so each clause of the
            # item says plainly where it is (§4.2 H).
            body = _Granular(old, lexicon, target, True).clauses(old_art, staged_art, new_art, pair)
    except _RestateError:
        return [restated]
    if not body:
        return prefix
    granular = prefix + body
    short = sum(len(p) for p in item_paragraphs(granular))
    whole = sum(len(p) for p in item_paragraphs([restated]))
    if short <= _RESTATE_SHARE * whole and len(granular) <= _MAX_CLAUSES:
        return granular
    return [restated]


@dataclass(slots=True)
class _Granular:
    """The granular clauses of one article: its 款 and 项 named alone, phrases in them."""

    old: DocIndex
    lexicon: Lexicon | None
    article: Place
    """The article (old number)."""
    by_paragraph: bool
    """Words name their 款 (else the article, when they are unique in it)."""

    def clauses(
        self, old_art: Node, staged_art: Node, new_art: Node, pair: Pair
    ) -> list[Operation]:
        ops: list[Operation] = []
        staged_paras = {p.uid: p for p in staged_art.children}
        scope = _scope(old_art)
        for child in pair.children:
            if child.kind == "moved":
                raise _RestateError
            if child.kind == "added":
                new_para = _find(new_art, child.new_uids[0])
                ops.append(
                    InsertUnits(
                        level="paragraph",
                        parent=self.article,
                        numbers=(new_art.children.index(new_para) + 1,),
                        texts=(tuple(paragraph_lines(new_para)),),
                    )
                )
                continue
            if child.kind == "deleted":
                ops.append(Delete(targets=(place_of(self.old, child.old_uids[0]),)))
                continue
            old_para = self.old.node(child.old_uids[0])
            staged_para = staged_paras.get(old_para.uid)
            new_para = _find(new_art, child.new_uids[0])
            if staged_para is None:
                raise _RestateError
            place = place_of(self.old, old_para.uid)
            changes = self._paragraph(old_para, staged_para, new_para, child, place, scope)
            position = new_art.children.index(new_para) + 1
            ops.extend(_shifted(place, "paragraph", position, changes))
        return ops

    def _paragraph(
        self,
        old_para: Node,
        staged_para: Node,
        new_para: Node,
        pair: Pair,
        place: Place,
        article_scope: str,
    ) -> list[Operation]:
        restate = Replace(target=place, text=tuple(paragraph_lines(new_para)))
        if paragraph_lines(staged_para) == paragraph_lines(new_para):
            return []
        scope = _scope(old_para)
        wheres = [(place, scope)] if self.by_paragraph else [(self.article, article_scope)]
        ops = self._words(old_para, staged_para, new_para, [*wheres, (place, scope)])
        if ops is None:
            return [restate]
        staged_items = {i.uid: i for i in staged_para.children}
        for child in pair.children:
            if child.kind == "moved":
                return [restate]
            if child.kind == "added":
                new_item = _find(new_para, child.new_uids[0])
                ops.append(
                    InsertUnits(
                        level="item",
                        parent=place,
                        numbers=(new_para.children.index(new_item) + 1,),
                        texts=(tuple(item_lines(new_item)),),
                    )
                )
                continue
            if child.kind == "deleted":
                ops.append(Delete(targets=(place_of(self.old, child.old_uids[0]),)))
                continue
            old_item = self.old.node(child.old_uids[0])
            staged_item = staged_items.get(old_item.uid)
            new_item = _find(new_para, child.new_uids[0])
            if staged_item is None:
                return [restate]
            item_place = place_of(self.old, old_item.uid)
            outer = [] if self.by_paragraph else wheres[:1]
            changes = self._item(old_item, staged_item, new_item, item_place, outer)
            position = new_para.children.index(new_item) + 1
            ops.extend(_shifted(item_place, "item", position, changes))
        return ops

    def _item(
        self,
        old_item: Node,
        staged_item: Node,
        new_item: Node,
        place: Place,
        outer: list[tuple[Place, str]],
    ) -> list[Operation]:
        restate = Replace(target=place, text=tuple(item_lines(new_item)))
        if item_lines(staged_item)[1:] != item_lines(new_item)[1:] or len(
            staged_item.children
        ) != len(new_item.children):
            return [restate]
        ops = self._words(old_item, staged_item, new_item, [*outer, (place, _scope(old_item))])
        return [restate] if ops is None else ops

    def _words(
        self,
        old_node: Node,
        staged_node: Node,
        new_node: Node,
        wheres: list[tuple[Place, str]],
    ) -> list[Operation] | None:
        """Phrase edits of a node's own words, naming the first place where they are unique."""
        old_text = canonical_text(old_node.text)
        staged_text = canonical_text(staged_node.text)
        new_text = canonical_text(new_node.text)
        if staged_text == new_text:
            return []
        for where, scope in wheres:
            edits = phrase_edits(old_text, staged_text, new_text, scope, self.lexicon)
            if edits is not None:
                return [_word_op(where, e.old, e.new) for e in edits]
        return None


def _shifted(
    place: Place, level: Literal["paragraph", "item"], position: int, ops: list[Operation]
) -> list[Operation]:
    """``ops`` on a 款 (项) that moved up or down: its new number stated before them (§4.2 H)."""
    number = getattr(place, level)
    if not ops or number == position or not any(_names(op, place, level) for op in ops):
        return ops
    moved = place.model_copy(update={level: position})
    return [Declared(level=level, old=(place,), new=(moved,)), *ops]


def _names(op: Operation, place: Place, level: str) -> bool:
    """Whether ``op`` names ``place`` (or a place inside it)."""
    targets: tuple[Place | None, ...] = ()
    if isinstance(op, (Words, Replace)):
        targets = (op.target,)
    elif isinstance(op, Delete):
        targets = op.targets
    elif isinstance(op, InsertUnits):
        targets = (op.parent,)
    keys = ("paragraph",) if level == "paragraph" else ("paragraph", "item")
    return any(
        t is not None
        and t.level in ("paragraph", "item", "subitem")
        and all(getattr(t, k) == getattr(place, k) for k in keys)
        for t in targets
    )


def _word_op(place: Place, old: str, new: str) -> Words:
    if not new:
        return Words(target=place, action="delete", old=old)
    return Words(target=place, action="replace", old=old, new=new)


def _scope(node: Node) -> str:
    """Every word a clause naming ``node`` reaches (items with their labels), one line each."""
    lines: list[str] = []

    def walk(n: Node) -> None:
        text = canonical_text(n.text)
        lines.append(f"{n.num or ''}{text}" if n.kind == "item" else text)
        for child in n.children:
            walk(child)

    walk(node)
    return "\n".join(lines)


def _find(parent: Node, uid: str) -> Node:
    for child in parent.children:
        if child.uid == uid:
            return child
    raise _RestateError
