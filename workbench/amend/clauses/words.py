"""Forms on words inside a provision (§4.2 D, M): replaced, deleted, added before or after.

将第X条中的“A”修改为“B” / 其中的“A”修改为“B” / 将“A”统一修改为“B” / 删去第X条中的“A” /
将第X条中的“A”删去 / 在第X条中的“A”后增加“B” / 在第X条末尾增加“B”.
"""

from __future__ import annotations

import re

from workbench.amend.clauses.context import Context, P, Q, form, no_elision, source
from workbench.amend.operations import Place, WordAction, Words
from workbench.amend.places import PlaceError, read_places

__all__ = [
    "append_words",
    "delete_words",
    "delete_words_after",
    "insert_words",
    "replace_everywhere",
    "replace_words",
]


@form(
    rf"将(?:(?:本条例|本规定|本办法|本法|本细则|本解释|全文|条例|《[^》]+》)中的?)?"
    rf"(?P<olds>{Q}(?:[、和]{Q})*)统一(?:修改为|改为)(?P<new>{Q})"
)
def replace_everywhere(m: re.Match[str], ctx: Context) -> None:
    """将“A”统一修改为“B” (every occurrence in the whole text)."""
    new = ctx.quote(m.group("new"))
    for token in re.findall(Q, m.group("olds")):
        ctx.add(
            Words(
                action="replace", old=ctx.quote(token), new=new, every=True, source=source(m, ctx)
            )
        )


@form(
    rf"(?:将)?(?P<p>{P})?(?:(?P<pq>{Q})中)?(?P<p2>{P})?"
    rf"(?:中|的|中的|将[^，。；\x01\x03]{{0,14}}?)?(?P<olds>{Q}(?:[、和]{Q})*)"
    rf"[，,]?(?:统一)?(?:修改为|改为|调整为|修改成|替换为)[：:]?(?P<new>{Q})"
)
def replace_words(m: re.Match[str], ctx: Context) -> None:
    """将第X条中的“A”修改为“B” / 其中的“A”修改为“B” / 第X条“…”中的“A”修改为“B”."""
    place = _located(m, ctx)
    new = ctx.quote(m.group("new"))
    no_elision(new)
    for token in re.findall(Q, m.group("olds")):
        old = ctx.quote(token)
        ctx.add(Words(target=place, action="replace", old=old, new=new, source=source(m, ctx)))


def _located(m: re.Match[str], ctx: Context) -> Place | None:
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


@form(
    rf"(?P<p0>{P})?(?:删去|删除)(?P<pairs>(?:(?:{P})?(?:中的?|的|末尾的|开头的|规定的|中)?{Q}[和、及，,]?)+)"
)
def delete_words(m: re.Match[str], ctx: Context) -> None:
    """删去第X条中的“A”（和第Y条中的“C”）."""
    if m.group("p0"):
        ctx.place(m.group("p0"))
    for words, token in re.findall(
        rf"((?:{P})?)(?:中的?|的|末尾的|开头的|规定的|中)?({Q})", m.group("pairs")
    ):
        place = ctx.place(words or None)
        ctx.add(Words(target=place, action="delete", old=ctx.quote(token), source=source(m, ctx)))


@form(rf"(?:将)?(?P<p>{P})?(?:中的?|的)?(?P<old>{Q})(?:删去|删除)")
def delete_words_after(m: re.Match[str], ctx: Context) -> None:
    """将第X条中的“A”删去."""
    place = ctx.place(m.group("p"))
    ctx.add(
        Words(target=place, action="delete", old=ctx.quote(m.group("old")), source=source(m, ctx))
    )


@form(
    rf"(?:在)?(?P<p>{P})?(?:中的?|的)?(?P<old>{Q})(?P<where>之?后|之?前)"
    rf"(?:增加|增写|加上|插入|加入)(?:一句)?[，,]?(?:内容为)?[：:]?(?P<new>{Q})"
)
def insert_words(m: re.Match[str], ctx: Context) -> None:
    """在第X条中的“A”后（前）增加“B”."""
    place = ctx.place(m.group("p"))
    action: WordAction = "insert_after" if "后" in m.group("where") else "insert_before"
    ctx.add(
        Words(
            target=place,
            action=action,
            old=ctx.quote(m.group("old")),
            new=ctx.quote(m.group("new")),
            source=source(m, ctx),
        )
    )


@form(
    rf"(?:在)?(?P<p>{P})(?:的)?(?P<where>开始部分|开头|首部|末尾|最后|结尾)"
    rf"(?:增加|增写|加上)(?:一句|规定)?[，,]?(?:内容为)?[：:]?(?P<new>{Q})"
)
def append_words(m: re.Match[str], ctx: Context) -> None:
    """在第X条末尾（开头）增加“B”."""
    place = ctx.place(m.group("p"))
    action: WordAction = "prepend" if m.group("where") in ("开始部分", "开头", "首部") else "append"
    ctx.add(
        Words(target=place, action=action, new=ctx.quote(m.group("new")), source=source(m, ctx))
    )
