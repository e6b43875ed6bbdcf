"""The one rule for control characters (`workbench.controls`), and the safe XML and JSON readers."""

from __future__ import annotations

import pytest

from workbench.controls import clean_text, document_text, has_controls, looks_binary
from workbench.parse.jsonsafe import JsonError, clean_strings, load_json
from workbench.parse.xmlsafe import declares_dtd


@pytest.mark.parametrize(
    "char", ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_line_like_controls_become_line_breaks(char: str) -> None:
    """Word's soft line break (VT) and its kin end a line; nothing is reported."""
    assert clean_text(f"甲{char}乙") == ("甲\n乙", ())
    assert clean_text("甲\r\n乙") == ("甲\n乙", ())


@pytest.mark.parametrize(
    ("text", "clean", "named"),
    [
        ("意见\x01正文", "意见正文", "U+0001"),
        ("意见\x00正文", "意见正文", "NUL"),
        ("响\x07铃\x08退", "响铃退", "BEL"),
        ("意见\x1b]52;c;ZXZpbA==\x07正文", "意见正文", "终端控制序列"),
        ("红\x1b[31m字\x1b[0m", "红字", "终端控制序列"),
        ("C1\x9b6n完", "C1完", "U+009B"),
        ("罚款\u202e0001\u202c元", "罚款0001元", "双向文字控制符"),
        ("删\x7f除", "删除", "DEL"),
    ],
)
def test_other_controls_are_removed_and_named(text: str, clean: str, named: str) -> None:
    """Every other control goes, escape sequences with their payload; what went is named."""
    result, removed = clean_text(text)
    assert result == clean
    assert any(named in r for r in removed), removed


def test_tabs_and_ordinary_text_are_untouched() -> None:
    """Tab, line feed, CJK and full-width punctuation pass as they are (the same object)."""
    text = "第一条\t为了规范……，制定本条例。\n（一）　项"
    assert not has_controls(text)
    assert clean_text(text) == (text, ())
    assert document_text(text) is text


def test_mostly_controls_is_binary_a_stray_one_is_not() -> None:
    """A UTF-16 file read as another encoding is mostly NULs: refused; one NUL is stripped."""
    assert looks_binary("意\x00见".encode("utf-16-le").decode("latin-1") * 10)
    assert not looks_binary("一条正常的意见\x00，只多了一个空字符。")


def test_document_text_drops_what_xml_cannot_hold() -> None:
    """Lone surrogates and U+FFFE/U+FFFF too, so lxml never refuses a string."""
    assert document_text("甲\ud800乙\uffff丙\x01") == "甲乙丙"


def test_json_nesting_is_bounded_with_a_chinese_message() -> None:
    """Ten thousand nested lists: an error with the place, not a RecursionError."""
    with pytest.raises(JsonError, match="嵌套层次过深") as caught:
        load_json(b"[" * 10_000 + b"]" * 10_000)
    assert caught.value.line == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"a": 1', "不完整"),
        (b'{"a": 1 "b": 2}', "缺少逗号"),
        (b"[1,]", "多了逗号"),
        (b'{"a": 1}x', "多余内容"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_json_errors_are_told_in_chinese(data: bytes, message: str) -> None:
    """The parser's English never reaches people."""
    with pytest.raises(JsonError, match=message) as caught:
        load_json(data)
    assert not any("a" <= ch <= "z" for ch in caught.value.message.replace("UTF-8", ""))


def test_json_strings_are_cleaned_everywhere_and_located() -> None:
    """Keys, nested values, list items; the path says where."""
    value, cleaned = clean_strings(
        load_json('{"意见\\u0001": [{"理由": "甲\\u0000乙"}, "丙\\u000b丁"]}'.encode())
    )
    assert value == {"意见": [{"理由": "甲乙"}, "丙\n丁"]}
    assert [c.path for c in cleaned] == [("意见",), ("意见", 0, "理由")]


UTF16_DTD = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
        UTF16_DTD.encode("utf-16"),
        b'<?xml version="1.0"?><!--'
        + b" " * 70_000
        + b'--><!DOCTYPE a SYSTEM "http://x/a.dtd"><a/>',
        b'<?xml version="1.0"?>' + b"\n" * 70_000 + b"<!DOCTYPE a><a/>",
    ],
    ids=["plain", "utf-16", "comment-padding", "blank-padding"],
)
def test_a_doctype_is_found_in_the_parsed_prolog(document: bytes) -> None:
    """Whatever the encoding and whatever comes before it."""
    assert declares_dtd(document)


def test_a_document_without_doctype_passes() -> None:
    """Including one that merely mentions the word in its text."""
    assert not declares_dtd(b'<?xml version="1.0"?><a>&lt;!DOCTYPE in text</a>')
