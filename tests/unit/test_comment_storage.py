"""How comments are stored: reader processes, the fast path, repeats, schema 7's text chunks."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.support.workspaces import (
    PROJECT,
    comment_files,
    csv_bytes,
    demo_workspace,
    row,
    stored,
)
from workbench.comments import read_comment_file
from workbench.comments.batch import CommentBatch, read_for_ingest
from workbench.model.comments import COLUMNS
from workbench.store import inbox as inbox_module
from workbench.store.comment_legacy import (
    TEXT_CHUNK_ROWS,
    CommentText,
    decode_texts,
    encode_texts,
    pack_chunk,
    unpack_chunk,
)
from workbench.store.inbox import keep_file
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService, IngestResult
from workbench.workspace.comments.readers import Readers, reader_count
from workbench.workspace.comments.storing import (
    MAX_REPEAT_WARNINGS,
    CommentIds,
    Pending,
    Places,
    Repeats,
    store_batch,
)


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tpl") / "ws"
    demo_workspace(folder).close()
    return folder


def test_worker_processes_store_exactly_what_reading_here_stores(
    template_ws: Path, tmp_path: Path
) -> None:
    """Every row, flag, quote, placement, rejection and duplicate is the same either way."""
    files = comment_files(tmp_path / "files")
    outcomes = []
    for workers in (0, 2):
        folder = tmp_path / f"ws{workers}"
        shutil.copytree(template_ws, folder)
        with Workspace.open(folder) as ws:
            results = CommentService(ws).ingest(files, actor="测试", workers=workers)
            outcomes.append(
                (
                    [(r.status, r.rows, r.unplaced, r.flagged) for r in results],
                    [[str(e) for e in r.errors] for r in results],
                    [[str(w) for w in r.warnings] for r in results],
                    stored(ws),
                )
            )
    assert outcomes[0] == outcomes[1]
    statuses = [s for s, *_ in outcomes[0][0]]
    assert statuses.count("rejected") == 1
    assert statuses[-1] == "duplicate"
    assert len(outcomes[0][3]) == 6 * 40 + 2 + 2 + 1 + 1 + 1


def test_a_worker_that_dies_leaves_its_files_to_this_process(tmp_path: Path) -> None:
    """A killed reader process is noticed; what it was given is read here instead."""
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row("ST01", "第一条", "意见")]))
    inbox = tmp_path / "inbox"
    readers = Readers(1, inbox, frozenset({"ST01"}), {PROJECT: ["初审前"]}, frozenset())
    try:
        assert readers.ahead > 0
        worker = readers._workers[0]
        worker._process.kill()
        worker._process.join()
        found = readers.submit(path)()
    finally:
        readers.close()
    assert found.read is not None
    assert found.read.batch is not None
    assert found.read.batch.opinion == ["意见"]
    assert found.kept is not None
    assert found.kept.read_bytes() == path.read_bytes()


def test_few_small_files_are_read_in_this_process(tmp_path: Path) -> None:
    small = [tmp_path / f"{i}.csv" for i in range(20)]
    for p in small:
        p.write_bytes(b"x" * 100)
    assert reader_count(small, None) == 0
    assert reader_count(small[:3], 2) == 2  # asked for explicitly


def test_batches_survive_pickling_whatever_the_cells_hold() -> None:
    batch = CommentBatch(
        row=[2, 3, 4],
        clause=["第一条", "", "全文"],
        quote=[None, "", "三十日"],
        opinion=["含\x00空字符", "b", "c"],
        reason=["", "理由", ""],
        proposal=["", "", "改为"],
        category=[None, "群众", None],
        submitter=["", "张三", ""],
        contact=["", "139", ""],
        flags=["", "formula:意见建议", ""],
        fingerprint=[1, 2**63, 0],
    )
    assert pickle.loads(pickle.dumps(batch)) == batch
    batch.clause = ["第一条", "含\x00", ""]
    assert pickle.loads(pickle.dumps(batch)) == batch
    empty = CommentBatch([], [], [], [], [], [], [], [], [], [], [])
    assert pickle.loads(pickle.dumps(empty)) == empty


def test_a_packed_chunk_unpacks_to_itself_and_an_unknown_format_is_refused() -> None:
    chunk = encode_texts([(None, "意见" * 50, "理由", "", "群众", "张三", "139")])[0]
    packed = pack_chunk(chunk)
    assert len(packed) < len(chunk.encode())
    assert unpack_chunk(packed) == chunk
    with pytest.raises(ValueError, match="存储格式"):
        unpack_chunk(b"\x09" + packed[1:])


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=4)),
            st.text(alphabet=st.sampled_from('意见\x00\x1d\x1e\x1f[]"\\,a '), max_size=5),
            st.text(max_size=3),
            st.text(max_size=3),
            st.sampled_from([None, "群众"]),
            st.text(max_size=3),
            st.text(max_size=3),
        ),
        max_size=70,
    )
)
def test_any_texts_come_back_as_they_went_in(texts: list[CommentText]) -> None:
    """Values holding the separators fall back to JSON; either way nothing changes."""
    assert [t for c in encode_texts(texts) for t in decode_texts(c)] == texts


def test_texts_are_chunked_by_thirty_two() -> None:
    texts: list[CommentText] = [(None, f"意见{i}", "", "", None, "", "") for i in range(70)]
    chunks = encode_texts(texts)
    assert len(chunks) == 3
    assert [t[1] for c in chunks for t in decode_texts(c)] == [f"意见{i}" for i in range(70)]
    assert decode_texts(chunks[2])[5][1] == f"意见{2 * TEXT_CHUNK_ROWS + 5}"


_CELL = st.text(alphabet=st.sampled_from('第一条款 =+-@“”"\t甲乙,\n'), max_size=6)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_CELL, _CELL, _CELL, st.sampled_from(["", "群众", "专家", "路人"]), _CELL),
        min_size=1,
        max_size=6,
    )
)
def test_the_fast_path_reads_what_the_general_loop_reads(
    cells: list[tuple[str, str, str, str, str]],
) -> None:
    """A trailing blank row sends a file through the general loop: nothing else may differ."""
    rows = [
        ["ST01", "甲", PROJECT, "初审前", clause, opinion, reason, "", category, name, ""]
        for clause, opinion, reason, category, name in cells
    ]
    plain = read_comment_file(csv_bytes(rows), "a.csv")
    general = read_comment_file(csv_bytes([*rows, [""] * len(COLUMNS)]), "a.csv")

    def seen(parsed: object) -> object:
        return (
            [(r.row, r.data, r.flags) for r in parsed.rows],  # type: ignore[attr-defined]
            [str(e) for e in parsed.errors],  # type: ignore[attr-defined]
            [str(w) for w in parsed.warnings],  # type: ignore[attr-defined]
            parsed.station,  # type: ignore[attr-defined]
        )

    assert seen(plain) == seen(general)


def test_a_file_stored_meanwhile_by_another_process_adds_nothing(
    template_ws: Path, tmp_path: Path
) -> None:
    """The file row goes in first and stops the rest when the same bytes are already stored."""
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes([row("ST01", "第一条", "意见")]))
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        svc = CommentService(ws)
        kept = keep_file(source, ws.inbox_dir, with_data=True)
        assert kept.data is not None
        read = read_for_ingest(kept.data, "a.csv", frozenset({"ST01"}), {PROJECT: ["初审前"]})
        assert read.batch is not None
        result = IngestResult(str(source), "rejected", kept.sha256)
        item = Pending(result, source, kept.size, kept.path, kept.new, None)
        info, vid, index = svc.index(PROJECT, "初审前")
        outcomes = []
        for _ in range(2):  # as two processes would, each with the file still new to it
            with ws.transaction() as conn:
                pid = conn.execute(text("SELECT id FROM projects")).scalar_one()
                outcomes.append(
                    store_batch(
                        conn,
                        item,
                        read.parsed,
                        read.batch,
                        "测试",
                        info=info,
                        vid=vid,
                        pid=pid,
                        places=Places(index),
                        repeats=Repeats(),
                        ids=CommentIds(conn),
                    )
                )
        assert outcomes[0] is not None
        assert outcomes[1] is None
        assert len(stored(ws)) == 1


def test_rows_citing_no_clause_are_named_to_the_sender(template_ws: Path, tmp_path: Path) -> None:
    """Each unplaced row is kept and reported with its row and the 条款 column."""
    source = tmp_path / "a.csv"
    source.write_bytes(
        csv_bytes([row("ST01", "第一条", "意见"), row("ST01", "第九百条", "找不到的条")])
    )
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        result = CommentService(ws).ingest_file(source, actor="测试")
    assert (result.status, result.rows, result.unplaced) == ("accepted", 2, 1)
    [warning] = result.warnings
    assert (warning.row, warning.column) == (3, "条款")
    assert "第九百条" in warning.message
    assert "未定位" in warning.message


def test_a_file_sent_again_with_one_row_corrected_names_the_repeated_rows(
    template_ws: Path, tmp_path: Path
) -> None:
    """Both files are stored whole; the second is told which of its rows the first had."""
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes([row("ST01", "第一条", "意见甲"), row("ST01", "第二条", "意见乙")]))
    again = tmp_path / "again.csv"
    again.write_bytes(
        csv_bytes([row("ST01", "第一条", "意见甲"), row("ST01", "第二条", "意见乙（更正）")])
    )
    other = tmp_path / "other-station.csv"
    other.write_bytes(csv_bytes([row("ST02", "第一条", "意见甲")]))
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        svc = CommentService(ws)
        assert svc.ingest_file(first, actor="测试").warnings == []
        results = svc.ingest([again, other], actor="测试")  # the first is read from the store
        assert [r.rows for r in results] == [2, 1]
        [repeat] = results[0].warnings
        assert repeat.row == 2
        assert "“first.csv”第2行" in repeat.message
        assert results[1].warnings == []  # another station's identical row is not a repeat
        third = tmp_path / "third.csv"
        third.write_bytes(csv_bytes([row("ST01", "第二条", "意见乙（更正）")]))
        fourth = tmp_path / "fourth.csv"
        fourth.write_bytes(
            csv_bytes([row("ST01", "第二条", "意见乙（更正）"), row("ST01", "第三条", "新")])
        )
        later = svc.ingest([third, fourth], actor="测试")  # and within one call
        assert "“again.csv”第3行" in later[0].warnings[0].message
        assert (
            "“again.csv”第3行" in later[1].warnings[0].message
            or "“third.csv”第2行" in later[1].warnings[0].message
        )
        assert len(stored(ws)) == 2 + 2 + 1 + 1 + 2


def test_many_repeated_rows_are_named_up_to_a_cap_then_counted(
    template_ws: Path, tmp_path: Path
) -> None:
    rows = [row("ST01", "第一条", f"意见{i}") for i in range(MAX_REPEAT_WARNINGS + 5)]
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes(rows))
    again = tmp_path / "again.csv"
    again.write_bytes(csv_bytes([*rows, row("ST01", "第二条", "新意见")]))
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    with Workspace.open(folder) as ws:
        results = CommentService(ws).ingest([first, again], actor="测试")
    warnings = results[1].warnings
    assert len(warnings) == MAX_REPEAT_WARNINGS + 1
    assert warnings[-1].row is None
    assert warnings[-1].message.startswith("另有 5 行")


def test_many_kept_files_are_flushed_together(tmp_path: Path) -> None:
    """Past a few files one syncfs flushes them all (Linux); elsewhere each is fsynced."""
    inbox = tmp_path / "inbox"
    sources = []
    for i in range(12):
        source = tmp_path / f"{i}.csv"
        source.write_bytes(csv_bytes([row("ST01", "第一条", f"意见{i}")]))
        sources.append(source)
    kept = [keep_file(s, inbox, flush=False).path for s in sources]
    if sys.platform.startswith("linux"):
        assert inbox_module._syncfs(inbox)
    inbox_module.sync(kept, inbox)  # either way, nothing to report
    inbox_module.sync(kept[:2], inbox)
    assert [k.read_bytes() for k in kept] == [s.read_bytes() for s in sources]
