"""Align two versions of a regulation article by article, and carry uids forward.

`align_documents` pairs articles by uid where the new version descends from the old one, and
by content for the rest, without comparing every article with every other:

1. articles sharing a uid pair up;
2. articles with identical text (whitespace, punctuation width and renumbered cross-references
   ignored) that occur once on each side become anchors;
3. the longest increasing subsequence of those pairs fixes document order; pairs off it moved;
4. between consecutive anchors, the remaining articles pair by similarity (rapidfuzz ratio) in
   order (a weighted LCS inside the gap);
5. an article left over that lies next to its partner's neighbours and whose text lies inside
   the partner forms a split (one → several) or merge (several → one);
6. what is still left pairs across the whole text through an n-gram index (moved and edited).

Paragraphs, items and subitems of paired articles are aligned in `workbench.diff.children`.
`carry_uids` gives a version imported from outside the uids of its predecessor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from workbench.diff.children import (
    align_containers,
    align_provisions,
    child_labels,
    order_entries,
    pair_kind,
)
from workbench.diff.normalize import RefToken, containment, grams, normalize, ref_key
from workbench.diff.pairs import Alignment, ChangeKind, Pair
from workbench.diff.sequence import GramIndex, longest_increasing, ordered_matches
from workbench.model import Document, Node, UidFactory, articles, full_text, index_by_uid
from workbench.numerals import NumeralError, from_cn, parse_article_number

__all__ = ["align_documents", "carry_uids", "iter_pairs"]

GAP_THRESHOLD = 0.5
"""Least similarity for two articles between the same anchors to count as one article."""
MOVE_THRESHOLD = 0.6
"""Least similarity for two articles far apart to count as one moved article."""
_DENSE_LIMIT = 40_000
"""Largest gap (old × new articles) compared densely; larger gaps use the n-gram index."""
_PIECE_CONTAINMENT = 0.5
_MIN_CONTAINED = 12
"""Shortest text (characters) whose containment in another counts as similarity."""
_CONTAINED_WEIGHT = 0.7
"""Discount on containment used as similarity, so a true ratio match wins over it."""
_PIECE_GAIN = 0.03

Entry = tuple[tuple[int, ...], tuple[int, ...]]
_FreeTest = Callable[[int], bool]


@dataclass(slots=True)
class _Unit:
    """One article with the keys the alignment compares."""

    pos: int
    node: Node
    label: str
    text: str
    norm: str
    key: str
    _grams: frozenset[str] | None = field(default=None)

    @property
    def grams(self) -> frozenset[str]:
        if self._grams is None:
            self._grams = grams(self.key)
        return self._grams


def _units(doc: Document) -> list[_Unit]:
    out: list[_Unit] = []
    for pos, node in enumerate(articles(doc)):
        text = full_text(node)
        norm = normalize(text)
        out.append(_Unit(pos, node, node.num or node.eid, text, norm, ref_key(norm)))
    return out


def _ratio(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b)) / 100.0


class _Aligner:
    """The state of one article alignment: one-to-one links, then groups."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old_doc = old
        self.new_doc = new
        self.olds = _units(old)
        self.news = _units(new)
        self.o2n: dict[int, int] = {}
        self.n2o: dict[int, int] = {}
        self.groups: list[Entry] = []
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()
        self.by_uid = False

    def link(self, i: int, j: int) -> None:
        self.o2n[i] = j
        self.n2o[j] = i

    def free_old(self, i: int) -> bool:
        return i not in self.o2n and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        return j not in self.n2o and j not in self.grouped_new

    # 1. uids
    def link_uids(self) -> None:
        new_pos = {u.node.uid: u.pos for u in self.news}
        for u in self.olds:
            j = new_pos.get(u.node.uid)
            if j is not None:
                self.link(u.pos, j)
                self.by_uid = True

    # 2. exact anchors
    def link_identical(self) -> None:
        old_keys = Counter(u.key for u in self.olds if self.free_old(u.pos))
        new_keys = Counter(u.key for u in self.news if self.free_new(u.pos))
        new_at = {u.key: u.pos for u in self.news if self.free_new(u.pos)}
        for u in self.olds:
            if self.free_old(u.pos) and old_keys[u.key] == 1 and new_keys.get(u.key) == 1:
                self.link(u.pos, new_at[u.key])

    # 3 + 4. order and gaps
    def chain(self) -> list[tuple[int, int]]:
        links = sorted((j, i) for i, j in self.o2n.items())
        keep = longest_increasing([i for _, i in links])
        return [(links[k][1], links[k][0]) for k in keep]

    def fill_gaps(self) -> None:
        bounds = [(-1, -1), *self.chain(), (len(self.olds), len(self.news))]
        for (i0, j0), (i1, j1) in pairwise(bounds):
            gap_old = [i for i in range(i0 + 1, i1) if self.free_old(i)]
            gap_new = [j for j in range(j0 + 1, j1) if self.free_new(j)]
            if not gap_old or not gap_new:
                continue
            sims = self.similarities(gap_old, gap_new)
            for a, b in ordered_matches(sims, GAP_THRESHOLD):
                self.link(gap_old[a], gap_new[b])

    def similarities(self, old_pos: Sequence[int], new_pos: Sequence[int]) -> list[list[float]]:
        """Similarity matrix, dense for small blocks, candidate-pruned for large ones."""
        if len(old_pos) * len(new_pos) <= _DENSE_LIMIT:
            return [[self.similarity(i, j) for j in new_pos] for i in old_pos]
        sims = [[0.0] * len(new_pos) for _ in old_pos]
        row_of = {i: r for r, i in enumerate(old_pos)}
        index = GramIndex((i, self.olds[i].grams) for i in old_pos)
        for c, j in enumerate(new_pos):
            for i in index.candidates(self.news[j].grams, limit=12):
                sims[row_of[i]][c] = self.similarity(i, j)
        return sims

    def similarity(self, i: int, j: int) -> float:
        """How alike old article i and new article j are, 0–1.

        The rapidfuzz ratio, or (when the ratio is low) a discounted containment: an article
        that grew by whole paragraphs, or the first piece of a split, lies almost entirely
        inside its partner although the ratio of the two lengths keeps the ratio low.
        """
        a, b = self.olds[i], self.news[j]
        score = _ratio(a.key, b.key)
        if score >= GAP_THRESHOLD or min(len(a.key), len(b.key)) < _MIN_CONTAINED:
            return score
        small, large = (a, b) if len(a.key) <= len(b.key) else (b, a)
        return max(score, _CONTAINED_WEIGHT * containment(small.grams, large.grams))

    # 5. splits and merges
    def find_pieces(self, *, split: bool) -> None:
        """Group one article on side A with several articles on side B that lie inside it.

        For a split, A is the old side and B the new; for a merge, the other way round. A free
        B article (not yet paired) joins A's group when most of its n-grams occur in A and the
        joined text of the group (in B order) is clearly more like A than before.
        """
        a_units, b_units = (self.olds, self.news) if split else (self.news, self.olds)
        a2b, b2a = (self.o2n, self.n2o) if split else (self.n2o, self.o2n)
        a_grouped, b_grouped = (
            (self.grouped_old, self.grouped_new) if split else (self.grouped_new, self.grouped_old)
        )

        def free_b(k: int) -> bool:
            return k not in b2a and k not in b_grouped

        free = [b.pos for b in b_units if free_b(b.pos)]
        if not free:
            return
        index = GramIndex((k, b_units[k].grams) for k in free)
        for a in a_units:
            if a.pos in a_grouped:
                continue
            partner = a2b.get(a.pos)
            if partner is not None and b_units[partner].norm == a.norm:
                continue
            run = self.pieces_of(a, partner, b_units, index, free_b)
            if len(run) < 2:
                continue
            if partner is not None:
                del a2b[a.pos]
                del b2a[partner]
            a_grouped.add(a.pos)
            b_grouped.update(run)
            self.groups.append(((a.pos,), tuple(run)) if split else (tuple(run), (a.pos,)))

    def pieces_of(
        self,
        a: _Unit,
        partner: int | None,
        b_units: Sequence[_Unit],
        index: GramIndex,
        free_b: _FreeTest,
    ) -> list[int]:
        """The B articles that together make up ``a`` (its partner first, if it has one)."""
        inside = sorted(
            (
                (containment(b_units[k].grams, a.grams), k)
                for k in index.candidates(a.grams, limit=12)
                if free_b(k) and k != partner
            ),
            reverse=True,
        )
        inside = [(share, k) for share, k in inside if share >= _PIECE_CONTAINMENT]
        if partner is None:
            # Without a partner, the piece most like the whole plays its part: the same
            # choice carry_uids makes, so an alignment by carried uids finds the same groups.
            if not inside:
                return []
            partner = max((k for _, k in inside), key=lambda k: _ratio(a.key, b_units[k].key))
        run = [partner]
        # A group must beat every single piece, not just the partner the order gave it: the
        # same result whichever piece holds the old uid.
        best = max(_ratio(a.key, b_units[k].key) for k in (partner, *(k for _, k in inside)))
        for _, k in inside:
            if k == partner:
                continue
            trial = sorted([*run, k])
            score = _ratio(a.key, "".join(b_units[m].key for m in trial))
            if score >= best + _PIECE_GAIN:
                run, best = trial, score
        return run if len(run) > 1 and best >= GAP_THRESHOLD else []

    # 6. moves across the text
    def link_far(self) -> None:
        old_pos = [u.pos for u in self.olds if self.free_old(u.pos)]
        new_pos = [u.pos for u in self.news if self.free_new(u.pos)]
        if not old_pos or not new_pos:
            return
        sims = self.similarities(old_pos, new_pos)
        scored = sorted(
            (
                (s, r, c)
                for r, row in enumerate(sims)
                for c, s in enumerate(row)
                if s >= MOVE_THRESHOLD
            ),
            reverse=True,
        )
        for _, r, c in scored:
            i, j = old_pos[r], new_pos[c]
            if self.free_old(i) and self.free_new(j):
                self.link(i, j)

    def entries(self) -> list[Entry]:
        out: list[Entry] = [((i,), (j,)) for i, j in self.o2n.items()]
        out += self.groups
        out += [((u.pos,), ()) for u in self.olds if self.free_old(u.pos)]
        out += [((), (u.pos,)) for u in self.news if self.free_new(u.pos)]
        return out

    def run(self) -> Alignment:
        self.link_uids()
        self.link_identical()
        self.fill_gaps()
        self.find_pieces(split=True)
        self.find_pieces(split=False)
        self.link_far()
        return self.build(self.entries())

    def build(self, entries: list[Entry]) -> Alignment:
        paired = [k for k, (o, n) in enumerate(entries) if o and n]
        by_new = sorted(paired, key=lambda k: min(entries[k][1]))
        in_order = {by_new[p] for p in longest_increasing([min(entries[k][0]) for k in by_new])}
        article_map: dict[str, str] = {}
        mapping: dict[RefToken, RefToken] = {}
        for olds, news in entries:
            if olds and news:
                for i in olds:
                    article_map[self.olds[i].node.uid] = self.news[news[0]].node.uid
                    _map_label(mapping, "条", self.olds[i].label, self.news[news[0]].label)
        containers = align_containers(self.old_doc, self.new_doc, article_map)
        for pair in containers:
            if pair.level in ("chapter", "book") and pair.old_uids and pair.new_uids:
                _map_label(mapping, "章" if pair.level == "chapter" else "编",
                           pair.old_labels[0], pair.new_labels[0])  # fmt: skip
        pairs = [
            self.pair(entries[k], moved=bool(entries[k][0] and entries[k][1]) and k not in in_order,
                      mapping=mapping)
            for k in order_entries(entries)
        ]  # fmt: skip
        return Alignment(
            articles=tuple(pairs),
            containers=containers,
            method="uid" if self.by_uid else "content",
        )

    def pair(self, entry: Entry, *, moved: bool, mapping: dict[RefToken, RefToken]) -> Pair:
        olds = [self.olds[i] for i in entry[0]]
        news = [self.news[j] for j in entry[1]]
        old_text = "\n".join(u.text for u in olds)
        new_text = "\n".join(u.text for u in news)
        old_labels = tuple(u.label for u in olds)
        new_labels = tuple(u.label for u in news)
        old_uids = tuple(u.node.uid for u in olds)
        new_uids = tuple(u.node.uid for u in news)
        if not news:
            return Pair("deleted", "article", old_uids, (), old_labels, (), 0.0, False, old_text)
        if not olds:
            return Pair("added", "article", (), new_uids, (), new_labels, 0.0, False, "", new_text)
        old_norm = "".join(u.norm for u in olds)
        new_norm = "".join(u.norm for u in news)
        children = align_provisions(_side(olds), _side(news), mapping, child_labels)
        similarity = 1.0 if old_norm == new_norm else _ratio(old_norm, new_norm)
        kind: ChangeKind
        if len(news) > 1:
            kind, consequential = "split", False
        elif len(olds) > 1:
            kind, consequential = "merged", False
        else:
            kind, consequential = pair_kind(
                old_norm, new_norm, old_labels[0], new_labels[0], moved=moved,
                old_text=old_text, new_text=new_text, mapping=mapping,
            )  # fmt: skip
        return Pair(kind, "article", old_uids, new_uids, old_labels, new_labels, similarity,
                    consequential, old_text, new_text, children)  # fmt: skip


