"""Alignment below and above the articles: paragraphs, items, subitems; 编/分编/章/节.

These sequences are short, so every old child is compared with every new one; pairs keep
document order where they can (a weighted LCS) and an out-of-order twin counts as moved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rapidfuzz import fuzz

from workbench.diff.normalize import RefToken, normalize, only_renumbered_refs, ref_key
from workbench.diff.pairs import ChangeKind, Pair
from workbench.diff.sequence import ordered_matches
from workbench.model import CONTAINER_KINDS, Document, Node, NodeKind, full_text
from workbench.numerals import to_cn

__all__ = ["Side", "align_containers", "align_provisions", "order_entries", "pair_kind"]

Side = Sequence[tuple[Node, str]]
"""Provisions of one side, each with its display label."""

_THRESHOLD = 0.5
_MOVE_THRESHOLD = 0.75


def pair_kind(
    old_norm: str,
    new_norm: str,
    old_label: str,
    new_label: str,
    *,
    moved: bool,
    old_text: str,
    new_text: str,
    mapping: Mapping[RefToken, RefToken],
) -> tuple[ChangeKind, bool]:
    """The change kind and the consequential flag of a one-to-one pair."""
    if moved:
        return "moved", False
    if old_norm == new_norm:
        if old_label == new_label:
            return "unchanged", False
        return "renumbered", True
    return "modified", only_renumbered_refs(old_text, new_text, mapping)


def order_entries(
    entries: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[int]:
    """Order pair entries ``(old positions, new positions)`` as the new text reads.

    Entries with a new side sort by their first new position; an entry with only an old side
    (deleted) goes right after the entry holding the nearest old provision before it.

    Returns:
        Entry indices in display order.
    """
    holder: dict[int, int] = {}
    for k, (olds, news) in enumerate(entries):
        if news:
            for o in olds:
                holder[o] = k
    keys: list[tuple[int, int, int]] = []
    for olds, news in entries:
        if news:
            keys.append((min(news), 0, min(olds) if olds else -1))
            continue
        first = min(olds)
        anchor = -1
        for p in range(first - 1, -1, -1):
            if p in holder:
                anchor = min(entries[holder[p]][1])
                break
        keys.append((anchor, 1, first))
    return sorted(range(len(entries)), key=keys.__getitem__)


def _similarities(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[list[float]]:
    return [[float(fuzz.ratio(a, b)) / 100.0 for b in new_keys] for a in old_keys]


def align_provisions(
    old: Side, new: Side, mapping: Mapping[RefToken, RefToken], level_labeler: _Labeler
) -> tuple[Pair, ...]:
    """Align two sequences of provisions of one level and, recursively, their children.

    Args:
        old: Old provisions with labels.
        new: New provisions with labels.
        mapping: The alignment's number mapping, for the consequential flag.
        level_labeler: Makes the labels of a provision's children.

    Returns:
        The pairs in new-text order.
    """
    old_texts = [full_text(n) for n, _ in old]
    new_texts = [full_text(n) for n, _ in new]
    old_norm = [normalize(_body(n)) for n, _ in old]
    new_norm = [normalize(_body(n)) for n, _ in new]
    if old_norm == new_norm:
        matches = [(i, i) for i in range(len(old))]
        moved: set[tuple[int, int]] = set()
        sims = [[1.0 if i == j else 0.0 for j in range(len(new))] for i in range(len(old))]
    else:
        sims = _similarities([ref_key(t) for t in old_norm], [ref_key(t) for t in new_norm])
        matches = ordered_matches(sims, _THRESHOLD)
        moved = set()
        used_old = {i for i, _ in matches}
        used_new = {j for _, j in matches}
        extra = sorted(
            (
                (sims[i][j], i, j)
                for i in range(len(old))
                if i not in used_old
                for j in range(len(new))
                if j not in used_new and sims[i][j] >= _MOVE_THRESHOLD
            ),
            reverse=True,
        )
        for _, i, j in extra:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            matches.append((i, j))
            moved.add((i, j))
    entries: list[tuple[tuple[int, ...], tuple[int, ...]]] = [((i,), (j,)) for i, j in matches]
    matched_old = {i for i, _ in matches}
    matched_new = {j for _, j in matches}
    entries += [((i,), ()) for i in range(len(old)) if i not in matched_old]
    entries += [((), (j,)) for j in range(len(new)) if j not in matched_new]
    pairs: list[Pair] = []
    for k in order_entries(entries):
        olds, news = entries[k]
        if olds and news:
            i, j = olds[0], news[0]
            (o, ol), (n, nl) = old[i], new[j]
            kind, consequential = pair_kind(
                old_norm[i],
                new_norm[j],
                ol,
                nl,
                moved=(i, j) in moved,
                old_text=old_texts[i],
                new_text=new_texts[j],
                mapping=mapping,
            )
            children = align_provisions(level_labeler(o), level_labeler(n), mapping, level_labeler)
            similarity = 1.0 if old_norm[i] == new_norm[j] else sims[i][j]
            pairs.append(
                Pair(kind, o.kind, (o.uid,), (n.uid,), (ol,), (nl,), similarity, consequential,
                     old_texts[i], new_texts[j], children)
            )  # fmt: skip
        elif olds:
            o, ol = old[olds[0]]
            pairs.append(
                Pair("deleted", o.kind, (o.uid,), (), (ol,), (), 0.0, False, old_texts[olds[0]])
            )
        else:
            n, nl = new[news[0]]
            pairs.append(
                Pair("added", n.kind, (), (n.uid,), (), (nl,), 0.0, False, "", new_texts[news[0]])
            )
    return tuple(pairs)


def _body(node: Node) -> str:
    """The node's text and its descendants', without its own label (compared across numbers)."""
    return "\n".join(p for p in (node.text, *(full_text(c) for c in node.children)) if p)


_Labeler = Callable[[Node], list[tuple[Node, str]]]


def child_labels(node: Node) -> list[tuple[Node, str]]:
    """The children of ``node`` with their labels (``第二款``, ``（三）``, ``3.``)."""
    if node.kind == "article":
        return [(c, f"第{to_cn(k)}款") for k, c in enumerate(node.children, start=1)]
    return [(c, c.num or "") for c in node.children]


def _container_label(node: Node) -> str:
    return " ".join(p for p in (node.num, node.heading) if p)


def align_containers(
    old: Document, new: Document, article_map: Mapping[str, str]
) -> tuple[Pair, ...]:
    """Pair the 编/分编/章/节 of two versions by heading and by the articles they hold.

    Args:
        old: The old version.
        new: The new version.
        article_map: Old article uid → new article uid, from the article alignment.

    Returns:
        Container pairs, kind by kind, each in document order.
    """
    pairs: list[Pair] = []
    old_found, new_found = _containers(old), _containers(new)
    for kind in CONTAINER_KINDS:
        olds = [n for n, _ in old_found[kind]]
        news = [n for n, _ in new_found[kind]]
        if not olds and not news:
            continue
        old_arts = [{article_map.get(uid) for uid in uids} for _, uids in old_found[kind]]
        new_arts = [set(uids) for _, uids in new_found[kind]]
        sims = [
            [_container_similarity(o, n, oa, na) for n, na in zip(news, new_arts, strict=True)]
            for o, oa in zip(olds, old_arts, strict=True)
        ]
        matches = ordered_matches(sims, _THRESHOLD)
        entries: list[tuple[tuple[int, ...], tuple[int, ...]]] = [((i,), (j,)) for i, j in matches]
        entries += [((i,), ()) for i in range(len(olds)) if i not in {a for a, _ in matches}]
        entries += [((), (j,)) for j in range(len(news)) if j not in {b for _, b in matches}]
        for k in order_entries(entries):
            oi, nj = entries[k]
            o_node = olds[oi[0]] if oi else None
            n_node = news[nj[0]] if nj else None
            pairs.append(_container_pair(o_node, n_node, sims[oi[0]][nj[0]] if oi and nj else 0.0))
    return tuple(pairs)


def _containers(doc: Document) -> dict[NodeKind, list[tuple[Node, list[str]]]]:
    """Each 编/分编/章/节 of ``doc`` by kind, in document order, with the uids of its articles.

    One walk down to the articles (an article holds no container), instead of one walk of the
    whole tree per kind and one more below each container.
    """
    found: dict[NodeKind, list[tuple[Node, list[str]]]] = {kind: [] for kind in CONTAINER_KINDS}

    def walk(nodes: Sequence[Node], holders: list[list[str]]) -> None:
        for node in nodes:
            if node.kind == "article":
                for held in holders:
                    held.append(node.uid)
            elif node.kind in found:
                uids: list[str] = []
                found[node.kind].append((node, uids))
                walk(node.children, [*holders, uids])

    walk(doc.children, [])
    return found


def _container_similarity(o: Node, n: Node, old_arts: set[str | None], new_arts: set[str]) -> float:
    if o.heading or n.heading:
        heading = fuzz.ratio(normalize(o.heading or ""), normalize(n.heading or "")) / 100.0
    else:
        heading = 1.0 if o.num == n.num else 0.0
    mapped = old_arts - {None}
    overlap = (
        len(mapped & new_arts) / max(len(old_arts), len(new_arts)) if old_arts or new_arts else 0.0
    )
    return 0.6 * heading + 0.4 * overlap


def _container_pair(o: Node | None, n: Node | None, similarity: float) -> Pair:
    if o is None:
        assert n is not None
        return Pair(
            "added",
            n.kind,
            (),
            (n.uid,),
            (),
            (_container_label(n),),
            0.0,
            False,
            "",
            n.heading or "",
        )
    if n is None:
        return Pair(
            "deleted", o.kind, (o.uid,), (), (_container_label(o),), (), 0.0, False, o.heading or ""
        )
    same_heading = normalize(o.heading or "") == normalize(n.heading or "")
    change: ChangeKind = (
        ("unchanged" if o.num == n.num else "renumbered") if same_heading else "modified"
    )
    return Pair(
        change, o.kind, (o.uid,), (n.uid,), (_container_label(o),), (_container_label(n),),
        similarity, change == "renumbered", o.heading or "", n.heading or "",
    )  # fmt: skip
