"""A drafted decision reads like one a legislative staff member writes.

Quoted words start and end at phrase boundaries (punctuation, whole 《…》 titles), never inside a
word; a change of punctuation alone is quoted with the words it separates; several changes to one
article make one item, the article named once, a 款 that an insertion renumbered named with its
old number and the new one (§4.2 H), and ``其中`` only ever points at the place named just before
it in the same sentence. Every drafted decision still applies back to the new text exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.amend import (
    DraftError,
    apply_decision,
    decision_text,
    draft_decision,
    read_decision,
)
from workbench.model import Document
from workbench.parse import parse_file, parse_text
from workbench.render import render_text

OLD = """测试审计条例

第一条　为了加强审计监督，规范审计行为，维护财政经济秩序，提高财政资金使用效益，促进廉政建设，保障\
经济和社会健康发展，根据《中华人民共和国审计法》、《中华人民共和国审计法实施条例》及其他有关法律、法规，\
结合本市实际情况，制定本条例。

第二条　市和区、县人民政府依法设立审计机关。审计机关根据工作需要，经本级人民政府批准，可以在审计管辖范\
围内的重点地区和重点部门设立派出机构。

审计机关在本级人民政府行政首长和上一级审计机关的领导下，负责本行政区域内的审计工作，依法履行国家审计职责。

第三条　审计机关应当建立被审计单位违法违规行为信息系统，记录被审计单位违法违规行为，以及处理处罚的情况。

被审计单位为企业的，其违法违规行为信息应当按照有关规定同时纳入本市企业信用信息系统。

审计机关应当按照国家和本市有关规定，向社会公布被审计单位违法违规行为信息，但涉及国家秘密的除外。

第四条　审计机关负责人按照法定程序任免。

第五条　审计人员滥用职权、徇私舞弊、玩忽职守或者泄露、向他人非法提供所知悉的国家秘密、工作秘密、商业\
秘密的，给予行政处分；构成犯罪的，依法追究刑事责任。

