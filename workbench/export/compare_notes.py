"""The 修改说明 of a 修改对照表 row: what changed, in the words a committee's table uses.

A modified article says which words changed the way a 修改决定 would (将“A”修改为“B”, 删去“A”,
增加一款，作为第三款), through the clause writer of `workbench.amend` (one implementation of the
grammar), without naming the article the row already names. When the clauses would quote whole
paragraphs, the note names the 款 instead (修改第二款；增加一款，作为第三款). A moved article
says where it went (第八条移至第十条之后，改为第十一条). Must not import store or workspace.
"""

from __future__ import annotations

import re

from workbench.amend.boundaries import Lexicon
from workbench.amend.draft_articles import article_operations
from workbench.amend.operations import Renumber, Replace
from workbench.amend.phrases import phrase_edits
from workbench.amend.writer import item_paragraphs
from workbench.diff import Pair
from workbench.model import Document, Node, articles, iter_nodes
from workbench.numerals import NumeralError, parse_article_number
from workbench.refs import DocIndex

__all__ = ["ChangeNotes"]

_MAX_NOTE = 90
"""A note quoting more characters than this names the 款 instead of the words."""

_QUOTED = re.compile(r"(“[^”]*”)")


class ChangeNotes:
    """Writes the 修改说明 of the pairs of one comparison."""

    def __init__(self, old: Document, new: Document) -> None:
        self._old = DocIndex(old)
        self._new = DocIndex(new)
        self._lexicon: Lexicon | None = None
        self._texts = (old, new)
        self._numbers: dict[str, int] = {}
        self._order: list[Node] = list(articles(new))
        for art in self._order:
            try:
                self._numbers[art.uid] = parse_article_number(art.num or "")[0]
            except NumeralError:
                continue

    def modified(self, pair: Pair) -> str:
        """What changed in a one-to-one pair, without the renumbering (the row shows it)."""
        old = "、".join(pair.old_labels)
        words = self._words(pair, old)
        if words:
            return words
        return self._units(pair) or "修改"

    def moved(self, pair: Pair) -> str:
        """Where a moved article went, and what else changed in it."""
        old = "、".join(pair.old_labels)
        new = "、".join(pair.new_labels)
        place = self._where(pair.new_uids[0]) if pair.new_uids else ""
        note = f"{old}移至{place}" if place else f"{old}移动位置"
        if new and new != old:
            note += f"，改为{new}"
        if pair.similarity < 1.0:
            note += "；" + self.modified(pair)
        return note

    def _where(self, uid: str) -> str:
        """``第十条之后`` (the new article before it), or the opening of its 章/节."""
        at = next((k for k, a in enumerate(self._order) if a.uid == uid), None)
        if at is None:
            return ""
        container = self._container(uid)
        if at > 0:
            before = self._order[at - 1]
            if self._container(before.uid) == container or container is None:
                return f"{before.num}之后"
        if container is not None:
            return f"{container.num or ''}之首"
        return "本法规之首" if at == 0 else ""

    def _container(self, uid: str) -> Node | None:
        """The 章 or 节 (the innermost) holding a new article."""
        parent = self._new.parent(uid) if self._new.has(uid) else None
        return parent if parent is not None and parent.kind != "article" else None

    def _words(self, pair: Pair, old_label: str) -> str:
        """The clauses of a 修改决定 for the pair, if short enough to read in a cell."""
        if len(pair.old_uids) != 1 or len(pair.new_uids) != 1:
            return ""
        if pair.new_uids[0] not in self._numbers or not self._old.has(pair.old_uids[0]):
            return ""
        try:
            ops = article_operations(
                self._old, self._old, self._new, pair, self._numbers, self._lexicon_of()
            )
        except (KeyError, ValueError):
            return ""
        ops = [op for op in ops if not isinstance(op, Renumber)]
        restated = any(isinstance(op, Replace) and op.target.paragraph is None for op in ops)
        if not ops or restated:
            return ""
        paragraphs = item_paragraphs(ops)
        if len(paragraphs) != 1 or len(paragraphs[0]) > _MAX_NOTE:
            return ""
        return _without_article(paragraphs[0].removesuffix("。"), old_label)

    def _lexicon_of(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon(n.text for doc in self._texts for n in iter_nodes(doc.children))
        return self._lexicon

    def _units(self, pair: Pair) -> str:
        """Which 款 changed, were added or deleted (from the pair's own paragraph pairs)."""
        parts: list[str] = []
        many = len(pair.children) > 1
        for child in pair.children:
            if child.level != "paragraph" or not child.changed or child.consequential:
                continue
            label = "、".join(child.old_labels)
            if child.kind == "added":
                parts.append(f"增加一款，作为{'、'.join(child.new_labels)}")
            elif child.kind == "deleted":
                parts.append(f"删去{label}")
            else:
                parts.append(self._phrases(child, label if many else "") or f"修改{label}")
        return "；".join(parts)

    def _phrases(self, child: Pair, label: str) -> str:
        """将（第二款中的）“A”修改为“B”, when a few short phrases say it."""
        old, new = child.old_text, child.new_text
        if not old or not new:
            return ""
        edits = phrase_edits(old, old, new, None, self._lexicon_of())
        if not edits:
            return ""
        where = f"{label}中的" if label else ""
        clauses = [
            f"将{where}“{e.old}”修改为“{e.new}”" if e.new else f"删去{where}“{e.old}”"
            for e in edits
        ]
        note = "；".join(clauses)
        return note if len(note) <= _MAX_NOTE else ""


def _without_article(text: str, label: str) -> str:
    """The clauses without the article's own number (将第四条中的“A” → 将“A”), quotes untouched."""
    if not label:
        return text
    pieces = _QUOTED.split(text)
    for k in range(0, len(pieces), 2):  # outside the quotes
        pieces[k] = pieces[k].replace(f"{label}中的", "").replace(label, "")
    out = "".join(pieces)
    return out.replace("将修改为", "修改为").replace("，其中的", "，").strip("，；")
