"""One function per kind of operation: change the staging tree as the clause says.

Each handler reads its places in the base (`StagingTree.node`), changes the staged nodes, and returns
the change links it declares. Operations that need the amended numbering (a 款 added to the
article that *will be* 第十六条, a new 章 starting at the new 第四十条) leave a step for after
the layout. A handler raises `ApplyError` when the operation does not fit the base.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.amend.operations import (
    Delete,
    Demote,
    InsertContainer,
    InsertUnits,
    Merge,
    Operation,
    Place,
    Rename,
    Renumber,
    Replace,
    Split,
    Words,
)
from workbench.amend.outcome import ChangeKind, ChangeLink
from workbench.amend.staging import ApplyError, Staged, StagingTree, adopt
from workbench.amend.texts import (
    TextError,
    article_paragraphs,
    item_nodes,
    strip_item_label,
    subitem_nodes,
)
from workbench.amend.words import edit_words
from workbench.model import CONTAINER_KINDS, Node

__all__ = ["AfterLayout", "Handled", "handle"]

AfterLayout = Callable[[dict[int, Staged]], list[ChangeLink]]
"""A step that needs the amended numbering: number → article of the laid-out text."""


class Handled:
    """What a handler did: its links, and steps left for after the layout."""

    __slots__ = ("after", "headings", "links")

    def __init__(self) -> None:
        self.links: list[ChangeLink] = []
        self.after: list[AfterLayout] = []
        self.headings: list[tuple[Staged, int]] = []

    def link(self, change: ChangeKind, level: str, old: list[str], new: list[str]) -> None:
        """Record that ``old`` base nodes became ``new`` result nodes (``change``)."""
        self.links.append(
            ChangeLink(
                item="", change=change, level=level, old_uids=tuple(old), new_uids=tuple(new)
            )
        )


def _staged(nodes: tuple[Node, ...]) -> list[Staged]:
    return [Staged.of(n, created=True) for n in nodes]


def _parse(
    fn: Callable[..., tuple[Node, ...]], lines: tuple[str, ...], tree: StagingTree
) -> list[Staged]:
    try:
        return _staged(fn(lines, tree.uids))
    except TextError as exc:
        raise ApplyError(str(exc)) from exc


def _splice(tree: StagingTree, old: Staged, new: list[Staged]) -> None:
    """Put ``new`` where ``old`` stands among its parent's children (``old`` goes)."""
    parent = tree.parents[old.uid]
    at = parent.children.index(old)
    adopt([old], new[:1])
    parent.children[at : at + 1] = new
    for node in new:
        tree.register(node, parent)
        for n in node.walk():
            tree.replaced.add(n.uid)
    tree.items_changed.add(parent.uid)


def _replace(op: Replace, tree: StagingTree, out: Handled) -> None:
    target = op.target
    if target.title:
        tree.title = "".join(op.text)
        return
    if target.preamble is not None:
        _replace_preamble(target, op.text, tree)
        return
    node = tree.node(target)
    if node.kind == "article":
        new = _parse(article_paragraphs, op.text, tree)
        old_children = node.children
        adopt(old_children, new)
        node.children = new
        for child in new:
            tree.register(child, node)
            for n in child.walk():
                tree.replaced.add(n.uid)
        if op.number is not None:
            node.pinned = op.number
        out.link("modified", "article", [node.uid], [node.uid])
        return
    if node.kind == "paragraph":
        new = _parse(article_paragraphs, op.text, tree)
        keep = op.keep_items or (
            len(new) == 1 and not new[0].children and node.children and new[0].text.endswith("：")
        )
        if keep:
            if len(new) != 1:
                raise ApplyError("条首部分的引文应当只有一段")
            new[0].children = node.children
            if node.children and not new[0].text.endswith(("：", ":")):
                new[0].text = new[0].text.rstrip("。；，") + "："
        _splice(tree, node, new)
        if keep:
            for child in new[0].children:
                tree.replaced.discard(child.uid)
        out.link("modified", "paragraph", [node.uid], [n.uid for n in new])
        return
    if node.kind in ("item", "subitem"):
        fn = item_nodes if node.kind == "item" else subitem_nodes
        lines = op.text
        if node.kind == "item" and lines and not lines[0].lstrip().startswith(("（", "(")):
            lines = (f"{node.num or '（一）'}{lines[0]}", *lines[1:])
        new = _parse(fn, lines, tree)
        _splice(tree, node, new)
        out.link("modified", node.kind, [node.uid], [n.uid for n in new])
        return
    raise ApplyError(f"“{target.label}”不能整体修改为新的条文")


