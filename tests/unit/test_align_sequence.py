"""The sequence tools under the alignment: LIS, ordered matching, the n-gram index."""

from __future__ import annotations

import pytest

import workbench.diff.align as align_module
from tests.support.trees import BASE, make_doc
from workbench.diff import align_documents
from workbench.diff.normalize import grams, normalize, only_renumbered_refs, ref_key
from workbench.diff.sequence import GramIndex, longest_increasing, ordered_matches


def test_longest_increasing_keeps_the_order_and_drops_the_moved() -> None:
    """In 0 1 9 2 3 4 the 9 is out of order: the LIS skips it."""
    values = [0, 1, 9, 2, 3, 4]
    assert [values[p] for p in longest_increasing(values)] == [0, 1, 2, 3, 4]
    assert longest_increasing([]) == []


def test_ordered_matches_never_cross_and_respect_the_threshold() -> None:
    """The best non-crossing set is chosen; cells under the threshold are never paired."""
    sims = [
        [0.9, 0.0, 0.6],
        [0.0, 0.4, 0.95],
    ]
    assert ordered_matches(sims, 0.5) == [(0, 0), (1, 2)]
    assert ordered_matches([[0.3]], 0.5) == []


def test_gram_index_skips_common_grams_and_ranks_by_overlap() -> None:
    """Items sharing rare n-grams with the query come first."""
    texts = ["居家养老服务用房", "消防安全检查", "志愿服务时间储蓄"] + ["人民政府"] * 20
    index = GramIndex((k, grams(t)) for k, t in enumerate(texts))
    assert index.candidates(grams("定期开展消防安全检查"), limit=2)[0] == 1
    assert index.candidates(grams("人民政府"), limit=3) == []


def test_normalize_and_reference_keys() -> None:
    """Width and whitespace fold away; reference numbers are masked in the key."""
    assert (
        normalize("第一条　本条例,自 公布之日起施行。\u200b") == "第一条本条例,自公布之日起施行。"
    )
    assert normalize("，") == normalize(",")
    assert ref_key("依照本条例第十二条之一和第三章") == "依照本条例第#条之#和第#章"


def test_only_renumbered_refs_checks_every_reference() -> None:
    """A reference changed by the mapping is consequential; one against it, or other text, is not."""
    mapping = {("条", 12, 0): ("条", 13, 0)}
    assert only_renumbered_refs("违反第十二条规定", "违反第十三条规定", mapping)
    assert not only_renumbered_refs("违反第十二条规定", "违反第十四条规定", mapping)
    assert not only_renumbered_refs("违反第十二条规定", "违反第十三条的规定", mapping)
    assert not only_renumbered_refs("违反第十二条规定", "违反第十二条规定", mapping)


def test_large_gaps_use_the_candidate_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the dense limit forced down, the n-gram candidate path gives the same pairs."""
    new = [*BASE[:2], "各级人民政府应当支持社区养老服务设施建设。", *BASE[2:]]
    new[7] = new[7].replace("二十平方米", "三十平方米")
    old_doc, new_doc = make_doc(BASE), make_doc(new, seed=2)
    dense = align_documents(old_doc, new_doc)
    monkeypatch.setattr(align_module, "_DENSE_LIMIT", 0)
    sparse = align_documents(old_doc, new_doc)
    assert [(p.kind, p.old_uids, p.new_uids) for p in sparse.articles] == [
        (p.kind, p.old_uids, p.new_uids) for p in dense.articles
    ]
    assert sparse.summary()["modified"] == 1
