"""The inbox: received files kept byte for byte under ``inbox/<sha256>`` and recorded."""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.errors import ParseError, StoreError
from workbench.store import Database, append_audit
from workbench.store import inbox as inbox_rows
from workbench.store.inbox import MAX_INBOX_BYTES, fsync_dir, kept_name

__all__ = ["as_user_file", "find_inbox_path", "keep", "receive_file", "sync"]


def receive_file(db: Database, inbox_dir: Path, source: Path, actor: str) -> tuple[str, Path]:
    """Keep ``source`` in ``inbox_dir``, record it and audit it; return its sha256 and copy."""
    sha, size, kept = inbox_rows.keep_file(source, inbox_dir)
    with db.transaction() as conn:
        _, new = inbox_rows.record_inbox_file(conn, sha, source.name, size, actor)
        append_audit(
            conn,
            actor=actor,
            action="receive_file",
            payload={"sha256": sha, "name": source.name, "size": size, "first": new},
        )
    return sha, kept


def find_inbox_path(inbox_dir: Path, sha256: str) -> Path:
    """Where the received file ``sha256`` is kept (``inbox/<sha256>.<suffix>``).

    Raises:
        StoreError: No such file in the inbox.
    """
    for candidate in sorted(inbox_dir.glob(f"{sha256}*")):
        if candidate.name == sha256 or candidate.name.startswith(f"{sha256}."):
            return candidate
    raise StoreError(f"收件箱中没有文件 {sha256}")


def as_user_file(exc: ParseError, kept: Path, source: Path) -> ParseError:
    """``exc`` about the inbox copy ``kept`` retold about the file the user gave, ``source``."""

    def retell(text: str) -> str:
        return text.replace(str(kept), str(source)).replace(kept.name, source.name)

    return ParseError(
        retell(exc.message),
        file=retell(exc.file) if exc.file is not None else str(source),
        line=exc.line,
        uid=exc.uid,
    )


def keep(source: Path, inbox: Path) -> tuple[str, int, Path, bool, bytes]:
    """Copy ``source`` into ``inbox/<sha256>.<suffix>`` (flushed to disk later, by `sync`).

    Flushing is left to the writer, once per commit group: a reader process waiting on the
    disk after every file measured a third slower.

    Returns:
        sha256, size, the kept copy, whether it was new, and the bytes.

    Raises:
        StoreError: Unreadable, too large, or the inbox cannot be written.
    """
    try:
        if source.stat().st_size > MAX_INBOX_BYTES:
            raise StoreError(
                f"文件过大（上限 {MAX_INBOX_BYTES // (1024 * 1024)} MiB）", file=str(source)
            )
        data = source.read_bytes()
    except OSError as exc:
        raise StoreError(f"无法读取文件：{exc.strerror}", file=str(source)) from exc
    sha = hashlib.sha256(data).hexdigest()
    target = inbox / kept_name(sha, source.name)
    if target.exists():
        return sha, len(data), target, False, data
    try:
        inbox.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".receiving-", dir=inbox)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp_name, 0o444)
        os.replace(tmp_name, target)
    except OSError as exc:
        raise StoreError(f"无法保存到收件箱 {inbox}：{exc.strerror}", file=str(source)) from exc
    return sha, len(data), target, True, data


def sync(paths: Sequence[Path], inbox: Path) -> None:
    """Flush newly kept files and the inbox folder to disk before their records commit.

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
