"""The citation grammar of `legislative-norms.md` §2 and §7.2: text → `Citation`.

`scan_citations` finds every citation in running text (internal ones such as 本条例第十五条第一款第四项、
第五项 or 前款第四项至第六项, external ones after 《…》 or a bare law name, and mentions such as
有关法律、法规); `parse_citation` reads a string that is exactly one citation. Lists and ranges
inherit the higher levels of the member before them (§7.2 rule 11). Imports only the model and
numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from workbench.errors import WorkbenchError
from workbench.numerals import NUMERAL_CHARS, NumeralError, from_cn
from workbench.refs.citation import (
    ANCHOR_LEVEL,
    LEVELS,
    Anchor,
    Citation,
    CitationMember,
    CitationTarget,
    Level,
)
from workbench.refs.external import law_name_before

__all__ = ["CitationError", "parse_citation", "scan_citations"]


class CitationError(WorkbenchError):
    """A string is not a citation the grammar can read."""


_N = f"[{NUMERAL_CHARS}]+"
_NOT_COMPOUND = "(?<![根基资成日文样版副正原账标剧课脚范底书刊])"
_TOKEN = re.compile(
    rf"(?P<title>《(?P<title_name>[^《》\n]{{1,100}})》)"
    rf"|(?P<self>{_NOT_COMPOUND}本(?:条例|规定|办法|细则|法(?![规律院官庭人])|决定|规则))"
    rf"|(?P<rel>{_NOT_COMPOUND}本(?P<rel_unit>分编|编|章(?!程)|节(?![约能日])|条(?![件])|款(?!项)|项(?!目)))"
    rf"|(?P<prev>(?<![提目当之此先生婚事会年日月天])前(?P<prev_count>[两二三四五六七八九]?)"
    rf"(?P<prev_unit>条(?![件])|款(?!项)|项(?!目)))"
    rf"|(?P<numi>第[ \u3000]?[（(][ \u3000]?(?P<numi_n>{_N})[ \u3000]?[）)][ \u3000]?项)"
    rf"|(?P<numl>第(?P<numl_ns>{_N}(?:、{_N})+)(?P<numl_unit>条|款|项))"
    rf"|(?P<num>第[ \u3000]?(?P<num_n>{_N})[ \u3000]?(?P<num_unit>分编|编|章|节|条|款|项|目)"
    rf"(?:之(?P<num_suffix>{_N}))?)"
    rf"|(?P<pron>该(?:法|条例|规定|办法|决定|细则)(?=第))"
    r"|(?P<mention>(?:有关|相关)?法律、(?:行政法规|法规)(?:、(?:地方性法规|规章))*|(?:有关|相关)法律法规)"
)

_UNIT_LEVEL: dict[str, Level] = {
    "编": "book",
    "分编": "part",
    "章": "chapter",
    "节": "section",
    "条": "article",
    "款": "paragraph",
    "项": "item",
    "目": "subitem",
}
_REL_ANCHOR: dict[str, Anchor] = {
    "编": "this_book",
    "分编": "this_part",
    "章": "this_chapter",
    "节": "this_section",
    "条": "this_article",
    "款": "this_paragraph",
    "项": "this_item",
}
_PREV_ANCHOR: dict[str, Anchor] = {
    "条": "previous_article",
    "款": "previous_paragraph",
    "项": "previous_item",
}
_COUNT = {"": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LIST_GAPS = frozenset({"、", "和", "及", "以及", "或者", "或", "与", "、以及"})
_RANGE_GAPS = frozenset({"至", "到"})

TokenKind = Literal["title", "self", "rel", "prev", "num", "pron", "mention"]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: TokenKind
    start: int
    end: int
    text: str
    level: int = -1
    number: int | None = None
    suffix: int = 0
    parens: bool = False
    anchor: Anchor = "document"
    count: int = 1
    name: str = ""


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        try:
            if m.group("numl"):
                out.extend(_compact_list(m, s))
                continue
            tok = _make_token(m, s, e)
        except NumeralError:
            continue
        if tok is not None:
            out.append(tok)
    return out


def _compact_list(m: re.Match[str], s: int) -> list[_Token]:
    """第三、四项 (one 第, one unit): one token per number, joined by 、 as in 第三项、第四项."""
    level = LEVELS.index(_UNIT_LEVEL[m.group("numl_unit")])
    out: list[_Token] = []
    pos = s + 1
    numbers = m.group("numl_ns").split("、")
    for k, piece in enumerate(numbers):
        end = pos + len(piece) + (len(m.group("numl_unit")) if k == len(numbers) - 1 else 0)
        start = s if k == 0 else pos
        out.append(
            _Token(
                "num",
                start,
                end,
                m.group(0)[start - s : end - s],
                level=level,
                number=from_cn(piece),
            )
        )
        pos = end + 1
    return out


def _make_token(m: re.Match[str], s: int, e: int) -> _Token | None:
    text = m.group(0)
    if m.group("title"):
        return _Token("title", s, e, text, name=m.group("title_name"))
    if m.group("self"):
        return _Token("self", s, e, text)
    if m.group("rel"):
        unit = m.group("rel_unit")
        anchor = _REL_ANCHOR[unit]
        return _Token("rel", s, e, text, level=ANCHOR_LEVEL[anchor], anchor=anchor)
    if m.group("prev"):
        unit = m.group("prev_unit")
        anchor = _PREV_ANCHOR[unit]
        count = _COUNT[m.group("prev_count")]
        return _Token("prev", s, e, text, level=ANCHOR_LEVEL[anchor], anchor=anchor, count=count)
    if m.group("numi"):
        level = LEVELS.index("item")
        return _Token(
            "num", s, e, text, level=level, number=from_cn(m.group("numi_n")), parens=True
        )
    if m.group("num"):
        unit = m.group("num_unit")
        suffix_text = m.group("num_suffix")
        if suffix_text and unit != "条":
            return None
        level = LEVELS.index(_UNIT_LEVEL[unit])
        suffix = from_cn(suffix_text) if suffix_text else 0
        return _Token(
            "num", s, e, text, level=level, number=from_cn(m.group("num_n")), suffix=suffix
        )
    if m.group("pron"):
        return _Token("pron", s, e, text, name=text)
    return _Token("mention", s, e, text, name=text)


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
        bare_instrument: When set, citations without 本条例/本法… are taken as external
            references to this instrument (the text of a 修改决定 cites the regulation it amends).

    Returns:
        The citations, each with its offsets, scope, members and (for external ones) instrument.
        Mentions such as 有关法律、法规 or a 《…》 title without article come back as external
        citations with no members.
    """
    toks = _tokens(text)
    out: list[Citation] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "mention":
            out.append(_mention(tok, tok.name))
            i += 1
            continue
        if tok.kind in ("title", "self", "pron"):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or nxt.start != tok.end or nxt.kind != "num":
                if tok.kind == "title":
                    out.append(_mention(tok, tok.name))
                i += 1
                continue
            citation, i = _read_members(text, toks, i + 1, scope_tok=tok)
            out.append(citation)
            continue
        # A citation starting with 第… / 前款 / 本条 and no written scope.
        inherit = _inheritable(text, out, tok)
        citation, i = _read_members(
            text, toks, i, scope_tok=None, bare_instrument=bare_instrument, inherit=inherit
        )
        out.append(citation)
    return out


