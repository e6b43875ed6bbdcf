"""Law texts from outside, through ``workbench import`` and the exports.

A drafting department's file is untrusted like a station's: XML tricks, control characters,
files that are not what their name says. Each refused file leaves the workspace as it was
(only its receipt is recorded); each accepted one exports to every format.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import docx
import pytest

from tests.support.hostile import Snapshot, run_workbench
from tests.support.law_files import LAW_TEXT, akn_bytes, docx_bytes, small_document, with_doctype
from workbench.workspace import Workspace


def _import(ws: Path, path: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_workbench(ws, "import", str(path), "-p", "law", "-n", "初审前", "--create", *extra)


def _refused(ws: Path, path: Path, *mentions: str) -> None:
    before = Snapshot.of(ws)
    _import(ws, path).assert_refused(path.name, *mentions)
    Snapshot.of(ws).assert_unchanged(before)


# -- XML tricks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "padding"),
    [("utf-8", 0), ("utf-16", 0), ("utf-8", 70_000)],
    ids=["plain", "utf-16", "padded-past-64k"],
)
def test_akn_with_a_doctype_is_refused_however_it_hides(
    ws: Path, tmp_path: Path, encoding: str, padding: int
) -> None:
    """XXE in Akoma Ntoso: in UTF-16 or after 70 KB of padding as well."""
    path = tmp_path / "草案.xml"
    path.write_bytes(with_doctype(akn_bytes(), encoding=encoding, padding=padding))
    _refused(ws, path, "DOCTYPE")


@pytest.mark.parametrize(
    ("encoding", "padding"),
    [("utf-8", 0), ("utf-16", 0), ("utf-8", 70_000)],
    ids=["plain", "utf-16", "padded-past-64k"],
)
def test_docx_with_a_doctype_in_a_part_is_refused_however_it_hides(
    ws: Path, tmp_path: Path, encoding: str, padding: int
) -> None:
    """XXE in a Word part (document.xml), in UTF-16 or after 70 KB of padding."""
    original = zipfile.ZipFile(io.BytesIO(docx_bytes())).read("word/document.xml")
    part = with_doctype(original, encoding=encoding, padding=padding)
    path = tmp_path / "草案.docx"
    path.write_bytes(docx_bytes(parts={"word/document.xml": part}))
    _refused(ws, path, "DOCTYPE")


def test_billion_laughs_in_akn_is_refused(ws: Path, tmp_path: Path) -> None:
    """Entity expansion never happens."""
    path = tmp_path / "laughs.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<akomaNtoso>&lol2;</akomaNtoso>"
    )
    _refused(ws, path, "DOCTYPE")


def test_malformed_xml_is_explained_in_chinese(ws: Path, tmp_path: Path) -> None:
    """libxml2's English stays out of the message; line and column stay in."""
    path = tmp_path / "坏.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<akomaNtoso>\n<act>\n</akomaNtoso>')
    before = Snapshot.of(ws)
    run = _import(ws, path)
    run.assert_refused("坏.xml", "标签不匹配", "第4行")
    assert "mismatch" not in run.stderr
    Snapshot.of(ws).assert_unchanged(before)


def test_zip_bomb_docx_is_refused(ws: Path, tmp_path: Path) -> None:
    """A Word file whose media member inflates a thousandfold."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(parts={"word/media/image1.png": b"\0" * 30_000_000}))
    _refused(ws, path, "压缩炸弹")


def test_damaged_docx_is_explained_in_chinese(ws: Path, tmp_path: Path) -> None:
    """A Word package whose document part is not XML: python-docx's English stays out."""
    path = tmp_path / "坏.docx"
    path.write_bytes(docx_bytes(parts={"word/document.xml": b"<w:document>not closed"}))
    before = Snapshot.of(ws)
    run = _import(ws, path)
    run.assert_refused("坏.docx", "Word")
    assert "XMLSyntaxError" not in run.stderr
    assert "line 1" not in run.stderr
    Snapshot.of(ws).assert_unchanged(before)


# -- what is not text ----------------------------------------------------------------------------


def test_a_binary_file_named_txt_is_refused(ws: Path, tmp_path: Path) -> None:
    """Text that is mostly NULs (UTF-16 saved as UTF-8 by a broken tool) is not text."""
    path = tmp_path / "草案.txt"
    path.write_text("\x00".join(LAW_TEXT), encoding="utf-8")
    _refused(ws, path, "不是文本文件")


def test_utf16_without_a_mark_is_refused_as_an_unknown_encoding(ws: Path, tmp_path: Path) -> None:
    """Bytes no supported encoding reads: the message says to save as UTF-8."""
    path = tmp_path / "草案.txt"
    path.write_bytes(LAW_TEXT.encode("utf-16-le"))
    _refused(ws, path, "编码", "UTF-8")