def _side(units: Sequence[_Unit]) -> list[tuple[Node, str]]:
    """The paragraphs of one side's articles, labelled (prefixed by article when several)."""
    if len(units) == 1:
        return child_labels(units[0].node)
    return [(n, f"{u.label}{label}") for u in units for n, label in child_labels(u.node)]


def _map_label(mapping: dict[RefToken, RefToken], unit: str, old: str, new: str) -> None:
    a, b = _label_token(unit, old), _label_token(unit, new)
    if a is not None and b is not None:
        mapping.setdefault(a, b)


def _label_token(unit: str, label: str) -> RefToken | None:
    try:
        if unit == "条":
            number, suffix = parse_article_number(label)
            return ("条", number, suffix)
        head = label.split(" ")[0]
        if head.startswith("第") and head.endswith(unit):
            return (unit, from_cn(head[1:-1]), 0)
    except NumeralError:
        return None
    return None


def align_documents(old: Document, new: Document) -> Alignment:
    """Align the articles (and their paragraphs, items, subitems) of two versions.

    Args:
        old: The earlier version.
        new: The later version; if it shares uids with ``old`` those pair first.

    Returns:
        The alignment: article pairs in new-text order with kinds, similarities, the
        consequential flag and child pairs; container pairs.
    """
    return _Aligner(old, new).run()


