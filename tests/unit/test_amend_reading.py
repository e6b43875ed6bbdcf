"""Reading 修改决定: every item of every real decision is understood or manual, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.amend import kind_name, read_decision, read_decision_file
from workbench.amend.operations import InsertUnits, Replace, Words


def _ops(text: str) -> list[str]:
    decision = read_decision(f"关于修改《测试条例》的决定\n\n{text}\n")
    return [kind_name(op) for item in decision.items for op in item.operations]


@pytest.mark.corpus
def test_every_item_of_every_corpus_decision_is_understood_or_manual(corpus_dir: Path) -> None:
    """No numbered item of the eight real decisions is left unrecognised."""
    counted = 0
    unrecognised: list[str] = []
    for path in sorted((corpus_dir / "amendments").glob("*.md")):
        decision = read_decision_file(path)
        for item in decision.items:
            counted += 1
            assert item.status in ("understood", "manual", "unrecognised")
            if item.status == "unrecognised":
                unrecognised.append(f"{path.name[:20]} {item.label}: {item.message}")
            if item.status == "manual":
                assert item.message, f"{path.name} {item.label} is manual without a reason"
    assert counted > 370
    assert unrecognised == []


@pytest.mark.corpus
def test_the_shanghai_decision_reads_as_twenty_understood_items(corpus_dir: Path) -> None:
    """The 上海 decision: unquoted new text, 改为…增加一款, closing clauses."""
    path = next((corpus_dir / "amendments").glob("上海*"))
    decision = read_decision_file(path)
    assert [item.label for item in decision.items][:3] == ["一", "二", "三"]
    assert all(item.status == "understood" for item in decision.items)
    assert decision.parts[0].instrument == "上海市人民代表大会常务委员会规范性文件备案审查条例"
    seventh = decision.items[6]
    assert [kind_name(op) for op in seventh.operations] == ["renumber_article", "insert_paragraph"]
    closing = decision.closing
    assert closing.reorder
    assert closing.unitemised == "对法规的一些文字作了修改"
    assert closing.effective == "本决定自2024年12月1日起施行。"


@pytest.mark.corpus
def test_a_decision_amending_several_instruments_is_split_into_parts(corpus_dir: Path) -> None:
    """The 最高人民法院 package of 27 and the 宽甸 修正案 of three have a part per instrument."""
    package = read_decision_file(next((corpus_dir / "amendments").glob("*二十七件*")))
    assert len(package.parts) == 27
    assert package.parts[1].instrument == "最高人民法院关于审理矿业权纠纷案件适用法律若干问题的解释"
    assert package.parts[1].items[0].label == "二.1"
    kuandian = read_decision_file(next((corpus_dir / "amendments").glob("*宽甸*")))
    assert [p.instrument for p in kuandian.parts][2] == "宽甸满族自治县城市供水用水条例"
    assert kuandian.parts[0].intro == ("原《条例》共二十条，修正后条目不变。",)


@pytest.mark.corpus
def test_the_constitution_amendment_keeps_its_embedded_articles_in_one_item(
    corpus_dir: Path,
) -> None:
    """宪法修正案 第五十二条 quotes a 节 and five articles: they stay inside that item."""
    decision = read_decision_file(next((corpus_dir / "amendments").glob("*宪法修正案*")))
    labels = [item.label for item in decision.items]
    assert labels[0] == "第三十二条"
    assert labels[-1] == "第五十二条"
    assert len(labels) == 21
    last = decision.items[-1]
    kinds = [kind_name(op) for op in last.operations]
    assert kinds[:2] == ["insert_section", "insert_article"]
    insert = last.operations[1]
    assert isinstance(insert, InsertUnits)
    assert insert.numbers == (123, 124, 125, 126, 127)


def test_multi_paragraph_quotes_open_every_paragraph_and_close_once() -> None:
    """The official quoting rule gives one block of several paragraphs (§4.2 rule 2)."""
    decision = read_decision(
        "关于修改《测试条例》的决定\n\n一、将第十条修改为：“经营者不得拒绝退货，但下列商品除外：\n\n“（一）消费者定作的；"
        "\n\n“（二）鲜活易腐的。\n\n“其他情形按照约定。”\n"
    )
    (op,) = decision.items[0].operations
    assert isinstance(op, Replace)
    assert op.text == (
        "经营者不得拒绝退货，但下列商品除外：",
        "（一）消费者定作的；",
        "（二）鲜活易腐的。",
        "其他情形按照约定。",
    )


def test_catalogue_forms_read_as_their_operations() -> None:
    """The forms of §4.2 (A–P) and the local variants of the corpus each read as one kind."""
    cases = {
        "一、将第三条改为第九条，修改为：“甲。”": ["renumber_article", "replace_article"],
        "一、增加两条，作为第三条、第四条：“第三条　甲。”\n\n“第四条　乙。”": ["insert_article"],
        "一、将第四条改为第十条，删去第一款。": ["renumber_article", "delete_paragraph"],
        "一、删去第二十八条。": ["delete_article"],
        "一、将第二十二条和第二十三条合并，作为第三十三条。": ["merge_articles"],
        "一、将“常务委员会主任会议”统一修改为“主任会议”。": ["replace_everywhere"],
        "一、将第三十九条改为第四十五条第一款。": ["demote_article"],
        "一、将第五条改为两条，分别作为第五条、第六条，修改为：“第五条　甲。”\n\n“第六条　乙。”": [
            "split_article"
        ],
        "一、将第三章的章名修改为“审查”。": ["rename_chapter"],
        "一、在第十三条后增加一条，作为第十三条之一：“甲。”": ["insert_article"],
        "一、删去第八条第一款末尾的“但甲”和第二款末尾的“但乙”。": ["delete_words", "delete_words"],
        "一、将第六条改为第十四条、第十六条改为二十四条。": [
            "renumber_article",
            "renumber_article",
        ],
    }
    for text, kinds in cases.items():
        assert _ops(text) == kinds, text


def test_a_clause_that_names_no_place_is_manual_with_the_reason() -> None:
    """在其中增加“…” without an article before it cannot be placed: manual, not guessed."""
    decision = read_decision("关于修改《测试条例》的决定\n\n一、在其中增加“定期”。\n")
    item = decision.items[0]
    assert item.status == "manual"
    assert item.message is not None
    assert "没有写明" in item.message


def test_words_that_match_no_form_are_reported_unrecognised_with_the_item() -> None:
    """An item of words no form reads is kept, marked unrecognised, its words quoted."""
    decision = read_decision("关于修改《测试条例》的决定\n\n一、天气晴朗。\n\n二、删去第五条。\n")
    first, second = decision.items
    assert (first.label, first.status) == ("一", "unrecognised")
    assert first.message is not None
    assert "天气晴朗" in first.message
    assert second.status == "understood"


def test_phrase_edits_keep_their_place_and_subject() -> None:
    """将第九条第一款中的…；同时，将第二款中的… : the second 款 is 第九条's."""
    decision = read_decision(
        "关于修改《测试条例》的决定\n\n一、将第九条第一款中的“甲”，修改为“乙”。同时，将第二款中的“第七条”修改为“第六条”。\n"
    )
    ops = decision.items[0].operations
    assert all(isinstance(op, Words) for op in ops)
    targets = [op.target.label for op in ops if isinstance(op, Words) and op.target]
    assert targets == ["第九条第一款", "第九条第二款"]
