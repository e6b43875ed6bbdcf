"""``workbench diff``: compare two versions article by article.

Two files (any format the parser reads), or two stored versions of a project (``--project``).
stdout carries the comparison only (text, JSON or one self-contained HTML page); parser errors
go to stderr. Text output is coloured in a terminal and plain when piped or when ``NO_COLOR``
is set; plain text marks deletions ``[-…-]`` and insertions ``{+…+}``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.diagnostics import format_diagnostic
from workbench.cli.options import format_option, project_option
from workbench.cli.output import clean, echo, emit_json
from workbench.diff import (
    CHANGE_KINDS,
    CHANGE_LABELS,
    Alignment,
    ChangeKind,
    DeclaredLink,
    HeadingChange,
    Hunk,
    Pair,
    align_documents,
    diff_text,
    heading_change_label,
)
from workbench.errors import WorkbenchError
from workbench.model import Document
from workbench.parse import parse_file

__all__ = ["COMMANDS", "alignment_html", "alignment_json", "alignment_text"]


def _entries(alignment: Alignment, hide_consequential: bool) -> list[Pair]:
    return [p for p in alignment.articles if not (hide_consequential and p.consequential)]


def _summary(pairs: list[Pair]) -> dict[ChangeKind, int]:
    counts = Counter(p.kind for p in pairs)
    return {kind: counts.get(kind, 0) for kind in CHANGE_KINDS}


def _headings(alignment: Alignment, hide_consequential: bool) -> list[HeadingChange]:
    return [h for h in alignment.headings if not (hide_consequential and h.change == "renumbered")]


def alignment_json(alignment: Alignment, *, hide_consequential: bool = False) -> dict[str, Any]:
    """The JSON form, in new-text order.

    ``{"articles": [...], "summary": {kind: count}, "headings": [{"kind": "chapter", "change":
    "modified"|"added"|"deleted"|"renumbered", "old": "第二章　…", "new": "第二章　…"}]}``, plus
    ``"title": {"old", "new"}`` when the title changed and ``"note"`` when the 题注 did.
    """
    pairs = _entries(alignment, hide_consequential)
    extra: dict[str, Any] = {
        "headings": [
            {"kind": h.level, "change": h.change, "old": h.old, "new": h.new}
            for h in _headings(alignment, hide_consequential)
        ]
    }
    for name, change in (("title", alignment.title), ("note", alignment.note)):
        if change is not None:
            extra[name] = {"old": change.old, "new": change.new}
    return {
        "articles": [
            {
                "change": p.kind,
                "old": list(p.old_labels),
                "new": list(p.new_labels),
                "consequential": p.consequential,
                "similarity": round(p.similarity, 4),
                "item": p.item or None,
                "old_uids": list(p.old_uids),
                "new_uids": list(p.new_uids),
                "diff": [{"op": h.op, "text": h.text} for h in p.hunks()],
            }
            for p in pairs
        ],
        "summary": _summary(pairs),
        **extra,
    }


def _styled(hunk: Hunk, color: bool) -> str:
    # Coloured output is written as is (echo(styled=True)): each fragment is cleaned here.
    text = clean(hunk.text) if color else hunk.text
    if hunk.op == "equal":
        return text
    if not color:
        return f"[-{text}-]" if hunk.op == "delete" else f"{{+{text}+}}"
    if hunk.op == "delete":
        return click.style(text, fg="red", strikethrough=True)
    return click.style(text, fg="green", underline=True)


_KIND_COLORS = {
    "renumbered": "cyan",
    "modified": "yellow",
    "moved": "magenta",
    "added": "green",
    "deleted": "red",
    "split": "blue",
    "merged": "blue",
}


def _heading_block(label: str, old: str, new: str, color: bool) -> list[str]:
    """A change above the articles as a block of its own: tag, old → new, the words changed."""
    head = f"【{label}】" + (f"{old} → {new}" if old and new else old or new)
    if color:
        head = click.style(head, fg="blue", bold=True)
    lines = [head]
    if old and new:
        body = "".join(_styled(h, color) for h in diff_text(old, new))
        lines.extend(f"    {line}" for line in body.split("\n"))
    return [*lines, ""]


def alignment_text(
    alignment: Alignment, *, hide_consequential: bool = False, color: bool = False
) -> str:
    """The text form: changes above the articles, then one block per changed article.

    Title and 题注 changes come first; each changed heading (章/节…) stands before the
    articles under it; a summary line ends the text.
    """
    pairs = _entries(alignment, hide_consequential)
    lines: list[str] = []
    for label, change in (("标题修改", alignment.title), ("题注修改", alignment.note)):
        if change is not None:
            lines.extend(_heading_block(label, change.old, change.new, color))
    shown_headings = set(_headings(alignment, hide_consequential))
    for entry in alignment.reading_order(pairs):
        if isinstance(entry, HeadingChange):
            if entry in shown_headings:
                lines.extend(
                    _heading_block(heading_change_label(entry), entry.old, entry.new, color)
                )
            continue
        pair = entry
        if not pair.changed:
            continue
        kind = CHANGE_LABELS[pair.kind]
        head = f"【{kind}】{pair.label}"
        if pair.kind not in ("added", "deleted"):
            head += f"（相似度 {pair.similarity:.2f}）"
        if pair.consequential:
            head += "（随编号变动）"
        if pair.item:
            head += f"（修改决定第{pair.item}项）"
        if color:
            head = click.style(clean(head), fg=_KIND_COLORS.get(pair.kind), bold=True)
        lines.append(head)
        if pair.kind != "renumbered":
            body = "".join(_styled(h, color) for h in pair.hunks())
            lines.extend(f"    {line}" for line in body.split("\n"))
        lines.append("")
    summary = _summary(pairs)
    shown = "，".join(f"{CHANGE_LABELS[k]} {v}" for k, v in summary.items() if v)
    hidden = len(alignment.articles) - len(pairs)
    note = f"（另有 {hidden} 组仅随编号变动，已隐藏）" if hidden else ""
    above = len(shown_headings) + (alignment.title is not None) + (alignment.note is not None)
    headings = f"；标题、题注及章节标题变动 {above} 处" if above else ""
    lines.append(f"共 {len(pairs)} 组条文：{shown or '无'}{note}{headings}")
    return "\n".join(lines)


_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC",SimSun,serif;margin:2em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#eee} td.kind{white-space:nowrap} td.text{white-space:pre-wrap;width:42%}
del{color:#a00;background:#fdd} ins{color:#060;background:#dfd;text-decoration:underline}
tr.consequential,tr.unchanged{color:#777} .summary span{margin-right:1.2em}
tr.heading td{font-weight:bold}
"""