第六条　本条例自2018年1月1日起施行。
"""


def _draft(old: str, new: str) -> tuple[str, Document, Document]:
    before, after = parse_text(old), parse_text(new)
    text = decision_text(draft_decision(before, after))
    applied = apply_decision(read_decision(text), before)
    assert [o.message for o in applied.outcomes if o.status != "applied"] == []
    assert render_text(applied.document) == render_text(after)
    return text, before, after


def test_punctuation_alone_is_quoted_with_the_titles_it_separates() -> None:
    """The 、 between two 书名号 titles goes with both titles, not as “》、《中”."""
    new = OLD.replace("审计法》、《中华", "审计法》《中华")
    text, _, _ = _draft(OLD, new)
    assert (
        "一、将第一条中的“《中华人民共和国审计法》、《中华人民共和国审计法实施条例》”修改为"
        "“《中华人民共和国审计法》《中华人民共和国审计法实施条例》”。"
    ) in text


def test_a_changed_word_is_quoted_as_a_whole_phrase() -> None:
    """“被审计单位违法违规行为” is not unique in the article: the quote grows to punctuation,
    never to half a word (“…行为信”)."""
    new = OLD.replace("建立被审计单位违法违规行为信息系统", "建立信息系统").replace(
        "处理处罚的情况", "处理处罚等情况"
    )
    text, _, _ = _draft(OLD, new)
    assert (
        "一、将第三条中的“审计机关应当建立被审计单位违法违规行为信息系统”修改为"
        "“审计机关应当建立信息系统”，“以及处理处罚的情况”修改为“以及处理处罚等情况”。"
    ) in text


def test_a_paragraph_inserted_first_names_the_renumbered_one_after_it() -> None:
    """增加一款，作为第一款 then 第一款改为第二款，其中的…: no 其中 dangling after a quote."""
    new = OLD.replace(
        "第二条　市和区、县人民政府依法设立审计机关。",
        "第二条　本市依法实行审计监督制度。\n\n市和区人民政府依法设立审计机关。",
    )
    text, _, _ = _draft(OLD, new)
    assert "一、在第二条中增加一款，作为第一款：“本市依法实行审计监督制度。”\n" in text
    assert "\n第一款改为第二款，其中的“市和区、县人民政府”修改为“市和区人民政府”。\n" in text


def test_a_renumbered_article_with_changes_is_one_item() -> None:
    """将第五条改为第六条，增加一款，作为第一款：“…” / 第一款改为第二款，其中的… (§4.2 H)."""
    new = (
        OLD.replace(
            "第四条　审计机关负责人", "第四条　审计机关应当公开审计结果。\n\n第五条　审计机关负责人"
        )
        .replace("第五条　审计人员滥用", "第六条　审计机关依法独立行使审计监督权。\n\n审计人员滥用")
        .replace("给予行政处分", "给予处分")
        .replace("第六条　本条例自", "第七条　本条例自")
    )
    text, _, _ = _draft(OLD, new)
    assert "增加一条，作为第四条：“审计机关应当公开审计结果。”" in text
    assert (
        "、将第五条改为第六条，增加一款，作为第一款：“审计机关依法独立行使审计监督权。”\n\n"
        "第一款改为第二款，其中的“给予行政处分”修改为“给予处分”。"
    ) in text


def test_an_article_keeping_its_number_among_moved_ones_is_not_renumbered_to_itself() -> None:
    """第二条 and 第四条 trade places, 第三条 stays: the decision moves the two (将第二条改为第四条),
    never 将第三条改为第三条, which tells a reader nothing."""
    first, rest = OLD.split("第二条　", 1)
    second, rest = rest.split("第三条　", 1)
    third, rest = rest.split("第四条　", 1)
    fourth, rest = rest.split("第五条　", 1)
    moved = f"{first}第二条　{fourth}第三条　{third}第四条　{second}第五条　{rest}"
    text, _, _ = _draft(OLD, moved)
    assert re.search(r"将(第[一二三四五六七八九十]+条)改为\1", text) is None, text
    assert "将第二条改为第四条" in text or "将第四条改为第二条" in text


def test_two_identical_versions_draft_no_decision() -> None:
    """Nothing differs: a clear error, not an empty decision."""
    with pytest.raises(DraftError, match="都相同"):
        draft_decision(parse_text(OLD), parse_text(OLD))


_OWN_NUMBER = re.compile(r"将(第[一二三四五六七八九十百]+条)改为\1(?!之)")
_QUOTED = re.compile(r"“([^“”]*)”(修改为|改为)“([^“”]*)”|删去[^“。；]{0,12}“([^“”]*)”")


@pytest.mark.corpus
def test_no_drafted_item_leaves_a_quote_or_a_pointer_unclear(corpus_dir: Path) -> None:
    """On the 18 corpus pairs: 其中 follows a place named in its sentence, quotes keep titles whole
    and start at a phrase (not with 、，；的), a 款 named after an insertion says its new number."""
    problems: list[str] = []
    for old, new in _corpus_pairs(corpus_dir):
        decision = draft_decision(parse_file(old), parse_file(new))
        for item in decision.items:
            for paragraph in item.text.split("\n"):
                if _OWN_NUMBER.search(paragraph):
                    problems.append(f"{old.stem} {item.label} 改为同一条: {paragraph[:40]}")
                if re.search(r"(?:^|[；“])其中", paragraph):
                    problems.append(f"{old.stem} {item.label} 其中: {paragraph[:40]}")
                for m in _QUOTED.finditer(paragraph):
                    for quote in (m.group(1), m.group(3), m.group(4)):
                        if quote and quote.count("《") != quote.count("》"):
                            problems.append(f"{old.stem} {item.label} title cut: {quote}")
                    for quote in (m.group(1), m.group(3)):
                        if quote and quote[0] in "、，；：的之":
                            problems.append(f"{old.stem} {item.label} loose: {quote}")
    assert problems == []


def _corpus_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    groups: dict[str, list[Path]] = {}
    for path in sorted((corpus / "versions").glob("*.md")):
        groups.setdefault(re.sub(r"\(\d{4}-\d\d-\d\d\)\.md$", "", path.name), []).append(path)
    pairs = [(paths[0], paths[1]) for paths in groups.values()]
    assert len(pairs) == 18
    return pairs
