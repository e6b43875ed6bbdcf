"""Runs of 项 and 目 as written, with a level below 目 that the parser reads as 目.

The norms have two levels under a 款: 项 ``（一）`` and 目 ``1.`` (`legislative-norms.md` §1.2).
Some texts go one further, ``（1）`` under ``1.`` (深圳经济特区房地产登记条例第二十九条), and the
parser, which knows only 项 and 目, reads both as 目 of the same 项. Their labels tell them apart:
within one 项, 目 written in another form than the first are a list of the 目 before them. The
numbering and punctuation rules judge each run on its own, so ``（1）（2）`` under ``1.`` and again
under ``2.`` are neither duplicates nor the wrong end of a 目 run, and ``1.`` ending ``：`` is
what introduces them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.model import Node

__all__ = ["ItemRun", "item_runs"]

_CIRCLED = re.compile(r"[\u2460-\u2473\u3251-\u325f]")


@dataclass(frozen=True)
class ItemRun:
    """One numbered run of 项 or 目: its nodes, which of them introduce a list, its scope."""

    nodes: tuple[Node, ...]
    introduces: tuple[bool, ...]
    """Per node: it introduces a list (children of its own, or the lower run after it)."""
    scope: str
    """The uid its numbers count within (the parent, or the 目 a lower run belongs to)."""


def _form(node: Node) -> str:
    """How a label is written: ``（1）`` in brackets, ``①`` circled, or ``1.`` / ``1．`` / ``1、``."""
    num = node.num or ""
    if "（" in num or "(" in num:
        return "bracketed"
    return "circled" if _CIRCLED.search(num) else "plain"


def item_runs(parent_uid: str, children: Sequence[Node]) -> list[ItemRun]:
    """The runs of 项 and 目 among ``children`` of the node ``parent_uid``, in order."""
    run = [c for c in children if c.kind in ("item", "subitem")]
    if not run:
        return []
    forms = [_form(c) for c in run]
    outer = forms[0]
    if run[0].kind == "item" or all(f == outer for f in forms):
        return [ItemRun(tuple(run), tuple(bool(c.children) for c in run), parent_uid)]
    top: list[Node] = []
    flags: list[bool] = []
    lower: list[ItemRun] = []
    stretch: list[Node] = []

    def close() -> None:
        if stretch:
            flags[-1] = True
            lower.append(
                ItemRun(tuple(stretch), tuple(bool(c.children) for c in stretch), top[-1].uid)
            )
            stretch.clear()

    for node, form in zip(run, forms, strict=True):
        if form == outer or not top:
            close()
            top.append(node)
            flags.append(bool(node.children))
        else:
            stretch.append(node)
    close()
    return [ItemRun(tuple(top), tuple(flags), parent_uid), *lower]
