"""The database connection: a SQLite file (WAL) or a PostgreSQL server, with whole transactions.

Writes are serialised. On SQLite every write transaction starts with ``BEGIN IMMEDIATE`` (the
write lock is taken up front, so two writers queue on the busy timeout instead of failing when a
reader turns writer); on PostgreSQL it takes a transaction-scoped advisory lock keyed on the
schema. Inside `Database.transaction` a writer therefore sees the latest committed state and can
read-then-write (next version number, the audit chain's last hash) without races.

A write transaction that appended audit entries advances the workspace's audit anchor (see
`workbench.store.anchor`) right after it commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from workbench.errors import StoreError
from workbench.store.anchor import AuditAnchor

__all__ = [
    "AUDIT_HEAD_KEY",
    "BUSY_TIMEOUT_S",
    "Database",
    "page_cache",
    "placeholder",
    "sqlite_url",
]

BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another writer before giving up."""
QUIET_WAIT_S = 0.25
"""How long a writer waits for another one before it says so (`Database.on_wait`)."""
WAIT_MESSAGE = f"另一项写入（其他窗口或其他人的操作）正在进行，等待其完成后继续（最多等待 {BUSY_TIMEOUT_S:.0f} 秒）……"
"""What `Database.on_wait` is told when a writer must wait."""

_WRITE = "workbench_write"

_DEFAULT_CACHE_KIB = 2000
"""SQLite's own page cache size per connection."""


def placeholder(conn: Connection) -> str:
    """The driver's parameter mark for SQL written out by hand: ``?`` (SQLite) or ``%s``."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


@contextmanager
def page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """Give this SQLite connection a page cache of ``kib`` for the block (nothing on PostgreSQL).

    A bulk write into a large table wants a large cache. When the block ends, however it ends,
    the cache is set back to SQLite's default, which frees its pages: the connection goes back
    to the pool, and later work on it (the clustering an ingest ends with, a long TUI session)
    does not keep the ingest's cache.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{_DEFAULT_CACHE_KIB}")


AUDIT_HEAD_KEY = "workbench.audit_head"
"""Key in ``Connection.info`` where `append_audit_many` leaves the newest (seq, hash) it wrote."""


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite database file."""
    return f"sqlite+pysqlite:///{path.resolve()}"


class Database:
    """One engine plus the transaction helpers every service uses.

    Use `transaction` for anything that writes (it is serialised and atomic) and `read` for
    consistent reads.
    """

    def __init__(self, url: str, *, anchor: AuditAnchor | None = None) -> None:
        """Create the engine for ``url`` (nothing is connected yet).

        Args:
            url: A SQLite or PostgreSQL URL.
            anchor: The audit anchor to advance after each commit that appended entries.

        Raises:
            StoreError: The URL is not a SQLite or PostgreSQL URL.
        """
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreError(f"数据库地址无法识别：{url}") from exc
        self.url = url
        """The database URL."""
        self.anchor = anchor
        """The workspace's audit anchor, if any (advanced after commits)."""
        self.on_wait: Callable[[str], None] | None = None
        """Told `WAIT_MESSAGE` when a write transaction must wait for another writer (the CLI
        prints it); the wait then goes on, up to `BUSY_TIMEOUT_S`."""
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreError(f"不支持的数据库：{backend}（只支持 SQLite 与 PostgreSQL）")
        if backend == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.dialect = backend
        """``sqlite`` or ``postgresql``."""
        try:
            if backend == "sqlite":
                self.engine: Engine = create_engine(
                    parsed, connect_args={"timeout": BUSY_TIMEOUT_S}
                )
                _configure_sqlite(self.engine, self._waiting)
            else:
                self.engine = create_engine(parsed, pool_pre_ping=True)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"缺少数据库驱动：{exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A serialised write transaction: committed whole on success, rolled back on error.

        Raises:
            StoreError: The database could not be reached or refused the transaction.
        """
        with self._connect() as conn:
            conn.execution_options(**{_WRITE: True})
            conn.info.pop(AUDIT_HEAD_KEY, None)
            try:
                with conn.begin():
                    if self.dialect == "postgresql":
                        self._lock_postgresql(conn)
                    yield conn
            except DBAPIError as exc:
                raise StoreError(f"数据库操作失败：{_short(exc)}") from exc
            finally:
                head = conn.info.pop(AUDIT_HEAD_KEY, None)
            # Only reached when the transaction committed.
            if head is not None and self.anchor is not None:
                self.anchor.advance(*head)

    def _lock_postgresql(self, conn: Connection) -> None:
        """Take the schema's write lock: at once, or saying so and waiting `BUSY_TIMEOUT_S`."""
        key = "hashtext(current_schema())"
        if conn.execute(text(f"SELECT pg_try_advisory_xact_lock({key})")).scalar():
            return
        self._waiting()
        conn.execute(text(f"SET LOCAL lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'"))
        conn.execute(text(f"SELECT pg_advisory_xact_lock({key})"))
        conn.execute(text("SET LOCAL lock_timeout TO DEFAULT"))

    def _waiting(self) -> None:
        if self.on_wait is not None:
            self.on_wait(WAIT_MESSAGE)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for all its statements, on both backends."""
        with self._connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            try:
                with conn.begin():
                    yield conn
            except DBAPIError as exc:
                raise StoreError(f"数据库读取失败：{_short(exc)}") from exc

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            conn = self.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"无法连接数据库 {self._safe_url()}：{_short(exc)}") from exc
        with conn:
            yield conn

    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine, waiting: Callable[[], None]) -> None:
    """WAL, busy timeout, foreign keys, full sync; explicit BEGIN so writers lock up front.

    A writer that finds another one at work waits quietly for `QUIET_WAIT_S`, then calls
    ``waiting`` and waits on, up to `BUSY_TIMEOUT_S` in all.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's events issue BEGIN; pysqlite's implicit transactions are off.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")
        # Savepoint journals (one per ingested file) in memory, not in a temporary file.
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if not conn.get_execution_options().get(_WRITE):
            conn.exec_driver_sql("BEGIN DEFERRED")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(QUIET_WAIT_S * 1000)}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if not _is_busy(exc):
                raise
            waiting()
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _short(exc: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's boilerplate, in Chinese when it is a known one."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()[0]
    for english, chinese in _DRIVER_MESSAGES:
        if english in text:
            return chinese
    return text


_DRIVER_MESSAGES = (
    ("database is locked", f"另一项写入 {BUSY_TIMEOUT_S:.0f} 秒仍未结束，等待超时：请稍后再试"),
    ("lock timeout", f"另一项写入 {BUSY_TIMEOUT_S:.0f} 秒仍未结束，等待超时：请稍后再试"),
    ("database disk image is malformed", "数据库文件已损坏：请从备份恢复"),
    ("file is not a database", "这不是数据库文件（可能已损坏或被替换）：请从备份恢复"),
    ("attempt to write a readonly database", "数据库文件只读：请检查文件权限"),
    ("unable to open database file", "无法打开数据库文件：请检查路径和权限"),
    ("disk I/O error", "磁盘读写错误：请检查磁盘空间与设备"),
    ("database or disk is full", "磁盘已满：请腾出空间后再试"),
    ("Connection refused", "数据库服务器拒绝连接：请确认服务器已启动、地址和端口正确"),
    ("password authentication failed", "数据库用户名或密码错误"),
)
"""The driver messages people meet, in Chinese (the rest is shown as the driver wrote it)."""
