"""Every drafting check fires on a text that breaks its rule and stays silent on one that keeps it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.support.library import law, shelf
from workbench.check import RULES, Finding, Library, check_document, rule

LAW = "中华人民共和国示范法"

V2010 = """# 中华人民共和国示范法

第一条 为了示范，制定本法。

第二条 经营者应当公示价格。

第三条 经营者应当建立台账。

经营者应当保存台账三年。

第四条 违反本法第二条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。

第五条 地方各级人民政府应当组织示范评比活动，每年评选一次。

第六条 本法自2010年3月1日起施行。
"""

V2020 = """# 中华人民共和国示范法

第一条 为了规范示范活动，促进诚信经营，制定本法。

第二条 国家鼓励诚信经营，支持行业组织开展自律。

第三条 经营者应当公示价格。

第四条 经营者应当建立台账。

第五条 经营者应当保存台账三年。

第六条 违反本法第三条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。

第七条 本法自2020年3月1日起施行。
"""

BEFORE = date(2015, 1, 1)
"""A date between the two versions: a text of that day cites the 2010 numbers."""
AFTER = date(2021, 1, 1)


def library() -> Library:
    """The 示范法 in its 2010 and 2020 versions."""
    return shelf((LAW, date(2010, 1, 1), V2010), (LAW, date(2020, 1, 1), V2020))


def text(*articles: str, title: str = "某市示范条例", chapters: bool = False) -> str:
    """A regulation with one article per string (each may hold several lines: 款, 项)."""
    body = [f"第{_cn(i)}条 {a}" for i, a in enumerate(articles, 1)]
    if chapters:
        half = max(1, len(body) // 2)
        body = ["## 第一章 总则", *body[:half], "## 第二章 附则", *body[half:]]
    return f"# {title}\n\n" + "\n\n".join(body) + "\n"


def _cn(n: int) -> str:
    from workbench.numerals import to_cn

    return to_cn(n)


@dataclass(frozen=True)
class Case:
    """A text breaking a rule and one keeping it, with the date and library they are read at."""

    bad: str
    good: str
    at: date | None = None
    with_library: bool = False
    good_at: date | None = None
    """The good text's date, when it differs (a text after the revision cites the new numbers)."""


CLOSE = "本条例自2024年1月1日起施行。"

CASES: dict[str, Case] = {
    "numbering-gap": Case(
        bad="# 某市示范条例\n\n第一条 甲。\n\n第二条 乙。\n\n第四条 丙。\n",
        good=text("甲。", "乙。", "丙。"),
    ),
    "numbering-duplicate": Case(
        bad="# 某市示范条例\n\n第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n",
        good=text("甲。", "乙。", "丙。"),
    ),
    "empty-container": Case(
        bad="# 某市示范条例\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二章 管理\n\n## 第三章 附则\n\n第二条 乙。\n",
        good="# 某市示范条例\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二章 附则\n\n第二条 乙。\n",
    ),
    "chapters-in-short-text": Case(
        bad=text("为了示范，制定本条例。", "本条例适用于本市。", CLOSE, chapters=True),
        good=text("为了示范，制定本条例。", "本条例适用于本市。", CLOSE),
    ),
    "dangling-reference": Case(
        bad=text("违反本条例第九条规定的，责令改正。", CLOSE),
        good=text("违反本条例第二条规定的，责令改正。", CLOSE),
    ),
    "self-citation": Case(
        bad=text("经营者应当公示价格。\n\n违反本条例第一条第一款规定的，责令改正。", CLOSE),
        good=text("经营者应当公示价格。\n\n违反前款规定的，责令改正。", CLOSE),
    ),
    "citation-form": Case(
        bad=text(
            "下列事项应当公示：\n\n（一）价格；\n\n（二）服务。",
            "本条例第一条第一款第二项所列事项，应当每月更新。",
        ),
        good=text(
            "下列事项应当公示：\n\n（一）价格；\n\n（二）服务。",
            "本条例第一条第二项所列事项，应当每月更新。",
        ),
    ),
    "unknown-instrument": Case(
        bad=text("依照《中华人民共和国未收录法》第十条执行。", CLOSE),
        good=text("依照《中华人民共和国示范法》第三条执行。", CLOSE),
        at=AFTER,
        with_library=True,
    ),
    "missing-external-provision": Case(
        bad=text("依照《中华人民共和国示范法》第九条执行。", CLOSE),
        good=text("依照《中华人民共和国示范法》第六条执行。", CLOSE),
        at=BEFORE,
        with_library=True,
    ),
    "stale-external-citation": Case(
        bad=text("经营者依照《中华人民共和国示范法》第二条公示价格。", CLOSE),
        good=text("经营者依照《中华人民共和国示范法》第三条公示价格。", CLOSE),
        at=BEFORE,
        with_library=True,
        good_at=AFTER,
    ),
    "penalty-beyond-upper-law": Case(
        bad=text("违反《中华人民共和国示范法》第三条规定的，处五千元以上五万元以下罚款。", CLOSE),
        good=text("违反《中华人民共和国示范法》第三条规定的，处二千元以上八千元以下罚款。", CLOSE),
        at=AFTER,
        with_library=True,
    ),
    "item-punctuation": Case(
        bad=text("下列事项应当公示：\n\n（一）价格。\n\n（二）服务；", CLOSE),
        good=text("下列事项应当公示：\n\n（一）价格；\n\n（二）服务。", CLOSE),
    ),
    "item-lead-in": Case(
        bad=text("下列事项应当公示。\n\n（一）价格；\n\n（二）服务。", CLOSE),
        good=text("下列事项应当公示：\n\n（一）价格；\n\n（二）服务。", CLOSE),
    ),
    "paragraph-punctuation": Case(
        bad=text("经营者应当公示价格", CLOSE),
        good=text("经营者应当公示价格。", CLOSE),
    ),
    "proviso-form": Case(
        bad=text("经营者应当公示价格，但是，法律另有规定除外。", CLOSE),
        good=text("经营者应当公示价格，但是法律另有规定的除外。", CLOSE),
    ),
}


