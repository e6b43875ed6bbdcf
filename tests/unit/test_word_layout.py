"""Word documents as GB/T 9704 and a stock Windows want them: page numbers, font fallbacks."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from workbench.export.word import add_page_numbers, add_text, new_document, save_bytes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document() -> bytes:
    word = new_document()
    add_page_numbers(word.sections[0])
    add_text(word, "第一条　为了规范养犬行为，制定本条例。")
    return save_bytes(word)


def test_page_numbers_right_on_odd_pages_left_on_even() -> None:
    """单页码居右空一字，双页码居左空一字: separate odd and even footers, each with PAGE."""
    word = docx.Document(io.BytesIO(_document()))
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent is not None
    assert even.paragraph_format.left_indent is not None
    for paragraph in (odd, even):
        assert "PAGE" in "".join(paragraph._p.itertext())
        assert paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")


def test_official_fonts_name_their_windows_fallbacks() -> None:
    """仿宋_GB2312 falls back to 仿宋, 楷体_GB2312 to 楷体, both declared as GB2312 fonts."""
    with zipfile.ZipFile(io.BytesIO(_document())) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
    fonts = {f.get(f"{_W}name"): f for f in table.findall(f"{_W}font")}
    for name, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        declared = {child.tag: child.get(f"{_W}val") for child in fonts[name]}
        assert declared[f"{_W}altName"] == fallback
        assert declared[f"{_W}charset"] == "86"
