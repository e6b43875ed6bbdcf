"""Word out and in: official-document layout, drafting-department files, round trips, hostile zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from tests.support.trees import sample_document
from workbench.errors import ParseError
from workbench.export.docx import export_draft_docx
from workbench.model import Document, Node, UidFactory, articles, full_text
from workbench.parse.docx import check_docx_package, docx_lines, parse_docx


def shape(node: Node) -> tuple[Any, ...]:
    """A node without its ids: what must survive a trip through Word."""
    return (
        node.kind,
        node.num,
        node.heading,
        node.caption,
        node.text,
        node.insertion,
        tuple(shape(c) for c in node.children),
    )


def doc_shape(doc: Document) -> tuple[Any, ...]:
    return (
        doc.title,
        doc.note,
        doc.preamble,
        tuple(shape(n) for n in doc.children),
        tuple((a.heading, a.paragraphs) for a in doc.annexes),
    )


def east_asia(run: Any) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_draft_docx_round_trip(tmp_path: Path) -> None:
    """DOCX → tree: title, 题注, chapters, captions, 之一 articles, items, subitems, annexes."""
    doc = sample_document()
    path = tmp_path / "draft.docx"
    path.write_bytes(export_draft_docx(doc))
    back = parse_docx(path, uids=UidFactory(2))
    assert doc_shape(back) == doc_shape(doc)


def test_draft_docx_layout_follows_official_documents(tmp_path: Path) -> None:
    """A4, GB/T 9704 margins, 小标宋 二号 title, 楷体 题注, 黑体 headings, 仿宋 三号 body."""
    doc = sample_document()
    word = docx.Document(io.BytesIO(export_draft_docx(doc)))
    section = word.sections[0]
    measured = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    for got, want in zip(measured, (210, 297, 37, 35, 28, 26), strict=True):
        assert got is not None
        assert abs(got - Mm(want)) < Mm(0.1)
    normal = word.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    paragraphs = word.paragraphs
    title = paragraphs[0]
    assert title.text == doc.title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(22)
    assert east_asia(title.runs[0]) == "方正小标宋简体"
    note = paragraphs[1]
    assert note.text == f"（{doc.note}）"
    assert east_asia(note.runs[0]) == "楷体_GB2312"
    chapter = next(p for p in paragraphs if p.text == "第一章\u3000总则")
    assert chapter.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(chapter.runs[0]) == "黑体"
    first = next(p for p in paragraphs if p.text.startswith("第一条"))
    assert east_asia(first.runs[0]) == "黑体"
    assert first.runs[0].text == "第一条【立法目的】"
    assert east_asia(first.runs[1]) == "仿宋_GB2312"
    assert first.paragraph_format.first_line_indent == Pt(32)


def test_draft_docx_has_page_numbers_and_a_toc(tmp_path: Path) -> None:
    """The footer carries a PAGE field; a text with chapters gets a 目录 content control."""
    data = export_draft_docx(sample_document())
    word = docx.Document(io.BytesIO(data))
    footer_xml = word.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml
    body = word.element.body
    toc = body.find(qn("w:sdt"))
    assert toc is not None
    assert toc.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")) == "目录"
    toc_text = "".join(t.text or "" for t in toc.iter(qn("w:t")))
    assert toc_text == "目\u3000\u3000录第一章\u3000总则第二章\u3000附则"


def test_draft_without_chapters_has_no_toc() -> None:
    """A short 小快灵 text is printed without a 目录."""
    doc = sample_document()
    flat = doc.model_copy(update={"children": doc.children[0].children})
    word = docx.Document(io.BytesIO(export_draft_docx(flat)))
    assert word.element.body.find(qn("w:sdt")) is None


DOCX_CORPUS = [
    "local/昌吉回族自治州饮用水水源保护条例(2011-03-25).md",
    "local/昌吉回族自治州人民代表大会议事规则(2023-05-10).md",
    "local/北京市人民代表大会议事规则(2022-01-10).md",
    "local/浙江省城乡规划条例(2011-12-13).md",
    "local/青岛市禁止焚烧抛撒丧葬祭奠物品规定(2020-07-24).md",
    "local/北京市人民代表大会常务委员会关于加强市级预算审查监督的决定(2021-12-24).md",
    "versions/上海市人民代表大会常务委员会规范性文件备案审查条例(2024-11-28).md",
    "large/中华人民共和国刑法(2023-12-29).md",
    "large/中华人民共和国宪法(2018-03-11).md",
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", DOCX_CORPUS)
def test_corpus_docx_round_trip(name: str, corpus_dir: Path, tmp_path: Path) -> None:
    """Corpus text → tree → DOCX → tree → DOCX → tree keeps titles, numbers, texts, structure."""
    from workbench.parse.text import parse_text

    source = corpus_dir / name
    tree0 = parse_text(source.read_text(encoding="utf-8"), source=source.name, uids=UidFactory(1))
    first = tmp_path / "first.docx"
    first.write_bytes(export_draft_docx(tree0))
    tree1 = parse_docx(first, uids=UidFactory(2))
    assert doc_shape(tree1) == doc_shape(tree0)
    second = tmp_path / "second.docx"
    second.write_bytes(export_draft_docx(tree1))
    tree2 = parse_docx(second, uids=UidFactory(3))
    assert doc_shape(tree2) == doc_shape(tree1)
    assert [full_text(a) for a in articles(tree2)] == [full_text(a) for a in articles(tree0)]


# -- drafts as drafting departments send them -------------------------------------------------

_NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="第%1条"/></w:lvl></w:abstractNum>'
)
_NUMBERING_CHAPTER = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
    '<w:lvlText w:val="第%1章"/></w:lvl></w:abstractNum>'
)


def _department_docx(path: Path) -> None:
    """A draft as a department writes it: auto-numbered 条, Heading-styled 章, manual 项."""
    word = docx.Document()
    numbering = word.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (_NUMBERING, _NUMBERING_CHAPTER):
        if first_num is not None:
            first_num.addprevious(parse_xml(xml))
        else:
            numbering.append(parse_xml(xml))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>')
    )

    def numbered(text: str, num_id: str, style: str | None = None) -> None:
        p = word.add_paragraph(text, style=style)
        ppr: Any = p._p.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("某某市养犬管理条例（草案）").bold = True
    word.add_paragraph("（2025年3月1日某某市人民代表大会常务委员会第五次会议通过）")
    body: Any = word.element.body
    body.sectPr.addprevious(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
            '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj>'
            "</w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>第一章　总则\t1</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>第二章　管理与服务\t2</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    numbered("总\u3000\u3000则", "91", style="Heading 1")
    numbered("为了规范养犬行为，制定本条例。", "90")
    numbered("本条例适用于本市行政区域内的养犬管理。", "90")
    word.add_paragraph("养犬人应当遵守下列规定：")
    word.add_paragraph("（一）依法办理登记；")
    word.add_paragraph("（二）按时接种疫苗。")
    numbered("管理与服务", "91", style="Heading 1")
    numbered("市公安机关负责养犬管理工作。", "90")
    table = word.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "本条例自2025年6月1日起施行。"
    word.save(str(path))


def test_department_docx_with_auto_numbering(tmp_path: Path) -> None:
    """Word's automatic 第%1条 / 第%1章 numbering is rebuilt and the tree comes out right."""
    path = tmp_path / "养犬条例.docx"
    _department_docx(path)
    doc = parse_docx(path, uids=UidFactory(5))
    assert doc.title == "某某市养犬管理条例（草案）"
    assert doc.note.startswith("2025年3月1日")
    chapters = doc.children
    assert [(c.num, c.heading) for c in chapters] == [("第一章", "总则"), ("第二章", "管理与服务")]
    arts = articles(doc)
    assert [a.num for a in arts] == ["第一条", "第二条", "第三条"]
    second = arts[1]
    assert len(second.children) == 2
    assert [i.num for i in second.children[1].children] == ["（一）", "（二）"]
    assert arts[2].children[-1].text == "本条例自2025年6月1日起施行。"


