"""Resolve a `Citation` against a document to node uids (`legislative-norms.md` §2.2, §7.2).

Relative citations (前款, 本条第二款, 前条, 本章) resolve from a context node: the 款/项/目 the words
stand in. A citation that cannot resolve (前款 in the first paragraph, 第九十条 in a 60-article
text) comes back with a Chinese reason instead of targets. External citations never resolve.
"""

from __future__ import annotations

from workbench.model import CONTAINER_KINDS, Document, Node, NodeKind, WorkbenchModel
from workbench.model.ids import Uid
from workbench.numerals import article_label, to_cn
from workbench.refs.citation import ANCHOR_LEVEL, LEVELS, Citation, CitationTarget, Level
from workbench.refs.grammar import parse_citation
from workbench.refs.index import DocIndex
from workbench.refs.parts import named_part

__all__ = [
    "Resolution",
    "ResolvedMember",
    "UnresolvedError",
    "anchor_nodes",
    "resolve",
    "resolve_target",
    "resolve_text",
]

_KIND_NAME: dict[str, str] = {
    "book": "编",
    "part": "分编",
    "chapter": "章",
    "section": "节",
    "article": "条",
    "paragraph": "款",
    "item": "项",
    "subitem": "目",
}


class UnresolvedError(Exception):
    """A citation does not resolve; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ResolvedMember(WorkbenchModel):
    """What one member of a citation points at."""

    first: tuple[Uid, ...]
    """The node(s) of the target or of the first end of a range (前两款 gives two)."""
    last: tuple[Uid, ...] = ()
    """The node(s) of the second end of a range; empty for a single target."""
    targets: tuple[Uid, ...]
    """Every node the member covers, in document order (a range includes what lies between)."""


class Resolution(WorkbenchModel):
    """The result of resolving one citation."""

    members: tuple[ResolvedMember, ...] = ()
    """Per member, what it points at; empty when unresolved."""
    targets: tuple[Uid, ...] = ()
    """Every node cited, in the order written, without repeats."""
    reason: str | None = None
    """Why the citation does not resolve (Chinese); None when it does."""
    warnings: tuple[str, ...] = ()
    """Non-canonical but readable forms (第X条第一款第Y项 for a one-paragraph article)."""

    @property
    def ok(self) -> bool:
        """Whether the citation resolved."""
        return self.reason is None


def resolve(
    citation: Citation,
    doc: Document | DocIndex,
    context: str | None = None,
) -> Resolution:
    """Resolve ``citation`` in ``doc``, relative ones from the node ``context``.

    Args:
        citation: A parsed citation.
        doc: The document, or a `DocIndex` of it (reuse one index for many citations).
        context: The uid of the node whose text contains the citation.

    Returns:
        The targets, or a reason why there are none. External citations are never resolved
        inside ``doc``.
    """
    index = doc if isinstance(doc, DocIndex) else DocIndex(doc)
    if citation.scope == "external":
        return Resolution(
            reason=f"引用其他法律文件（{citation.instrument or citation.scope_text}），不在本文件内解析"
        )
    if not citation.members:
        return Resolution(reason="没有具体条款")
    if context is not None and not index.has(context):
        return Resolution(reason=f"上下文节点 {context} 不在文件中")
    members: list[ResolvedMember] = []
    warnings: list[str] = []
    try:
        for member in citation.members:
            first = resolve_target(member.first, index, context, warnings)
            if member.last is None:
                members.append(ResolvedMember(first=first, targets=first))
                continue
            last = resolve_target(member.last, index, context, warnings)
            kind = index.node(first[0]).kind
            if index.order[last[-1]] < index.order[first[0]]:
                raise UnresolvedError(
                    f"范围“{_describe(member.first)}至{_describe(member.last)}”起止倒置"
                )
            span = index.between(kind, first[0], last[-1])
            if last[-1] not in span:
                span.append(last[-1])
            members.append(ResolvedMember(first=first, last=last, targets=tuple(span)))
    except UnresolvedError as exc:
        return Resolution(reason=exc.reason)
    seen: dict[str, None] = {}
    for m in members:
        for uid in m.targets:
            seen.setdefault(uid, None)
    return Resolution(members=tuple(members), targets=tuple(seen), warnings=tuple(warnings))


def resolve_text(
    text: str,
    doc: Document | DocIndex,
    context: str | None = None,
) -> Resolution:
    """Parse ``text`` as one citation (``第十二条第二款``, ``前款``) and resolve it in ``doc``.

    Raises:
        CitationError: If ``text`` is not a citation (Chinese message).
    """
    return resolve(parse_citation(text), doc, context)


def resolve_target(
    target: CitationTarget,
    index: DocIndex,
    context: str | None,
    warnings: list[str] | None = None,
) -> tuple[str, ...]:
    """Resolve one target to its node uid(s).

    Raises:
        UnresolvedError: (internal) with the Chinese reason.
    """
    base = anchor_nodes(target, index, context)
    if target.part_name is not None and not base:
        part = named_part(index, target.part_name)
        if part is None:
            raise UnresolvedError(f"本文件没有唯一的“{target.part_name}”部分")
        base = [part]
    levels = target.levels()
    if len(base) > 1 and any(LEVELS.index(lv) > ANCHOR_LEVEL[target.anchor] for lv in levels):
        raise UnresolvedError(f"“{_describe(target)}”不能再细分到下级")
    below = {
        level: number
        for level, number in levels.items()
        if LEVELS.index(level) > ANCHOR_LEVEL[target.anchor]
    }
    if target.part_name is not None:
        below = {lv: n for lv, n in below.items() if LEVELS.index(lv) > LEVELS.index(base[0].kind)}
    if not below:
        if base:
            return tuple(n.uid for n in base)
        raise UnresolvedError("引用没有指向任何条款")
    cur: Node | None = base[0] if base else None
    for level, number in below.items():
        cur = _descend(cur, level, number, target, index, context, warnings)
    assert cur is not None
    return (cur.uid,)


def _context_required(context: str | None, what: str) -> str:
    if context is None:
        raise UnresolvedError(f"“{what}”是相对引用，需要所在位置")
    return context


def anchor_nodes(target: CitationTarget, index: DocIndex, context: str | None) -> list[Node]:
    """The node(s) a target's anchor stands for, seen from ``context`` (empty: the document).

    Raises:
        UnresolvedError: If the anchor does not exist there (前款 in the first 款 ...).
    """
    anchor = target.anchor
    if anchor == "document":
        return []
    what = {
        "this_book": "本编",
        "this_part": "本分编",
        "this_chapter": "本章",
        "this_section": "本节",
        "this_article": "本条",
        "previous_article": "前条" if target.count == 1 else f"前{to_cn(target.count)}条",
        "this_paragraph": "本款",
        "previous_paragraph": "前款" if target.count == 1 else f"前{to_cn(target.count)}款",
        "this_item": "本项",
        "previous_item": "前项",
    }[anchor]
    ctx = _context_required(context, what)
    if anchor.startswith("this_"):
        kind: NodeKind = anchor.removeprefix("this_")  # type: ignore[assignment]
        node = index.ancestor(ctx, kind)
        if node is None:
            raise UnresolvedError(f"“{what}”所在位置不在任何{_KIND_NAME[kind]}内")
        return [node]
    if anchor == "previous_article":
        article = index.ancestor(ctx, "article")
        if article is None:
            raise UnresolvedError("“前条”所在位置不在任何条内")
        pos = index.article_pos[article.uid]
        if pos == 0:
            raise UnresolvedError(f"“{what}”出现在第一条中，没有前一条")
        if pos < target.count:
            raise UnresolvedError(f"“{what}”前面不足{to_cn(target.count)}条")
        return index.articles[pos - target.count : pos]
    kind = "paragraph" if anchor == "previous_paragraph" else "item"
    node = index.ancestor(ctx, kind)
    if node is None:
        raise UnresolvedError(f"“{what}”所在位置不在任何{_KIND_NAME[kind]}内")
    parent = index.parent(node.uid)
    assert parent is not None
    pos = index.position(node.uid)
    if pos - target.count < 1:
        where = "第一款" if kind == "paragraph" else "第一项"
        if pos == 1:
            raise UnresolvedError(
                f"“{what}”出现在{where}中，没有前{'款' if kind == 'paragraph' else '项'}"
            )
        raise UnresolvedError(
            f"“{what}”出现在第{to_cn(pos)}{_KIND_NAME[kind]}中，前面不足{to_cn(target.count)}{_KIND_NAME[kind]}"
        )
    return list(parent.children[pos - 1 - target.count : pos - 1])


def _descend(
    cur: Node | None,
    level: Level,
    number: int,
    target: CitationTarget,
    index: DocIndex,
    context: str | None,
    warnings: list[str] | None,
) -> Node:
    if level in CONTAINER_KINDS:
        found = index.containers(level, number)
        if cur is not None:
            found = [u for u in found if index.within(u, cur.uid)]
        if len(found) > 1 and context is not None:
            # Chapters restarting per 编: prefer the one in the context's 编.
            book = index.ancestor(context, "book")
            if book is not None:
                found = [u for u in found if index.within(u, book.uid)] or found
        if not found:
            raise UnresolvedError(f"{_where(cur)}没有第{to_cn(number)}{_KIND_NAME[level]}")
        if len(found) > 1:
            raise UnresolvedError(f"第{to_cn(number)}{_KIND_NAME[level]}不唯一，请写明所属的编或章")
        return index.node(found[0])
    if level == "article":
        uids = index.article_by_number.get((number, target.article_suffix), [])
        label = article_label(number, target.article_suffix)
        if not uids:
            raise UnresolvedError(f"本文件没有{label}")
        if cur is not None:
            inside = [u for u in uids if index.within(u, cur.uid)]
            if not inside:
                raise UnresolvedError(f"{label}不在{_where(cur)}内")
            uids = inside
        return index.node(uids[0])
    if level == "paragraph":
        if cur is None or cur.kind != "article":
            raise UnresolvedError(f"第{to_cn(number)}款前面应当写明第几条")
        if number > len(cur.children):
            raise UnresolvedError(
                f"{cur.num or '该条'}只有{to_cn(len(cur.children))}款，没有第{to_cn(number)}款"
            )
        if (
            number == 1
            and len(cur.children) == 1
            and warnings is not None
            and target.item is not None
        ):
            warnings.append(f"{cur.num}只有一款，引用其项时不必写“第一款”")
        return cur.children[number - 1]
    if level == "item":
        if cur is None:
            raise UnresolvedError(f"第{to_cn(number)}项前面应当写明第几条或第几款")
        paragraph = _item_parent(cur, index, context)
        for child in paragraph.children:
            if index.number_of(child.uid) == number:
                return child
        raise UnresolvedError(f"{_where(paragraph)}没有第{to_cn(number)}项")
    # subitem
    if cur is None or cur.kind != "item":
        raise UnresolvedError(f"第{number}目前面应当写明第几项")
    for child in cur.children:
        if index.number_of(child.uid) == number:
            return child
    raise UnresolvedError(f"{_where(cur)}没有第{number}目")


def _item_parent(cur: Node, index: DocIndex, context: str | None) -> Node:
    """The 款 whose items a 第Z项 under ``cur`` (an article or a paragraph) means."""
    if cur.kind == "paragraph":
        return cur
    if cur.kind != "article":
        raise UnresolvedError(f"{_where(cur)}之下没有项")
    with_items = [p for p in cur.children if p.children]
    if context is not None and index.has(context):
        own = index.ancestor(context, "paragraph")
        if own is not None and any(p.uid == own.uid for p in with_items):
            return own
    if len(with_items) == 1:
        return with_items[0]
    if not with_items:
        raise UnresolvedError(f"{cur.num or '该条'}没有项")
    raise UnresolvedError(f"{cur.num or '该条'}有多款含项，应当写明第几款")


def _where(node: Node | None) -> str:
    if node is None:
        return "本文件"
    if node.kind == "paragraph":
        return "该款"
    return node.num or node.heading or "该处"


def _describe(target: CitationTarget) -> str:
    """A short Chinese rendering of a target for messages."""
    parts: list[str] = []
    for level, number in target.levels().items():
        if level == "article":
            parts.append(article_label(number, target.article_suffix))
        elif level == "subitem":
            parts.append(f"第{number}目")
        else:
            parts.append(f"第{to_cn(number)}{_KIND_NAME[level]}")
    return "".join(parts) or target.anchor
