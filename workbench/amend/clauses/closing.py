"""Closing clauses written as items: 条文顺序作相应调整 (with its declared pairs), 施行, 重新公布."""

from __future__ import annotations

import re

from workbench.amend.clauses.context import Context, Q, form, source
from workbench.amend.operations import ClosingClause, Declared, Place
from workbench.amend.places import read_places

__all__ = ["effective", "reorder", "republish"]


@form(
    rf"(?:(?:将)?(?:《[^》]+》)?的?)?(?:条文|条款)顺序作相应调整[：:]?"
    rf"(?P<pairs>(?:[，,、]?{Q}(?:相应)?调整为{Q})*)"
)
def reorder(m: re.Match[str], ctx: Context) -> None:
    """条文顺序作相应调整 (with its pairs “第X条”调整为“第Y条”, declared)."""
    pairs = re.findall(rf"({Q})(?:相应)?调整为({Q})", m.group("pairs"))
    if not pairs:
        ctx.add(ClosingClause(what="reorder", source=source(m, ctx)))
        return
    old: list[Place] = []
    new: list[Place] = []
    for a, b in pairs:
        old.extend(read_places(ctx.quote(a)))
        new.extend(read_places(ctx.quote(b)))
    ctx.add(Declared(level="article", old=tuple(old), new=tuple(new), source=source(m, ctx)))


@form(r"本(?:决定|修正案|修改决定)自.{1,40}?(?:起)?施行")
def effective(m: re.Match[str], ctx: Context) -> None:
    """本决定自…起施行."""
    ctx.add(ClosingClause(what="effective", source=source(m, ctx)))


@form(r"[^，。；]{0,80}根据本(?:决定|修正案)作相应(?:的)?(?:修改|修正)[^。；]{0,40}重新公布")
def republish(m: re.Match[str], ctx: Context) -> None:
    """《…》根据本决定作相应修改，重新公布."""
    ctx.add(ClosingClause(what="republish", source=source(m, ctx)))