def test_docx_lines_skip_the_toc_control() -> None:
    """The exported 目录 is not read as headings."""
    lines = docx_lines(export_draft_docx(sample_document()), "x.docx")
    assert "目\u3000\u3000录" not in lines
    assert lines.count("第一章\u3000总则") == 1


# -- hostile files ----------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    """A member that inflates more than the allowed ratio is refused before parsing."""
    data = _zip({"word/document.xml": b"<w:document/>", "word/media/x.bin": b"\0" * 30_000_000})
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(ParseError, match="压缩炸弹") as info:
        parse_docx(path)
    assert info.value.file == "bomb.docx"


def test_doctype_in_a_part_is_refused() -> None:
    """An XML part declaring entities is refused."""
    data = _zip(
        {
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "b">]><d>&a;</d>',
        }
    )
    with pytest.raises(ParseError, match="DOCTYPE"):
        check_docx_package(data, "evil.docx")


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    """A text file renamed .docx gets a clear message naming it."""
    path = tmp_path / "草案.docx"
    path.write_text("第一条 不是 Word 文件", encoding="utf-8")
    with pytest.raises(ParseError, match=r"草案\.docx.*不是有效的 Word"):
        parse_docx(path)


def test_oversized_file_is_refused() -> None:
    """Files above the size limit are refused without unzipping."""
    with pytest.raises(ParseError, match="过大"):
        check_docx_package(b"PK" + b"\0" * (21 * 1024 * 1024), "big.docx")