def _html_row(
    kind: str,
    old_label: str,
    old: str,
    new_label: str,
    new: str,
    css: str,
    *,
    hunks: tuple[Hunk, ...] | None = None,
) -> str:
    import html  # only for --format html: it loads the HTML entity tables

    old_cells: list[str] = []
    new_cells: list[str] = []
    for hunk in diff_text(old, new) if hunks is None else hunks:
        text = html.escape(hunk.text)
        if hunk.op != "insert":
            old_cells.append(f"<del>{text}</del>" if hunk.op == "delete" else text)
        if hunk.op != "delete":
            new_cells.append(f"<ins>{text}</ins>" if hunk.op == "insert" else text)
    return (
        f'<tr{css}><td class="kind">{html.escape(kind)}</td>'
        f"<td>{html.escape(old_label)}</td>"
        f'<td class="text">{"".join(old_cells)}</td>'
        f"<td>{html.escape(new_label)}</td>"
        f'<td class="text">{"".join(new_cells)}</td></tr>'
    )


def alignment_html(alignment: Alignment, *, title: str, hide_consequential: bool = False) -> str:
    """One self-contained HTML page: summary and a three-column comparison table."""
    import html

    pairs = _entries(alignment, hide_consequential)
    summary = "".join(
        f"<span>{CHANGE_LABELS[k]} {v}</span>" for k, v in _summary(pairs).items() if v
    )
    rows: list[str] = []
    for label, change in (("标题修改", alignment.title), ("题注修改", alignment.note)):
        if change is not None:
            rows.append(_html_row(label, "", change.old, "", change.new, ""))
    shown_headings = set(_headings(alignment, hide_consequential))
    for entry in alignment.reading_order(pairs):
        if isinstance(entry, HeadingChange):
            if entry in shown_headings:
                label = heading_change_label(entry)
                rows.append(_html_row(label, "", entry.old, "", entry.new, ' class="heading"'))
            continue
        pair = entry
        css = (
            ' class="consequential"'
            if pair.consequential
            else ' class="unchanged"'
            if not pair.changed
            else ""
        )
        rows.append(
            _html_row(
                CHANGE_LABELS[pair.kind],
                "、".join(pair.old_labels),
                pair.old_text,
                "、".join(pair.new_labels),
                pair.new_text,
                css,
                hunks=pair.hunks(),
            )
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<h1>{html.escape(title)}</h1><p class="summary">{summary}</p>'
        "<table><thead><tr><th>变化</th><th>原条文</th><th>原文</th><th>新条文</th><th>新文</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


def _load_file(path: Path) -> Document:
    doc = parse_file(path, validate=False)  # only read here: see workbench.model.trusted
    for diagnostic in doc.diagnostics:
        if diagnostic.severity == "error":
            echo(format_diagnostic(str(path), diagnostic), err=True)
    return doc


def _load_versions(
    cli: CliContext, project: str, first: str, second: str
) -> tuple[Document, Document, str, list[DeclaredLink]]:
    """Two stored versions, a title, and what a decision applied to the first declares."""
    from workbench.workspace.amendments import AmendmentService

    with cli.open_workspace() as ws:
        old_info = ws.resolve_version(project, first)
        new_info = ws.resolve_version(project, second)
        old = ws.document(project, old_info.number)
        new = ws.document(project, new_info.number)
        declared = AmendmentService(ws).declared(project, old_info.number, old, new)
    title = f"{new.title}：第{old_info.number}版（{old_info.label}）→ 第{new_info.number}版（{new_info.label}）"
    return old, new, title, declared


@click.command("diff")
@click.argument("first")
@click.argument("second")
@project_option(
    required=False,
    help="比较工作区中该项目的两个版本：FIRST、SECOND 为版本号、节点名称（如 初审前）或 latest。",
)
@format_option("text", "json", "html", labels={"text": "逐条差异，终端中着色"})
@click.option("--hide-consequential", is_flag=True, help="隐藏仅因条文编号变动而产生的变化。")
@pass_cli
def diff_cmd(
    cli: CliContext,
    first: str,
    second: str,
    project: str | None,
    fmt: str,
    hide_consequential: bool,
) -> None:
    """逐条比较两个版本：FIRST 为旧版本，SECOND 为新版本。

    不带 --project 时，FIRST、SECOND 为两个法规文件（.md/.txt/.docx/.doc/.wps/.xml）；条文按内容对齐，
    分为未变、重新编号、修改、移动、新增、删除、拆分、合并。
    """
    if project is None:
        old = _load_file(Path(first))
        new = _load_file(Path(second))
        title = f"{new.title}：{Path(first).name} → {Path(second).name}"
        declared: list[DeclaredLink] = []
    else:
        old, new, title, declared = _load_versions(cli, project, first, second)
    if not old.children and not new.children:
        raise WorkbenchError("两个版本都没有可比较的条文")
    alignment = align_documents(old, new, declared=declared)
    if fmt == "json":
        emit_json("diff", alignment_json(alignment, hide_consequential=hide_consequential))
    elif fmt == "html":
        echo(
            alignment_html(alignment, title=title, hide_consequential=hide_consequential), nl=False
        )
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = alignment_text(alignment, hide_consequential=hide_consequential, color=color)
        echo(text, styled=color)


COMMANDS: list[click.Command] = [diff_cmd]
"""The commands this module adds to ``workbench``."""
