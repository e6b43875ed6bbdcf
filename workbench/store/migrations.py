"""Schema versions and migrations: an ordered list of steps, applied once each, in a transaction.

Version 1 creates every table of `workbench.store.schema.metadata` and the triggers that keep the
audit log append-only. A later change to an existing table is a new `Migration` appended to
`MIGRATIONS`. A new table only needs to be defined on `metadata` in a module listed in
`TABLE_MODULES`: after the steps, `migrate` creates any table that is still missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Index,
    bindparam,
    column,
    func,
    insert,
    inspect,
    select,
    table,
    text,
    update,
)

from workbench.diff import merged_into
from workbench.errors import StoreError
from workbench.model import Document
from workbench.model.cycle import CycleConfig
from workbench.review.cycle import CycleError, StageChoice, resolve_stage, version_label
from workbench.store.comment_legacy import (
    TEXT_COLUMNS,
    CommentText,
    comment_targets,
    comment_texts,
    encode_texts,
    plain_comments,
    rebuild_lists,
)
from workbench.store.comment_tables import comment_files, comments, draft_texts, merged_uids
from workbench.store.comment_view import create_comment_view
from workbench.store.database import Database
from workbench.store.matrix import load_matrix_config
from workbench.store.schema import metadata, schema_version, versions
from workbench.store.search import create_search, drop_search, has_search, reindex_all

__all__ = [
    "MIGRATIONS",
    "TABLE_MODULES",
    "Migration",
    "current_version",
    "migrate",
    "needs_migration",
]

TABLE_MODULES: tuple[str, ...] = (
    "workbench.store.comment_tables",
    "workbench.store.library_tables",
    "workbench.store.amendment_tables",
)
"""Modules that define further tables on `metadata`; imported (if present) before migrating."""


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step."""

    version: int
    """The schema version this step brings the database to."""
    description: str
    """What it does (recorded in ``schema_version``)."""
    apply: Callable[[Connection, str], None]
    """Does it, given the connection and the dialect name (``sqlite`` / ``postgresql``)."""


_SQLITE_AUDIT_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)

_POSTGRES_AUDIT_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)


def _v1_create_all(conn: Connection, dialect: str) -> None:
    metadata.create_all(conn, checkfirst=True)
    statements = _SQLITE_AUDIT_TRIGGERS if dialect == "sqlite" else _POSTGRES_AUDIT_TRIGGERS
    for statement in statements:
        conn.execute(text(statement))


_OLD_TEXT_COLUMNS = TEXT_COLUMNS
"""The text columns `comments` had in schema version 1, in chunk order."""


def _plain(conn: Connection) -> bool:
    """Whether the comments are stored as plain rows already (schema 8, or step 1 today).

    Steps 2 and 4–6, which converted the shapes of their time, then have nothing to do.
    """
    inspector = inspect(conn)
    if not inspector.has_table("comments"):
        return True
    comments_have = {c["name"] for c in inspector.get_columns("comments")}
    files_have = {c["name"] for c in inspector.get_columns("comment_files")}
    return "opinion" in comments_have and "first_id" in files_have


