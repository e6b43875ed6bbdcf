"""The workspace's document settings: ``settings.toml`` in the workspace folder.

What an office sets once for every document it sends out::

    [documents]
    issuer = "××自治州人大常委会法制工作委员会"  # 落款: the body signing letters to stations
    date = "2026年12月4日"                       # 落款 date; leave out for the day of export
    item_citation = "第一项"                     # or "第（一）项" (legislative-norms.md §2.4)

A missing file or key keeps the default. A file that cannot be read is an error naming the file,
the line and what to fix; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import StoreError

__all__ = [
    "SETTINGS_NAME",
    "DocumentSettings",
    "document_settings",
    "written_date",
]

SETTINGS_NAME = "settings.toml"
"""The settings file's name in the workspace folder."""

_ITEM_FORMS = {"第一项": False, "第（一）项": True}
_MAX_BYTES = 64 * 1024
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """How the workspace's documents are signed and cite items."""

    issuer: str = ""
    """The body signing letters (落款); empty: not set."""
    date: str = ""
    """The 落款 date as written (``2026年12月4日``); empty: the day of export."""
    paren_items: bool = False
    """Cite items as ``第（一）项`` instead of ``第一项``."""

    def signed_on(self, today: dt.date) -> str:
        """The 落款 date: the one set, or ``today`` written the official way."""
        return self.date or written_date(today)


def written_date(day: dt.date) -> str:
    """``2026年12月4日`` (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def document_settings(folder: Path) -> DocumentSettings:
    """The settings of the workspace at ``folder`` (defaults when it has no settings file).

    Raises:
        StoreError: The file cannot be read, is not TOML, or holds a value that cannot be used.
    """
    path = folder / SETTINGS_NAME
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise StoreError(f"工作区设置文件 {path} 过大（超过 64 KiB），请检查是否放错了文件")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return DocumentSettings()
    except UnicodeDecodeError as exc:
        raise StoreError(f"工作区设置文件 {path} 不是 UTF-8 编码，请另存为 UTF-8") from exc
    except OSError as exc:
        raise StoreError(f"无法读取工作区设置文件 {path}：{exc.strerror}") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        line = f"第{where.group(1)}行" if where else ""
        raise StoreError(
            f"工作区设置文件 {path} {line}不是有效的 TOML：请检查引号、等号和方括号"
        ) from exc
    section = data.get("documents", {})
    if not isinstance(section, dict):
        raise StoreError(f"工作区设置文件 {path}：documents 应为一节（[documents]）")
    return _read(path, section)


def _read(path: Path, section: dict[str, object]) -> DocumentSettings:
    values: dict[str, str] = {}
    for key in ("issuer", "date", "item_citation"):
        value = section.get(key, "")
        if not isinstance(value, str):
            raise StoreError(f"工作区设置文件 {path}：[documents] {key} 应为加引号的文字")
        values[key] = value.strip()
    if values["date"] and not _DATE.fullmatch(values["date"]):
        raise StoreError(
            f"工作区设置文件 {path}：[documents] date “{values['date']}”应写作"
            "“2026年12月4日”，或删去该项以使用导出当天的日期"
        )
    form = values["item_citation"] or "第一项"
    if form not in _ITEM_FORMS:
        raise StoreError(
            f"工作区设置文件 {path}：[documents] item_citation 只能是“第一项”或“第（一）项”，"
            f"现为“{form}”"
        )
    return DocumentSettings(
        issuer=values["issuer"], date=values["date"], paren_items=_ITEM_FORMS[form]
    )
