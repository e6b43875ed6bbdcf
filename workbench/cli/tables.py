"""Text tables for the terminal: columns aligned by display width, so CJK text lines up."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "format_table"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces, padded by display width (CJK aware)."""
    widths = [display_width(h) for h in header]
    for row in body:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = []
    for row in (header, *body):
        cells = [c + " " * (widths[i] - display_width(c)) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