def _replace_preamble(target: Place, text: tuple[str, ...], tree: StagingTree) -> None:
    n = target.preamble or 0
    if n == 0:
        tree.preamble = list(text)
        return
    if n > len(tree.preamble):
        raise ApplyError(f"序言只有{len(tree.preamble)}段，没有第{n}段")
    tree.preamble[n - 1 : n] = list(text)


def _insert(op: InsertUnits, tree: StagingTree, out: Handled) -> None:
    if op.level == "article":
        _insert_articles(op, tree, out)
        return
    fn = {"paragraph": article_paragraphs, "item": item_nodes, "subitem": subitem_nodes}[op.level]
    units: list[Staged] = []
    for text in op.texts:
        new = _parse(fn, text, tree)
        if len(new) != 1:
            raise ApplyError("一段引文中读出了多个新增的款（项）")
        units.append(new[0])
    for k, unit in enumerate(units):
        if k < len(op.numbers):
            unit.pinned = op.numbers[k]
    if op.into is not None:
        into = op.into

        def later(numbers: dict[int, Staged]) -> list[ChangeLink]:
            article = numbers.get(into)
            if article is None:
                raise ApplyError(f"修改后没有第{into}条，无法在其中增加")
            _put(tree, article, units, None)
            return [_added(op.level, units)]

        out.after.append(later)
        return
    parent = _parent_for(op, tree)
    after = tree.node(op.after) if op.after is not None and not units[0].pinned else None
    _put(tree, parent, units, after)
    out.links.append(_added(op.level, units))


def _added(level: str, units: list[Staged]) -> ChangeLink:
    return ChangeLink(item="", change="added", level=level, new_uids=tuple(u.uid for u in units))


def _put(tree: StagingTree, parent: Staged, units: list[Staged], after: Staged | None) -> None:
    at = parent.children.index(after) + 1 if after is not None else len(parent.children)
    parent.children[at:at] = units
    for unit in units:
        tree.register(unit, parent)
        for n in unit.walk():
            tree.replaced.add(n.uid)
    tree.items_changed.add(parent.uid)


def _parent_for(op: InsertUnits, tree: StagingTree) -> Staged:
    if op.parent is None:
        raise ApplyError("没有写明在哪一条（款、项）中增加")
    node = tree.node(op.parent)
    if op.level == "paragraph":
        return tree.article_of(node)
    if op.level == "item":
        if node.kind == "article":
            return tree.paragraph_with_items(node, op.parent)
        if node.kind == "paragraph":
            return node
        raise ApplyError(f"项只能增加在款中：“{op.parent.label}”")
    if node.kind != "item":
        raise ApplyError(f"目只能增加在项中：“{op.parent.label}”")
    return node


def _insert_articles(op: InsertUnits, tree: StagingTree, out: Handled) -> None:
    hint = tree.node(op.container).uid if op.container is not None else None
    anchor: Staged | None = tree.node(op.after) if op.after is not None else None
    new_articles: list[Staged] = []
    for k, text in enumerate(op.texts):
        paragraphs = _parse(article_paragraphs, text, tree)
        art = Staged(kind="article", uid=tree.mint(), children=paragraphs, created=True)
        tree.register(art, None)
        for n in art.walk():
            tree.replaced.add(n.uid)
        art.hint = hint
        suffix = op.suffixes[k] if k < len(op.suffixes) else 0
        if k < len(op.numbers) and suffix:
            art.insertion = True
            if anchor is None:
                base = Place(article=op.numbers[k], article_suffix=suffix - 1)
                anchor = tree.node(base)
            tree.anchored.setdefault(anchor.uid, []).append(art)
        elif k < len(op.numbers):
            art.pinned = op.numbers[k]
            tree.tokens.append(art)
        elif anchor is not None:
            tree.anchored.setdefault(anchor.uid, []).append(art)
        else:
            raise ApplyError("新增的条既没有写明序号，也没有写明位置")
        new_articles.append(art)
    out.links.append(_added("article", new_articles))


