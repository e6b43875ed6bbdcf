"""What a published text has that the decision does not itemise (个别文字 left unlisted).

A real decision may end with 此外，对法规的一些文字作了修改: the consolidated text then differs
from the decision applied to the old text. The differences are listed here, never hidden.
"""

from __future__ import annotations

from workbench.diff import CHANGE_LABELS, align_documents
from workbench.model import Document, WorkbenchModel

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


def unitemised_changes(applied: Document, published: Document) -> tuple[Unitemised, ...]:
    """Every article whose words or place differ between ``applied`` and ``published``."""
    out: list[Unitemised] = []
    for pair in align_documents(applied, published).articles:
        if pair.kind in ("unchanged", "renumbered"):
            continue
        out.append(
            Unitemised(
                label=pair.label,
                change=CHANGE_LABELS[pair.kind],
                applied=pair.old_text,
                published=pair.new_text,
            )
        )
    return tuple(out)
