"""Read CSV comment files: guess the encoding (UTF-8, GBK, GB18030), then read the table.

It must not import the store or the workspace.
"""

from __future__ import annotations

import csv
import io

from workbench.comments.limits import Limits
from workbench.comments.parsed import ParsedFile
from workbench.comments.table import read_table

__all__ = ["read_csv"]

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
    if "\x00" in text:
        parsed.error("CSV 文件含有二进制内容（NUL 字符）：文件可能已损坏，请重新导出")
        return
    csv.field_size_limit(max(limits.max_cell_chars * 4, 131072))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        read_table(reader, parsed, limits)
    except csv.Error as exc:
        parsed.error(f"CSV 格式错误（{exc}）：请用工作台模板重新导出", row=reader.line_num or None)
