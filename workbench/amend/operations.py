"""The typed operations of a 修改决定 (`legislative-norms.md` §4.2): what each clause does.

A decision names places in the **old** text (``将第十九条…``) and states new numbers explicitly
(``改为第二十条``, ``作为第二十五条``). A `Place` is such an old-numbered place; the operations
carry the new numbers and the quoted text as written (one string per paragraph, quotation marks
removed). Pure pydantic types; reading is `workbench.amend.clauses`, applying
`workbench.amend.apply`, writing `workbench.amend.writer`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from workbench.model import WorkbenchModel
from workbench.numerals import to_cn

__all__ = [
    "Block",
    "ClosingClause",
    "ClosingWhat",
    "ContainerLevel",
    "Declared",
    "Delete",
    "Demote",
    "InsertContainer",
    "InsertUnits",
    "Merge",
    "Operation",
    "Place",
    "PlaceLevel",
    "Rename",
    "Renumber",
    "Replace",
    "Split",
    "UnitLevel",
    "WordAction",
    "Words",
]

Block = tuple[str, ...]
"""Quoted text as paragraphs (one string per line of the quote, quotation marks removed)."""

PlaceLevel = Literal[
    "title",
    "preamble",
    "book",
    "part",
    "chapter",
    "section",
    "article",
    "paragraph",
    "item",
    "subitem",
]
UnitLevel = Literal["article", "paragraph", "item", "subitem"]
ContainerLevel = Literal["book", "part", "chapter", "section"]

_CONTAINER_UNITS: dict[str, str] = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}


class Place(WorkbenchModel):
    """A place in the base text, numbered as the old text numbers it."""

    book: int | None = None
    """第N编."""
    part: int | None = None
    """第N分编."""
    chapter: int | None = None
    """第N章."""
    section: int | None = None
    """第N节 (within its chapter)."""
    article: int | None = None
    """第N条."""
    article_suffix: int = 0
    """K of 第N条之K; 0 for a plain article."""
    paragraph: int | None = None
    """第N款 (position within the article)."""
    item: int | None = None
    """第N项."""
    subitem: int | None = None
    """第N目."""
    preamble: int | None = None
    """A paragraph of the 序言/引言 (1-based); 0 for the whole preamble."""
    title: bool = False
    """The instrument's name (名称)."""
    quote: str | None = None
    """Words quoted to single out a paragraph of the place (宪法第六十二条“…”中)."""

    @property
    def level(self) -> PlaceLevel:
        """The lowest level the place names."""
        if self.title:
            return "title"
        if self.preamble is not None:
            return "preamble"
        for level in ("subitem", "item", "paragraph", "article", "section", "chapter", "part"):
            if getattr(self, level) is not None:
                return level
        return "book"

    @property
    def label(self) -> str:
        """The place written as a decision writes it: ``第十二条第二款第三项``, ``第三章第一节``."""
        if self.title:
            return "名称"
        if self.preamble is not None:
            return "序言" if self.preamble == 0 else f"序言第{to_cn(self.preamble)}自然段"
        out = ""
        for level in ("book", "part", "chapter", "section"):
            number = getattr(self, level)
            if number is not None:
                out += f"第{to_cn(number)}{_CONTAINER_UNITS[level]}"
        if self.article is not None:
            out += f"第{to_cn(self.article)}条"
            if self.article_suffix:
                out += f"之{to_cn(self.article_suffix)}"
        if self.paragraph is not None:
            out += f"第{to_cn(self.paragraph)}款"
        if self.item is not None:
            out += f"第{to_cn(self.item)}项"
        if self.subitem is not None:
            out += f"第{self.subitem}目"
        return out

    def with_article(self, article: Place | None) -> Place:
        """This place read inside ``article`` (a bare 第一款 of an item about 第十三条)."""
        if article is None or self.article is not None or self.level in ("title", "preamble"):
            return self
        if self.level in ("book", "part", "chapter", "section"):
            return self
        update: dict[str, object] = {
            "article": article.article,
            "article_suffix": article.article_suffix,
        }
        if self.quote is None and article.quote is not None:
            update["quote"] = article.quote
        if self.paragraph is None and article.paragraph is not None and self.level != "paragraph":
            update["paragraph"] = article.paragraph
        return self.model_copy(update=update)


class _Op(WorkbenchModel):
    """Fields every operation has."""

    source: str = ""
    """The clause as written in the decision (for messages and the decision ↔ change link)."""


class Replace(_Op):
    """将第X条修改为：“…” / 将第X条改为第Y条，修改为 / 第Y款修改为 / 将引言（名称）修改为."""

    kind: Literal["replace"] = "replace"
    target: Place
    """The article, 款, 项, 目, preamble paragraph (or the whole preamble) replaced."""
    number: int | None = None
    """The article's new number when the clause states one (改为第Y条)."""
    text: Block
    """The new text: an article's 款 and items, or the one 款/项/目, as quoted."""
    keep_items: bool = False
    """条首部分修改为: only the lead-in words of the 款 change; its items stay."""