def _inheritable(text: str, found: list[Citation], tok: _Token) -> Citation | None:
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


def _mention(tok: _Token, name: str) -> Citation:
    return Citation(
        text=tok.text,
        start=tok.start,
        end=tok.end,
        scope="external",
        scope_text=tok.text,
        instrument=name,
    )


def _read_members(
    text: str,
    toks: list[_Token],
    i: int,
    *,
    scope_tok: _Token | None,
    bare_instrument: str | None = None,
    inherit: Citation | None = None,
) -> tuple[Citation, int]:
    """Read members starting at token ``i``; return the citation and the next token index."""
    members: list[CitationMember] = []
    joins: list[str] = []
    previous: CitationTarget | None = None
    if inherit is not None:
        previous = inherit.members[-1].last or inherit.members[-1].first
    pending_first: CitationTarget | None = None
    start = scope_tok.start if scope_tok else toks[i].start
    end = toks[i].start
    while i < len(toks):
        target, i, end = _read_target(toks, i, previous)
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
        scope, scope_text, instrument = _scope(text, start, scope_tok, bare_instrument)
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
    toks: list[_Token], i: int, previous: CitationTarget | None
) -> tuple[CitationTarget, int, int]:
    """Read one target (an anchor and/or adjacent numbered levels going down)."""
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


def _top_level(target: CitationTarget) -> int:
    """The highest level a target names (its anchor's, or its first numbered level)."""
    if target.anchor != "document":
        return ANCHOR_LEVEL[target.anchor]
    for i, level in enumerate(LEVELS):
        if getattr(target, level) is not None:
            return i
    return -1


def _scope(
    text: str, start: int, scope_tok: _Token | None, bare_instrument: str | None
) -> tuple[Literal["internal", "external"], str, str | None]:
    if scope_tok is not None:
        if scope_tok.kind == "self":
            return "internal", scope_tok.text, None
        if scope_tok.kind == "title":
            return "external", scope_tok.text, scope_tok.name
        return "external", scope_tok.text, None
    name = law_name_before(text, start)
    if name is not None:
        return "external", "", name
    if bare_instrument is not None:
        return "external", "", bare_instrument
    return "internal", "", None


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
