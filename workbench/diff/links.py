"""What an article alignment has decided so far: one-to-one links, groups, declared entries.

The aligner's steps (`workbench.diff.align`) and the split/merge finder
(`workbench.diff.pieces`) share this state; each article position is in at most one link or
group. Entries fixed by a decision's declared operations are never undone by later steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.diff.sequence import longest_increasing

__all__ = ["Entry", "Links"]

Entry = tuple[tuple[int, ...], tuple[int, ...]]
"""(old article positions, new article positions) of one pair, group, addition or deletion."""


@dataclass(slots=True)
class Links:
    """Links between the articles of two versions, by position."""

    n_old: int
    """How many old articles."""
    n_new: int
    """How many new articles."""
    o2n: dict[int, int] = field(default_factory=dict)
    """One-to-one links, old position → new position."""
    n2o: dict[int, int] = field(default_factory=dict)
    """The same links, new → old."""
    groups: list[Entry] = field(default_factory=list)
    """Splits, merges, and declared additions and deletions."""
    grouped_old: set[int] = field(default_factory=set)
    """Old positions held by a group."""
    grouped_new: set[int] = field(default_factory=set)
    """New positions held by a group."""
    fixed_old: set[int] = field(default_factory=set)
    """Old positions whose entry a decision declared: no step may change it."""
    fixed_new: set[int] = field(default_factory=set)
    """New positions whose entry a decision declared."""

    def link(self, i: int, j: int) -> None:
        """Pair old article ``i`` with new article ``j``."""
        self.o2n[i] = j
        self.n2o[j] = i

    def unlink(self, i: int) -> None:
        """Undo the one-to-one link of old article ``i``."""
        j = self.o2n.pop(i)
        del self.n2o[j]

    def group(self, olds: tuple[int, ...], news: tuple[int, ...]) -> None:
        """Hold ``olds`` and ``news`` together (a split, a merge, or a declared change)."""
        self.groups.append((olds, news))
        self.grouped_old.update(olds)
        self.grouped_new.update(news)

    def free_old(self, i: int) -> bool:
        """Whether old article ``i`` is in no link or group yet."""
        return i not in self.o2n and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        """Whether new article ``j`` is in no link or group yet."""
        return j not in self.n2o and j not in self.grouped_new

    def chain(self) -> list[tuple[int, int]]:
        """The longest run of one-to-one links in document order on both sides."""
        links = sorted((j, i) for i, j in self.o2n.items())
        keep = longest_increasing([i for _, i in links])
        return [(links[k][1], links[k][0]) for k in keep]

    def entries(self) -> list[Entry]:
        """Every pair, group, deletion and addition."""
        out: list[Entry] = [((i,), (j,)) for i, j in self.o2n.items()]
        out += self.groups
        out += [((i,), ()) for i in range(self.n_old) if self.free_old(i)]
        out += [((), (j,)) for j in range(self.n_new) if self.free_new(j)]
        return out
