"""Quoted new text shared out among the units a clause creates or replaces.

``增加两条，作为第三条、第四条：“第三条　…” “第四条　…”`` gives two articles: the lines are cut
where an article label starts. New 款 start at every line that is no item or subitem; new 项 at
every ``（N）``. Labels of articles quoted with their number are taken off here (and checked
against the numbers the clause states); the parser (`workbench.amend.texts`) reads the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.amend.operations import Block, UnitLevel
from workbench.amend.places import PlaceError
from workbench.numerals import NumeralError, to_cn
from workbench.parse.lines import ARTICLE_RE, HEADING_RE, ITEM_RE, SUBITEM_RE, read_numeral

__all__ = ["article_label_of", "strip_article_label", "unit_texts"]


def article_label_of(line: str) -> tuple[int, int] | None:
    """(number, 之N) of a line that starts with an article label ``第三条　…``, else None."""
    m = ARTICLE_RE.match(line)
    if m is None:
        return None
    try:
        number = read_numeral("".join(m.group(1).split()))[0]
        suffix = read_numeral(m.group(2))[0] if m.group(2) else 0
    except NumeralError:
        return None
    return number, suffix


def strip_article_label(line: str) -> str:
    """``第三条　为了…`` → ``为了…`` (a line without a label is returned unchanged)."""
    m = ARTICLE_RE.match(line)
    if m is None:
        return line
    return m.group(3).strip()


def unit_texts(
    level: UnitLevel, count: int, lines: Sequence[str], numbers: Sequence[int]
) -> tuple[Block, ...]:
    """Cut quoted ``lines`` into the texts of ``count`` units of ``level``.

    Args:
        level: What the lines hold: articles, 款, 项 or 目.
        count: How many units the clause announces.
        lines: The quoted paragraphs.
        numbers: The new numbers stated (checked against quoted article labels).

    Returns:
        One block per unit; an article keeps its 款/项/目 lines without its label.

    Raises:
        PlaceError: If the lines do not make ``count`` units.
    """
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        raise PlaceError("引号中没有文字")
    if level == "article":
        groups = _articles(lines, count, numbers)
    elif level == "paragraph":
        groups = _split_where(lines, lambda s: not _is_item(s) and not _is_subitem(s))
    elif level == "item":
        groups = _split_where(lines, _is_item)
    else:
        groups = _split_where(lines, _is_subitem)
    if len(groups) != count:
        if count == 1 and level != "article":
            return (tuple(lines),)
        raise PlaceError(f"应有{to_cn(count)}段新条文，引文中读出{to_cn(len(groups))}段")
    return tuple(tuple(g) for g in groups)


def _articles(lines: list[str], count: int, numbers: Sequence[int]) -> list[list[str]]:
    # A heading quoted with new articles (第七节　监察委员会) belongs to its own clause.
    while len(lines) > 1 and HEADING_RE.match(lines[0]) and article_label_of(lines[0]) is None:
        lines = lines[1:]
    labelled = [i for i, line in enumerate(lines) if article_label_of(line) is not None]
    if not labelled or labelled[0] != 0:
        if count == 1:
            return [lines]
        raise PlaceError(f"新增{to_cn(count)}条的引文没有写明各条的序号，无法分条")
    groups: list[list[str]] = []
    for start, end in zip(labelled, [*labelled[1:], len(lines)], strict=True):
        groups.append([strip_article_label(lines[start]), *lines[start + 1 : end]])
        found = article_label_of(lines[start])
        k = len(groups) - 1
        if numbers and k < len(numbers) and found is not None and found[0] != numbers[k]:
            raise PlaceError(
                f"引文中的“第{to_cn(found[0])}条”与写明的“第{to_cn(numbers[k])}条”不一致"
            )
    if count == 1 and len(groups) > 1:
        # One article restated whose own text holds lines that look like labels: keep whole.
        return [[strip_article_label(lines[0]), *lines[1:]]]
    return groups


def _split_where(lines: list[str], starts: object) -> list[list[str]]:
    assert callable(starts)
    groups: list[list[str]] = []
    for line in lines:
        if not groups or starts(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _is_item(line: str) -> bool:
    return ITEM_RE.match(line) is not None


def _is_subitem(line: str) -> bool:
    return SUBITEM_RE.match(line) is not None
