"""Property tests: any text built from the corpus' kinds of lines parses, keeps every character,
and renders to a fixed point."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.corpus import source_body, tree_text
from workbench.model import UidFactory
from workbench.parse import parse_text
from workbench.render import render_markdown, render_text

LINES = [
    "第一条 为了测试，制定本条例。",
    "第二条\u3000本条例适用于：",
    "第三条",
    "第五条之一 插入的条。",
    "第一百二十八 条空格。",
    "（一）第一项；",
    "(二)第二项;",
    "（三） 第三项。",
    "（二）符合下列条件之一：",
    "1.第一目；",
    "2．第二目。",
    "（1）第三目",
    "## 第一章  总  则",
    "第二章\t附则",
    "### 第一节 一般规定",
    "## 第一编 总则",
    "附 则",
    "调查委员会",
    "应当及时报案,",
    "并提供帮助：",
    "个人申请的，除具备前款规定条件外，还应当具备相应资格。",
    "> 引用的一行。",
    "[标记的文字。]{.mark}",
    "\u200b",
    "## 附件一",
    "1．关于某的决定",
    "序言",
    "",
    "目　　录",
    "（2020年1月1日某会议通过）",
    "第四条（立法目的）为了测试。",
    "第七节相应改为第八节，第一百二十三条相应改为第一百二十四条。",
    "##",
    "某条例",
    "一、加强审查",
    "第二十条   多个空格。",
    "1.  pandoc 列表",
]


INDENTS = ["", "    ", "\u3000\u3000", "  "]
SEPARATORS = ["\n\n", "\n", "\r\n\r\n"]


def build(body: list[tuple[str, str]], separator: str) -> str:
    return "# 某条例\n\n" + separator.join(indent + line for indent, line in body) + "\n"


BODIES = st.lists(
    st.tuples(st.sampled_from(INDENTS), st.sampled_from(LINES)), min_size=1, max_size=25
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES, st.sampled_from(SEPARATORS))
def test_any_mix_of_corpus_lines_keeps_every_character(
    body: list[tuple[str, str]], separator: str
) -> None:
    """Whatever the order of the lines, the tree holds exactly the source's characters."""
    text = build(body, separator)
    doc = parse_text(text, uids=UidFactory(1))
    assert tree_text(doc) == source_body(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES, st.sampled_from(SEPARATORS), st.booleans())
def test_any_mix_of_corpus_lines_renders_to_a_fixed_point(
    body: list[tuple[str, str]], separator: str, markdown: bool
) -> None:
    """Rendering, parsing and rendering again gives the same text."""
    render = render_markdown if markdown else render_text
    text = build(body, separator)
    once = render(parse_text(text, uids=UidFactory(1)))
    assert render(parse_text(once, uids=UidFactory(2))) == once
