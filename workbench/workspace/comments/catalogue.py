"""What every part of the comment service looks up: stations, versions, citation indexes.

One `Catalogue` is shared by the parts of a `CommentService` (intake, listing, decisions,
reports), so a version's tree is parsed and indexed once per service, whichever part asks.
"""

from __future__ import annotations

from sqlalchemy import Connection

from workbench.comments import CitationIndex, default_stations, read_registry
from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.comments import Station
from workbench.model.project import VersionInfo
from workbench.store import comment_queries as q
from workbench.workspace.comments.views import article_map
from workbench.workspace.workspace import Workspace

__all__ = ["Catalogue"]

_LATEST = ("latest", "最新", "最新版")


class Catalogue:
    """The station registry and the versions of one workspace, read once and kept."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""
        self._stations: tuple[Station, ...] | None = None
        self._indexes: dict[int, CitationIndex] = {}
        self._article_maps: dict[int, dict[str, str]] = {}
        self._resolved: dict[tuple[str, str], tuple[VersionInfo, int]] = {}
        self._names: dict[str, list[str] | None] = {}

    def refresh(self) -> None:
        """Read the registry and the version names again (another session may have changed them).

        Frozen versions never change, so their indexes are kept.
        """
        self._stations = None
        self._resolved.clear()
        self._names.clear()

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

    def version(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int]:
        """A version and its row id (a named version is kept; "latest" is looked up each time).

        Raises:
            StoreError: Unknown project or version.
        """
        key = (project, str(ref))
        if key in self._resolved:
            return self._resolved[key]
        info = self.ws.resolve_version(project, ref)
        with self.ws.read() as conn:
            vid = q.version_row_id(conn, project, info.number)
        if ref is not None and str(ref) not in _LATEST:
            self._resolved[key] = (info, vid)
        return info, vid

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and the index of its citations.

        Raises:
            StoreError: Unknown project or version.
        """
        info, vid = self.version(project, ref)
        if vid not in self._indexes:
            with self.ws.read() as conn:
                return info, vid, self.index_by_id(conn, vid)
        return info, vid, self._indexes[vid]

    def index_by_id(self, conn: Connection, vid: int) -> CitationIndex:
        """The citation index of version row ``vid`` (read on ``conn`` the first time)."""
        if vid not in self._indexes:
            document, pid = q.version_row(conn, vid)
            doc = Document.model_validate_json(document)
            self._indexes[vid] = CitationIndex(doc, q.merged_uids_of(conn, pid))
        return self._indexes[vid]

    def articles(self, vid: int, index: CitationIndex) -> dict[str, str]:
        """Each uid of version row ``vid`` → the citation of its article (`article_map`)."""
        if vid not in self._article_maps:
            self._article_maps[vid] = article_map(index.doc)
        return self._article_maps[vid]

    def version_names(self, project: str) -> list[str] | None:
        """The names a project's versions answer to (stage, number, v-number, label).

        None when there is no such project.
        """
        if project not in self._names:
            self._names[project] = self._read_version_names(project)
        return self._names[project]

    def _read_version_names(self, project: str) -> list[str] | None:
        try:
            infos = self.ws.versions(project)
        except StoreError:
            return None
        with self.ws.read() as conn:
            if q.project_id(conn, project) is None:
                return None
        names: list[str] = []
        for i in infos:
            names += [i.stage, str(i.number), f"v{i.number}", i.label, i.name]
            names += [i.node] if i.node else []
        return list(dict.fromkeys(names))

    def project_id(self, project: str) -> int:
        """The row id of ``project``.

        Raises:
            StoreError: No such project (the message lists the existing ones).
        """
        with self.ws.read() as conn:
            pid = q.project_id(conn, project)
        if pid is None:
            self.ws.project(project)  # raises the listing error
            raise StoreError(f"项目“{project}”不存在")
        return pid
