"""The words of a citation: a lexer turning running text into citation tokens.

Tokens are what the grammar (`workbench.refs.grammar`) assembles into citations: a 《title》,
the text's own name (本条例, 本法总则), a part named after a law's name (分则 of 刑法分则), a
relative anchor (本条, 前款, 前两款), a number with its unit (第十五条之一, 第（三）项, and
compact lists 第三、四项 / 第（三）、（四）项), a pronoun (该法) or a mention (有关法律、法规).
Relative anchors are units whatever word stands before them; only a unit that starts a longer
word (条件, 款项, 项目) is no unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workbench.numerals import NUMERAL_CHARS, NumeralError, from_cn
from workbench.refs.citation import ANCHOR_LEVEL, LEVELS, Anchor, Level
from workbench.refs.parts import BOOK_NAME, PART_NAME

__all__ = ["Token", "TokenKind", "tokens"]

_N = f"[{NUMERAL_CHARS}]+"
_NI = rf"[（(][ \u3000]?{_N}[ \u3000]?[）)]"
# 本 ending a word (根本, 成本, 文本) starts no scope; 构成本法 does (构成 + 本法).
_NOT_COMPOUND = "(?<![根基资日文样版副正原账标剧课脚范底书刊])(?<![^构]成)"
# 前款 / 前项 / 前两款 / 前条 are read as units, whatever word stands before them (从事前款规定的,
# 发生前两款规定的); only a unit that starts a longer word (条件, 条款, 款项, 项目) is not one.
_PREV_UNIT = "条(?![件款例约文目理据])|款(?![项额式])|项(?![目链])"
_TOKEN = re.compile(
    rf"(?P<title>《(?P<title_name>[^《》\n]{{1,100}})》)"
    rf"|(?P<self>{_NOT_COMPOUND}本(?:条例|规定|办法|细则|法(?![规律院官庭人])|决定|规则)"
    rf"(?:(?P<self_part>总则|分则|附则)|(?P<self_book>{BOOK_NAME})(?=第))?)"
    rf"|(?P<part>(?<=[法典例》])(?:{PART_NAME})(?=第)|(?<=[法典》])(?:总则|分则))"
    rf"|(?P<rel>{_NOT_COMPOUND}本(?P<rel_unit>分编|编|章(?!程)|节(?![约能日])|条(?![件])|款(?!项)|项(?!目)))"
    rf"|(?P<prev>前(?P<prev_count>[两二三四五六七八九]?)(?P<prev_unit>{_PREV_UNIT}))"
    rf"|(?P<numi>第[ \u3000]?[（(][ \u3000]?(?P<numi_n>{_N})[ \u3000]?[）)][ \u3000]?项)"
    rf"|(?P<numl>第(?P<numl_ns>{_N}(?:、{_N})+)(?P<numl_unit>条|款|项))"
    rf"|(?P<numpl>第[ \u3000]?(?P<numpl_ns>{_NI}(?:、{_NI})+)[ \u3000]?项)"
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
TokenKind = Literal["title", "self", "part", "rel", "prev", "num", "pron", "mention"]


@dataclass(frozen=True, slots=True)
class Token:
    """One citation word found in running text, with its offsets and what it means."""

    kind: TokenKind
    """title 《…》, self 本条例, part 分则, rel 本条, prev 前款, num 第X条, pron 该法, mention 有关法律."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just after its last character."""
    text: str
    """The words as written."""
    level: int = -1
    """For num/rel/prev: the index in `LEVELS` it stands at."""
    number: int | None = None
    """For num: the number written."""
    suffix: int = 0
    """For num: K of 第N条之K."""
    parens: bool = False
    """For num: an item written in brackets, 第（三）项."""
    anchor: Anchor = "document"
    """For rel/prev: the relative start it names."""
    count: int = 1
    """For prev: how many units (前两款: 2)."""
    name: str = ""
    """For title/pron/mention: the instrument named."""
    part: str = ""
    """For self/part: the part named (总则, 分则, 合同编)."""


def tokens(text: str) -> list[Token]:
    """Every citation word of ``text``, in order (numbers that do not parse are skipped)."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        try:
            if m.group("numl") or m.group("numpl"):
                out.extend(_compact_list(m))
                continue
            tok = _make_token(m, s, e)
        except NumeralError:
            continue
        if tok is not None:
            out.append(tok)
    return out


_LIST_NUMBER = re.compile(rf"[（(][ \u3000]?(?P<p>{_N})[ \u3000]?[）)]|(?P<n>{_N})")


def _compact_list(m: re.Match[str]) -> list[Token]:
    """第三、四项 / 第（三）、（四）项 (one 第, one unit): a token per number, as 第三项、第四项."""
    group = "numl" if m.group("numl") else "numpl"
    unit = m.group("numl_unit") if group == "numl" else "项"
    level = LEVELS.index(_UNIT_LEVEL[unit])
    s, e = m.span()
    numbers = list(_LIST_NUMBER.finditer(m.group(f"{group}_ns")))
    base = m.start(f"{group}_ns")
    out: list[Token] = []
    for k, n in enumerate(numbers):
        start = s if k == 0 else base + n.start()
        end = e if k == len(numbers) - 1 else base + n.end()
        parens = n.group("p") is not None
        out.append(
            Token(
                "num",
                start,
                end,
                m.string[start:end],
                level=level,
                number=from_cn(n.group("p") if parens else n.group("n")),
                parens=parens,
            )
        )
    return out


def _make_token(m: re.Match[str], s: int, e: int) -> Token | None:
    text = m.group(0)
    if m.group("title"):
        return Token("title", s, e, text, name=m.group("title_name"))
    if m.group("self"):
        return Token("self", s, e, text, part=m.group("self_part") or m.group("self_book") or "")
    if m.group("part"):
        return Token("part", s, e, text, part=text)
    if m.group("rel"):
        unit = m.group("rel_unit")
        anchor = _REL_ANCHOR[unit]
        return Token("rel", s, e, text, level=ANCHOR_LEVEL[anchor], anchor=anchor)
    if m.group("prev"):
        unit = m.group("prev_unit")
        anchor = _PREV_ANCHOR[unit]
        count = _COUNT[m.group("prev_count")]
        return Token("prev", s, e, text, level=ANCHOR_LEVEL[anchor], anchor=anchor, count=count)
    if m.group("numi"):
        level = LEVELS.index("item")
        return Token("num", s, e, text, level=level, number=from_cn(m.group("numi_n")), parens=True)
    if m.group("num"):
        unit = m.group("num_unit")
        suffix_text = m.group("num_suffix")
        if suffix_text and unit != "条":
            return None
        level = LEVELS.index(_UNIT_LEVEL[unit])
        suffix = from_cn(suffix_text) if suffix_text else 0
        return Token(
            "num", s, e, text, level=level, number=from_cn(m.group("num_n")), suffix=suffix
        )
    if m.group("pron"):
        return Token("pron", s, e, text, name=text)
    return Token("mention", s, e, text, name=text)
