"""The 18 real version pairs of the corpus: unchanged articles find their twins."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from workbench.diff import align_documents, carry_uids, new_side, old_side
from workbench.diff.normalize import normalize
from workbench.diff.textdiff import BOUNDARY_CHARS
from workbench.model import Document, articles, full_text, iter_nodes
from workbench.parse import parse_file

pytestmark = pytest.mark.corpus


def _pairs(corpus: Path) -> list[tuple[str, Path, Path]]:
    groups: defaultdict[str, list[Path]] = defaultdict(list)
    for path in sorted((corpus / "versions").glob("*.md")):
        groups[re.sub(r"\(\d{4}-\d\d-\d\d\)\.md$", "", path.name)].append(path)
    return [(title, *sorted(paths)) for title, paths in groups.items()]  # type: ignore[misc]


@pytest.fixture(scope="module")
def version_pairs(corpus_dir: Path) -> list[tuple[str, Document, Document]]:
    return [(t, parse_file(a), parse_file(b)) for t, a, b in _pairs(corpus_dir)]


def test_corpus_has_eighteen_version_pairs(corpus_dir: Path) -> None:
    """The corpus pairs up into 18 titles with two dated files each."""
    assert len(_pairs(corpus_dir)) == 18


def test_every_unchanged_article_is_paired_with_its_twin(
    version_pairs: list[tuple[str, Document, Document]],
) -> None:
    """An article whose text occurs in both versions is paired with an article of that text."""
    missed: list[str] = []
    checked = 0
    for title, old, new in version_pairs:
        alignment = align_documents(old, new)
        new_texts = {a.uid: normalize(full_text(a)) for a in articles(new)}
        present = set(new_texts.values())
        for art in articles(old):
            text = normalize(full_text(art))
            if text not in present:
                continue
            checked += 1
            pair = alignment.pair_of_old(art.uid)
            if pair is None or not any(new_texts[u] == text for u in pair.new_uids):
                missed.append(f"{title} {art.num}")
    assert checked > 600
    assert missed == []


def test_every_article_appears_in_exactly_one_pair(
    version_pairs: list[tuple[str, Document, Document]],
) -> None:
    """No article is lost or listed twice, on either side."""
    for title, old, new in version_pairs:
        alignment = align_documents(old, new)
        olds = [u for p in alignment.articles for u in p.old_uids]
        news = [u for p in alignment.articles for u in p.new_uids]
        assert sorted(olds) == sorted(a.uid for a in articles(old)), title
        assert sorted(news) == sorted(a.uid for a in articles(new)), title


def test_carry_uids_on_a_real_revision_keeps_uids_unique(
    version_pairs: list[tuple[str, Document, Document]],
) -> None:
    """Carrying uids into the 2023 公司法 keeps them unique and re-aligns it by uid."""
    _, old, new = next(p for p in version_pairs if p[0].endswith("公司法"))
    carried = carry_uids(old, new)
    uids = [n.uid for n in iter_nodes(carried.children)]
    assert len(uids) == len(set(uids))
    again = align_documents(old, carried)
    assert again.method == "uid"
    assert again.summary() == align_documents(old, new).summary()


def test_real_text_diffs_rebuild_both_sides_without_scattered_characters(
    version_pairs: list[tuple[str, Document, Document]],
) -> None:
    """Every modified pair's hunks rebuild old and new, with no 1–2 character islands left."""
    checked = 0
    for title, old, new in version_pairs:
        for pair in align_documents(old, new).articles:
            if pair.kind != "modified":
                continue
            hunks = pair.hunks()
            checked += 1
            assert (old_side(hunks), new_side(hunks)) == (pair.old_text, pair.new_text), title
            for before, middle, after in zip(hunks, hunks[1:], hunks[2:], strict=False):
                island = (
                    before.op != "equal"
                    and after.op != "equal"
                    and middle.op == "equal"
                    and len(middle.text) <= 2
                )
                assert not island or any(ch in BOUNDARY_CHARS for ch in middle.text), (
                    f"{title} {pair.label}: {middle.text}"
                )
    assert checked > 400


def test_the_shanghai_revision_reads_as_its_decision_says(
    version_pairs: list[tuple[str, Document, Document]],
) -> None:
    """上海 备案审查条例 2021 → 2024: the decision rewrites 第八条 in place (五、将第八条修改为),
    changes 第十八条 into 第二十条 (十、) and adds 第九、十四、二十二、二十三条."""
    _, old, new = next(p for p in version_pairs if p[0].startswith("上海市人民代表大会常务委员会"))
    alignment = align_documents(old, new)
    by_new = {p.new_labels: (p.kind, p.old_labels) for p in alignment.articles}
    assert by_new[("第八条",)] == ("modified", ("第八条",))
    assert by_new[("第二十条",)] == ("modified", ("第十八条",))
    added = [p.new_labels[0] for p in alignment.articles if p.kind == "added"]
    assert added == ["第九条", "第十四条", "第二十二条", "第二十三条"]
    assert [p for p in alignment.articles if p.kind == "deleted"] == []
