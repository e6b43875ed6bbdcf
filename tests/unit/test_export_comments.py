"""意见采纳情况表 and station feedback: order, clusters, masking, formula safety, read back."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl.utils import get_column_letter

from workbench.export import (
    UNDECIDED,
    build_comment_report,
    build_feedback,
    comment_report_docx,
    comment_report_xlsx,
    feedback_docx,
    feedback_xlsx,
    mask_contact,
    mask_name,
)
from workbench.export.feedback import DATE_PLACEHOLDER, ISSUER_PLACEHOLDER
from workbench.model import Document, Node, renumber
from workbench.model.comments import Comment, Decision, Station


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


DOC = renumber(
    Document(
        title="某某市养犬管理条例（草案）",
        children=(
            article("a001", "为了规范养犬行为，制定本条例。"),
            article("a002", "养犬登记办法由市人民政府规定。", "登记免费。"),
            article("a003", "犬只不得进入学校、医院。"),
        ),
    )
)
STATIONS = {
    "CJS-01": Station(code="CJS-01", name="宁边路街道立法信息联络站", kind="联络站"),
    "CJS-02": Station(code="CJS-02", name="延安北路街道立法信息联络站", kind="联络站"),
}


def comment(
    id_: int, station: str, target: str | None, opinion: str, *, whole: bool = False, **kw: str
) -> Comment:
    return Comment(
        id=id_,
        project="dogs",
        version="1",
        station=station,
        file="0" * 64,
        row=id_ + 1,
        target_uid=target,
        whole=whole,
        cited_as=kw.pop("cited_as", ""),
        opinion=opinion,
        submitter=kw.pop("submitter", "张三丰"),
        contact=kw.pop("contact", "13812341234"),
        **kw,  # type: ignore[arg-type]
    )


COMMENTS = [
    comment(1, "CJS-01", "a003-p1", "建议增加公园。", reason="公园人多"),
    comment(2, "CJS-02", "a003-p1", "建议增加公园！"),
    comment(3, "CJS-01", "a002-p2", '=HYPERLINK("http://evil","点我")', proposal="+1"),
    comment(4, "CJS-02", None, "建议总体再完善。", whole=True),
    comment(5, "CJS-01", None, "第九十条写得不好。", cited_as="第九十条"),
    comment(6, "CJS-02", "a001-p1", "@SUM(A1)", reason="-2"),
]
NOW = datetime(2025, 1, 1, tzinfo=UTC)
DECISIONS = {
    1: Decision(
        id=1, comment_id=1, kind="采纳", reason="已增加公园", decided_by="李", decided_at=NOW
    ),
    3: Decision(
        id=2, comment_id=3, kind="未采纳", reason="上位法已有规定", decided_by="李", decided_at=NOW
    ),
}


def report(personal: bool = False):  # type: ignore[no-untyped-def]
    return build_comment_report(
        DOC,
        COMMENTS,
        DECISIONS,
        stations=STATIONS,
        clusters=[[1, 2]],
        include_personal_data=personal,
    )


def test_masking_helpers() -> None:
    """Names keep their first character, phones the first three and last four digits."""
    assert mask_name("张三丰") == "张**"
    assert mask_contact("13812341234") == "138****1234"
    assert mask_contact("zhang@example.cn") == "z***@example.cn"
    assert mask_contact("昌吉市延安北路1号") == "昌***"


def test_rows_in_text_order_with_cluster_counted_once() -> None:
    """全文 first, then by clause position, unplaced last; the duplicate pair is one row of 2."""
    rows = report().rows
    assert [r.clause for r in rows] == [
        "全文",
        "第一条",
        "第二条第二款",
        "第三条",
        "第九十条（未定位）",
    ]
    cluster = rows[3]
    assert cluster.cluster_size == 2
    assert cluster.comment_ids == (1, 2)
    assert cluster.sources == ("宁边路街道立法信息联络站", "延安北路街道立法信息联络站")
    assert cluster.decision == "部分已处理（1/2 采纳）"
    assert rows[0].decision == UNDECIDED


def test_summary_counts() -> None:
    """Counts by decision (rows and comments), station and clause."""
    r = report()
    assert r.total_comments == 6
    by_decision = {k: (rows, n) for k, rows, n in r.by_decision}
    assert by_decision["采纳"] == (0, 1)
    assert by_decision["未采纳"] == (1, 1)
    assert by_decision[UNDECIDED] == (3, 4)
    assert dict(r.by_station) == {"宁边路街道立法信息联络站": 3, "延安北路街道立法信息联络站": 3}
    assert dict(r.by_clause)["第三条"] == 2


def test_xlsx_masks_personal_data_by_default_and_escapes_formulas() -> None:
    """Read back: no clear name or phone; formula-like cells are strings with a quote prefix."""
    wb = openpyxl.load_workbook(io.BytesIO(comment_report_xlsx(report())))
    ws = wb["意见采纳情况"]
    header = [c.value for c in ws[2]]
    assert header[:3] == ["序号", "条款", "来源"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert len(values) == 5
    flat = " ".join(str(v) for row in values for v in row)
    assert "张三丰" not in flat
    assert "13812341234" not in flat
    assert "张**" in flat
    assert "138****1234" in flat
    formula_cells = [
        c
        for row in ws.iter_rows(min_row=3)
        for c in row
        if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert {c.value for c in formula_cells} >= {
        '=HYPERLINK("http://evil","点我")',
        "+1",
        "@SUM(A1)",
        "-2",
    }
    for cell in formula_cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert "统计" in wb.sheetnames


def test_personal_data_on_request() -> None:
    """--include-personal-data shows names and phones."""
    wb = openpyxl.load_workbook(io.BytesIO(comment_report_xlsx(report(personal=True))))
    flat = " ".join(str(c.value) for row in wb["意见采纳情况"].iter_rows() for c in row)
    assert "张三丰" in flat
    assert "13812341234" in flat


def test_docx_report_reads_back() -> None:
    """The Word report has a header row and one row per opinion, masked."""
    word = docx.Document(io.BytesIO(comment_report_docx(report())))
    grid = word.tables[0]
    assert grid.rows[0].cells[1].text == "条款"
    assert [row.cells[1].text for row in grid.rows[1:]] == [r.clause for r in report().rows]
    text = "\n".join(c.text for row in grid.rows for c in row.cells)
    assert "张三丰" not in text
    assert "已增加公园" in text


def test_feedback_for_one_station() -> None:
    """A station gets only its own comments, each on its own row, with decisions."""
    fb = build_feedback(DOC, STATIONS["CJS-01"], COMMENTS, DECISIONS)
    assert [r.comment_ids for r in fb.rows] == [(3,), (1,), (5,)]
    assert dict(fb.counts) == {"采纳": 1, "未采纳": 1, UNDECIDED: 1}
    wb = openpyxl.load_workbook(io.BytesIO(feedback_xlsx(fb)))
    ws = wb.active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[5] for r in rows] == ["未采纳", "采纳", UNDECIDED]
    assert all("张三丰" not in str(v) for r in rows for v in r)
    word = docx.Document(io.BytesIO(feedback_docx(fb)))
    assert any(p.text == "宁边路街道立法信息联络站：" for p in word.paragraphs)
    letter = "\n".join(p.text for p in word.paragraphs)
    assert "感谢贵联络站" in letter
    assert "共收到意见3条，其中采纳1条，未采纳1条，待处理1条" in letter
    assert len(word.tables[0].rows) == 4
    # 落款 when none is set: placeholders to fill in, right-aligned under the table.
    assert [p.text for p in word.paragraphs[-2:]] == [ISSUER_PLACEHOLDER, DATE_PLACEHOLDER]


def test_feedback_letter_is_signed_and_says_what_is_still_open() -> None:
    """The letter ends with the issuer and date; undecided comments are announced as such."""
    fb = build_feedback(
        DOC,
        STATIONS["CJS-01"],
        COMMENTS,
        DECISIONS,
        issuer="昌吉回族自治州人大常委会法制工作委员会",
        date="2026年3月1日",
    )
    assert fb.pending == 1
    word = docx.Document(io.BytesIO(feedback_docx(fb)))
    body = word.element.body
    table_at = list(body).index(word.tables[0]._tbl)
    after = [p for p in word.paragraphs if list(body).index(p._p) > table_at]
    signed = [p for p in after if p.text]
    assert [p.text for p in signed] == ["昌吉回族自治州人大常委会法制工作委员会", "2026年3月1日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in signed)
    letter = "\n".join(p.text for p in word.paragraphs)
    assert "尚有1条意见正在研究，处理结果另行反馈。" in letter
    decided = build_feedback(
        DOC, STATIONS["CJS-01"], COMMENTS, {**DECISIONS, 5: DECISIONS[1]}, date="2026年3月1日"
    )
    assert decided.pending == 0
    assert "正在研究" not in "".join(
        p.text for p in docx.Document(io.BytesIO(feedback_docx(decided))).paragraphs
    )


def test_an_organisation_is_named_a_person_is_masked() -> None:
    """提出人类别 says who is a person: 昌吉市阳光助老协会 is shown, 王小明 is 王**."""
    assert mask_name("昌吉市阳光助老协会", "社会组织") == "昌吉市阳光助老协会"
    assert mask_name("某某物业公司", "企业") == "某某物业公司"
    assert mask_name("王小明", "群众") == "王**"
    assert mask_name("王小明", "人大代表") == "王**"
    assert mask_name("王小明", None) == "王**"
    rows = [
        comment(
            1,
            "CJS-01",
            "a003-p1",
            "建议增加公园。",
            submitter="昌吉市阳光助老协会",
            submitter_category="社会组织",
        ),
        comment(
            2, "CJS-01", "a002-p2", "建议减少收费。", submitter="王小明", submitter_category="群众"
        ),
    ]
    got = build_comment_report(DOC, rows, {}, stations=STATIONS)
    assert sorted(r.submitters for r in got.rows) == ["昌吉市阳光助老协会", "王**"]
    assert all("13812341234" not in r.contacts for r in got.rows)


def _fits(text: str, width_mm: float) -> bool:
    """Whether a header fits on one line at 小四 (12 pt ≈ 4.23 mm a character, 3.8 mm margins)."""
    return len(text) * 4.233 + 3.8 <= width_mm


def test_headers_fit_their_columns() -> None:
    """No header wraps mid-word (处理意/见): Word and sheet columns are wide enough."""
    fb = build_feedback(DOC, STATIONS["CJS-01"], COMMENTS, DECISIONS)
    for data in (comment_report_docx(report()), feedback_docx(fb)):
        header = docx.Document(io.BytesIO(data)).tables[0].rows[0].cells
        for cell in header:
            assert cell.width is not None
            assert _fits(cell.text, cell.width.mm), (cell.text, cell.width.mm)
    for data in (comment_report_xlsx(report()), feedback_xlsx(fb)):
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        assert ws is not None
        for column in range(1, ws.max_column + 1):
            title = str(ws.cell(2, column).value)
            width = ws.column_dimensions[get_column_letter(column)].width
            assert 2 * len(title) + 1 <= width, (title, width)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "\n=1"])
def test_every_formula_start_is_neutralised(value: str) -> None:
    """Each dangerous first character comes back as quoted string data (CR as a line break)."""
    from openpyxl import Workbook

    from workbench.export.sheets import workbook_bytes, write_cell

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    write_cell(ws, 1, 1, value)
    back = openpyxl.load_workbook(io.BytesIO(workbook_bytes(wb))).active
    assert back is not None
    cell = back.cell(1, 1)
    assert cell.value == value.replace("\r", "\n")
    assert cell.data_type == "s"
    assert cell.quotePrefix
