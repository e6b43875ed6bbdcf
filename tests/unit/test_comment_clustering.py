"""Duplicate clustering: exact after normalising, near duplicates, per clause."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable

import pytest
from rapidfuzz import fuzz

from workbench.comments import (
    NEAR_THRESHOLD,
    ClusterCandidate,
    cluster_target,
    cluster_targets,
    clustering,
    dup_key,
    find_clusters,
    normalize_text,
)

LETTER = "建议将新建住宅小区配建社区养老服务用房的标准提高到每百户不少于四十平方米，并明确由县（市）民政部门参与竣工验收。"


def test_normalising_ignores_punctuation_spacing_and_width() -> None:
    """Punctuation, spaces and full-width forms do not make texts different."""
    assert normalize_text("建议 提高， 标准！ＡＢ") == normalize_text("建议提高标准。ab")
    assert dup_key(LETTER) == dup_key(LETTER.rstrip("。") + "  ")


def test_exact_and_near_duplicates_are_grouped_per_clause() -> None:
    """The same letter on one clause forms an exact cluster; a light edit joins as near."""
    visit = "建议将独居、空巢老年人的探访频次提高到每周至少一次。"
    clusters = find_clusters(
        [
            ClusterCandidate(1, "n-a", LETTER),
            ClusterCandidate(2, "n-a", LETTER[:-1]),
            ClusterCandidate(3, "n-b", visit),
            ClusterCandidate(4, "n-b", "建议将独居老年人的探访频次提高到每周至少一次！"),
            ClusterCandidate(5, "n-b", "罚款数额偏高，建议区分情节轻重。"),
            ClusterCandidate(6, "n-c", LETTER),
        ]
    )
    assert [(c.kind, c.target, c.members) for c in clusters] == [
        ("exact", "n-a", (1, 2)),
        ("near", "n-b", (3, 4)),
    ]


def test_different_opinions_do_not_cluster() -> None:
    """Unrelated opinions on one clause stay apart."""
    clusters = find_clusters(
        [ClusterCandidate(1, "x", "建议增加助餐补贴。"), ClusterCandidate(2, "x", "罚款过高。")]
    )
    assert clusters == []


def _phrase_texts(seed: int, count: int) -> list[str]:
    """Opinions built from a few shared phrases (many candidates), with edited form letters."""
    rng = random.Random(seed)
    subjects = ("本条规定的期限", "该项所列情形", "罚款的数额", "主管部门的职责", "备案的程序")
    actions = ("予以细化", "进一步明确", "适当放宽", "补充配套措施", "删去")
    texts = []
    for _ in range(count):
        if rng.random() < 0.2:
            cut = rng.randrange(len(LETTER))
            texts.append(LETTER[:cut] + LETTER[cut + rng.randint(1, 3) :])
        else:
            parts = [rng.choice(subjects) + rng.choice(actions) for _ in range(rng.randint(1, 4))]
            texts.append("建议" + "，".join(parts) + "。")
    return texts


def _components(pairs: Iterable[tuple[int, int]], count: int) -> set[frozenset[int]]:
    groups = {i: {i} for i in range(count)}
    for a, b in pairs:
        if groups[a] is not groups[b]:
            merged = groups[a] | groups[b]
            for i in merged:
                groups[i] = merged
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def test_near_clusters_equal_comparing_every_pair() -> None:
    """The LSH candidates miss no near pair on a clause full of look-alike opinions."""
    texts = sorted({normalize_text(t) for t in _phrase_texts(7, 600)})
    every = [
        (a, b)
        for a in range(len(texts))
        for b in range(a + 1, len(texts))
        if fuzz.ratio(texts[a], texts[b]) >= NEAR_THRESHOLD
    ]
    found = cluster_target("n", list(enumerate(texts)))
    assert {frozenset(c.members) for c in found} == _components(every, len(texts))
    assert any(c.kind == "near" for c in found)


def test_a_band_shared_by_many_texts_is_compared_along_its_sorted_texts() -> None:
    """Two hundred one-character variants of a letter (one large band) form one cluster."""
    variants = [LETTER[:20] + chr(0x4E00 + i) + LETTER[21:] for i in range(200)]
    (cluster,) = cluster_target("n", list(enumerate(variants)))
    assert (cluster.kind, len(cluster.members)) == ("near", 200)


def test_batches_of_pairs_do_not_change_the_clusters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clauses compared together or a few at a time give the same clusters, in order."""
    targets = [(f"n{i}", list(enumerate(_phrase_texts(i, 80)))) for i in range(12)]
    together = list(cluster_targets(targets))
    monkeypatch.setattr(clustering, "BATCH_PAIRS", 50)
    assert list(cluster_targets(targets, workers=1)) == together
    assert [t for t, _ in together] == [t for t, _ in targets]


def test_candidates_are_the_same_in_every_process() -> None:
    """The bands use no per-process hash seed: another interpreter finds the same pairs."""
    texts = sorted({normalize_text(t) for t in _phrase_texts(3, 200)})
    first, second = clustering._candidates(texts, NEAR_THRESHOLD)
    script = (
        "import json, sys\n"
        "from workbench.comments import clustering\n"
        "texts = json.load(sys.stdin)\n"
        "a, b = clustering._candidates(texts, clustering.NEAR_THRESHOLD)\n"
        "print(json.dumps([a.tolist(), b.tolist()]))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert json.loads(child.stdout) == [first.tolist(), second.tolist()]
    assert len(first) > 0


def test_normalising_gives_what_nfkc_gives() -> None:
    """The shortcut for common full-width punctuation changes nothing NFKC would not."""
    samples = [
        "建议，" + chr(c) + "ＡＢ（一）：罚款！？；" + chr(c) + "\u0301ｅ\u0301"
        for c in range(0xFF01, 0xFF5F)
    ]
    samples += ["①②，㈠（二）", "ｶﾞｷﾞ，ﾊﾟ", "＜\u0338，＝\u0338", "e，\u0301"]
    for text in samples:
        nfkc = unicodedata.normalize("NFKC", text).lower()
        assert normalize_text(text) == re.sub(r"[\W_]+", "", nfkc), text
