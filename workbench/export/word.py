"""Word layout shared by every DOCX export: GB/T 9704 page, Chinese fonts, page numbers.

Chinese fonts must be set on ``w:rFonts/@w:eastAsia``; python-docx's ``font.name`` only sets
the Latin ones. Must not import store or workspace.
"""

from __future__ import annotations

import io
from typing import Any, Literal

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workbench.controls import document_text
from workbench.export.word_fonts import declare_font_fallbacks

__all__ = [
    "FONT_BODY",
    "FONT_HEADING",
    "FONT_KAI",
    "FONT_TITLE",
    "SIZE_2",
    "SIZE_3",
    "SIZE_4",
    "SIZE_SMALL_4",
    "add_page_numbers",
    "add_run",
    "add_text",
    "fix_column_widths",
    "new_document",
    "save_bytes",
    "set_cell_shading",
    "set_first_line_chars",
    "set_repeat_header",
    "set_run_font",
]

FONT_TITLE = "方正小标宋简体"
"""Title font (GB/T 9704: 小标宋); Word falls back to 宋体 where it is not installed."""
FONT_BODY = "仿宋_GB2312"
"""Body font of official documents."""
FONT_HEADING = "黑体"
"""Chapter headings and article numbers."""
FONT_KAI = "楷体_GB2312"
"""The 题注 under the title."""
SIZE_2 = Pt(22)
"""二号."""
SIZE_3 = Pt(16)
"""三号."""
SIZE_4 = Pt(14)
"""四号."""
SIZE_SMALL_4 = Pt(12)
"""小四."""

Align = Literal["left", "center", "right", "justify"]
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def new_document(*, landscape: bool = False, body_size: Any = SIZE_3) -> Any:
    """A blank A4 document with GB/T 9704 margins and 仿宋 as the body font.

    The official fonts are declared with the stock fonts that take their place where they are
    missing (`workbench.export.word_fonts`).

    Args:
        landscape: Lay the page on its side (wide tables).
        body_size: The body font size.

    Returns:
        A python-docx ``Document``.
    """
    doc = docx.Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(18)
    normal = doc.styles["Normal"]
    normal.font.size = body_size
    _set_fonts(normal.element.get_or_add_rPr(), FONT_BODY)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if not landscape:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28)
    doc.core_properties.author = "立法工作台"
    declare_font_fallbacks(doc)
    return doc


def _set_fonts(rpr: Any, east_asia: str, latin: str | None = None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    latin_name = latin or ("Times New Roman" if east_asia != FONT_HEADING else "Arial")
    fonts.set(qn("w:ascii"), latin_name)
    fonts.set(qn("w:hAnsi"), latin_name)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin_name)
    fonts.set(qn("w:hint"), "eastAsia")


def set_run_font(
    run: Any,
    east_asia: str,
    *,
    size: Any = None,
    bold: bool | None = None,
) -> None:
    """Set a run's East Asian (and matching Latin) font, size and weight."""
    _set_fonts(run._element.get_or_add_rPr(), east_asia)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def add_text(
    container: Any,
    text: str,
    *,
    font: str = FONT_BODY,
    size: Any = None,
    align: Align = "justify",
    indent_chars: int = 0,
    bold: bool | None = None,
    space_after: Any = None,
) -> Any:
    """Add a paragraph of one run to ``container`` (a document or a table cell).

    Args:
        container: Where the paragraph goes (anything with ``add_paragraph``).
        text: Its text.
        font: The East Asian font.
        size: The font size; the style's when None.
        align: Paragraph alignment.
        indent_chars: First-line indent in characters (2 for body text).
        bold: Bold, or the style's weight when None.
        space_after: Space after the paragraph.

    Returns:
        The python-docx paragraph.
    """
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    if indent_chars:
        set_first_line_chars(paragraph, indent_chars, size.pt if size is not None else 16)
    if space_after is not None:
        paragraph.paragraph_format.space_after = space_after
    run = add_run(paragraph, text)
    set_run_font(run, font, size=size, bold=bold)
    return paragraph


def add_run(paragraph: Any, text: str) -> Any:
    """Append a run of ``text`` to a python-docx paragraph and return it.

    Every text of a Word export goes through here: the control-character rule
    (`workbench.controls.document_text`) is applied, since XML cannot hold most controls and
    data stored by earlier releases may still carry them.
    """
    return paragraph.add_run(document_text(text))


def set_first_line_chars(paragraph: Any, chars: int, size_pt: float = 16) -> None:
    """Indent the first line by ``chars`` characters of ``size_pt`` points.

    An absolute ``w:firstLine`` rather than ``w:firstLineChars``: LibreOffice measures the
    latter from the first run's Latin font and indents unevenly.
    """
    paragraph.paragraph_format.first_line_indent = Pt(chars * size_pt)


def add_page_numbers(section: Any) -> None:
    """Put ``— N —`` page numbers (宋体 四号) in the footers of ``section``, as GB/T 9704 has them.

    Odd pages carry the number on the right and even pages on the left, each one character in
    from the edge (单页码居右空一字，双页码居左空一字): the document gets separate odd and even
    footers.
    """
    section.part.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], "right")
    _page_number(section.even_page_footer.paragraphs[0], "left")


def _page_number(paragraph: Any, side: Literal["left", "right"]) -> None:
    """One footer paragraph holding ``— PAGE —``, one character in from ``side``."""
    paragraph.alignment = _ALIGN[side]
    if side == "right":
        paragraph.paragraph_format.right_indent = SIZE_4
    else:
        paragraph.paragraph_format.left_indent = SIZE_4
    set_run_font(paragraph.add_run("— "), "宋体", size=SIZE_4)
    run = paragraph.add_run()
    set_run_font(run, "宋体", size=SIZE_4)
    for tag, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        if tag is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), tag)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    set_run_font(paragraph.add_run(" —"), "宋体", size=SIZE_4)


def set_repeat_header(row: Any) -> None:
    """Repeat a table's header row at the top of every page."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def set_cell_shading(cell: Any, fill: str) -> None:
    """Fill a table cell with a background colour (hex ``RRGGBB``)."""
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def save_bytes(doc: Any) -> bytes:
    """Serialise a python-docx document to bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def fix_column_widths(table: Any, widths_mm: tuple[int, ...]) -> None:
    """Give a table fixed column widths that Word and LibreOffice both honour.

    LibreOffice reads the ``w:tblGrid`` columns, Word the cell widths: both are set, and the
    layout is fixed so long text wraps instead of widening a column.
    """
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    tbl_pr = tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
