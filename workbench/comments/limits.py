"""Size limits for untrusted comment files (what a station may send), and the memory a file may cost.

Every limit is checked while the file is read, before what it guards is allocated: a 2 KB
XLSX claiming row 999,999,999 or column ZZZZZZZZ, a sharedStrings part that expands to
hundreds of megabytes, a CSV of nothing but commas. A file over a limit is refused whole with a
message naming the limit (`LimitExceeded`), never half read.

`Budget` keeps the running estimate of the memory a file's cells take once read (each kept
string, each cell reference, each row); `Limits.max_memory_bytes` caps it per file. Ingest
reads at most `readers_within_budget` files at once, so the readers together stay within
`INGEST_MEMORY_BYTES`.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
from dataclasses import dataclass

from workbench.model.comments import MAX_CELL_CHARS

__all__ = [
    "CELL_COST",
    "DEFAULT_LIMITS",
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "INGEST_MEMORY_BYTES",
    "MIB",
    "ROW_COST",
    "Budget",
    "FileRefused",
    "LimitExceeded",
    "Limits",
    "MemoryMeter",
    "cell_cost",
    "readers_within_budget",
    "release_memory",
]

MIB = 1024 * 1024

EXCEL_MAX_ROWS = 1_048_576
"""The most rows an Excel worksheet has; a row number beyond it is no worksheet's."""
EXCEL_MAX_COLUMNS = 16_384
"""The most columns an Excel worksheet has (A … XFD)."""

INGEST_MEMORY_BYTES = 1536 * MIB
"""What all the files one ingest reads at once may cost together (see `readers_within_budget`)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a comment file and its parts may be before it is refused unread."""

    max_file_bytes: int = 64 * MIB
    """The largest file accepted at all (64 MiB)."""
    max_rows: int = 200_000
    """The most data rows in one file."""
    max_columns: int = 256
    """The widest row read (the template has 11 columns; Excel allows 16,384)."""
    max_cell_chars: int = MAX_CELL_CHARS
    """The most characters in one cell."""
    max_unzipped_bytes: int = 256 * MIB
    """XLSX: the most bytes all zip members may expand to."""
    max_part_bytes: int = 64 * MIB
    """XLSX: the most bytes one XML part (a worksheet, the shared strings) may expand to."""
    max_zip_ratio: float = 200.0
    """XLSX: the highest compression ratio of a member larger than 1 MiB (zip bombs exceed it)."""
    max_zip_members: int = 2_000
    """XLSX: the most members in the zip container."""
    max_memory_bytes: int = 320 * MIB
    """The memory a file's cells may take once read, as `Budget` estimates it (a file of
    200,000 ordinary rows takes about 300 MiB)."""


DEFAULT_LIMITS = Limits()


def readers_within_budget(requested: int, limits: Limits = DEFAULT_LIMITS) -> int:
    """How many files may be read at once so that together they stay in `INGEST_MEMORY_BYTES`.

    The writer holds one file's rows while the readers read the next ones, so it counts as one.
    """
    return max(0, min(requested, INGEST_MEMORY_BYTES // limits.max_memory_bytes - 1))


class FileRefused(Exception):  # noqa: N818 - a refusal, named for what happened
    """A file refused while being read; ``message`` says why and what to do (Chinese)."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        """What is wrong and what to do, in Chinese."""
        self.row = row
        """The row where it happened, when known."""
        self.column = column
        """The column (or cell reference), when known."""


class LimitExceeded(FileRefused):
    """A file went over a limit while being read; ``message`` names the limit."""


CELL_COST = 80
"""Estimated bytes of one kept cell besides its characters: string object and reference."""
ROW_COST = 64
"""Estimated bytes of one row's tuple or list, before its cells."""


def cell_cost(text: str) -> int:
    """Estimated bytes one kept cell takes: `CELL_COST` and two bytes a character."""
    return CELL_COST + 2 * len(text)


class Budget:
    """The running estimate of what a file costs in memory, against `Limits.max_memory_bytes`."""

    __slots__ = ("limit", "used")

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_memory_bytes
        """The cap, in bytes."""
        self.used = 0
        """The estimate so far, in bytes."""

    def check(self, nbytes: int, *, row: int | None = None) -> None:
        """Whether ``nbytes`` more would still fit (an estimate made before reading).

        Raises:
            LimitExceeded: They would not.
        """
        total = self.used + nbytes
        if total > self.limit:
            raise LimitExceeded(
                f"文件读入后约需 {total // MIB} MiB 以上内存，超过每个文件 "
                f"{self.limit // MIB} MiB 的上限（多为单元格过多、共享文字被大量重复引用）："
                "请拆分为多个文件后提交",
                row=row,
            )

    def charge(self, nbytes: int, *, row: int | None = None) -> None:
        """Add ``nbytes`` to the estimate.

        Raises:
            LimitExceeded: The estimate went over the cap.
        """
        self.check(nbytes, row=row)
        self.used += nbytes


class MemoryMeter:
    """What reading a file has actually added to this process's resident memory.

    The `Budget` estimates what is kept; the meter catches what a parser builds on the way (an
    XML tree swollen with elements nobody asked for). Linux reads ``/proc/self/statm``; where
    there is no such file the meter does nothing.
    """

    __slots__ = ("limit", "start")

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_memory_bytes
        """How much the resident size may grow, in bytes."""
        self.start = _resident()
        """The resident size when reading began (None: not measurable here)."""

    def check(self, what: str) -> None:
        """Raise when the resident size grew more than the limit since reading began.

        Raises:
            LimitExceeded: Naming ``what`` was being read and the limit.
        """
        if self.start is None:
            return
        now = _resident()
        if now is not None and now - self.start > self.limit:
            raise LimitExceeded(
                f"读取{what}时占用的内存超过每个文件 {self.limit // MIB} MiB 的上限"
                "（文件结构异常，含大量无用内容）：请用 Excel 重新保存或拆分后提交"
            )


def _resident() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # not POSIX
        return 4096


_PAGE = _page_size()


def release_memory() -> None:
    """Free what a refused file left behind and give it back to the system.

    A refusal raised inside lxml's parse leaves the parser, its tree and the traceback in a
    reference cycle, and reader processes run without the cycle collector; the C allocator
    then keeps the freed pages, so the next file's `MemoryMeter` would start from them.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)  # glibc only; elsewhere the memory stays reusable
