"""Rules on how 款, 项 and 目 end and how a 但书 is written (`legislative-norms.md` §1.7–§1.9).

* A 项 run ends ``；`` … ``。``, an item introducing 目 ends ``：`` (the one rule in
  `workbench.parse.checks.item_endings`, shared with the parser).
* A 款 ends with closing punctuation; a 款 that introduces 项 ends with ``：``.
* A 但书 stays inside the sentence of its main rule: ``，但是……的除外``, never a 款 of its own,
  never ``但是，`` after a comma, and a situation it excepts ends ``的除外``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.check.levels import ItemRun, item_runs
from workbench.model import KIND_LABELS, Node, item_number, iter_nodes
from workbench.parse.checks import item_endings

__all__ = ["item_lead_in", "item_punctuation", "paragraph_punctuation", "proviso_form"]

_CLOSING = frozenset("。？！；：…")
_TRAILING_QUOTES = "”’」』）)\"'"
_HALF_WIDTH = {".": "。", ";": "；", ":": "：", "?": "？", "!": "！", ",": "，"}
_PROVISO_COMMA = re.compile(r"，但是，")
_PROVISO_DE = re.compile(r"(另有(?:规定|约定))除外")
_PROVISO_START = re.compile(r"^但(?:是)?[，,]?")
_PLACEHOLDER = re.compile(r"^[（(](?:删去|删除|已删除|已删去)[）)]$")
"""What stands in place of a deleted 条 that keeps its number (刑法第一百九十九条（删去）)."""


def _shown(end: str) -> str:
    """``以“；”结尾`` for a mark; ``没有标点`` when the text ends with a word (or is empty)."""
    return f"以“{end}”结尾" if end and not end.isalnum() else "没有标点"


def item_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    """项 and 目 whose endings break the ``；`` … ``。`` / ``：`` pattern."""
    for parent in iter_nodes(ctx.doc.children):
        for run in item_runs(parent.uid, parent.children):
            yield from _run_endings(ctx, run)


def _run_endings(ctx: CheckContext, run: ItemRun) -> Iterator[Finding]:
    endings = [c.text[-1:] for c in run.nodes]
    for k, want in item_endings(endings, list(run.introduces)):
        node = run.nodes[k]
        yield ctx.finding(
            "item-punctuation",
            "warning",
            node.uid,
            f"{KIND_LABELS[node.kind]}{node.num or ''}{_shown(endings[k])}，按规范应以“{want}”结尾",
            f"把句末标点改为“{want}”",
        )


def paragraph_punctuation(ctx: CheckContext) -> Iterator[Finding]:
    """A 款 whose text has no closing punctuation (or a half-width one).

    The ``（删去）`` standing in for a deleted article whose number is kept is not a sentence.
    """
    for node in iter_nodes(ctx.doc.children):
        if node.kind != "paragraph" or not node.text or _has_items(node):
            continue
        if _PLACEHOLDER.match(node.text.strip()):
            continue
        end = node.text.rstrip(_TRAILING_QUOTES)[-1:] or node.text[-1:]
        if end in _CLOSING:
            continue
        if end in _HALF_WIDTH:
            message, suggestion = f"本款以半角“{end}”结尾", f"改为全角“{_HALF_WIDTH[end]}”"
        elif end in "，、":
            message, suggestion = f"本款以“{end}”结尾，句子没有结束", "把句末的标点改为“。”"
        else:
            message, suggestion = "本款句末没有标点", "在句末加上“。”"
        yield ctx.finding("paragraph-punctuation", "warning", node.uid, message, suggestion)


def item_lead_in(ctx: CheckContext) -> Iterator[Finding]:
    """A 款 that introduces 项 without ending in a colon.

    A 款 whose 项 do not start at （一） did not begin the list: the list began before it (a 项
    that lost its number and reads as a 款, or （一） written on the lead-in's line), which
    numbering-gap reports; the 款 is not judged as the list's lead-in.
    """
    for node in iter_nodes(ctx.doc.children):
        if node.kind != "paragraph" or not _has_items(node) or not node.text:
            continue
        first = next(c for c in node.children if c.kind == "item")
        if item_number(first) not in (None, 1):
            continue
        end = node.text[-1:]
        if end == "：":
            continue
        if end == ":":
            message, suggestion = "引出各项的句子以半角“:”结尾", "改为全角“：”"
        else:
            message = f"本款引出{len(node.children)}项，但{_shown(end)}，而不是冒号"
            suggestion = (
                f"把句末的“{end}”改为“：”"
                if end in ("。", "；", "，")
                else "在句末加上“：”，例如“……有下列情形之一的，……：”"
            )
        yield ctx.finding("item-lead-in", "warning", node.uid, message, suggestion)


def proviso_form(ctx: CheckContext) -> Iterator[Finding]:
    """但书 written as a 款 of its own, ``，但是，``, or ``另有规定除外`` without 的."""
    for node in iter_nodes(ctx.doc.children):
        text = node.text
        if not text:
            continue
        if (
            node.kind == "paragraph"
            and _PROVISO_START.match(text)
            and _previous_paragraph(ctx, node)
        ):
            yield ctx.finding(
                "proviso-form",
                "warning",
                node.uid,
                "本款以“但”开头：但书是主句的例外，应当紧接在主句之后，不单独成款",
                "把本款并入前款，写作“……，但是……的除外。”",
            )
        for m in _PROVISO_COMMA.finditer(text):
            yield ctx.finding(
                "proviso-form",
                "warning",
                node.uid,
                f"“{_around(text, m.start(), m.end())}”：句中的“但是”后不加逗号",
                "写作“，但是……”",
            )
        for m in _PROVISO_DE.finditer(text):
            yield ctx.finding(
                "proviso-form",
                "warning",
                node.uid,
                f"“{_around(text, m.start(), m.end())}”：但书排除的是一种情形，应写“的除外”",
                f"改为“{m.group(1)}的除外”",
            )


def _has_items(node: Node) -> bool:
    return any(c.kind == "item" for c in node.children)


def _previous_paragraph(ctx: CheckContext, node: Node) -> bool:
    return ctx.index.position(node.uid) > 1


def _around(text: str, start: int, end: int) -> str:
    lo = max(0, start - 6)
    return ("……" if lo else "") + text[lo:end]