def _run(source: str, case: Case, rule_id: str, at: date | None) -> list[Finding]:
    lib = library() if case.with_library else None
    return check_document(law(source), library=lib, at=at, rules=(rule(rule_id),))


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    """A rule added without cases fails here."""
    assert {r.id for r in RULES} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_finds_its_case(rule_id: str) -> None:
    """The text breaking the rule gets a finding of that rule, with a clause and a message."""
    case = CASES[rule_id]
    found = _run(case.bad, case, rule_id, case.at)
    assert found, f"{rule_id} found nothing"
    assert all(f.rule == rule_id and f.message for f in found)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_silent_on_a_text_that_keeps_it(rule_id: str) -> None:
    """The text keeping the rule gets no finding of it."""
    case = CASES[rule_id]
    assert _run(case.good, case, rule_id, case.good_at or case.at) == []


def test_findings_name_the_clause_and_come_in_document_order() -> None:
    """Where is the clause as cited (第二条第二款); findings follow the text."""
    source = text(
        "经营者应当公示价格",
        "下列事项应当公示：\n\n（一）价格。\n\n（二）服务；\n\n违反本条例第九条规定的，责令改正。",
    )
    found = check_document(law(source))
    assert [(f.rule, f.where) for f in found] == [
        ("paragraph-punctuation", "第一条"),
        ("item-punctuation", "第二条第一款第一项"),
        ("dangling-reference", "第二条第二款"),
    ]
    assert found[2].severity == "error"


def test_numbering_gap_names_the_missing_numbers_and_the_fix() -> None:
    """第十七条 after 第十五条: 第十六条 is missing; renumbering is suggested."""
    source = "# 某市示范条例\n\n第一条 甲。\n\n第二条 乙。\n\n第五条 丙。\n"
    [finding] = check_document(law(source), rules=(rule("numbering-gap"),))
    assert finding.where == "第五条"
    assert finding.message == "第五条接在第二条之后，缺少第三条、第四条"
    assert finding.suggestion is not None
    assert "第五条起依次改为第三条起" in finding.suggestion


def test_self_citation_suggests_the_relative_form() -> None:
    """本条例第一条第一款 inside 第一条第二款 is 前款; the article itself is 本条."""
    source = text(
        "经营者应当公示价格。\n\n违反本条例第一条第一款规定的，责令改正。\n\n本条例第一条的规定适用于个体工商户。"
    )
    found = check_document(law(source), rules=(rule("self-citation"),))
    assert [(f.where, f.suggestion) for f in found] == [
        ("第一条第二款", "改为“前款”"),
        ("第一条第三款", "改为“本条”"),
    ]


def test_all_items_ending_with_a_full_stop_are_valid() -> None:
    """Every item a full sentence (增值税法第十条): no item-punctuation finding."""
    source = text("下列事项应当公示：\n\n（一）价格应当公示。\n\n（二）服务应当公示。", CLOSE)
    assert check_document(law(source), rules=(rule("item-punctuation"),)) == []


