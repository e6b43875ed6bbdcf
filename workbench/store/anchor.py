"""The audit chain's anchor: the head's sequence number and hash, kept outside the database.

The hash chain (`workbench.store.audit`) shows an entry changed in place, but not a log cut
short or re-hashed from an edited entry onwards: the database alone cannot vouch for its own
end. The anchor is a small JSON file in the workspace folder (`ANCHOR_FILE`) holding the
newest entry's ``seq`` and ``hash``; `Database.transaction` advances it after every commit
that appended entries, so an edit made with a database tool (which does not know the file)
no longer matches it. The same point as a short code (`anchor_code`, ``152-3F7A-91C2-0B4D-E6A8``)
can be copied onto paper or into a signed export and checked later (`parse_code`), which
catches even someone who rewrites the database and the file together.

The file only moves forward: two processes committing close together may finish writing in
either order, so `AuditAnchor.advance` takes a lock on the folder, and keeps the higher
sequence number. A crash between a commit and the anchor write leaves the anchor a few
entries behind the log, which verification reports as such, never as tampering.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import StoreError

__all__ = [
    "ANCHOR_FILE",
    "AnchorPoint",
    "AuditAnchor",
    "anchor_code",
    "parse_code",
]

ANCHOR_FILE = "audit-anchor.json"
"""The anchor's name inside the workspace folder."""

CODE_HEX = 16
"""How many hex digits of the head's hash the short code carries (64 bits)."""

_HEX = re.compile(r"^[0-9a-f]{64}$")
_CODE = re.compile(r"^\s*(?:第\s*)?(\d+)\s*(?:条)?\s*[-:·：\s]\s*([0-9A-Fa-f\-\s]+)$")


def anchor_code(seq: int, digest: str) -> str:
    """The short code of the chain's state at entry ``seq``: ``152-3F7A-91C2-0B4D-E6A8``."""
    head = digest[:CODE_HEX].upper()
    return f"{seq}-" + "-".join(head[i : i + 4] for i in range(0, CODE_HEX, 4))


def parse_code(text: str) -> tuple[int, str]:
    """The sequence number and (lower-case) hash prefix a recorded code stands for.

    Accepts the code as printed (``152-3F7A-91C2-0B4D-E6A8``), in lower case, with spaces or
    a colon after the number, or written ``第152条 3F7A…``; at least 8 hex digits.

    Raises:
        StoreError: The text is not a code.
    """
    match = _CODE.match(text)
    digits = re.sub(r"[\s\-]", "", match.group(2)).lower() if match else ""
    if match is None or len(digits) < 8 or len(digits) > 64:
        raise StoreError(
            f"锚点码“{text}”格式不对：应为“序号-十六位十六进制”，例如 152-3F7A-91C2-0B4D-E6A8"
            "（workbench audit --code 可显示当前的锚点码）"
        )
    return int(match.group(1)), digits


@dataclass(frozen=True, slots=True)
class AnchorPoint:
    """The newest audit entry the anchor vouches for."""

    seq: int
    """Its sequence number."""
    hash: str
    """Its hash (64 hex digits)."""
    at: str = ""
    """When the anchor was written (ISO 8601, UTC), for people."""

    @property
    def code(self) -> str:
        """The short code (`anchor_code`)."""
        return anchor_code(self.seq, self.hash)


class AuditAnchor:
    """The anchor file of one workspace folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """The anchor file (`ANCHOR_FILE` in the workspace folder)."""

    def exists(self) -> bool:
        """Whether the file is there."""
        return self.path.is_file()

    def read(self) -> AnchorPoint | None:
        """The point the file holds; None when there is no file.

        Raises:
            StoreError: The file exists but is not an anchor (damaged or edited by hand).
        """
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"无法读取审计锚点：{exc.strerror}", file=str(self.path)) from exc
        try:
            data = json.loads(raw)
            point = AnchorPoint(int(data["seq"]), str(data["hash"]), str(data.get("at", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError("审计锚点文件已损坏或被改动", file=str(self.path)) from exc
        if point.seq < 1 or not _HEX.match(point.hash):
            raise StoreError("审计锚点文件已损坏或被改动", file=str(self.path))
        return point

    def advance(self, seq: int, digest: str) -> bool:
        """Move the anchor to entry ``seq`` unless it already points at or beyond it.

        Called after a commit; never raises (a failed write leaves the anchor behind the log,
        which verification reports). Returns whether the file was written.
        """
        try:
            with self._locked():
                try:
                    current = self.read()
                except StoreError:
                    current = None  # a damaged file is replaced; verification reported it
                if current is not None and current.seq >= seq:
                    return False
                self._write(seq, digest)
                return True
        except OSError:
            return False

    def reset(self, seq: int, digest: str) -> None:
        """Point the anchor at entry ``seq`` whatever it held (after a restore from backup).

        Raises:
            StoreError: The file cannot be written.
        """
        try:
            with self._locked():
                self._write(seq, digest)
        except OSError as exc:
            raise StoreError(f"无法写入审计锚点：{exc.strerror}", file=str(self.path)) from exc

    def _write(self, seq: int, digest: str) -> None:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        body = {"seq": seq, "hash": digest, "code": anchor_code(seq, digest), "at": at}
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        with partial.open("w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(self.path)
        _fsync_dir(self.path.parent)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive lock on the folder (POSIX), so read-compare-write is not interleaved."""
        try:
            import fcntl
        except ImportError:  # not POSIX: writes may interleave; the anchor can lag, no more
            yield
            return
        fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def _fsync_dir(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
