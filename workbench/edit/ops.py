"""Structural edits: insert, delete, move, replace text, rename; articles, 款, 项, 目, 章 and 节.

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
    "delete",
    "dissolve",
    "insert_article",
    "insert_chapter",
    "insert_item",
    "insert_paragraph",
    "insert_section",
    "insert_subitem",
    "label",
    "mint",
    "move",
    "place",
    "rename",
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


def _children_of(index: DocIndex, parent: str | None) -> list[Node]:
    return list(index.node(parent).children if parent is not None else index.doc.children)


def _insert(
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
    index = index or DocIndex(doc)
    where, pos, text = place(index, node.kind, after=after, before=before, parent=parent, at=at)
    children = _children_of(index, where)
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
    return _insert(
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
    index = DocIndex(doc)
    node = new_node("paragraph", mint(uids, index), text=text)
    return _insert(
        doc,
        node,
        after=after,
        before=before,
        parent=parent,
        at=at,
        what="一款",
        style=style,
        index=index,
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
    index = DocIndex(doc)
    node = new_node("item", mint(uids, index), text=text)
    return _insert(
        doc,
        node,
        after=after,
        before=before,
        parent=parent,
        at=at,
        what="一项",
        style=style,
        index=index,
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
    index = DocIndex(doc)
    node = new_node("subitem", mint(uids, index), text=text)
    return _insert(
        doc,
        node,
        after=after,
        before=before,
        parent=parent,
        at=at,
        what="一目",
        style=style,
        index=index,
    )


def insert_chapter(
    doc: Document,
    heading: str,
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    wrap: tuple[str, str] | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a 章: empty at a place, or gathering the sibling run ``wrap`` = (first, last).

    Raises:
        EditError: If ``wrap`` is combined with a place, or its ends are not siblings in order.
    """
    return _insert_container(
        doc,
        "chapter",
        heading,
        uids=uids,
        after=after,
        before=before,
        parent=parent,
        at=at,
        wrap=wrap,
        style=style,
    )


def insert_section(
    doc: Document,
    heading: str,
    *,
    uids: UidFactory,
    after: str | None = None,
    before: str | None = None,
    parent: str | None = None,
    at: int | None = None,
    wrap: tuple[str, str] | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Insert a 节 (see `insert_chapter`)."""
    return _insert_container(
        doc,
        "section",
        heading,
        uids=uids,
        after=after,
        before=before,
        parent=parent,
        at=at,
        wrap=wrap,
        style=style,
    )


def _insert_container(
    doc: Document,
    kind: NodeKind,
    heading: str,
    *,
    uids: UidFactory,
    after: str | None,
    before: str | None,
    parent: str | None,
    at: int | None,
    wrap: tuple[str, str] | None,
    style: CitationStyle | None,
) -> EditResult:
    if not heading.strip():
        raise EditError(f"新增的{KIND_NAMES[kind]}必须有标题")
    index = DocIndex(doc)
    uid = mint(uids, index)
    if wrap is None:
        node = new_node(kind, uid, heading=heading.strip())
        return _insert(
            doc,
            node,
            after=after,
            before=before,
            parent=parent,
            at=at,
            what=f"一{KIND_NAMES[kind]}“{heading.strip()}”",
            style=style,
            index=index,
        )
    if any(x is not None for x in (after, before, parent, at)):
        raise EditError("wrap 与 after、before、parent、at 不能同时使用")
    first, last = (require(index, u) for u in wrap)
    up = index.parent(first.uid)
    up_uid = up.uid if up is not None else None
    other = index.parent(last.uid)
    if (other.uid if other is not None else None) != up_uid:
        raise EditError(
            f"{describe(first)}与{describe(last)}不在同一层级，不能合为一{KIND_NAMES[kind]}"
        )
    i, j = index.position(first.uid) - 1, index.position(last.uid) - 1
    if j < i:
        raise EditError(f"{describe(first)}在{describe(last)}之后，范围倒置")
    siblings = _children_of(index, up_uid)
    up_kind = up.kind if up is not None else None
    if up_kind not in ALLOWED_PARENTS[kind]:
        raise EditError(
            f"{KIND_NAMES[kind]}不能放在{KIND_NAMES[up_kind] if up_kind else '文件顶层'}之下"
        )
    node = new_node(kind, uid, heading=heading.strip(), children=tuple(siblings[i : j + 1]))
    changed = replace_children(doc, index, up_uid, (*siblings[:i], node, *siblings[j + 1 :]))
    text = f"将{label(index, first.uid)}至{label(index, last.uid)}归入新增的{KIND_NAMES[kind]}“{heading.strip()}”"
    return commit(index, changed, operation=text, created=[uid], style=style)


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
    children = tuple(c for c in _children_of(index, up.uid if up else None) if c.uid != uid)
    changed = replace_children(doc, index, up.uid if up else None, children)
    removed = [n.uid for n in iter_nodes([node])]
    return commit(index, changed, operation=text, removed=removed, style=style)


def dissolve(doc: Document, uid: str, *, style: CitationStyle | None = None) -> EditResult:
    """Remove a 编/分编/章/节 heading, keeping what it held in its place.

    Raises:
        EditError: If the node is not a container, or its contents cannot stand in its parent.
    """
    index = DocIndex(doc)
    node = require(index, uid, "book", "part", "chapter", "section")
    up = index.parent(uid)
    up_uid = up.uid if up is not None else None
    up_kind = up.kind if up is not None else None
    for child in node.children:
        if up_kind not in ALLOWED_PARENTS[child.kind]:
            raise EditError(
                f"撤销{describe(node)}后，{describe(child)}不能直接放在上一层级", uid=uid
            )
    siblings = _children_of(index, up_uid)
    i = index.position(uid) - 1
    changed = replace_children(
        doc, index, up_uid, (*siblings[:i], *node.children, *siblings[i + 1 :])
    )
    return commit(
        index,
        changed,
        operation=f"撤销{label(index, uid)}，保留其中条文",
        removed=[uid],
        style=style,
    )


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
        siblings = _children_of(index, where)
        i = index.position(uid) - 1
        siblings.pop(i)
        siblings.insert(pos - 1 if pos > i else pos, node)
        changed = replace_children(doc, index, where, tuple(siblings))
        return commit(index, changed, operation=operation, style=style)
    without = tuple(c for c in _children_of(index, old_uid) if c.uid != uid)
    step = replace_children(doc, index, old_uid, without)
    step_index = DocIndex(step)
    target = _children_of(step_index, where)
    target.insert(pos, node)
    changed = replace_children(step, step_index, where, tuple(target))
    return commit(index, changed, operation=operation, style=style)


def rename(
    doc: Document, uid: str, heading: str, *, style: CitationStyle | None = None
) -> EditResult:
    """Change the heading of a 编/分编/章/节.

    Raises:
        EditError: If the node is not a container or the heading is empty.
    """
    index = DocIndex(doc)
    node = require(index, uid, "book", "part", "chapter", "section")
    if not heading.strip():
        raise EditError(f"{describe(node)}的标题不能为空", uid=uid)
    up = index.parent(uid)
    up_uid = up.uid if up is not None else None
    siblings = tuple(
        _with_heading(c, heading.strip()) if c.uid == uid else c
        for c in _children_of(index, up_uid)
    )
    changed = replace_children(doc, index, up_uid, siblings)
    return commit(
        index,
        changed,
        operation=f"将{label(index, uid)}的标题修改为“{heading.strip()}”",
        style=style,
    )


def _with_heading(node: Node, heading: str) -> Node:
    return node.model_copy(update={"heading": heading})


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