def test_a_part_of_a_code_does_not_judge_what_lies_before_it() -> None:
    """A file starting at 第四百六十三条 (合同编) may cite 本法第一百四十二条; not 第九百条."""
    source = (
        "# 中华人民共和国民法典\n\n第四百六十三条 本编调整因合同产生的民事关系。\n\n"
        "第四百六十四条 依照本法第一百四十二条第一款的规定解释；参照本法第九百条。\n"
    )
    found = check_document(law(source), rules=(rule("dangling-reference"),))
    assert [f.message for f in found] == [
        "“本法第九百条”无法对应到本文件的条款：本文件没有第九百条"
    ]


def test_a_deleted_article_keeping_its_number_is_not_an_unfinished_sentence() -> None:
    """刑法第一百九十九条（删去）: the placeholder has no full stop and needs none."""
    source = text("经营者应当公示价格。", "（删去）", CLOSE)
    assert check_document(law(source), rules=(rule("paragraph-punctuation"),)) == []
    unfinished = text("经营者应当公示价格。", "删去经营者的登记", CLOSE)
    assert [f.where for f in check_document(law(unfinished))] == ["第二条"]


CODE_PART = """# 中华人民共和国民法典

# 总则

第一条 为了保护民事主体的合法权益，制定本法。

第二条 被撤销死亡宣告的人有权请求依照本法第六编取得其财产的民事主体返还财产。

第三条 非法人组织参照适用本编第三章第一节的有关规定。

第四条 依照本法第九条的规定处理。
"""


def test_a_code_part_named_before_its_articles_cites_the_rest_of_the_code() -> None:
    """民法典·总则 in a file of its own: 本法第六编 lies outside it; its own 第九条 does not."""
    found = check_document(law(CODE_PART), rules=(rule("dangling-reference"),))
    assert [(f.where, f.message) for f in found] == [
        ("第四条", "“本法第九条”无法对应到本文件的条款：本文件没有第九条")
    ]
    whole = CODE_PART.replace("# 总则\n\n", "")
    found = check_document(law(whole), rules=(rule("dangling-reference"),))
    assert [f.where for f in found] == ["第二条", "第三条", "第四条"]


AMENDMENT = """# 中华人民共和国宪法修正案（2018年）

第三十二条 宪法第一条第二款后增写一句。

第三十三条 宪法第三章“国家机构”中增加一节，作为第七节“监察委员会”；增加两条，分别作为第一百二十三条、第一百二十四条。内容如下：

第七节 监察委员会

第一百二十三条 中华人民共和国各级监察委员会是国家的监察机关。

第一百二十四条 中华人民共和国设立国家监察委员会和地方各级监察委员会。
"""

_STRUCTURE = ("numbering-gap", "numbering-duplicate", "empty-container", "chapters-in-short-text")


def test_an_amendment_quotes_the_headings_and_articles_it_adds() -> None:
    """第七节 and 第一百二十三条 quoted in a 修正案 are not its own sequence; its own gaps are."""
    rules = tuple(rule(r) for r in _STRUCTURE)
    assert check_document(law(AMENDMENT), rules=rules) == []
    gap = AMENDMENT.replace("第三十三条 宪法第三章", "第三十五条 宪法第三章")
    assert [f.message for f in check_document(law(gap), rules=rules)] == [
        "第三十五条接在第三十二条之后，缺少第三十三条、第三十四条"
    ]
    plain = AMENDMENT.replace("宪法修正案（2018年）", "某市示范条例")
    assert {f.rule for f in check_document(law(plain), rules=rules)} == {"numbering-gap"}


NESTED = text(
    "申请首次登记应当提交下列文件：\n\n（一）登记申请书；\n\n（二）土地权属证明，包括：\n\n"
    "1.以出让方式取得的，应当提交：\n\n（1）土地使用合同书；\n\n（2）付清地价款证明；\n\n"
    "2.以划拨方式取得的，应当提交：\n\n（1）批准用地文件；\n\n（2）用地红线图；\n\n"
    "3.以其他方式取得的，应当提交有关证明文件；\n\n（三）测绘报告。",
    CLOSE,
)