class InsertUnits(_Op):
    """增加一条（两条…），作为第X条 / 在第X条后增加一条 / 增加一款，作为第Y款 / 增加一项…."""

    kind: Literal["insert"] = "insert"
    level: UnitLevel
    """What is inserted."""
    parent: Place | None = None
    """For a 款/项/目: the article (款) or 款/article (项) or 项 (目) it goes into."""
    after: Place | None = None
    """在第X条后: the old provision the new ones follow (when no new number is stated)."""
    container: Place | None = None
    """在第三章中: the old chapter or section a new article belongs to."""
    numbers: tuple[int, ...] = ()
    """The new numbers stated (作为第三条、第四条); positions for 款, numbers for 项/目."""
    suffixes: tuple[int, ...] = ()
    """For 之N insertions (作为第一百三十四条之一), the N of each new article."""
    texts: tuple[Block, ...] = ()
    """The text of each new unit, in order."""
    into: int | None = None
    """作为第十六条第二款: the new number of the article a new 款/项 goes into."""


class Delete(_Op):
    """删去第X条 / 删去第X条第Y款 / 删去第X条、第Y条 / 删去第三章."""

    kind: Literal["delete"] = "delete"
    targets: tuple[Place, ...]
    """Every place deleted (ranges written 至 are listed one by one)."""


WordAction = Literal["replace", "delete", "insert_after", "insert_before", "append", "prepend"]


class Words(_Op):
    """Words inside a provision: 将第X条中的“A”修改为“B” / 删去…中的“A” / 在“A”后增加“B” / 统一修改."""

    kind: Literal["words"] = "words"
    target: Place | None = None
    """Where the words are; None for the whole text (将“A”统一修改为“B”)."""
    action: WordAction = "replace"
    """``replace`` A by B, ``delete`` A, insert B after/before A, or at the end/start."""
    old: str = ""
    """A: the words as they stand in the old text (empty for append/prepend)."""
    new: str = ""
    """B: the new words (empty for delete)."""
    every: bool = False
    """统一: every occurrence in the whole text (or in ``target``), not one place."""


class Renumber(_Op):
    """将第X条改为第Y条 (the article moves there if the renumbering alone would not bring it)."""

    kind: Literal["renumber"] = "renumber"
    target: Place
    """The article (old number)."""
    number: int
    """Its new number."""
    suffix: int = 0
    """之N of the new number."""
    container: Place | None = None
    """移至第三章: the old chapter or section it moves into."""


class Split(_Op):
    """将第X条改为两条，作为第Y条、第Z条（，修改为）：“…”."""

    kind: Literal["split"] = "split"
    target: Place
    """The article split (old number)."""
    numbers: tuple[int, ...]
    """The new numbers of the pieces, in order."""
    texts: tuple[Block, ...] = ()
    """Each piece's text; empty when the clause gives none (the 款 are shared out in order)."""


class Merge(_Op):
    """将第X条和第Y条合并，作为第Z条（，修改为：“…”）."""

    kind: Literal["merge"] = "merge"
    targets: tuple[Place, ...]
    """The articles merged (old numbers), in order."""
    number: int | None = None
    """The merged article's new number."""
    text: Block | None = None
    """The merged article's text; None: the 款 of the articles one after another."""


class Demote(_Op):
    """将第三十九条改为第四十五条第一款 (an article becomes a 款 of another, §4.2 K)."""

    kind: Literal["demote"] = "demote"
    target: Place
    """The article demoted (old number)."""
    into: int
    """The new number of the article that receives it."""
    paragraph: int
    """The 款 it becomes there (position after the decision)."""


class InsertContainer(_Op):
    """增加一章，作为第五章“法律责任”，包括第四十条至第四十五条 / 增加一节…."""

    kind: Literal["insert_container"] = "insert_container"
    level: ContainerLevel
    """编, 分编, 章 or 节."""
    number: int | None = None
    """Its new number."""
    heading: str
    """Its title."""
    first: int | None = None
    """The new number of the first article it holds (its heading goes right before it)."""
    last: int | None = None
    """The new number of its last article, when stated (checked after applying)."""
    parent: Place | None = None
    """For a 节: the old chapter it goes into (宪法第三章中增加一节)."""


class Rename(_Op):
    """将第三章的章名修改为“…” / 将名称修改为“…” / 删去第三章章名 / 将第三章改为第四章."""

    kind: Literal["rename"] = "rename"
    target: Place
    """The container (old number) or the title."""
    heading: str | None = None
    """The new title; None keeps it (a renumbering or a move of the heading)."""
    remove: bool = False
    """删去…章名: the heading goes, its articles join the container before it."""
    number: int | None = None
    """The container's new number, when stated (checked after applying)."""
    first: int | None = None
    """The new number of the article the container now starts at (自第X条起)."""


class Declared(_Op):
    """A consequence the decision states, checked after applying (第七项至第十五项相应改为…)."""

    kind: Literal["declared"] = "declared"
    level: PlaceLevel
    """The level renumbered."""
    old: tuple[Place, ...] = ()
    """The places as the old text numbers them."""
    new: tuple[Place, ...] = ()
    """The same places as the new text numbers them."""


ClosingWhat = Literal["reorder", "effective", "republish", "unitemised"]


class ClosingClause(_Op):
    """A closing clause written as a numbered item (条文顺序作相应调整 / 本修正案自…起施行)."""

    kind: Literal["closing"] = "closing"
    what: ClosingWhat = "reorder"
    """``reorder`` (条文顺序作相应调整), ``effective`` (施行), ``republish`` (重新公布) or
    ``unitemised`` (文字作了修改: changes not listed item by item)."""


Operation = Annotated[
    Replace
    | InsertUnits
    | Delete
    | Words
    | Renumber
    | Split
    | Merge
    | Demote
    | InsertContainer
    | Rename
    | Declared
    | ClosingClause,
    Field(discriminator="kind"),
]
"""Any operation of a decision."""
