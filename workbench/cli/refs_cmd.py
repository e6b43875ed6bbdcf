"""``workbench refs FILE``: list a regulation's cross-references — internal, external, dangling.

stdout carries the listing only (JSON or readable Chinese text); parse diagnostics are not
repeated here (``workbench parse`` shows them). Errors go to stderr with a non-zero exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option
from workbench.cli.output import echo, emit_json
from workbench.errors import ParseError
from workbench.parse import parse_file
from workbench.refs import (
    CitationStyle,
    DocIndex,
    PreambleReference,
    Reference,
    ReferenceReport,
    find_references,
    format_citation,
)

__all__ = ["COMMANDS", "refs_cmd", "report_data", "report_text"]


def report_data(
    index: DocIndex, report: ReferenceReport, style: CitationStyle
) -> dict[str, list[dict[str, Any]]]:
    """The JSON shape of a reference report: source labels, words as written, target labels.

    Citations in preamble paragraphs (a 修改决定's operations) are listed with the others, their
    source written ``前文第N段``; external ones name the instrument they cite.
    """

    def source(uid: str) -> str:
        return format_citation(index, uid, style)

    def targets(uids: tuple[str, ...]) -> list[str]:
        return [format_citation(index, u, style) for u in uids]

    rows: dict[str, list[dict[str, Any]]] = {"internal": [], "external": [], "dangling": []}
    found: list[tuple[str, Reference | PreambleReference]] = [
        (source(r.source), r) for r in (*report.internal, *report.external, *report.dangling)
    ]
    found += [(f"前文第{r.paragraph + 1}段", r) for r in report.preamble]
    for where, r in found:
        row: dict[str, Any] = {"source": where, "text": r.text}
        if r.status == "internal":
            row["targets"] = targets(r.targets)
        elif r.status == "external":
            row["instrument"] = r.citation.instrument
        else:
            row["reason"] = r.reason or ""
        rows[r.status].append(row)
    return rows


def report_text(title: str, data: dict[str, list[dict[str, Any]]]) -> str:
    """A readable Chinese listing of `report_data`'s result."""
    lines = [
        f"{title}：内部引用{len(data['internal'])}处，外部引用{len(data['external'])}处，"
        f"悬空引用{len(data['dangling'])}处"
    ]
    lines.append("")
    lines.append(f"内部引用（{len(data['internal'])}）")
    for r in data["internal"]:
        lines.append(f"  {r['source']}：“{r['text']}” → {'、'.join(r['targets'])}")
    lines.append("")
    lines.append(f"外部引用（{len(data['external'])}）")
    for r in data["external"]:
        name = r.get("instrument")
        named = f"（{name}）" if name and name not in r["text"] else ""
        lines.append(f"  {r['source']}：“{r['text']}”{named}")
    lines.append("")
    lines.append(f"悬空引用（{len(data['dangling'])}）")
    for r in data["dangling"]:
        lines.append(f"  {r['source']}：“{r['text']}”——{r['reason']}")
    return "\n".join(lines) + "\n"


@click.command("refs")
@click.argument("file", type=click.Path(path_type=Path))
@format_option("text", "json", labels={"text": "中文列表"})
@click.option(
    "--paren-items/--plain-items",
    default=False,
    help="目标中的项写作“第（三）项”（默认“第三项”）。",
)
@click.option(
    "--strict",
    is_flag=True,
    help="有悬空引用时以退出码 1 结束。",
)
@click.option(
    "--library",
    "use_library",
    is_flag=True,
    help="用工作区的法规库核对外部引用：列出所引上位法条文（文本日期施行的版本）及其此后的变化。",
)
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="与 --library 同用：按该日期施行的上位法版本核对（默认取题注或文件名中的日期）。",
)
@pass_cli
def refs_cmd(
    cli: CliContext,
    file: Path,
    fmt: str,
    paren_items: bool,
    strict: bool,
    use_library: bool,
    when: str | None,
) -> None:
    """列出法规文本中的条款引用：内部引用及其指向、外部引用（其他法律文件）和悬空引用。

    内部引用如“本条例第十二条第二款”“前款第四项至第六项”；外部引用如
    “《中华人民共和国立法法》第八十一条”“刑法第二百三十六条”“有关法律、法规”；
    悬空引用是指向本文件中不存在的条款的引用，附原因。
    """
    if not file.exists():
        raise ParseError("文件不存在，请检查路径", file=str(file))
    if file.is_dir():
        raise ParseError("这是一个目录，请给出一个法规文本文件", file=str(file))
    doc = parse_file(file)
    index = DocIndex(doc)
    report = find_references(index)
    style = CitationStyle(item_parens=paren_items)
    data = report_data(index, report, style)
    at = None
    if use_library:
        from workbench.check import parse_date
        from workbench.cli.upper_refs import attach_upper

        try:
            given = parse_date(when) if when else None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from exc
        at = attach_upper(cli, doc, file, index, data, given, style)
    elif when is not None:
        raise click.UsageError("--date 只能与 --library 一起使用")
    if fmt == "json":
        emit_json("refs", {**data, "at": at.isoformat()} if use_library and at else data)
    else:
        text = report_text(doc.title, data)
        if use_library:
            from workbench.cli.upper_refs import upper_text

            text += upper_text(data, at)
        echo(text, nl=False)
    if strict and report.dangling:
        echo(f"错误：{file}：有{len(report.dangling)}处悬空引用", err=True)
        raise SystemExit(1)


COMMANDS: list[click.Command] = [refs_cmd]
"""The commands this module adds to ``workbench``."""
