"""Listing comments as they show in a version: filters, totals, counts per node.

Comments hang on node uids; a listing shows them in any version under their number there,
unplaced or orphaned (`workbench.comments.place`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, or_

from workbench.comments import WHOLE, CitationIndex, article_of_citation, place
from workbench.errors import StoreError
from workbench.model.comments import UNDECIDED
from workbench.store import comment_queries as q
from workbench.store import comment_tables as t
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.views import CommentView, article_of, view
from workbench.workspace.workspace import Workspace

__all__ = ["Listing", "clause_range"]


class Listing:
    """The comments of a project as shown in one of its versions."""

    def __init__(self, ws: Workspace, catalogue: Catalogue) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = catalogue
        """Stations and versions, shared with the other parts of the service."""

    def comments(
        self,
        project: str,
        version: str | int | None = None,
        *,
        article: str | Sequence[str] | None = None,
        station: str | None = None,
        status: Sequence[str] = (),
        ids: Sequence[int] = (),
        limit: int | None = None,
    ) -> tuple[list[CommentView], int]:
        """The comments of ``project`` as they show in ``version`` (latest by default).

        Args:
            project: The project slug.
            version: The version to show them in.
            article: Only those on this article (``第十二条``, as numbered in that version;
                orphaned ones by their old number), or on any of these articles.
            station: Only those from this station code.
            status: Only these states (placed / unplaced / orphaned) or decisions
                (采纳 … 留作参考, 待处理); a comment matches if it matches any.
            ids: Only these comment ids.
            limit: At most this many (the total is still counted).

        Returns:
            The comments (ordered by id) and how many matched in all.
        """
        info, vid, index = self.catalogue.index(project, version)
        articles = self.catalogue.articles(vid, index)
        labels: set[str] = set()
        for cited in [article] if isinstance(article, str) else article or ():
            label = article_of_citation(cited)
            if label is None:
                raise StoreError(f"条文“{cited}”无法识别：请写成“第十二条”或“全文”")
            labels.add(label)
        present = [*index.order, *index.merged]
        total = 0
        with self.ws.read() as conn:
            pid = q.project_id(conn, project)
            assert pid is not None  # the version resolved
            query = q.filter_project(q.comment_query(), pid, station, ids)
            if status:
                query = query.where(or_(*q.status_conditions(status, present)))
            if labels:
                query = query.where(self._article_condition(conn, pid, labels, index, articles))
            exact = not labels  # SQL filters match exactly: count and limit in the database
            if exact:
                total = q.count_rows(conn, pid, station, ids, status, present, query)
                if limit is not None:
                    query = query.limit(limit)
            shown: list[CommentView] = []
            for row in conn.execute(query.order_by(t.comments.c.id)):
                found = self._view(conn, row, info.number, index, articles)
                if labels and found.article not in labels:
                    continue
                decision = found.decision or UNDECIDED
                if status and found.state not in status and decision not in status:
                    continue
                if not exact:
                    total += 1
                if limit is None or len(shown) < limit:
                    shown.append(found)
        return shown, total

    def by_clause(
        self, project: str, version: str | int | None, position: Callable[[str | None, bool], int]
    ) -> Iterator[list[CommentView]]:
        """Every comment as shown in ``version``, a clause at a time, in ``position`` order.

        ``position(target_uid, whole)`` places each clause (comments hanging on the same place
        come together, ordered by id). The comments of one place are read at a time through
        the (project, target) index: a report of a million comments never holds them all.
        """
        info, vid, index = self.catalogue.index(project, version)
        articles = self.catalogue.articles(vid, index)
        with self.ws.read() as conn:
            pid = q.project_id(conn, project)
            assert pid is not None
            places: dict[int, set[tuple[str | None, bool]]] = {}
            for uid, whole, _, _ in q.target_counts(conn, pid):
                places.setdefault(position(uid, whole), set()).add((uid, whole))
            for at in sorted(places):
                rows = [
                    r for uid, whole in places[at] for r in q.on_place_rows(conn, pid, uid, whole)
                ]
                if len(places[at]) > 1:
                    rows.sort(key=lambda r: int(r.id))
                yield [self._view(conn, row, info.number, index, articles) for row in rows]

    def _view(
        self,
        conn: Connection,
        row: Any,
        number: int,
        index: CitationIndex,
        articles: dict[str, str],
    ) -> CommentView:
        """A listing row as shown in version ``number`` (``index``, its ``articles``)."""
        origin = self.catalogue.index_by_id(conn, row.version_id)
        p = place(
            row.target_uid, whole=row.whole, origin=origin, version=index, later=row.number > number
        )
        then = self.catalogue.articles(row.version_id, origin)
        return view(row, p, article_of(row, p.state, articles, then, index.merged))

    def _article_condition(
        self,
        conn: Connection,
        pid: int,
        labels: set[str],
        index: CitationIndex,
        articles: dict[str, str],
    ) -> ColumnElement[bool]:
        """SQL narrowing for an article filter: their nodes now, and deleted nodes they had.

        Found through the index on (project, target), so an article's comments are read
        without passing over the others.
        """
        uids = {uid for uid, art in articles.items() if art in labels}
        uids |= {old for old, new in index.merged.items() if articles.get(new) in labels}
        for vid in q.version_ids(conn, pid):
            other = self.catalogue.index_by_id(conn, vid)
            uids |= {
                uid
                for uid, art in self.catalogue.articles(vid, other).items()
                if art in labels and uid not in index and uid not in index.merged
            }
        return q.on_targets(sorted(uids), WHOLE in labels)

    def counts_by_target(self, project: str, version: str | int | None = None) -> dict[str, int]:
        """How many comments hang on each uid present in ``version`` (an aggregate query)."""
        _, _, index = self.catalogue.index(project, version)
        with self.ws.read() as conn:
            pid = q.project_id(conn, project)
            assert pid is not None
            counts = q.target_counts(conn, pid)
        out: dict[str, int] = {}
        for uid, _, _, n in counts:
            if uid is None:
                continue
            uid = index.merged.get(uid, uid)
            if uid in index:
                out[uid] = out.get(uid, 0) + n
        return out

    def check_article(self, project: str, version: str | int | None, article: str) -> None:
        """Refuse an article filter that names no article of the project.

        An article counts when ``version`` has it, or when an earlier version had it (orphaned
        comments are listed by their old number).

        Raises:
            StoreError: No version of the project has that article; the message gives the
                articles of ``version``.
        """
        label = article_of_citation(article)
        if label is None or label == WHOLE:
            return  # the listing itself explains what an article reference looks like
        info, _, index = self.catalogue.index(project, version)
        if index.resolve(label) is not None:
            return
        for other in self.ws.versions(project):
            if other.number != info.number and self.catalogue.index(project, other.number)[
                2
            ].resolve(label):
                return
        raise StoreError(
            f"项目“{project}”第 {info.number} 版（{info.label}）中没有“{article}”"
            f"（{clause_range(index)}），以前各版也没有：请按该版的编号填写，或用 --version 换版本"
        )


def clause_range(index: CitationIndex) -> str:
    """``本版条文为 第一条 至 第八十九条`` (the articles a version has), for error messages."""
    articles = [label for label in index.labels[1:] if _is_article(label)]
    if not articles:
        return "本版没有条文"
    return f"本版条文为 {articles[0]} 至 {articles[-1]}"


def _is_article(label: str) -> bool:
    return label.startswith("第") and label.endswith("条") and "款" not in label