def _v2_comment_texts(conn: Connection, dialect: str) -> None:
    """Move each comment's texts out of `comments` into chunks of `comment_texts`."""
    del dialect  # the same statements on SQLite and PostgreSQL
    if _plain(conn):
        return
    inspector = inspect(conn)
    have = {c["name"] for c in inspector.get_columns("comments")}
    if "opinion" not in have:
        return  # created with the texts in chunks already
    comment_texts.create(conn, checkfirst=True)
    if "seq" not in have:
        conn.execute(text("ALTER TABLE comments ADD COLUMN seq INTEGER NOT NULL DEFAULT 0"))
    old = table("comments", column("id"), column("file_id"), *map(column, _OLD_TEXT_COLUMNS))
    query = select(old).order_by(old.c.file_id, old.c.id)
    numbered = table("comments", column("id"), column("seq"))
    renumber = update(numbered).where(numbered.c.id == bindparam("cid")).values(seq=bindparam("s"))
    file_id: int | None = None
    ids: list[int] = []
    texts: list[CommentText] = []

    def flush() -> None:
        if file_id is None:
            return
        conn.execute(
            insert(comment_texts),
            [
                {"file_id": file_id, "chunk": i, "data": d}
                for i, d in enumerate(encode_texts(texts))
            ],
        )
        conn.execute(renumber, [{"cid": cid, "s": seq} for seq, cid in enumerate(ids)])

    for r in conn.execute(query):
        if r.file_id != file_id:
            flush()
            file_id, ids, texts = r.file_id, [], []
        ids.append(r.id)
        texts.append(tuple(r[2:]))
    flush()
    for name in _OLD_TEXT_COLUMNS:
        conn.execute(text(f"ALTER TABLE comments DROP COLUMN {name}"))


def _v3_merges(conn: Connection, dialect: str) -> None:
    """Record the merges of versions imported before merges were recorded at import."""
    del dialect  # the same statements on SQLite and PostgreSQL
    merged_uids.create(conn, checkfirst=True)
    rows = conn.execute(
        select(versions.c.id, versions.c.project_id, versions.c.document).order_by(
            versions.c.project_id, versions.c.number
        )
    )
    known = {
        (p, o) for p, o in conn.execute(select(merged_uids.c.project_id, merged_uids.c.old_uid))
    }
    previous: tuple[int, Document] | None = None
    fresh: list[dict[str, Any]] = []
    for vid, pid, document in rows:
        doc = Document.model_validate_json(document)
        if previous is not None and previous[0] == pid:
            for old, new in sorted(merged_into(previous[1], doc).items()):
                if (pid, old) not in known:
                    known.add((pid, old))
                    fresh.append(
                        {"project_id": pid, "old_uid": old, "new_uid": new, "version_id": vid}
                    )
        previous = (pid, doc)
    if fresh:
        conn.execute(insert(merged_uids), fresh)


def _v4_target_lists(conn: Connection, dialect: str) -> None:
    """Find comments by node through per-node id lists instead of an index over every comment."""
    del dialect  # the same statements on SQLite and PostgreSQL
    if _plain(conn):
        return
    comment_targets.create(conn, checkfirst=True)
    rebuild_lists(conn)
    conn.execute(text("DROP INDEX IF EXISTS ix_comments_project_target"))


