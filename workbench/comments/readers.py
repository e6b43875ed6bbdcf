"""Read comment files (XLSX, CSV, JSON) into rows, refusing anything unsafe or malformed.

Station files are untrusted: sizes are checked before parsing, XLSX zip members are measured
before openpyxl opens them (zip bombs), XML declaring a DTD is refused (found in the parsed
prolog, whatever the encoding or padding; openpyxl parses through defusedxml as well), nothing
is evaluated (a cell starting with ``=`` stays text and is flagged). While a file streams its
rows pass the limits of `workbench.comments.limits` (Excel's rows and columns, the
workbench's rows and columns, each part's expanded size, the memory the file may cost) and
the control-character rule (`workbench.comments.guard`); a file over a limit is refused with
a message naming it (`FileRefused`). This module reads and checks shape only; whether the
station, project and version exist is `workbench.comments.validate`'s business. It must not
import the store or the workspace.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from workbench.comments.csv_file import read_csv
from workbench.comments.json_file import JsonProblem, read_json
from workbench.comments.limits import (
    DEFAULT_LIMITS,
    MIB,
    Budget,
    FileRefused,
    Limits,
    release_memory,
)
from workbench.comments.parsed import FORMULA_PREFIXES, FileFormat, ParsedFile, ParsedRow
from workbench.comments.table import read_table, split_quote
from workbench.comments.xlsx import XlsxLayoutError, XlsxReader
from workbench.parse.xmlsafe import declares_dtd

__all__ = [
    "FORMULA_PREFIXES",
    "FileFormat",
    "JsonProblem",
    "ParsedFile",
    "ParsedRow",
    "detect_format",
    "read_comment_file",
    "split_quote",
]


def detect_format(name: str, head: bytes) -> FileFormat | None:
    """Guess the format from the content first (zip magic, ``{``), then the file suffix."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return "json"
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".txt", ""):
        return "csv"
    return None


def read_comment_file(
    data: bytes,
    name: str,
    *,
    fmt: FileFormat | None = None,
    limits: Limits = DEFAULT_LIMITS,
    columnar: bool = False,
) -> ParsedFile:
    """Read a comment file's bytes: header, rows, and every problem found.

    Never raises for bad input: problems are collected in the result (``ok`` is False).

    Args:
        data: The file's bytes, exactly as received.
        name: Its name, for reports and to help guess the format.
        fmt: The format, when known; guessed otherwise.
        limits: Size limits.
        columnar: Return the rows of a table in the usual shape as `ParsedFile.columns`
            (validated alike, without a model object per row).

    Returns:
        The parsed file with rows, errors and warnings.
    """
    guessed = fmt or detect_format(name, data[:64])
    parsed = ParsedFile(name=name, format=guessed or "csv", columnar=columnar)
    if guessed is None:
        parsed.error(
            f"无法识别的文件类型“{Path(name).suffix}”：请提交 XLSX、CSV 或 JSON 格式的意见表"
        )
        return parsed
    if len(data) > limits.max_file_bytes:
        parsed.error(
            f"文件过大（{len(data) // (1024 * 1024)} MiB，上限 "
            f"{limits.max_file_bytes // (1024 * 1024)} MiB）：请拆分为多个文件后提交"
        )
        return parsed
    if not data.strip():
        parsed.error("文件为空：请使用工作台生成的模板填写后提交")
        return parsed
    try:
        if guessed == "json":
            read_json(data, parsed, limits)
        elif guessed == "csv":
            read_csv(data, parsed, limits)
        else:
            _read_xlsx(data, parsed, limits)
    except FileRefused as exc:
        parsed.error(exc.message, row=exc.row, column=exc.column)
        refused = True
    else:
        refused = False
    if refused:
        release_memory()
    return parsed


# ---------------------------------------------------------------- XLSX


