"""Splits (one article → several) and merges (several → one) between two versions.

Side A holds the whole, side B the pieces: for a split A is the old version, for a merge the
new one. A piece joins the group of whole ``a`` on either of two kinds of evidence:

* **text**: most of its n-grams lie inside ``a``, no other article holds them as well (a
  stock phrase such as 构成犯罪的，依法追究刑事责任 belongs to no one in particular), and the
  joined group reads clearly more like ``a`` than any single piece does;
* **neighbours**: it stands right next to ``a``'s partner (or to a piece already taken), a good
  part of its rare wording (`workbench.diff.core`) lies inside ``a`` and in no other article as
  much, and it carries wording of ``a`` that the group so far does not: the part of ``a`` it
  took with it. A rewrite that
  splits 第七条 into 第十七条 and 第十八条, or gathers three reporting articles into one, keeps
  too little text for the first test; its place confirms it.

Pairs and groups that a decision declared are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from workbench.diff.core import CoreIndex
from workbench.diff.links import Links
from workbench.diff.normalize import containment
from workbench.diff.sequence import GramIndex
from workbench.diff.units import ArticleUnit, similarity_ratio

__all__ = ["PieceEvidence", "find_pieces"]

PIECE_CONTAINMENT = 0.5
"""Least share of a piece's n-grams inside the whole (text evidence)."""
PIECE_GAIN = 0.03
"""How much better than any single piece the joined group must read (ratio)."""
GROUP_THRESHOLD = 0.5
"""Least ratio of a group found on text evidence."""
ATTRIBUTION_MARGIN = 0.15
"""How much more of a piece must lie inside its whole than inside any other article."""
NEIGHBOUR_INSIDE = 0.15
"""Least share of a neighbour piece's rare wording inside the whole (neighbour evidence)."""
HOLDER_MARGIN = 0.05
"""How much more of a neighbour piece's rare wording its whole must hold than any other article."""
NEIGHBOUR_PREFILTER = 0.1
"""Least share of a neighbour's n-grams inside the whole before its rare wording is weighed."""
NEIGHBOUR_GAIN = 0.1
"""How much more of the whole's rare wording the group must cover than the run before it."""


class PieceEvidence(Protocol):
    """What the search needs now and then, built on first use."""

    def core(self) -> CoreIndex:
        """Rare-wording similarity of the two versions' articles."""
        ...


class _Side:
    """One direction of the search: wholes on side A, pieces on side B."""

    def __init__(self, links: Links, *, split: bool) -> None:
        self.links = links
        self.split = split
        self.a2b = links.o2n if split else links.n2o
        self.b2a = links.n2o if split else links.o2n
        self.a_grouped = links.grouped_old if split else links.grouped_new
        self.b_grouped = links.grouped_new if split else links.grouped_old
        self.a_fixed = links.fixed_old if split else links.fixed_new
        self.b_fixed = links.fixed_new if split else links.fixed_old

    def free_b(self, k: int) -> bool:
        return k not in self.b2a and k not in self.b_grouped

    def inside(self, core: CoreIndex, piece: int, whole: int) -> float:
        return core.inside(piece, whole, piece_is_new=self.split)

    def cover(self, core: CoreIndex, a: int, run: Sequence[int]) -> float:
        return core.coverage(a, run, whole_is_old=self.split)

    def commit(self, a: int, partner: int | None, run: list[int]) -> None:
        if partner is not None:
            self.links.unlink(a if self.split else partner)
        entry = ((a,), tuple(run)) if self.split else (tuple(run), (a,))
        self.links.group(*entry)