def _v5_narrow_comments(conn: Connection, dialect: str) -> None:
    """Keep comments narrow: file id ranges replace the by-file index and repeated columns."""
    del dialect  # the same statements on SQLite and PostgreSQL
    if _plain(conn):
        return
    have = {c["name"] for c in inspect(conn).get_columns("comment_files")}
    for name in ("first_id", "last_id"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE comment_files ADD COLUMN {name} INTEGER"))
    ranges = conn.execute(
        text("SELECT file_id, MIN(id), MAX(id) FROM comments GROUP BY file_id")
    ).all()
    if ranges:
        conn.execute(
            update(comment_files)
            .where(comment_files.c.id == bindparam("fid"))
            .values(first_id=bindparam("lo"), last_id=bindparam("hi")),
            [{"fid": f, "lo": lo, "hi": hi} for f, lo, hi in ranges],
        )
    conn.execute(text("DROP INDEX IF EXISTS ix_comments_file"))
    columns = {c["name"] for c in inspect(conn).get_columns("comments")}
    for name in ("project_id", "version_id", "station"):
        if name in columns:
            conn.execute(text(f"ALTER TABLE comments DROP COLUMN {name}"))


def _v6_packed_texts(conn: Connection, dialect: str) -> None:
    """Text chunks may be stored compressed (new ones are; older ones stay plain text)."""
    if _plain(conn):
        return
    kind = "BLOB" if dialect == "sqlite" else "BYTEA"
    have = {c["name"] for c in inspect(conn).get_columns("comment_texts")}
    if "packed" not in have:
        conn.execute(text(f"ALTER TABLE comment_texts ADD COLUMN packed {kind}"))


def _v7_archived_projects(conn: Connection, dialect: str) -> None:
    """Projects can be archived instead of deleted: who archived them and when."""
    del dialect  # the same statements on SQLite and PostgreSQL
    have = {c["name"] for c in inspect(conn).get_columns("projects")}
    if "archived_at" not in have:
        conn.execute(text("ALTER TABLE projects ADD COLUMN archived_at VARCHAR(32)"))
    if "archived_by" not in have:
        conn.execute(text("ALTER TABLE projects ADD COLUMN archived_by TEXT"))


def _v8_plain_comments(conn: Connection, dialect: str) -> None:
    """Comments as plain rows with their texts; search indexes over comments and drafts; v_comments."""
    del dialect  # the search module speaks both
    draft_texts.create(conn, checkfirst=True)
    inspector = inspect(conn)
    if inspector.has_table("comment_texts") or "seq" in {
        c["name"] for c in inspector.get_columns("comments")
    }:
        plain_comments(conn)
    present = {i["name"] for i in inspect(conn).get_indexes("comments")}
    for index in comments.indexes:
        if index.name not in present:
            index.create(conn)
    indexed = has_search(conn)
    create_search(conn)
    reindex_all(conn, with_comments=not indexed)
    create_comment_view(conn)


def _v9_cycle(conn: Connection, dialect: str) -> None:
    """Projects get a kind and a path; versions a stage of the cycle, a node and a name.

    Before, a version's ``stage`` was the 四前四方 node it was imported at (初审前) and its
    label ``初审前稿``. Now the node moves to ``node``, ``stage`` becomes the stage the node
    comes before (一审) and the text is named as in practice (草案, 草案修改稿 …), by the
    default stages; a node no stage carries stays a stage of its own, named ``<node>稿``.
    """
    del dialect  # the same statements on SQLite and PostgreSQL
    inspector = inspect(conn)
    have = {c["name"] for c in inspector.get_columns("projects")}
    if "kind" not in have:
        conn.execute(
            text("ALTER TABLE projects ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT '制定'")
        )
    if "readings" not in have:
        conn.execute(text("ALTER TABLE projects ADD COLUMN readings INTEGER NOT NULL DEFAULT 2"))
    have = {c["name"] for c in inspector.get_columns("versions")}
    if "node" not in have:
        conn.execute(text("ALTER TABLE versions ADD COLUMN node TEXT"))
    if "name" not in have:
        conn.execute(text("ALTER TABLE versions ADD COLUMN name TEXT NOT NULL DEFAULT ''"))
    cycle, matrix = CycleConfig(), load_matrix_config(conn)
    rows = conn.execute(
        select(versions.c.id, versions.c.project_id, versions.c.stage, versions.c.name).order_by(
            versions.c.project_id, versions.c.number
        )
    ).all()
    seen: dict[tuple[int, str], int] = {}
    changes: list[dict[str, Any]] = []
    for vid, pid, stage, name in rows:
        if name:
            choice = None  # migrated already: only the label is recounted
        else:
            try:
                choice = resolve_stage(cycle, matrix, "制定", stage)
            except CycleError:
                choice = StageChoice(stage, None, f"{stage}稿")
        new_stage = choice.stage if choice else stage
        new_name = choice.name if choice else name
        earlier = seen.get((pid, new_stage), 0)
        seen[(pid, new_stage)] = earlier + 1
        changes.append(
            {
                "vid": vid,
                "s": new_stage,
                "n": choice.node if choice else None,
                "keep": choice is None,
                "nm": new_name,
                "l": version_label(new_name, earlier),
            }
        )
    fresh = [c for c in changes if not c["keep"]]
    if fresh:
        conn.execute(
            update(versions)
            .where(versions.c.id == bindparam("vid"))
            .values(
                stage=bindparam("s"),
                node=bindparam("n"),
                name=bindparam("nm"),
                label=bindparam("l"),
            ),
            fresh,
        )


def _v10_search_terms(conn: Connection, dialect: str) -> None:
    """Search terms are single Han characters (phrases of them), not character pairs."""
    del dialect  # the search module speaks both
    drop_search(conn)
    create_search(conn)
    reindex_all(conn, with_comments=True)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "创建全部数据表与审计日志只增触发器", _v1_create_all),
    Migration(2, "意见正文改为分块存储（comment_texts）", _v2_comment_texts),
    Migration(3, "补记早先导入版本中的条文合并（意见随合并的条文走）", _v3_merges),
    Migration(
        4,
        "按条文查找意见改用意见编号清单（comment_targets），取代逐条索引",
        _v4_target_lists,
    ),
    Migration(
        5,
        "意见表精简：按文件的编号区间取代按文件索引，项目、版本、站点取自文件",
        _v5_narrow_comments,
    ),
    Migration(6, "意见正文分块压缩存储（LZ4）", _v6_packed_texts),
    Migration(7, "立法项目可归档（archived_at、archived_by），不再删除", _v7_archived_projects),
    Migration(
        8,
        "意见改为逐条明文存储（正文各列、项目、版本、站点），意见与草案全文检索，v_comments 视图",
        _v8_plain_comments,
    ),
    Migration(
        9,
        "立法流程：项目类型与审议次数，版本按阶段、四前四方节点与实际稿名（草案、草案修改稿…）",
        _v9_cycle,
    ),
    Migration(10, "检索词改为单个汉字（词语按字的短语检索），重建检索索引", _v10_search_terms),
)
"""Every schema step, in order; the last one's version is the schema version of this release."""


