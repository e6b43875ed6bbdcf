"""Files received into a workspace: kept byte for byte under their sha256, then recorded.

`keep_file` is the one function that writes into ``inbox/``: the copy is written before
anything parses the file (atomically: a temporary file renamed into place) and flushed to
disk, at once or, for a group of files, later with `sync`. `record_inbox_file` adds the
database row in the caller's transaction.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, select

from workbench.errors import StoreError
from workbench.model.project import InboxFile
from workbench.store.schema import inbox_files

__all__ = [
    "MAX_INBOX_BYTES",
    "KeptFile",
    "file_kind",
    "fsync_dir",
    "keep_file",
    "kept_name",
    "list_inbox",
    "record_inbox_file",
    "sweep_partial",
    "sync",
    "unrecorded_copies",
]

MAX_INBOX_BYTES = 200 * 1024 * 1024
"""The largest file the inbox accepts (200 MiB)."""

_CHUNK = 1 << 20
_PARTIAL = ".receiving-"

STRAY_AFTER_S = 3600.0
"""How old a kept copy without a record must be to count as left by a receipt that died.

Younger ones may belong to a receipt under way in another process (a file is kept, then read,
and recorded only when its group commits).
"""


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


@dataclass(frozen=True, slots=True)
class KeptFile:
    """A received file as kept in the inbox."""

    sha256: str
    """Its sha256 (its name in ``inbox/``)."""
    size: int
    """Its size in bytes."""
    path: Path
    """The copy in ``inbox/``."""
    new: bool
    """True when this receipt wrote the copy (False: the same bytes were kept before)."""
    data: bytes | None = None
    """The bytes, when asked for."""


def keep_file(
    source: Path, inbox: Path, *, flush: bool = True, with_data: bool = False
) -> KeptFile:
    """Copy ``source`` into ``inbox/<sha256>.<suffix>`` unless that copy exists.

    Args:
        source: The file received.
        inbox: The inbox folder.
        flush: Flush the copy and the folder to disk before returning; otherwise the caller
            flushes a group of copies with `sync` before recording them.
        with_data: Also return the bytes (a reader parses them next).

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
        raise StoreError(
            f"文件过大（{size} 字节，上限 {MAX_INBOX_BYTES // (1024 * 1024)} MiB）",
            file=str(source),
        )
    try:
        inbox.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=_PARTIAL, dir=inbox)
    except OSError as exc:
        raise StoreError(f"无法保存到收件箱 {inbox}：{exc.strerror}", file=str(source)) from exc
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    parts: list[bytes] = []
    try:
        with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
            written = 0
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                if written > MAX_INBOX_BYTES:
                    raise StoreError("文件在读取时变大，超过上限", file=str(source))
                digest.update(chunk)
                dst.write(chunk)
                if with_data:
                    parts.append(chunk)
            if flush:
                dst.flush()
                os.fsync(dst.fileno())
        sha = digest.hexdigest()
        target = inbox / kept_name(sha, source.name)
        new = not target.exists()
        if new:
            tmp.chmod(0o444)
            os.replace(tmp, target)
            if flush:
                fsync_dir(inbox)
        else:
            tmp.unlink()
        data = b"".join(parts) if with_data else None
        return KeptFile(sha, written, target, new, data)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法保存到收件箱 {inbox}：{exc.strerror}", file=str(source)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sync(paths: Sequence[Path], inbox: Path) -> None:
    """Flush copies kept with ``flush=False``, and the inbox folder, to disk.

    Many files are flushed with one ``syncfs`` of the inbox's file system where there is one
    (Linux): a journal commit for all of them instead of one per file.
    """
    if len(paths) >= _SYNCFS_FROM and _syncfs(inbox):
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    if paths:
        fsync_dir(inbox)


_SYNCFS_FROM = 8
"""Files flushed by one ``syncfs`` rather than one ``fsync`` each."""


def _syncfs(folder: Path) -> bool:
    """Flush the file system holding ``folder`` (False when that cannot be done here)."""
    call = _libc_syncfs()
    if call is None:
        return False
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        return bool(call(fd) == 0)
    finally:
        os.close(fd)


@functools.cache
def _libc_syncfs() -> Any:
    """The C library's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


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


def unrecorded_copies(
    conn: Connection, inbox: Path, older_than_s: float = STRAY_AFTER_S
) -> list[Path]:
    """Complete copies in ``inbox`` that no record names, older than ``older_than_s``.

    A receipt killed or crashed between keeping a file and committing its record leaves one.
    """
    if not inbox.is_dir():
        return []
    now = time.time()
    copies: dict[str, Path] = {}
    with os.scandir(inbox) as entries:
        for entry in entries:
            sha = entry.name.partition(".")[0]
            if len(sha) != 64 or not _is_hex(sha) or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > older_than_s:
                    copies[sha] = Path(entry.path)
    if not copies:
        return []
    recorded = set(
        conn.execute(
            select(inbox_files.c.sha256).where(inbox_files.c.sha256.in_(list(copies)))
        ).scalars()
    )
    return [path for sha, path in sorted(copies.items()) if sha not in recorded]


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


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
