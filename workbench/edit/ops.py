"""Structural edits: insert, delete, move and replace text of articles, 款, 项 and 目.

Every operation is pure: it takes a `Document` and returns an `EditResult` (the new document and
its report). uids never change; new nodes get uids from the caller's `UidFactory`; numbers and
eids are recomputed and every internal citation is rewritten by `workbench.edit.commit`.
Impossible edits raise `EditError` with a Chinese message naming the node's uid and eid.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.edit.commit import commit
from workbench.edit.result import EditResult
from workbench.edit.tree import (
    ALLOWED_PARENTS,
    KIND_NAMES,
    describe,
    replace_children,
    require,
)
from workbench.errors import EditError
from workbench.model import Document, Node, NodeKind, UidFactory, iter_nodes
from workbench.refs import CitationStyle, DocIndex, format_citation

__all__ = [
    "children_of",
    "delete",
    "insert_article",
    "insert_item",
    "insert_node",
    "insert_paragraph",
    "insert_subitem",
    "label",
    "mint",
    "move",
    "new_node",
    "place",
    "replace_text",
]

_PLACEHOLDER_NUM: dict[NodeKind, str | None] = {
    "book": "第一编",
    "part": "第一分编",
    "chapter": "第一章",
    "section": "第一节",
    "article": "第一条",
    "paragraph": None,
    "item": "（一）",
    "subitem": "1.",
}
_PLACEHOLDER_EID: dict[NodeKind, str] = {
    "book": "book_1",
    "part": "part_1",
    "chapter": "chp_1",
    "section": "sec_1",
    "article": "art_1",
    "paragraph": "para_1",
    "item": "item_1",
    "subitem": "subitem_1",
}


def label(index: DocIndex, uid: str, style: CitationStyle | None = None) -> str:
    """The citation of ``uid`` for report texts (第十二条第二款, 第三章)."""
    return format_citation(index, uid, style) or describe(index.node(uid))


def mint(uids: UidFactory, index: DocIndex, taken: set[str] | None = None) -> str:
    """A fresh uid from ``uids`` that ``index`` (and ``taken``) do not use yet."""
    while True:
        uid = uids()
        if not index.has(uid) and (taken is None or uid not in taken):
            if taken is not None:
                taken.add(uid)
            return uid


def new_node(kind: NodeKind, uid: str, *, text: str = "", **fields: object) -> Node:
    """A new node of ``kind`` with placeholder number and eid (renumbering fixes both)."""
    return Node.model_validate(
        {
            "kind": kind,
            "uid": uid,
            "eid": _PLACEHOLDER_EID[kind],
            "num": _PLACEHOLDER_NUM[kind],
            "text": text,
            **fields,
        }
    )


def place(
    index: DocIndex,
    kind: NodeKind,
    *,
    after: str | None,
    before: str | None,
    parent: str | None,
    at: int | None,
) -> tuple[str | None, int, str]:
    """Where a node of ``kind`` goes: (parent uid or None for the top level, index, description).

    Exactly one of ``after``/``before``/``parent`` may be given; none means the end of the
    document. ``at`` (0-based) only goes with ``parent``; without it the node goes last.

    Raises:
        EditError: If the place is ambiguous, unknown, or not allowed for ``kind``.
    """
    if sum(x is not None for x in (after, before, parent)) > 1:
        raise EditError("位置只能用 after、before、parent 中的一个指定")
    if at is not None and parent is None:
        raise EditError("at 只能与 parent 一起使用")
    where: str | None
    if after is not None or before is not None:
        anchor = after if after is not None else before
        assert anchor is not None
        require(index, anchor)
        up = index.parent(anchor)
        where = up.uid if up is not None else None
        pos = index.position(anchor) - (1 if before is not None else 0)
        text = f"在{label(index, anchor)}{'之后' if after is not None else '之前'}"
    elif parent is not None:
        holder = require(index, parent)
        where = parent
        count = len(holder.children)
        pos = count if at is None else at
        if not 0 <= pos <= count:
            raise EditError(f"{describe(holder)}只有{count}个下级，位置 {at} 无效", uid=parent)
        text = f"在{label(index, parent)}中"
    else:
        where = None
        pos = len(index.doc.children) if at is None else at
        text = "在文末"
    parent_kind = index.node(where).kind if where is not None else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        holder_name = KIND_NAMES[parent_kind] if parent_kind else "文件顶层"
        raise EditError(f"{KIND_NAMES[kind]}不能放在{holder_name}之下（位置：{text}）")
    return where, pos, text


def children_of(index: DocIndex, parent: str | None) -> list[Node]:
    """A mutable copy of the children of ``parent`` (None: the top level)."""
    return list(index.node(parent).children if parent is not None else index.doc.children)


def insert_node(
    doc: Document,
    node: Node,
    *,
    after: str | None,
    before: str | None,
    parent: str | None,
    at: int | None,
    what: str,
    style: CitationStyle | None,
    index: DocIndex | None = None,
) -> EditResult:
    """Insert the new ``node`` (and its subtree) at a place, then commit the edit."""
    index = index or DocIndex(doc)
    where, pos, text = place(index, node.kind, after=after, before=before, parent=parent, at=at)
    children = children_of(index, where)
    children.insert(pos, node)
    changed = replace_children(doc, index, where, tuple(children))
    created = [n.uid for n in iter_nodes([node])]
    return commit(index, changed, operation=f"{text}增加{what}", created=created, style=style)


def insert_article(
    doc: Document,
    paragraphs: str | Sequence[str],
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    insertion: bool = False,
    caption: str | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a new article (条) with the given 款 texts.

    Args:
        doc: The document.
        paragraphs: The text of each 款 (one string: one 款).
        uids: Mints the new uids.
        after: Insert after this node (an article, or a 章/节 at the same level).
        before: Insert before this node.
        parent: Insert into this 章/节 (at ``at``, 0-based; last by default).
        at: Position within ``parent``.
        insertion: Insert as 第X条之N, keeping the numbers of the articles after it.
        caption: An article caption (条旨).
        style: House style for rewritten citations.

    Raises:
        EditError: Without 款 text, or at a place where an article cannot stand.
    """
    texts = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    if not texts:
        raise EditError("新增的条至少要有一款")
    index = DocIndex(doc)
    taken: set[str] = set()
    paras = tuple(new_node("paragraph", mint(uids, index, taken), text=t) for t in texts)
    art = new_node(
        "article",
        mint(uids, index, taken),
        children=paras,
        insertion=insertion,
        caption=caption,
    )
    return insert_node(
        doc,
        art,
        after=after,
        before=before,
        parent=parent,
        at=at,
        what="一条",
        style=style,
        index=index,
    )


