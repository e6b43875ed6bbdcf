"""Drafting then applying: draft(OLD, NEW) applied to OLD gives NEW exactly, with no manual item.

On the 18 real version pairs of the corpus and on synthetic revisions made with the edit layer
(inserts, deletes, moves, splits, merges, phrase edits, renumbering, chapters). The drafted text
is read back from its words (not from the operations that made it), as a received decision is.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench import edit
from workbench.amend import apply_decision, decision_text, draft_decision, read_decision
from workbench.amend.quotes import tokenize
from workbench.errors import EditError
from workbench.model import Document, UidFactory, articles
from workbench.parse import parse_file, parse_text
from workbench.refs import DocIndex
from workbench.render import render_text

BASE = """测试条例

第一章　总则

第一条　为了规范城市管理，依照本条例第五条、第八条的规定，制定本条例。

第二条　本条例适用于本市行政区域内的城市管理活动。

第三条　市人民政府统一领导城市管理工作。

区人民政府负责本辖区的城市管理工作。

第二章　职责

第四条　城市管理部门应当履行下列职责：

（一）编制城市管理规划；

（二）组织实施城市管理执法；

（三）法律、法规规定的其他职责。

第五条　有关部门按照各自职责，做好城市管理相关工作。

第六条　街道办事处协助做好城市管理工作。

第三章　法律责任

第七条　违反本条例第四条第一项规定的，由城市管理部门责令改正。

第八条　违反本条例规定，情节严重的，处一万元以上五万元以下罚款。

对单位直接负责的主管人员，依法给予处分。

