"""The checks the parser runs while it reads: numbering of 编/章/节/条/项/目, item punctuation.

Each finding is a `Diagnostic` with the source line and a Chinese message saying what to fix.
Numbering is checked as written (gaps, duplicates, order, non-canonical numerals); 章 numbering is
detected, not assumed: a 章 that restarts at 1 after a 编 means ``per_book`` (刑法, 民法典).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import KIND_LABELS, Diagnostic, NodeKind, Severity
from workbench.model.trusted import diagnostic
from workbench.numerals import NumeralError, to_cn
from workbench.parse.builder import NodeData
from workbench.parse.lines import read_numeral

__all__ = ["Numbering", "check_item_punctuation", "item_endings"]

_NO_NUMBER = 0


class Numbering:
    """Running numbers of the text as written, and the diagnostics they give rise to."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        """Where findings are appended (shared with the parser)."""
        self.counter: dict[str, int] = {"book": 0, "part": 0, "chapter": 0, "section": 0}
        """The last number seen of each container kind in its current scope."""
        self.book_since_chapter = False
        self.per_book = False
        """A 章 restarted at 1 after a 编: chapter numbers restart per 编."""
        self.prev_article: tuple[int, int] | None = None
        """(number, 之N suffix) of the last article."""
        self.first_article = 1
        """The number of the first article."""

    def add(
        self, severity: Severity, code: str, message: str, line: int, uid: str | None = None
    ) -> None:
        """Record one finding."""
        self.diagnostics.append(
            diagnostic(severity=severity, code=code, message=message, line=line, uid=uid)
        )

    def container(self, kind: NodeKind, numeral: str, line: int) -> int | None:
        """Check a 编/分编/章/节 number as written; return its value (None if unreadable)."""
        try:
            value, canonical = read_numeral(numeral)
        except NumeralError:
            self.add("warning", "bad-number", f"无法识别的序号“{numeral}”", line)
            return None
        if not canonical:
            self.add(
                "info",
                "non-canonical-numeral",
                f"序号“{numeral}”不是规范写法，应为“{to_cn(value)}”",
                line,
            )
        prev = self.counter[kind]
        if kind == "book":
            self.counter["part"] = 0
            self.book_since_chapter = True
        elif kind == "chapter":
            self.counter["section"] = 0
            if self.book_since_chapter and value == 1 and prev > 0:
                self.per_book = True
                prev = 0
            self.book_since_chapter = False
        if value != prev + 1:
            self.gap(KIND_LABELS[kind], prev, value, line)
        self.counter[kind] = value
        return value

    def inferred(self, kind: NodeKind, value: int) -> None:
        """Count a container whose number was inferred (a heading that lost it)."""
        self.counter[kind] = value
        if kind == "chapter":
            self.counter["section"] = 0

    def article(self, value: int, suffix: int, line: int, uid: str) -> None:
        """Check an article number (``suffix`` N for 之N) against the one before."""
        if value <= _NO_NUMBER:
            return
        prev = self.prev_article
        self.prev_article = (value, suffix)
        if prev is None:
            self.first_article = value
            return
        pv, ps = prev
        if suffix:
            if value == pv and suffix == ps + 1:
                return
            self.add(
                "warning",
                "numbering-order",
                f"插入条第{to_cn(value)}条之{to_cn(suffix)}不接在第{to_cn(pv)}条"
                + (f"之{to_cn(ps)}" if ps else "")
                + "之后",
                line,
                uid,
            )
            return
        if value != pv + 1:
            self.gap("条", pv, value, line, uid)

    def sequence(self, siblings: int, numeral: str, label: str, line: int, uid: str) -> str | None:
        """Check an item (项) or subitem (目) number after ``siblings`` earlier ones.

        Returns:
            The number as an eid token, or None if it cannot be read.
        """
        try:
            value = read_numeral(numeral)[0]
        except NumeralError:
            return None
        expected = siblings + 1
        if value != expected:
            shown = to_cn(expected) if label == "项" else str(expected)
            self.add(
                "warning",
                "numbering-gap" if value > expected else "numbering-order",
                f"{label}的编号应为{shown}，实为{numeral}",
                line,
                uid,
            )
        return str(value)

    def gap(self, label: str, prev: int, value: int, line: int, uid: str | None = None) -> None:
        """Report ``value`` following ``prev`` (a gap, a duplicate or a step back)."""
        if value > prev + 1:
            missing = "、".join(
                f"第{to_cn(v)}{label}" for v in range(prev + 1, min(value, prev + 6))
            )
            more = "等" if value - prev > 6 else ""
            self.add(
                "warning",
                "numbering-gap",
                f"编号跳跃：第{to_cn(value)}{label}之前缺少{missing}{more}",
                line,
                uid,
            )
        else:
            before = f"第{to_cn(prev)}{label}" if prev >= 1 else "开头"
            self.add(
                "warning",
                "numbering-order",
                f"编号重复或顺序颠倒：第{to_cn(value)}{label}出现在{before}之后",
                line,
                uid,
            )


def check_item_punctuation(
    item_parents: list[NodeData], line_of: dict[str, int], numbering: Numbering
) -> None:
    """Check the endings of every run of items and subitems (`legislative-norms.md` §1.8).

    Non-final items end ``；``, the final one ``。``, an item that introduces subitems ``：``;
    all items ending ``。`` (each a full sentence) is valid; half-width ``;`` ``:`` ``,`` never are.

    Args:
        item_parents: The paragraphs that introduce items.
        line_of: Source line of every item and subitem, by uid.
        numbering: Where findings go.
    """
    for para in item_parents:
        _check_run(para["children"], line_of, numbering)


def item_endings(endings: Sequence[str], introduces: Sequence[bool]) -> list[tuple[int, str]]:
    """Which items of one run end wrongly (`legislative-norms.md` §1.8), and how each should end.

    Non-final items end ``；``, the final one ``。`` (``；`` is tolerated), an item that introduces
    subitems ``：``; every item ending ``。`` (each a full sentence) is valid, the items with
    subitems still ending ``：``; half-width ``;`` ``:`` ``,`` never are.

    Args:
        endings: The last character of each item's own text, in order (empty if it has none).
        introduces: For each item, whether it introduces subitems (目).

    Returns:
        ``(position in the run, the ending it should have)`` for every item that ends wrongly.
    """
    plain = [e for e, intro in zip(endings, introduces, strict=True) if not intro]
    all_full_stop = bool(plain) and all(e == "。" for e in plain)
    last = len(endings) - 1
    out: list[tuple[int, str]] = []
    for k, end in enumerate(endings):
        if introduces[k]:
            ok, want = end in ("：", ":"), "："
        elif all_full_stop:
            ok, want = True, "。"
        elif k < last:
            ok, want = end == "；", "；"
        else:
            ok, want = end in ("。", "；"), "。"
        if end in (";", ":", ","):
            ok = False
        if not ok:
            out.append((k, want))
    return out


def _check_run(run: list[NodeData], line_of: dict[str, int], numbering: Numbering) -> None:
    endings = [c["text"][-1:] for c in run]
    for k, want in item_endings(endings, [bool(c["children"]) for c in run]):
        node = run[k]
        end = endings[k]
        shown = f"“{end}”" if end else "没有标点"
        numbering.add(
            "warning",
            "item-punctuation",
            f"{KIND_LABELS[node['kind']]}{node['num']}以{shown}结尾，按规范应以“{want}”结尾",
            line_of[node["uid"]],
            node["uid"],
        )
    for node in run:
        if node["children"]:
            _check_run(node["children"], line_of, numbering)
