"""Forms on whole articles: split, merged, demoted to a 款, renumbered (§4.2 C, J, K, N).

将第X条改为两条，分别作为第Y条、第Z条 / 将第X条和第Y条合并，作为第Z条 / 将第X条改为第Y条第一款 /
将第X条改为第Y条（移至第三章）/ 第七项至第十五项相应改为第八项至第十六项 (a declared consequence,
checked after applying).
"""

from __future__ import annotations

import re

from workbench.amend.blocks import unit_texts
from workbench.amend.clauses.context import (
    CN_COUNT,
    NEW_LIST,
    B,
    Context,
    P,
    Q,
    form,
    new_numbers,
    source,
)
from workbench.amend.operations import Block, Declared, Demote, Merge, Renumber, Split
from workbench.amend.places import LIST, NUM, PlaceError, read_places

__all__ = ["declared", "demote", "merge", "renumber", "split"]


@form(
    rf"将(?P<p>{P})(?:改为|拆分为|分为)(?P<count>{CN_COUNT})条[，,]?(?:分别)?作为(?P<n>{LIST})"
    rf"(?:[，,]?修改为)?(?:[：:]?(?P<t>{B}|(?:{Q})+))?"
)
def split(m: re.Match[str], ctx: Context) -> None:
    """将第X条改为两条，分别作为第Y条、第Z条（，修改为：“…”）."""
    place = ctx.place(m.group("p"))
    assert place is not None
    numbers, _ = new_numbers(m.group("n"))
    texts: tuple[Block, ...] = ()
    if m.group("t"):
        texts = unit_texts("article", len(numbers), ctx.text(m.group("t")), numbers)
    ctx.add(Split(target=place, numbers=tuple(numbers), texts=texts, source=source(m, ctx)))


@form(
    rf"将(?P<ps>{P})合并(?:为一条)?(?:[，,]?作为(?P<n>第{NUM}条))?"
    rf"(?:[，,]?(?:并)?修改为)?(?:[：:]?(?P<t>{B}|{Q}))?"
)
def merge(m: re.Match[str], ctx: Context) -> None:
    """将第X条和第Y条合并，作为第Z条（，修改为：“…”）."""
    targets = ctx.places(m.group("ps"))
    if len(targets) < 2:
        raise PlaceError(f"合并至少要有两条：“{m.group('ps')}”")
    text = unit_texts("article", 1, ctx.text(m.group("t")), [])[0] if m.group("t") else None
    number = new_numbers(m.group("n"))[0][0] if m.group("n") else None
    ctx.subject = targets[0]
    ctx.add(Merge(targets=tuple(targets), number=number, text=text, source=source(m, ctx)))


@form(rf"将(?P<p>{P})改为(?P<into>第{NUM}条)(?P<para>第{NUM}款)")
def demote(m: re.Match[str], ctx: Context) -> None:
    """将第X条改为第Y条第一款 (§4.2 K)."""
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(
        Demote(
            target=place,
            into=new_numbers(m.group("into"))[0][0],
            paragraph=new_numbers(m.group("para"))[0][0],
            source=source(m, ctx),
        )
    )


@form(rf"(?P<olds>{P})相应(?:地)?(?:改为|调整为)(?P<news>{LIST})")
def declared(m: re.Match[str], ctx: Context) -> None:
    """第七项至第十五项相应改为第八项至第十六项: a consequence, checked after applying."""
    old = ctx.places(m.group("olds"))
    new = [p.with_article(ctx.subject) for p in read_places(m.group("news"))]
    level = old[0].level if old else "article"
    ctx.add(Declared(level=level, old=tuple(old), new=tuple(new), source=source(m, ctx)))


@form(
    rf"(?:将)?(?P<ps>{P})(?:改为|调整为|移作)(?P<ns>{NEW_LIST})"
    rf"(?P<more>(?:[、，,](?:将)?{P}(?:改为|调整为)(?:{LIST}))*)"
    rf"(?:[，,]?(?:移至|列入)(?P<into>{P}))?"
)
def renumber(m: re.Match[str], ctx: Context) -> None:
    """将第X条改为第Y条（、第Z条改为…）（，移至第三章）; a 款/项 renumbering is declared."""
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
                        source=source(m, ctx),
                    )
                )
            ctx.subject = old[0] if len(old) == 1 else ctx.subject
        else:
            level = old[0].level if old else "paragraph"
            ctx.add(
                Declared(level=level, old=tuple(old), new=tuple(new_places), source=source(m, ctx))
            )
            if len(old) == 1:
                ctx.subject = old[0]