第九条　本条例自2025年1月1日起施行。
"""


def _body(doc: Document) -> str:
    return render_text(doc.model_copy(update={"note": ""}))


def _round_trip(old: Document, new: Document) -> tuple[str, list[str]]:
    decision = draft_decision(old, new)
    text = decision_text(decision)
    applied = apply_decision(read_decision(text), old)
    problems = [
        f"{o.item} {o.kind} {o.status} {o.message}"
        for o in applied.outcomes
        if o.status != "applied"
    ]
    assert _body(applied.document) == _body(new), text
    return text, problems


def _corpus_pairs(corpus: Path) -> list[tuple[str, Path, Path]]:
    groups: defaultdict[str, list[Path]] = defaultdict(list)
    for path in sorted((corpus / "versions").glob("*.md")):
        groups[re.sub(r"\(\d{4}-\d\d-\d\d\)\.md$", "", path.name)].append(path)
    return [(title, *sorted(paths)) for title, paths in groups.items()]  # type: ignore[misc]


@pytest.mark.corpus
def test_every_corpus_version_pair_round_trips_without_a_manual_item(corpus_dir: Path) -> None:
    """All 18 pairs: the drafted decision, read and applied, gives the new version exactly."""
    pairs = _corpus_pairs(corpus_dir)
    assert len(pairs) == 18
    for title, first, second in pairs:
        _, problems = _round_trip(parse_file(first), parse_file(second))
        assert problems == [], title


def _base() -> Document:
    return parse_text(BASE, uids=UidFactory(7))


Revision = Callable[[Document, UidFactory], Document]


def _art(doc: Document, n: int) -> str:
    return articles(doc)[n - 1].uid


def _para(doc: Document, n: int, k: int) -> str:
    return articles(doc)[n - 1].children[k - 1].uid


REVISIONS: dict[str, Revision] = {
    "insert an article": lambda d, u: (
        edit.insert_article(
            d, "市人民政府应当加强城市管理信息化建设。", uids=u, after=_art(d, 3)
        ).document
    ),
    "delete an article": lambda d, u: edit.delete(d, _art(d, 6)).document,
    "move an article": lambda d, u: edit.move(d, _art(d, 6), after=_art(d, 2)).document,
    "split an article": lambda d, u: edit.split(d, _art(d, 3), 2, uids=u).document,
    "merge two articles": lambda d, u: edit.merge(d, _art(d, 5), _art(d, 6)).document,
    "edit a phrase": lambda d, u: (
        edit.replace_text(
            d, _para(d, 2, 1), "本条例适用于本市行政区域内的城市管理及其监督活动。"
        ).document
    ),
    "add a paragraph": lambda d, u: (
        edit.insert_paragraph(
            d, "城市管理部门应当公开执法信息。", uids=u, parent=_art(d, 4)
        ).document
    ),
    "add an item": lambda d, u: (
        edit.insert_item(
            d, "开展城市管理宣传；", uids=u, after=articles(d)[3].children[0].children[1].uid
        ).document
    ),
    "delete a paragraph": lambda d, u: edit.delete(d, _para(d, 8, 2)).document,
    "rename a chapter": lambda d, u: (
        edit.rename(d, next(n.uid for n in d.children if n.heading == "职责"), "部门职责").document
    ),
    "add a section": lambda d, u: (
        edit.insert_section(d, "协作配合", uids=u, wrap=(_art(d, 5), _art(d, 6))).document
    ),
}


@pytest.mark.parametrize("name", sorted(REVISIONS))
def test_each_kind_of_revision_round_trips(name: str) -> None:
    """One structural or textual change, drafted and applied back, gives the revised text."""
    old = _base()
    new = REVISIONS[name](old, UidFactory(11))
    _, problems = _round_trip(old, new)
    assert problems == []


def test_random_combinations_of_revisions_round_trip() -> None:
    """Several revisions stacked (seeded), with renumbering and rewritten citations."""
    names = sorted(REVISIONS)
    for seed in range(12):
        rng = random.Random(seed)
        old = _base()
        new = old
        uids = UidFactory(100 + seed)
        for name in rng.sample(names, 3):
            try:
                new = REVISIONS[name](new, uids)
            except (EditError, IndexError, StopIteration):
                continue
        _, problems = _round_trip(old, new)
        assert problems == [], seed


# -- the grammar of what is drafted ----------------------------------------------------------

_P = r"(?:第[零一二三四五六七八九十百千]+(?:章|节|条(?:之[一二三四五六七八九十]+)?|款|项|目))+"
_L = rf"{_P}(?:(?:、|和|至){_P})*"
_Q = "\x01\\d+\x02"
_B = "(?:\x03\\d+\x04|\x01\\d+\x02)"
_N = "[一两三四五六七八九十]+"
CATALOGUE: dict[str, str] = {
    "A 修改整条": rf"(?:将{_P})?修改为：{_B}",
    "B/I 修改款、项": rf"(?:将)?{_P}修改为：{_B}",
    "C 改为第X条": rf"将{_P}改为{_P}",
    "C 改为第X条，修改为": rf"将{_P}改为{_P}，修改为：{_B}",
    "H 款、项改为第Y款、项": rf"{_L}改为{_L}",
    "H 款、项改为第Y款、项，修改为": rf"{_L}改为{_L}，修改为：{_B}",
    "D/M 修改文字": rf"(?:将)?(?:{_P}中的|其中的)?{_Q}修改为{_Q}",
    "删去文字": rf"删去(?:{_P}中的|其中的)?{_Q}",
    "增加文字": rf"在(?:{_P}中的|其中的)?{_Q}[前后]增加{_Q}",
    "E/F 增加条": rf"(?:在{_P}[后中])?增加{_N}条，(?:分别)?作为{_L}：{_B}",
    "G 增加款": rf"(?:在{_P}中)?增加{_N}款，作为{_P}：{_B}",
    "I 增加项": rf"(?:在)?(?:{_P})?(?:中)?增加{_N}(?:项|目)，作为{_P}：{_B}",
    "J 合并": rf"将{_P}(?:和{_P})+合并，作为{_P}(?:，修改为：{_B})?",
    "拆分": rf"将{_P}改为{_N}条，分别作为{_L}，修改为：{_B}",
    "L 删去": rf"删去{_L}",
    "章节名": rf"将{_P}的(?:章名|节名|编名)修改为{_Q}",
    "删去章节名": rf"删去{_P}(?:章名|节名|编名)",
    "增加章节": rf"增加一(?:章|节|编|分编){_Q}，包括{_P}(?:至{_P})?",
    "章节范围": rf"将{_P}调整为包括{_P}",
    "名称": rf"将名称修改为{_Q}",
}
_CLAUSE_START = re.compile(r"，(?=将|删去|增加|在|其中|第|\x01)")


def _clauses(item_text: str) -> list[str]:
    skeleton = tokenize(item_text.split("\n")).skeleton
    out: list[str] = []
    for sentence in re.split(r"[。；\n]", skeleton):
        out.extend(c for c in _CLAUSE_START.split(sentence.strip()) if c)
    return out


@pytest.mark.corpus
def test_drafted_items_use_only_the_forms_of_the_catalogue(corpus_dir: Path) -> None:
    """Every clause of every drafted item matches a form of §4.2 (old number on the left)."""
    patterns = {name: re.compile(p) for name, p in CATALOGUE.items()}
    seen: set[str] = set()
    odd: list[str] = []
    for title, first, second in _corpus_pairs(corpus_dir):
        decision = draft_decision(parse_file(first), parse_file(second))
        assert decision.preamble[0].endswith("作如下修改：")
        assert decision.closing.effective
        assert decision.closing.republish
        for item in decision.items:
            for clause in _clauses(item.text):
                names = [n for n, p in patterns.items() if p.fullmatch(clause)]
                if not names:
                    odd.append(f"{title} {item.label}: {clause}")
                seen.update(names)
    assert odd[:5] == []
    assert {"A 修改整条", "D/M 修改文字", "E/F 增加条", "L 删去", "J 合并", "拆分"} <= seen
    assert "H 款、项改为第Y款、项" in seen


def test_a_drafted_decision_states_new_numbers_and_closes_with_reordering() -> None:
    """An inserted article shifts the rest: the decision says 作为第四条 and 条文顺序作相应调整;
    at the end of a chapter it says which chapter it joins (在第一章中)."""
    old = _base()
    new = REVISIONS["insert an article"](old, UidFactory(3))
    text, _ = _round_trip(old, new)
    assert "一、在第一章中增加一条，作为第四条：“市人民政府应当加强城市管理信息化建设。”" in text
    assert "此外，对条文顺序作相应调整。" in text
    assert text.rstrip().endswith("《测试条例》根据本决定作相应修改，重新公布。")
    index = DocIndex(new)
    assert index.articles[3].children[0].text == "市人民政府应当加强城市管理信息化建设。"
