"""Size limits for untrusted comment files (what a station may send)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.model.comments import MAX_CELL_CHARS

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a comment file and its parts may be before it is refused unread."""

    max_file_bytes: int = 64 * 1024 * 1024
    """The largest file accepted at all (64 MiB)."""
    max_rows: int = 200_000
    """The most data rows in one file."""
    max_cell_chars: int = MAX_CELL_CHARS
    """The most characters in one cell."""
    max_unzipped_bytes: int = 256 * 1024 * 1024
    """XLSX: the most bytes all zip members may expand to."""
    max_zip_ratio: float = 200.0
    """XLSX: the highest compression ratio of a member larger than 1 MiB (zip bombs exceed it)."""
    max_zip_members: int = 2_000
    """XLSX: the most members in the zip container."""


DEFAULT_LIMITS = Limits()
