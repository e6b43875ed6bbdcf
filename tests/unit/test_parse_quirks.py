"""The parser on each quirk of the corpus README, one small text per quirk."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ParseError
from workbench.model import Document, Node, UidFactory, articles
from workbench.parse import parse_file, parse_text


def parse(text: str) -> Document:
    return parse_text(text, uids=UidFactory(7))


def codes(doc: Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


def only_article(doc: Document) -> Node:
    (article,) = articles(doc)
    return article


def test_yaml_front_matter_is_metadata_and_h1_is_the_title() -> None:
    """Front matter does not leak into the body; the H1 gives the title."""
    doc = parse(
        '---\nid: "x"\ntitle: "某条例"\ntype: "地方性法规"\n---\n\n# 某条例\n\n第一条 文字。\n'
    )
    assert doc.title == "某条例"
    assert doc.preamble == ()
    assert only_article(doc).children[0].text == "文字。"


def test_front_matter_title_is_used_without_an_h1() -> None:
    """Without an H1 the front matter title is the title."""
    doc = parse('---\ntitle: "某条例"\n---\n\n第一条 文字。\n')
    assert doc.title == "某条例"


def test_lawrefbook_header_dates_become_the_note() -> None:
    """``YYYY年M月D日 event`` lines before INFO END make the note, joined with U+3000."""
    doc = parse(
        "# 某法\n\n2001年1月1日 某会议通过\n\n2002年2月2日 某会议修正\n\n"
        "<!-- INFO END -->\n## 第一章 总则\n\n第一条 文字。\n"
    )
    assert doc.note == "2001年1月1日 某会议通过\u30002002年2月2日 某会议修正"
    assert doc.children[0].heading == "总则"


def test_broken_header_continuing_after_info_end_is_joined_with_a_diagnostic() -> None:
    """The 民法典 header's ``会议通过）`` after INFO END goes back into the note."""
    doc = parse(
        "# 中华人民共和国民法典\n\n2020年5月28日 第十三届全国人民代表大会第三次\n\n"
        "<!-- INFO END -->\n\n会议通过）\n\n第一条 文字。\n"
    )
    assert doc.note.endswith("第三次会议通过）")
    assert "header-split" in codes(doc)
    assert doc.preamble == ()


def test_repeated_wrapped_title_is_dropped_and_split_blockquote_note_is_joined() -> None:
    """whthomas: the title repeated over lines is dropped; a note split over ``>`` lines joins."""
    doc = parse(
        '---\ntitle: "某市某某条例"\n---\n\n# 某市某某条例\n\n某市\n某某条例\n\n'
        "> （2025年1月1日某市第十三届人民\n>\n"
        "> 代表大会常务委员会第一次会议通过）\n\n第一条 文字。\n"
    )
    assert doc.title == "某市某某条例"
    assert doc.note == "2025年1月1日某市第十三届人民代表大会常务委员会第一次会议通过"
    assert "title-repeated" in codes(doc)
    assert doc.preamble == ()


def test_toc_block_is_skipped_and_headings_come_from_the_body() -> None:
    """A blockquoted 目录 with a wrapped entry is skipped; the body headings count once."""
    doc = parse(
        "# 某规则\n\n目　　录\n\n> 第一章　总　　则\n>\n> 第二章　审议工作报告、审查国民经济和\n>\n"
        "> 社会发展计划、预算\n\n第一章　总　　则\n\n第一条　文字。\n\n"
        "第二章　审议工作报告、审查国民经济和社会\n\n发展计划、预算\n\n第二条　文字。\n"
    )
    assert [c.heading for c in doc.children] == [
        "总则",
        "审议工作报告、审查国民经济和社会发展计划、预算",
    ]
    assert "toc-skipped" in codes(doc)
    assert "heading-continued" in codes(doc)


def test_zero_width_spaces_tabs_and_ideographic_spaces_are_whitespace() -> None:
    """U+200B spacer lines vanish; TAB and U+3000 separate number and title or text."""
    doc = parse("# 某条例\n\n\u200b\n\n## 第一章\t总　则\n\n第一条\u3000文字。 \u3000 \n\n\u200b\n")
    assert doc.children[0].heading == "总则"
    assert articles(doc)[0].children[0].text == "文字。"


