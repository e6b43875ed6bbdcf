"""Split, merge, demote, promote: reshape articles, 款, 项 and 目.

Text moves between nodes here, so each operation tells `commit` where the words of every
citation went; citations of a merged-away node follow it to the survivor (reported as
redirected), so nothing that cited it is silently lost.
"""

from __future__ import annotations

from workbench.edit.commit import commit
from workbench.edit.ops import label, mint, new_node
from workbench.edit.result import EditResult
from workbench.edit.tree import describe, node_with, replace_children, require
from workbench.errors import EditError
from workbench.model import Document, UidFactory
from workbench.numerals import to_cn
from workbench.refs import CitationStyle, DocIndex, Reference, scan_citations

__all__ = ["demote", "merge", "promote", "split"]


def split(
    doc: Document,
    uid: str,
    at: int,
    *,
    uids: UidFactory,
    style: CitationStyle | None = None,
) -> EditResult:
    """Split a node in two; the second part becomes a new node right after it.

    Args:
        doc: The document.
        uid: An article, 款, 项 or 目.
        at: For an article, the 1-based number of the 款 that starts the new article; for a
            款/项/目, the character offset where the new node's text starts (its children go
            with the second part, which carries the lead-in that introduces them).
        uids: Mints the new node's uid.
        style: House style for rewritten citations.

    Raises:
        EditError: If ``at`` leaves either part empty or falls inside a citation.
    """
    index = DocIndex(doc)
    node = require(index, uid, "article", "paragraph", "item", "subitem")
    up = index.parent(uid)
    up_uid = up.uid if up is not None else None
    siblings = list(up.children if up is not None else doc.children)
    i = index.position(uid) - 1
    new_uid = mint(uids, index)
    if node.kind == "article":
        count = len(node.children)
        if not 2 <= at <= count:
            raise EditError(
                f"{describe(node)}有{count}款，只能从第二款至第{count}款之间拆分（收到 {at}）",
                uid=uid,
            )
        first = node_with(node, children=node.children[: at - 1])
        second = new_node("article", new_uid, children=node.children[at - 1 :])
        operation = f"将{label(index, uid)}自第{to_cn(at)}款起拆分为两条"
        siblings[i : i + 1] = [first, second]
        changed = replace_children(doc, index, up_uid, tuple(siblings))
        return commit(index, changed, operation=operation, created=[new_uid], style=style)
    if not 0 < at < len(node.text):
        raise EditError(
            f"{describe(node)}的拆分位置 {at} 应在 1 至 {len(node.text) - 1} 之间", uid=uid
        )
    for c in scan_citations(node.text):
        if c.start < at < c.end:
            raise EditError(f"拆分位置 {at} 落在引用“{c.text}”中间：{describe(node)}", uid=uid)
    first = node_with(node, text=node.text[:at], children=())
    second = new_node(node.kind, new_uid, text=node.text[at:], children=node.children)
    siblings[i : i + 1] = [first, second]
    changed = replace_children(doc, index, up_uid, tuple(siblings))

    def relocate(ref: Reference) -> tuple[str, int] | None:
        if ref.source == uid and ref.start >= at:
            return new_uid, ref.start - at
        return ref.source, ref.start

    return commit(
        index,
        changed,
        operation=f"将{label(index, uid)}拆分为两{'款' if node.kind == 'paragraph' else '项' if node.kind == 'item' else '目'}",
        relocate=relocate,
        created=[new_uid],
        modified=[uid],
        style=style,
    )


