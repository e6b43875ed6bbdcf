"""XML from outside, read safely: no DTD, no entities, no network, no huge trees.

Every reader of untrusted XML (Akoma Ntoso texts, the parts of a Word file, the parts of a
station's XLSX) uses `xml_parser` and refuses a document that declares a DOCTYPE at all
(`declares_dtd`). The check looks at the *parsed* prolog, so it holds whatever the encoding
(UTF-16 hides ``<!DOCTYPE`` from a byte search) and however much comes before the
declaration (padding past a fixed-size prefix).
"""

from __future__ import annotations

import io
from typing import IO

from lxml import etree

__all__ = ["SAFE_OPTIONS", "declares_dtd", "xml_error", "xml_parser"]

SAFE_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}
"""The parser options for untrusted XML (also for ``etree.iterparse``)."""


def xml_parser() -> etree.XMLParser:
    """A parser for untrusted XML: entities left unexpanded, no DTD loaded, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def declares_dtd(source: bytes | IO[bytes]) -> bool:
    """Whether the document declares a DOCTYPE (internal subset, external DTD or bare name).

    Reads up to the root element's start tag only. A document that is not well-formed before
    its root counts as declaring none: the parse that follows reports the damage.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    events = etree.iterparse(
        stream,
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        _, root = next(events)
    except (StopIteration, etree.XMLSyntaxError):
        return False
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


_ERRORS: dict[int, str] = {
    4: "文档为空或不以“<”开头",
    5: "根元素结束后还有多余内容",
    9: "含有 XML 不允许的字符（如控制字符）",
    23: "实体引用缺少结尾的“;”",
    26: "使用了未声明的实体",
    39: "属性值缺少引号",
    41: "属性值中含有“<”",
    68: "缺少名称（“<”或“&”后应为名称）",
    73: "开始标签没有结束（缺少“>”）",
    76: "开始标签与结束标签不匹配",
    77: "文件在标签中途结束（不完整）",
    81: "字节与声明的字符编码不符",
}
"""libxml2's error codes (``XMLSyntaxError.code``) that people meet, in Chinese."""


def xml_error(exc: etree.XMLSyntaxError) -> str:
    """A parse error for people, in Chinese: what is wrong and where (libxml2 says it in English)."""
    what = _ERRORS.get(exc.code, "XML 语法错误")
    where = f"第{exc.lineno}行第{(exc.offset or 0) + 1}列" if exc.lineno else ""
    return f"{what}（{where}）" if where else what
