"""What changed above the articles: headings of 编/分编/章/节, the title and the 题注.

A changed chapter heading (第二章　规划与建设 → 第二章　规划、建设与管理), an added or deleted
chapter, a renumbered one and a new title or 题注 are changes staff must see in the diff and
in the 修改对照表 as rows of their own. `heading_changes` reads them off the container pairs of
an alignment; `text_change` compares the title or the note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from workbench.diff.pairs import ContainerKind, HeadingChange, HeadingChangeKind, Pair, TextChange
from workbench.model import KIND_LABELS, Document, Node, iter_nodes

__all__ = [
    "heading_change_label",
    "heading_changes",
    "heading_label",
    "text_change",
    "title_change",
]

_SPACES = re.compile(r"[\s\u3000\u200b]+")
_DRAFT_MARKS = re.compile(r"(?:[（(][^（）()]*(?:草案|稿|征求意见|送审)[^（）()]*[）)]\s*)+$")
"""Stage markers at the end of a title: （草案）, （修订草案）（征求意见稿）, （草案修改稿）."""
_LEVELS: dict[str, ContainerKind] = {
    "book": "book",
    "part": "part",
    "chapter": "chapter",
    "section": "section",
}


def heading_label(node: Node) -> str:
    """A container's number and title as a reader sees them: ``第二章　规划与建设``."""
    return "\u3000".join(p for p in (node.num, node.heading) if p)


def _same(a: str, b: str) -> bool:
    return _SPACES.sub("", a) == _SPACES.sub("", b)


def _first_article(node: Node) -> str | None:
    return next((n.uid for n in iter_nodes((node,)) if n.kind == "article"), None)


def heading_changes(
    old: Document, new: Document, containers: Sequence[Pair]
) -> tuple[HeadingChange, ...]:
    """The container pairs that changed, as heading changes in reading order.

    Args:
        old: The old version.
        new: The new version.
        containers: The alignment's container pairs (`workbench.diff.children.align_containers`).

    Returns:
        Modified headings (their titles differ, letter-spacing ignored), added and deleted
        containers, and renumbered ones (same title, new number); unchanged ones are left out.
    """
    old_nodes = {n.uid: n for n in iter_nodes(old.children)}
    new_nodes = {n.uid: n for n in iter_nodes(new.children)}
    order = {n.uid: k for k, n in enumerate(iter_nodes(new.children))}
    old_order = {n.uid: k for k, n in enumerate(iter_nodes(old.children))}
    out: list[tuple[tuple[int, int], HeadingChange]] = []
    for change in _changes(containers, old_nodes, new_nodes):
        if change.new_uid is not None:
            key = (order[change.new_uid], 0)
        else:
            key = (_nearest_new(change, old_order, order, containers), 1)
        out.append((key, change))
    return tuple(change for _, change in sorted(out, key=lambda x: x[0]))


def _changes(
    containers: Sequence[Pair], old_nodes: Mapping[str, Node], new_nodes: Mapping[str, Node]
) -> Iterator[HeadingChange]:
    for pair in containers:
        level = _LEVELS.get(pair.level)
        if level is None:
            continue
        o = old_nodes.get(pair.old_uids[0]) if pair.old_uids else None
        n = new_nodes.get(pair.new_uids[0]) if pair.new_uids else None
        kind: HeadingChangeKind
        if o is None and n is not None:
            kind = "added"
        elif n is None and o is not None:
            kind = "deleted"
        elif o is not None and n is not None:
            if not _same(o.heading or "", n.heading or ""):
                kind = "modified"
            elif (o.num or "") != (n.num or ""):
                kind = "renumbered"
            else:
                continue
        else:
            continue
        yield HeadingChange(
            level=level,
            change=kind,
            old=heading_label(o) if o is not None else "",
            new=heading_label(n) if n is not None else "",
            old_uid=o.uid if o is not None else None,
            new_uid=n.uid if n is not None else None,
            anchor=(_first_article(n) if n is not None else None)
            or (_first_article(o) if o is not None else None),
        )


def _nearest_new(
    change: HeadingChange,
    old_order: Mapping[str, int],
    new_order: Mapping[str, int],
    containers: Sequence[Pair],
) -> int:
    """Where a deleted container stood in the new text: after the paired container before it."""
    assert change.old_uid is not None
    here = old_order[change.old_uid]
    best = -1
    for pair in containers:
        if pair.old_uids and pair.new_uids and old_order.get(pair.old_uids[0], here) < here:
            best = max(best, new_order.get(pair.new_uids[0], -1))
    return best


def text_change(old: str, new: str) -> TextChange | None:
    """The change of a whole-document text (the 题注); None when only spacing differs."""
    return None if _same(old, new) else TextChange(old, new)


def title_change(old: str, new: str) -> TextChange | None:
    """The change of the title, if any beyond the stage of the draft.

    ``……条例（草案）`` → ``……条例（草案修改稿）`` names the next round of the same text, not a
    new title; ``……养犬管理条例`` → ``……犬只管理条例`` is a change of title.
    """
    if _same(_DRAFT_MARKS.sub("", old), _DRAFT_MARKS.sub("", new)):
        return None
    return TextChange(old, new)


def heading_change_label(change: HeadingChange) -> str:
    """The Chinese name of a heading change: 章名修改, 新增章, 删除节, 章序号调整."""
    unit = KIND_LABELS[change.level]
    return {
        "modified": f"{unit}名修改",
        "added": f"新增{unit}",
        "deleted": f"删除{unit}",
        "renumbered": f"{unit}序号调整",
    }[change.change]
