"""What every clause form shares: the token patterns, the item's context, the form type.

An item is first tokenized (`workbench.amend.quotes`): quoted words become tokens ``Q`` and
quoted blocks tokens ``B``, so the forms see only the decision's own words, e.g.
``将第十一条改为第十二条，增加一款，作为第三款：B``. Places are read by `workbench.amend.places`
(the citation grammar of `workbench.refs`); the item's *subject* (the place an earlier clause
named) completes relative places: in ``将第十三条改为第十五条，第一款修改为：…`` the 第一款 is
第十三条's, and ``其中`` is the subject itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.amend.operations import Block, InsertUnits, Operation, Place, UnitLevel
from workbench.amend.places import PLACE, SEQ, PlaceError, read_places
from workbench.amend.quotes import BLOCK_MARK, QUOTE_MARK, Tokenized

__all__ = [
    "CN_COUNT",
    "CONTAINER_LEVEL",
    "NEW_LIST",
    "SUBJECTS",
    "UNIT_LEVEL",
    "B",
    "Context",
    "Form",
    "ItemReading",
    "P",
    "Q",
    "form",
    "new_numbers",
    "no_elision",
    "source",
]

Q = "\x01\\d+\x02"
"""An inline quote (“A”) in the skeleton."""
B = "\x03\\d+\x04"
"""A quoted block (new text on its own paragraphs) in the skeleton."""
SUBJECTS = "该条|这一条|本条|该款|这一款|该项|这一项|这一自然段|该自然段|其中|该章|该节"
P = rf"(?:{PLACE}|{SUBJECTS})"
"""A place: numbered, or a word for the subject (该条, 其中 …)."""
CN_COUNT = "[一两二三四五六七八九十]+"
"""How many units a clause adds (增加两条)."""
NEW_LIST = rf"{SEQ}(?:(?:、|和|及|至){SEQ}(?!(?:相应)?(?:改为|调整为)))*"
"""New numbers after 改为, not running into the next 第X条改为 of a list of renumberings."""
UNIT_LEVEL: dict[str, UnitLevel] = {
    "条": "article",
    "款": "paragraph",
    "项": "item",
    "目": "subitem",
}
CONTAINER_LEVEL = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}


@dataclass(slots=True)
class ItemReading:
    """What `read_item` made of one item."""

    operations: list[Operation] = field(default_factory=list)
    """The operations read, in order."""
    manual: list[str] = field(default_factory=list)
    """Why clauses need a person (Chinese), one entry per clause."""
    unrecognised: list[str] = field(default_factory=list)
    """Words that matched no form."""


@dataclass(slots=True)
class Context:
    """One item being read: its tokens, what was read so far, the place it is about."""

    tok: Tokenized
    """The item's skeleton with its quotes and blocks."""
    reading: ItemReading
    """The operations and reasons collected so far."""
    subject: Place | None = None
    """The place an earlier clause named (relative places and 其中 are read against it)."""
    pending_insert: InsertUnits | None = None
    """An insertion whose text follows in a later clause (…，内容如下：)."""

    def quote(self, token: str) -> str:
        """The words of an inline quote token."""
        m = QUOTE_MARK.fullmatch(token)
        assert m is not None
        return self.tok.quotes[int(m.group(1))]

    def text(self, token: str) -> Block:
        """The words of a quote or block token, as paragraphs."""
        m = BLOCK_MARK.fullmatch(token)
        if m is not None:
            return self.tok.blocks[int(m.group(1))]
        return tuple(self.tok.quotes[int(k)] for k in QUOTE_MARK.findall(token))

    def places(self, words: str | None) -> list[Place]:
        """The places ``words`` name, completed by the subject (none given: the subject).

        Raises:
            PlaceError: If the words name no place, or a 款/项 of no article.
        """
        if not words:
            return [self.subject] if self.subject is not None else []
        if re.fullmatch(SUBJECTS, words):
            if self.subject is None:
                raise PlaceError(f"“{words}”指代不明：前文没有写明条款")
            return [self.subject]
        found = [p.with_article(self.subject) for p in read_places(words)]
        for place in found:
            level = place.level
            if (
                level in ("paragraph", "item", "subitem")
                and place.article is None
                and not place.quote
            ):
                raise PlaceError(f"“{words}”没有写明是哪一条的")
        return found

    def place(self, words: str | None) -> Place | None:
        """The one place ``words`` name; it becomes the subject of the clauses after it.

        Raises:
            PlaceError: If the words name no place or more than one.
        """
        found = self.places(words)
        if len(found) > 1:
            raise PlaceError(f"“{words}”应当只指一处")
        if found and found[0].level in ("article", "paragraph", "item", "subitem", "preamble"):
            self.subject = found[0]
        return found[0] if found else None

    def add(self, op: Operation) -> None:
        """Record an operation read."""
        self.reading.operations.append(op)


Reader = Callable[[re.Match[str], Context], None]
"""What a form does with its match: add operations (or a manual reason) to the context."""


@dataclass(frozen=True, slots=True)
class Form:
    """One clause form of §4.2: the words it matches in the skeleton and how it reads them."""

    pattern: re.Pattern[str]
    read: Reader
    name: str


def form(pattern: str) -> Callable[[Reader], Form]:
    """Make the decorated reader a `Form` matching ``pattern``.

    Forms are tried in the order of `workbench.amend.clauses.reading.FORMS`.
    """

    def make(read: Reader) -> Form:
        return Form(re.compile(pattern), read, read.__name__)

    return make


def source(m: re.Match[str], ctx: Context) -> str:
    """The clause as written, quotes put back (blocks shown as “…”)."""
    text = QUOTE_MARK.sub(lambda q: f"“{ctx.tok.quotes[int(q.group(1))]}”", m.group(0))
    return BLOCK_MARK.sub("“…”", text).rstrip("：:，,")


def new_numbers(words: str) -> tuple[list[int], list[int]]:
    """The numbers stated after 作为 (第三条、第四条 / 第一百三十四条之一 / 第三款)."""
    numbers: list[int] = []
    suffixes: list[int] = []
    for place in read_places(words):
        level = place.level
        value = getattr(place, level) if level not in ("title", "preamble") else None
        if value is None:
            raise PlaceError(f"无法识别新的序号“{words}”")
        numbers.append(value)
        suffixes.append(place.article_suffix if level == "article" else 0)
    return numbers, suffixes


def no_elision(text: str) -> None:
    """Refuse new words given only in part (“……”): they cannot be applied as written.

    Raises:
        PlaceError: If ``text`` has an ellipsis.
    """
    if "……" in text or "..." in text:
        raise PlaceError("引文中有省略号“……”，只给出了部分文字，需人工对照修改")
