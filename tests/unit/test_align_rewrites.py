"""Real revisions: articles rewritten in place, split or merged with little text in common, and
links an applied decision declares (issue 15 item 6)."""

from __future__ import annotations

import pytest

from workbench.diff import Alignment, DeclaredLink, DeclaredLinkError, Pair, align_documents
from workbench.model import Document, articles
from workbench.parse import parse_text

HEAD = """某市养犬管理条例

第一条　为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会秩序，根据有关法律、法规，结合本市实际，制定本条例。

第二条　本条例适用于本市行政区域内犬只的饲养、经营和管理活动。
"""
TAIL = """
第{n}条　养犬人应当遵守法律、法规和社会公德，不得干扰他人正常生活，不得放任犬只恐吓、伤害他人。

第{m}条　本条例自2026年1月1日起施行。
"""


def _doc(middle: str, first_tail: int) -> Document:
    return parse_text(HEAD + middle + TAIL.format(n=_cn(first_tail), m=_cn(first_tail + 1)))


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else "十" + "一二三四五六七八九"[n - 11]


def _pair(al: Alignment, label: str, *, old: bool = True) -> Pair:
    return next(p for p in al.articles if label in (p.old_labels if old else p.new_labels))


def _uid(doc: Document, label: str) -> str:
    return next(a.uid for a in articles(doc) if a.num == label)


OLD_REWRITE = """
第三条　公安机关负责养犬登记和犬只收容工作，城市管理部门负责查处违法养犬行为。

第四条　区人民政府应当加强与街道办事处、居民委员会的工作联系，根据需要进行相关业务指导。

第五条　犬只经营场所应当符合动物防疫条件，并依法取得动物防疫条件合格证。
"""
NEW_REWRITE = """
第三条　公安机关负责养犬登记和犬只收容工作，城市管理部门负责查处违法养犬行为。

第四条　区人民政府应当加强对街道办事处、居民委员会文明养犬工作的联系和指导，采取召开座谈会、举办培训、开展案例交流等措施，推动基层提高养犬管理能力和水平。

第五条　犬只经营场所应当符合动物防疫条件，并依法取得动物防疫条件合格证。
"""


def test_an_article_rewritten_in_place_is_modified_not_deleted_and_added() -> None:
    """将第四条修改为…: same number, same neighbours, a shared core → one modified pair."""
    al = align_documents(_doc(OLD_REWRITE, 6), _doc(NEW_REWRITE, 6))
    pair = _pair(al, "第四条")
    assert (pair.kind, pair.new_labels) == ("modified", ("第四条",))
    assert [p.kind for p in al.articles].count("added") == 0


OLD_SPLIT = """
第三条　公安机关负责养犬登记和犬只收容工作。

第四条　养犬人应当为犬只办理登记，携带犬只出户时应当束犬链，由成年人牵领，主动避让老年人、残疾人、孕妇和儿童。

携带犬只乘坐电梯或者进入其他拥挤场所的，应当怀抱犬只或者收紧犬链，在犬只咬伤他人时立即送医救治。

第五条　犬只经营场所应当符合动物防疫条件。
"""
NEW_SPLIT = """
第三条　公安机关负责养犬登记和犬只收容工作。

第四条　养犬人应当为犬只办理登记，携带犬只出户时应当束犬链，由成年人牵领，主动避让老年人、残疾人、孕妇和儿童。

第五条　携带犬只乘坐电梯或者进入人员密集场所的，应当怀抱犬只；犬只咬伤他人的，养犬人应当立即将被伤害人送医救治，并垫付医疗费用。

第六条　犬只经营场所应当符合动物防疫条件。
"""


def test_a_split_whose_second_piece_shares_little_text_is_confirmed_by_its_place() -> None:
    """将第四条改为两条: the rewritten second half stands right after the first and carries
    wording only the old article had, so the pair is one split, not modified + added."""
    al = align_documents(_doc(OLD_SPLIT, 6), _doc(NEW_SPLIT, 7))
    pair = _pair(al, "第四条")
    assert (pair.kind, pair.new_labels) == ("split", ("第四条", "第五条"))


