"""The workspace: a folder (``inbox/``, ``exports/``, ``stations.csv``) plus its database.

`Workspace` is the service other parts build on: import a file as a frozen version, read versions
and trees, keep the working draft, run the 四前四方 matrix, read and verify the audit log. Every
change is one transaction and writes its audit entry inside it, so it lands whole or not at all.

Importing is idempotent by content: the same file (same sha256) imported again into the same
project at the same stage returns the version it already is and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection

from workbench.comments import default_stations, registry_csv
from workbench.errors import ParseError, StoreError
from workbench.model import Document
from workbench.model.comments import Station
from workbench.model.project import (
    AuditEntry,
    AuditReport,
    ImportResult,
    InboxFile,
    Matrix,
    MatrixCell,
    MatrixConfig,
    NodeHistoryEntry,
    Project,
    VersionInfo,
    WorkingDraft,
)
from workbench.review.cycle import StageChoice
from workbench.store import Database, migrate, sqlite_url
from workbench.store import inbox as inbox_rows
from workbench.store import matrix as matrix_rows
from workbench.store import projects as rows
from workbench.store.anchor import ANCHOR_FILE, AuditAnchor
from workbench.store.migrations import current_version, needs_migration
from workbench.workspace.audit import ACTION_LABELS, AuditTrail, action_label, default_actor
from workbench.workspace.inbox import as_user_file, find_inbox_path, receive_file
from workbench.workspace.matrix import configure_matrix, update_cell
from workbench.workspace.projects import check_slug, require_open_project
from workbench.workspace.versions import (
    PAUSE_HOOK_ENV,
    add_version,
    choose_stage,
    find_node,
    parse_source,
    pick_version,
    save_draft,
)

__all__ = [
    "ACTION_LABELS",
    "DATABASE_FILE",
    "PAUSE_HOOK_ENV",
    "STATIONS_HEADER",
    "Workspace",
    "action_label",
    "default_actor",
]

DATABASE_FILE = "workbench.sqlite3"
"""The SQLite database's name inside the workspace folder."""

STATIONS_HEADER = "code,name,region,kind\n"
"""The header of the station registry ``stations.csv`` that `Workspace.init` creates."""


def _database(folder: Path, url: str | None) -> Database:
    """The workspace's database; its commits advance the audit anchor in ``folder``."""
    return Database(
        url or sqlite_url(folder / DATABASE_FILE), anchor=AuditAnchor(folder / ANCHOR_FILE)
    )


