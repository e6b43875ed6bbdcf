"""Addressing versions and reading files into trees for the workspace.

A version is addressed by its number (``3`` or ``v3``), by a node name (the latest version
frozen at that node, e.g. ``初审前``), or as ``latest``/``最新``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from workbench.errors import ParseError, StoreError
from workbench.model import Document
from workbench.model.project import VersionInfo
from workbench.parse import parse_file

__all__ = ["LATEST_REFS", "parse_source", "pick_version"]

LATEST_REFS = frozenset({"latest", "最新", "最新版"})
"""Words that address a project's latest version."""

_NUMBER = re.compile(r"^[vV第]?(\d+)版?$")


def pick_version(slug: str, infos: Sequence[VersionInfo], ref: str | int | None) -> VersionInfo:
    """The version ``ref`` addresses among ``infos`` (ascending by number).

    Raises:
        StoreError: No such version; the message lists the valid references.
    """
    if not infos:
        raise StoreError(f"项目“{slug}”还没有任何版本：请先用 workbench import 导入草案。")
    if ref is None:
        return infos[-1]
    text = str(ref).strip()
    if text in LATEST_REFS:
        return infos[-1]
    m = _NUMBER.match(text)
    if m:
        wanted = int(m.group(1))
        for info in infos:
            if info.number == wanted:
                return info
    else:
        at_stage = [i for i in infos if i.stage == text]
        if at_stage:
            return at_stage[-1]
    listed = "、".join(f"{i.number}（{i.label}）" for i in infos)
    stages = "、".join(dict.fromkeys(i.stage for i in infos))
    raise StoreError(
        f"项目“{slug}”没有版本“{text}”。可用的版本号：{listed}；"
        f"也可以用节点名称（取该节点最新一版）：{stages}；或 latest。"
    )


def parse_source(path: Path) -> Document:
    """Read a received file into a tree.

    A ``.json`` file is a workbench Document as ``workbench show --format json`` prints it;
    anything else goes to `workbench.parse.parse_file`.

    Raises:
        ParseError: The file cannot be read as a regulation.
    """
    if path.suffix.lower() == ".json":
        try:
            return Document.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ParseError(
                f"不是有效的草案 JSON：{where}：{first['msg']}", file=str(path)
            ) from exc
    return parse_file(path)
