"""Quoted new text → provisions, read by the regulation parser (`workbench.parse`).

A decision quotes an article's 款, items and subitems, or one 款 with its items, or one item
with its subitems. The lines are put under a stand-in article label and read by `parse_text`,
so 款/项/目 are recognised exactly as in a whole regulation (one rule, one implementation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.model import Node, UidFactory
from workbench.parse import parse_text
from workbench.parse.lines import ITEM_RE, SUBITEM_RE

__all__ = ["TextError", "article_paragraphs", "item_nodes", "strip_item_label", "subitem_nodes"]

_LEAD = "第一条\u3000"
_ITEM_LEAD = "引："
_TERMINAL = "。；：！？”"
_LABEL = re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]\s*")


class TextError(ValueError):
    """Quoted text that does not read as the provisions it should be."""


def _article(lines: Sequence[str], uids: UidFactory) -> Node:
    body = [line.strip() for line in lines if line.strip()]
    if not body:
        raise TextError("引号中没有文字")
    doc = parse_text("x\n\n" + _LEAD + "\n\n".join(body), uids=uids)
    arts = [n for n in doc.children if n.kind == "article"]
    if len(arts) != 1:
        raise TextError("引文中含有条的序号，无法作为一条的内容读取")
    return arts[0]


def article_paragraphs(lines: Sequence[str], uids: UidFactory) -> tuple[Node, ...]:
    """The 款 (with their items and subitems) an article's quoted text holds."""
    if lines and ITEM_RE.match(lines[0].strip()):
        raise TextError("引文以项开头，前面缺少引出该项的一款")
    return _article(lines, uids).children


def item_nodes(lines: Sequence[str], uids: UidFactory) -> tuple[Node, ...]:
    """The items (with their subitems) of quoted ``（三）…`` lines."""
    first = lines[0].strip() if lines else ""
    if not ITEM_RE.match(first):
        raise TextError(f"新的项应以“（一）”式序号开头：“{first[:20]}”")
    article = _article([_ITEM_LEAD, *lines], uids)
    if len(article.children) != 1:
        raise TextError("项的引文中夹有不属于项的段落")
    return article.children[0].children


def subitem_nodes(lines: Sequence[str], uids: UidFactory) -> tuple[Node, ...]:
    """The subitems of quoted ``1.…`` lines."""
    first = lines[0].strip() if lines else ""
    if not SUBITEM_RE.match(first):
        raise TextError(f"新的目应以“1.”式序号开头：“{first[:20]}”")
    items = item_nodes(["（一）项：", *lines], uids)
    if len(items) != 1:
        raise TextError("目的引文中夹有项")
    return items[0].children


def strip_item_label(text: str) -> str:
    """``（六）监督…`` → ``监督…``."""
    return _LABEL.sub("", text, count=1)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with punctuation that closes an item or a sentence."""
    return bool(text) and text[-1] in _TERMINAL
