"""The clause grammar of a 修改决定: one item's words → typed operations.

An item is first tokenized (`workbench.amend.quotes`): quoted words become tokens ``Q`` and
quoted blocks tokens ``B``, so the patterns below see only the decision's own words, e.g.
``将第十一条改为第十二条，增加一款，作为第三款：B``. The item is cut into sentences (``。`` ``；``
and paragraph ends); each sentence is read clause by clause from the left, every clause matched
by one of the forms of `legislative-norms.md` §4.2 (and the variants the corpus shows). A
clause that names no place (在其中增加“…”) or that describes rather than prescribes a change
(对部分条款内容作了个别文字修改) makes the item **manual**, with the reason; words that match no
form at all make it **unrecognised**. Nothing is dropped silently.

Places are read by `workbench.amend.places` (the citation grammar of `workbench.refs`). The
item's *subject* (the article an earlier clause named) completes relative places: in
``将第十三条改为第十五条，第一款修改为：…`` the 第一款 is 第十三条's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from workbench.amend.blocks import unit_texts
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
    UnitLevel,
    WordAction,
    Words,
)
from workbench.amend.places import (
    LIST,
    NUM,
    PLACE,
    SEQ,
    PlaceError,
    add_missing_di,
    read_number,
    read_places,
)
from workbench.amend.quotes import BLOCK_MARK, QUOTE_MARK, Tokenized, tokenize

__all__ = ["ItemReading", "read_item"]

Q = "\x01\\d+\x02"
B = "\x03\\d+\x04"
_SUBJ = "该条|这一条|本条|该款|这一款|该项|这一项|这一自然段|该自然段|其中|该章|该节"
P = rf"(?:{PLACE}|{_SUBJ})"
_CN_COUNT = "[一两二三四五六七八九十]+"
_NEW_LIST = rf"{SEQ}(?:(?:、|和|及|至){SEQ}(?!(?:相应)?(?:改为|调整为)))*"
"""New numbers after 改为, not running into the next 第X条改为 of a list of renumberings."""
_SEP = re.compile(r"[，,、]?(?:并且?|同时|相应地|相应|另外|此外|以及|并将|同时将)?[，,]?")
_UNIT_LEVEL: dict[str, UnitLevel] = {
    "条": "article",
    "款": "paragraph",
    "项": "item",
    "目": "subitem",
}
_CONTAINER_LEVEL = {"编": "book", "分编": "part", "章": "chapter", "节": "section"}
_LABEL_ONLY = re.compile(r"^(?:其他|其它)(?:条款)?(?:内容)?(?:的)?修改[：:]?$")
_NARRATIVE = re.compile(
    r"作了(?:统一|修改|调整|部分调整|个别文字修改|相应调整)|进行了(?:修改|调整)|重新(?:设置|确定|明确)"
    r"|内容缺乏|予以?删除|故予删除|修正后(?:共|为)|调整为第|条目(?:不变|次序)|共设|原设|新增"
)


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
class _Ctx:
    tok: Tokenized
    reading: ItemReading
    subject: Place | None = None
    pending_insert: InsertUnits | None = None

    def quote(self, token: str) -> str:
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
        if not words:
            return [self.subject] if self.subject is not None else []
        if re.fullmatch(_SUBJ, words):
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
        found = self.places(words)
        if len(found) > 1:
            raise PlaceError(f"“{words}”应当只指一处")
        if found and found[0].level in ("article", "paragraph", "item", "subitem", "preamble"):
            self.subject = found[0]
        return found[0] if found else None

    def add(self, op: Operation) -> None:
        self.reading.operations.append(op)


_Handler = Callable[[re.Match[str], _Ctx], None]
_FORMS: list[tuple[re.Pattern[str], _Handler]] = []


def _form(pattern: str) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _FORMS.append((re.compile(pattern), handler))
        return handler

    return register


def _source(m: re.Match[str], ctx: _Ctx) -> str:
    """The clause as written, quotes put back (blocks shown as “…”)."""
    text = QUOTE_MARK.sub(lambda q: f"“{ctx.tok.quotes[int(q.group(1))]}”", m.group(0))
    return BLOCK_MARK.sub("“…”", text).rstrip("：:，,")


def _new_numbers(words: str) -> tuple[list[int], list[int]]:
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


# -- title, containers ---------------------------------------------------------------------


@_form(rf"将(?:《[^》]+》)?的?(?:名称|标题|题目)修改为[：:]?(?P<t>{Q}|{B})")
def _rename_title(m: re.Match[str], ctx: _Ctx) -> None:
    text = ctx.text(m.group("t"))
    ctx.add(Rename(target=Place(title=True), heading="".join(text), source=_source(m, ctx)))


@_form(rf"将(?P<p>{P})的?(?:章名|节名|编名|标题|名称)修改为[：:]?(?P<t>{Q})")
def _rename_container(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(Rename(target=place, heading=ctx.quote(m.group("t")), source=_source(m, ctx)))


@_form(rf"删去(?P<p>{P})的?(?:章名|节名|编名|标题)")
def _remove_heading(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(Rename(target=place, remove=True, source=_source(m, ctx)))


@_form(
    rf"将(?P<p>{P})改为(?P<n>第{NUM}(?:章|节|编|分编))"
    rf"(?:[，,]?(?:章名|节名|编名)修改为(?P<t>{Q}))?"
    rf"(?:[，,]?(?:自|包括)(?:修改后的)?(?P<first>第{NUM}条)起?(?:至(?P<last>第{NUM}条))?)?"
    rf"(?:[，,]?(?P<t2>{Q}))?"
)
def _renumber_container(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(
        Rename(
            target=place,
            heading=ctx.quote(m.group("t")) if m.group("t") else None,
            number=_new_numbers(m.group("n"))[0][0],
            first=_new_numbers(m.group("first"))[0][0] if m.group("first") else None,
            source=_source(m, ctx),
        )
    )


@_form(
    rf"将(?P<p>{P})调整为(?:包括|由)(?:修改后的)?(?P<first>第{NUM}条)(?:至(?P<last>第{NUM}条))?(?:组成)?"
)
def _reposition_container(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    first = _new_numbers(m.group("first"))[0][0]
    ctx.add(Rename(target=place, first=first, source=_source(m, ctx)))


@_form(
    rf"(?:在)?(?:(?P<parent>{P})(?:{Q})?中)?增加一(?P<unit>章|节|编|分编)[，,]?"
    rf"(?:作为(?P<n>第{NUM}(?:章|节|编|分编)))?[，,]?(?:(?:章名|节名|编名)为)?(?P<t>{Q})?"
    rf"(?:[，,]?(?:包括|由)(?:修改后的)?(?P<first>第{NUM}条)(?:至(?P<last>第{NUM}条))?(?:组成)?)?"
)
def _insert_container(m: re.Match[str], ctx: _Ctx) -> None:
    if not m.group("t"):
        ctx.reading.manual.append(f"“{_source(m, ctx)}”没有写明新增{m.group('unit')}的名称")
        return
    parent = ctx.places(m.group("parent"))[0] if m.group("parent") else None
    ctx.add(
        InsertContainer(
            level=_CONTAINER_LEVEL[m.group("unit")],  # type: ignore[arg-type]
            number=_new_numbers(m.group("n"))[0][0] if m.group("n") else None,
            heading=ctx.quote(m.group("t")),
            first=_new_numbers(m.group("first"))[0][0] if m.group("first") else None,
            last=_new_numbers(m.group("last"))[0][0] if m.group("last") else None,
            parent=parent,
            source=_source(m, ctx),
        )
    )


# -- split, merge, demote ------------------------------------------------------------------


@_form(
    rf"将(?P<p>{P})(?:改为|拆分为|分为)(?P<count>{_CN_COUNT})条[，,]?(?:分别)?作为(?P<n>{LIST})"
    rf"(?:[，,]?修改为)?(?:[：:]?(?P<t>{B}|(?:{Q})+))?"
)
def _split(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    numbers, _ = _new_numbers(m.group("n"))
    texts: tuple[Block, ...] = ()
    if m.group("t"):
        texts = unit_texts("article", len(numbers), ctx.text(m.group("t")), numbers)
    ctx.add(Split(target=place, numbers=tuple(numbers), texts=texts, source=_source(m, ctx)))


@_form(
    rf"将(?P<ps>{P})合并(?:为一条)?(?:[，,]?作为(?P<n>第{NUM}条))?"
    rf"(?:[，,]?(?:并)?修改为)?(?:[：:]?(?P<t>{B}|{Q}))?"
)
def _merge(m: re.Match[str], ctx: _Ctx) -> None:
    targets = ctx.places(m.group("ps"))
    if len(targets) < 2:
        raise PlaceError(f"合并至少要有两条：“{m.group('ps')}”")
    text = unit_texts("article", 1, ctx.text(m.group("t")), [])[0] if m.group("t") else None
    number = _new_numbers(m.group("n"))[0][0] if m.group("n") else None
    ctx.subject = targets[0]
    ctx.add(Merge(targets=tuple(targets), number=number, text=text, source=_source(m, ctx)))


@_form(rf"将(?P<p>{P})改为(?P<into>第{NUM}条)(?P<para>第{NUM}款)")
def _demote(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(
        Demote(
            target=place,
            into=_new_numbers(m.group("into"))[0][0],
            paragraph=_new_numbers(m.group("para"))[0][0],
            source=_source(m, ctx),
        )
    )


# -- renumbering ---------------------------------------------------------------------------


@_form(
    rf"(?:(?:将)?(?:《[^》]+》)?的?)?(?:条文|条款)顺序作相应调整[：:]?"
    rf"(?P<pairs>(?:[，,、]?{Q}(?:相应)?调整为{Q})*)"
)
def _reorder(m: re.Match[str], ctx: _Ctx) -> None:
    pairs = re.findall(rf"({Q})(?:相应)?调整为({Q})", m.group("pairs"))
    if not pairs:
        ctx.add(ClosingClause(what="reorder", source=_source(m, ctx)))
        return
    old: list[Place] = []
    new: list[Place] = []
    for a, b in pairs:
        old.extend(read_places(ctx.quote(a)))
        new.extend(read_places(ctx.quote(b)))
    ctx.add(Declared(level="article", old=tuple(old), new=tuple(new), source=_source(m, ctx)))


@_form(rf"(?P<olds>{P})相应(?:地)?(?:改为|调整为)(?P<news>{LIST})")
def _declared(m: re.Match[str], ctx: _Ctx) -> None:
    old = ctx.places(m.group("olds"))
    new = [p.with_article(ctx.subject) for p in read_places(m.group("news"))]
    level = old[0].level if old else "article"
    ctx.add(Declared(level=level, old=tuple(old), new=tuple(new), source=_source(m, ctx)))


@_form(
    rf"(?:将)?(?P<ps>{P})(?:改为|调整为|移作)(?P<ns>{_NEW_LIST})"
    rf"(?P<more>(?:[、，,](?:将)?{P}(?:改为|调整为)(?:{LIST}))*)"
    rf"(?:[，,]?(?:移至|列入)(?P<into>{P}))?"
)
def _renumber(m: re.Match[str], ctx: _Ctx) -> None:
    pairs = [(m.group("ps"), m.group("ns"))]
    pairs += re.findall(rf"[、，,](?:将)?({P})(?:改为|调整为)({LIST})", m.group("more") or "")
    container = ctx.places(m.group("into"))[0] if m.group("into") else None
    for olds, news in pairs:
        old = ctx.places(olds)
        new_places = [p.with_article(ctx.subject) for p in read_places(news)]
        if len(old) != len(new_places):
            raise PlaceError(f"“{olds}改为{news}”前后数目不一致")
        if old and old[0].level == "article":
            for o, n in zip(old, new_places, strict=True):
                assert n.article is not None
                ctx.add(
                    Renumber(
                        target=o,
                        number=n.article,
                        suffix=n.article_suffix,
                        container=container,
                        source=_source(m, ctx),
                    )
                )
            ctx.subject = old[0] if len(old) == 1 else ctx.subject
        else:
            level = old[0].level if old else "paragraph"
            ctx.add(
                Declared(level=level, old=tuple(old), new=tuple(new_places), source=_source(m, ctx))
            )
            if len(old) == 1:
                ctx.subject = old[0]


# -- inserting units -----------------------------------------------------------------------


@_form(
    rf"(?:在(?P<after>{P})(?:之)?后|(?P<after2>{P})(?:之)?后)?"
    rf"(?:(?:在)?(?P<parent>{P})(?P<pq>{Q})?中?)?"
    rf"(?:同时|并)?增加(?P<count>{_CN_COUNT})(?P<unit>条|款|项|目)[，,]?(?:分别)?"
    rf"(?:作为(?P<n>{LIST})|(?:即))?[，,]?(?:规定|内容为)?[，,]?(?:即)?"
    rf"(?:[：:]?(?P<t>{B}|(?:{Q})+))?"
)
def _insert(m: re.Match[str], ctx: _Ctx) -> None:
    level = _UNIT_LEVEL[m.group("unit")]
    count = read_number(m.group("count").replace("两", "二"))
    after = ctx.place(m.group("after") or m.group("after2"))
    parent_places = ctx.places(m.group("parent")) if m.group("parent") else []
    parent = parent_places[0] if parent_places else None
    if parent is not None and m.group("pq"):
        parent = parent.model_copy(update={"quote": ctx.quote(m.group("pq"))})
    container = None
    if parent is not None and parent.level in ("chapter", "section", "book", "part"):
        container, parent = parent, None
    if level != "article" and parent is None:
        parent = after if after is not None else ctx.subject
        after = None if after is parent else after
    numbers: list[int] = []
    suffixes: list[int] = []
    into: int | None = None
    if m.group("n"):
        places = read_places(m.group("n"))
        if level != "article" and places[0].article is not None:
            into = places[0].article
        numbers, suffixes = _new_numbers(m.group("n"))
    texts: tuple[Block, ...] = ()
    if m.group("t"):
        texts = unit_texts(level, count, ctx.text(m.group("t")), numbers)
    op = InsertUnits(
        level=level,
        parent=parent,
        after=after,
        container=container,
        numbers=tuple(numbers),
        suffixes=tuple(s for s in suffixes) if any(suffixes) else (),
        texts=texts,
        into=into,
        source=_source(m, ctx),
    )
    if parent is not None and level != "article":
        ctx.subject = parent if parent.level == "article" else ctx.subject
    if not texts:
        ctx.pending_insert = op
        return
    if numbers and len(numbers) != len(texts):
        raise PlaceError(f"“{_source(m, ctx)}”写明{len(numbers)}个序号，但给出{len(texts)}段新条文")
    ctx.add(op)


# -- replacing -----------------------------------------------------------------------------


@_form(
    rf"(?:将)?(?P<p>{P})?的?(?P<lead>条首部分|开头部分|首部|前款)?(?:相应)?(?:修改为|改为|修改成)"
    rf"[：:]?(?P<t>{B}|{Q})"
)
def _replace(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    if place is None:
        raise PlaceError("没有写明修改哪一条款")
    if m.group("lead") and place.paragraph is None:
        place = place.model_copy(update={"paragraph": 1})
    text = ctx.text(m.group("t"))
    for line in text:
        _no_elision(line)
    level = place.level
    number = None
    if level == "article":
        text = unit_texts("article", 1, text, [])[0]
    pending = ctx.pending_insert
    if pending is not None and level == "article":
        ctx.pending_insert = None  # 增加一款作为第二款，将该条修改为：the restatement says it all
    ctx.add(
        Replace(
            target=place,
            number=number,
            text=text,
            source=_source(m, ctx),
            keep_items=bool(m.group("lead")),
        )
    )


# -- words ---------------------------------------------------------------------------------


@_form(
    rf"将(?:(?:本条例|本规定|本办法|本法|本细则|本解释|全文|条例|《[^》]+》)中的?)?"
    rf"(?P<olds>{Q}(?:[、和]{Q})*)统一(?:修改为|改为)(?P<new>{Q})"
)
def _replace_everywhere(m: re.Match[str], ctx: _Ctx) -> None:
    new = ctx.quote(m.group("new"))
    for token in re.findall(Q, m.group("olds")):
        ctx.add(
            Words(
                action="replace", old=ctx.quote(token), new=new, every=True, source=_source(m, ctx)
            )
        )


@_form(
    rf"(?:将)?(?P<p>{P})?(?:(?P<pq>{Q})中)?(?P<p2>{P})?"
    rf"(?:中|的|中的|将[^，。；\x01\x03]{{0,14}}?)?(?P<olds>{Q}(?:[、和]{Q})*)"
    rf"[，,]?(?:统一)?(?:修改为|改为|调整为|修改成|替换为)[：:]?(?P<new>{Q})"
)
def _replace_words(m: re.Match[str], ctx: _Ctx) -> None:
    place = _located(m, ctx)
    new = ctx.quote(m.group("new"))
    _no_elision(new)
    for token in re.findall(Q, m.group("olds")):
        old = ctx.quote(token)
        ctx.add(Words(target=place, action="replace", old=old, new=new, source=_source(m, ctx)))


def _located(m: re.Match[str], ctx: _Ctx) -> Place | None:
    """The place of ``p``, narrowed by a quote (``“…”中``) and a relative place ``p2``."""
    place = ctx.place(m.group("p"))
    if m.group("pq"):
        if place is None:
            raise PlaceError("引文前没有写明条款")
        place = place.model_copy(update={"quote": ctx.quote(m.group("pq"))})
        ctx.subject = place
    if m.group("p2"):
        inner = [p.with_article(place) for p in read_places(m.group("p2"))]
        if len(inner) != 1:
            raise PlaceError(f"“{m.group('p2')}”应当只指一处")
        place = inner[0]
    return place


def _no_elision(text: str) -> None:
    if "……" in text or "..." in text:
        raise PlaceError("引文中有省略号“……”，只给出了部分文字，需人工对照修改")


@_form(
    rf"(?P<p0>{P})?(?:删去|删除)(?P<pairs>(?:(?:{P})?(?:中的?|的|末尾的|开头的|规定的|中)?{Q}[和、及，,]?)+)"
)
def _delete_words(m: re.Match[str], ctx: _Ctx) -> None:
    if m.group("p0"):
        ctx.place(m.group("p0"))
    for words, token in re.findall(
        rf"((?:{P})?)(?:中的?|的|末尾的|开头的|规定的|中)?({Q})", m.group("pairs")
    ):
        place = ctx.place(words or None)
        ctx.add(Words(target=place, action="delete", old=ctx.quote(token), source=_source(m, ctx)))


@_form(rf"(?:将)?(?P<p>{P})?(?:中的?|的)?(?P<old>{Q})(?:删去|删除)")
def _delete_words_after(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    ctx.add(
        Words(target=place, action="delete", old=ctx.quote(m.group("old")), source=_source(m, ctx))
    )


@_form(
    rf"(?:在)?(?P<p>{P})?(?:中的?|的)?(?P<old>{Q})(?P<where>之?后|之?前)"
    rf"(?:增加|增写|加上|插入|加入)(?:一句)?[，,]?(?:内容为)?[：:]?(?P<new>{Q})"
)
def _insert_words(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    action: WordAction = "insert_after" if "后" in m.group("where") else "insert_before"
    ctx.add(
        Words(
            target=place,
            action=action,
            old=ctx.quote(m.group("old")),
            new=ctx.quote(m.group("new")),
            source=_source(m, ctx),
        )
    )


@_form(
    rf"(?:在)?(?P<p>{P})(?:的)?(?P<where>开始部分|开头|首部|末尾|最后|结尾)"
    rf"(?:增加|增写|加上)(?:一句|规定)?[，,]?(?:内容为)?[：:]?(?P<new>{Q})"
)
def _append_words(m: re.Match[str], ctx: _Ctx) -> None:
    place = ctx.place(m.group("p"))
    action: WordAction = "prepend" if m.group("where") in ("开始部分", "开头", "首部") else "append"
    ctx.add(
        Words(target=place, action=action, new=ctx.quote(m.group("new")), source=_source(m, ctx))
    )


@_form(rf"(?:其)?内容(?:如下|为)[：:]?(?P<t>{B}|(?:{Q})+)")
def _content_follows(m: re.Match[str], ctx: _Ctx) -> None:
    pending = ctx.pending_insert
    if pending is None:
        raise PlaceError("“内容如下”之前没有写明增加什么")
    count = len(pending.numbers) or 1
    texts = unit_texts(pending.level, count, ctx.text(m.group("t")), pending.numbers)
    ctx.pending_insert = None
    ctx.add(pending.model_copy(update={"texts": texts}))


@_form(rf"将第{NUM}部分(?:的)?标题修改为[：:]?(?:{Q}|{B})")
def _part_title(m: re.Match[str], ctx: _Ctx) -> None:
    ctx.reading.manual.append(
        f"“{_source(m, ctx)}”：“部分”标题不是条文结构的一部分，请在编辑器中人工修改"
    )


@_form(r"本(?:决定|修正案|修改决定)自.{1,40}?(?:起)?施行")
def _effective(m: re.Match[str], ctx: _Ctx) -> None:
    ctx.add(ClosingClause(what="effective", source=_source(m, ctx)))


@_form(r"[^，。；]{0,80}根据本(?:决定|修正案)作相应(?:的)?(?:修改|修正)[^。；]{0,40}重新公布")
def _republish(m: re.Match[str], ctx: _Ctx) -> None:
    ctx.add(ClosingClause(what="republish", source=_source(m, ctx)))


# -- deleting ------------------------------------------------------------------------------


@_form(rf"(?:删去|删除)(?P<ps>{P})(?:规定的)?")
def _delete(m: re.Match[str], ctx: _Ctx) -> None:
    targets = ctx.places(m.group("ps"))
    ctx.add(Delete(targets=tuple(targets), source=_source(m, ctx)))


@_form(rf"将(?P<ps>{P})(?:删去|删除)")
def _delete_after(m: re.Match[str], ctx: _Ctx) -> None:
    targets = ctx.places(m.group("ps"))
    ctx.add(Delete(targets=tuple(targets), source=_source(m, ctx)))


# -- reading an item -----------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。；;]|\n")
_SPACES = re.compile(r"[ \t\u3000]+")
_MANUAL_NO_PLACE = re.compile(r"(?:在|将)其中(?:的)?[^，。；]*?(?:增加|改为|修改为)")


def read_item(paragraphs: Sequence[str]) -> ItemReading:
    """Read the operations of one item (its number already taken off).

    Args:
        paragraphs: The item's paragraphs as written.

    Returns:
        The operations, and the reasons why clauses are manual or unrecognised.
    """
    tok = tokenize(paragraphs)
    ctx = _Ctx(tok, ItemReading())
    if tok.open_block:
        ctx.reading.manual.append("引号没有闭合：新条文的范围不清，请核对原文")
    skeleton = _SPACES.sub("", add_missing_di(tok.skeleton))
    for sentence in _sentences(skeleton):
        _read_sentence(sentence, ctx)
    _link_new_containers(ctx.reading.operations)
    if ctx.pending_insert is not None:
        op = ctx.pending_insert
        ctx.reading.manual.append(f"“{op.source}”没有给出新增内容的文字")
    return ctx.reading


def _link_new_containers(ops: list[Operation]) -> None:
    """A new 节 whose first article is the one inserted next (宪法修正案第五十二条)."""
    for k, op in enumerate(ops):
        if op.kind != "insert_container" or op.first is not None:
            continue
        for later in ops[k + 1 :]:
            if later.kind == "insert" and later.level == "article" and later.numbers:
                ops[k] = op.model_copy(
                    update={"first": later.numbers[0], "last": later.numbers[-1]}
                )
                break


def _sentences(skeleton: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(skeleton):
        piece = skeleton[start : m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = skeleton[start:].strip()
    if tail:
        out.append(tail)
    return out


def _read_sentence(sentence: str, ctx: _Ctx) -> None:
    if _LABEL_ONLY.match(sentence):
        return
    pos = 0
    n = len(sentence)
    while pos < n:
        sep = _SEP.match(sentence, pos)
        if sep is not None and sep.end() > pos:
            pos = sep.end()
            if pos >= n:
                break
        for pattern, handler in _FORMS:
            m = pattern.match(sentence, pos)
            if m is None or m.end() == pos:
                continue
            try:
                handler(m, ctx)
            except PlaceError as exc:
                ctx.reading.manual.append(f"“{_source(m, ctx)}”：{exc}")
            pos = m.end()
            break
        else:
            _leftover(sentence[pos:], ctx)
            return


def _leftover(words: str, ctx: _Ctx) -> None:
    """Words no form matched: manual when they describe a change, else unrecognised."""
    shown = BLOCK_MARK.sub(
        "“…”", QUOTE_MARK.sub(lambda q: f"“{ctx.tok.quotes[int(q.group(1))]}”", words)
    )
    has_place = re.search(rf"第{NUM}(?:条|款|项|目|章|节)", words) is not None
    has_words = QUOTE_MARK.search(words) is not None or BLOCK_MARK.search(words) is not None
    if _MANUAL_NO_PLACE.search(words):
        ctx.reading.manual.append(f"“{shown}”没有写明具体位置，请人工修改")
    elif _NARRATIVE.search(words):
        ctx.reading.manual.append(
            f"“{shown}”是对修改情况的说明，未写明逐项修改方式，请人工对照修改"
        )
    elif has_place and has_words:
        ctx.reading.manual.append(f"“{shown}”写明了位置和新文字，但未写明如何修改，请人工修改")
    elif has_place or has_words:
        ctx.reading.manual.append(f"“{shown}”未写明完整的修改方式，请人工处理")
    else:
        ctx.reading.unrecognised.append(shown)
