"""Changing words inside provisions: 修改为, 删去, 在“A”后增加, 开始部分增加, 统一修改.

A clause that quotes words (“A”) changes every occurrence of them in the place it names (a
decision names the smallest place that makes them unambiguous); words not found are an error,
never a silent no-op. Matching ignores the width of ``,;:`` (a text and its decision may have been
typed with different punctuation widths).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from workbench.amend.operations import Words
from workbench.amend.staging import ApplyError
from workbench.render import canonical_text

__all__ = ["edit_words"]

K = TypeVar("K")
_SENTENCE_END = "。；！？"


def edit_words(texts: Mapping[K, str], op: Words) -> dict[K, str]:
    """The texts ``op`` changes, changed.

    Args:
        texts: The words of every node the clause's place covers, by key.
        op: The clause.

    Returns:
        Only the texts that changed.

    Raises:
        ApplyError: If the quoted words occur nowhere in the place.
    """
    out: dict[K, str] = {}
    old = canonical_text(op.old)
    if op.action in ("append", "prepend"):
        keys = list(texts)
        if not keys:
            raise ApplyError("没有可以增加文字的条文")
        key = keys[-1] if op.action == "append" else keys[0]
        text = texts[key]
        addition = op.new
        if op.action == "prepend":
            if addition and addition[-1] not in _SENTENCE_END and addition[-1] not in "，、":
                addition += "。"
            out[key] = addition + text
        else:
            out[key] = text + addition
        return out
    found = 0
    for key, text in texts.items():
        canon = canonical_text(text)
        count = canon.count(old) if old else 0
        if not count:
            continue
        found += count
        if op.action == "replace":
            out[key] = canon.replace(old, op.new)
        elif op.action == "delete":
            out[key] = canon.replace(old, "")
        elif op.action == "insert_after":
            out[key] = canon.replace(old, old + op.new)
        else:
            out[key] = canon.replace(old, op.new + old)
    if not found:
        where = op.target.label if op.target is not None else "全文"
        raise ApplyError(f"{where}中没有“{op.old}”")
    return out
