"""Files received into a workspace: kept byte for byte under their sha256, then recorded.

`keep_file` writes the copy (atomically: a temporary file, fsync, rename) before anything parses
the file; `record_inbox_file` adds the database row in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, select

from workbench.errors import StoreError
from workbench.model.project import InboxFile
from workbench.store.schema import inbox_files

__all__ = [
    "MAX_INBOX_BYTES",
    "file_kind",
    "fsync_dir",
    "keep_file",
    "kept_name",
    "list_inbox",
    "record_inbox_file",
    "sweep_partial",
]

MAX_INBOX_BYTES = 200 * 1024 * 1024
"""The largest file the inbox accepts (200 MiB)."""

_CHUNK = 1 << 20
_PARTIAL = ".receiving-"


def file_kind(name: str) -> str:
    """The kind of a file from its name: its lower-case suffix without the dot, or ``bin``."""
    suffix = Path(name).suffix.lower().lstrip(".")
    return suffix if suffix.isalnum() and len(suffix) <= 16 else "bin"


def kept_name(sha256: str, original_name: str) -> str:
    """The name a received file is kept under: its sha256 plus the original suffix, if any.

    The suffix stays so the file opens (and parses) as what it is.
    """
    kind = file_kind(original_name)
    return sha256 if kind == "bin" else f"{sha256}.{kind}"


def keep_file(source: Path, inbox: Path) -> tuple[str, int, Path]:
    """Copy ``source`` into ``inbox/<sha256>.<suffix>`` unless that copy exists.

    Returns:
        The sha256, the size and the kept copy's path.

    Raises:
        StoreError: The file cannot be read, is too large, or the inbox cannot be written.
    """
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise StoreError(f"无法读取文件：{exc.strerror}", file=str(source)) from exc
    if not source.is_file():
        raise StoreError("不是普通文件", file=str(source))
    if size > MAX_INBOX_BYTES:
        raise StoreError(f"文件过大（{size} 字节，上限 {MAX_INBOX_BYTES} 字节）", file=str(source))
    inbox.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=_PARTIAL, dir=inbox)
    tmp = Path(tmp_name)
    try:
        with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
            written = 0
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                if written > MAX_INBOX_BYTES:
                    raise StoreError("文件在读取时变大，超过上限", file=str(source))
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        sha = digest.hexdigest()
        target = inbox / kept_name(sha, source.name)
        if target.exists():
            tmp.unlink()
        else:
            tmp.chmod(0o444)
            os.replace(tmp, target)
            fsync_dir(inbox)
        return sha, written, target
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法保存到收件箱 {inbox}：{exc.strerror}", file=str(source)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_partial(inbox: Path, older_than_s: float = 3600.0) -> list[Path]:
    """Remove copies a killed process left half-written (``.receiving-*``) older than an hour.

    Younger ones may belong to a receipt still under way in another process and are kept.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    now = time.time()
    for leftover in inbox.glob(f"{_PARTIAL}*"):
        try:
            if now - leftover.stat().st_mtime > older_than_s:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk (nothing when the system cannot)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def record_inbox_file(
    conn: Connection, sha256: str, original_name: str, size: int, actor: str
) -> tuple[InboxFile, bool]:
    """Record a kept file (first receipt wins); return it and whether it is new."""
    row = conn.execute(select(inbox_files).where(inbox_files.c.sha256 == sha256)).first()
    if row is not None:
        return _inbox(row), False
    now = datetime.now(UTC)
    kind = file_kind(original_name)
    conn.execute(
        inbox_files.insert().values(
            sha256=sha256,
            original_name=original_name,
            size=size,
            kind=kind,
            received_at=now,
            received_by=actor,
        )
    )
    return (
        InboxFile(
            sha256=sha256,
            original_name=original_name,
            size=size,
            kind=kind,
            received_at=now,
            received_by=actor,
        ),
        True,
    )


def list_inbox(conn: Connection) -> list[InboxFile]:
    """Every recorded file, oldest first."""
    return [
        _inbox(r) for r in conn.execute(select(inbox_files).order_by(inbox_files.c.received_at))
    ]


def _inbox(row: Row[Any]) -> InboxFile:
    return InboxFile(
        sha256=row.sha256,
        original_name=row.original_name,
        size=row.size,
        kind=row.kind,
        received_at=row.received_at,
        received_by=row.received_by,
    )
