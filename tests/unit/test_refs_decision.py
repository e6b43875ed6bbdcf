"""Amending texts: which instrument a decision or 修正案 amends, section by section."""

from __future__ import annotations

import pytest

from workbench.parse import parse_text
from workbench.refs import (
    DocIndex,
    amended_instrument,
    find_references,
    is_amending_title,
    section_instruments,
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("某市人民代表大会常务委员会关于修改《某市养犬管理条例》的决定", "某市养犬管理条例"),
        ("中华人民共和国刑法修正案（十一）", "中华人民共和国刑法"),
        ("最高人民法院关于修改《关于适用〈工会法〉若干问题的解释》等二十七件司法解释的决定", None),
        ("某省人民代表大会常务委员会关于修改部分地方性法规的决定", None),
        ("《某县风景区管理条例》等三部单行条例修正案", None),
        ("某市养犬管理条例", None),
    ],
)
def test_the_title_names_the_one_instrument_amended(title: str, name: str | None) -> None:
    """A single decision or 修正案 names its target; a package decision names none."""
    assert amended_instrument(title) == name


def test_package_decisions_are_amending_texts() -> None:
    """关于修改部分地方性法规的决定 amends, although it names no single instrument."""
    assert is_amending_title("某省人民代表大会常务委员会关于修改部分地方性法规的决定")
    assert not is_amending_title("某市养犬管理条例")


PACKAGE = """某省人民代表大会常务委员会关于修改部分地方性法规的决定

某省人民代表大会常务委员会决定：

一、修改《某省甲条例》

将第三条修改为：“依照本条例第五条处理。”

二、关于《某省乙办法》的修正

删去第九条。原办法第十条改为第九条。

本决定自公布之日起施行。
"""


def test_each_section_of_a_package_decision_cites_its_own_instrument() -> None:
    """Bare citations, 本条例 and 原办法 refer to the instrument the section names."""
    doc = parse_text(PACKAGE)
    assert list(section_instruments(doc.title, doc.preamble)) == [
        None,
        "某省甲条例",
        "某省甲条例",
        "某省乙办法",
        "某省乙办法",
        "某省乙办法",
    ]
    report = find_references(DocIndex(doc))
    cited = [(r.text, r.status, r.citation.instrument) for r in report.preamble if "第" in r.text]
    assert cited == [
        ("第三条", "external", "某省甲条例"),
        ("本条例第五条", "external", "某省甲条例"),
        ("第九条", "external", "某省乙办法"),
        ("原办法第十条", "external", "某省乙办法"),
        ("第九条", "external", "某省乙办法"),
    ]


def test_a_preamble_of_an_ordinary_text_resolves_inside_it() -> None:
    """In a text that amends nothing, a preamble citation of 本条例 resolves internally."""
    doc = parse_text("某市条例\n\n序言：本条例第一条规定目的。\n\n第一条　为了测试，制定本条例。\n")
    report = find_references(DocIndex(doc))
    assert [(r.text, r.status) for r in report.preamble] == [("本条例第一条", "internal")]
