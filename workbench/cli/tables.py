"""Text tables for the terminal: columns aligned by display width, so CJK text lines up."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "format_table"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces, padded by display width (CJK aware).

    A line break inside a cell is shown as a space: one row stays one line, so no cell can
    make the table show a row that is not there.
    """
    body = [[_one_line(cell) for cell in row] for row in body]
    widths = [display_width(h) for h in header]
    for row in body:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = []
    for row in (header, *body):
        cells = [c + " " * (widths[i] - display_width(c)) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\x0b": " ", "\x0c": " ", "\x85": " ",
                              "\u2028": " ", "\u2029": " "})  # fmt: skip


def _one_line(cell: str) -> str:
    return cell.translate(_LINE_BREAKS) if not cell.isprintable() else cell