def find_pieces(
    links: Links,
    olds: Sequence[ArticleUnit],
    news: Sequence[ArticleUnit],
    evidence: PieceEvidence,
    *,
    split: bool,
    only: set[int] | None = None,
) -> None:
    """Group each whole on side A with the pieces on side B it became (or came from).

    Args:
        links: The alignment so far; groups found are added, links they replace removed.
        olds: The old version's articles.
        news: The new version's articles.
        evidence: Rare-wording similarity, built on first use.
        split: Look for splits (old → several new) if True, else for merges.
        only: If given, the A positions to consider (those whose partner is new).
    """
    side = _Side(links, split=split)
    a_units, b_units = (olds, news) if split else (news, olds)
    free = [b.pos for b in b_units if side.free_b(b.pos)]
    if not free:
        return
    index = GramIndex((k, b_units[k].grams) for k in free)

    holders: dict[int, list[tuple[float, int]]] = {}

    def attributable(k: int, whole: int, share: float) -> bool:
        # No other article of side A holds the piece as well: it came from ``whole``.
        if k not in holders:
            piece = b_units[k].grams
            holders[k] = sorted((containment(piece, a.grams), a.pos) for a in a_units)[-2:]
        rival = max((s for s, pos in holders[k] if pos != whole), default=0.0)
        return share - rival >= ATTRIBUTION_MARGIN

    for a in a_units:
        if (
            a.pos in side.a_grouped
            or a.pos in side.a_fixed
            or (only is not None and a.pos not in only)
        ):
            continue
        partner = side.a2b.get(a.pos)
        if partner is not None and (partner in side.b_fixed or b_units[partner].norm == a.norm):
            continue
        run = _by_text(a, partner, b_units, index, side.free_b, attributable)
        if partner is not None or run:
            start = run or [partner]  # type: ignore[list-item]
            run = _by_neighbours(a, start, b_units, evidence, side)
        if len(run) > 1:
            side.commit(a.pos, partner, run)


def _by_text(
    a: ArticleUnit,
    partner: int | None,
    b_units: Sequence[ArticleUnit],
    index: GramIndex,
    free_b: Callable[[int], bool],
    attributable: Callable[[int, int, float], bool],
) -> list[int]:
    """The B articles whose text makes up ``a`` (its partner first, if it has one)."""
    inside = sorted(
        (
            (containment(b_units[k].grams, a.grams), k)
            for k in index.candidates(a.grams, limit=12)
            if free_b(k) and k != partner
        ),
        reverse=True,
    )
    inside = [
        (share, k)
        for share, k in inside
        if share >= PIECE_CONTAINMENT and attributable(k, a.pos, share)
    ]
    if partner is None:
        # Without a partner, the piece most like the whole plays its part: the same choice
        # carry_uids makes, so an alignment by carried uids finds the same groups.
        if not inside:
            return []
        partner = max((k for _, k in inside), key=lambda k: similarity_ratio(a.key, b_units[k].key))
    run = [partner]
    # A group must beat every single piece, not just the partner the order gave it: the same
    # result whichever piece holds the old uid.
    best = max(similarity_ratio(a.key, b_units[k].key) for k in (partner, *(k for _, k in inside)))
    for _, k in inside:
        if k == partner:
            continue
        trial = sorted([*run, k])
        score = similarity_ratio(a.key, "".join(b_units[m].key for m in trial))
        if score >= best + PIECE_GAIN:
            run, best = trial, score
    return run if len(run) > 1 and best >= GROUP_THRESHOLD else []


def _by_neighbours(
    a: ArticleUnit,
    run: list[int],
    b_units: Sequence[ArticleUnit],
    evidence: PieceEvidence,
    side: _Side,
) -> list[int]:
    """``run`` grown by the free B articles next to it whose rare wording comes from ``a``."""
    neighbours = [k for k in (min(run) - 1, max(run) + 1) if 0 <= k < len(b_units)]
    if not any(
        side.free_b(k) and containment(b_units[k].grams, a.grams) >= NEIGHBOUR_PREFILTER
        for k in neighbours
    ):
        return run
    core = evidence.core()
    base = side.cover(core, a.pos, run)
    grown = list(run)
    changed = True
    while changed:
        changed = False
        for k in (min(grown) - 1, max(grown) + 1):
            if not 0 <= k < len(b_units) or not side.free_b(k):
                continue
            share = side.inside(core, k, a.pos)
            holder = core.holder(k, piece_is_new=side.split, margin=HOLDER_MARGIN)
            if share < NEIGHBOUR_INSIDE or holder != a.pos:
                continue
            trial = sorted([*grown, k])
            score = side.cover(core, a.pos, trial)
            if score >= base + NEIGHBOUR_GAIN:
                grown, base, changed = trial, score, True
    return grown if len(grown) > 1 else run