def iter_pairs(pairs: Iterable[Pair]) -> Iterable[Pair]:
    """Every pair and, depth first, its child pairs."""
    for pair in pairs:
        yield pair
        yield from iter_pairs(pair.children)


def carry_uids(old: Document, new: Document) -> Document:
    """Give ``new`` the uids of the ``old`` provisions it continues.

    Used when a version is imported from outside (a department's new Word file): paired
    articles and their paired paragraphs, items and subitems take the old uid; a split keeps
    the old article's uid on the piece most like it, a merge on the new article from the old
    article most like it; paired containers (by heading and content) and annexes with the same
    heading keep theirs too. Everything else keeps its own uid, re-minted only if it collides
    with a carried one.

    Args:
        old: The previous version, whose uids are permanent.
        new: The imported version with freshly minted uids. A uid it shares with ``old``
            pairs by uid first, so re-mint clashing uids before calling (the workspace does).

    Returns:
        ``new`` with uids replaced; numbers, eids and text unchanged.
    """
    alignment = align_documents(old, new)
    old_nodes = index_by_uid(old)
    new_nodes = index_by_uid(new)
    carried: dict[str, str] = {}
    taken: set[str] = set()

    def carry(new_uid: str, old_uid: str) -> None:
        if new_uid not in carried and old_uid not in taken:
            carried[new_uid] = old_uid
            taken.add(old_uid)

    def closest(among: tuple[str, ...], nodes: dict[str, Node], other: Node) -> str:
        target = normalize(full_text(other))
        return max(among, key=lambda u: _ratio(normalize(full_text(nodes[u])), target))

    for pair in alignment.articles:
        if not pair.old_uids or not pair.new_uids:
            continue
        if len(pair.new_uids) > 1:
            o = pair.old_uids[0]
            carry(closest(pair.new_uids, new_nodes, old_nodes[o]), o)
        elif len(pair.old_uids) > 1:
            n = pair.new_uids[0]
            carry(n, closest(pair.old_uids, old_nodes, new_nodes[n]))
        else:
            carry(pair.new_uids[0], pair.old_uids[0])
        for sub in iter_pairs(pair.children):
            if len(sub.old_uids) == 1 and len(sub.new_uids) == 1:
                carry(sub.new_uids[0], sub.old_uids[0])
    for pair in alignment.containers:
        if len(pair.old_uids) == 1 and len(pair.new_uids) == 1:
            carry(pair.new_uids[0], pair.old_uids[0])
    old_annexes = {normalize(a.heading): a.uid for a in old.annexes}
    for annex in new.annexes:
        if normalize(annex.heading) in old_annexes:
            carry(annex.uid, old_annexes[normalize(annex.heading)])

    mint = UidFactory()

    def uid_for(uid: str) -> str:
        if uid in carried:
            return carried[uid]
        if uid in taken:
            fresh = mint()
            while fresh in taken or fresh in new_nodes:
                fresh = mint()
            return fresh
        return uid

    def rebuild(node: Node) -> Node:
        return node.model_copy(
            update={
                "uid": uid_for(node.uid),
                "children": tuple(rebuild(c) for c in node.children),
            }
        )

    return Document.model_validate(
        new.model_copy(
            update={
                "children": tuple(rebuild(c) for c in new.children),
                "annexes": tuple(a.model_copy(update={"uid": uid_for(a.uid)}) for a in new.annexes),
            }
        ).model_dump()
    )
