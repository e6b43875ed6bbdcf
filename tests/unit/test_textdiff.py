"""Character diffs inside a pair: round trip, the Chinese phrase cleanup, the representations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import (
    Hunk,
    diff_text,
    hunks_from_json,
    hunks_to_json,
    inline_markup,
    new_side,
    old_side,
    side_by_side,
    split_lines,
)


def _edits(hunks: tuple[Hunk, ...]) -> int:
    """How many separate edits (runs of deletions/insertions) a diff has."""
    count, inside = 0, False
    for h in hunks:
        if h.op != "equal" and not inside:
            count += 1
        inside = h.op != "equal"
    return count


def test_replaced_phrase_is_one_edit_not_scattered_characters() -> None:
    """人民政府 → 民政部门 shares 民/政 by chance; the cleanup shows one phrase replaced."""
    old, new = "由市人民政府规定", "由市民政部门制定"
    raw = diff_text(old, new, fold=False)
    clean = diff_text(old, new)
    assert _edits(raw) > 1
    assert inline_markup(clean) == "由市[-人民政府规-]{+民政部门制+}定"


def test_insertions_stay_separate_phrases() -> None:
    """Three separate insertions stay three insertions with the words between them unchanged."""
    hunks = diff_text(
        "县级以上人民政府应当加强对养老服务工作的领导",
        "县级以上地方人民政府应当加强对居家养老服务工作的统一领导",
    )
    assert [h.text for h in hunks if h.op == "insert"] == ["地方", "居家", "统一"]
    assert not [h for h in hunks if h.op == "delete"]


def test_punctuation_between_edits_is_kept_as_a_boundary() -> None:
    """An unchanged comma between two edits is not folded: each clause keeps its own edit."""
    hunks = diff_text("甲乙，丙丁", "戊己，庚辛")
    assert Hunk("equal", "，") in hunks


def test_identical_and_empty_texts() -> None:
    """Identical texts give one equal hunk; empty against text gives one insertion."""
    assert diff_text("本条例自公布之日起施行。", "本条例自公布之日起施行。") == (
        Hunk("equal", "本条例自公布之日起施行。"),
    )
    assert diff_text("", "新增一款。") == (Hunk("insert", "新增一款。"),)
    assert diff_text("", "") == ()


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="人民政府应当部门规定条例，。第十二三条款项", max_size=40),
    st.text(alphabet="人民政府应当部门规定条例，。第十二三条款项", max_size=40),
)
def test_hunks_rebuild_both_texts(old: str, new: str) -> None:
    """Whatever the texts, the equal+delete runs give the old text and equal+insert the new."""
    hunks = diff_text(old, new)
    assert (old_side(hunks), new_side(hunks)) == (old, new)


def test_side_by_side_and_lines() -> None:
    """The two sides hold only their own runs; lines split at paragraph breaks."""
    hunks = diff_text("第一款。\n第二款旧。", "第一款。\n第二款新。")
    sides = side_by_side(hunks)
    assert {h.op for h in sides.old} == {"equal", "delete"}
    assert {h.op for h in sides.new} == {"equal", "insert"}
    lines = split_lines(sides.new)
    assert ["".join(h.text for h in line) for line in lines] == ["第一款。", "第二款新。"]


def test_json_round_trip() -> None:
    """hunks_to_json and hunks_from_json are inverse."""
    hunks = diff_text("由市人民政府规定", "由市民政部门制定")
    assert hunks_from_json(hunks_to_json(hunks)) == hunks


def test_a_real_phrase_between_edits_is_not_folded() -> None:
    """An unchanged run longer than the fold limit stays visible between two edits."""
    hunks = diff_text("甲应当依法履行监督管理职责乙", "丙应当依法履行监督管理职责丁")
    assert Hunk("equal", "应当依法履行监督管理职责") in hunks
