"""Links between two versions' articles that an applied amendment decision declares.

A 修改决定 says what it does to each article (将第八条修改为…, 将第十条改为两条, 将第二十二条和
第二十三条合并…, 删去第九条, 增加一条…); once applied, those operations are known, not guessed.
`align_documents(old, new, declared=...)` takes them as given, before any uid or text
similarity, and aligns only what they leave open. The amendment package (`workbench.amend`)
produces them; this module holds the shape both sides agree on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from workbench.errors import WorkbenchError
from workbench.numerals import to_cn

__all__ = ["DECLARED_KINDS", "DeclaredKind", "DeclaredLink", "DeclaredLinkError", "check_declared"]

DeclaredKind = Literal["modified", "split", "merged", "moved", "deleted", "added"]

DECLARED_KINDS: tuple[DeclaredKind, ...] = (
    "modified",
    "split",
    "merged",
    "moved",
    "deleted",
    "added",
)
"""Every kind of declared link."""

_SHAPES: dict[DeclaredKind, tuple[int, int | None, int, int | None]] = {
    "modified": (1, 1, 1, 1),
    "moved": (1, 1, 1, 1),
    "split": (1, 1, 2, None),
    "merged": (2, None, 1, 1),
    "deleted": (1, None, 0, 0),
    "added": (0, 0, 1, None),
}
"""Least and most old articles, then least and most new ones, each kind links (None: no limit)."""

_NAMES: dict[DeclaredKind, str] = {
    "modified": "修改",
    "moved": "移动",
    "split": "拆分",
    "merged": "合并",
    "deleted": "删除",
    "added": "新增",
}


class DeclaredLinkError(WorkbenchError):
    """A declared link does not fit the two versions (unknown uid, wrong shape, used twice)."""


@dataclass(frozen=True, slots=True)
class DeclaredLink:
    """Old article(s) → new article(s), as an applied decision's operation declares them.

    Article uids only: an operation on a 款, 项 or 目 (将第五条第二款修改为…) declares its article
    ``modified``; the paragraphs inside are aligned as usual.
    """

    kind: DeclaredKind
    """modified (将第X条修改为…, also with 改为第Y条), moved (将第X条移至…), split (改为两条), merged
    (合并), deleted (删去第X条), added (增加一条)."""
    old_uids: tuple[str, ...]
    """uids of the old version's articles, in old order: one for modified/moved/split, two or
    more for merged, one or more for deleted, none for added."""
    new_uids: tuple[str, ...]
    """uids of the new version's articles, in new order: one for modified/moved/merged, two or
    more for split, one or more for added, none for deleted."""
    item: str = ""
    """The decision's item that declares it (``一``, ``二十``), shown with the pair; may be empty."""

    def __post_init__(self) -> None:
        low_old, high_old, low_new, high_new = _SHAPES[self.kind]
        for side, count, low, high in (
            ("原", len(self.old_uids), low_old, high_old),
            ("新", len(self.new_uids), low_new, high_new),
        ):
            if count < low or (high is not None and count > high):
                want = (
                    "零条"
                    if high == 0
                    else "一条"
                    if high == 1
                    else f"至少{'两' if low == 2 else '一'}条"
                )
                raise DeclaredLinkError(
                    f"决定第{self.item or '？'}项声明的“{_NAMES[self.kind]}”在{side}版本一侧"
                    f"有{_count(count)}条，应为{want}"
                )


def _count(n: int) -> str:
    """A count of articles in words (零, 一, 两, 三…)."""
    return {0: "零", 2: "两"}.get(n) or to_cn(n)


def check_declared(
    links: Iterable[DeclaredLink], old_uids: set[str], new_uids: set[str]
) -> list[DeclaredLink]:
    """Check declared links against the two versions' article uids.

    Raises:
        DeclaredLinkError: If a uid is not an article of its version, or two links use it.
    """
    out: list[DeclaredLink] = []
    seen_old: set[str] = set()
    seen_new: set[str] = set()
    for link in links:
        for uids, known, seen, side in (
            (link.old_uids, old_uids, seen_old, "原"),
            (link.new_uids, new_uids, seen_new, "新"),
        ):
            for uid in uids:
                where = f"决定第{link.item or '？'}项"
                if uid not in known:
                    raise DeclaredLinkError(f"{where}声明的条文 {uid} 不在{side}版本中")
                if uid in seen:
                    raise DeclaredLinkError(f"{where}声明的条文 {uid} 在{side}版本一侧重复声明")
                seen.add(uid)
        out.append(link)
    return out
