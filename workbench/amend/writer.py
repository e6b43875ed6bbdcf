"""Writing a decision in the official grammar (`legislative-norms.md` §4.2, §7.4).

Each operation becomes a clause of catalogue form: 将第X条修改为 / 将第X条改为第Y条，… /
增加一条，作为第X条 / 删去第X条 / 将第X条中的“A”修改为“B” / 将第X条和第Y条合并，作为第Z条 /
将第X章的章名修改为“…” … Old numbers stand on the left, new numbers are stated. Clauses on
the article an item opened are written relative to it (第二款修改为, 其中的“A”…); quoted new text
follows the quoting rule (each paragraph opens with “, the last closes with ”), an item quoted
alone leaves out its terminal ；. `decision_paragraphs` lays out the whole decision; the reader
(`workbench.amend.reader`) reads every form written here back to the same operations.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.amend.decision import Decision, DecisionItem
from workbench.amend.operations import (
    Block,
    ClosingClause,
    Declared,
    Delete,
    Demote,
    InsertContainer,
    InsertUnits,
    Merge,
    Operation,
    Place,
    Rename,
    Renumber,
    Replace,
    Split,
    Words,
)
from workbench.amend.quotes import quote_block, quote_inline
from workbench.numerals import to_cn

__all__ = ["decision_paragraphs", "decision_text", "item_label", "item_paragraphs"]

_UNIT = {"article": "条", "paragraph": "款", "item": "项", "subitem": "目"}
_CONTAINER = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}
_NAME = {"book": "编名", "part": "编名", "chapter": "章名", "section": "节名"}


def _count(n: int) -> str:
    return "两" if n == 2 else to_cn(n)


def _numbers(level: str, numbers: Sequence[int], suffixes: Sequence[int] = ()) -> str:
    unit = _UNIT.get(level) or _CONTAINER[level]
    out: list[str] = []
    for k, n in enumerate(numbers):
        suffix = suffixes[k] if k < len(suffixes) else 0
        label = f"第{to_cn(n)}{unit}" + (f"之{to_cn(suffix)}" if suffix else "")
        out.append(label)
    if (
        len(out) >= 3
        and not any(suffixes)
        and list(numbers) == list(range(numbers[0], numbers[0] + len(numbers)))
    ):
        return f"{out[0]}至{out[-1]}"
    return "、".join(out)


class _Writer:
    """Writes the clauses of one item, keeping the article the item is about."""

    def __init__(self) -> None:
        self.subject: Place | None = None
        """The article relative places are written against."""
        self.focus: Place | None = None
        """The place the reader takes ``其中`` and a bare “A” for (its last place named)."""

    def rel(self, place: Place) -> str:
        """``place`` as this item writes it: relative to its article when that is the subject."""
        s = self.subject
        if (
            s is not None
            and place.article is not None
            and place.article == s.article
            and place.article_suffix == s.article_suffix
            and place.level not in ("article", "title", "preamble")
        ):
            return place.model_copy(update={"article": None, "article_suffix": 0}).label
        return place.label

    def where(self, place: Place) -> tuple[str, bool]:
        """The place words are in, and whether it is written relative to the item's article.

        ``第十二条第二款中的``, ``其中的``, or nothing when the last clause named the place.
        """
        if place == self.focus:
            return ("其中的" if place.level == "article" else ""), True
        words = self.rel(place)
        relative = words != place.label
        if not relative and place.article is not None:
            self.subject = Place(article=place.article, article_suffix=place.article_suffix)
        self.focus = place
        return f"{words}中的", relative

    def clause(self, op: Operation) -> tuple[str, Block | None]:
        """The clause's words and its quoted block (None for an inline clause)."""
        words, block = self._clause(op)
        if isinstance(op, (Renumber, Split)):
            self.focus = op.target
        elif isinstance(op, Merge):
            self.focus = op.targets[0]
        elif isinstance(op, Replace) and op.target.level not in ("title", "preamble"):
            self.focus = op.target
        elif isinstance(op, InsertUnits) and op.level == "paragraph" and op.parent is not None:
            self.focus = Place(article=op.parent.article, article_suffix=op.parent.article_suffix)
        return words, block

    def _clause(self, op: Operation) -> tuple[str, Block | None]:
        if isinstance(op, Replace):
            return self._replace(op)
        if isinstance(op, InsertUnits):
            return self._insert(op)
        if isinstance(op, Delete):
            return "删去" + self._list(op.targets), None
        if isinstance(op, Words):
            return self._words(op), None
        if isinstance(op, Renumber):
            text = f"将{self.rel(op.target)}改为{_numbers('article', [op.number], [op.suffix])}"
            if op.container is not None:
                text += f"，移至{op.container.label}"
            self.subject = op.target
            return text, None
        if isinstance(op, Split):
            self.subject = op.target
            numbers = _numbers("article", op.numbers)
            lead = f"将{op.target.label}改为{_count(len(op.numbers))}条，分别作为{numbers}"
            if not op.texts:
                return lead, None
            block: list[str] = []
            for n, piece in zip(op.numbers, op.texts, strict=True):
                block.append(f"第{to_cn(n)}条\u3000{piece[0]}")
                block.extend(piece[1:])
            return lead + "，修改为：", tuple(block)
        if isinstance(op, Merge):
            self.subject = op.targets[0]
            joined = "和".join(t.label for t in op.targets)
            lead = f"将{joined}合并"
            if op.number is not None:
                lead += f"，作为第{to_cn(op.number)}条"
            if op.text is None:
                return lead, None
            return lead + "，修改为：", op.text
        if isinstance(op, Demote):
            return f"将{op.target.label}改为第{to_cn(op.into)}条第{to_cn(op.paragraph)}款", None
        if isinstance(op, InsertContainer):
            return self._insert_container(op), None
        if isinstance(op, Rename):
            return self._rename(op), None
        if isinstance(op, Declared):
            old = self._list(op.old)
            new = "、".join(self.rel(p) for p in op.new)
            return f"{old}相应改为{new}", None
        if isinstance(op, ClosingClause):
            return "条文顺序作相应调整", None
        raise AssertionError(op)

    def _list(self, places: Sequence[Place]) -> str:
        labels = [self.rel(p) for p in places]
        levels = {p.level for p in places}
        if len(places) >= 3 and len(levels) == 1:
            level = levels.pop()
            numbers = [getattr(p, level) for p in places]
            rest = [p.model_copy(update={level: 0}) for p in places]
            if (
                level in _UNIT
                and all(isinstance(n, int) for n in numbers)
                and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
                and all(r == rest[0] for r in rest)
            ):
                return f"{labels[0]}至{labels[-1]}"
        return "、".join(labels)

    def _replace(self, op: Replace) -> tuple[str, Block | None]:
        target = op.target
        if target.title:
            return f"将名称修改为{quote_inline(''.join(op.text))}", None
        if target.preamble is not None:
            return f"将{target.label}修改为：", op.text
        if target.level == "article":
            same = (
                self.subject is not None
                and self.subject.article == target.article
                and (self.subject.article_suffix == target.article_suffix)
            )
            self.subject = target
            if op.number is not None:
                moved = f"将{target.label}改为第{to_cn(op.number)}条，修改为："
                return ("修改为：" if same else moved), op.text
            if same:
                return "修改为：", op.text
            return f"将{target.label}修改为：", op.text
        text = op.text
        if target.level in ("item", "subitem") and text and text[0].endswith("；"):
            text = (text[0][:-1], *text[1:])
        words = self.rel(target)
        lead = f"{words}修改为：" if words != target.label else f"将{words}修改为："
        if target.article is not None:
            self.subject = self.subject or Place(
                article=target.article, article_suffix=target.article_suffix
            )
        return lead, text

    def _insert(self, op: InsertUnits) -> tuple[str, Block | None]:
        count = len(op.texts) or len(op.numbers) or 1
        unit = _UNIT[op.level]
        lead = ""
        if op.level == "article":
            if op.after is not None:
                lead = f"在{op.after.label}后"
            elif op.container is not None:
                lead = f"在{op.container.label}中"
        elif op.parent is not None:
            parent = self.rel(op.parent) if op.parent.level != "article" else None
            if parent is not None and parent != op.parent.label:
                lead = parent
            elif self.subject is None or self.subject.article != op.parent.article:
                lead = f"在{op.parent.label}中"
                self.subject = Place(
                    article=op.parent.article, article_suffix=op.parent.article_suffix
                )
        text = f"{lead}增加{_count(count)}{unit}"
        if op.numbers:
            numbers = _numbers(op.level, op.numbers, op.suffixes)
            text += f"，{'分别' if count > 1 else ''}作为{numbers}"
        if op.level == "article" and count > 1:
            block: list[str] = []
            for n, lines in zip(op.numbers, op.texts, strict=True):
                block.append(f"第{to_cn(n)}条\u3000{lines[0]}")
                block.extend(lines[1:])
            return text + "：", tuple(block)
        lines = tuple(line for unit_text in op.texts for line in unit_text)
        if (
            op.level in ("item", "subitem")
            and len(op.texts) == 1
            and lines
            and lines[0].endswith("；")
        ):
            lines = (lines[0][:-1], *lines[1:])
        return text + "：", lines

    def _words(self, op: Words) -> str:
        old, new = quote_inline(op.old), quote_inline(op.new)
        if op.every or op.target is None:
            verb = "统一修改为" if op.every else "修改为"
            return f"将{old}{verb}{new}"
        if op.action in ("append", "prepend"):
            place = self.rel(op.target)
            return f"{place}{'开始部分' if op.action == 'prepend' else '末尾'}增加{new}"
        where, relative = self.where(op.target)
        lead = "" if relative else "将"
        if op.action == "replace":
            return f"{lead}{where}{old}修改为{new}"
        if op.action == "delete":
            return f"删去{where}{old}"
        side = "后" if op.action == "insert_after" else "前"
        return f"在{where}{old}{side}增加{new}"

    def _insert_container(self, op: InsertContainer) -> str:
        unit = _CONTAINER[op.level]
        text = ""
        if op.parent is not None:
            text = f"在{op.parent.label}中"
        text += f"增加一{unit}"
        if op.number is not None:
            text += f"，作为第{to_cn(op.number)}{unit}"
        text += quote_inline(op.heading)
        if op.first is not None:
            text += f"，包括第{to_cn(op.first)}条"
            if op.last is not None and op.last != op.first:
                text += f"至第{to_cn(op.last)}条"
        return text

    def _rename(self, op: Rename) -> str:
        if op.target.title:
            return f"将名称修改为{quote_inline(op.heading or '')}"
        label = op.target.label
        level = op.target.level
        if op.remove:
            return f"删去{label}{_NAME.get(level, '标题')}"
        parts: list[str] = []
        if op.number is not None:
            parts.append(f"将{label}改为第{to_cn(op.number)}{_CONTAINER.get(level, '')}")
        if op.heading is not None:
            lead = f"将{label}的" if not parts else ""
            parts.append(f"{lead}{_NAME.get(level, '标题')}修改为{quote_inline(op.heading)}")
        if op.first is not None:
            lead = f"将{label}调整为" if not parts else ""
            parts.append(f"{lead}包括第{to_cn(op.first)}条")
        return "，".join(parts)


def item_paragraphs(operations: Sequence[Operation]) -> list[str]:
    """The paragraphs of one item (without its number): clauses and quoted blocks."""
    writer = _Writer()
    paragraphs: list[str] = []
    sentence: list[str] = []
    for op in operations:
        words, block = writer.clause(op)
        if block is None:
            sentence.append(words)
            continue
        quoted = quote_block(block)
        head = _join(sentence, words)
        sentence = []
        paragraphs.append(head + quoted[0])
        paragraphs.extend(quoted[1:])
    if sentence:
        paragraphs.append(_join(sentence, "") + "。")
    return paragraphs


def _join(clauses: list[str], last: str) -> str:
    """Inline clauses and the head of a block clause: one sentence, parts joined by ``，``/``；``."""
    parts = [*clauses, last] if last else list(clauses)
    out = ""
    for k, part in enumerate(parts):
        if k:
            out += "，" if _continues(parts[k - 1], part) else "；"
        out += part
    return out


def _continues(previous: str, part: str) -> bool:
    """A clause that only renumbers is followed by ``，`` (将第十一条改为第十二条，增加一款…)."""
    return (
        previous.startswith("将")
        and "改为第" in previous
        and "修改为" not in previous
        and (not part.startswith("将"))
    )


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
