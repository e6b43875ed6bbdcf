"""Parts of an instrument cited by name: 总则, 分则, 附则 and the 编 of a code (合同编).

``刑法分则第四章``, ``民法典合同编第五百条``, ``本法总则第四章第八节``: the words between the
instrument's name and the first 第 name a part, not a number. The grammar reads them as part of
the scope (`workbench.refs.grammar`); `named_part` finds the container they mean in a document
(``总则`` → the 编 or 章 headed 总则, ``合同编`` → the 编 headed 合同).
"""

from __future__ import annotations

import re

from workbench.model import CONTAINER_KINDS, Node
from workbench.refs.index import DocIndex

__all__ = ["BOOK_NAME", "PART_NAME", "named_part", "part_heading"]

BOOK_NAME = r"(?!汇编|选编|改编|新编|续编|主编|合编|编)(?![典规律本该第])[\u4e00-\u9fff]{1,5}?编"
"""A 编 named by its heading: 合同编, 物权编, 侵权责任编 (a regex, no groups)."""

PART_NAME = rf"总则|分则|附则|{BOOK_NAME}"
"""Any part named instead of numbered (a regex, no groups)."""

_SPACES = re.compile(r"[\s\u3000]+")


def part_heading(name: str) -> str:
    """The heading a named part carries: ``合同编`` → ``合同``, ``总则`` → ``总则``."""
    if name.endswith("编") and len(name) > 1:
        return name[:-1]
    return name


def named_part(index: DocIndex, name: str) -> Node | None:
    """The container of ``index`` that a part name means, if exactly one does.

    The highest container whose heading is the name wins (a 编 headed 总则 before a 章 headed
    总则 inside another 编); 附则 also matches an unnumbered heading. Letter-spacing in headings
    (``总　　则``) is ignored.

    Args:
        index: The document to look in.
        name: The part as written: ``总则``, ``分则``, ``附则``, ``合同编``.

    Returns:
        The container, or None when no container or more than one at the same level has it.
    """
    wanted = {name, part_heading(name)}
    for kind in CONTAINER_KINDS:
        found = [
            index.node(uid)
            for uid in index.by_kind.get(kind, [])
            if _SPACES.sub("", index.node(uid).heading or "") in wanted
        ]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None
