"""The citation grammar: every form of legislative-norms.md §2 and §8, parsed into typed results."""

from __future__ import annotations

import pytest

from workbench.refs import CitationError, parse_citation, scan_citations


def _targets(text: str) -> list[dict[str, object]]:
    c = parse_citation(text)
    out: list[dict[str, object]] = []
    for m in c.members:
        out.append(m.first.model_dump(exclude_defaults=True, exclude={"written_from"}))
        if m.last is not None:
            out.append({"to": m.last.model_dump(exclude_defaults=True, exclude={"written_from"})})
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第十条", [{"article": 10}]),
        ("第一百一十条", [{"article": 110}]),
        ("第一千零一十条", [{"article": 1010}]),
        ("第一千二百六十条", [{"article": 1260}]),
        ("第一百三十四条第二款", [{"article": 134, "paragraph": 2}]),
        ("第十五条第一款第二项", [{"article": 15, "paragraph": 1, "item": 2}]),
        (
            "第十二条第二款第（三）项",
            [{"article": 12, "paragraph": 2, "item": 3, "item_parens": True}],
        ),
        ("第十条第二项", [{"article": 10, "item": 2}]),
        ("第一百七十五条之一第一款", [{"article": 175, "article_suffix": 1, "paragraph": 1}]),
        ("第一百三十三条之二", [{"article": 133, "article_suffix": 2}]),
        ("第三章", [{"chapter": 3}]),
        ("第二章第一节", [{"chapter": 2, "section": 1}]),
    ],
)
def test_absolute_forms_parse_to_their_levels(text: str, expected: list[dict[str, object]]) -> None:
    """第X条 / 第X条第Y款 / 第X条第Y款第Z项 / 之N / 第X章 read as numbered levels."""
    assert _targets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前款", [{"anchor": "previous_paragraph"}]),
        ("前两款", [{"anchor": "previous_paragraph", "count": 2}]),
        ("前三款", [{"anchor": "previous_paragraph", "count": 3}]),
        ("本款", [{"anchor": "this_paragraph"}]),
        ("本条", [{"anchor": "this_article"}]),
        ("本条第二款", [{"anchor": "this_article", "paragraph": 2}]),
        ("本条第二项", [{"anchor": "this_article", "item": 2}]),
        ("前款第三项", [{"anchor": "previous_paragraph", "item": 3}]),
        ("本项", [{"anchor": "this_item"}]),
        ("前项", [{"anchor": "previous_item"}]),
        ("前条", [{"anchor": "previous_article"}]),
        ("本章", [{"anchor": "this_chapter"}]),
        ("本节", [{"anchor": "this_section"}]),
        ("本项第5目", [{"anchor": "this_item", "subitem": 5}]),
        ("本项第五目", [{"anchor": "this_item", "subitem": 5}]),
    ],
)
def test_relative_forms_parse_to_anchors(text: str, expected: list[dict[str, object]]) -> None:
    """前款 / 前两款 / 本条第Y款 / 前款第Z项 / 本项 / 前项 / 前条 / 本章 / 本节 / 第N目."""
    assert _targets(text) == expected


@pytest.mark.parametrize("scope", ["本条例", "本规定", "本办法", "本细则", "本法", "本决定"])
def test_the_instrument_scope_is_internal(scope: str) -> None:
    """本条例第十五条 and its siblings cite the current document."""
    c = parse_citation(f"{scope}第十五条")
    assert (c.scope, c.scope_text, c.members[0].first.article) == ("internal", scope, 15)


def test_a_list_member_inherits_the_higher_levels() -> None:
    """本条例第十五条第一款第四项、第五项: the second means 第十五条第一款第五项 (§8)."""
    c = parse_citation("本条例第十五条第一款第四项、第五项")
    second = c.members[1].first
    assert (second.article, second.paragraph, second.item) == (15, 1, 5)


def test_a_range_end_inherits_the_relative_anchor() -> None:
    """前款第四项至第六项: both ends refer to 前款 (§8)."""
    c = parse_citation("前款第四项至第六项")
    member = c.members[0]
    assert member.last is not None
    assert (member.first.anchor, member.first.item) == ("previous_paragraph", 4)
    assert (member.last.anchor, member.last.item) == ("previous_paragraph", 6)