OLD_MERGE = """
第三条　养犬人应当每年为犬只接种狂犬病疫苗，取得免疫证明。

第四条　动物诊疗机构应当建立犬只免疫档案，如实记录接种情况，并按照规定向农业农村部门报送免疫数据。

第五条　犬只经营场所应当符合动物防疫条件。
"""
NEW_MERGE = """
第三条　养犬人应当每年为犬只接种狂犬病疫苗，取得免疫证明。动物诊疗机构应当如实记录接种情况，按照规定报送数据。

第四条　犬只经营场所应当符合动物防疫条件。
"""


def test_two_articles_merged_into_one_are_one_merge() -> None:
    """将第三条和第四条合并: the second article's remnant lies inside the merged article next
    to the first's partner, so both old articles go into one merged pair."""
    al = align_documents(_doc(OLD_MERGE, 6), _doc(NEW_MERGE, 5))
    pair = _pair(al, "第三条")
    assert (pair.kind, pair.old_labels, pair.new_labels) == (
        "merged",
        ("第三条", "第四条"),
        ("第三条",),
    )


def test_declared_links_override_what_the_texts_say() -> None:
    """A decision's links win: a rewrite with no text in common is modified, and an article the
    decision deletes stays deleted even if a new one reads the same."""
    old, new = _doc(OLD_REWRITE, 6), _doc(NEW_REWRITE, 6)
    new_text = NEW_REWRITE.replace(
        "区人民政府应当加强对街道办事处、居民委员会文明养犬工作的联系和指导",
        "鼓励志愿者参与",
    )
    new = _doc(new_text, 6)
    declared = [
        DeclaredLink("modified", (_uid(old, "第四条"),), (_uid(new, "第四条"),), item="二"),
        DeclaredLink("deleted", (_uid(old, "第五条"),), (), item="三"),
        DeclaredLink("added", (), (_uid(new, "第五条"),), item="四"),
    ]
    al = align_documents(old, new, declared=declared)
    rewritten = _pair(al, "第四条")
    assert (rewritten.kind, rewritten.item) == ("modified", "二")
    assert (_pair(al, "第五条").kind, _pair(al, "第五条").item) == ("deleted", "三")
    assert (_pair(al, "第五条", old=False).kind, _pair(al, "第五条", old=False).item) == (
        "added",
        "四",
    )
    assert _pair(al, "第三条").item == ""


def test_a_declared_split_is_kept_whole() -> None:
    """改为两条 declared: one split pair with both new articles, even with nothing in common."""
    old, new = _doc(OLD_SPLIT, 6), _doc(NEW_SPLIT, 7)
    link = DeclaredLink(
        "split", (_uid(old, "第五条"),), (_uid(new, "第五条"), _uid(new, "第六条")), item="七"
    )
    al = align_documents(old, new, declared=[link])
    pair = _pair(al, "第五条")
    assert (pair.kind, pair.new_labels, pair.item) == ("split", ("第五条", "第六条"), "七")


@pytest.mark.parametrize(
    ("kind", "olds", "news", "message"),
    [
        ("modified", ("a",), (), "新版本一侧有零条，应为一条"),
        ("split", ("a",), ("b",), "新版本一侧有一条，应为至少两条"),
        ("merged", ("a",), ("b",), "原版本一侧有一条，应为至少两条"),
        ("added", ("a",), ("b",), "原版本一侧有一条，应为零条"),
    ],
)
def test_a_declared_link_of_the_wrong_shape_is_refused(
    kind: str, olds: tuple[str, ...], news: tuple[str, ...], message: str
) -> None:
    """Each kind links a fixed number of articles on each side; the error says which."""
    with pytest.raises(DeclaredLinkError, match=message):
        DeclaredLink(kind, olds, news, item="一")  # type: ignore[arg-type]


def test_a_declared_link_to_an_unknown_or_repeated_article_is_refused() -> None:
    """A uid the version does not have, or one declared twice, is a Chinese error."""
    old, new = _doc(OLD_REWRITE, 6), _doc(NEW_REWRITE, 6)
    with pytest.raises(DeclaredLinkError, match="不在原版本中"):
        align_documents(old, new, declared=[DeclaredLink("deleted", ("nosuchuid",), ())])
    a = _uid(old, "第四条")
    twice = [DeclaredLink("deleted", (a,), (), item="一"), DeclaredLink("deleted", (a,), ())]
    with pytest.raises(DeclaredLinkError, match="重复声明"):
        align_documents(old, new, declared=twice)
