"""Edits of 编/分编/章/节: insert (empty, or gathering a run of articles), dissolve, rename.

Deleting and moving a container are the generic `delete` and `move` of `workbench.edit.ops`.
"""

from __future__ import annotations

from workbench.edit.commit import commit
from workbench.edit.ops import children_of, insert_node, label, mint, new_node
from workbench.edit.result import EditResult
from workbench.edit.tree import ALLOWED_PARENTS, KIND_NAMES, describe, replace_children, require
from workbench.errors import EditError
from workbench.model import Document, Node, NodeKind, UidFactory
from workbench.refs import CitationStyle, DocIndex

__all__ = ["dissolve", "insert_chapter", "insert_section", "rename"]


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
        return insert_node(
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
    siblings = children_of(index, up_uid)
    up_kind = up.kind if up is not None else None
    if up_kind not in ALLOWED_PARENTS[kind]:
        raise EditError(
            f"{KIND_NAMES[kind]}不能放在{KIND_NAMES[up_kind] if up_kind else '文件顶层'}之下"
        )
    node = new_node(kind, uid, heading=heading.strip(), children=tuple(siblings[i : j + 1]))
    changed = replace_children(doc, index, up_uid, (*siblings[:i], node, *siblings[j + 1 :]))
    text = f"将{label(index, first.uid)}至{label(index, last.uid)}归入新增的{KIND_NAMES[kind]}“{heading.strip()}”"
    return commit(index, changed, operation=text, created=[uid], style=style)


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
    siblings = children_of(index, up_uid)
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
        _with_heading(c, heading.strip()) if c.uid == uid else c for c in children_of(index, up_uid)
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
