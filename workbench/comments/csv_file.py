"""Read CSV comment files: guess the encoding (UTF-8, GBK, GB18030), then read the table.

It must not import the store or the workspace.
"""

from __future__ import annotations

import csv
import io
from itertools import repeat

from workbench.comments.limits import CELL_COST, Budget, Limits
from workbench.comments.parsed import ParsedFile
from workbench.comments.table import read_table
from workbench.controls import has_controls, looks_binary

__all__ = ["read_csv", "split_plain"]

_CSV_ENCODINGS = ("utf-8-sig", "gbk", "gb18030")


def _decode_csv(data: bytes) -> tuple[str, str] | None:
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig":
            encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return text, encoding
    return None


def read_csv(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    """Read a CSV comment file's bytes into ``parsed``, recording the encoding it was read in."""
    decoded = _decode_csv(data)
    if decoded is None:
        parsed.error("无法识别文件编码：请以 UTF-8 或 GBK（Excel“CSV”格式）保存后重新提交")
        return
    text, parsed.encoding = decoded
    if looks_binary(text):
        parsed.error("CSV 文件含有大量控制字符或二进制内容：文件可能已损坏或不是 CSV，请重新导出")
        return
    budget = Budget(limits)
    # Before splitting: a file of nothing but commas and line ends is millions of cells.
    cells = text.count(",") + text.count("\n") + 1
    budget.check(CELL_COST * cells + 2 * len(text))
    controls = has_controls(text.replace("\r\n", "\n")) if "\r" in text else has_controls(text)
    field_limit = max(limits.max_cell_chars * 4, 131072)
    rows = split_plain(text, field_limit)
    if rows is not None:
        read_table(rows, parsed, limits, budget=budget, controls=controls)
        return
    csv.field_size_limit(field_limit)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        read_table(reader, parsed, limits, budget=budget, controls=controls)
    except csv.Error as exc:
        parsed.error(
            f"CSV 格式错误（{_csv_problem(exc)}）：请用工作台模板重新导出",
            row=reader.line_num or None,
        )


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in Chinese."""
    text = str(exc)
    if "field larger than field limit" in text:
        return "某个单元格过长"
    if "new-line character seen in unquoted field" in text:
        return "未加引号的单元格中有换行"
    if "EOF" in text or "eof" in text:
        return "引号没有配对，文件在引号中途结束"
    return "格式无法识别"


def split_plain(text: str, field_limit: int) -> list[list[str]] | None:
    """The rows of CSV text without quote characters, split in C; None for `csv` to read.

    Without a ``"`` a CSV field is the text between commas and a record the text between line
    ends, so splitting gives what `csv.reader` gives (an empty line is no cells), several
    times faster. Lone carriage returns and lines longer than ``field_limit`` (which `csv`
    refuses with its own report) are left to `csv`.
    """
    if '"' in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the last line's end
    if max(map(len, lines), default=0) > field_limit:
        return None
    if "" in lines:  # an empty line has no cells (not one empty cell)
        return [line.split(",") if line else [] for line in lines]
    return list(map(str.split, lines, repeat(",")))
