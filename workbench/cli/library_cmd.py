"""``workbench library add|list|show``: the shelf of upper-level laws a draft cites.

``add`` takes files and folders (a folder adds every law text under it, so the shared corpus
loads in one command: ``workbench library add ../shared/corpus``). stdout carries the data; what
was skipped or refused, and why, goes to stderr. Exit codes: 0 when every file was added or was
already there (a folder's non-law files such as a README are skipped), 3 when some files were
added and some refused, 1 when every file given was refused.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.context import CliContext, pass_cli
from workbench.cli.options import format_option
from workbench.cli.output import ExitCode, echo, emit_json, fail, note

if TYPE_CHECKING:
    from workbench.model.library import LawInstrument, LawVersionInfo
    from workbench.workspace.library import LibraryService

__all__ = ["COMMANDS", "library_group"]


def _service(cli: CliContext) -> LibraryService:
    from workbench.workspace.library import LibraryService

    return LibraryService(cli.open_workspace())


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    from workbench.check.instruments import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _version_json(info: LawVersionInfo) -> dict[str, Any]:
    data: dict[str, Any] = info.model_dump(mode="json")
    return data


@click.group("library")
def library_group() -> None:
    """法规库：收录上位法律法规及其各个版本，用于核对草案对上位法的引用。"""


@library_group.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="版本日期（如 2023-03-13），代替从题注或文件名读出的日期；只能用于一个文件。",
)
@format_option("text", "json")
@pass_cli
def add_cmd(cli: CliContext, paths: tuple[Path, ...], when: str | None, fmt: str) -> None:
    """把法规文本（文本、Markdown、Word，.doc/.wps 经 LibreOffice 转换，Akoma Ntoso）加入法规库；目录则收录其下全部法规文本。

    法规以标题为名（如《中华人民共和国立法法》，也可用简称“立法法”查找），以题注中最后的
    通过、修正、修订或批准日期为版本日期（题注没有时取文件名中的“(YYYY-MM-DD)”）。
    同一文件重复加入不会重复收录。
    """
    at = _date_option(when)
    if at is not None and (len(paths) != 1 or paths[0].is_dir()):
        raise click.UsageError("--date 只能用于一个文件")
    service = _service(cli)
    try:
        outcomes = service.add(list(paths), actor=cli.actor, at=at)
    finally:
        service.ws.close()
    added = [o for o in outcomes if o.result is not None and o.result.created]
    present = [o for o in outcomes if o.result is not None and not o.result.created]
    refused = [o for o in outcomes if o.problem is not None and not o.skipped]
    skipped = [o for o in outcomes if o.skipped]
    for o in skipped:
        note(f"跳过 {o.path}：{o.problem}")
    for o in refused:
        fail(o.problem or "")
    if fmt == "json":
        data = {
            "added": [_version_json(o.result.version) for o in added if o.result],
            "present": [_version_json(o.result.version) for o in present if o.result],
            "refused": [{"file": str(o.path), "reason": o.problem} for o in refused],
            "skipped": [{"file": str(o.path), "reason": o.problem} for o in skipped],
        }
        emit_json("library.add", data)
    else:
        for o in added:
            assert o.result is not None
            echo(f"已加入：{o.result.version.label}，{o.result.version.articles}条")
        for o in present:
            assert o.result is not None
            echo(f"已在库中：{o.result.version.label}（{o.path.name}）")
        echo(
            f"共{len(outcomes)}个文件：加入{len(added)}个，已在库中{len(present)}个，"
            f"跳过{len(skipped)}个，出错{len(refused)}个"
        )
    if refused:
        raise SystemExit(ExitCode.PARTIAL if added or present else ExitCode.ERROR)


@library_group.command("list")
@format_option("text", "json")
@pass_cli
def list_cmd(cli: CliContext, fmt: str) -> None:
    """列出法规库中的法律法规、简称和各个版本的日期。"""
    service = _service(cli)
    try:
        instruments = service.instruments()
    finally:
        service.ws.close()
    if fmt == "json":
        emit_json("library.list", {"instruments": [_instrument_json(i) for i in instruments]})
        return
    if not instruments:
        note("法规库是空的：用 workbench library add 文件或目录 加入法规。")
        return
    from workbench.cli.workspace_cmd import format_table
    from workbench.model.library import date_label

    body = [
        [
            i.name,
            "、".join(i.aliases) or "-",
            "、".join(date_label(v.date) for v in i.versions),
            str(i.latest.articles if i.latest else 0),
        ]
        for i in instruments
    ]
    echo(format_table(["名称", "简称", "版本", "条数（最新版）"], body))


def _instrument_json(instrument: LawInstrument) -> dict[str, Any]:
    return {
        "name": instrument.name,
        "aliases": list(instrument.aliases),
        "versions": [_version_json(v) for v in instrument.versions],
    }


@library_group.command("show")
@click.argument("name")
@click.option(
    "--version",
    "when",
    metavar="DATE",
    help="显示在该日期施行的版本（如 2020-01-01）；默认为最新版本。",
)
@click.option("--clause", help="只显示一个条款，如 第八十一条 或 第八十一条第二款。")
@format_option("text", "json", labels={"text": "全文", "json": "版本信息与条文树"})
@pass_cli
def show_cmd(cli: CliContext, name: str, when: str | None, clause: str | None, fmt: str) -> None:
    """显示法规库中一部法规的全文（NAME 为全称或简称，如 立法法）。"""
    at = _date_option(when)
    service = _service(cli)
    try:
        info, doc = service.version(name, at)
        instrument = service.instrument(name)
    finally:
        service.ws.close()
    from workbench.model.library import date_label

    if clause is not None:
        _show_clause(info.label, doc, clause, fmt)
        return
    if fmt == "json":
        data = {
            **_instrument_json(instrument),
            "version": _version_json(info),
            "document": json.loads(doc.model_dump_json()),
        }
        emit_json("library.show", data)
        return
    from workbench.render import render_text

    others = [date_label(v.date) for v in instrument.versions if v.date != info.date]
    note(
        f"{info.label}，共{info.articles}条"
        + (f"；库中其他版本：{'、'.join(others)}" if others else "")
    )
    text = render_text(doc)
    echo(text if text.endswith("\n") else text + "\n", nl=False)


def _show_clause(label: str, doc: Any, clause: str, fmt: str) -> None:
    from workbench.errors import StoreError
    from workbench.model import full_text
    from workbench.refs import CitationError, resolve_text

    try:
        resolution = resolve_text(clause, doc)
    except CitationError as exc:
        raise StoreError(exc.message) from exc
    if not resolution.ok:
        raise StoreError(f"{label}中找不到“{clause}”：{resolution.reason}")
    from workbench.refs import DocIndex, format_citation

    index = DocIndex(doc)
    entries = [
        {"clause": format_citation(index, uid), "text": full_text(index.node(uid))}
        for uid in resolution.targets
    ]
    if fmt == "json":
        emit_json("library.clauses", {"version": label, "clauses": entries})
        return
    for entry in entries:
        echo(f"{entry['clause']}　{entry['text']}")


COMMANDS: list[click.Command] = [library_group]
"""The commands this module adds to ``workbench``."""
