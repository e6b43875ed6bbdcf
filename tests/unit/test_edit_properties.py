"""Property-based: random edit sequences on real regulations keep identity and references intact.

After every edit: uids are unique, old uids survive unless reported removed, numbering is
continuous (renumbering again changes nothing), and every internal reference still cites the
same nodes it cited before the edit (merged nodes cite their survivor; a range loses only
what was removed), its words rewritten where numbers moved; references to removed nodes are reported dangling.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.paths import CORPUS
from workbench.edit import (
    EditReport,
    EditResult,
    delete,
    dissolve,
    insert_article,
    insert_chapter,
    insert_item,
    insert_paragraph,
    merge,
    move,
    split,
)
from workbench.errors import EditError
from workbench.model import (
    Document,
    Node,
    UidFactory,
    articles,
    iter_nodes,
    iter_paths,
    renumber,
)
from workbench.numerals import article_label
from workbench.parse import parse_file
from workbench.refs import Reference, find_references

pytestmark = pytest.mark.corpus

FILES = (
    "local/北京市建设工程质量条例(2015-09-25).md",
    "local/郑州市城市市容和环境卫生管理条例(2020-08-05).md",
    "local/上海市司法鉴定管理条例(2019-12-19).md",
    "local/青岛市禁止焚烧抛撒丧葬祭奠物品规定(2020-07-24).md",
)


@cache
def _load(name: str) -> Document:
    return renumber(parse_file(CORPUS / name))


Edit = Callable[[Document], EditResult]


def _pick(data: st.DataObject, seq: list[Node], label: str) -> Node:
    return seq[data.draw(st.integers(0, len(seq) - 1), label=label)]


def _draw_edit(data: st.DataObject, doc: Document, uids: UidFactory) -> Edit:
    arts = articles(doc)
    paras = [p for a in arts for p in a.children]
    items = [i for p in paras for i in p.children]
    chapters = [c for c in doc.children if c.kind == "chapter"]
    kinds = ["insert_article", "delete_article", "move_article", "split_article", "merge_articles"]
    kinds += ["insert_paragraph", "move_paragraph", "split_paragraph", "delete_paragraph"]
    if items:
        kinds += ["insert_item", "move_item", "delete_item", "merge_items"]
    if chapters:
        kinds += ["wrap_chapter", "dissolve_chapter"]
    kind = data.draw(st.sampled_from(kinds), label="edit")
    if kind == "insert_article":
        anchor = _pick(data, arts, "after")
        return lambda d: insert_article(d, ["新增条文。"], after=anchor.uid, uids=uids)
    if kind == "delete_article":
        victim = _pick(data, arts, "victim")
        return lambda d: delete(d, victim.uid)
    if kind == "move_article":
        a, b = _pick(data, arts, "moved"), _pick(data, arts, "before")
        return lambda d: move(d, a.uid, before=b.uid)
    if kind == "split_article":
        art = _pick(data, [a for a in arts if len(a.children) > 1] or arts, "split")
        at = data.draw(st.integers(2, max(2, len(art.children))), label="at")
        return lambda d: split(d, art.uid, at, uids=uids)
    if kind == "merge_articles":
        i = data.draw(st.integers(0, len(arts) - 2), label="merge")
        return lambda d: merge(d, arts[i].uid, arts[i + 1].uid)
    if kind == "insert_paragraph":
        anchor = _pick(data, paras, "after")
        return lambda d: insert_paragraph(d, "新增一款。", after=anchor.uid, uids=uids)
    if kind == "move_paragraph":
        a, b = _pick(data, paras, "moved"), _pick(data, paras, "before")
        return lambda d: move(d, a.uid, before=b.uid)
    if kind == "split_paragraph":
        para = _pick(data, paras, "split")
        cuts = [i for i, ch in enumerate(para.text) if ch in "，；" and 0 < i + 1 < len(para.text)]
        at = (cuts[data.draw(st.integers(0, len(cuts) - 1), label="cut")] + 1) if cuts else 0
        return lambda d: split(d, para.uid, at, uids=uids)
    if kind == "delete_paragraph":
        victim = _pick(data, paras, "victim")
        return lambda d: delete(d, victim.uid)
    if kind == "insert_item":
        anchor = _pick(data, items, "before")
        return lambda d: insert_item(d, "新增一项；", before=anchor.uid, uids=uids)
    if kind == "move_item":
        a, b = _pick(data, items, "moved"), _pick(data, items, "before")
        return lambda d: move(d, a.uid, before=b.uid)
    if kind == "delete_item":
        victim = _pick(data, items, "victim")
        return lambda d: delete(d, victim.uid)
    if kind == "merge_items":
        pairs = [
            (p.children[k], p.children[k + 1]) for p in paras for k in range(len(p.children) - 1)
        ]
        a, b = pairs[data.draw(st.integers(0, len(pairs) - 1), label="pair")]
        return lambda d: merge(d, a.uid, b.uid)
    if kind == "wrap_chapter":
        chapter = _pick(data, chapters, "chapter")
        inner = [c for c in chapter.children if c.kind == "article"]
        if not inner:
            return lambda d: dissolve(d, chapter.uid)
        i = data.draw(st.integers(0, len(inner) - 1), label="from")
        j = data.draw(st.integers(i, len(inner) - 1), label="to")
        return lambda d: insert_chapter(d, "新章", wrap=(inner[i].uid, inner[j].uid), uids=uids)
    chapter = _pick(data, chapters, "chapter")
    return lambda d: dissolve(d, chapter.uid)


def _cover(uids: set[str], doc: Document) -> set[str]:
    """``uids`` without those inside another of them."""
    out = set()
    for path in iter_paths(doc.children):
        if path[-1].uid in uids and not any(n.uid in uids for n in path[:-1]):
            out.add(path[-1].uid)
    return out


def _by_source(refs: tuple[Reference, ...]) -> dict[str, list[Reference]]:
    out: dict[str, list[Reference]] = {}
    for ref in sorted(refs, key=lambda r: r.start):
        out.setdefault(ref.source, []).append(ref)
    return out


def _check(before: Document, result: EditResult) -> None:
    after = result.document
    report = result.report
    old_uids = [n.uid for n in iter_nodes(before.children)]
    new_uids = [n.uid for n in iter_nodes(after.children)]
    assert len(new_uids) == len(set(new_uids))
    assert set(old_uids) - set(report.removed) <= set(new_uids)
    assert set(new_uids) - set(old_uids) == set(report.created)
    assert renumber(after) == after
    plain = [a.num for a in articles(after) if not a.insertion]
    assert plain == [article_label(after.first_article + i) for i in range(len(plain))]
    redirect = dict(report.redirected)
    old = find_references(before)
    was_by_source = _by_source((*old.internal, *old.dangling))
    new = find_references(after)
    now_by_source = _by_source((*new.internal, *new.dangling))
    # Every node the edit did not reshape keeps its citations, in order, each naming the same
    # nodes as before. Citations that dangled before, or were reported dangling by this edit,
    # keep their words and are skipped.
    touched = {*report.created, *report.modified, *redirect, *redirect.values()}
    for source, was_list in was_by_source.items():
        if source in touched or source in report.removed:
            continue
        now_list = now_by_source.get(source, [])
        assert len(now_list) == len(was_list), (
            [r.text for r in was_list],
            [r.text for r in now_list],
        )
        _same_targets(was_list, now_list, redirect, set(new_uids), after, report)
    # Split/merge move words between nodes: taken together, in document order, the
    # citations of the nodes involved are the same sequence before and after.
    before_order = {n.uid: i for i, n in enumerate(iter_nodes(before.children))}
    after_order = {n.uid: i for i, n in enumerate(iter_nodes(after.children))}
    was_seq = [
        r
        for u in sorted(touched & set(was_by_source), key=before_order.__getitem__)
        for r in was_by_source[u]
    ]
    now_seq = [
        r
        for u in sorted(touched & set(now_by_source), key=after_order.__getitem__)
        for r in now_by_source[u]
    ]
    assert len(was_seq) == len(now_seq), ([r.text for r in was_seq], [r.text for r in now_seq])
    _same_targets(was_seq, now_seq, redirect, set(new_uids), after, report)


def _same_targets(
    was_list: list[Reference],
    now_list: list[Reference],
    redirect: dict[str, str],
    present: set[str],
    after: Document,
    report: EditReport,
) -> None:
    dangling = {d.text for d in report.dangling}
    for was, is_ in zip(was_list, now_list, strict=True):
        if was.status == "dangling" or was.text in dangling:
            assert is_.text == was.text
            continue
        want = _cover({redirect.get(u, u) for u in was.targets} & present, after)
        assert is_.status == "internal", (was.text, is_.text, is_.reason)
        got = _cover(set(is_.targets), after)
        if any(m.last for m in was.members):
            # A range keeps its ends; nodes inserted or moved between them join it.
            assert want <= got, (was.text, is_.text)
        else:
            assert got == want, (was.text, is_.text)
        if is_.text != was.text:
            assert any(r.old == was.text and r.new == is_.text for r in report.rewrites), (
                was.text,
                is_.text,
            )


@pytest.mark.parametrize("name", FILES)
@settings(
    max_examples=50,
    deadline=None,
    # Deterministic in CI (a shared tree must not turn red by chance); explore locally with
    # --hypothesis-seed or by raising max_examples.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_edit_sequences_keep_identity_and_references(name: str, data: st.DataObject) -> None:
    """Up to four random edits; after each, the invariants in the module docstring hold."""
    doc = _load(name)
    uids = UidFactory(seed=data.draw(st.integers(0, 1000), label="seed"))
    steps = data.draw(st.integers(1, 4), label="steps")
    for _ in range(steps):
        edit = _draw_edit(data, doc, uids)
        try:
            result = edit(doc)
        except EditError:
            continue
        _check(doc, result)
        doc = result.document