def _load_table_modules() -> None:
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def current_version(conn: Connection) -> int:
    """The schema version of the database behind ``conn`` (0 for an empty database)."""
    if not inspect(conn).has_table(schema_version.name):
        return 0
    return int(
        conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one()
    )


def needs_migration(conn: Connection) -> bool:
    """Whether `migrate` has anything to do: a pending step, or a table or index missing."""
    _load_table_modules()
    if current_version(conn) < MIGRATIONS[-1].version:
        return True
    if not set(metadata.tables) <= set(inspect(conn).get_table_names()):
        return True
    return bool(_missing_indexes(conn))


def _missing_indexes(conn: Connection) -> list[Index]:
    """Indexes of existing tables that are not there (a bulk load killed before rebuilding)."""
    inspector = inspect(conn)
    have = set(inspector.get_table_names())
    missing: list[Index] = []
    for name, table_ in metadata.tables.items():
        if name not in have or not table_.indexes:
            continue
        present = {i["name"] for i in inspector.get_indexes(name)}
        missing += [i for i in table_.indexes if i.name not in present]
    return missing


def migrate(db: Database) -> int:
    """Bring the database up to the latest schema version, in one transaction.

    Returns:
        The schema version now.

    Raises:
        StoreError: The database is newer than this program.
    """
    _load_table_modules()
    latest = MIGRATIONS[-1].version
    with db.transaction() as conn:
        have = current_version(conn)
        if have > latest:
            raise StoreError(
                f"数据库结构版本为 {have}，比本程序支持的 {latest} 新：请升级立法工作台后再打开。"
            )
        if have == 0:
            schema_version.create(conn, checkfirst=True)
        for step in MIGRATIONS:
            if step.version <= have:
                continue
            step.apply(conn, db.dialect)
            conn.execute(
                schema_version.insert().values(
                    version=step.version,
                    description=step.description,
                    applied_at=datetime.now(UTC),
                )
            )
        # Tables added since (new modules on the metadata) are created; existing ones untouched.
        metadata.create_all(conn, checkfirst=True)
        for index in _missing_indexes(conn):
            index.create(conn)
    return latest