def test_a_list_below_a_subitem_is_its_own_run() -> None:
    """（1）（2） under 1. and again under 2.: no duplicate 目, and 1. rightly ends with a colon."""
    rules = (rule("numbering-duplicate"), rule("numbering-gap"), rule("item-punctuation"))
    assert check_document(law(NESTED), rules=rules) == []
    repeated = NESTED.replace("（2）用地红线图", "（1）用地红线图")
    [duplicate] = check_document(law(repeated), rules=rules)
    assert (duplicate.rule, duplicate.message) == (
        "numbering-duplicate",
        "第1目重复：前面已有第1目",
    )
    flat = NESTED.replace("（1）", "4.").replace("（2）", "5.")
    assert {f.rule for f in check_document(law(flat), rules=rules)} >= {"numbering-duplicate"}


def test_a_subitem_label_with_a_full_width_point_is_the_same_list() -> None:
    """8. then 9． (济南市城市建设档案管理规定第六条): one run of 目, not a list below 8."""
    source = text(
        "下列档案：\n\n（一）工程档案：\n\n1.建筑工程；\n\n2．市政工程；\n\n（二）基础资料。", CLOSE
    )
    rules = (rule("numbering-gap"), rule("item-punctuation"))
    assert check_document(law(source), rules=rules) == []


def test_a_lead_in_ending_with_a_semicolon_is_told_to_end_with_a_colon() -> None:
    """The suggestion names the mark the text has (；), not a full stop it does not have."""
    source = text("下列事项应当公示；\n\n（一）价格；\n\n（二）服务。", CLOSE)
    [finding] = check_document(law(source), rules=(rule("item-lead-in"),))
    assert finding.suggestion == "把句末的“；”改为“：”"


def test_stale_citations_name_the_move_the_split_and_the_deletion() -> None:
    """示范法 2010 → 2020: 第二条 → 第三条, 第三条 split into 第四条、第五条, 第五条 deleted."""
    source = text(
        "经营者依照《中华人民共和国示范法》第二条公示价格。",
        "经营者依照示范法第三条建立并保存台账。",
        "依照《中华人民共和国示范法》第五条组织评比。",
        CLOSE,
    )
    found = check_document(
        law(source), library=library(), at=BEFORE, rules=(rule("stale-external-citation"),)
    )
    assert [(f.where, f.suggestion) for f in found] == [
        ("第一条", "第二条 → 第三条"),
        ("第二条", "拆分为第四条、第五条：按所引内容改引其中的条文"),
        ("第三条", "删去该引用，或改引修改后的相应条文"),
    ]
    assert "原第三条已拆分为第四条、第五条" in found[1].message
    assert "原第五条已删除" in found[2].message


def test_an_item_ending_with_a_word_has_no_punctuation() -> None:
    """（四）未经依法批准在饮用水水源保护区取水: told it has no mark, not that it ends with 水."""
    source = text("下列行为应当禁止：\n\n（一）取水；\n\n（二）排污\n\n（三）其他行为。", CLOSE)
    [finding] = check_document(law(source), rules=(rule("item-punctuation"),))
    assert finding.message == "项（二）没有标点，按规范应以“；”结尾"


def test_a_list_begun_before_the_clause_is_not_its_lead_in() -> None:
    """Items lost their numbers (深圳…人工智能产业促进条例第六十五条): the clause before （三） is
    one of them; numbering-gap reports the lost numbers, item-lead-in says nothing."""
    source = text(
        "委员会履行下列职责：\n\n研究制定伦理规范；\n\n建立健全管理制度；\n\n（三）分析研判影响；\n\n"
        "（四）发布实践指南。",
        CLOSE,
    )
    found = check_document(law(source), rules=(rule("item-lead-in"), rule("numbering-gap")))
    assert [(f.rule, f.where) for f in found] == [("numbering-gap", "第一条第三款第三项")]


def test_a_gap_after_headings_without_numbers_says_so() -> None:
    """Two 章 headings without numbers, numbered by position, then 第五章 (青岛市胶州湾保护条例)."""
    source = (
        "# 某市示范条例\n\n## 第一章 总则\n\n第一条 甲。\n\n## 管理\n\n第二条 乙。\n\n"
        "## 监督\n\n第三条 丙。\n\n## 第五章 附则\n\n第四条 丁。\n"
    )
    [finding] = check_document(law(source), rules=(rule("numbering-gap"),))
    assert (finding.where, finding.message) == (
        "第五章",
        "第五章之前的章标题没有序号（已按位置补为第二章、第三章），与第五章接不上",
    )
    assert finding.suggestion == "核对原文：给没有序号的章标题补上序号，使各章序号依次表述"
    numbered = source.replace("## 管理", "## 第二章 管理").replace("## 监督", "## 第三章 监督")
    [finding] = check_document(law(numbered), rules=(rule("numbering-gap"),))
    assert finding.message == "第五章接在第三章之后，缺少第四章"
