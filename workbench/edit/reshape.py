"""Split and merge: one article (款, 项, 目) into two, or two adjacent ones into one.

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

__all__ = ["merge", "split"]


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
