"""A drafted decision as a Word file: official layout, and its words read back to the same items."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from workbench.amend import draft_decision, read_decision_file
from workbench.export.decision import decision_docx, decision_markdown
from workbench.parse import parse_text

OLD = "测试条例\n\n第一条　为了规范管理，制定本条例。\n\n第二条　本条例自公布之日起施行。\n"
NEW = "测试条例\n\n第一条　为了规范城市管理，制定本条例。\n\n第二条　市人民政府负责实施。\n\n第三条　本条例自公布之日起施行。\n"
TITLE = "上海市人民代表大会常务委员会关于修改《上海市人民代表大会常务委员会规范性文件备案审查条例》的决定"


def test_the_decision_docx_reads_back_to_the_same_items(tmp_path: Path) -> None:
    """Title in 小标宋 over lines broken as printed; items read back from the Word file."""
    decision = draft_decision(parse_text(OLD), parse_text(NEW), title=TITLE)
    data = decision_docx(decision)
    word = docx.Document(io.BytesIO(data))
    lines = [p.text for p in word.paragraphs if p.text]
    assert lines[:3] == [
        "上海市人民代表大会常务委员会",
        "关于修改《上海市人民代表大会常务委员会",
        "规范性文件备案审查条例》的决定",
    ]
    size = word.paragraphs[0].runs[0].font.size
    assert size is not None
    assert size.pt == 22
    path = tmp_path / "决定.docx"
    path.write_bytes(data)
    read = read_decision_file(path)
    assert read.title == TITLE
    assert [i.text for i in read.items] == [i.text for i in decision.items]
    assert decision_markdown(decision).startswith(f"# {TITLE}\n")
