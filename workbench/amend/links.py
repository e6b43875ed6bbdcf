"""The decision ↔ change links as the alignment takes them (`workbench.diff.DeclaredLink`).

The alignment pairs articles by uid and by text; a decision *declares* what happened: this
article was split into those two, these were merged, that one moved. Declared links come first
and are never undone by text similarity, so the 对照表 and the compare screen show a split as a
split. Links are per article: a change to a 款 or 项 declares its article modified.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.amend.outcome import ChangeLink
from workbench.diff import DeclaredLink
from workbench.model import Document, articles
from workbench.refs import DocIndex

__all__ = ["declared_links"]


def declared_links(links: Iterable[ChangeLink], old: Document, new: Document) -> list[DeclaredLink]:
    """The article-level links of an applied decision between ``old`` and ``new``.

    Args:
        links: The decision's change links (`AppliedDecision.links`, or as stored).
        old: The version the decision amended.
        new: A version made from the result (uids carried): links to nodes it no longer has
            (edited away after the decision) are left out.

    Returns:
        At most one link per article uid, in the decision's order.
    """
    links = list(links)
    old_index, new_index = DocIndex(old), DocIndex(new)
    moved = _moved(old, new, {u for lk in links if lk.change == "moved" for u in lk.old_uids})
    out: list[DeclaredLink] = []
    seen_old: set[str] = set()
    seen_new: set[str] = set()
    for link in links:
        olds = _articles(old_index, link.old_uids)
        news = _articles(new_index, link.new_uids)
        kind: str = link.change
        whole = link.level == "article"
        if kind in ("modified", "renumbered") or (kind in ("added", "deleted") and not whole):
            both = tuple(u for u in (*olds, *news) if old_index.has(u) and new_index.has(u))
            if not both:
                continue
            kind = "moved" if both[0] in moved else "modified"
            olds, news = both[:1], both[:1]
        elif kind == "moved":
            if not olds or olds[0] not in moved or not new_index.has(olds[0]):
                continue
            news = olds[:1]
        if set(olds) & seen_old or set(news) & seen_new or not _shape_ok(kind, olds, news):
            continue
        out.append(DeclaredLink(kind, olds, news, link.item))  # type: ignore[arg-type]
        seen_old.update(olds)
        seen_new.update(news)
    return out


def _articles(index: DocIndex, uids: Iterable[str]) -> tuple[str, ...]:
    """The articles (uids) that ``uids`` stand in, once each, in order."""
    found: dict[str, None] = {}
    for uid in uids:
        if index.has(uid):
            node = index.ancestor(uid, "article")
            if node is not None:
                found.setdefault(node.uid, None)
    return tuple(found)


def _shape_ok(kind: str, olds: tuple[str, ...], news: tuple[str, ...]) -> bool:
    if kind in ("modified", "moved"):
        return len(olds) == 1 and len(news) == 1
    if kind == "split":
        return len(olds) == 1 and len(news) >= 2
    if kind == "merged":
        return len(olds) >= 2 and len(news) == 1
    if kind == "deleted":
        return bool(olds) and not news
    if kind == "added":
        return bool(news) and not olds
    return False


def _moved(old: Document, new: Document, renumbered: set[str]) -> set[str]:
    """The renumbered articles whose place among the articles left in order changed.

    将第十一条改为第十二条 often only states where the renumbering brings an article; it moved
    when it stands elsewhere among the articles no clause placed.
    """
    before = [a.uid for a in articles(old)]
    after = [a.uid for a in articles(new)]
    present = set(after)
    still = {u for u in before if u in present and u not in renumbered}

    def rank(order: list[str], uid: str) -> int:
        return [u for u in order if u in still or u == uid].index(uid)

    return {u for u in renumbered if u in present and rank(before, u) != rank(after, u)}
