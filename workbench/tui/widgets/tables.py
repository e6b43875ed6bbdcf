"""Filling a `DataTable` with columns as wide as their widest cell, given explicitly.

Textual measures automatic column widths when the table next idles, and rows added again just
after a ``clear()`` were sometimes missed, leaving a column cut to its header's width. Tables
that are refilled therefore state every width.

A `DataTable` reads a plain string cell or label as Rich markup: a project title or a finding
quoting a law text from outside could then style itself, add a clickable action
(``[@click=…]``) or, with an unbalanced tag (``[/b]``), crash the screen. `refill` shows every
string as the text it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

__all__ = ["refill"]


def refill(
    table: DataTable[Text | str],
    columns: Sequence[tuple[str, str]],
    rows: Sequence[tuple[str, Sequence[Text | str]]],
) -> None:
    """Replace the columns ((label, key) pairs) and rows ((key, a cell per column)) of ``table``."""
    table.clear(columns=True)
    for i, (label, key) in enumerate(columns):
        widths = (_width(cells[i]) for _, cells in rows)
        table.add_column(Text(label), width=max([cell_len(label), *widths]), key=key)
    for key, cells in rows:
        table.add_row(*(_literal(cell) for cell in cells), key=key)


def _literal(cell: Text | str) -> Text:
    """``cell`` as text, never as markup."""
    return Text(cell, end="") if isinstance(cell, str) else cell


def _width(cell: Text | str) -> int:
    return cell_len(cell if isinstance(cell, str) else cell.plain)
