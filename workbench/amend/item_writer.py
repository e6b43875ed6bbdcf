"""Writing the clauses of one item in the official grammar (`legislative-norms.md` §4.2).

Each operation becomes a clause of catalogue form: 将第X条修改为 / 将第X条改为第Y条，… /
增加一条，作为第X条 / 删去第X条 / 将第X条中的“A”修改为“B” / 将第X条和第Y条合并，作为第Z条 /
将第X章的章名修改为“…” … Old numbers stand on the left, new numbers are stated.

Several operations on one article make one item, written the way decisions compose them
(§4.2 C, D, H, K): the article is named once (将第二十四条改为第二十六条，…) and its 款 and 项
relative to it (第二款修改为, 删去第一款第三项); a 款 that an insertion or deletion before it
renumbered is named with its old number and the new one stated (第一款改为第二款，其中的“A”修改为
“B”). ``其中`` (and a bare “A” after it) only ever points at the place the clause just before
named, in the same sentence: a quoted block ends the sentence, and the clause after it names its
place again. Quoted new text follows the quoting rule (each paragraph opens with “, the last
closes with ”); an item quoted alone leaves out its terminal ；.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
from workbench.amend.quotes import quote_inline
from workbench.numerals import to_cn

__all__ = ["Clause", "ItemWriter", "numbers_label"]

_UNIT = {"article": "条", "paragraph": "款", "item": "项", "subitem": "目"}
_CONTAINER = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}
_NAME = {"book": "编名", "part": "编名", "chapter": "章名", "section": "节名"}


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause as written: its words, its quoted block, how it joins the clause before."""

    words: str
    block: Block | None = None
    """New text quoted on its own paragraphs (None: an inline clause)."""
    continues: bool = False
    """About the place the clause before named: joined by ``，`` (else ``；``)."""


def _count(n: int) -> str:
    return "两" if n == 2 else to_cn(n)


def numbers_label(level: str, numbers: Sequence[int], suffixes: Sequence[int] = ()) -> str:
    """New numbers as stated: ``第三条、第四条``, ``第三条至第五条``, ``第一百三十四条之一``."""
    unit = _UNIT.get(level) or _CONTAINER[level]
    out: list[str] = []
    for k, n in enumerate(numbers):
        suffix = suffixes[k] if k < len(suffixes) else 0
        out.append(f"第{to_cn(n)}{unit}" + (f"之{to_cn(suffix)}" if suffix else ""))
    consecutive = list(numbers) == list(range(numbers[0], numbers[0] + len(numbers)))
    if len(out) >= 3 and not any(suffixes) and consecutive:
        return f"{out[0]}至{out[-1]}"
    return "、".join(out)


def _article(place: Place) -> Place:
    return Place(article=place.article, article_suffix=place.article_suffix)


