"""The parser over the whole shared corpus: every file parses, no character is lost or invented.

`tests.support.corpus.source_body` defines precisely what the parser is expected to keep of a
source file; the tests compare it, character for character, with the text of the parsed tree.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.support.corpus import article_lines, first_difference, source_body, tree_text
from tests.support.paths import CORPUS
from workbench.model import articles, assign_eids
from workbench.parse import parse_file

pytestmark = pytest.mark.corpus

FILES = sorted(p for p in CORPUS.rglob("*.md") if p.name != "README.md")


def test_corpus_has_all_files() -> None:
    """The corpus holds the 107 files the issue names."""
    assert len(FILES) == 107


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_no_character_is_lost_or_invented(path: Path) -> None:
    """The tree's text equals the source body (see `source_body`), character for character."""
    text = path.read_text(encoding="utf-8-sig")
    doc = parse_file(path)
    expected, got = source_body(text), tree_text(doc)
    assert got == expected, first_difference(expected, got)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_article_count_matches_source_lines(path: Path) -> None:
    """Articles parsed = ``第…条`` lines, less the ones a diagnostic says are not articles."""
    doc = parse_file(path)
    not_articles = sum(1 for d in doc.diagnostics if d.code == "not-an-article")
    assert len(articles(doc)) == article_lines(path.read_text(encoding="utf-8-sig")) - not_articles


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_eids_are_those_assign_eids_gives(path: Path) -> None:
    """The parser's eids (computed while building) equal `assign_eids` on the same tree."""
    doc = parse_file(path)
    assert assign_eids(doc) == doc


def test_article_counts_match_the_manifest() -> None:
    """Every file has as many articles as MANIFEST.tsv counts for it (an independent count)."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == len(FILES)
    found = {row["path"]: len(articles(parse_file(CORPUS / row["path"]))) for row in rows}
    assert found == {row["path"]: int(row["article_count"]) for row in rows}