@pytest.mark.parametrize("sep", [" ", "  ", "   ", "\u3000", "\t", ""])
def test_article_number_followed_by_any_spacing(sep: str) -> None:
    """``第一条`` followed by any whitespace (or none) starts the first paragraph."""
    doc = parse(f"# 某条例\n\n第一条{sep}为了测试，制定本条例。\n")
    article = only_article(doc)
    assert article.num == "第一条"
    assert article.children[0].text == "为了测试，制定本条例。"


def test_article_number_alone_on_its_line_takes_the_next_line() -> None:
    """The number alone on a line: the next line is the first paragraph."""
    doc = parse("# 某条例\n\n第一条\n为了测试，制定本条例。\n\n本条例适用于本市。\n")
    article = only_article(doc)
    assert [p.text for p in article.children] == ["为了测试，制定本条例。", "本条例适用于本市。"]
    assert "article-number-alone" in codes(doc)


def test_space_inside_the_article_number_is_accepted_with_a_warning() -> None:
    """``第一百二十八 条`` is article 128, with an ``article-number-spacing`` warning."""
    doc = parse("# 某法\n\n第一百二十七条 甲。\n\n第一百二十八 条乙。\n")
    second = articles(doc)[1]
    assert second.num == "第一百二十八条"
    assert second.children[0].text == "乙。"
    assert "article-number-spacing" in codes(doc)
    assert doc.first_article == 127


def test_non_canonical_numeral_is_flagged() -> None:
    """``第一十条`` reads as 10 and is flagged as non-canonical."""
    doc = parse("# 某条例\n\n第九条 甲。\n\n第一十条 乙。\n")
    assert articles(doc)[1].eid == "art_10"
    assert "non-canonical-numeral" in codes(doc)


def test_half_width_and_spaced_item_labels() -> None:
    """``(一)`` and ``（二） `` are items; the label is kept as written, the text without it."""
    doc = parse("# 某条例\n\n第一条 下列事项：\n\n(一)甲;\n\n（二） 乙。\n")
    para = only_article(doc).children[0]
    assert [(i.num, i.text) for i in para.children] == [("(一)", "甲;"), ("（二）", "乙。")]
    assert "item-label-halfwidth" in codes(doc)
    assert "item-punctuation" in codes(doc)


@pytest.mark.parametrize("label", ["1.", "1．", "1、", "（1）", "1.  "])
def test_subitem_label_forms(label: str) -> None:
    """Every 目 label form of the corpus nests under the item that introduces it."""
    doc = parse(
        f"# 某条例\n\n第一条 条件如下：\n\n（一）具备下列条件：\n\n{label}甲；\n\n（二）乙。\n"
    )
    items = only_article(doc).children[0].children
    assert [i.num for i in items] == ["（一）", "（二）"]
    (sub,) = items[0].children
    assert sub.num == label.strip()
    assert sub.text == "甲；"


def test_numbered_lines_outside_an_item_stay_paragraphs() -> None:
    """``1.`` after a plain paragraph (昌吉) is no 目: it stays a paragraph, text intact."""
    doc = parse("# 某规则\n\n第一条 由以下人员组成：\n\n1.  甲；\n\n2.  乙。\n")
    assert [p.text for p in only_article(doc).children] == [
        "由以下人员组成：",
        "1.  甲；",
        "2.  乙。",
    ]
    assert codes(doc).count("numbered-line-outside-item") == 2


def test_heading_split_over_lines_is_joined() -> None:
    """A chapter title continued on the next plain line (北京议事规则) is one heading."""
    doc = parse(
        "# 某规则\n\n## 第三章  审议工作报告、地方性法规案和议案\n\n审查国民经济计划\n\n第一条 甲。\n"
    )
    assert doc.children[0].heading == "审议工作报告、地方性法规案和议案审查国民经济计划"


def test_heading_that_lost_its_number_gets_the_next_one() -> None:
    """A short unpunctuated line before an article is a heading whose number is inferred."""
    doc = parse(
        "# 某规则\n\n## 第一章 总则\n\n第一条 甲。\n\n调查委员会\n\n第二条 乙。\n\n附 则\n\n第三条 丙。\n"
    )
    assert [(c.num, c.heading) for c in doc.children] == [
        ("第一章", "总则"),
        ("第二章", "调查委员会"),
        ("第三章", "附则"),
    ]
    lost = [d for d in doc.diagnostics if d.code == "heading-without-number"]
    assert [d.uid for d in lost] == [doc.children[1].uid, doc.children[2].uid]


