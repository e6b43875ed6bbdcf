"""The column-wise read used by ingest agrees with the row-by-row read it replaces."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.comments import read_comment_file
from workbench.comments.batch import CommentBatch, read_for_ingest
from workbench.comments.csv_file import split_plain
from workbench.comments.limits import Limits
from workbench.comments.parsed import ParsedFile
from workbench.model.comments import COLUMNS

PROJECT = "jujia"


def csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def seen(parsed: ParsedFile) -> object:
    return (
        [str(e) for e in parsed.errors],
        [str(w) for w in parsed.warnings],
        (parsed.station, parsed.collector, parsed.project, parsed.version),
    )


def batch_of(parsed: ParsedFile) -> CommentBatch:
    if parsed.columns is not None:
        return CommentBatch.from_columns(parsed.columns)
    return CommentBatch.from_rows(parsed.rows)


_CELL = st.text(alphabet=st.sampled_from('第一条款 =+-@“”"\t甲乙,\n'), max_size=6)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            _CELL,
            _CELL,
            _CELL,
            st.sampled_from(["", "群众", "专家", "路人"]),
            _CELL,
            st.sampled_from(["ST01", "ST02"]),
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=0, max_value=3),
)
def test_the_columnar_read_stores_what_the_row_read_stores(
    cells: list[tuple[str, str, str, str, str, str]], long_cell: int
) -> None:
    """Whatever the cells, reading column-wise gives the same rows, problems and header."""
    rows = [
        ["ST01", "甲", PROJECT, "初审前", clause, opinion, reason, "", category, name, station]
        for clause, opinion, reason, category, name, station in cells
    ]
    limits = Limits()
    if long_cell == 1:  # one 条款 over its 200 characters
        rows[0][4] = "第一条" * 70
    elif long_cell == 2:  # one 意见建议 over the cell limit
        rows[-1][5] = "意" * (limits.max_cell_chars + 1)
    elif long_cell == 3:  # a lower cell limit than the model's
        limits = Limits(max_cell_chars=4)
    data = csv_bytes(rows)
    by_rows = read_comment_file(data, "a.csv", limits=limits)
    by_columns = read_comment_file(data, "a.csv", columnar=True, limits=limits)
    assert seen(by_columns) == seen(by_rows)
    assert by_columns.rows == [] or by_columns.columns is None
    if by_rows.ok:
        assert batch_of(by_columns) == batch_of(by_rows)


def test_a_file_in_the_usual_shape_is_read_column_wise() -> None:
    """The usual file takes the columnar path; a bad value sends it back to row-by-row reports."""
    good = [
        ["ST01", "甲", PROJECT, "初审前", "第三条：“三十日”", "意见一", "", "", "", "张三", "139"],
        ["ST01", "甲", PROJECT, "初审前", "第四条", "意见二", "理由", "改为", "群众", "", ""],
    ]
    parsed = read_comment_file(csv_bytes(good), "a.csv", columnar=True)
    assert parsed.ok
    assert parsed.rows == []
    assert parsed.columns is not None
    columns = parsed.columns
    assert columns.row == [2, 3]
    assert columns.clause == ["第三条", "第四条"]
    assert columns.quote == ["三十日", None]
    assert columns.submitter_category == [None, "群众"]
    bad = [*good, ["ST01", "甲", PROJECT, "初审前", "第五条", "意见三", "", "", "路人", "", ""]]
    parsed = read_comment_file(csv_bytes(bad), "a.csv", columnar=True)
    assert parsed.columns is None
    assert [(e.row, e.column) for e in parsed.errors] == [(4, "提出人类别")]


def test_ingest_reads_rows_the_listing_can_decode() -> None:
    rows = [
        ["ST01", "甲", PROJECT, "初审前", "第三条", f"意见{i}", "", "", "", "", ""]
        for i in range(40)
    ]
    found = read_for_ingest(csv_bytes(rows), "a.csv", frozenset({"ST01"}), {PROJECT: ["初审前"]})
    assert found.batch is not None
    assert found.parsed.ok
    assert len(found.batch) == 40
    assert found.batch.opinion == [f"意见{i}" for i in range(40)]
    assert found.parsed.columns is None  # not carried to the writer twice


_CSV_TEXT = st.lists(st.sampled_from(["a", "甲", ",", " ", "\r", "\n", "\r\n", "\t"])).map("".join)


@given(_CSV_TEXT)
def test_plain_csv_splits_as_the_csv_module_reads(text: str) -> None:
    rows = split_plain(text, 131072)
    if rows is not None:
        assert rows == list(csv.reader(io.StringIO(text, newline="")))


def test_quotes_lone_returns_and_long_lines_are_left_to_the_csv_module() -> None:
    assert split_plain('a,"b"\r\n', 100) is None
    assert split_plain("a\rb\r\n", 100) is None
    assert split_plain("a" * 101, 100) is None
    assert split_plain("a,b\r\n\r\nc\r\n", 100) == [["a", "b"], [], ["c"]]
