"""The consultation service: station registry, comment templates, ingest, listing, decisions.

Orchestrates the pure `workbench.comments` logic over a `Workspace`. Receiving files is
`workbench.workspace.comment_intake` (each kept in ``inbox/`` first, then read and validated,
then stored whole or rejected whole), deciding and placing `workbench.workspace.comment_decisions`;
both are mixed into `CommentService` here. Comments hang on node uids; listing shows them in any
version under their number there, unplaced or orphaned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from workbench.comments import (
    WHOLE,
    CitationIndex,
    FileFormat,
    Placement,
    TemplateHeader,
    default_stations,
    normalize_citation,
    place,
    read_registry,
    template_bytes,
)
from workbench.errors import CommentFileError, StoreError
from workbench.model import Document
from workbench.model.comments import Station
from workbench.model.project import VersionInfo
from workbench.store import comment_tables as t
from workbench.store.comment_targets import comment_ids_on, counts_on
from workbench.store.schema import projects, versions
from workbench.workspace.comment_decisions import UNDECIDED, CommentDecisions
from workbench.workspace.comment_ingest import (
    Places,
    Repeats,
)
from workbench.workspace.comment_intake import CommentIntake
from workbench.workspace.comment_rows import (
    CommentView,
    IngestResult,
    article_map,
    article_of,
    comment_query,
    count_rows,
    load_texts,
    status_conditions,
    view,
    write_default_registry,
)
from workbench.workspace.workspace import Workspace, register_init_hook

__all__ = [
    "CommentService",
    "CommentView",
    "IngestResult",
    "write_default_registry",
]

_ARTICLE = re.compile(r"^第[^条]+条(之[^第]+)?")


register_init_hook(write_default_registry)


class CommentService(CommentIntake, CommentDecisions):
    """Comments of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""
        self._indexes: dict[int, CitationIndex] = {}
        self._stations: tuple[Station, ...] | None = None
        self._article_maps: dict[int, dict[str, str]] = {}
        self._resolved: dict[tuple[str, str], tuple[VersionInfo, int]] = {}
        self._names: dict[str, list[str] | None] = {}
        self._project_ids: dict[int, int] = {}
        self._places: dict[int, Places] = {}
        self._repeats = Repeats()

    # -- registry ---------------------------------------------------------------------------

    def stations(self) -> tuple[Station, ...]:
        """The registry from ``stations.csv`` (the default one when the file is missing).

        Raises:
            CommentFileError: The CSV is malformed (each bad row and column named).
        """
        if self._stations is None:
            path = self.ws.stations_csv
            if path.exists():
                self._stations = read_registry(path.read_bytes(), str(path))
            else:
                self._stations = default_stations()
        return self._stations

    def _version(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int]:
        key = (project, str(ref))
        if key in self._resolved:
            return self._resolved[key]
        info = self.ws.resolve_version(project, ref)
        with self.ws.read() as conn:
            vid = conn.execute(
                select(versions.c.id)
                .join(projects, projects.c.id == versions.c.project_id)
                .where(projects.c.slug == project, versions.c.number == info.number)
            ).scalar_one()
        if ref is not None and str(ref) not in ("latest", "最新", "最新版"):
            self._resolved[key] = (info, int(vid))
        return info, int(vid)

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and the index of its citations (cached)."""
        info, vid = self._version(project, ref)
        if vid not in self._indexes:
            with self.ws.read() as conn:
                return info, vid, self._index_by_id(conn, vid)
        return info, vid, self._indexes[vid]

    def _index_by_id(self, conn: Connection, vid: int) -> CitationIndex:
        if vid not in self._indexes:
            row = conn.execute(
                select(versions.c.document, versions.c.project_id).where(versions.c.id == vid)
            ).one()
            query = select(t.merged_uids.c.old_uid, t.merged_uids.c.new_uid).where(
                t.merged_uids.c.project_id == row.project_id
            )
            merged = {str(old): str(new) for old, new in conn.execute(query)}
            doc = Document.model_validate_json(row.document)
            self._indexes[vid] = CitationIndex(doc, merged)
        return self._indexes[vid]

    def _version_names(self, project: str) -> list[str] | None:
        if project in self._names:
            return self._names[project]
        self._names[project] = self._read_version_names(project)
        return self._names[project]

    def _read_version_names(self, project: str) -> list[str] | None:
        try:
            infos = self.ws.versions(project)
        except StoreError:
            return None
        with self.ws.read() as conn:
            if (
                conn.execute(select(projects.c.id).where(projects.c.slug == project)).first()
                is None
            ):
                return None
        names: list[str] = []
        for i in infos:
            names += [i.stage, str(i.number), f"v{i.number}", i.label]
        return list(dict.fromkeys(names))

    # -- templates --------------------------------------------------------------------------

    def template(
        self,
        fmt: FileFormat,
        project: str,
        version: str,
        station: str,
        *,
        collector: str = "",
        rows: int = 200,
    ) -> bytes:
        """A blank comment file for ``station`` on ``version`` of ``project``.

        Raises:
            StoreError: Unknown project or version.
            CommentFileError: Unknown station.
        """
        if station not in {s.code for s in self.stations()}:
            raise CommentFileError(
                f"联络站编号“{station}”不在站点登记表中：`workbench stations` 可列出全部编号"
            )
        info, _, index = self.index(project, version)
        header = TemplateHeader(station, collector, project, version or info.stage)
        return template_bytes(fmt, header, index.labels, rows=rows)

    # -- listing ----------------------------------------------------------------------------

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
        info, vid, index = self.index(project, version)
        articles = self._articles(vid, index)
        labels: set[str] = set()
        for cited in [article] if isinstance(article, str) else article or ():
            key = normalize_citation(cited)
            m = _ARTICLE.match(key)
            if key != WHOLE and m is None:
                raise StoreError(f"条文“{cited}”无法识别：请写成“第十二条”或“全文”")
            labels.add(WHOLE if m is None else m.group(0))
        total = 0
        with self.ws.read() as conn:
            pid = conn.execute(select(projects.c.id).where(projects.c.slug == project)).scalar_one()
            query = comment_query().where(t.comment_files.c.project_id == pid)
            if station:
                query = query.where(t.comment_files.c.station == station)
            if ids:
                query = query.where(t.comments.c.id.in_(list(ids)))
            if status:
                query = query.where(or_(*status_conditions(status, index)))
            if labels:
                query = query.where(self._article_condition(conn, pid, labels, index, articles))
            exact = not labels  # SQL filters match exactly: count and limit in the database
            if exact:
                total = count_rows(conn, pid, station, ids, status, index, query)
                if limit is not None:
                    query = query.limit(limit)
            shown: list[tuple[Any, Placement, str | None]] = []
            for row in conn.execute(query.order_by(t.comments.c.id)):
                origin = self._index_by_id(conn, row.version_id)
                later = row.number > info.number
                p = place(
                    row.target_uid, whole=row.whole, origin=origin, version=index, later=later
                )
                then = self._articles(row.version_id, origin)
                art = article_of(row, p.state, articles, then, index.merged)
                if labels and art not in labels:
                    continue
                decision = row.kind or UNDECIDED
                if status and p.state not in status and decision not in status:
                    continue
                if not exact:
                    total += 1
                if limit is not None and len(shown) >= limit:
                    continue
                shown.append((row, p, art))
            texts = load_texts(conn, [row for row, _, _ in shown])
        out = [view(r, tx, p, art) for (r, p, art), tx in zip(shown, texts, strict=True)]
        return out, total

    def _article_condition(
        self,
        conn: Connection,
        pid: int,
        labels: set[str],
        index: CitationIndex,
        articles: dict[str, str],
    ) -> ColumnElement[bool]:
        """SQL narrowing for an article filter: their nodes now, and deleted nodes they had."""
        uids = {uid for uid, art in articles.items() if art in labels}
        uids |= {old for old, new in index.merged.items() if articles.get(new) in labels}
        for (vid,) in conn.execute(select(versions.c.id).where(versions.c.project_id == pid)):
            other = self._index_by_id(conn, vid)
            uids |= {
                uid
                for uid, art in self._articles(vid, other).items()
                if art in labels and uid not in index and uid not in index.merged
            }
        c = t.comments.c
        condition: ColumnElement[bool] = c.target_uid.in_(sorted(uids))
        if WHOLE in labels:
            condition = or_(condition, c.whole.is_(True))
        listed = comment_ids_on(conn, pid, uids | ({WHOLE} if WHOLE in labels else set()))
        if listed is None:
            return condition  # a great many: one pass over the project's comments
        return and_(c.id.in_(listed), condition)  # the lists find them, their rows confirm

    def _articles(self, vid: int, index: CitationIndex) -> dict[str, str]:
        if vid not in self._article_maps:
            self._article_maps[vid] = article_map(index.doc)
        return self._article_maps[vid]

    def counts_by_target(self, project: str, version: str | int | None = None) -> dict[str, int]:
        """How many comments hang on each uid present in ``version`` (an aggregate query)."""
        _, _, index = self.index(project, version)
        with self.ws.read() as conn:
            pid = conn.execute(select(projects.c.id).where(projects.c.slug == project)).scalar_one()
            out: dict[str, int] = {}
            for uid, n in counts_on(conn, pid).items():
                uid = index.merged.get(uid, uid)
                if uid in index:
                    out[uid] = out.get(uid, 0) + n
            return out
