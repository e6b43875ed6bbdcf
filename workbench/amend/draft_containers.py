"""The clauses for chapters and sections: renamed, added, removed, or starting elsewhere.

A heading opens its container until the next heading of its level or a higher one, so a
container is fixed by its heading and the first article under it: 增加一章，作为第五章“…”，包括
第四十条至第四十五条 (new numbers); 将第三章的章名修改为“…”; 删去第三章章名 (its articles join the
container before it); 将第三章调整为包括第二十条至第三十条 when its first article changed.
"""

from __future__ import annotations

from workbench.amend.draft_provisions import place_of
from workbench.amend.operations import InsertContainer, Operation, Rename
from workbench.diff import Alignment
from workbench.model import CONTAINER_KINDS, Document, Node, iter_nodes
from workbench.numerals import NumeralError, parse_article_number
from workbench.refs import DocIndex

__all__ = ["container_fixes", "container_operations"]


def _span(node: Node) -> list[Node]:
    return [n for n in iter_nodes([node]) if n.kind == "article"]


def _number(article: Node) -> int | None:
    try:
        return parse_article_number(article.num or "")[0]
    except NumeralError:
        return None


def _old_key(old: DocIndex, node: Node) -> float:
    """Where a clause about an old container stands among the items: before its first article."""
    inside = _span(node)
    if inside:
        return old.article_pos[inside[0].uid] - 0.25
    after = [a for a in old.articles if old.order[a.uid] > old.order[node.uid]]
    return (old.article_pos[after[0].uid] if after else len(old.articles)) - 0.25


def container_operations(
    old: DocIndex, new: DocIndex, alignment: Alignment
) -> list[tuple[float, Operation]]:
    """Clauses for every container the alignment finds renamed, added or removed."""
    out: list[tuple[float, Operation]] = []
    old_of_new: dict[str, str] = {}
    for pair in alignment.articles:
        if pair.old_uids:
            for uid in pair.new_uids:
                old_of_new.setdefault(uid, pair.old_uids[0])
    for pair in alignment.containers:
        if pair.old_uids and pair.new_uids:
            o, n = old.node(pair.old_uids[0]), new.node(pair.new_uids[0])
            if "".join((o.heading or "").split()) != "".join((n.heading or "").split()):
                op = Rename(target=place_of(old, o.uid), heading=n.heading or "")
                out.append((_old_key(old, o), op))
        elif pair.old_uids:
            o = old.node(pair.old_uids[0])
            out.append((_old_key(old, o), Rename(target=place_of(old, o.uid), remove=True)))
        else:
            n = new.node(pair.new_uids[0])
            inside = _span(n)
            if not inside:
                continue
            first, last = _number(inside[0]), _number(inside[-1])
            key = _new_key(old, new, n, old_of_new)
            added = InsertContainer(
                level=n.kind,  # type: ignore[arg-type]
                heading=n.heading or "",
                first=first,
                last=last,
            )
            out.append((key, added))
    return out


def _new_key(old: DocIndex, new: DocIndex, node: Node, old_of_new: dict[str, str]) -> float:
    """Before the old article that the new container's first continued article was."""
    for art in new.articles[new.article_pos[_span(node)[0].uid] :]:
        source = old_of_new.get(art.uid)
        if source is not None and old.has(source):
            return old.article_pos[source] - 0.3
    return len(old.articles) - 0.3


def container_fixes(
    old: DocIndex, new: Document, result: Document
) -> list[tuple[float, Operation]]:
    """Clauses moving the headings the result has in the wrong place (调整为包括第X条…)."""
    want, _ = _starts(new)
    _, have = _starts(result)
    fixes: list[tuple[float, Operation]] = []
    for node in iter_nodes(result.children):
        if node.kind not in CONTAINER_KINDS or not old.has(node.uid):
            continue
        start = have.get(node.uid)
        targets = want.get((node.kind, "".join((node.heading or "").split())), [])
        if start is None or not targets or start in targets:
            continue
        first = min(targets, key=lambda t: abs(t - start))
        rename = Rename(target=place_of(old, node.uid), first=first)
        fixes.append((_old_key(old, old.node(node.uid)), rename))
    return fixes


def _starts(doc: Document) -> tuple[dict[tuple[str, str], list[int]], dict[str, int]]:
    """The number of the first article after each heading: by (kind, heading) and by uid."""
    by_heading: dict[tuple[str, str], list[int]] = {}
    by_uid: dict[str, int] = {}
    pending: list[Node] = []
    for node in iter_nodes(doc.children):
        if node.kind in CONTAINER_KINDS:
            pending.append(node)
        elif node.kind == "article":
            number = _number(node)
            if number is not None:
                for heading in pending:
                    key = (heading.kind, "".join((heading.heading or "").split()))
                    by_heading.setdefault(key, []).append(number)
                    by_uid[heading.uid] = number
            pending = []
    return by_heading, by_uid
