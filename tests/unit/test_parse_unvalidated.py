"""The tree ``workbench diff`` reads, built without validation, is the validated tree.

``parse_text(validate=False)`` makes the models directly from the parser's data
(`workbench.model.trusted`) so that a diff never builds a pydantic validator; the tree must be
the same, field for field and in the same field order, as ``Document.model_validate`` makes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model import Document, Node, UidFactory, iter_nodes
from workbench.parse import parse_file, parse_text

_TEXT = (
    "# 某某条例（草案）\n\n（2024年1月1日某某人民代表大会常务委员会第五次会议通过）\n\n"
    "本条例依照宪法制定。\n\n"
    "## 第一章 总则\n\n第一条 为了规范管理（一）工作，制定本条例。\n\n"
    "第二条 下列事项适用本条例：\n（一）甲；\n（二）乙：\n1. 子目；\n2. 另一子目。\n\n"
    "第二款 本条第一款规定的事项。\n\n## 第二章 附则\n\n第四条 本条例自公布之日起施行）。\n\n"
    "## 附件一\n\n1．某决定\n2．另一决定\n"
)
"""Title, 题注, preamble, chapters, items, subitems, a numbering gap, a stray bracket, an annex."""


def _same(validated: Document, unvalidated: Document) -> None:
    assert unvalidated == validated
    assert unvalidated.model_dump_json() == validated.model_dump_json()
    assert type(unvalidated.children) is tuple
    assert type(unvalidated.preamble) is tuple
    assert unvalidated.model_fields_set == validated.model_fields_set
    pairs = zip(iter_nodes(unvalidated.children), iter_nodes(validated.children), strict=True)
    for node, twin in pairs:
        assert isinstance(node, Node)
        assert type(node.children) is tuple
        assert node.model_fields_set == twin.model_fields_set
    assert [type(a.paragraphs) for a in unvalidated.annexes] == [tuple] * len(validated.annexes)


def test_every_part_of_a_text_is_built_as_validation_builds_it() -> None:
    """Preamble, containers, items, subitems, annexes and diagnostics come out alike."""
    validated = parse_text(_TEXT, uids=UidFactory(3))
    unvalidated = parse_text(_TEXT, uids=UidFactory(3), validate=False)
    _same(validated, unvalidated)
    assert validated.annexes
    assert validated.preamble
    assert {"numbering-gap", "stray-bracket"} <= {d.code for d in unvalidated.diagnostics}


@pytest.mark.corpus
def test_every_corpus_text_parses_to_the_same_tree_without_validation(corpus_dir: Path) -> None:
    """All texts of the shared corpus: the unvalidated tree equals the validated one."""
    paths = sorted(corpus_dir.rglob("*.md"))
    assert len(paths) > 100
    for path in paths:
        _same(
            parse_file(path, uids=UidFactory(5)),
            parse_file(path, uids=UidFactory(5), validate=False),
        )
