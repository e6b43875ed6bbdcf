"""End punctuation of items after a decision changed them (`legislative-norms.md` §7.5 rule 27).

Items end with ``；`` and the last with ``。``; an item introducing subitems ends with ``：``. A
decision quotes an item without its ``；`` (§4.2 rule 3), and adding or removing an item moves
the last place: the marks of the items of a changed 款 (subitems of a changed 项) are set again.
A 款 whose items all end with ``。`` (each a full sentence, as in 增值税法 第十条) keeps them.
"""

from __future__ import annotations

from workbench.amend.staging import Staged

__all__ = ["fix_item_punctuation"]

_ENDS = "。；：，;:,"


def fix_item_punctuation(article: Staged, changed: set[str]) -> None:
    """Set the end marks of the items of every changed 款 (and subitems of changed 项)."""
    for paragraph in article.children:
        if paragraph.uid in changed and paragraph.children:
            _fix_run(paragraph.children)
        for item in paragraph.children:
            if item.uid in changed and item.children:
                _fix_run(item.children)


def _fix_run(run: list[Staged]) -> None:
    sentences = [n for n in run if n.text.endswith("。")]
    full_sentences = len(sentences) == len(run) and len(run) > 1
    if full_sentences:
        return
    for k, node in enumerate(run):
        last = k == len(run) - 1
        wanted = "：" if node.children else ("。" if last else "；")
        text = node.text.rstrip()
        if not text:
            continue
        if text[-1] in _ENDS:
            if text[-1] in "。；;" and wanted in "。；":
                node.text = text[:-1] + wanted
            continue
        if text[-1] in "”）)":
            continue
        node.text = text + wanted