def _check_zip(data: bytes, parsed: ParsedFile, limits: Limits) -> bool:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        parsed.error(
            "XLSX 文件已损坏或不完整（无法作为压缩包打开）：请重新保存为 Excel 工作簿后提交"
        )
        return False
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            parsed.error(f"XLSX 文件内部成员过多（{len(members)}）：疑似恶意文件，已拒收")
            return False
        total = 0
        for info in members:
            total += info.file_size
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_zip_ratio * max(
                info.compress_size, 1
            ):
                parsed.error(
                    f"XLSX 成员“{info.filename}”压缩比异常（{info.file_size}/{info.compress_size}）："
                    "疑似压缩炸弹，已拒收"
                )
                return False
        if total > limits.max_unzipped_bytes:
            parsed.error(
                f"XLSX 解压后过大（{total // (1024 * 1024)} MiB，上限 "
                f"{limits.max_unzipped_bytes // (1024 * 1024)} MiB）：疑似压缩炸弹，或请拆分文件"
            )
            return False
        names = {info.filename for info in members}
        if "[Content_Types].xml" not in names:
            parsed.error(
                "XLSX 文件结构不完整（缺少 [Content_Types].xml）：请重新保存为 Excel 工作簿"
            )
            return False
        parts = [i for i in members if i.filename.endswith((".xml", ".rels"))]
        for info in parts:
            if info.file_size > limits.max_part_bytes:
                parsed.error(
                    f"XLSX 部件“{info.filename}”解压后 {info.file_size // MIB} MiB，超过 "
                    f"{limits.max_part_bytes // MIB} MiB 的上限：请拆分文件，或另存为 CSV 后提交"
                )
                return False
        try:
            for info in parts:
                with archive.open(info) as stream:
                    unsafe = declares_dtd(stream)
                if unsafe:
                    parsed.error(
                        f"XLSX 成员“{info.filename}”含有 DTD/实体声明：不安全的文件，已拒收"
                    )
                    return False
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            parsed.error("XLSX 文件已损坏（压缩数据校验失败）：请重新保存为 Excel 工作簿后提交")
            return False
    return True


def _read_xlsx(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    if not _check_zip(data, parsed, limits):
        return
    budget = Budget(limits)
    damaged = "XLSX 文件内容损坏（无法解析工作表）：请用 Excel 重新保存后提交"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            rows = XlsxReader(archive, limits, budget).rows()
        except XlsxLayoutError:
            rows = None  # unusual layout: let openpyxl read it
        except (etree.XMLSyntaxError, KeyError, zipfile.BadZipFile, OSError, EOFError):
            parsed.error(damaged)
            return
        if rows is not None:
            try:
                read_table(rows, parsed, limits, budget=budget)
            except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError):
                parsed.error(damaged)
            return
    _read_xlsx_openpyxl(data, parsed, limits)


_OPENPYXL_PART_BYTES = 16 * MIB
"""openpyxl builds whole trees: an unusual workbook it reads has smaller parts than ours."""


def _read_xlsx_openpyxl(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    import openpyxl  # heavy: imported only when an XLSX arrives

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        big = [i.filename for i in archive.infolist() if i.file_size > _OPENPYXL_PART_BYTES]
    if big:
        parsed.error(
            f"XLSX 工作簿结构少见，且部件“{big[0]}”超过 {_OPENPYXL_PART_BYTES // MIB} MiB："
            "请用 Excel 另存为标准的 .xlsx（Excel 工作簿）后提交"
        )
        return
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception:  # openpyxl raises many kinds on broken files
        parsed.error("XLSX 文件无法读取（结构损坏或不是 Excel 工作簿）：请用 Excel 重新保存后提交")
        return
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            parsed.error("XLSX 文件没有工作表：请使用工作台生成的模板")
            return
        # Read one column more than allowed, so a cell beyond the limit is seen, not cut off.
        cells = (
            _trimmed(tuple(_cell_text(v) for v in values))
            for values in sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
        )
        read_table(cells, parsed, limits)
    except FileRefused:
        raise
    except Exception:
        parsed.error("XLSX 文件内容损坏（无法解析工作表）：请用 Excel 重新保存后提交")
    finally:
        book.close()


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row without the empty cells openpyxl pads it with on the right."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
