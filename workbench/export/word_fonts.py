"""The official-document fonts declared with their stock fallbacks, for Word on Windows.

仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 are the fonts GB/T 9704 documents are set in, but a
stock Windows 10/11 has only 仿宋, 楷体 and 宋体. A Word document's font table can name, for each
font it uses, the font to take in its place (``w:altName``) and that it is a Chinese (GB2312)
font with the matching PANOSE class: Word then sets the text in 仿宋 instead of a Latin default
where 仿宋_GB2312 is missing, and in 仿宋_GB2312 where it is installed.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["FALLBACKS", "declare_font_fallbacks"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

FALLBACKS: dict[str, tuple[str, str, str]] = {
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "modern"),
    "楷体_GB2312": ("楷体", "02010609030101010101", "modern"),
    "方正小标宋简体": ("宋体", "02010600030101010101", "auto"),
    "黑体": ("SimHei", "02010609060101010101", "modern"),
}
"""Font → (the stock font taking its place, PANOSE class, family)."""


def declare_font_fallbacks(word: Any) -> None:
    """Add the official fonts, each with its fallback, to the font table of ``word``."""
    part = next(
        (r.target_part for r in word.part.rels.values() if r.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    table = etree.fromstring(part.blob, parser)
    known = {f.get(f"{{{_W}}}name") for f in table.findall(f"{{{_W}}}font")}
    for name, (alternative, panose, family) in FALLBACKS.items():
        if name in known:
            continue
        font = etree.SubElement(table, f"{{{_W}}}font", {f"{{{_W}}}name": name})
        etree.SubElement(font, f"{{{_W}}}altName", {f"{{{_W}}}val": alternative})
        etree.SubElement(font, f"{{{_W}}}panose1", {f"{{{_W}}}val": panose})
        etree.SubElement(font, f"{{{_W}}}charset", {f"{{{_W}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{_W}}}family", {f"{{{_W}}}val": family})
        etree.SubElement(font, f"{{{_W}}}pitch", {f"{{{_W}}}val": "variable"})
        etree.SubElement(
            font,
            f"{{{_W}}}sig",
            {
                f"{{{_W}}}usb0": "00000001",
                f"{{{_W}}}usb1": "080E0000",
                f"{{{_W}}}usb2": "00000010",
                f"{{{_W}}}usb3": "00000000",
                f"{{{_W}}}csb0": "00040000",  # code page 936 (simplified Chinese)
                f"{{{_W}}}csb1": "00000000",
            },
        )
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