def test_lost_heading_number_comes_from_the_toc() -> None:
    """When the 目录 lists the heading, its number is taken from there."""
    doc = parse(
        "# 某条例\n\n目　录\n\n第一章 总则\n\n第三章 规划与建设\n\n"
        "第一章 总则\n\n第一条 甲。\n\n 规划与建设\n\n第二条 乙。\n"
    )
    assert doc.children[1].num == "第三章"


def test_hard_wrapped_sentence_is_joined() -> None:
    """A line that continues an unfinished sentence joins the paragraph before it."""
    doc = parse(
        "# 某条例\n\n第一条 应当及时向公安机关报案,\n并为受害人提供保护和帮助：\n\n（一）甲。\n"
    )
    para = only_article(doc).children[0]
    assert para.text == "应当及时向公安机关报案,并为受害人提供保护和帮助："
    assert len(para.children) == 1
    assert "joined-hard-wrap" in codes(doc)


def test_pandoc_mark_spans_keep_their_text() -> None:
    """``[text]{.mark}`` loses its brackets, not its words."""
    doc = parse("# 某条例\n\n第一条 对不符合议案基本[要求的，可以建议修改。]{.mark}\n")
    assert only_article(doc).children[0].text == "对不符合议案基本要求的，可以建议修改。"


def test_preamble_of_a_constitution() -> None:
    """Paragraphs under ``## 序言`` before the first chapter are the preamble."""
    doc = parse(
        "# 宪法\n\n## 序言\n\n一八四○年以后，中国逐渐变成半殖民地。\n\n## 第一章 总纲\n\n第一条 甲。\n"
    )
    assert doc.preamble == ("序言", "一八四○年以后，中国逐渐变成半殖民地。")


def test_annexes_after_the_articles() -> None:
    """``## 附件一`` after the last article opens an annex of plain paragraphs."""
    doc = parse(
        "# 刑法\n\n第一条 甲。\n\n## 附件一\n\n下列决定废止：\n\n1．关于某的决定\n\n## 附件二\n\n2．乙\n"
    )
    assert [(a.heading, a.paragraphs) for a in doc.annexes] == [
        ("附件一", ("下列决定废止：", "1．关于某的决定")),
        ("附件二", ("2．乙",)),
    ]


def test_decision_without_articles_keeps_every_line_in_the_preamble() -> None:
    """A 决定 numbered ``一、二、`` has no 条: its lines are preamble paragraphs, in order."""
    doc = parse(
        "# 某决定\n\n为做好工作，决定如下：\n\n## 一、加强审查\n\n（一）加强政策审查。\n\n二、其他\n"
    )
    assert doc.children == ()
    assert doc.preamble == (
        "为做好工作，决定如下：",
        "一、加强审查",
        "（一）加强政策审查。",
        "二、其他",
    )


def test_stray_text_in_a_chapter_goes_under_its_heading() -> None:
    """A long punctuated line between a heading and its first article is kept with a warning."""
    doc = parse("# 某条例\n\n## 第一章 总则\n\n本章规定一般事项，适用于全部条文。\n\n第一条 甲。\n")
    assert doc.children[0].text == "本章规定一般事项，适用于全部条文。"
    assert "stray-text" in codes(doc)


def test_numbering_gap_and_duplicate_are_reported() -> None:
    """A missing and a repeated article number each get a diagnostic with the line."""
    doc = parse("# 某条例\n\n第一条 甲。\n\n第三条 乙。\n\n第三条 丙。\n")
    found = {(d.code, d.line) for d in doc.diagnostics}
    assert ("numbering-gap", 5) in found
    assert ("numbering-order", 7) in found
    assert len(articles(doc)) == 3
    assert articles(doc)[2].eid == "art_3-x2"


def test_empty_text_is_an_error() -> None:
    """Nothing to parse is a ParseError naming the source."""
    with pytest.raises(ParseError, match="空"):
        parse_text(" \n\u3000\n", source="空.md")