class ItemWriter:
    """Writes the clauses of one item, keeping the article it is about and the place last named."""

    def __init__(self) -> None:
        self.subject: Place | None = None
        """The article relative places are written against (第二款 = its 第二款)."""
        self.focus: Place | None = None
        """The place the clause before named in this sentence (``其中`` points at it)."""
        self.words_on: Place | None = None
        """The place of the clause before when it changed words (a bare “A” follows it)."""
        self.renumbered = False
        """The clause before only renumbered (将第X条改为第Y条 / 第一款改为第二款)."""

    def clause(self, op: Operation) -> Clause:
        """The clause for ``op``; a clause with a block ends the sentence."""
        renumbered, self.renumbered = self.renumbered, False
        words_on, self.words_on = self.words_on, None
        clause = self._clause(op, words_on)
        if renumbered and not clause.continues and not clause.words.startswith("将"):
            clause = Clause(clause.words, clause.block, continues=True)
        if clause.block is not None:
            self.focus = None
            self.words_on = None
        return clause

    def _clause(self, op: Operation, words_on: Place | None) -> Clause:
        if isinstance(op, Replace):
            return self._replace(op)
        if isinstance(op, InsertUnits):
            return self._insert(op)
        if isinstance(op, Delete):
            text = "删去" + self._list(op.targets)
            self.focus = op.targets[0] if len(op.targets) == 1 else None
            return Clause(text)
        if isinstance(op, Words):
            return self._words(op, words_on)
        if isinstance(op, Renumber):
            text = (
                f"将{self.rel(op.target)}改为{numbers_label('article', [op.number], [op.suffix])}"
            )
            if op.container is not None:
                text += f"，移至{op.container.label}"
            self.subject = self.focus = op.target
            self.renumbered = True
            return Clause(text)
        if isinstance(op, Declared):
            old = self._list(op.old)
            new = "、".join(self.rel(p) for p in op.new)
            self.focus = op.old[0] if len(op.old) == 1 else None
            self.renumbered = True
            return Clause(f"{old}改为{new}")
        if isinstance(op, Split):
            return self._split(op)
        if isinstance(op, Merge):
            return self._merge(op)
        if isinstance(op, Demote):
            self.focus = None
            return Clause(f"将{op.target.label}改为第{to_cn(op.into)}条第{to_cn(op.paragraph)}款")
        if isinstance(op, InsertContainer):
            return Clause(self._insert_container(op))
        if isinstance(op, Rename):
            return Clause(self._rename(op))
        if isinstance(op, ClosingClause):
            return Clause("条文顺序作相应调整")
        raise AssertionError(op)

    # -- places -------------------------------------------------------------------------

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

    def _named(self, place: Place) -> tuple[str, bool]:
        """How a clause names ``place`` afresh, and whether it is relative to the subject.

        A place of another article becomes the subject (将第十二条第二款…).
        """
        words = self.rel(place)
        relative = words != place.label
        if not relative and place.article is not None:
            self.subject = _article(place)
        self.focus = place
        return words, relative

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

    # -- clauses ------------------------------------------------------------------------

    def _replace(self, op: Replace) -> Clause:
        target = op.target
        if target.title:
            return Clause(f"将名称修改为{quote_inline(''.join(op.text))}")
        if target.preamble is not None:
            return Clause(f"将{target.label}修改为：", op.text)
        if target.level == "article":
            same = self.subject is not None and _article(self.subject) == _article(target)
            self.subject = self.focus = target
            if op.number is not None and not same:
                return Clause(f"将{target.label}改为第{to_cn(op.number)}条，修改为：", op.text)
            if same:
                return Clause("修改为：", op.text, continues=True)
            return Clause(f"将{target.label}修改为：", op.text)
        text = op.text
        if target.level in ("item", "subitem") and text and text[0].endswith("；"):
            text = (text[0][:-1], *text[1:])
        if target == self.focus:
            return Clause("修改为：", text, continues=True)
        words, relative = self._named(target)
        return Clause(f"{words}修改为：" if relative else f"将{words}修改为：", text)

    def _insert(self, op: InsertUnits) -> Clause:
        count = len(op.texts) or len(op.numbers) or 1
        lead = ""
        continues = False
        if op.level == "article":
            if op.after is not None:
                lead = f"在{op.after.label}后"
            elif op.container is not None:
                lead = f"在{op.container.label}中"
        elif op.parent is not None:
            parent = op.parent
            if parent == self.focus or (
                parent.level == "article"
                and self.subject is not None
                and _article(self.subject) == _article(parent)
            ):
                continues = parent == self.focus
            elif parent.level != "article" and self.rel(parent) != parent.label:
                lead, _ = self._named(parent)
            else:
                lead = f"在{parent.label}中"
                self.subject = _article(parent)
            self.focus = parent
        text = f"{lead}增加{_count(count)}{_UNIT[op.level]}"
        if op.numbers:
            numbers = numbers_label(op.level, op.numbers, op.suffixes)
            text += f"，{'分别' if count > 1 else ''}作为{numbers}"
        if op.level == "article" and count > 1:
            block: list[str] = []
            for n, lines in zip(op.numbers, op.texts, strict=True):
                block.append(f"第{to_cn(n)}条\u3000{lines[0]}")
                block.extend(lines[1:])
            return Clause(text + "：", tuple(block), continues)
        lines = tuple(line for unit_text in op.texts for line in unit_text)
        single_item = op.level in ("item", "subitem") and len(op.texts) == 1
        if single_item and lines and lines[0].endswith("；"):
            lines = (lines[0][:-1], *lines[1:])
        return Clause(text + "：", lines, continues)

    def _words(self, op: Words, words_on: Place | None) -> Clause:
        old, new = quote_inline(op.old), quote_inline(op.new)
        if op.every or op.target is None:
            verb = "统一修改为" if op.every else "修改为"
            return Clause(f"将{old}{verb}{new}")
        target = op.target
        if op.action in ("append", "prepend"):
            place = self.rel(target)
            where = "开始部分" if op.action == "prepend" else "末尾"
            self.focus = target
            return Clause(f"{place}{where}增加{new}")
        continues = target == self.focus
        if continues:
            lead, where = "", ("" if words_on == target else "其中的")
        else:
            words, relative = self._named(target)
            lead, where = ("" if relative else "将"), f"{words}中的"
        self.words_on = target
        if op.action == "replace":
            return Clause(f"{lead}{where}{old}修改为{new}", continues=continues)
        if op.action == "delete":
            return Clause(f"删去{where}{old}", continues=continues)
        side = "后" if op.action == "insert_after" else "前"
        return Clause(f"在{where}{old}{side}增加{new}", continues=continues)

    def _split(self, op: Split) -> Clause:
        self.subject = self.focus = op.target
        numbers = numbers_label("article", op.numbers)
        lead = f"将{op.target.label}改为{_count(len(op.numbers))}条，分别作为{numbers}"
        if not op.texts:
            return Clause(lead)
        block: list[str] = []
        for n, piece in zip(op.numbers, op.texts, strict=True):
            block.append(f"第{to_cn(n)}条\u3000{piece[0]}")
            block.extend(piece[1:])
        return Clause(lead + "，修改为：", tuple(block))

    def _merge(self, op: Merge) -> Clause:
        self.subject = self.focus = op.targets[0]
        lead = f"将{'和'.join(t.label for t in op.targets)}合并"
        if op.number is not None:
            lead += f"，作为第{to_cn(op.number)}条"
        if op.text is None:
            return Clause(lead)
        return Clause(lead + "，修改为：", op.text)

    def _insert_container(self, op: InsertContainer) -> str:
        unit = _CONTAINER[op.level]
        text = f"在{op.parent.label}中" if op.parent is not None else ""
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
