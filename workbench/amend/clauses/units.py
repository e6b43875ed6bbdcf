"""Forms on 条, 款, 项 and 目: added, restated, deleted (§4.2 A, B, E–I, L).

增加一条，作为第三条：“…” / 在第X条后增加一条 / 增加一款，作为第X条第Y款 / 增加一项，作为第七项 /
将第X条（第Y款、第Z项）修改为：“…” / 条首部分修改为 / 删去第X条（第Y款）/ 将第X条删去; an insertion
whose text comes in a later clause (…，内容如下：“…”).
"""

from __future__ import annotations

import re

from workbench.amend.blocks import unit_texts
from workbench.amend.clauses.context import (
    CN_COUNT,
    UNIT_LEVEL,
    B,
    Context,
    P,
    Q,
    form,
    new_numbers,
    no_elision,
    source,
)
from workbench.amend.operations import Block, Delete, InsertUnits, Replace
from workbench.amend.places import LIST, PlaceError, read_number, read_places

__all__ = ["content_follows", "delete", "delete_after", "insert", "replace"]


@form(
    rf"(?:在(?P<after>{P})(?:之)?后|(?P<after2>{P})(?:之)?后)?"
    rf"(?:(?:在)?(?P<parent>{P})(?P<pq>{Q})?中?)?"
    rf"(?:同时|并)?增加(?P<count>{CN_COUNT})(?P<unit>条|款|项|目)[，,]?(?:分别)?"
    rf"(?:作为(?P<n>{LIST})|(?:即))?[，,]?(?:规定|内容为)?[，,]?(?:即)?"
    rf"(?:[：:]?(?P<t>{B}|(?:{Q})+))?"
)
def insert(m: re.Match[str], ctx: Context) -> None:
    """增加一条（两条），作为第X条 / 在第X条后增加一条 / 增加一款，作为第Y款 / 增加一项…."""
    level = UNIT_LEVEL[m.group("unit")]
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
        numbers, suffixes = new_numbers(m.group("n"))
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
        source=source(m, ctx),
    )
    if parent is not None and level != "article":
        ctx.subject = parent if parent.level == "article" else ctx.subject
    if not texts:
        ctx.pending_insert = op
        return
    if numbers and len(numbers) != len(texts):
        raise PlaceError(f"“{source(m, ctx)}”写明{len(numbers)}个序号，但给出{len(texts)}段新条文")
    ctx.add(op)


@form(
    rf"(?:将)?(?P<p>{P})?的?(?P<lead>条首部分|开头部分|首部|前款)?(?:相应)?(?:修改为|改为|修改成)"
    rf"[：:]?(?P<t>{B}|{Q})"
)
def replace(m: re.Match[str], ctx: Context) -> None:
    """将第X条（第Y款、第Z项）修改为：“…” / 第Y款修改为 / 条首部分修改为."""
    place = ctx.place(m.group("p"))
    if place is None:
        raise PlaceError("没有写明修改哪一条款")
    if m.group("lead") and place.paragraph is None:
        place = place.model_copy(update={"paragraph": 1})
    text = ctx.text(m.group("t"))
    for line in text:
        no_elision(line)
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
            source=source(m, ctx),
            keep_items=bool(m.group("lead")),
        )
    )


@form(rf"(?:其)?内容(?:如下|为)[：:]?(?P<t>{B}|(?:{Q})+)")
def content_follows(m: re.Match[str], ctx: Context) -> None:
    """…，内容如下：“…”: the text of the insertion named before."""
    pending = ctx.pending_insert
    if pending is None:
        raise PlaceError("“内容如下”之前没有写明增加什么")
    count = len(pending.numbers) or 1
    texts = unit_texts(pending.level, count, ctx.text(m.group("t")), pending.numbers)
    ctx.pending_insert = None
    ctx.add(pending.model_copy(update={"texts": texts}))


@form(rf"(?:删去|删除)(?P<ps>{P})(?:规定的)?")
def delete(m: re.Match[str], ctx: Context) -> None:
    """删去第X条（第Y款、第Z项）."""
    targets = ctx.places(m.group("ps"))
    ctx.add(Delete(targets=tuple(targets), source=source(m, ctx)))


@form(rf"将(?P<ps>{P})(?:删去|删除)")
def delete_after(m: re.Match[str], ctx: Context) -> None:
    """将第X条删去."""
    targets = ctx.places(m.group("ps"))
    ctx.add(Delete(targets=tuple(targets), source=source(m, ctx)))
