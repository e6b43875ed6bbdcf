"""The citation grammar of `legislative-norms.md` §2 and §7.2: text → `Citation`.

`scan_citations` finds every citation in running text (internal ones such as 本条例第十五条第一款第四项、
第五项 or 前款第四项至第六项, external ones after 《…》 or a bare law name, and mentions such as
有关法律、法规); `parse_citation` reads a string that is exactly one citation. Lists and ranges
inherit the higher levels of the member before them (§7.2 rule 11). Imports only the model and
numerals.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from workbench.errors import WorkbenchError
from workbench.refs.citation import (
    ANCHOR_LEVEL,
    LEVELS,
    Anchor,
    Citation,
    CitationMember,
    CitationTarget,
)
from workbench.refs.external import law_name_before
from workbench.refs.tokens import Token, tokens

__all__ = ["CitationError", "parse_citation", "scan_citations"]


class CitationError(WorkbenchError):
    """A string is not a citation the grammar can read."""


_LIST_GAPS = frozenset({"、", "和", "及", "以及", "或者", "或", "与", "、以及"})
_RANGE_GAPS = frozenset({"至", "到"})


def scan_citations(text: str, *, bare_instrument: str | None = None) -> list[Citation]:
    """Find every citation in ``text``, in order (see `_scan`; results are cached per text)."""
    return list(_scan_cached(text, bare_instrument))


@lru_cache(maxsize=32768)
def _scan_cached(text: str, bare_instrument: str | None) -> tuple[Citation, ...]:
    # Texts barely change between edits, so a session re-scans almost nothing.
    return tuple(_scan(text, bare_instrument=bare_instrument))


def _scan(text: str, *, bare_instrument: str | None = None) -> list[Citation]:
    """Find every citation in ``text``, in order.

    Args:
        text: Running text (one 款, 项 or 目).
        bare_instrument: When set, citations without a scope, and those scoped 本条例/本法…
            (but not 本决定), are taken as external references to this instrument: the text of
            a 修改决定 cites the regulation it amends, also in the new wording it quotes.

    Returns:
        The citations, each with its offsets, scope, members and (for external ones) instrument.
        Mentions such as 有关法律、法规 or a 《…》 title without article come back as external
        citations with no members.
    """
    toks = tokens(text)
    out: list[Citation] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "mention":
            out.append(_mention(tok, tok.name))
            i += 1
            continue
        if tok.kind in ("title", "self", "pron", "part"):
            j, part = _scope_part(toks, i)
            if tok.kind == "part" and law_name_before(text, tok.start) is None:
                i += 1  # 总则 after a word that names no instrument: not a part.
                continue
            nxt = toks[j] if j < len(toks) else None
            if nxt is None or nxt.start != toks[j - 1].end or nxt.kind != "num":
                lone = _lone_scope(text, tok, toks[j - 1].end, part)
                if lone is not None:
                    out.append(lone)
                i = j
                continue
            citation, i = _read_members(
                text, toks, j, scope_tok=tok, part=part, bare_instrument=bare_instrument
            )
            out.append(citation)
            continue
        # A citation starting with 第… / 前款 / 本条 and no written scope.
        inherit = _inheritable(text, out, tok)
        citation, i = _read_members(
            text, toks, i, scope_tok=None, bare_instrument=bare_instrument, inherit=inherit
        )
        out.append(citation)
    return out


def _scope_part(toks: list[Token], i: int) -> tuple[int, str]:
    """The token after a scope and the part it names: 本法总则, 《刑法》分则, 刑法分则."""
    tok = toks[i]
    j = i + 1
    if tok.kind in ("title", "pron") and j < len(toks):
        nxt = toks[j]
        if nxt.kind == "part" and nxt.start == tok.end:
            return j + 1, nxt.part
    return j, tok.part


def _lone_scope(text: str, tok: Token, end: int, part: str) -> Citation | None:
    """A scope with no number after it: 《…》 and 刑法总则 are mentions, 本法总则 cites a part."""
    if tok.kind == "title":
        return _mention(tok, tok.name, end=end, text=text[tok.start : end])
    if tok.kind == "part":
        name = law_name_before(text, tok.start)
        assert name is not None
        start = tok.start - len(name)
        return _mention(tok, name, start=start, text=text[start:end])
    if tok.kind == "self" and part:
        target = CitationTarget(part_name=part, written_from=0)
        return Citation(
            text=tok.text,
            start=tok.start,
            end=tok.end,
            scope="internal",
            scope_text=tok.text,
            members=(CitationMember(first=target),),
        )
    return None


def _inheritable(text: str, found: list[Citation], tok: Token) -> Citation | None:
    """The earlier citation a bare 第Y款 / 第Z项 continues, in the same sentence.

    ``违反本条例第六十五条第（一）项至第（六）项规定的……；违反第（七）项规定的`` — the second
    citation means 第六十五条第（七）项, as in a list (§7.2 rule 11). Only a continuation at
    the same level counts: a bare 第二款 after 本条例第十条 still means this article's 款.
    """
    if tok.kind != "num" or tok.level < LEVELS.index("paragraph") or not found:
        return None
    prev = found[-1]
    if not prev.members or "。" in text[prev.end : tok.start]:
        return None
    last = prev.members[-1].last or prev.members[-1].first
    if last.anchor != "document" or last.article is None or last.deepest < tok.level:
        return None
    return prev


def _mention(
    tok: Token, name: str, *, start: int | None = None, end: int | None = None, text: str = ""
) -> Citation:
    words = text or tok.text
    return Citation(
        text=words,
        start=tok.start if start is None else start,
        end=tok.end if end is None else end,
        scope="external",
        scope_text=words,
        instrument=name,
    )


def _read_members(
    text: str,
    toks: list[Token],
    i: int,
    *,
    scope_tok: Token | None,
    bare_instrument: str | None = None,
    inherit: Citation | None = None,
    part: str = "",
) -> tuple[Citation, int]:
    """Read members starting at token ``i``; return the citation and the next token index."""
    members: list[CitationMember] = []
    joins: list[str] = []
    previous: CitationTarget | None = None
    if inherit is not None:
        previous = inherit.members[-1].last or inherit.members[-1].first
    pending_first: CitationTarget | None = None
    start = scope_tok.start if scope_tok else toks[i].start
    members_start = end = toks[i].start
    while i < len(toks):
        target, i, end = _read_target(toks, i, previous, part=part if not members else "")
        if pending_first is not None:
            members.append(CitationMember(first=pending_first, last=target))
            pending_first = None
        else:
            members.append(CitationMember(first=target))
        previous = target
        if i >= len(toks):
            break
        nxt = toks[i]
        gap = text[end : nxt.start]
        if gap in _RANGE_GAPS and nxt.kind == "num" and members[-1].last is None:
            pending_first = members.pop().first
            continue
        if gap in _LIST_GAPS and nxt.kind in ("num", "rel", "prev"):
            joins.append(gap)
            continue
        break
    if pending_first is not None:
        members.append(CitationMember(first=pending_first))
    etc = text[end : end + 1] == "等"
    if inherit is not None:
        scope, scope_text, instrument = inherit.scope, "", inherit.instrument
    else:
        scope, start, instrument = _scope(text, start, scope_tok, bare_instrument)
        scope_text = text[start:members_start]
    citation = Citation(
        text=text[start:end],
        start=start,
        end=end,
        scope=scope,
        scope_text=scope_text,
        instrument=instrument,
        members=tuple(members),
        joins=tuple(joins),
        etc=etc,
    )
    return citation, i


def _read_target(
    toks: list[Token], i: int, previous: CitationTarget | None, *, part: str = ""
) -> tuple[CitationTarget, int, int]:
    """Read one target (an anchor and/or adjacent numbered levels going down).

    ``part`` is the named part written before the first member (分则 of 刑法分则第四章); later
    members keep it while they name the same level or a lower one (第四章、第五章).
    """
    first = toks[i]
    fields: dict[str, object] = {}
    anchor: Anchor = "document"
    count = 1
    level = -1
    implicit = False
    if first.kind in ("rel", "prev"):
        anchor, count, level = first.anchor, first.count, first.level
        written_from = first.level
        end = first.end
        i += 1
    else:
        written_from = first.level
        end = first.start
        if part:
            fields["part_name"] = part
        elif (
            previous is not None
            and previous.part_name is not None
            and first.level >= _top_numbered(previous)
        ):
            fields["part_name"] = previous.part_name
        if previous is not None and first.level > _top_level(previous):
            # Inherit the anchor and the levels above the first written one.
            if ANCHOR_LEVEL[previous.anchor] < first.level:
                anchor, count = previous.anchor, previous.count
                implicit = previous.implicit
            article_level = LEVELS.index("article")
            for lv, value in previous.levels().items():
                # Articles are numbered through the whole text: 第二章、第三条 names no
                # article of 第二章, so container numbers are never inherited by articles.
                if LEVELS.index(lv) < article_level <= first.level:
                    continue
                if LEVELS.index(lv) < first.level:
                    fields[lv] = value
                    if lv == "article":
                        fields["article_suffix"] = previous.article_suffix
            if previous.item_parens and first.level > LEVELS.index("item"):
                fields["item_parens"] = True
        elif first.level >= LEVELS.index("paragraph"):
            # A bare 第二款 / 第三项 means within the current article (item: its 款).
            anchor = "this_article" if first.level < LEVELS.index("subitem") else "this_item"
            implicit = True
    while i < len(toks) and toks[i].kind == "num" and toks[i].start == end:
        tok = toks[i]
        if tok.level <= level:
            break
        level = tok.level
        name = LEVELS[level]
        fields[name] = tok.number
        if name == "article":
            fields["article_suffix"] = tok.suffix
        if name == "item":
            fields["item_parens"] = tok.parens
        end = tok.end
        i += 1
    target = CitationTarget.model_validate(
        {
            **fields,
            "anchor": anchor,
            "count": count,
            "written_from": written_from,
            "implicit": implicit,
        }
    )
    return target, i, end


def _top_numbered(target: CitationTarget) -> int:
    """The highest numbered level a target names (0 when it names none)."""
    levels = list(target.levels())
    return LEVELS.index(levels[0]) if levels else 0


def _top_level(target: CitationTarget) -> int:
    """The highest level a target names (its anchor's, or its first numbered level)."""
    if target.anchor != "document":
        return ANCHOR_LEVEL[target.anchor]
    for i, level in enumerate(LEVELS):
        if getattr(target, level) is not None:
            return i
    return -1


def _scope(
    text: str, start: int, scope_tok: Token | None, bare_instrument: str | None
) -> tuple[Literal["internal", "external"], int, str | None]:
    """Internal or external, where the scope's words start, and the instrument named."""
    if scope_tok is not None and scope_tok.kind == "self":
        if bare_instrument is not None and not scope_tok.text.startswith("本决定"):
            # 本条例 in the new wording a decision quotes is the amended instrument's.
            return "external", start, bare_instrument
        return "internal", start, None
    if scope_tok is not None and scope_tok.kind == "title":
        return "external", start, scope_tok.name
    if scope_tok is not None and scope_tok.kind == "pron":
        return "external", start, None
    # A bare law name right before the 第 (or before the part it names): 刑法第…, 刑法分则第….
    name = law_name_before(text, start)
    if name is not None:
        return "external", start - len(name), name
    if bare_instrument is not None:
        return "external", start, bare_instrument
    return "internal", start, None


def parse_citation(text: str) -> Citation:
    """Read ``text`` as exactly one citation (``第十二条第二款第（三）项``, ``前款``, ``本条例第五条至第八条``).

    Raises:
        CitationError: If ``text`` is not one complete citation (the message says what was read).
    """
    stripped = text.strip()
    found = [c for c in scan_citations(stripped) if c.members or c.scope == "external"]
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        raise CitationError(
            f"无法识别的条款引用：“{text}”（应为“第十二条第二款第三项”“前款”等形式）"
        )
    return found[0]
