"""``workbench parse FILE``: read a regulation and print its tree, canonical text or outline.

stdout carries the data only; diagnostics go to stderr as ``文件:行: 级别 代码 消息``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from workbench.cli.diagnostics import format_diagnostic
from workbench.cli.options import format_option
from workbench.cli.output import echo
from workbench.model import CONTAINER_KINDS, Document, Node, articles
from workbench.parse import parse_file
from workbench.render import render_markdown, render_text

__all__ = ["COMMANDS", "format_diagnostic", "outline"]


def _count_articles(node: Node) -> int:
    if node.kind == "article":
        return 1
    return sum(_count_articles(c) for c in node.children)


def _outline_lines(nodes: tuple[Node, ...], depth: int) -> Iterator[str]:
    pad = "  " * depth
    for node in nodes:
        if node.kind in CONTAINER_KINDS:
            label = "\u3000".join(p for p in (node.num, node.heading) if p) or "（无标题）"
            yield f"{pad}{label}（{_count_articles(node)}条）"
            yield from _outline_lines(node.children, depth + 1)
        elif node.kind == "article":
            paras = len(node.children)
            items = sum(len(p.children) for p in node.children)
            counts = [f"{paras}款"] if paras > 1 else []
            if items:
                counts.append(f"{items}项")
            caption = f"（{node.caption}）" if node.caption else ""
            extra = f"  [{'，'.join(counts)}]" if counts else ""
            yield f"{pad}{node.num or ''}{caption}{extra}"


def outline(doc: Document) -> str:
    """An indented outline: 编/分编/章/节 with article counts, then each article with its 款/项."""
    total = len(articles(doc))
    head = f"{doc.title}（{total}条）"
    lines = [head]
    if doc.preamble:
        lines.append(f"  序言/前文（{len(doc.preamble)}段）")
    lines.extend(_outline_lines(doc.children, 1))
    lines.extend(f"  {annex.heading}（{len(annex.paragraphs)}段）" for annex in doc.annexes)
    return "\n".join(lines) + "\n"


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@format_option(
    "json",
    "text",
    "markdown",
    "outline",
    labels={"json": "文档树，见 schemas/draft.schema.json", "text": "规范文本"},
)
@click.option(
    "--renumber/--as-written",
    default=False,
    help="按位置重新编号，条文中的引用随之改写，每处变动列在标准错误；默认保留原文序号（--as-written）。",
)
@click.option("--strict", is_flag=True, help="有任何诊断信息时以退出码 1 结束。")
def parse_cmd(file: Path, fmt: str, renumber: bool, strict: bool) -> None:
    """解析法规文件（.md/.markdown/.txt，Word .docx，经 LibreOffice 转换的 .doc/.wps，或 Akoma Ntoso .xml），输出文档树、规范文本或大纲。

    诊断信息（编号跳跃、折行合并、缺少序号的标题等）输出到标准错误，格式为
    “文件:行: 级别 代码 消息”。
    """
    doc = parse_file(file)
    shown, changes = _renumbered(doc) if renumber else (doc, [])
    if fmt == "json":
        echo(shown.model_dump_json(indent=2))
    elif fmt == "text":
        echo(render_text(shown), nl=False)
    elif fmt == "markdown":
        echo(render_markdown(shown), nl=False)
    else:
        echo(outline(shown), nl=False)
    for diagnostic in doc.diagnostics:
        echo(format_diagnostic(str(file), diagnostic), err=True)
    for change in changes:
        echo(f"{file}: 提示 renumbered {change}", err=True)
    if strict and doc.diagnostics:
        echo(f"共 {len(doc.diagnostics)} 条诊断信息（--strict）", err=True)
        raise SystemExit(1)


def _renumbered(doc: Document) -> tuple[Document, list[str]]:
    """``doc`` numbered from position, its citations rewritten; the changes in words."""
    from workbench.edit import renumber_citing  # only when asked: parse stays light

    result = renumber_citing(doc)
    return result.document, list(result.report.summary()[1:])


COMMANDS: list[click.Command] = [parse_cmd]
"""The commands this module adds to ``workbench``."""
