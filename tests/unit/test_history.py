"""The timeline of one article across the four review rounds."""

from __future__ import annotations

import pytest

from tests.support.trees import BASE, make_doc
from workbench.diff import article_history, new_side, old_side
from workbench.errors import WorkbenchError
from workbench.model import Document, Node, articles, renumber


def _with_articles(doc: Document, arts: list[Node]) -> Document:
    """``doc`` with its (top-level) articles replaced; uids kept, so it descends from ``doc``."""
    return renumber(doc.model_copy(update={"children": tuple(arts)}))


def _reword(art: Node, text: str) -> Node:
    para = art.children[0].model_copy(update={"text": text})
    return art.model_copy(update={"children": (para, *art.children[1:])})


def test_history_follows_an_article_through_four_rounds() -> None:
    """Initial, renumbered after an insertion, modified, then deleted: one step per version."""
    v1 = make_doc(BASE[:6])
    extra = make_doc(["各级人民政府应当支持社区养老服务设施建设，提供场地、资金等保障。"], seed=7)
    v2 = _with_articles(v1, [articles(extra)[0], *articles(v1)])
    arts = articles(v2)
    target = arts[3]
    v3 = _with_articles(
        v2,
        [*arts[:3], _reword(target, "居家养老服务应当坚持政府主导、社会参与的原则。"), *arts[4:]],
    )
    v4 = _with_articles(v3, [a for a in articles(v3) if a.uid != target.uid])
    history = article_history(
        target.uid, [("立项前", v1), ("初审前", v2), ("二审前", v3), ("表决前", v4)]
    )
    assert [s.status for s in history.steps] == ["initial", "renumbered", "modified", "deleted"]
    assert [s.labels for s in history.steps] == [("第三条",), ("第四条",), ("第四条",), ()]
    modified = history.steps[2]
    assert old_side(modified.hunks) == history.steps[1].text
    assert new_side(modified.hunks) == "居家养老服务应当坚持政府主导、社会参与的原则。"
    assert [s.version for s in history.changes] == ["初审前", "二审前", "表决前"]


def test_history_marks_versions_before_the_article_existed_absent() -> None:
    """An article added in the second round is absent in the first, then added."""
    v1 = make_doc(BASE[:4])
    extra = make_doc(["鼓励慈善组织参与居家养老服务。"], seed=5)
    v2 = _with_articles(v1, [*articles(v1), articles(extra)[0]])
    history = article_history(articles(extra)[0].uid, [("立项前", v1), ("初审前", v2)])
    assert [s.status for s in history.steps] == ["absent", "added"]
    assert history.steps[1].hunks[0].op == "insert"


def test_history_follows_a_split_without_shared_uids() -> None:
    """A version imported without uids still continues the article: it was split in two."""
    v1 = make_doc(BASE)
    first, second = BASE[4].split("\n")
    v2 = make_doc([*BASE[:4], first, second, *BASE[5:]], seed=3)
    history = article_history(articles(v1)[4].uid, [("初审前", v1), ("二审前", v2)])
    assert history.steps[1].status == "split"
    assert history.steps[1].labels == ("第五条", "第六条")


def test_history_of_an_unknown_uid_is_an_error() -> None:
    """Asking for a uid no version holds raises a WorkbenchError with a Chinese message."""
    with pytest.raises(WorkbenchError, match="没有哪个版本"):
        article_history("nunknownuid00", [("立项前", make_doc(BASE[:2]))])
