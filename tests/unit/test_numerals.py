"""Chinese numerals: canonical output, lenient input, round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.numerals import (
    NumeralError,
    article_label,
    from_cn,
    is_canonical,
    parse_article_number,
    to_cn,
)


@pytest.mark.parametrize(
    ("n", "cn"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (200, "二百"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (1260, "一千二百六十"),
        (9999, "九千九百九十九"),
    ],
)
def test_to_cn_writes_the_canonical_form(n: int, cn: str) -> None:
    """Each number of legislative-norms §3.1 is written canonically."""
    assert to_cn(n) == cn


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("一百〇一", 101),
        ("一百○一", 101),
        ("两百", 200),
        ("一十", 10),
        ("一百十", 110),
        ("15", 15),
        ("１５", 15),
        ("二〇〇八", 2008),
    ],
)
def test_from_cn_is_lenient(text: str, n: int) -> None:
    """Non-canonical and Arabic forms are read, and flagged as non-canonical."""
    assert from_cn(text) == n
    assert not is_canonical(text)


@given(st.integers(min_value=1, max_value=9999))
def test_round_trip_from_1_to_9999(n: int) -> None:
    """from_cn(to_cn(n)) == n, and the output never holds 〇, 两 or a leading 一十."""
    cn = to_cn(n)
    assert from_cn(cn) == n
    assert is_canonical(cn)
    assert "〇" not in cn
    assert "两" not in cn
    assert not cn.startswith("一十")


def test_article_labels_with_insertions() -> None:
    """第一百三十三条之二 reads as (133, 2) and writes back the same."""
    assert parse_article_number("第一百三十三条之二") == (133, 2)
    assert parse_article_number("第一百二十八 条") == (128, 0)
    assert article_label(133, 2) == "第一百三十三条之二"


@pytest.mark.parametrize("bad", ["", "abc", "第", "零"])
def test_bad_numerals_are_refused(bad: str) -> None:
    """Text that is not a numeral raises NumeralError."""
    with pytest.raises(NumeralError):
        from_cn(bad)
    with pytest.raises(NumeralError):
        to_cn(0)
