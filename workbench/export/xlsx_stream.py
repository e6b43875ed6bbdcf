"""A workbook written row by row into its zip, for tables too long to hold in memory.

openpyxl builds an object per cell, even in write-only mode: a hundred thousand comments took
minutes. `StreamingWorkbook` writes each worksheet's XML straight into the zip entry as rows
come, with a fixed set of cell styles (the workbench's: 宋体 wrapped and bordered, bold, the
shaded header, the title), inline strings, column widths, row heights, a merged title row,
frozen header panes, printing landscape on A4 with the header repeated. Text goes through
`workbench.controls.document_text`; a value a spreadsheet could take for a formula is stored
as text with Excel's quote prefix (`workbench.export.sheets.is_formula_like`). Must not import
store or workspace.
"""

from __future__ import annotations

import functools
import math
import zipfile
from collections.abc import Sequence
from typing import IO, Any, Literal
from xml.sax.saxutils import escape

from workbench.controls import document_text
from workbench.export.sheets import is_formula_like

__all__ = ["MAX_SHEET_ROWS", "SheetWriter", "StreamingWorkbook", "Style", "column_letter"]

MAX_SHEET_ROWS = 1_048_576
"""The most rows a worksheet holds (Excel's limit)."""

Style = Literal["body", "bold", "header", "title"]

_STYLE_ID = {"body": 1, "bold": 2, "header": 3, "title": 4}
_QUOTED = {"body": 5, "bold": 6, "header": 3, "title": 4}
"""Style ids with Excel's quote prefix (body and bold cells may hold formula-like text)."""

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="4"><font><sz val="11"/><name val="宋体"/></font><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="黑体"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1" quotePrefix="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1" quotePrefix="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def column_letter(n: int) -> str:
    """The letters of 1-based column ``n`` (1 → A, 27 → AA)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes in a Chinese font such as 宋体 (two for a wide character).

    A character GB 18030 encodes in more than one byte (Han, full-width forms, Chinese
    punctuation) takes two, ASCII one; counted by the codec in C (a row height needs no
    more precision; a four-byte character counts two, as the cap says).
    """
    if text.isascii():
        return len(text)
    return min(len(text.encode("gb18030", "replace")), 2 * len(text))


@functools.cache
def _letter(column: int) -> str:
    return column_letter(column)


def _lines(text: str, per_line: float) -> int:
    """How many lines ``text`` wraps to in a column with room for ``per_line`` on each."""
    if "\n" not in text:
        return max(1, math.ceil(_width(text) / per_line))
    return sum(max(1, math.ceil(_width(part) / per_line)) for part in text.split("\n"))


class SheetWriter:
    """One worksheet being written: call `row` for each row in order, then `close`."""

    def __init__(
        self,
        stream: IO[bytes],
        widths: Sequence[float],
        *,
        freeze_below: int | None,
        merge_title: bool,
    ) -> None:
        self._out = stream
        self.widths = list(widths)
        """Each column's width (in characters; a CJK character takes two)."""
        self.rows = 0
        """Rows written so far."""
        self._per_line = [max(w - 1, 1) for w in self.widths]
        """Each column's room for text on one line (a cell's wrapped lines fit its height)."""
        self._merge = merge_title
        self._buffer: list[str] = []
        head = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}>']
        head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        if freeze_below:
            head.append(
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="'
                f'{freeze_below}" topLeftCell="A{freeze_below + 1}" activePane="bottomLeft" '
                'state="frozen"/></sheetView></sheetViews>'
            )
        head.append("<cols>")
        head += [
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        ]
        head.append("</cols><sheetData>")
        self._out.write("".join(head).encode())

    def row(self, values: Sequence[Any], style: Style = "body", *, fit: bool = True) -> None:
        """Append a row; its height fits its wrapped text unless ``fit`` is False."""
        self.rows += 1
        if self.rows > MAX_SHEET_ROWS:
            raise ValueError(f"a worksheet holds at most {MAX_SHEET_ROWS} rows")
        r = self.rows
        plain, quoted = _STYLE_ID[style], _QUOTED[style]
        per_line = self._per_line if fit else []
        measured = len(per_line)
        cells: list[str] = []
        lines = 1
        for column, value in enumerate(values):
            ref = f"{_letter(column + 1)}{r}"
            if type(value) is not str:  # the common case (text) first
                if value is None:
                    cells.append(f'<c r="{ref}" s="{plain}"/>')
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cells.append(f'<c r="{ref}" s="{plain}"><v>{value}</v></c>')
                    continue
                value = str(value)
            if not value:
                cells.append(f'<c r="{ref}" s="{plain}"/>')
                continue
            text = document_text(value)
            sid = quoted if is_formula_like(text) else plain
            if column < measured and (2 * len(text) > per_line[column] or "\n" in text):
                lines = max(lines, _lines(text, per_line[column]))
            if "&" in text or "<" in text or ">" in text:
                text = escape(text)
            cells.append(
                f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t xml:space="preserve">'
                f"{text}</t></is></c>"
            )
        height = 30 if style == "title" else min(409, 15 * lines + 3)
        self._buffer.append(f'<row r="{r}" ht="{height}" customHeight="1">{"".join(cells)}</row>')
        if len(self._buffer) >= 256:
            self._flush()

    def _flush(self) -> None:
        self._out.write("".join(self._buffer).encode())
        self._buffer.clear()

    def close(self) -> None:
        """End the sheet: merged title, page setup (landscape A4, one page wide)."""
        self._flush()
        tail = ["</sheetData>"]
        if self._merge and self.widths:
            tail.append(
                f'<mergeCells count="1"><mergeCell ref="A1:{column_letter(len(self.widths))}1"/></mergeCells>'
            )
        tail.append(
            '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
            'fitToHeight="0"/></worksheet>'
        )
        self._out.write("".join(tail).encode())
        self._out.close()


class StreamingWorkbook:
    """A workbook written sheet by sheet into ``target`` (one sheet open at a time)."""

    def __init__(self, target: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=5)
        self._sheets: list[tuple[str, int | None]] = []
        """(title, header row repeated when printing) of each sheet."""

    def sheet(
        self,
        title: str,
        widths: Sequence[float],
        *,
        heading: str | None = None,
        header: Sequence[str] | None = None,
    ) -> SheetWriter:
        """Start a sheet: an optional merged heading row, then an optional shaded header row."""
        number = len(self._sheets) + 1
        stream = self._zip.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True)
        header_row = (2 if heading else 1) if header else None
        self._sheets.append((title, header_row))
        writer = SheetWriter(stream, widths, freeze_below=header_row, merge_title=bool(heading))
        if heading:
            writer.row([heading], "title")
        if header:
            writer.row(list(header), "header", fit=False)
        return writer

    def close(self) -> None:
        """Write the workbook's parts and close the zip."""
        n = len(self._sheets)
        sheets = "".join(
            f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (title, _) in enumerate(self._sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i - 1}">'
            f"'{escape(title)}'!${row}:${row}</definedName>"
            for i, (title, row) in enumerate(self._sheets, start=1)
            if row
        )
        workbook = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS}>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        rels += f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        parts = {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>",
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
            "xl/styles.xml": _STYLES,
        }
        for name, text in parts.items():
            self._zip.writestr(name, text)
        self._zip.close()
