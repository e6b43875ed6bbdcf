"""The store on a real SQLite file and a real PostgreSQL server: schema, migrations, audit chain."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text

from workbench.errors import StoreError
from workbench.store import (
    MIGRATIONS,
    Database,
    append_audit,
    current_version,
    metadata,
    migrate,
    read_audit,
    sqlite_url,
    verify_audit,
)
from workbench.store.inbox import keep_file, kept_name
from workbench.store.schema import audit_log, schema_version


@pytest.fixture
def db(tmp_path: Path, database_url: str | None) -> Iterator[Database]:
    database = Database(database_url or sqlite_url(tmp_path / "store.sqlite3"))
    migrate(database)
    yield database
    database.dispose()


def _disable_append_only(db: Database) -> None:
    """What an attacker with database access would do first (the chain must still tell)."""
    with db.transaction() as conn:
        if db.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))


def _fill(db: Database, n: int = 5) -> None:
    with db.transaction() as conn:
        for i in range(n):
            append_audit(
                conn, actor="甲", action="test", project="p1", payload={"i": i, "文字": "中文"}
            )


def test_migrate_creates_the_schema_once(db: Database) -> None:
    """Version 1 is recorded; migrating again changes nothing."""
    assert migrate(db) == MIGRATIONS[-1].version
    with db.read() as conn:
        assert current_version(conn) == MIGRATIONS[-1].version
        rows = conn.execute(select(schema_version.c.version)).scalars().all()
    assert rows == [m.version for m in MIGRATIONS]


def test_every_table_on_the_metadata_exists(db: Database) -> None:
    """All tables defined on the one MetaData are created."""
    from sqlalchemy import inspect

    with db.read() as conn:
        names = set(inspect(conn).get_table_names())
    assert set(metadata.tables) <= names


def test_a_database_newer_than_the_program_is_refused(db: Database) -> None:
    """A schema version from the future stops with a Chinese message."""
    with db.transaction() as conn:
        conn.execute(
            schema_version.insert().values(
                version=999, description="未来", applied_at=datetime.now(UTC)
            )
        )
    with pytest.raises(StoreError, match="请升级立法工作台"):
        migrate(db)


def test_audit_chain_verifies(db: Database) -> None:
    """Appended entries chain from the genesis hash and verify."""
    _fill(db)
    with db.read() as conn:
        entries = read_audit(conn)
        report = verify_audit(conn)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in pairwise(entries))
    assert entries[2].payload == {"i": 2, "文字": "中文"}
    assert report.ok
    assert report.entries == 5


def test_audit_log_refuses_update_and_delete(db: Database) -> None:
    """Triggers make the table append-only."""
    _fill(db, 2)
    with pytest.raises(StoreError), db.transaction() as conn:
        conn.execute(audit_log.update().where(audit_log.c.seq == 1).values(actor="乙"))
    with pytest.raises(StoreError), db.transaction() as conn:
        conn.execute(audit_log.delete().where(audit_log.c.seq == 2))
    with db.read() as conn:
        assert [e.actor for e in read_audit(conn)] == ["甲", "甲"]


def test_tampered_payload_is_detected(db: Database) -> None:
    """Changing a past entry's payload breaks its hash."""
    _fill(db)
    _disable_append_only(db)
    with db.transaction() as conn:
        conn.execute(
            audit_log.update().where(audit_log.c.seq == 3).values(payload='{"i":99,"文字":"中文"}')
        )
    with db.read() as conn:
        report = verify_audit(conn)
    assert not report.ok
    assert report.first_bad_seq == 3
    assert "篡改" in report.message


def test_rehashed_entry_still_breaks_the_chain(db: Database) -> None:
    """Recomputing the changed entry's own hash does not help: the next entry points at the old one."""
    _fill(db)
    _disable_append_only(db)
    with db.transaction() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.seq == 2)).one()
        from workbench.store.audit import entry_hash

        forged = entry_hash(
            row.prev_hash,
            seq=2,
            at=row.at,
            actor="乙",
            action=row.action,
            project=row.project,
            payload={"i": 1, "文字": "中文"},
        )
        conn.execute(audit_log.update().where(audit_log.c.seq == 2).values(actor="乙", hash=forged))
    with db.read() as conn:
        report = verify_audit(conn)
    assert (report.ok, report.first_bad_seq) == (False, 3)


def test_deleted_entry_is_detected(db: Database) -> None:
    """A gap in the sequence shows."""
    _fill(db)
    _disable_append_only(db)
    with db.transaction() as conn:
        conn.execute(audit_log.delete().where(audit_log.c.seq == 2))
    with db.read() as conn:
        report = verify_audit(conn)
    assert (report.ok, report.first_bad_seq) == (False, 2)


def test_timestamps_come_back_exactly_and_in_utc(db: Database) -> None:
    """A non-UTC aware time is stored in UTC with microseconds and read back equal."""
    when = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
    with db.transaction() as conn:
        append_audit(conn, actor="甲", action="t", payload={}, at=when)
    with db.read() as conn:
        entry = read_audit(conn)[0]
        report = verify_audit(conn)
    assert entry.at == when
    assert entry.at.utcoffset() == timedelta(0)
    assert report.ok