def merge(
    doc: Document,
    first: str,
    second: str,
    *,
    style: CitationStyle | None = None,
) -> EditResult:
    """Merge ``second`` into ``first``: two consecutive articles, or two adjacent 款/项/目.

    Articles: the 款 of ``second`` follow those of ``first``. 款/项/目: the texts are joined and
    the children of both kept in order. ``second``'s uid disappears; citations of it now cite
    ``first`` (reported in ``redirected``).

    Raises:
        EditError: If the nodes differ in kind or are not adjacent.
    """
    index = DocIndex(doc)
    a = require(index, first, "article", "paragraph", "item", "subitem")
    b = require(index, second, a.kind)
    operation = f"将{label(index, first)}与{label(index, second)}合并"
    if a.kind == "article":
        pa, pb = index.article_pos[a.uid], index.article_pos[b.uid]
        if pb != pa + 1:
            raise EditError(f"只能合并相邻的两条：{describe(a)}与{describe(b)}", uid=second)
        merged = node_with(a, children=(*a.children, *b.children))
        up_b = index.parent(second)
        up_b_uid = up_b.uid if up_b is not None else None
        step = replace_children(
            doc,
            index,
            up_b_uid,
            tuple(c for c in (up_b.children if up_b else doc.children) if c.uid != second),
        )
        step_index = DocIndex(step)
        up_a = step_index.parent(first)
        up_a_uid = up_a.uid if up_a is not None else None
        holder = up_a.children if up_a is not None else step.children
        changed = replace_children(
            step, step_index, up_a_uid, tuple(merged if c.uid == first else c for c in holder)
        )
        return commit(
            index,
            changed,
            operation=operation,
            removed=[second],
            redirect={second: first},
            style=style,
        )
    up = index.parent(first)
    assert up is not None
    up_b = index.parent(second)
    if up_b is None or up_b.uid != up.uid or index.position(second) != index.position(first) + 1:
        raise EditError(f"只能合并同一上级中相邻的两项：{describe(a)}与{describe(b)}", uid=second)
    offset = len(a.text)
    merged = node_with(a, text=a.text + b.text, children=(*a.children, *b.children))
    siblings = tuple(merged if c.uid == first else c for c in up.children if c.uid != second)
    changed = replace_children(doc, index, up.uid, siblings)

    def relocate(ref: Reference) -> tuple[str, int] | None:
        if ref.source == second:
            return first, ref.start + offset
        return ref.source, ref.start

    return commit(
        index,
        changed,
        operation=operation,
        relocate=relocate,
        removed=[second],
        modified=[first],
        redirect={second: first},
        style=style,
    )


def demote(
    doc: Document,
    uid: str,
    *,
    into: str,
    at: int | None = None,
    style: CitationStyle | None = None,
) -> EditResult:
    """Turn an article into 款 of another (将第三十九条改为第四十五条第一款, §4.2 K).

    Args:
        doc: The document.
        uid: The article to demote; its 款 keep their uids.
        into: The article that receives them.
        at: 0-based position among ``into``'s 款 (last by default).
        style: House style for rewritten citations.

    Returns:
        The result; citations of a one-款 demoted article now cite that 款 (reported as
        redirected); those of a several-款 article are reported dangling.

    Raises:
        EditError: If either node is not an article, they are the same, or ``at`` is invalid.
    """
    index = DocIndex(doc)
    art = require(index, uid, "article")
    host = require(index, into, "article")
    if art.uid == host.uid:
        raise EditError(f"不能把{describe(art)}并入它自己", uid=uid)
    pos = len(host.children) if at is None else at
    if not 0 <= pos <= len(host.children):
        raise EditError(f"{describe(host)}只有{len(host.children)}款，位置 {at} 无效", uid=into)
    operation = f"将{label(index, uid)}改为{label(index, into)}的一款"
    up = index.parent(uid)
    up_uid = up.uid if up is not None else None
    step = replace_children(
        doc,
        index,
        up_uid,
        tuple(c for c in (up.children if up else doc.children) if c.uid != uid),
    )
    step_index = DocIndex(step)
    host_now = step_index.node(into)
    paras = (*host_now.children[:pos], *art.children, *host_now.children[pos:])
    host_up = step_index.parent(into)
    host_up_uid = host_up.uid if host_up is not None else None
    holder = host_up.children if host_up is not None else step.children
    merged = node_with(host_now, children=paras)
    changed = replace_children(
        step, step_index, host_up_uid, tuple(merged if c.uid == into else c for c in holder)
    )
    redirect = {uid: art.children[0].uid} if len(art.children) == 1 else {}
    return commit(
        index, changed, operation=operation, removed=[uid], redirect=redirect, style=style
    )


def promote(
    doc: Document,
    uid: str,
    *,
    uids: UidFactory,
    style: CitationStyle | None = None,
) -> EditResult:
    """Turn a 款 into an article of its own, right after its article (the 款 keeps its uid).

    Raises:
        EditError: If the node is not a 款 or is its article's only 款.
    """
    index = DocIndex(doc)
    para = require(index, uid, "paragraph")
    art = index.parent(uid)
    assert art is not None
    if len(art.children) == 1:
        raise EditError(f"{describe(para)}是{describe(art)}唯一的一款，无需改为单独一条", uid=uid)
    new_uid = mint(uids, index)
    operation = f"将{label(index, uid)}改为单独一条"
    shrunk = node_with(art, children=tuple(c for c in art.children if c.uid != uid))
    new_art = new_node("article", new_uid, children=(para,))
    up = index.parent(art.uid)
    up_uid = up.uid if up is not None else None
    siblings = list(up.children if up is not None else doc.children)
    i = index.position(art.uid) - 1
    siblings[i : i + 1] = [shrunk, new_art]
    changed = replace_children(doc, index, up_uid, tuple(siblings))
    return commit(index, changed, operation=operation, created=[new_uid], style=style)
