"""What a published text has that the decision does not itemise (个别文字 left unlisted).

A real decision may end with 此外，对法规的一些文字作了修改: the consolidated text then differs
from the decision applied to the old text. The differences are listed here, never hidden, each
with the clause a decision would have needed to itemise it (将第一条中的“行使”修改为“履行”).
"""

from __future__ import annotations

from workbench.amend.decision import DecisionItem
from workbench.amend.draft import DraftError, draft_decision
from workbench.amend.operations import InsertUnits, Place
from workbench.diff import CHANGE_LABELS, align_documents
from workbench.model import Document, WorkbenchModel, articles
from workbench.numerals import NumeralError, parse_article_number

__all__ = ["Unitemised", "unitemised_changes"]


class Unitemised(WorkbenchModel):
    """One provision where the published text differs from the decision applied."""

    label: str
    """The article as the applied text numbers it, and as the published text does."""
    change: str
    """The kind of difference, in Chinese (修改, 新增, 删除 …)."""
    applied: str
    """The words after applying the decision."""
    published: str
    """The words of the published text."""
    item: str | None = None
    """The clause that itemises the difference, numbered as the applied text is (None when no
    clause of its own can be drafted, e.g. a change that only makes sense with another)."""


def unitemised_changes(applied: Document, published: Document) -> tuple[Unitemised, ...]:
    """Every article whose words or place differ between ``applied`` and ``published``."""
    pairs = [
        p
        for p in align_documents(applied, published).articles
        if p.kind not in ("unchanged", "renumbered")
    ]
    if not pairs:
        return ()
    items = _items(applied, published)
    numbers = _numbers(applied)
    new_numbers = _numbers(published)
    out: list[Unitemised] = []
    for pair in pairs:
        named = {numbers[u] for u in pair.old_uids if u in numbers}
        added = {new_numbers[u] for u in pair.new_uids if u in new_numbers}
        item = next(
            (
                text
                for item, text in items
                if (named and named <= _named(item)) or (not named and added & _inserted(item))
            ),
            None,
        )
        out.append(
            Unitemised(
                label=pair.label,
                change=CHANGE_LABELS[pair.kind],
                applied=pair.old_text,
                published=pair.new_text,
                item=item,
            )
        )
    return tuple(out)


def _items(applied: Document, published: Document) -> list[tuple[DecisionItem, str]]:
    """The items of a decision turning ``applied`` into ``published``, with their words."""
    try:
        decision = draft_decision(applied, published)
    except DraftError:
        return []
    return [(item, item.text) for item in decision.items]


def _numbers(doc: Document) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for art in articles(doc):
        try:
            out[art.uid] = parse_article_number(art.num or "")
        except NumeralError:
            continue
    return out


def _article(place: Place | None) -> tuple[int, int] | None:
    if place is None or place.article is None:
        return None
    return (place.article, place.article_suffix)


def _named(item: DecisionItem) -> set[tuple[int, int]]:
    """The old articles an item names (its targets, the article a 款 or 项 goes into)."""
    out: set[tuple[int, int]] = set()
    for op in item.operations:
        places: list[Place | None] = [
            getattr(op, "target", None),
            getattr(op, "parent", None),
            *getattr(op, "targets", ()),
        ]
        out.update(a for a in map(_article, places) if a is not None)
    return out


def _inserted(item: DecisionItem) -> set[tuple[int, int]]:
    """The new articles an item inserts (作为第X条)."""
    out: set[tuple[int, int]] = set()
    for op in item.operations:
        if isinstance(op, InsertUnits) and op.level == "article":
            suffixes = op.suffixes or (0,) * len(op.numbers)
            out.update(zip(op.numbers, suffixes, strict=False))
    return out