def test_a_failed_transaction_leaves_nothing(db: Database) -> None:
    """An error inside a transaction rolls back its audit entry too."""

    class BoomError(Exception):
        pass

    def write_then_fail() -> None:
        with db.transaction() as conn:
            append_audit(conn, actor="甲", action="t", payload={})
            raise BoomError

    with pytest.raises(BoomError):
        write_then_fail()
    with db.read() as conn:
        assert read_audit(conn) == []


def test_bad_database_urls_are_refused_in_chinese(tmp_path: Path) -> None:
    """Unknown schemes and unreachable servers give a StoreError."""
    with pytest.raises(StoreError, match="不支持的数据库"):
        Database("mysql://x@localhost/db")
    with pytest.raises(StoreError, match="无法识别"):
        Database("not a url")
    unreachable = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(StoreError, match="无法连接数据库"):
        migrate(unreachable)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    """The pragmas the design asks for are on every connection."""
    db = Database(sqlite_url(tmp_path / "x.sqlite3"))
    migrate(db)
    with db.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    db.dispose()


def test_inbox_keeps_bytes_under_sha256_once(tmp_path: Path) -> None:
    """keep_file copies byte for byte, names by sha256 + suffix, and keeps one copy."""
    data = "第一条　内容。\r\n".encode("gb18030") + b"\x00\xff"
    src = tmp_path / "草案.TXT"
    src.write_bytes(data)
    inbox = tmp_path / "inbox"
    first = keep_file(src, inbox)
    sha, kept = first.sha256, first.path
    assert sha == hashlib.sha256(data).hexdigest()
    assert first.size == len(data)
    assert first.new
    assert kept == inbox / f"{sha}.txt"
    assert kept.read_bytes() == data
    again = keep_file(src, inbox, with_data=True)
    assert (again.path, again.new, again.data) == (kept, False, data)
    assert sorted(p.name for p in inbox.iterdir()) == [kept_name(sha, "草案.TXT")]


def test_inbox_refuses_a_missing_file(tmp_path: Path) -> None:
    """A missing file is a StoreError naming it."""
    with pytest.raises(StoreError, match="无法读取文件") as info:
        keep_file(tmp_path / "nope.docx", tmp_path / "inbox")
    assert info.value.file is not None
    assert info.value.file.endswith("nope.docx")


def test_malformed_timestamp_is_reported_not_raised(db: Database) -> None:
    """A timestamp edited into garbage is tampering, reported at its entry."""
    _fill(db, 3)
    _disable_append_only(db)
    with db.transaction() as conn:
        conn.execute(text("UPDATE audit_log SET at = 'yesterday' WHERE seq = 2"))
    with db.read() as conn:
        report = verify_audit(conn)
    assert (report.ok, report.first_bad_seq) == (False, 2)


def test_a_later_migration_step_runs_once_and_is_recorded(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Appending a step to MIGRATIONS upgrades an existing database exactly once."""
    from workbench.store import migrations

    calls: list[str] = []

    def add_column(conn: Connection, dialect: str) -> None:
        calls.append(dialect)
        conn.execute(text("ALTER TABLE projects ADD COLUMN note TEXT"))

    step = migrations.Migration(MIGRATIONS[-1].version + 1, "项目增加备注", add_column)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, step))
    assert migrations.migrate(db) == step.version
    assert migrations.migrate(db) == step.version
    assert calls == [db.dialect]
    with db.read() as conn:
        assert current_version(conn) == step.version
        conn.execute(text("SELECT note FROM projects"))


def test_needs_migration_only_when_a_step_or_table_is_missing(db: Database) -> None:
    """A current database needs nothing; a dropped table is noticed and recreated."""
    from workbench.store.migrations import needs_migration

    with db.read() as conn:
        assert not needs_migration(conn)
    with db.transaction() as conn:
        conn.execute(text("DROP TABLE inbox_files"))
    with db.read() as conn:
        assert needs_migration(conn)
    migrate(db)
    with db.read() as conn:
        assert not needs_migration(conn)


def test_sweep_removes_only_stale_partial_copies(tmp_path: Path) -> None:
    """A half-written copy from a killed process goes after an hour; a fresh one stays."""
    import os

    from workbench.store.inbox import sweep_partial

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stale = inbox / ".receiving-old"
    fresh = inbox / ".receiving-new"
    kept = inbox / ("a" * 64 + ".docx")
    for path in (stale, fresh, kept):
        path.write_bytes(b"x")
    os.utime(stale, (0, 0))
    os.utime(kept, (0, 0))
    assert sweep_partial(inbox) == [stale]
    assert sorted(p.name for p in inbox.iterdir()) == sorted([fresh.name, kept.name])


def test_payload_summary_reads_as_chinese_and_leaves_identifiers_out() -> None:
    from workbench.store.audit import payload_summary

    line = payload_summary(
        {"name": "初审前-ST01.csv", "rows": 5, "sha256": "ab" * 32, "first": True, "errors": []}
    )
    assert line == "文件=初审前-ST01.csv 意见数=5 首次接收=是"
    assert len(payload_summary({"reason": "很长" * 100}, width=20)) == 20