def test_parse_file_reads_bom_and_gb18030(tmp_path: Path) -> None:
    """UTF-8 with BOM and GB18030 files both parse."""
    text = "# 某条例\n\n第一条 文字。\n"
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    assert parse_file(tmp_path / "a.md").title == "某条例"
    assert parse_file(tmp_path / "b.txt").title == "某条例"


def test_parse_file_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    """An unknown suffix is a Chinese ParseError naming the file."""
    path = tmp_path / "草案.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(ParseError, match="不支持的文件类型") as info:
        parse_file(path)
    assert "草案.pdf" in str(info.value)


def test_seeded_factory_gives_the_same_uids() -> None:
    """Parsing twice with the same seed gives the same uids (reproducible tests and demos)."""
    text = "# 某条例\n\n第一条 甲。\n"
    first = parse_text(text, uids=UidFactory(3))
    second = parse_text(text, uids=UidFactory(3))
    assert first.children[0].uid == second.children[0].uid


def test_lost_chapter_and_section_pair_before_an_article() -> None:
    """Two short unpunctuated lines before an article (济南) are a lost 章 and its first 节."""
    doc = parse(
        "# 某条例\n\n第一条 甲。\n\n城乡规划的实施\n\n一般规定\n\n第二条 乙。\n\n"
        "建设用地规划管理\n\n第三条 丙。\n"
    )
    (chapter,) = [c for c in doc.children if c.kind == "chapter"]
    assert (chapter.num, chapter.heading) == ("第一章", "城乡规划的实施")
    assert [(s.num, s.heading) for s in chapter.children] == [
        ("第一节", "一般规定"),
        ("第二节", "建设用地规划管理"),
    ]
    assert codes(doc).count("heading-without-number") == 3


def test_heading_title_with_commas() -> None:
    """A long chapter title with ``，`` (监督法 第三章) split over two lines is one heading."""
    doc = parse(
        "# 监督法\n\n## 第三章 审查和批准决算，听取和审议国民经济和\n\n"
        "社会发展计划和预算的执行情况报告，听取和审议审计工作报告\n\n第十五条 甲。\n"
    )
    assert doc.children[0].heading == (
        "审查和批准决算，听取和审议国民经济和社会发展计划和预算的执行情况报告，听取和审议审计工作报告"
    )


def test_title_repeated_after_the_info_end_marker_is_dropped() -> None:
    """LawRefBook files that repeat the (wrapped) title after INFO END do not get a preamble."""
    doc = parse(
        "# 某某人民代表大会常务委员会监督法\n\n2006年8月27日 通过\n\n<!-- INFO END -->\n\n"
        "某某人民代表大会 常务委员会监督法\n\n第一条 甲。\n"
    )
    assert doc.preamble == ()
    assert "title-repeated" in codes(doc)


def test_text_pasted_from_word() -> None:
    """Word paste: title line, note, indented 款 with U+3000, CRLF, letter-spaced headings."""
    text = (
        "某州居家养老服务条例\r\n（2024年1月1日某州人民代表大会常务委员会第一次会议通过）\r\n\r\n"
        "第一章　总　　则\r\n\r\n　　第一条　为了规范居家养老服务，制定本条例。\r\n"
        "　　本条例适用于本州。\r\n\r\n　　第二条　政府应当：\r\n　　（一）统筹规划；\r\n"
        "　　（二）保障经费。\r\n"
    )
    doc = parse(text)
    assert doc.title == "某州居家养老服务条例"
    assert doc.note.startswith("2024年1月1日")
    first, second = articles(doc)
    assert [p.text for p in first.children] == [
        "为了规范居家养老服务，制定本条例。",
        "本条例适用于本州。",
    ]
    assert [i.num for i in second.children[0].children] == ["（一）", "（二）"]
    assert codes(doc) == []


def test_parse_file_reads_utf16_with_bom(tmp_path: Path) -> None:
    """Notepad's "Unicode" (UTF-16 with BOM) text parses like UTF-8."""
    path = tmp_path / "c.txt"
    path.write_bytes("某条例\r\n\r\n第一条　文字。\r\n".encode("utf-16"))
    doc = parse_file(path)
    assert doc.title == "某条例"
    assert only_article(doc).children[0].text == "文字。"