def test_bracketed_and_plain_items_mean_the_same() -> None:
    """第（一）项、第（三）项 and 第一项、第三项 differ only in the bracket flag (§8)."""
    a = parse_citation("第（一）项、第（三）项")
    b = parse_citation("第一项、第三项")
    strip = {"item_parens"}
    assert [m.first.model_dump(exclude=strip) for m in a.members] == [
        m.first.model_dump(exclude=strip) for m in b.members
    ]
    assert [m.first.item_parens for m in a.members] == [True, True]


def test_ranges_of_articles_include_suffix_articles() -> None:
    """第二百一十三条至第二百一十九条之一 (§2.3)."""
    c = parse_citation("第二百一十三条至第二百一十九条之一")
    member = c.members[0]
    assert member.last is not None
    assert (member.last.article, member.last.article_suffix) == (219, 1)


def test_a_list_may_end_with_deng() -> None:
    """第四十九条、第五十一条等法律规定: two members, not exhaustive."""
    (c,) = scan_citations("依照第四十九条、第五十一条等法律规定")
    assert (c.text, len(c.members), c.etc) == ("第四十九条、第五十一条", 2, True)


def test_a_bracketed_title_makes_the_citation_external() -> None:
    """《中华人民共和国立法法》第八十一条 cites another instrument."""
    (c,) = scan_citations("根据《中华人民共和国立法法》第八十一条的规定")
    assert (c.scope, c.instrument, c.text) == (
        "external",
        "中华人民共和国立法法",
        "《中华人民共和国立法法》第八十一条",
    )


@pytest.mark.parametrize(
    ("text", "instrument"),
    [
        ("依照刑法第二百三十六条第三款第一项的规定处罚", "刑法"),
        ("适用民法典第一千一百六十五条", "民法典"),
        ("立法法第八十一条规定", "立法法"),
        ("依照条例第十条", "条例"),
        ("依照中华人民共和国行政处罚法第三十二条", "中华人民共和国行政处罚法"),
    ],
)
def test_a_bare_law_name_makes_the_citation_external(text: str, instrument: str) -> None:
    """刑法第二百三十六条第三款第一项 inside a local draft is external (§8, §2.5)."""
    (c,) = scan_citations(text)
    assert (c.scope, c.instrument) == ("external", instrument)


def test_a_mention_of_laws_and_regulations_is_external() -> None:
    """有关法律、法规 is recognised as a reference to other instruments."""
    (c,) = scan_citations("有关法律、法规另有规定的，从其规定")
    assert (c.scope, c.members, c.text) == ("external", (), "有关法律、法规")


def test_external_scope_stops_at_a_new_internal_scope() -> None:
    """《立法法》第八十一条和本条例第三条: one external, one internal citation."""
    found = scan_citations("依照《立法法》第八十一条和本条例第三条")
    assert [(c.scope, c.text) for c in found] == [
        ("external", "《立法法》第八十一条"),
        ("internal", "本条例第三条"),
    ]


def test_the_list_keeps_the_external_scope() -> None:
    """《行政处罚法》第十条、第十二条: both members are external."""
    (c,) = scan_citations("依照《行政处罚法》第十条、第十二条")
    assert (c.scope, len(c.members)) == ("external", 2)


@pytest.mark.parametrize(
    "text",
    ["本项目的资金", "基本条件", "根本法则", "提前条件", "第三人", "第一次会议", "资本章程"],
)
def test_words_that_look_like_citations_are_not(text: str) -> None:
    """本项目 / 基本条件 / 第三人 / 第一次 are words, not citations."""
    assert [c for c in scan_citations(text) if c.members] == []


def test_parse_citation_rejects_other_text() -> None:
    """Anything that is not exactly one citation raises a Chinese error."""
    with pytest.raises(CitationError, match="无法识别"):
        parse_citation("第十条的规定")


def test_offsets_point_at_the_words_as_written() -> None:
    """start/end slice the citation out of the running text."""
    text = "违反本条例第十五条第一款第四项、第五项规定的，处以罚款。"
    (c,) = scan_citations(text)
    assert text[c.start : c.end] == c.text == "本条例第十五条第一款第四项、第五项"


def test_a_compact_list_shares_one_unit() -> None:
    """第三、四项 and 第十、十二条 read as two members each."""
    (c,) = scan_citations("违反第三、四项规定的")
    assert (c.text, [m.first.item for m in c.members]) == ("第三、四项", [3, 4])
    (c,) = scan_citations("依照本条例第十、十二条")
    assert [m.first.article for m in c.members] == [10, 12]
