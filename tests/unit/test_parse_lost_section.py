"""A 节 heading that lost its 第一节 label, right under its chapter heading (issue 15 item 1)."""

from __future__ import annotations

from workbench.model import Document, UidFactory
from workbench.parse import parse_text
from workbench.render import render_text

TEXT = """# 某市产业发展促进条例

第一章　总则

第一条　为了促进产业发展，制定本条例。

第二章　产业促进

招商引资

第二条　市人民政府应当加强招商引资工作。

第三条　鼓励社会资本参与产业项目建设。

{second}

第四条　市人民政府应当加强人才引进和培养。

第三章　附则

第五条　本条例自2026年1月1日起施行。
"""


def parse(second: str) -> Document:
    return parse_text(TEXT.format(second=second), uids=UidFactory(3))


def test_a_line_before_articles_is_the_lost_first_section_when_a_second_follows() -> None:
    """产业促进 / 招商引资 / 第二十条… / 第二节　人才支持: 招商引资 is 第一节, with a warning."""
    doc = parse("第二节　人才支持")
    chapter = doc.children[1]
    assert chapter.heading == "产业促进"
    sections = [(s.num, s.heading, [a.num for a in s.children]) for s in chapter.children]
    assert sections == [
        ("第一节", "招商引资", ["第二条", "第三条"]),
        ("第二节", "人才支持", ["第四条"]),
    ]
    warnings = [d for d in doc.diagnostics if d.code == "heading-without-number"]
    assert [d.message for d in warnings] == [
        "标题“招商引资”缺少序号，已按位置补为“第一节”，请核对原文"
    ]
    assert "numbering-gap" not in {d.code for d in doc.diagnostics}


def test_the_rebuilt_section_renders_and_parses_back_the_same() -> None:
    """The rendering writes 第一节　招商引资, so the tree is a fixed point of render → parse."""
    doc = parse("第二节　人才支持")
    again = parse_text(render_text(doc), uids=UidFactory(3))
    assert render_text(again) == render_text(doc)
    assert "第一节　招商引资" in render_text(doc)


def test_without_a_later_second_section_the_line_continues_the_chapter_title() -> None:
    """No 第二节 in the chapter: the line is the rest of a chapter title (as before)."""
    doc = parse("")
    chapter = doc.children[1]
    assert chapter.heading == "产业促进招商引资"
    assert [c.kind for c in chapter.children] == ["article", "article", "article"]
    assert "heading-continued" in {d.code for d in doc.diagnostics}


def test_a_later_third_section_does_not_make_the_line_a_first_section() -> None:
    """Only a 第二节 tells that exactly the 第一节 label was lost."""
    doc = parse("第三节　人才支持")
    assert doc.children[1].heading == "产业促进招商引资"