class Workspace:
    """A workspace folder and its database; open with `Workspace.open` or `Workspace.init`."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        """The workspace folder."""
        self.db = db
        """The database; `transaction` and `read` are the helpers to use."""
        self.audit = AuditTrail(db, db.anchor or AuditAnchor(path / ANCHOR_FILE))
        """The audit log, its anchor and their verification."""

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def init(
        cls,
        path: Path | str,
        database_url: str | None = None,
        *,
        config: MatrixConfig | None = None,
        actor: str | None = None,
        stations: Sequence[Station] | None = None,
    ) -> Workspace:
        """Create (or complete) a workspace: folder, inbox/, exports/, stations.csv, database.

        Safe on an existing workspace: nothing present is overwritten; a matrix configuration is
        stored only if the database has none yet, or if ``config`` is given.

        Args:
            path: The workspace folder.
            database_url: A PostgreSQL URL (default: the SQLite file in the folder).
            config: The matrix nodes and parties.
            actor: Who creates it (audit log).
            stations: What ``stations.csv`` holds when it lists no station yet: these stations,
                by default the liaison stations of `workbench.comments.default_stations`; an
                empty sequence leaves the registry empty (its header only).

        Raises:
            StoreError: The folder cannot be created or the database refused.
        """
        folder = Path(path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "inbox").mkdir(exist_ok=True)
            (folder / "exports").mkdir(exist_ok=True)
            _start_registry(folder / "stations.csv", stations)
        except OSError as exc:
            raise StoreError(f"无法创建工作区 {folder}：{exc.strerror}") from exc
        ws = cls(folder, _database(folder, database_url))
        try:
            migrate(ws.db)
            with ws.transaction() as conn:
                if config is not None or not matrix_rows.has_matrix_config(conn):
                    configure_matrix(conn, config or MatrixConfig(), actor=actor or default_actor())
            ws.audit.ensure_anchor(actor or default_actor())
        except BaseException:
            ws.close()
            raise
        return ws

    @classmethod
    def open(cls, path: Path | str, database_url: str | None = None) -> Workspace:
        """Open an existing workspace (migrating its database to this release's schema).

        Raises:
            StoreError: The folder is not a workspace (run ``workbench init``) or the database
                is unreachable or newer than this program.
        """
        folder = Path(path)
        if not folder.is_dir():
            raise StoreError(
                f"工作区不存在：{folder}。新建工作区请运行 workbench init {folder}；"
                f"试用内置演示请运行 workbench demo {folder}"
            )
        if database_url is None and not (folder / DATABASE_FILE).is_file():
            raise StoreError(
                f"{folder} 不是工作区（缺少数据库 {DATABASE_FILE}）。请先运行 workbench init {folder}"
            )
        ws = cls(folder, _database(folder, database_url))
        try:
            with ws.read() as conn:
                version = current_version(conn)
                pending = needs_migration(conn)
            if version == 0:
                raise StoreError(f"数据库尚未初始化：请先运行 workbench init {folder}")
            if pending:
                migrate(ws.db)
            inbox_rows.sweep_partial(ws.inbox_dir)
            ws.audit.ensure_anchor(default_actor())
        except BaseException:
            ws.close()
            raise
        return ws

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def inbox_dir(self) -> Path:
        """Where received files are kept, each named by its sha256."""
        return self.path / "inbox"

    @property
    def exports_dir(self) -> Path:
        """Where exports are written."""
        return self.path / "exports"

    @property
    def stations_csv(self) -> Path:
        """The station registry (``code,name,region,kind``)."""
        return self.path / "stations.csv"

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A serialised write transaction for services built on the workspace."""
        with self.db.transaction() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent read."""
        with self.db.read() as conn:
            yield conn

    # -- projects and versions --------------------------------------------------------------

    def projects(self, *, archived: bool = False) -> list[Project]:
        """The projects in use, by slug; with ``archived``, the archived ones too."""
        with self.read() as conn:
            return [p for p in rows.list_projects(conn) if archived or not p.archived]

    def project(self, slug: str) -> Project:
        """One project.

        Raises:
            StoreError: No such project (the message lists the existing ones).
        """
        with self.read() as conn:
            return rows.require_project(conn, slug)

    def versions(self, project: str) -> list[VersionInfo]:
        """The project's versions, oldest first."""
        with self.read() as conn:
            return rows.list_versions(conn, project)

    def resolve_version(self, project: str, ref: str | int | None = None) -> VersionInfo:
        """The version ``ref`` addresses: a number, name, stage or node (`versions.pick_version`)."""
        return pick_version(project, self.versions(project), ref)

    def document(self, project: str, ref: str | int | None = None) -> Document:
        """The frozen tree of a version (the latest by default)."""
        with self.read() as conn:
            info = pick_version(project, rows.list_versions(conn, project), ref)
            return rows.load_document(conn, project, info.number)

    def node_history(self, project: str, uid: str) -> list[NodeHistoryEntry]:
        """How node ``uid`` stood in every version that has it (for timelines)."""
        with self.read() as conn:
            return rows.history_of(conn, project, uid)

    def resolve_node(self, project: str, clause: str, ref: str | int | None = None) -> str:
        """The uid of ``clause`` (a uid or a citation) in a version (`versions.find_node`)."""
        with self.read() as conn:
            return find_node(conn, project, clause, ref)

    def matrix_config(self) -> MatrixConfig:
        """The workspace's 四前四方 nodes and parties."""
        with self.read() as conn:
            return matrix_rows.load_matrix_config(conn)

    def stages(self) -> tuple[str, ...]:
        """The 四前四方 nodes, in order (``import --stage`` also takes stages and text names)."""
        return self.matrix_config().nodes

    # -- inbox -----------------------------------------------------------------------------

    def store_inbox_file(self, path: Path | str, *, actor: str | None = None) -> str:
        """Keep ``path`` byte for byte in ``inbox/<sha256>`` and record it; return the sha256.

        Call this before parsing anything received. Receiving the same bytes again keeps one
        copy and adds an audit entry.
        """
        return self._receive(Path(path), actor or default_actor())[0]

    def _receive(self, source: Path, actor: str) -> tuple[str, Path]:
        return receive_file(self.db, self.inbox_dir, source, actor)

    def inbox_path(self, sha256: str) -> Path:
        """Where the received file ``sha256`` is kept (``inbox/<sha256>.<suffix>``).

        Raises:
            StoreError: No such file in the inbox.
        """
        return find_inbox_path(self.inbox_dir, sha256)

    def inbox_files(self) -> list[InboxFile]:
        """Every received file, oldest first."""
        with self.read() as conn:
            return inbox_rows.list_inbox(conn)

    # -- importing -------------------------------------------------------------------------

    def import_version(
        self,
        path: Path | str,
        project: str,
        stage: str,
        *,
        title: str | None = None,
        party: str | None = None,
        reason: str | None = None,
        actor: str,
        create: bool = False,
    ) -> ImportResult:
        """Receive a file and add it to ``project`` as a frozen version at ``stage``.

        The file is kept in ``inbox/`` before it is parsed. The project is created if new and
        ``create`` is set; an unknown project is refused otherwise (a typo never creates one). The
        new tree gets its uids from the project's latest version. Importing the same file at
        the same stage again changes nothing and returns the version it already is.

        Args:
            path: The draft file (DOCX, text, Markdown, Akoma Ntoso XML or draft JSON).
            project: The project's slug.
            stage: The stage (``一审``), the 四前四方 node (``初审前``), the text's name
                (``草案``) or ``现行`` for the text in force (`choose_stage`).
            title: The project's title (default: the document's); given for an existing
                project, it renames the project.
            party: Who sent the text.
            reason: Why (recorded; explains passing a gate with open cells).
            actor: Who imports, for the audit log.
            create: Create the project if it does not exist yet.

        Raises:
            StoreError: Bad slug or stage, unknown project (without ``create``), archived
                project, unreadable file, database refused.
            ParseError: The file is not a readable regulation (it stays in ``inbox/``).
        """
        source = Path(path)
        self._check_slug(project)
        with self.read() as conn:
            require_open_project(conn, project, create=create)
        choice = self._check_stage(project, stage)
        sha, kept = self._receive(source, actor)
        with self.read() as conn:
            if rows.get_project(conn, project) is not None:
                existing = rows.find_version_by_source(conn, project, choice.stage, sha)
                if existing is not None:
                    return ImportResult(version=existing, created=False)
        try:
            doc = parse_source(kept)
        except ParseError as exc:
            raise as_user_file(exc, kept, source) from exc
        return self.import_document(
            doc,
            project,
            stage,
            title=title,
            party=party,
            reason=reason,
            actor=actor,
            source_sha256=sha,
            source_name=source.name,
            create=create,
        )

    def import_document(
        self,
        doc: Document,
        project: str,
        stage: str,
        *,
        title: str | None = None,
        party: str | None = None,
        reason: str | None = None,
        actor: str,
        source_sha256: str | None = None,
        source_name: str | None = None,
        create: bool = False,
    ) -> ImportResult:
        """Add an already parsed tree as a frozen version (see `import_version`)."""
        self._check_slug(project)
        self._check_stage(project, stage)
        with self.transaction() as conn:
            return add_version(
                conn,
                doc,
                project,
                stage,
                title=title,
                party=party,
                reason=reason,
                actor=actor,
                source_sha256=source_sha256,
                source_name=source_name,
                create=create,
            )

    # -- working draft ----------------------------------------------------------------------

    def working_draft(self, project: str) -> WorkingDraft:
        """The project's editable draft (created from the first imported version).

        Raises:
            StoreError: The project has no version yet, so no draft.
        """
        with self.read() as conn:
            loaded = rows.load_working_draft(conn, project)
        if loaded is None:
            raise StoreError(f"项目“{project}”还没有工作稿：请先导入一版草案。")
        return loaded[0]

    def save_working_draft(
        self, project: str, doc: Document, expected_revision: int, *, actor: str
    ) -> WorkingDraft:
        """Save the draft if nobody saved since ``expected_revision``; return the new state.

        Raises:
            StoreError: The draft moved on (someone else saved): reload and redo.
        """
        with self.transaction() as conn:
            return save_draft(conn, project, doc, expected_revision, actor=actor)

    def freeze_working_draft(
        self, project: str, stage: str, *, actor: str, reason: str | None = None
    ) -> ImportResult:
        """Freeze the working draft as a new version at ``stage`` (uids kept as they are)."""
        self._check_stage(project, stage)
        with self.transaction() as conn:
            loaded = rows.load_working_draft(conn, project)
            if loaded is None:
                raise StoreError(f"项目“{project}”还没有工作稿：请先导入一版草案。")
            doc = loaded[0].document
            return add_version(conn, doc, project, stage, actor=actor, reason=reason, carry=False)

    # -- the 四前四方 matrix -------------------------------------------------------------------

    def matrix(self, project: str) -> Matrix:
        """The project's matrix: every node × party."""
        with self.read() as conn:
            return matrix_rows.load_matrix(conn, project)

    def set_cell(
        self,
        project: str,
        node: str,
        party: str,
        status: str,
        *,
        record: str | None = None,
        actor: str,
        expected: str | None = None,
    ) -> MatrixCell:
        """Set a cell's status (and its 会商 record; None keeps the stored one).

        ``expected``, when given, is the status the caller saw: if the cell is no longer there,
        nothing is written.

        Raises:
            StoreError: Unknown project, node, party or status (the message lists valid ones),
                or the cell is no longer at ``expected``.
        """
        with self.transaction() as conn:
            return update_cell(
                conn, project, node, party, status, record=record, actor=actor, expected=expected
            )

    def set_matrix_config(self, config: MatrixConfig, *, actor: str) -> None:
        """Change the workspace's nodes and parties (cells already set are kept)."""
        with self.transaction() as conn:
            configure_matrix(conn, config, actor=actor)

    # -- audit -----------------------------------------------------------------------------

    def audit_log(self, project: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Audit entries, oldest first (of one project, or the last ``limit``)."""
        return self.audit.entries(project, limit)

    def verify_audit(self, codes: Sequence[str] = ()) -> AuditReport:
        """Check the chain, its anchor, recorded ``codes`` and the state (`AuditTrail.verify`)."""
        return self.audit.verify(codes)

    # -- helpers ---------------------------------------------------------------------------

    def _check_slug(self, slug: str) -> None:
        check_slug(slug)

    def _check_stage(self, project: str, stage: str) -> StageChoice:
        with self.read() as conn:
            return choose_stage(conn, project, stage)


def _start_registry(target: Path, stations: Sequence[Station] | None) -> None:
    """Write the starting station registry unless ``target`` already lists a station."""
    if target.exists():
        lines = [ln for ln in target.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
        if len(lines) > 1:
            return
    if stations is None:
        stations = default_stations()
    if not stations:
        if not target.exists():
            target.write_text(STATIONS_HEADER, encoding="utf-8")
        return
    target.write_text(registry_csv(list(stations)), encoding="utf-8-sig", newline="")
