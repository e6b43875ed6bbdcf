"""Writing a decision in the official layout (`legislative-norms.md` §4.2, §7.4).

`decision_paragraphs` lays out the whole decision: preamble, numbered items, the closing clauses
(此外，对条文顺序作相应调整。/ 施行 / 重新公布). The clauses of each item are written by
`workbench.amend.item_writer` and joined into sentences: ``，`` between clauses about one place,
``；`` between places, a quoted block ending the sentence. The reader
(`workbench.amend.reader`) reads every form written here back to the same operations.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.amend.decision import Decision, DecisionItem
from workbench.amend.item_writer import ItemWriter
from workbench.amend.operations import Operation
from workbench.amend.quotes import quote_block
from workbench.numerals import to_cn

__all__ = ["decision_paragraphs", "decision_text", "item_label", "item_paragraphs"]


def item_paragraphs(operations: Sequence[Operation]) -> list[str]:
    """The paragraphs of one item (without its number): clauses and quoted blocks."""
    writer = ItemWriter()
    paragraphs: list[str] = []
    sentence = ""
    for op in operations:
        clause = writer.clause(op)
        if sentence:
            sentence += "，" if clause.continues else "；"
        sentence += clause.words
        if clause.block is None:
            continue
        quoted = quote_block(clause.block)
        paragraphs.append(sentence + quoted[0])
        paragraphs.extend(quoted[1:])
        sentence = ""
    if sentence:
        paragraphs.append(sentence + "。")
    return paragraphs


def item_label(k: int) -> str:
    """The number of the k-th item (1-based): ``一``, ``二`` …."""
    return to_cn(k)


def decision_paragraphs(decision: Decision) -> list[str]:
    """Every paragraph of the decision after its title and 题注: preamble, items, closing."""
    out = list(decision.preamble)
    numbered = len(decision.parts) > 1
    for part in decision.parts:
        if numbered and part.heading:
            out.append(f"{part.label}、{part.heading}")
            out.extend(part.intro)
        for item in part.items:
            out.extend(_numbered(item))
    closing = decision.closing
    if closing.reorder or closing.unitemised:
        words = []
        if closing.unitemised:
            words.append(closing.unitemised)
        if closing.reorder:
            words.append("对条文顺序作相应调整")
        out.append("此外，" + "，".join(words) + "。")
    out.extend(closing.other)
    if closing.effective:
        out.append(closing.effective)
    if closing.republish:
        out.append(closing.republish)
    return out


def _numbered(item: DecisionItem) -> list[str]:
    lines = item.text.split("\n") if item.text else item_paragraphs(item.operations)
    if not lines:
        return []
    label = item.label.rsplit(".", 1)[-1]
    sep = "." if label.isdigit() else "、"
    return [f"{label}{sep}{lines[0]}", *lines[1:]]


def decision_text(decision: Decision) -> str:
    """The decision as plain text: title, 题注, then one paragraph per line, blank lines between."""
    head = [decision.title]
    if decision.note:
        head.append(f"（{decision.note}）")
    return "\n\n".join([*head, *decision_paragraphs(decision)]) + "\n"
