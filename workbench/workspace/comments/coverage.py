"""Who has not spoken: stations silent on a version, articles nobody commented on, a heat table.

What the office follows up on is what is missing from the counts: a station of the registry that
never reported on a draft, a chapter nobody read. `coverage` counts the comments per station and
article of the version shown (each comment placed in that version as the statistics place it,
`workbench.comments.place`), per station and chapter for the heat table, and lists for each
version the stations of the registry that sent nothing on it (the 四方 parties are followed in the
matrix, not here).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from workbench.comments import WHOLE, place
from workbench.model import Document, iter_paths
from workbench.model.comments import Station
from workbench.store import comment_queries as q
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.views import article_of
from workbench.workspace.workspace import Workspace

__all__ = ["OTHER_COLUMN", "WHOLE_COLUMN", "Coverage", "coverage"]

WHOLE_COLUMN = "全文"
"""The heat table's column for comments on the whole draft."""
OTHER_COLUMN = "其他"
"""The column for comments not placed in the version shown (unplaced, or on deleted articles)."""
_NO_CHAPTER = "（不分章）"


@dataclass(frozen=True, slots=True)
class Coverage:
    """Comments per station and chapter, silent stations, uncommented articles."""

    version: str
    """The version whose articles and chapters are counted (its label)."""
    stations: tuple[Station, ...]
    """Every station of the registry but the 四方 parties, by county then code."""
    columns: tuple[str, ...]
    """The heat table's columns: 全文, each chapter (第一章 …) in text order, 其他."""
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    """(station code, column) → comments (absent: none)."""
    articles: tuple[tuple[str, int], ...] = ()
    """(article, comments) for every article of the version, in text order."""
    silent: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(version label, codes of the stations that sent nothing on it) for every version."""

    @property
    def uncommented(self) -> tuple[str, ...]:
        """The articles nobody commented on."""
        return tuple(label for label, n in self.articles if n == 0)

    def row_total(self, code: str) -> int:
        """A station's comments on the project (every version, placed in this one)."""
        return sum(self.cells.get((code, column), 0) for column in self.columns)


def coverage(
    ws: Workspace, catalogue: Catalogue, project: str, version: str | int | None
) -> Coverage:
    """Count the project's comments by station, chapter and article of ``version``.

    Raises:
        StoreError: Unknown project or version.
    """
    info, shown, index = catalogue.index(project, version)
    pid = catalogue.project_id(project)
    articles = catalogue.articles(shown, index)
    with ws.read() as conn:
        rows = q.station_target_counts(conn, pid)
        numbers = q.version_numbers(conn, pid)
        origins = {vid: catalogue.index_by_id(conn, vid) for vid in numbers}
    chapter_of, order = _chapters(index.doc)
    columns = (WHOLE_COLUMN, *dict.fromkeys(chapter_of[a] for a in order), OTHER_COLUMN)
    cells: Counter[tuple[str, str]] = Counter()
    per_article: Counter[str] = Counter()
    spoke: dict[int, set[str]] = {n: set() for n in numbers.values()}
    for station, uid, whole, vid, n in rows:
        spoke[numbers[vid]].add(station)
        p = place(
            uid, whole=whole, origin=origins[vid], version=index, later=numbers[vid] > info.number
        )
        art = article_of(_Target(uid, whole), p.state, articles, articles, index.merged)
        if p.state == "orphaned" or art is None:
            column = OTHER_COLUMN
        elif art == WHOLE:
            column = WHOLE_COLUMN
        else:
            column = chapter_of.get(art, OTHER_COLUMN)
            per_article[art] += n
        cells[(station, column)] += n
    registry = sorted(
        (s for s in catalogue.stations() if s.kind != "四方"), key=lambda s: (s.county, s.code)
    )
    labels = {v.number: v.label for v in ws.versions(project)}
    silent = tuple(
        (
            labels.get(number, str(number)),
            tuple(s.code for s in registry if s.code not in spoke[number]),
        )
        for number in sorted(spoke)
    )
    return Coverage(
        version=info.label,
        stations=tuple(registry),
        columns=columns,
        cells=dict(cells),
        articles=tuple((a, per_article[a]) for a in order),
        silent=silent,
    )


@dataclass(frozen=True, slots=True)
class _Target:
    target_uid: str | None
    whole: bool


def _chapters(doc: Document) -> tuple[dict[str, str], list[str]]:
    """Each article's label → its chapter's number (第二章), and the articles in text order."""
    chapter_of: dict[str, str] = {}
    order: list[str] = []
    for path in iter_paths(doc.children):
        node = path[-1]
        if node.kind != "article" or not node.num:
            continue
        chapter = next((n for n in reversed(path) if n.kind == "chapter"), None)
        chapter_of[node.num] = (chapter.num or _NO_CHAPTER) if chapter is not None else _NO_CHAPTER
        order.append(node.num)
    return chapter_of, order