def test_zip_without_document_part_is_refused() -> None:
    """A zip that is not a Word package is refused."""
    with pytest.raises(ParseError, match=r"word/document\.xml"):
        check_docx_package(_zip({"a.txt": b"x"}), "a.docx")


def test_parse_file_dispatches_docx_and_akn(tmp_path: Path) -> None:
    """parse_file reads .docx through Word and .xml through Akoma Ntoso."""
    import datetime as dt

    from workbench.export.akn import AknIdentity, export_akn
    from workbench.parse import parse_file

    doc = sample_document()
    word = tmp_path / "draft.docx"
    word.write_bytes(export_draft_docx(doc))
    assert doc_shape(parse_file(word)) == doc_shape(doc)
    xml = tmp_path / "draft.xml"
    xml.write_bytes(export_akn(doc, AknIdentity("cj", "draft", dt.date(2024, 1, 1))))
    assert parse_file(xml) == doc


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    """Deleted revisions and hidden text are left out; insertions are kept."""
    word = docx.Document()
    word.add_paragraph("某某条例")
    p: Any = word.add_paragraph()
    p._p.append(
        parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">第一条　由市</w:t></w:r>')
    )
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:delText>人民政府</w:delText></w:r></w:del>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:t>民政部门</w:t></w:r></w:ins>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:moveFrom {nsdecls("w")} w:id="3" w:author="a" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:t>旧位置</w:t></w:r></w:moveFrom>"
        )
    )
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"))
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>规定。</w:t></w:r>"))
    path = tmp_path / "revised.docx"
    word.save(str(path))
    doc = parse_docx(path)
    assert articles(doc)[0].children[0].text == "由市民政部门规定。"


@pytest.mark.parametrize(
    ("parts", "title"),
    [
        (["某某市养犬管理条例", "（草案）"], "某某市养犬管理条例（草案）"),
        (
            ["昌吉回族自治州城乡网格化", "管理服务条例（草案修改稿）"],
            "昌吉回族自治州城乡网格化管理服务条例（草案修改稿）",
        ),
        (
            ["某某市养犬管理条例", "（草案）（征求意见稿）"],
            "某某市养犬管理条例（草案）（征求意见稿）",
        ),
    ],
)
def test_title_set_over_several_paragraphs(parts: list[str], title: str, tmp_path: Path) -> None:
    """Centred bold title lines join into one title; the 题注 after them is still found."""
    word = docx.Document()
    for part in parts:
        p = word.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(part).bold = True
    note = word.add_paragraph("（2025年3月1日某某市人民代表大会常务委员会第五次会议通过）")
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = word.add_paragraph("第一章　总则")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    word.add_paragraph("第一条　为了规范养犬行为，制定本条例。")
    path = tmp_path / "title.docx"
    word.save(str(path))
    doc = parse_docx(path)
    assert doc.title == title
    assert doc.note.startswith("2025年3月1日")
    assert [(c.num, c.heading) for c in doc.children] == [("第一章", "总则")]
