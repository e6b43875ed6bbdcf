"""The canonical renderer: exact layout, numbers as written, punctuation, Markdown."""

from __future__ import annotations

from workbench.model import UidFactory
from workbench.parse import parse_text
from workbench.render import canonical_text, render_markdown, render_text

SOURCE = """# 某市某某条例

2024年1月1日 某市第一届人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

## 第一章  总  则

第一条 为了测试,制定本条例。

第三条 本条例适用于:

(一)本市;

（二）其他地方。

下款文字。

## 第二章 附则

第四条 本条例自2024年1月1日起施行。
"""

EXPECTED_TEXT = """某市某某条例

（2024年1月1日 某市第一届人民代表大会常务委员会第一次会议通过）

第一章\u3000总则

第一条\u3000为了测试，制定本条例。

第三条\u3000本条例适用于：

（一）本市；

（二）其他地方。

下款文字。

第二章\u3000附则

第四条\u3000本条例自2024年1月1日起施行。
"""


def test_render_text_is_canonical() -> None:
    """Numbers as written (第三条 stays), U+3000 after 条 and 章, full-width labels and
    punctuation, note."""
    doc = parse_text(SOURCE, uids=UidFactory(1))
    assert render_text(doc) == EXPECTED_TEXT


def test_render_markdown_marks_title_and_headings() -> None:
    """Markdown: ``#`` title, ``##`` chapters, the rest as in the plain text."""
    doc = parse_text(SOURCE, uids=UidFactory(1))
    md = render_markdown(doc)
    assert md.startswith("# 某市某某条例\n\n（2024年1月1日")
    assert "\n## 第一章\u3000总则\n" in md
    assert "\n第三条\u3000本条例适用于：\n" in md


def test_render_then_parse_gives_the_same_tree() -> None:
    """The canonical text parses back to a tree that renders identically; the only diagnostic
    left is the gap the source itself has (第二条 missing)."""
    doc = parse_text(SOURCE, uids=UidFactory(1))
    again = parse_text(render_text(doc), uids=UidFactory(2))
    assert [d.code for d in again.diagnostics] == ["numbering-gap"]
    assert render_text(again) == render_text(doc)


def test_canonical_text_keeps_numbers_and_urls() -> None:
    """Only ASCII ``,;:`` touching Chinese become full-width."""
    assert canonical_text("甲,乙;丙:") == "甲，乙；丙："
    assert canonical_text("1,000元，见https://example.org") == "1,000元，见https://example.org"


def test_sections_and_subitems_render_nested() -> None:
    """节 under 章 and 目 under 项 render on their own lines with canonical labels."""
    text = (
        "# 某条例\n\n## 第一章 总则\n\n### 第一节 一般\n\n第一条 条件：\n\n（一）下列之一：\n\n"
        "1、甲；\n\n（2）乙。\n"
    )
    out = render_text(parse_text(text, uids=UidFactory(1)))
    assert "第一节\u3000一般\n\n第一条\u3000条件：\n\n（一）下列之一：\n\n1.甲；\n\n2.乙。\n" in out


def test_unnumbered_supplementary_and_annexes_render() -> None:
    """A code's unnumbered 附则 renders as ``附则``; annexes follow the articles."""
    text = "# 某法\n\n## 第一编 总则\n\n第一条 甲。\n\n## 附则\n\n第二条 乙。\n\n## 附件一\n\n1．某决定\n"
    out = render_text(parse_text(text, uids=UidFactory(1)))
    assert out.endswith("附则\n\n第二条\u3000乙。\n\n附件一\n\n1．某决定\n")
