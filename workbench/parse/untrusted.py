"""The parser's door: a law text from outside, cleaned by the workbench's control-character rule.

A text pasted from Word carries soft line breaks (VT) and stray control characters that no
document format can hold; a crafted one may carry terminal escape sequences or bidi overrides.
`clean_source` applies `workbench.controls.clean_text` line by line, before anything reads the
text: line-like controls become line breaks, every other control is removed and reported as a
warning on its line, and a text that is mostly controls is refused as not text at all.
"""

from __future__ import annotations

from workbench.controls import clean_text, has_controls, looks_binary, normalise_lines
from workbench.errors import ParseError
from workbench.model import Diagnostic
from workbench.model.trusted import diagnostic

__all__ = ["MAX_TEXT_LINES", "clean_source"]

MAX_TEXT_LINES = 30_000
"""The most lines a law text may have (the 民法典 has about 4,500, blank lines included): a
text's cost in memory follows its lines (a node and its diagnostics each), not its bytes. At
this limit an import takes about 500 MiB at most (30,000 articles in 18 MB); at 100,000 lines
it took 1.2 GB."""


def clean_source(text: str, *, source: str | None = None) -> tuple[str, list[Diagnostic]]:
    """``text`` with the control-character rule applied, and a warning per line it changed.

    Returns:
        The clean text (same line numbering as the source, line-like controls counting as
        line ends, as ``str.splitlines`` counts them) and the warnings.

    Raises:
        ParseError: The text has more lines than `MAX_TEXT_LINES`, or is mostly control
            characters (a binary file or the wrong encoding).
    """
    lines_count = text.count("\n") + 1
    if lines_count > MAX_TEXT_LINES:
        raise ParseError(
            f"文本行数过多（{lines_count} 行，上限 {MAX_TEXT_LINES} 行；民法典约 4500 行）："
            "请确认文件是否为一部法规的正文",
            file=source,
        )
    if not has_controls(text):
        return text, []
    if looks_binary(text):
        raise ParseError(
            "这不是文本文件（含有大量控制字符或二进制内容）：请提供 UTF-8 文本、Markdown 或 Word 文件",
            file=source,
        )
    lines = normalise_lines(text).split("\n")
    diagnostics: list[Diagnostic] = []
    for number, line in enumerate(lines, start=1):
        if not has_controls(line):
            continue
        lines[number - 1], removed = clean_text(line)
        if removed:
            diagnostics.append(
                diagnostic(
                    severity="warning",
                    code="control-characters",
                    message=f"删除了看不见的控制字符（{'、'.join(removed)}），"
                    "多为从其他软件粘贴时带入；请核对该行文字",
                    line=number,
                )
            )
    return "\n".join(lines), diagnostics
