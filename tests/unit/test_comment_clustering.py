"""Duplicate clustering: exact after normalising, near duplicates, per clause."""

from __future__ import annotations

from workbench.comments import ClusterCandidate, dup_key, find_clusters, normalize_text

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