def _insert_leaf(
    doc: Document,
    kind: NodeKind,
    what: str,
    text: str,
    *,
    uids: UidFactory,
    after: str | None,
    before: str | None,
    parent: str | None,
    at: int | None,
    style: CitationStyle | None,
) -> EditResult:
    """Insert a new 款/项/目 node holding ``text`` (the shared body of the three inserts)."""
    index = DocIndex(doc)
    node = new_node(kind, mint(uids, index), text=text)
    return insert_node(
        doc,
        node,
        after=after,
        before=before,
        parent=parent,
        at=at,
        what=what,
        style=style,
        index=index,
    )


def insert_paragraph(
    doc: Document,
    text: str,
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a 款 after/before another 款, or into an article (``parent``, ``at``)."""
    return _insert_leaf(
        doc,
        "paragraph",
        "一款",
        text,
        uids=uids,
        after=after,
        before=before,
        parent=parent,
        at=at,
        style=style,
    )


def insert_item(
    doc: Document,
    text: str,
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a 项 after/before another 项, or into a 款 (``parent``, ``at``)."""
    return _insert_leaf(
        doc,
        "item",
        "一项",
        text,
        uids=uids,
        after=after,
        before=before,
        parent=parent,
        at=at,
        style=style,
    )


def insert_subitem(
    doc: Document,
    text: str,
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a 目 after/before another 目, or into a 项 (``parent``, ``at``)."""
    return _insert_leaf(
        doc,
        "subitem",
        "一目",
        text,
        uids=uids,
        after=after,
        before=before,
        parent=parent,
        at=at,
        style=style,
    )


def delete(doc: Document, uid: str, *, style: CitationStyle | None = None) -> EditResult:
    """Delete a node and everything below it (a 章 goes with its articles).

    Citations of the deleted nodes are left as written and reported as dangling.

    Raises:
        EditError: If the node is unknown, or is the only 款 of its article.
    """
    index = DocIndex(doc)
    node = require(index, uid)
    up = index.parent(uid)
    if node.kind == "paragraph" and up is not None and len(up.children) == 1:
        raise EditError(
            f"{describe(node)}是{describe(up)}唯一的一款，不能单独删去；请删去整条", uid=uid
        )
    text = f"删去{label(index, uid)}"
    children = tuple(c for c in children_of(index, up.uid if up else None) if c.uid != uid)
    changed = replace_children(doc, index, up.uid if up else None, children)
    removed = [n.uid for n in iter_nodes([node])]
    return commit(index, changed, operation=text, removed=removed, style=style)


def move(
    doc: Document,
    uid: str,
    *,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Move a node (with everything below it) to another place.

    Raises:
        EditError: If the node would move into itself, leave an article without 款, or land
            where its kind cannot stand.
    """
    index = DocIndex(doc)
    node = require(index, uid)
    for anchor in (after, before, parent):
        if anchor is not None and index.has(anchor) and index.within(anchor, uid):
            raise EditError(f"不能把{describe(node)}移到它自己之中", uid=uid)
    old_up = index.parent(uid)
    if node.kind == "paragraph" and old_up is not None and len(old_up.children) == 1:
        raise EditError(
            f"{describe(node)}是{describe(old_up)}唯一的一款，移走后该条无款；请移动整条", uid=uid
        )
    if after == uid or before == uid:
        raise EditError(f"不能把{describe(node)}移到它自己旁边", uid=uid)
    where, pos, text = place(index, node.kind, after=after, before=before, parent=parent, at=at)
    old_uid = old_up.uid if old_up is not None else None
    operation = f"将{label(index, uid)}移至{text.removeprefix('在')}"
    if where == old_uid:
        siblings = children_of(index, where)
        i = index.position(uid) - 1
        siblings.pop(i)
        siblings.insert(pos - 1 if pos > i else pos, node)
        changed = replace_children(doc, index, where, tuple(siblings))
        return commit(index, changed, operation=operation, style=style)
    without = tuple(c for c in children_of(index, old_uid) if c.uid != uid)
    step = replace_children(doc, index, old_uid, without)
    step_index = DocIndex(step)
    target = children_of(step_index, where)
    target.insert(pos, node)
    changed = replace_children(step, step_index, where, tuple(target))
    return commit(index, changed, operation=operation, style=style)


def replace_text(
    doc: Document, uid: str, text: str, *, style: CitationStyle | None = None
) -> EditResult:
    """Replace the words of a 款, 项 or 目 (its children stay).

    Citations inside the new words are taken as written against the current numbering.

    Raises:
        EditError: If the node is not a 款/项/目.
    """
    index = DocIndex(doc)
    node = require(index, uid, "paragraph", "item", "subitem")
    up = index.parent(uid)
    assert up is not None
    siblings = tuple(
        c.model_copy(update={"text": text}) if c.uid == uid else c for c in up.children
    )
    changed = replace_children(doc, index, up.uid, siblings)
    return commit(
        index,
        changed,
        operation=f"修改{label(index, uid)}的文字",
        relocate=lambda ref: None if ref.source == node.uid else (ref.source, ref.start),
        modified=[uid],
        style=style,
    )