def _delete(op: Delete, tree: StagingTree, out: Handled) -> None:
    for target in op.targets:
        if target.preamble is not None:
            if target.preamble == 0:
                tree.preamble = []
            elif target.preamble <= len(tree.preamble):
                tree.preamble[target.preamble - 1] = ""
            else:
                raise ApplyError(f"序言没有第{target.preamble}段")
            continue
        node = tree.node(target)
        if node.kind in CONTAINER_KINDS:
            gone = [node, *(t for t in tree.container_span(node) if t.pinned is None)]
            for tok in gone:
                tok.removed = True
            out.link("deleted", node.kind, [t.uid for t in gone], [])
            continue
        if node.kind == "paragraph":
            article = tree.parents[node.uid]
            if sum(1 for c in article.live() if c is not node) == 0:
                raise ApplyError(f"{target.label}是该条唯一的一款，应删去整条")
        node.removed = True
        if node.kind != "article":
            tree.items_changed.add(tree.parents[node.uid].uid)
        out.link("deleted", node.kind, tree.base_uids(node), [])


def _words(op: Words, tree: StagingTree, out: Handled) -> None:
    if op.target is not None and op.target.preamble is not None:
        n = op.target.preamble
        indexes = range(len(tree.preamble)) if n == 0 else [n - 1]
        texts = {i: tree.preamble[i] for i in indexes if i < len(tree.preamble)}
        for i, text in edit_words(texts, op).items():
            tree.preamble[i] = text
        return
    if op.target is not None and op.target.title:
        tree.title = edit_words({0: tree.title}, op)[0]
        return
    nodes = tree.covered(op.target)
    labelled = {n.uid: (n.num or "") + n.text if n.kind == "item" else n.text for n in nodes}
    changed: dict[str, str] = edit_words(labelled, op)
    touched: list[str] = []
    for node in nodes:
        if node.uid not in changed:
            continue
        text = changed[node.uid]
        if node.kind == "item":
            text = strip_item_label(text)
        node.text = text
        touched.append(node.uid)
    out.link("modified", "text", touched, touched)


def _renumber(op: Renumber, tree: StagingTree, out: Handled) -> None:
    node = tree.node(op.target)
    if node.kind != "article":
        raise ApplyError(f"“{op.target.label}”不是条")
    if op.suffix:
        raise ApplyError("改为“之N”序号的调整需要人工处理")
    node.pinned = op.number
    if op.container is not None:
        node.hint = tree.node(op.container).uid
    out.link("moved", "article", [node.uid], [node.uid])


def _split(op: Split, tree: StagingTree, out: Handled) -> None:
    node = tree.node(op.target)
    if node.kind != "article":
        raise ApplyError(f"“{op.target.label}”不是条，不能拆分为几条")
    pieces: list[list[Staged]]
    old_children = list(node.live())
    if op.texts:
        if len(op.texts) != len(op.numbers):
            raise ApplyError("拆分后的条数与写明的序号不一致")
        pieces = [_parse(article_paragraphs, text, tree) for text in op.texts]
        adopt(old_children, [p for piece in pieces for p in piece])
    elif len(old_children) == len(op.numbers):
        pieces = [[child] for child in old_children]
    else:
        raise ApplyError(
            f"{op.target.label}有{len(old_children)}款，未写明拆分后各条的文字，无法拆分为{len(op.numbers)}条"
        )
    node.children = pieces[0]
    node.pinned = op.numbers[0]
    for child in pieces[0]:
        tree.register(child, node)
    new_uids = [node.uid]
    for piece, number in zip(pieces[1:], op.numbers[1:], strict=True):
        art = Staged(kind="article", uid=tree.mint(), children=piece, created=True, pinned=number)
        tree.register(art, None)
        tree.tokens.append(art)
        new_uids.append(art.uid)
    if op.texts:
        for uid in new_uids:
            for n in tree.nodes[uid].walk():
                if n.kind != "article":
                    tree.replaced.add(n.uid)
    out.link("split", "article", [node.uid], new_uids)


