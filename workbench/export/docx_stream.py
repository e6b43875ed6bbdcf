"""A Word table written row by row, for reports too long to build with python-docx.

python-docx keeps every row as XML objects in memory. Here python-docx lays out the document
once with the table's header and one model row (each cell holding a marker), then the rows are
written as text, the model row's XML repeated with each row's values (escaped, through
`workbench.controls.document_text`), into a spooled file; the document part is assembled from
the head, the rows and the tail. A sentence that depends on all the rows (the summary above
the table) is filled in last. Must not import store or workspace.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from xml.sax.saxutils import escape

from workbench.controls import document_text

__all__ = ["CELL_MARK", "SUMMARY_MARK", "stream_table"]

CELL_MARK = "\u2063{}\u2063"
"""What the model row's cell ``i`` holds (an invisible separator around its number)."""
SUMMARY_MARK = "\u2063S\u2063"
"""What a paragraph holds that `stream_table` fills in after the rows (``summary``)."""

_DOCUMENT = "word/document.xml"
_SPOOL_BYTES = 32 * 1024 * 1024


def stream_table(
    skeleton: bytes,
    rows: Iterable[Sequence[str]],
    *,
    summary: Callable[[], str] | None = None,
) -> bytes:
    """The document ``skeleton`` with its model row replaced by ``rows``.

    Args:
        skeleton: A saved document whose last table ends with a model row, cell ``i`` holding
            only ``CELL_MARK.format(i)`` (and, when ``summary`` is given, a paragraph holding
            only ``SUMMARY_MARK``).
        rows: The rows' cell texts (a line break starts a new paragraph in the cell).
        summary: Called once every row is written; its text replaces ``SUMMARY_MARK``.

    Returns:
        The document.
    """
    with zipfile.ZipFile(io.BytesIO(skeleton)) as source:
        xml = source.read(_DOCUMENT).decode("utf-8")
        start, end = _model_row(xml)
        head, tail = xml[:start], xml[end:]
        opening, cells = _cells(xml[start:end])
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
            buffer: list[str] = []
            for values in rows:
                buffer.append(opening)
                for (before, paragraph, after), value in zip(cells, values, strict=True):
                    buffer.append(before)
                    for line in document_text(value).split("\n"):
                        buffer.append(paragraph.replace("\x00", escape(line)))
                    buffer.append(after)
                buffer.append("</w:tr>")
                if len(buffer) >= 4096:
                    spool.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            spool.write("".join(buffer).encode("utf-8"))
            if summary is not None:
                head = head.replace(SUMMARY_MARK, escape(document_text(summary())))
            spool.seek(0)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    if info.filename != _DOCUMENT:
                        target.writestr(info, source.read(info.filename))
                with target.open(_DOCUMENT, "w", force_zip64=True) as part:
                    part.write(head.encode("utf-8"))
                    shutil.copyfileobj(spool, part)
                    part.write(tail.encode("utf-8"))
    return out.getvalue()


def _model_row(xml: str) -> tuple[int, int]:
    """Where the model row (the row holding cell mark 0) starts and ends."""
    at = xml.rindex(CELL_MARK.format(0))
    start = max(xml.rfind("<w:tr ", 0, at), xml.rfind("<w:tr>", 0, at))
    return start, xml.index("</w:tr>", at) + len("</w:tr>")


def _fill(mark: str, match: re.Match[str]) -> str:
    """A ``<w:t>`` holding ``mark`` as the template's place for a line's text."""
    return '<w:t xml:space="preserve">\x00</w:t>' if mark in match.group(1) else match.group(0)


_TC = re.compile(r"<w:tc>.*?</w:tc>|<w:tc .*?</w:tc>", re.S)
_P = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_T = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def _cells(row: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The row's opening (``<w:tr>`` and its properties) and each cell's parts.

    A cell is (before, paragraph template, after); the template's text is a NUL, where each
    line's escaped text goes.
    """
    first = _TC.search(row)
    assert first is not None
    opening = row[: first.start()]
    cells: list[tuple[str, str, str]] = []
    for i, tc in enumerate(_TC.findall(row)):
        mark = CELL_MARK.format(i)
        paragraph = next(p for p in _P.findall(tc) if mark in p)
        before, after = tc.split(paragraph, 1)
        template = _T.sub(partial(_fill, mark), paragraph)
        cells.append((before, template, after))
    return opening, cells
