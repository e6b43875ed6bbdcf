"""Forms on the instrument's name and on 编/章/节: renamed, renumbered, added, headings removed.

将名称修改为“…” / 将第三章的章名修改为“…” / 删去第三章章名 / 将第三章改为第四章（，自第X条起）/
将第三章调整为包括第二十条至第三十条 / 增加一章，作为第五章“…”，包括第四十条至第四十五条.
"""

from __future__ import annotations

import re

from workbench.amend.clauses.context import (
    CONTAINER_LEVEL,
    B,
    Context,
    P,
    Q,
    form,
    new_numbers,
    source,
)
from workbench.amend.operations import InsertContainer, Place, Rename
from workbench.amend.places import NUM

__all__ = [
    "insert_container",
    "part_title",
    "remove_heading",
    "rename_container",
    "rename_title",
    "renumber_container",
    "reposition_container",
]


@form(rf"将(?:《[^》]+》)?的?(?:名称|标题|题目)修改为[：:]?(?P<t>{Q}|{B})")
def rename_title(m: re.Match[str], ctx: Context) -> None:
    """将名称修改为“…”."""
    text = ctx.text(m.group("t"))
    ctx.add(Rename(target=Place(title=True), heading="".join(text), source=source(m, ctx)))


@form(rf"将(?P<p>{P})的?(?:章名|节名|编名|标题|名称)修改为[：:]?(?P<t>{Q})")
def rename_container(m: re.Match[str], ctx: Context) -> None:
    """将第三章的章名修改为“…”."""
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(Rename(target=place, heading=ctx.quote(m.group("t")), source=source(m, ctx)))


@form(rf"删去(?P<p>{P})的?(?:章名|节名|编名|标题)")
def remove_heading(m: re.Match[str], ctx: Context) -> None:
    """删去第三章章名 (its articles join the container before it)."""
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(Rename(target=place, remove=True, source=source(m, ctx)))


@form(
    rf"将(?P<p>{P})改为(?P<n>第{NUM}(?:章|节|编|分编))"
    rf"(?:[，,]?(?:章名|节名|编名)修改为(?P<t>{Q}))?"
    rf"(?:[，,]?(?:自|包括)(?:修改后的)?(?P<first>第{NUM}条)起?(?:至(?P<last>第{NUM}条))?)?"
    rf"(?:[，,]?(?P<t2>{Q}))?"
)
def renumber_container(m: re.Match[str], ctx: Context) -> None:
    """将第三章改为第四章（，章名修改为“…”）（，自第X条起）."""
    place = ctx.place(m.group("p"))
    assert place is not None
    ctx.add(
        Rename(
            target=place,
            heading=ctx.quote(m.group("t")) if m.group("t") else None,
            number=new_numbers(m.group("n"))[0][0],
            first=new_numbers(m.group("first"))[0][0] if m.group("first") else None,
            source=source(m, ctx),
        )
    )


@form(
    rf"将(?P<p>{P})调整为(?:包括|由)(?:修改后的)?(?P<first>第{NUM}条)(?:至(?P<last>第{NUM}条))?(?:组成)?"
)
def reposition_container(m: re.Match[str], ctx: Context) -> None:
    """将第三章调整为包括第二十条至第三十条."""
    place = ctx.place(m.group("p"))
    assert place is not None
    first = new_numbers(m.group("first"))[0][0]
    ctx.add(Rename(target=place, first=first, source=source(m, ctx)))


@form(
    rf"(?:在)?(?:(?P<parent>{P})(?:{Q})?中)?增加一(?P<unit>章|节|编|分编)[，,]?"
    rf"(?:作为(?P<n>第{NUM}(?:章|节|编|分编)))?[，,]?(?:(?:章名|节名|编名)为)?(?P<t>{Q})?"
    rf"(?:[，,]?(?:包括|由)(?:修改后的)?(?P<first>第{NUM}条)(?:至(?P<last>第{NUM}条))?(?:组成)?)?"
)
def insert_container(m: re.Match[str], ctx: Context) -> None:
    """增加一章，作为第五章“…”，包括第四十条至第四十五条 (no heading: manual)."""
    if not m.group("t"):
        ctx.reading.manual.append(f"“{source(m, ctx)}”没有写明新增{m.group('unit')}的名称")
        return
    parent = ctx.places(m.group("parent"))[0] if m.group("parent") else None
    ctx.add(
        InsertContainer(
            level=CONTAINER_LEVEL[m.group("unit")],  # type: ignore[arg-type]
            number=new_numbers(m.group("n"))[0][0] if m.group("n") else None,
            heading=ctx.quote(m.group("t")),
            first=new_numbers(m.group("first"))[0][0] if m.group("first") else None,
            last=new_numbers(m.group("last"))[0][0] if m.group("last") else None,
            parent=parent,
            source=source(m, ctx),
        )
    )


@form(rf"将第{NUM}部分(?:的)?标题修改为[：:]?(?:{Q}|{B})")
def part_title(m: re.Match[str], ctx: Context) -> None:
    """将第一部分的标题修改为: 部分 are no part of the text's structure, left to staff."""
    ctx.reading.manual.append(
        f"“{source(m, ctx)}”：“部分”标题不是条文结构的一部分，请在编辑器中人工修改"
    )
