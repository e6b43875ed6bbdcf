"""The inbox as the workspace uses it: receive a file (kept, recorded, audited), find a copy."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import ParseError, StoreError
from workbench.model.project import InboxFile
from workbench.store import Database, append_audit
from workbench.store.inbox import (
    STRAY_AFTER_S,
    keep_file,
    kept_name,
    record_inbox_file,
    unrecorded_copies,
)

__all__ = [
    "COMMENT_SUFFIXES",
    "as_user_file",
    "find_inbox_path",
    "forget_dropped",
    "receive_file",
    "record_interrupted",
    "waiting_files",
]

COMMENT_SUFFIXES = frozenset({".xlsx", ".csv", ".json"})
"""What a comment file dropped into ``inbox/`` by hand may be."""

_KEPT = re.compile(r"[0-9a-f]{64}(\.[0-9a-z]{1,16})?")
"""The name of a received file's kept copy (its sha256 and suffix)."""


def receive_file(db: Database, inbox_dir: Path, source: Path, actor: str) -> tuple[str, Path]:
    """Keep ``source`` in ``inbox_dir``, record it and audit it; return its sha256 and copy."""
    kept = keep_file(source, inbox_dir)
    with db.transaction() as conn:
        _, new = record_inbox_file(conn, kept.sha256, source.name, kept.size, actor)
        append_audit(
            conn,
            actor=actor,
            action="receive_file",
            payload={"sha256": kept.sha256, "name": source.name, "size": kept.size, "first": new},
        )
    return kept.sha256, kept.path


def record_interrupted(
    db: Database, inbox_dir: Path, actor: str, *, older_than_s: float = STRAY_AFTER_S
) -> list[InboxFile]:
    """Record the copies a receipt that died (killed, crashed) left in the inbox unrecorded.

    Each gets its inbox record, as every received file does, and an audit entry
    ``interrupted_receipt``; nothing was read from it (its sender sends it again to have it
    read). Copies younger than ``older_than_s`` may belong to a receipt still under way and are
    left for a later run.
    """
    with db.read() as conn:
        if not unrecorded_copies(conn, inbox_dir, older_than_s):
            return []
    found: list[InboxFile] = []
    with db.transaction() as conn:
        for path in unrecorded_copies(conn, inbox_dir, older_than_s):  # again, as the writer
            sha256 = path.name.partition(".")[0]
            size = path.stat().st_size
            info, _ = record_inbox_file(conn, sha256, path.name, size, actor)
            append_audit(
                conn,
                actor=actor,
                action="interrupted_receipt",
                payload={"sha256": sha256, "name": path.name, "size": size},
            )
            found.append(info)
    return found


def waiting_files(inbox_dir: Path) -> list[Path]:
    """Comment files a person put into ``inbox/`` by hand, not received yet.

    Staff copy station files there from mail or a USB stick: every XLSX, CSV or JSON file in
    the folder whose name is not a kept copy's (a sha256) is waiting.
    """
    if not inbox_dir.is_dir():
        return []
    return sorted(
        p
        for p in inbox_dir.iterdir()
        if p.is_file()
        and not p.name.startswith((".", "~$"))
        and p.suffix.lower() in COMMENT_SUFFIXES
        and _KEPT.fullmatch(p.name) is None
    )


def forget_dropped(inbox_dir: Path, dropped: Path, sha256: str) -> bool:
    """Remove a hand-dropped file once its kept copy (the same bytes) is in the inbox.

    Returns:
        Whether it was removed (False when the kept copy is missing or differs in size).
    """
    kept = inbox_dir / kept_name(sha256, dropped.name)
    if dropped.parent != inbox_dir or not kept.is_file():
        return False
    if kept.stat().st_size != dropped.stat().st_size:
        return False
    dropped.unlink()
    return True


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
