"""Cross-references over the whole shared corpus: everything resolves or dangles, nothing external
is taken as internal, and what resolves points at nodes that exist."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.model import Document
from workbench.parse import parse_file
from workbench.refs import (
    DocIndex,
    ReferenceReport,
    find_references,
    format_citation,
    scan_citations,
)

pytestmark = pytest.mark.corpus

# Independent of the grammar's own heuristics: text that, right before a citation, marks it
# as another instrument's (legislative-norms.md §2.5).
_EXTERNAL_BEFORE = re.compile(
    r"(》|(?<![本该])(?:刑法|民法典|立法法|宪法|民法通则|刑事诉讼法|民事诉讼法|行政诉讼法|行政处罚法"
    r"|行政许可法|治安管理处罚法|公司法|劳动法|劳动合同法|条例))$"
)
_TITLE_CITATION = re.compile(r"《[^《》\n]{1,100}》第")


@pytest.fixture(scope="module")
def parsed(corpus_dir: Path) -> list[tuple[Path, Document, DocIndex, ReferenceReport]]:
    out = []
    for path in sorted(corpus_dir.rglob("*.md")):
        if path.name == "README.md":
            continue
        doc = parse_file(path)
        index = DocIndex(doc)
        out.append((path, doc, index, find_references(index)))
    assert len(out) > 90
    return out


def test_every_internal_reference_resolves_or_dangles_with_a_reason(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
    record_property: Callable[[str, object], None],
) -> None:
    """Internal references have existing targets; dangling ones carry a Chinese reason."""
    counts: Counter[str] = Counter()
    for path, _, index, report in parsed:
        for ref in report.internal:
            assert ref.targets, f"{path.name}: {ref.text}"
            assert all(index.has(u) for u in ref.targets), f"{path.name}: {ref.text}"
        for ref in report.dangling:
            assert ref.reason, f"{path.name}: {ref.text}"
            assert not ref.targets
        counts["internal"] += len(report.internal)
        counts["dangling"] += len(report.dangling)
        counts["external"] += len(report.external)
    for key, value in counts.items():
        record_property(key, value)
    print(f"corpus references: {dict(counts)}")
    assert counts["internal"] > 10 * counts["dangling"]


def test_every_citation_found_is_classified(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
) -> None:
    """The three lists partition what the scanner finds in every node's text."""
    for path, _, index, report in parsed:
        found = sum(len(scan_citations(index.node(u).text)) for u in index.paths)
        listed = len(report.internal) + len(report.dangling) + len(report.external)
        if path.name.startswith(("关于修改", "中华人民共和国刑法修正案")):
            continue
        assert listed == found, path.name


def test_no_reference_to_another_law_is_taken_as_internal(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
) -> None:
    """Nothing preceded by 《…》, a known law name or a bare 条例 lands in internal or dangling."""
    for path, _, index, report in parsed:
        for ref in (*report.internal, *report.dangling):
            before = index.node(ref.source).text[: ref.start]
            assert not _EXTERNAL_BEFORE.search(before), f"{path.name}: …{before[-12:]}|{ref.text}"


def test_every_titled_citation_is_external(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
) -> None:
    """Each 《…》第… in the corpus is listed as an external reference, starting at the 《."""
    checked = 0
    for path, _, index, report in parsed:
        starts = {(r.source, r.start) for r in report.external}
        for uid in index.paths:
            for m in _TITLE_CITATION.finditer(index.node(uid).text):
                assert (uid, m.start()) in starts, f"{path.name}: {m.group(0)}"
                checked += 1
    assert checked >= 5


def test_resolved_targets_read_back_as_the_citation(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
) -> None:
    """For plain absolute citations (第X条…), the target's own label is the words as written."""
    plain = re.compile(
        r"^(本(?:条例|规定|办法|法|规则))?(第[一二三四五六七八九十百千零]+条(?:第[一二三四五六七八九十]+款)?)$"
    )
    checked = 0
    for path, _, index, report in parsed:
        for ref in report.internal:
            m = plain.match(ref.text)
            if m is None or len(ref.targets) != 1:
                continue
            label = format_citation(index, ref.targets[0])
            written = m.group(2)
            # 第X条第一款 of a one-款 article is written out in some texts; accept both.
            assert label == written or f"{label}第一款" == written, f"{path.name}: {ref.text}"
            checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    ("source", "text", "targets"),
    [
        ("第一百零八条", "本编第三章第一节", ["第一编第三章第一节"]),
        ("第四百三十九条第二款", "本编第十七章第二节", ["第二编第十七章第二节"]),
        ("第四百二十四条", "本章第一节", ["第二编第十七章第一节"]),
        ("第五百一十一条", "前条", ["第五百一十条"]),
        ("第一千零一条", "本法第一编、第五编", ["第一编", "第五编"]),
        ("第六百四十三条第一款", "前条第一款", ["第六百四十二条第一款"]),
        (
            "第二百七十八条第二款",
            "前款第六项至第八项",
            [
                "第二百七十八条第一款第六项",
                "第二百七十八条第一款第七项",
                "第二百七十八条第一款第八项",
            ],
        ),
    ],
)
def test_civil_code_references_resolve_to_the_right_provisions(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
    source: str,
    text: str,
    targets: list[str],
) -> None:
    """Real 民法典 citations (chapters restart per 编) land where the statute means."""
    [(_, _, index, report)] = [
        p for p in parsed if p[0].name == "中华人民共和国民法典(2020-05-28).md"
    ]
    found = [
        [format_citation(index, u) for u in r.targets]
        for r in report.internal
        if r.text == text and format_citation(index, r.source) == source
    ]
    assert found == [targets]


_RELATIVE_UNIT = re.compile(r"前[两二三四五六七八九]?[条款项]")
# A unit character that starts a longer word is no unit: 条件, 条款, 款项, 项目 (norms §2.2).
_WORDS_AFTER_UNIT = ("条件", "条款", "条例", "条约", "条文", "款项", "项目")


def test_every_qian_in_the_corpus_is_read_by_the_relative_grammar(
    parsed: list[tuple[Path, Document, DocIndex, ReferenceReport]],
    record_property: Callable[[str, object], None],
) -> None:
    """Each 前 that opens 前款/前两款/前条/前项 lies in a citation, whatever word stands before it
    (从事前款, 发生前两款); every other 前 (以前, 提前, 前提, 前款项) lies in none."""
    counts: Counter[str] = Counter()
    for path, doc, index, _ in parsed:
        texts = [index.node(u).text for u in index.paths] + list(doc.preamble)
        for text in texts:
            if "前" not in text:
                continue
            spans = [(c.start, c.end) for c in scan_citations(text) if c.members]
            for pos, char in enumerate(text):
                if char != "前":
                    continue
                m = _RELATIVE_UNIT.match(text, pos)
                unit = m is not None and not text[m.end() - 1 :].startswith(_WORDS_AFTER_UNIT)
                read = any(s <= pos < e for s, e in spans)
                assert read == unit, f"{path.name}: …{text[max(0, pos - 8) : pos + 8]}…"
                counts["citation" if unit else "other"] += 1
    for key, value in counts.items():
        record_property(f"qian_{key}", value)
    print(f"前 in the corpus: {dict(counts)}")
    assert counts["citation"] > 500