def test_an_oversized_text_is_refused_unread(ws: Path, tmp_path: Path) -> None:
    """Over the 20 MiB limit."""
    path = tmp_path / "大.txt"
    path.write_bytes(LAW_TEXT.encode() * (21 * 1024 * 1024 // len(LAW_TEXT.encode()) + 1))
    _refused(ws, path, "过大")


def test_a_text_without_articles_imports_with_a_warning(ws: Path, tmp_path: Path) -> None:
    """A letter instead of a draft: kept (as preamble), but the import says so."""
    path = tmp_path / "说明.txt"
    path.write_text("关于某某条例的说明\n\n各位委员：现将有关情况说明如下。\n", encoding="utf-8")
    run = _import(ws, path)
    run.assert_ok()
    assert "没有识别出任何条文" in run.stderr


# -- control characters ----------------------------------------------------------------------------

HOSTILE = "为了\x01测试\x0b软回车\x00，\x1b]52;c;SGVsbG8=\x07制定\u202e本条例。"


def test_control_characters_in_a_text_are_removed_with_a_warning(ws: Path, tmp_path: Path) -> None:
    """\\x01, NUL, an OSC sequence and a bidi override go (named); VT becomes a line break."""
    path = tmp_path / "草案.txt"
    path.write_text(f"某某条例\n\n第一条　{HOSTILE}\n\n第二条　施行。\n", encoding="utf-8")
    run = _import(ws, path)
    run.assert_ok()
    assert "U+0001" in run.stderr
    assert "终端控制序列" in run.stderr
    shown = run_workbench(ws, "show", "-p", "law", "--format", "json")
    text = json.dumps(json.loads(shown.stdout), ensure_ascii=False)
    assert not any(ch in text for ch in "\x01\x00\x1b\x07\u202e")


@pytest.mark.parametrize("fmt", ["docx", "akn", "html", "txt", "md"])
def test_stored_control_characters_never_break_an_export(
    ws: Path, tmp_path: Path, fmt: str
) -> None:
    """A version stored with controls (an earlier release, another tool) exports to every format."""
    with Workspace.open(ws) as opened:
        opened.import_document(
            small_document(HOSTILE), "law", "初审前", actor="旧版本", create=True
        )
    out = tmp_path / f"law.{fmt}"
    run_workbench(ws, "export", "draft", "-p", "law", "--format", fmt, "-o", str(out)).assert_ok()
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        text = out.read_text(encoding="utf-8")
    assert "为了测试" in text
    assert not any(ch in text for ch in "\x01\x00\x1b\x07\u202e")


def test_a_draft_json_with_controls_is_cleaned(ws: Path, tmp_path: Path) -> None:
    """Draft JSON may carry controls as \\u escapes: the same rule, located by path."""
    path = tmp_path / "草案.json"
    path.write_text(small_document(HOSTILE).model_dump_json(), encoding="utf-8")
    run = _import(ws, path)
    run.assert_ok()
    assert "控制字符" in run.stderr
    out = tmp_path / "law.docx"
    run_workbench(ws, "export", "draft", "-p", "law", "-o", str(out)).assert_ok()


def test_deeply_nested_draft_json_is_refused(ws: Path, tmp_path: Path) -> None:
    """Ten thousand levels: a Chinese message, no RecursionError."""
    path = tmp_path / "深.json"
    path.write_bytes(b'{"title": "x", "children": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    _refused(ws, path, "嵌套层次过深")


def test_a_draft_json_that_is_no_draft_is_explained_in_chinese(ws: Path, tmp_path: Path) -> None:
    """pydantic's English stays out: where and what, in Chinese."""
    path = tmp_path / "错.json"
    path.write_text(json.dumps({"title": 5, "children": []}), encoding="utf-8")
    before = Snapshot.of(ws)
    run = _import(ws, path)
    run.assert_refused("title", "应为文字")
    assert "Input should" not in run.stderr
    Snapshot.of(ws).assert_unchanged(before)


# -- memory ------------------------------------------------------------------------------------


def test_a_text_of_a_million_short_lines_is_refused_in_bounded_memory(
    ws: Path, tmp_path: Path
) -> None:
    """19 MB of one-word paragraphs once took 2.2 GB to parse; now refused by its line count."""
    path = tmp_path / "长.txt"
    path.write_text("某某条例\n\n第一条　总则。\n" + "本款内容。\n" * 1_200_000, encoding="utf-8")
    before = Snapshot.of(ws)
    run = _import(ws, path)
    run.assert_refused("长.txt", "行数过多", "30000")
    Snapshot.of(ws).assert_unchanged(before)


def test_a_text_at_the_limits_imports_within_the_memory_cap(ws: Path, tmp_path: Path) -> None:
    """29,999 articles in 18 MB, just under both limits: imported in a process capped at 1 GiB
    (at the old limit of 100,000 lines such a text took 1.2 GB)."""
    body = (
        "为了规范居家养老服务，保障老年人合法权益，根据有关法律、行政法规，结合本自治州实际，制定本条例。"
        * 4
    )
    lines = ["某某条例", ""] + [f"第{n}条　{body}" for n in range(1, 29_998)]
    path = tmp_path / "长.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert 16 * 1024 * 1024 < path.stat().st_size < 20 * 1024 * 1024
    run = _import(ws, path)
    run.assert_ok()
    assert run.peak_rss < 700 * 1024 * 1024, run.peak_rss


def test_an_akn_file_of_two_million_elements_is_refused(ws: Path, tmp_path: Path) -> None:
    """Under the size limit, but every paragraph would become a node."""
    xml = akn_bytes()
    cut = xml.index(b"</body>")
    path = tmp_path / "多.xml"
    path.write_bytes(xml[:cut] + b"<p/>" * 1_900_000 + xml[cut:])
    _refused(ws, path, "元素过多")


def test_a_docx_part_past_the_part_limit_is_refused(ws: Path, tmp_path: Path) -> None:
    """A 40 MB document.xml (compressed within the ratio) is refused before python-docx opens it."""
    original = zipfile.ZipFile(io.BytesIO(docx_bytes())).read("word/document.xml").decode()
    rng = random.Random(3)
    padding = "".join(
        f"<w:p><w:r><w:t>{rng.randint(0, 10**6)}{'条' * rng.randint(1, 60)}</w:t></w:r></w:p>"
        for _ in range(300_000)
    )
    body_end = original.index("</w:body>")
    part = (original[:body_end] + padding + original[body_end:]).encode()
    assert len(part) > 32 * 1024 * 1024
    path = tmp_path / "大.docx"
    path.write_bytes(docx_bytes(parts={"word/document.xml": part}))
    _refused(ws, path, "document.xml", "32 MB")
