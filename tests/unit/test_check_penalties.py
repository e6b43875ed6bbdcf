"""Penalty amounts as written, and penalties set beside the upper-level provision they implement."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.library import law, shelf
from workbench.check import Library, check_document, rule
from workbench.check.penalties import Fine, fines_in, read_amount

UPPER = """# 中华人民共和国示范法

第一条 经营者应当公示价格。

第二条 生产者应当标注产地。

第三条 违反本法第一条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款；情节严重的，处违法所得一倍以上三倍以下罚款。

第四条 违反本法第二条规定的，责令停产停业，处五万元以下罚款。
"""


def library() -> Library:
    return shelf(("中华人民共和国示范法", date(2020, 1, 1), UPPER))


def findings(article: str) -> list[tuple[str, str]]:
    source = f"# 某市示范条例\n\n第一条 {article}\n\n第二条 本条例自2021年1月1日起施行。\n"
    found = check_document(
        law(source),
        library=library(),
        at=date(2021, 1, 1),
        rules=(rule("penalty-beyond-upper-law"),),
    )
    return [(f.severity, f.message) for f in found]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五万", 50_000),
        ("一万五千", 15_000),
        ("5000", 5_000),
        ("1.5万", 15_000),
        ("二百五十万", 2_500_000),
    ],
)
def test_amounts_are_read_as_written(text: str, value: int) -> None:
    assert read_amount(text) == value


def test_fines_are_read_with_their_unit_and_base() -> None:
    """元 ranges, open ends (以下), fixed amounts, multiples and percentages of a base."""
    assert fines_in("处五千元以上五万元以下罚款") == [
        Fine("", "元", 5000, 50000, "五千元以上五万元以下")
    ]
    assert fines_in("处十万元以下的罚款")[0].low == 0
    assert fines_in("并处二万元罚款")[0].high == 20000
    assert fines_in("处货值金额五倍以上十倍以下罚款") == [
        Fine("货值金额", "倍", 5, 10, "五倍以上十倍以下")
    ]
    assert fines_in("处建设工程造价百分之五以上百分之十以下的罚款") == [
        Fine("建设工程造价", "%", 5, 10, "百分之五以上百分之十以下")
    ]
    assert fines_in("依法给予处分") == []


def test_a_fine_within_the_upper_range_is_fine() -> None:
    """The local rule may narrow the range the law sets."""
    assert findings("违反《中华人民共和国示范法》第一条规定的，处二千元以上五千元以下罚款。") == []


def test_a_fine_above_the_upper_range_is_an_error_naming_both_provisions() -> None:
    """The law's penalty article for 第一条 is 第三条: the draft's range reaches past it."""
    [(severity, message)] = findings(
        "违反《中华人民共和国示范法》第一条规定的，处五千元以上五万元以下罚款。"
    )
    assert severity == "error"
    assert "五千元以上五万元以下" in message
    assert "《中华人民共和国示范法》第三条规定的幅度" in message
    assert "一千元以上一万元以下" in message


def test_multiples_are_compared_on_the_same_base() -> None:
    """违法所得一倍以上五倍以下 against the law's 一倍以上三倍以下: beyond it."""
    [(_, message)] = findings(
        "违反《中华人民共和国示范法》第一条规定的，处违法所得一倍以上五倍以下罚款。"
    )
    assert "一倍以上五倍以下" in message


def test_a_heavier_kind_of_penalty_than_the_law_sets_is_a_warning() -> None:
    """责令停产停业 for a breach of 第一条, whose penalty article has none."""
    found = findings("违反《中华人民共和国示范法》第一条规定的，责令停产停业，处二千元罚款。")
    assert found == [
        ("warning", "“责令停产停业”是《中华人民共和国示范法》第三条没有规定的处罚种类")
    ]
    assert findings("违反《中华人民共和国示范法》第二条规定的，责令停产停业，处一万元罚款。") == []


def test_penalties_citing_no_upper_law_are_not_judged() -> None:
    """Without a citation of a held law there is nothing to compare with."""
    assert findings("违反本条例第二条规定的，处五千元以上五万元以下罚款。") == []
