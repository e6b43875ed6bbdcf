"""Align two versions of a regulation article by article.

`align_documents` pairs articles by what a decision declares, then by uid where the new version
descends from the old one, and by content for the rest, without comparing every article with
every other:

0. links an applied decision declares (`workbench.diff.declared`) are taken as given;
1. articles sharing a uid pair up;
2. articles with identical text (whitespace, punctuation width and renumbered cross-references
   ignored) that occur once on each side become anchors;
3. the longest increasing subsequence of those pairs fixes document order; pairs off it moved;
4. between consecutive anchors, the remaining articles pair by similarity (rapidfuzz ratio) in
   order (a weighted LCS inside the gap);
5. splits (one → several) and merges (several → one) form where the pieces' text lies inside
   the whole, or where they stand next to its partner and share its rare wording
   (`workbench.diff.pieces`);
6. an article rewritten in place pairs with the one standing where it stood: between the same
   neighbours, the articles left over pair in order by the rare wording they share
   (`workbench.diff.core`), more readily at the same place in the gap or under the same number;
7. what is still left pairs across the whole text through an n-gram index (moved and edited);
   the links it adds narrow the gaps again, so 6 and 5 run once more.

Paragraphs, items and subitems of paired articles are aligned in `workbench.diff.children`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

from workbench.diff.children import (
    align_containers,
    align_provisions,
    child_labels,
    order_entries,
    pair_kind,
)
from workbench.diff.core import CoreIndex
from workbench.diff.declared import DeclaredLink, check_declared
from workbench.diff.headings import heading_changes, text_change, title_change
from workbench.diff.links import Entry, Links
from workbench.diff.normalize import RefToken, containment
from workbench.diff.pairs import Alignment, ChangeKind, Pair
from workbench.diff.pieces import find_pieces
from workbench.diff.sequence import GramIndex, longest_increasing, ordered_matches
from workbench.diff.units import ArticleUnit, article_units, similarity_ratio
from workbench.model import Document, Node
from workbench.numerals import NumeralError, from_cn, parse_article_number

__all__ = ["align_documents", "iter_pairs", "similarity_ratio"]

GAP_THRESHOLD = 0.5
"""Least similarity for two articles between the same anchors to count as one article."""
MOVE_THRESHOLD = 0.6
"""Least similarity for two articles far apart to count as one moved article."""
CORE_THRESHOLD = 0.2
"""Least rare-wording similarity for two articles between the same neighbours to pair."""
PLACE_BONUS = 0.08
"""Added to the rare-wording similarity of two articles at the same place in their gap (the
same distance from either neighbour) or under the same number."""
PLACE_RATIO = 0.3
"""Least ratio that, at the same place, makes two articles one rewritten article."""
_DENSE_LIMIT = 40_000
"""Largest gap (old × new articles) compared densely; larger gaps use the n-gram index."""
_MIN_CONTAINED = 12
"""Shortest text (characters) whose containment in another counts as similarity."""
_CONTAINED_WEIGHT = 0.7
"""Discount on containment used as similarity, so a true ratio match wins over it."""


class _Aligner:
    """The state of one article alignment: links, groups, and the keys compared."""

    def __init__(self, old: Document, new: Document, declared: Sequence[DeclaredLink]) -> None:
        self.old_doc = old
        self.new_doc = new
        self.olds = article_units(old)
        self.news = article_units(new)
        self.links = Links(len(self.olds), len(self.news))
        self.declared: dict[Entry, DeclaredLink] = {}
        self.link_declared(declared)
        self.by_uid = False
        self._core: CoreIndex | None = None

    def core(self) -> CoreIndex:
        """Rare-wording similarity of the two versions' articles (built on first use)."""
        if self._core is None:
            self._core = CoreIndex([u.key for u in self.olds], [u.key for u in self.news])
        return self._core

    # 0. declared operations
    def link_declared(self, declared: Sequence[DeclaredLink]) -> None:
        old_pos = {u.node.uid: u.pos for u in self.olds}
        new_pos = {u.node.uid: u.pos for u in self.news}
        links = self.links
        for link in check_declared(declared, set(old_pos), set(new_pos)):
            entry = (
                tuple(sorted(old_pos[u] for u in link.old_uids)),
                tuple(sorted(new_pos[u] for u in link.new_uids)),
            )
            if len(entry[0]) == 1 and len(entry[1]) == 1:
                links.link(entry[0][0], entry[1][0])
            else:
                links.group(*entry)
            links.fixed_old.update(entry[0])
            links.fixed_new.update(entry[1])
            self.declared[entry] = link

    # 1. uids
    def link_uids(self) -> None:
        new_pos = {u.node.uid: u.pos for u in self.news}
        for u in self.olds:
            j = new_pos.get(u.node.uid)
            if j is not None and self.links.free_old(u.pos) and self.links.free_new(j):
                self.links.link(u.pos, j)
                self.by_uid = True

    # 2. exact anchors
    def link_identical(self) -> None:
        free_old, free_new = self.links.free_old, self.links.free_new
        old_keys = Counter(u.key for u in self.olds if free_old(u.pos))
        new_keys = Counter(u.key for u in self.news if free_new(u.pos))
        new_at = {u.key: u.pos for u in self.news if free_new(u.pos)}
        for u in self.olds:
            if free_old(u.pos) and old_keys[u.key] == 1 and new_keys.get(u.key) == 1:
                self.links.link(u.pos, new_at[u.key])

    # 3 + 4. order and gaps
    def gaps(self) -> Iterable[tuple[tuple[int, int], tuple[int, int], list[int], list[int]]]:
        """Each stretch between consecutive ordered links, with its free articles."""
        bounds = [(-1, -1), *self.links.chain(), (len(self.olds), len(self.news))]
        for (i0, j0), (i1, j1) in pairwise(bounds):
            gap_old = [i for i in range(i0 + 1, i1) if self.links.free_old(i)]
            gap_new = [j for j in range(j0 + 1, j1) if self.links.free_new(j)]
            if gap_old and gap_new:
                yield (i0, j0), (i1, j1), gap_old, gap_new

    def fill_gaps(self) -> None:
        for _, _, gap_old, gap_new in list(self.gaps()):
            sims = self.similarities(gap_old, gap_new)
            for a, b in ordered_matches(sims, GAP_THRESHOLD):
                self.links.link(gap_old[a], gap_new[b])

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
        score = similarity_ratio(a.key, b.key)
        if score >= GAP_THRESHOLD or min(len(a.key), len(b.key)) < _MIN_CONTAINED:
            return score
        small, large = (a, b) if len(a.key) <= len(b.key) else (b, a)
        return max(score, _CONTAINED_WEIGHT * containment(small.grams, large.grams))

    # 5. splits and merges
    def find_pieces(self, since: dict[int, int] | None = None) -> None:
        """Look for splits and merges; ``since``: only around links made after that state."""
        only_old = only_new = None
        if since is not None:
            only_old = {i for i, j in self.links.o2n.items() if since.get(i) != j}
            only_new = {self.links.o2n[i] for i in only_old}
        find_pieces(self.links, self.olds, self.news, self, split=True, only=only_old)
        find_pieces(self.links, self.olds, self.news, self, split=False, only=only_new)

    # 6. rewrites in place
    def fill_gaps_by_place(self) -> None:
        """Pair what is left between the same neighbours by rare wording and place.

        Each pair found narrows the gaps around it, so passes repeat until none adds a pair.
        """
        while self._place_pass():
            pass

    def _place_pass(self) -> bool:
        found = False
        for (i0, j0), (i1, j1), gap_old, gap_new in list(self.gaps()):
            if len(gap_old) * len(gap_new) > _DENSE_LIMIT:
                continue
            sims = [
                [self.place_evidence(i, j, (i0, j0), (i1, j1)) for j in gap_new] for i in gap_old
            ]
            for a, b in ordered_matches(sims, CORE_THRESHOLD):
                self.links.link(gap_old[a], gap_new[b])
                found = True
        return found

    def place_evidence(self, i: int, j: int, low: tuple[int, int], high: tuple[int, int]) -> float:
        """How strongly old ``i`` and new ``j``, between the same neighbours, are one article.

        Their rare wording in common (`CoreIndex.similarity`), raised when they stand at the same
        place: the same distance from either neighbour, or the same number as written. At the
        same place, a shared core of the text (ratio ``PLACE_RATIO``) suffices on its own.
        """
        core = self.core().similarity(i, j)
        same = (
            i - low[0] == j - low[1]
            or high[0] - i == high[1] - j
            or self.olds[i].label == self.news[j].label
        )
        if not same:
            return core
        score = core + PLACE_BONUS
        if (
            score < CORE_THRESHOLD
            and similarity_ratio(self.olds[i].key, self.news[j].key) >= PLACE_RATIO
        ):
            return CORE_THRESHOLD
        return score

    # 7. moves across the text
    def link_far(self) -> None:
        old_pos = [u.pos for u in self.olds if self.links.free_old(u.pos)]
        new_pos = [u.pos for u in self.news if self.links.free_new(u.pos)]
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
            if self.links.free_old(i) and self.links.free_new(j):
                self.links.link(i, j)

    def run(self) -> Alignment:
        self.link_uids()
        self.link_identical()
        self.fill_gaps()
        self.find_pieces()
        before = dict(self.links.o2n)
        self.fill_gaps_by_place()
        self.link_far()
        # Links across the text narrow the gaps again, and new partners may have pieces.
        self.fill_gaps_by_place()
        self.find_pieces(since=before)
        return self.build(self.links.entries())

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
        pairs = []
        for k in order_entries(entries):
            entry = entries[k]
            link = self.declared.get(entry)
            if link is not None:
                moved = link.kind == "moved"
            else:
                moved = bool(entry[0] and entry[1]) and k not in in_order
            pairs.append(self.pair(entry, moved=moved, mapping=mapping))
        return Alignment(
            articles=tuple(pairs),
            containers=containers,
            method="uid" if self.by_uid else "content",
            headings=heading_changes(self.old_doc, self.new_doc, containers),
            title=title_change(self.old_doc.title, self.new_doc.title),
            note=text_change(self.old_doc.note, self.new_doc.note),
        )

    def pair(self, entry: Entry, *, moved: bool, mapping: dict[RefToken, RefToken]) -> Pair:
        olds = [self.olds[i] for i in entry[0]]
        news = [self.news[j] for j in entry[1]]
        link = self.declared.get(entry)
        item = link.item if link is not None else ""
        old_text = "\n".join(u.text for u in olds)
        new_text = "\n".join(u.text for u in news)
        old_labels = tuple(u.label for u in olds)
        new_labels = tuple(u.label for u in news)
        old_uids = tuple(u.node.uid for u in olds)
        new_uids = tuple(u.node.uid for u in news)
        if not news:
            return Pair("deleted", "article", old_uids, (), old_labels, (), 0.0, False, old_text,
                        item=item)  # fmt: skip
        if not olds:
            return Pair("added", "article", (), new_uids, (), new_labels, 0.0, False, "",
                        new_text, item=item)  # fmt: skip
        old_norm = "".join(u.norm for u in olds)
        new_norm = "".join(u.norm for u in news)
        children = align_provisions(_side(olds), _side(news), mapping, child_labels)
        similarity = 1.0 if old_norm == new_norm else similarity_ratio(old_norm, new_norm)
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
            if link is not None and link.kind == "modified" and kind in ("unchanged", "renumbered"):
                # A decision that says 修改为 changed the article, even to the same words.
                kind, consequential = "modified", False
        return Pair(kind, "article", old_uids, new_uids, old_labels, new_labels, similarity,
                    consequential, old_text, new_text, children, item=item)  # fmt: skip


def _side(units: Sequence[ArticleUnit]) -> list[tuple[Node, str]]:
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


def align_documents(
    old: Document, new: Document, *, declared: Sequence[DeclaredLink] = ()
) -> Alignment:
    """Align the articles (and their paragraphs, items, subitems) of two versions.

    Args:
        old: The earlier version.
        new: The later version; if it shares uids with ``old`` those pair first.
        declared: Links an applied amendment decision declares between the two versions'
            articles; they are taken as given, whatever the texts say, and carry the
            decision's item into their pairs (`Pair.item`).

    Returns:
        The alignment: article pairs in new-text order with kinds, similarities, the
        consequential flag and child pairs; container pairs.

    Raises:
        DeclaredLinkError: If a declared link names an article a version does not have, or
            names one twice.
    """
    return _Aligner(old, new, declared).run()


def iter_pairs(pairs: Iterable[Pair]) -> Iterable[Pair]:
    """Every pair and, depth first, its child pairs."""
    for pair in pairs:
        yield pair
        yield from iter_pairs(pair.children)
