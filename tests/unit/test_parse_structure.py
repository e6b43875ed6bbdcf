"""Structural edge cases of `legislative-norms.md` §8, parsed and rendered back."""

from __future__ import annotations

from workbench.model import Document, UidFactory, articles, renumber
from workbench.parse import parse_text
from workbench.render import render_text


def parse(text: str) -> Document:
    return parse_text(text, uids=UidFactory(11))


def codes(doc: Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


def reparsed(doc: Document) -> Document:
    return parse_text(render_text(doc), uids=UidFactory(12))


def test_inserted_articles_follow_their_base_in_order() -> None:
    """``第一百三十三条之二`` after ``之一``: insertions, eids (133,1) < (133,2) < 134."""
    doc = parse(
        "# 刑法\n\n第一百三十三条 甲。\n\n第一百三十三条之一 乙。\n\n"
        "第一百三十三条之二 丙。\n\n第一百三十四条 丁。\n"
    )
    arts = articles(doc)
    assert [a.eid for a in arts] == ["art_133", "art_133-1", "art_133-2", "art_134"]
    assert [a.insertion for a in arts] == [False, True, True, False]
    assert codes(doc) == []
    assert [a.num for a in articles(renumber(doc))] == [a.num for a in arts]


def test_book_with_articles_and_no_chapters() -> None:
    """A 编 holding 条 directly (刑诉 第四编) keeps them as its children."""
    doc = parse(
        "# 某法\n\n## 第三编 审判\n\n### 第一章 一般\n\n第一条 甲。\n\n## 第四编 执行\n\n第二条 乙。\n"
    )
    book = doc.children[1]
    assert book.kind == "book"
    assert [c.kind for c in book.children] == ["article"]
    assert book.children[0].eid == "book_4__art_2"


def test_code_level_supplementary_heading_vs_numbered_chapter() -> None:
    """``附则`` alone in a code with 编 is unnumbered; ``第八章 附则`` is an ordinary chapter."""
    code = parse(
        "# 某法典\n\n## 第一编 总则\n\n### 第一章 一般\n\n第一条 甲。\n\n附 则\n\n第二条 乙。\n"
    )
    supplementary = code.children[-1]
    assert (supplementary.kind, supplementary.num, supplementary.heading) == (
        "chapter",
        None,
        "附则",
    )
    assert supplementary.eid == "chp_nn1"
    local = parse("# 某条例\n\n第一章 总则\n\n第一条 甲。\n\n第二章　附　　则\n\n第二条 乙。\n")
    assert (local.children[-1].num, local.children[-1].heading) == ("第二章", "附则")
    assert "heading-without-number" not in codes(local)


def test_chapters_restarting_per_book_are_detected_and_kept() -> None:
    """刑法-style chapters restart in each 编: ``per_book``, and canonical text keeps them."""
    doc = parse(
        "# 某法\n\n## 第一编 总则\n\n### 第一章 甲\n\n第一条 甲。\n\n### 第二章 乙\n\n第二条 乙。\n\n"
        "## 第二编 分则\n\n### 第一章 丙\n\n第三条 丙。\n"
    )
    assert doc.chapter_numbering == "per_book"
    assert "numbering-order" not in codes(doc)
    again = reparsed(doc)
    assert [c.num for c in again.children[1].children] == ["第一章"]
    assert again.chapter_numbering == "per_book"


def test_chapters_continuing_across_books_are_detected_and_kept() -> None:
    """民诉-style chapters run on across 编: ``continuous``, and canonical text keeps them."""
    doc = parse(
        "# 某法\n\n## 第一编 总则\n\n### 第一章 甲\n\n第一条 甲。\n\n"
        "## 第二编 审判\n\n### 第二章 乙\n\n第二条 乙。\n"
    )
    assert doc.chapter_numbering == "continuous"
    assert [c.num for c in reparsed(doc).children[1].children] == ["第二章"]


def test_paragraph_after_items_is_a_new_paragraph() -> None:
    """上海司法鉴定 第十二条: lead-in + items, then a paragraph without a label = 款2."""
    doc = parse(
        "# 某条例\n\n第十二条 申请应当具备下列条件：\n\n（一）甲；\n\n（二）乙。\n\n"
        "个人申请的，除具备前款规定条件外，还应当具备相应资格。\n"
    )
    (article,) = articles(doc)
    assert [len(p.children) for p in article.children] == [2, 0]
    assert article.children[1].eid == "art_12__para_2"
    assert doc.first_article == 12


def test_subitems_nest_under_their_item_and_items_resume() -> None:
    """``（二）…之一：`` + 目1–4 + ``（三）``: the 目 belong to 项（二）, then 项（三）follows."""
    doc = parse(
        "# 某条例\n\n第一条 应当具备下列条件：\n\n（一）甲；\n\n（二）符合下列执业能力条件之一：\n\n"
        "1.具有高级职称；\n\n2.具有学历；\n\n3.具有经历；\n\n4.具有能力；\n\n（三）丙。\n"
    )
    items = articles(doc)[0].children[0].children
    assert [i.num for i in items] == ["（一）", "（二）", "（三）"]
    assert [s.num for s in items[1].children] == ["1.", "2.", "3.", "4."]
    assert items[1].children[3].eid == "art_1__para_1__item_2__subitem_4"
    assert codes(doc) == []


def test_all_items_ending_with_full_stops_are_valid() -> None:
    """增值税法 第十条: every item a full sentence ending ``。`` is no punctuation error."""
    doc = parse(
        "# 增值税法\n\n第十条 税率如下：\n\n（一）纳税人销售货物，税率为百分之十三。\n\n"
        "（二）纳税人出口货物，税率为零；国务院另有规定的除外。\n"
    )
    assert "item-punctuation" not in codes(doc)


def test_item_punctuation_against_the_norms_is_reported() -> None:
    """A non-final item ending ``。`` among ``；`` items, and a half-width ``;``, are flagged."""
    doc = parse("# 某条例\n\n第一条 下列情形：\n\n（一）甲。\n\n（二）乙;\n\n（三）丙。\n")
    flagged = [d.line for d in doc.diagnostics if d.code == "item-punctuation"]
    assert flagged == [5, 7]


def test_spaced_and_half_width_items_are_normalised_on_render() -> None:
    """``（三） 拟…``, ``(三)`` and ``;`` parse, and render as ``（三）拟…；``."""
    doc = parse("# 某条例\n\n第一条 下列人员：\n\n（一） 拟执业的人员;\n\n(二)其他人员。\n")
    text = render_text(doc)
    assert "（一）拟执业的人员；\n" in text
    assert "（二）其他人员。\n" in text


def test_article_caption_goes_to_its_own_field() -> None:
    """A draft's 条旨 ``第一条（立法目的）`` is a caption, not text; final rendering drops it."""
    doc = parse(
        "# 某条例（草案）\n\n第一条（立法目的）为了测试，制定本条例。\n\n第二条〖适用范围〗本市。\n"
    )
    first, second = articles(doc)
    assert (first.caption, first.children[0].text) == ("立法目的", "为了测试，制定本条例。")
    assert second.caption == "适用范围"
    assert "第一条（立法目的）\u3000为了测试" in render_text(doc)
    assert "第一条\u3000为了测试" in render_text(doc, captions=False)
    assert reparsed(doc).children[0].caption == "立法目的"


def test_item_label_is_not_a_caption() -> None:
    """``第一条（一）…``: a numeral in brackets is an item label, never a caption."""
    doc = parse("# 某条例\n\n第一条（一）甲。\n")
    assert articles(doc)[0].caption is None


def test_letter_spaced_heading_titles_are_tightened() -> None:
    """``第四章  肖 像 权`` has the heading ``肖像权``."""
    doc = parse("# 某法\n\n## 第四章  肖 像 权\n\n第一条 甲。\n")
    assert (doc.children[0].num, doc.children[0].heading) == ("第四章", "肖像权")


def test_first_article_above_one_is_kept_by_canonical_rendering() -> None:
    """民法典 合同编 starts at 第四百六十三条; rendering keeps the numbers as written."""
    doc = parse("# 民法典\n\n第四百六十三条 甲。\n\n第四百六十五条 乙。\n")
    assert doc.first_article == 463
    assert "numbering-gap" in codes(doc)
    assert [a.num for a in articles(reparsed(doc))] == ["第四百六十三条", "第四百六十五条"]


def test_subitem_punctuation_is_reported_once() -> None:
    """A 目 ending against the norms gets exactly one diagnostic."""
    doc = parse("# 某条例\n\n第一条 条件：\n\n（一）下列之一：\n\n1.甲。\n\n2.乙；\n\n（二）丙。\n")
    assert [d.line for d in doc.diagnostics if d.code == "item-punctuation"] == [7]


def test_large_article_numbers_read_and_render_canonically() -> None:
    """第十条 … 第一千二百六十条 read as 10, 110, 1010, 1260; canonical labels come back."""
    doc = parse(
        "# 某法\n\n第十条 甲。\n\n第一百一十条 乙。\n\n第一千零一十条 丙。\n\n第一千二百六十条 丁。\n"
    )
    assert [a.eid for a in articles(doc)] == ["art_10", "art_110", "art_1010", "art_1260"]
    assert "non-canonical-numeral" not in codes(doc)
    odd = parse("# 某法\n\n第一百十条 甲。\n\n第一百〇一条 乙。\n")
    assert [a.eid for a in articles(odd)] == ["art_110", "art_101"]
    assert codes(odd).count("non-canonical-numeral") == 2


def test_multi_paragraph_quote_in_a_decision_is_kept_paragraph_by_paragraph() -> None:
    """A decision quoting N paragraphs (one closing ``”``) keeps each as its own line."""
    doc = parse(
        "# 关于修改某条例的决定\n\n一、将第五条修改为：“经营者应当遵守下列规定：\n\n"
        "“（一）甲；\n\n“（二）乙。”\n\n二、本决定自公布之日起施行。\n"
    )
    assert doc.preamble == (
        "一、将第五条修改为：“经营者应当遵守下列规定：",
        "“（一）甲；",
        "“（二）乙。”",
        "二、本决定自公布之日起施行。",
    )
