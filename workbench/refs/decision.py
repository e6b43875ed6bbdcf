"""Which instrument the citations of an amending text refer to (`legislative-norms.md` §4.2).

A 修改决定 names its target in its title (关于修改《××条例》的决定) and a 修正案 in its name
(中华人民共和国刑法修正案（十一）); its own words 将第十一条改为第十二条 cite that instrument,
not the decision. A package decision (关于修改《A》等二十七件…的决定, 关于修改部分地方性法规的决定,
《A》等三部单行条例修正案) amends one instrument per section, each opened by a line naming it
(一、修改《A》 / 一、关于《A》的修正). These are the one place that reads decision titles; the
amendment reader (`workbench.amend`) uses them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["amended_instrument", "is_amending_title", "section_instrument", "section_instruments"]

_AMENDING = re.compile(r"关于修改《(?P<name>[^《》]+)》(?P<more>等[^的]*)?的决定")
_PACKAGE = re.compile(
    r"关于(?:修改|废止|修改和废止)(?:部分|[^《》]*等)[^《》]*的决定|》等[^《》]*修正案"
)
_AMENDMENT = re.compile(r"^(?P<name>[^《》]+?)修正案")
_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]\s*)?(?:修改|关于)?《(?P<name>[^《》]+)》"
    r"(?:的修正|的修改|修正|作如下修改)?[：:。]?$"
)
_DECIDES = re.compile(r"决定对《(?P<name>[^《》]+)》作如下修改")
_GENERIC = re.compile(r"^(?:原|该|本)?(?:条例|规定|办法|细则|规则|解释|法)$")


def amended_instrument(title: str) -> str | None:
    """The one instrument a 修改决定 or 修正案 amends, or None.

    None for a text that amends nothing, and for a package decision that amends several (each
    section names its own: see `section_instruments`).

    Examples:
        ``上海市人民代表大会常务委员会关于修改《上海市…备案审查条例》的决定`` → the 条例;
        ``中华人民共和国刑法修正案（十一）`` → ``中华人民共和国刑法``.
    """
    m = _AMENDING.search(title)
    if m:
        return None if m.group("more") else m.group("name")
    if _PACKAGE.search(title):
        return None
    m = _AMENDMENT.match(title.strip())
    return m.group("name") if m else None


def is_amending_title(title: str) -> bool:
    """Whether ``title`` is that of a 修改决定, a package decision or a 修正案."""
    return bool(
        _AMENDING.search(title) or _PACKAGE.search(title) or _AMENDMENT.match(title.strip())
    )


def section_instruments(title: str, paragraphs: Iterable[str]) -> Iterator[str | None]:
    """For each paragraph of an amending text, the instrument its bare citations refer to.

    The title's instrument at first; a line that names one instrument and nothing else (一、修改
    《A》, 二、关于《B》的修正, 《C》) or the enacting sentence (决定对《A》作如下修改：) switches
    to it. For a text that is not amending, None throughout.
    """
    amending = is_amending_title(title)
    current = amended_instrument(title)
    for paragraph in paragraphs:
        if amending:
            line = paragraph.strip()
            m = _SECTION.match(line) or _DECIDES.search(line)
            if m:
                current = m.group("name")
        yield current if amending else None


def section_instrument(name: str | None, current: str | None) -> str | None:
    """The instrument a name written in an amending text means.

    原条例, 《条例》, 该办法 and a short name (刑法 for 中华人民共和国刑法) stand for the one the
    section amends (``current``); any other name stands for itself.
    """
    if (
        name is not None
        and current is not None
        and (_GENERIC.match(name) or current.endswith(name))
    ):
        return current
    return name
