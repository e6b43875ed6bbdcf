"""The 修改对照表: rows in new-text order, strike-through and bold runs, DOCX/XLSX/HTML read back."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from lxml import html as lxml_html
from openpyxl.cell.rich_text import CellRichText, TextBlock

from workbench.diff import align_documents
from workbench.export import (
    CompareTable,
    build_compare_table,
    compare_docx,
    compare_html,
    compare_xlsx,
)
from workbench.model import Document, Node, renumber


def article(uid: str, *paragraphs: str) -> Node:
    return Node(
        kind="article",
        uid=uid,
        eid="art_1",
        num="第一条",
        children=tuple(
            Node(kind="paragraph", uid=f"{uid}-p{k}", eid="art_1__para_1", text=t)
            for k, t in enumerate(paragraphs, start=1)
        ),
    )


def make(title: str, *articles: Node) -> Document:
    return renumber(Document(title=title, children=articles))


OLD = make(
    "某某市养犬管理条例（草案）",
    article("a001", "为了规范养犬行为，制定本条例。"),
    article("a002", "养犬登记办法由市人民政府规定。"),
    article("a003", "犬只不得进入学校、医院。"),
    article("a004", "养犬人应当为犬只接种狂犬病疫苗。"),
    article("a005", "违反本条例规定的，由公安机关处以罚款。"),
)
NEW = make(
    "某某市养犬管理条例（草案修改稿）",
    article("a001", "为了规范养犬行为，制定本条例。"),
    article("a002", "养犬登记办法由市民政部门规定。", "登记信息应当公开。"),
    article("n001", "禁止饲养烈性犬。"),
    article("a004", "养犬人应当为犬只接种狂犬病疫苗。"),
    article("a005", "违反本条例规定的，由公安机关处以罚款。"),
)


@pytest.fixture(scope="module")
def table() -> CompareTable:
    alignment = align_documents(OLD, NEW)
    return build_compare_table(
        OLD,
        NEW,
        alignment,
        old_name="初审稿",
        new_name="二审稿",
        reasons={"a002": ["根据市民政局意见修改"]},
    )


def test_rows_follow_the_new_text_and_kinds(table: CompareTable) -> None:
    """Changed articles come in new-text order; the deleted one where it stood; renumbering apart."""
    kinds = [(row.kind, row.old_labels, row.new_labels) for row in table.rows]
    assert ("modified", ("第二条",), ("第二条",)) in kinds
    assert ("added", (), ("第三条",)) in kinds
    assert ("deleted", ("第三条",), ()) in kinds
    assert all(row.kind != "unchanged" for row in table.rows)
    assert kinds.index(("modified", ("第二条",), ("第二条",))) < kinds.index(
        ("added", (), ("第三条",))
    )
    # 第四条 and 第五条 keep their words and number: nothing to list.
    assert all("第四条" not in row.new_labels for row in table.consequential)


def test_reason_fills_the_note(table: CompareTable) -> None:
    """A reason typed against the change appears in 修改说明."""
    row = next(r for r in table.rows if r.kind == "modified")
    assert "根据市民政局意见修改" in row.note


def test_char_diff_marks_deleted_and_inserted_runs(table: CompareTable) -> None:
    """人民政府 is struck through on the left and 民政部门 bold on the right."""
    row = next(r for r in table.rows if r.kind == "modified")
    deleted = "".join(run.text for line in row.old for run in line if run.style == "deleted")
    inserted = "".join(run.text for line in row.new for run in line if run.style == "inserted")
    assert "人民政府" in deleted
    assert "民政部门" in inserted
    assert "登记信息应当公开。" in inserted
    assert row.old[0][0].text.startswith("第二条")
    assert row.old[0][0].style == "label"


def test_unchanged_on_request() -> None:
    """--all lists unchanged articles too, in order."""
    alignment = align_documents(OLD, NEW)
    full = build_compare_table(
        OLD, NEW, alignment, old_name="a", new_name="b", include_unchanged=True
    )
    labels = [row.new_labels for row in full.rows if row.new_labels]
    assert labels == [("第一条",), ("第二条",), ("第三条",), ("第四条",), ("第五条",)]


PUSHED_OLD = make(
    "条例",
    article("a001", "为了规范养犬行为，制定本条例。"),
    article("a002", "养犬登记办法由市人民政府规定。"),
    article("a003", "犬只不得进入学校、医院。"),
)
PUSHED_NEW = make(
    "条例",
    article("a001", "为了规范养犬行为，制定本条例。"),
    article("n009", "新增的一条。"),
    article("a002", "养犬登记办法由市人民政府规定。"),
    article("a003", "犬只不得进入学校、医院。"),
)


def test_renumbering_is_one_closing_line() -> None:
    """Articles an insertion pushed down are not listed: one line under the table says so."""
    old, new = PUSHED_OLD, PUSHED_NEW
    result = build_compare_table(old, new, align_documents(old, new), old_name="a", new_name="b")
    assert [r.kind for r in result.rows] == ["added"]
    assert result.consequential == ()
    assert result.closing == "其他条文序号作相应调整。"
    word = docx.Document(io.BytesIO(compare_docx(result)))
    assert len(word.tables) == 1
    after = [p.text for p in word.paragraphs]
    assert after[-1] == "其他条文序号作相应调整。"
    sheet = openpyxl.load_workbook(io.BytesIO(compare_xlsx(result)))["修改对照表"]
    assert sheet.cell(sheet.max_row, 2).value == "其他条文序号作相应调整。"
    assert "其他条文序号作相应调整。" in compare_html(result)


def test_renumbering_is_listed_apart_on_request() -> None:
    """Asked for, the renumbered articles are listed apart, each saying what happened."""
    old, new = PUSHED_OLD, PUSHED_NEW
    result = build_compare_table(
        old, new, align_documents(old, new), old_name="a", new_name="b", list_consequential=True
    )
    assert [r.kind for r in result.rows] == ["added"]
    apart = [(r.old_labels, r.new_labels) for r in result.consequential]
    assert apart == [(("第二条",), ("第三条",)), (("第三条",), ("第四条",))]
    assert "序号相应调整" in result.consequential[0].note
    assert result.closing == ""
    assert len(docx.Document(io.BytesIO(compare_docx(result))).tables) == 2


def test_a_moved_article_says_where_it_went() -> None:
    """Moving 第二条 behind 第四条 reads 移至第三条之后，改为第四条, not 第二条移至第四条."""
    new = make("条例", *(OLD.children[k] for k in (0, 2, 3, 1, 4)))
    result = build_compare_table(OLD, new, align_documents(OLD, new), old_name="a", new_name="b")
    moved = [r for r in result.rows if r.kind == "moved"]
    assert [r.note for r in moved] == ["第二条移至第三条之后，改为第四条"]


def test_the_note_says_what_changed() -> None:
    """修改说明 names the words or the 款 that changed, not just 修改."""
    old = make("条例", article("a001", "养犬人应当为犬只接种狂犬病疫苗。"))
    new = make("条例", article("a001", "养犬人应当每年为犬只接种狂犬病疫苗。"))
    (row,) = build_compare_table(
        old, new, align_documents(old, new), old_name="a", new_name="b"
    ).rows
    assert row.note.startswith("将“")
    assert "修改为“养犬人应当每年" in row.note
    assert "第一条" not in row.note
    two = build_compare_table(OLD, NEW, align_documents(OLD, NEW), old_name="a", new_name="b")
    modified = next(r for r in two.rows if r.kind == "modified")
    first = modified.note.splitlines()[0]
    assert first.startswith("将第一款中的“")
    assert "修改为“养犬登记办法由市民政部门规定”" in first
    assert first.endswith("；增加一款，作为第二款")


def test_docx_table_has_three_columns_and_marked_runs(table: CompareTable) -> None:
    """Read back with python-docx: header, one row per change, strike and bold+underline runs."""
    word = docx.Document(io.BytesIO(compare_docx(table)))
    grid = word.tables[0]
    header = [c.text for c in grid.rows[0].cells]
    assert header == ["原条文（初审稿）", "修改后条文（二审稿）", "修改说明"]
    assert len(grid.rows) == 1 + len(table.rows)
    modified = next(row for row in grid.rows[1:] if row.cells[0].text.startswith("第二条"))
    struck = "".join(r.text for p in modified.cells[0].paragraphs for r in p.runs if r.font.strike)
    marked = "".join(
        r.text
        for p in modified.cells[1].paragraphs
        for r in p.runs
        if r.font.bold and r.font.underline
    )
    plain_new = "".join(
        r.text for p in modified.cells[1].paragraphs for r in p.runs if not r.font.bold
    )
    assert "人民政府" in struck
    assert "民政部门" in marked
    assert "人民政府" not in marked + plain_new
    assert "根据市民政局意见修改" in modified.cells[2].text
    added = next(row for row in grid.rows[1:] if row.cells[1].text.startswith("第三条"))
    assert added.cells[0].text == ""
    assert "禁止饲养烈性犬。" in added.cells[1].text


def test_xlsx_rich_text_marks_changes(table: CompareTable) -> None:
    """Read back with openpyxl: rows and columns, strike and bold+underline blocks."""
    wb = openpyxl.load_workbook(io.BytesIO(compare_xlsx(table)), rich_text=True)
    ws = wb["修改对照表"]
    assert [c.value for c in ws[2]] == [
        "序号",
        "原条文（初审稿）",
        "修改后条文（二审稿）",
        "修改说明",
        "修改类别",
    ]
    assert ws.max_row == 2 + len(table.rows)
    row = next(r for r in ws.iter_rows(min_row=3) if str(r[1].value).startswith("第二条"))
    old, new = row[1].value, row[2].value
    assert isinstance(old, CellRichText)
    assert isinstance(new, CellRichText)
    struck = "".join(b.text for b in old if isinstance(b, TextBlock) and b.font.strike)
    bold = "".join(b.text for b in new if isinstance(b, TextBlock) and b.font.b and b.font.u)
    assert "人民政府" in struck
    assert "民政部门" in bold
    assert row[4].value == "修改"


def test_html_uses_del_and_ins(table: CompareTable) -> None:
    """The HTML page is self-contained and marks changes with del and ins."""
    page = compare_html(table)
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script|//link|//img")
    assert "人民政府" in "".join(tree.xpath("//del//text()"))
    assert "民政部门" in "".join(tree.xpath("//ins//text()"))
    assert len(tree.xpath("//table[@class='compare']/tbody/tr")) == len(table.rows)


def test_split_and_merge_are_shown_as_such() -> None:
    """A split article lists both new articles, each with its number, and says so."""
    from workbench.diff import Alignment, Pair

    old = make(
        "条例", article("a001", "甲乙。丙丁。"), article("a002", "戊。"), article("a003", "己。")
    )
    new = make(
        "条例",
        article("b001", "甲乙。"),
        article("b002", "丙丁。"),
        article("b003", "戊。己。"),
    )
    alignment = Alignment(
        articles=(
            Pair(
                "split",
                "article",
                ("a001",),
                ("b001", "b002"),
                ("第一条",),
                ("第一条", "第二条"),
                0.9,
                False,
            ),
            Pair(
                "merged",
                "article",
                ("a002", "a003"),
                ("b003",),
                ("第二条", "第三条"),
                ("第三条",),
                0.9,
                False,
            ),
        )
    )
    result = build_compare_table(old, new, alignment, old_name="a", new_name="b")
    split, merged = result.rows
    assert split.note.startswith("第一条拆分为第一条、第二条")
    assert [line[0].text for line in split.new] == ["第一条\u3000", "第二条\u3000"]
    assert merged.note.startswith("第二条、第三条合并为第三条")
    assert [line[0].text for line in merged.old] == ["第二条\u3000", "第三条\u3000"]