def _merge(op: Merge, tree: StagingTree, out: Handled) -> None:
    articles = [tree.node(t) for t in op.targets]
    if any(a.kind != "article" for a in articles):
        raise ApplyError("只能合并条")
    survivor = articles[0]
    gathered = [child for a in articles for child in a.live()]
    if op.text is not None:
        new = _parse(article_paragraphs, op.text, tree)
        adopt(gathered, new)
        survivor.children = new
        for child in new:
            for n in child.walk():
                tree.replaced.add(n.uid)
    else:
        survivor.children = gathered
    for child in survivor.children:
        tree.register(child, survivor)
    for other in articles[1:]:
        other.removed = True
        tree.redirect[other.uid] = survivor.uid
    if op.number is not None:
        survivor.pinned = op.number
    out.link("merged", "article", [a.uid for a in articles], [survivor.uid])


def _demote(op: Demote, tree: StagingTree, out: Handled) -> None:
    node = tree.node(op.target)
    if node.kind != "article":
        raise ApplyError(f"“{op.target.label}”不是条")
    node.removed = True
    moved = list(node.live())
    for child in moved:
        child.pinned = op.paragraph if child is moved[0] else None

    def later(numbers: dict[int, Staged]) -> list[ChangeLink]:
        host = numbers.get(op.into)
        if host is None:
            raise ApplyError(f"修改后没有第{op.into}条")
        host.children.extend(moved)
        for child in moved:
            tree.register(child, host)
        if len(moved) == 1:
            tree.redirect[node.uid] = moved[0].uid
        return [ChangeLink(item="", change="merged", level="article",
                           old_uids=(node.uid, host.uid), new_uids=(host.uid,))]  # fmt: skip

    out.after.append(later)


def _insert_container(op: InsertContainer, tree: StagingTree, out: Handled) -> None:
    if op.first is None:
        raise ApplyError(f"没有写明新增的{_UNITS[op.level]}从哪一条开始")
    heading = Staged(kind=op.level, uid=tree.mint(), heading=op.heading, created=True)
    tree.register(heading, None)
    out.headings.append((heading, op.first))
    out.link("added", op.level, [], [heading.uid])


_UNITS = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}


def _rename(op: Rename, tree: StagingTree, out: Handled) -> None:
    if op.target.title:
        tree.title = op.heading or tree.title
        return
    node = tree.node(op.target)
    if node.kind not in CONTAINER_KINDS:
        raise ApplyError(f"“{op.target.label}”不是章、节")
    if op.remove:
        node.removed = True
        out.link("deleted", node.kind, [node.uid], [])
        return
    if op.heading is not None:
        node.heading = op.heading
    if op.first is not None:
        out.headings.append((node, op.first))
    out.link("modified", node.kind, [node.uid], [node.uid])


_HANDLERS: dict[str, Callable[..., None]] = {
    "replace": _replace,
    "insert": _insert,
    "delete": _delete,
    "words": _words,
    "renumber": _renumber,
    "split": _split,
    "merge": _merge,
    "demote": _demote,
    "insert_container": _insert_container,
    "rename": _rename,
}


def handle(op: Operation, tree: StagingTree) -> Handled:
    """Apply ``op`` to the staging tree (declared renumberings and closing clauses do nothing).

    Raises:
        ApplyError: If the operation does not fit the base text.
    """
    out = Handled()
    handler = _HANDLERS.get(op.kind)
    if handler is not None:
        handler(op, tree, out)
    return out
