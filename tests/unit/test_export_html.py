"""The draft as one HTML page: self-contained, anchored by eid, every article in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.support.trees import sample_document
from workbench.export import export_draft_html
from workbench.model import UidFactory, articles, full_text, iter_nodes


def test_html_is_self_contained_and_anchored() -> None:
    """No scripts or outside resources; every node is reachable by its eid; 目录 links work."""
    doc = sample_document()
    tree = lxml_html.fromstring(export_draft_html(doc))
    assert not tree.xpath("//script|//link|//img|//iframe")
    ids = set(tree.xpath("//@id"))
    for node in iter_nodes(doc.children):
        if node.kind != "paragraph" or node.text:
            assert node.eid in ids
    links = [href[1:] for href in tree.xpath("//nav[@class='toc']//a/@href")]
    assert links == ["chp_1", "chp_2"]
    assert tree.xpath("//p[@class='note']/text()") == [f"（{doc.note}）"]


@pytest.mark.corpus
def test_html_has_every_article_text_in_order(corpus_dir: Path) -> None:
    """A real regulation: each article's words appear, in document order."""
    from workbench.parse import parse_file

    doc = parse_file(
        corpus_dir / "local" / "昌吉回族自治州饮用水水源保护条例(2011-03-25).md", uids=UidFactory(1)
    )
    text = lxml_html.fromstring(export_draft_html(doc)).text_content()
    position = 0
    for article in articles(doc):
        for line in full_text(article).split("\n"):
            found = text.find(line, position)
            assert found >= position, line
            position = found + len(line)
