"""A stray bracket in a source is a warning at import, with its line; paired ones say nothing."""

from __future__ import annotations

from workbench.parse.brackets import check_brackets
from workbench.parse.text import parse_text

TEXT = """某某市养犬管理条例

（2020年1月1日某某市人民代表大会常务委员会第十次会议通过　根据2022年6月1日某某市人民代表大会常务委员会第五次会议《关于修改〈某某市养犬管理条例〉的决定》修正））

第一条　为了规范养犬行为，根据《中华人民共和国动物防疫法》，制定本条例。

第二条　本条例所称犬只，是指（一）家养犬只；（二）其他犬只。
"""


def test_the_doubled_closing_bracket_of_a_note_is_reported_at_its_line() -> None:
    """…修正）） is one stray ）, on line 3; the paired 《》〈〉（） elsewhere are not reported."""
    doc = parse_text(TEXT, source="养犬.txt")
    stray = [d for d in doc.diagnostics if d.code == "stray-bracket"]
    assert [(d.severity, d.line) for d in stray] == [("warning", 3)]
    assert "）" in stray[0].message
    assert "删去" in stray[0].message


def test_an_unclosed_bracket_is_reported_where_it_opens() -> None:
    """A 《 never closed is reported on its own line, the brackets closed after it are fine."""
    found = check_brackets(
        [(1, "根据《中华人民共和国动物防疫法，制定本条例。"), (2, "（一）家养犬只；")]
    )
    assert [(d.line, d.message[:3]) for d in found] == [(1, "“《”")]


def test_a_quotation_over_several_paragraphs_pairs_up() -> None:
    """Each quoted paragraph opens with “ and only the last closes: that is the quoting rule."""
    lines = [
        (1, "一、将第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。"),
        (2, "“已满十四周岁的人。”"),
    ]
    assert check_brackets(lines) == []
    assert check_brackets([(1, "犬只应当拴绳。”")])[0].line == 1
