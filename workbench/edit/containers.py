"""Edits of 编/分编/章/节: insert, start one at an article, dissolve, rename.

A container is inserted empty or gathering a run of siblings; `start_container` is the drafter's
"另起一章" at an article.

Deleting and moving a container are the generic `delete` and `move` of `workbench.edit.ops`.
"""

from __future__ import annotations

from workbench.edit.commit import commit
from workbench.edit.ops import children_of, insert_node, label, mint, new_node
from workbench.edit.result import EditResult
from workbench.edit.tree import (
    ALLOWED_PARENTS,
    KIND_NAMES,
    describe,
    node_with,
    replace_children,
    require,
)
from workbench.errors import EditError
from workbench.model import Document, Node, NodeKind, UidFactory
from workbench.refs import CitationStyle, DocIndex

__all__ = [
    "dissolve",
    "insert_chapter",
    "insert_section",
    "join_previous",
    "rename",
    "start_container",
]


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


def start_container(
    doc: Document,
    kind: NodeKind,
    heading: str,
    first: str,
    *,
    uids: UidFactory,
    style: CitationStyle | None = None,
) -> EditResult:
    """Begin a new 章 (or 节, 编 …) at the article ``first``, as a drafter marks "另起一章".

    The new container takes ``first`` and everything after it in the run that holds it. Inside
    a container of the same kind (a new 章 while ``first`` is in a 章), that container is split
    there: it keeps what comes before ``first`` and the new one follows it. Elsewhere (a new
    章 in a text without 章, a new 节 inside a 章) the rest of the run is gathered as with
    ``wrap``.

    Raises:
        EditError: ``first`` is not an article, the heading is empty, ``first`` already opens its
            container, or the kind cannot stand there.
    """
    if not heading.strip():
        raise EditError(f"新增的{KIND_NAMES[kind]}必须有标题")
    index = DocIndex(doc)
    article = require(index, first, "article")
    up = index.parent(first)
    siblings = children_of(index, up.uid if up is not None else None)
    i = index.position(first) - 1
    if up is None or up.kind != kind:
        return _insert_container(
            doc,
            kind,
            heading,
            uids=uids,
            after=None,
            before=None,
            parent=None,
            at=None,
            wrap=(first, siblings[-1].uid),
            style=style,
        )
    if i == 0:
        raise EditError(
            f"{label(index, first)}已是{label(index, up.uid)}的第一条，"
            f"不能从此另起一{KIND_NAMES[kind]}；可改写{label(index, up.uid)}的标题",
            uid=first,
        )
    uid = mint(uids, index)
    new = new_node(kind, uid, heading=heading.strip(), children=tuple(siblings[i:]))
    kept = node_with(up, children=tuple(siblings[:i]))
    grand = index.parent(up.uid)
    around = children_of(index, grand.uid if grand is not None else None)
    j = index.position(up.uid) - 1
    changed = replace_children(
        doc,
        index,
        grand.uid if grand is not None else None,
        (*around[:j], kept, new, *around[j + 1 :]),
    )
    text = f"自{label(index, article.uid)}起另设一{KIND_NAMES[kind]}“{heading.strip()}”"
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


def join_previous(doc: Document, uid: str, *, style: CitationStyle | None = None) -> EditResult:
    """Remove a 章/节 heading; what it held joins the 章/节 before it.

    The opposite of `start_container`. A first 节 has no 节 before it: its articles stay in the
    章 (`dissolve`).

    Raises:
        EditError: The node is not a container, or it is the first of its kind at the top level
            (its articles would stand outside every 章).
    """
    index = DocIndex(doc)
    node = require(index, uid, "book", "part", "chapter", "section")
    up = index.parent(uid)
    up_uid = up.uid if up is not None else None
    siblings = children_of(index, up_uid)
    i = index.position(uid) - 1
    before = siblings[i - 1] if i > 0 else None
    if before is None or before.kind != node.kind:
        if up is not None:
            return dissolve(doc, uid, style=style)
        raise EditError(
            f"{label(index, uid)}之前没有可并入的{KIND_NAMES[node.kind]}；可改写其标题",
            uid=uid,
        )
    joined = node_with(before, children=(*before.children, *node.children))
    changed = replace_children(doc, index, up_uid, (*siblings[: i - 1], joined, *siblings[i + 1 :]))
    return commit(
        index,
        changed,
        operation=f"撤销{label(index, uid)}，其中条文并入{label(index, before.uid)}",
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
