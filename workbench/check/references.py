"""Rules on the text's citations of itself (`legislative-norms.md` §2, §7.2 rules 12–14).

Citations are found and resolved by `workbench.refs` (the one implementation of the grammar);
these rules only judge what it reports: a citation pointing nowhere, an article citing itself by
number (第十条 inside 第十条 is 本条), a non-canonical form.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.refs import LEVELS, Reference
from workbench.refs.style import format_steps, node_steps

__all__ = ["citation_form", "dangling_reference", "self_citation"]

_ARTICLE_LEVEL = LEVELS.index("article")


def dangling_reference(ctx: CheckContext) -> Iterator[Finding]:
    """A citation of this text's own provisions that points at nothing.

    A part of a larger instrument in a file of its own (a 编 of the 民法典: it starts after
    第一条, or its only line before the articles names the part, ``总则``) cites what lies before
    it or in another 编; that lies outside the file and is not judged.
    """
    for ref in ctx.references.dangling:
        if ctx.is_part and _outside_part(ctx, ref):
            continue
        yield ctx.finding(
            "dangling-reference",
            "error",
            ref.source,
            f"“{ref.text}”无法对应到本文件的条款：{ref.reason or '引用的条款不存在'}",
            "核对所引条款的序号；条文增删后，引用要随之修改",
        )


def _outside_part(ctx: CheckContext, ref: Reference) -> bool:
    """Whether a citation in a part of an instrument names what lies before or beside it."""
    for member in ref.citation.members:
        for target in (member.first, member.last):
            if target is None:
                continue
            if target.anchor in ("this_book", "this_part") or target.book or target.part:
                return True
            if target.part_name:  # 本法总则 / 合同编第X条: a part of the code by its name
                return True
            if target.article is not None and target.article < ctx.doc.first_article:
                return True
    return False


def self_citation(ctx: CheckContext) -> Iterator[Finding]:
    """An article citing itself by its number (本条例第十条 inside 第十条)."""
    for ref in ctx.references.internal:
        article = ctx.index.ancestor(ref.source, "article")
        if article is None:
            continue
        for member, resolved in zip(ref.citation.members, ref.members, strict=False):
            target = member.first
            written = target.article is not None and target.written_from <= _ARTICLE_LEVEL
            if target.anchor != "document" or not written:
                continue
            uid = resolved.first[0] if resolved.first else None
            if uid is None or not ctx.index.within(uid, article.uid):
                continue
            yield ctx.finding(
                "self-citation",
                "warning",
                ref.source,
                f"“{ref.text}”引用的是本条自身，不应写条文序号",
                f"改为“{_relative(ctx, ref, uid)}”",
            )
            break


def _relative(ctx: CheckContext, ref: Reference, uid: str) -> str:
    """本条 / 本款 / 前款 / 本条第二款第三项 for a node of the citing article."""
    node = ctx.index.node(uid)
    if node.kind == "article":
        return "本条"
    own = ctx.index.ancestor(ref.source, "paragraph")
    if node.kind == "paragraph" and own is not None:
        if own.uid == uid:
            return "本款"
        if ctx.index.position(own.uid) - ctx.index.position(uid) == 1:
            return "前款"
    steps = [s for s in node_steps(ctx.index, uid, keep_only_paragraph=True) if s[0] != "article"]
    return "本条" + format_steps(steps, item_parens=ctx.style.item_parens)


def citation_form(ctx: CheckContext) -> Iterator[Finding]:
    """Citations that resolve but are written in a non-canonical form (§7.2 rule 14)."""
    for ref in ctx.references.internal:
        for warning in ref.warnings:
            yield ctx.finding(
                "citation-form",
                "info",
                ref.source,
                f"“{ref.text}”：{warning}",
                "条只有一款时，引用其项写作“第X条第Y项”",
            )
