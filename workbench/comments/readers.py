"""Read comment files (XLSX, CSV, JSON) into rows, refusing anything unsafe or malformed.

Station files are untrusted: sizes are checked before parsing, XLSX zip members are measured
before openpyxl opens them (zip bombs), XML with a DTD is refused (openpyxl parses through
defusedxml as well), nothing is evaluated (a cell starting with ``=`` stays text and is flagged).
This module reads and checks shape only; whether the station, project and version exist is
`workbench.comments.validate`'s business. It must not import the store or the workspace.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Literal

from lxml import etree
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from workbench.comments.limits import DEFAULT_LIMITS, Limits
from workbench.comments.xlsx import XlsxLayoutError, iter_sheet_rows
from workbench.errors import FileProblem
from workbench.model.comments import (
    COLUMNS,
    FILE_KEY_ALIASES,
    ROW_KEY_ALIASES,
    CommentFile,
    CommentRow,
)

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

FileFormat = Literal["xlsx", "csv", "json"]

FORMULA_PREFIXES = ("=", "+", "-", "@")
"""Cell starts a spreadsheet would take for a formula; such cells are kept as text and flagged."""

HEADER_COLUMNS = COLUMNS[:4]
ROW_FIELDS: dict[str, str] = {
    "条款": "clause",
    "意见建议": "opinion",
    "理由": "reason",
    "建议修改为": "proposal",
    "提出人类别": "submitter_category",
    "提出人": "submitter",
    "联系方式": "contact",
}
"""Tabular column → `CommentRow` field."""
FIELD_COLUMNS = {v: k for k, v in ROW_FIELDS.items()} | {"quote": "条款"}
_HEADER_FIELDS = {
    "联络站编号": "station",
    "采集员": "collector",
    "项目": "project",
    "版本": "version",
}
_CSV_ENCODINGS = ("utf-8-sig", "gbk", "gb18030")


@dataclass(slots=True)
class ParsedRow:
    """One data row, validated."""

    row: int
    """Spreadsheet row number (the header is row 1) or 1-based position in a JSON list."""
    data: CommentRow
    """The validated row."""
    flags: tuple[str, ...] = ()
    """``formula:<column>`` for each cell that starts like a formula."""


@dataclass(slots=True)
class ParsedFile:
    """What a comment file holds, or why it cannot be used."""

    name: str
    """The file name as received (for reports)."""
    format: FileFormat
    """xlsx, csv or json."""
    encoding: str | None = None
    """CSV only: the encoding it was read in (utf-8, utf-8-sig, gbk, gb18030)."""
    station: str = ""
    """联络站编号 from the header columns."""
    collector: str = ""
    """采集员."""
    project: str = ""
    """项目."""
    version: str = ""
    """版本."""
    rows: list[ParsedRow] = field(default_factory=list)
    """The valid data rows."""
    errors: list[FileProblem] = field(default_factory=list)
    """Problems that reject the file (each names row, column and the fix)."""
    warnings: list[FileProblem] = field(default_factory=list)
    """Things to tell the sender that do not reject the file (formula-like cells)."""

    @property
    def ok(self) -> bool:
        """True when nothing rejects the file."""
        return not self.errors

    def error(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        """Record a problem that rejects the file."""
        self.errors.append(FileProblem(message, file=self.name, row=row, column=column))


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
    data: bytes, name: str, *, fmt: FileFormat | None = None, limits: Limits = DEFAULT_LIMITS
) -> ParsedFile:
    """Read a comment file's bytes: header, rows, and every problem found.

    Never raises for bad input: problems are collected in the result (``ok`` is False).

    Args:
        data: The file's bytes, exactly as received.
        name: Its name, for reports and to help guess the format.
        fmt: The format, when known; guessed otherwise.
        limits: Size limits.

    Returns:
        The parsed file with rows, errors and warnings.
    """
    guessed = fmt or detect_format(name, data[:64])
    parsed = ParsedFile(name=name, format=guessed or "csv")
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
    if guessed == "json":
        _read_json(data, parsed, limits)
    elif guessed == "csv":
        _read_csv(data, parsed, limits)
    else:
        _read_xlsx(data, parsed, limits)
    return parsed


# ---------------------------------------------------------------- JSON


def _read_json(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        parsed.error("JSON 文件不是 UTF-8 编码：请以 UTF-8 保存后重新提交")
        return
    except json.JSONDecodeError as exc:
        parsed.error(
            f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列：{exc.msg}）：请检查括号和引号"
        )
        return
    if not isinstance(obj, dict):
        parsed.error(
            f"JSON 顶层应为一个对象（{{...}}），实际是{_json_kind(obj)}："
            "请按 schemas/comment-file.schema.json 的格式提交，一个文件一个对象"
        )
        return
    for key in ("station", "collector", "project", "version"):
        col = FILE_KEY_ALIASES[key]
        value = obj[key] if key in obj else obj.get(col)
        if isinstance(value, str):
            setattr(parsed, key, value.strip())
        elif value is None and key != "collector":
            parsed.errors.append(
                JsonProblem(
                    f"缺少字段“{key}”（或“{col}”）：请补填", file=parsed.name, column=col, key=key
                )
            )
    rows = obj["comments"] if "comments" in obj else obj.get(FILE_KEY_ALIASES["comments"])
    if isinstance(rows, list) and len(rows) > limits.max_rows:
        parsed.error(f"意见条数过多（{len(rows)}，上限 {limits.max_rows}）：请拆分文件")
        return
    try:
        model = CommentFile.model_validate(obj)
    except ValidationError as exc:
        for err in exc.errors():
            if err["type"] == "missing" and err["loc"] in _HEADER_MISSING:
                continue  # already reported above, naming both keys
            parsed.errors.append(_json_problem(parsed.name, err, rows, limits))
        return
    for i, row_model in enumerate(model.comments, start=1):
        flags = _formula_flags_model(row_model)
        parsed.rows.append(ParsedRow(i, row_model, flags))
        parsed.warnings.extend(
            JsonProblem(_FORMULA_WARNING, file=parsed.name, comment=i, column=flag.split(":", 1)[1])
            for flag in flags
        )


class JsonProblem(FileProblem):
    """A problem in a JSON comment file, placed by comment position and key, not by row.

    ``row`` holds the 1-based position of the comment in the ``comments`` list (None for the
    header) and ``column`` the column name the key stands for (``意见建议``), so ``to_dict`` keeps
    the shape of tabular reports; ``key`` is the key as the sender wrote it (``opinion`` or
    ``意见建议``), which is what the message shows.
    """

    __slots__ = ("key",)

    def __init__(
        self,
        message: str,
        *,
        file: str | None,
        comment: int | None = None,
        column: str | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message, file=file, row=comment, column=column)
        self.key = key or column

    def __str__(self) -> str:
        where = [
            p
            for p in (
                self.file,
                f"第{self.row}条意见" if self.row is not None else None,
                f"字段“{self.key}”" if self.key else None,
            )
            if p
        ]
        return f"{'，'.join(where)}：{self.message}" if where else self.message


_ZH_KEYS = frozenset(ROW_KEY_ALIASES.values())
_HEADER_MISSING = frozenset((key,) for key in ("station", "project", "version"))


def _json_problem(name: str, err: ErrorDetails, rows: object, limits: Limits) -> JsonProblem:
    """Explain one validation error of a JSON file: which comment, which key as written."""
    loc = err["loc"]
    comment: int | None = None
    key: str | None = None
    column: str | None = None
    if len(loc) >= 2 and loc[0] in ("comments", FILE_KEY_ALIASES["comments"]):
        comment = int(loc[1]) + 1
        if len(loc) >= 3 and isinstance(loc[2], str):
            key = loc[2]
            english = {v: k for k, v in ROW_KEY_ALIASES.items()}.get(key, key)
            column = FIELD_COLUMNS.get(english, key)
            raw = rows[comment - 1] if isinstance(rows, list) and comment <= len(rows) else None
            if err["type"] == "missing" and isinstance(raw, dict) and _ZH_KEYS & raw.keys():
                key = ROW_KEY_ALIASES.get(key, key)  # the sender uses Chinese keys: name it so
    elif loc and isinstance(loc[0], str):
        key = loc[0]
        column = FILE_KEY_ALIASES.get(key, key)
    return JsonProblem(
        _explain(err["type"], err["msg"], column, limits, key=key),
        file=name,
        comment=comment,
        column=column,
        key=key,
    )


def _json_kind(obj: object) -> str:
    if isinstance(obj, list):
        return "一个数组"
    if isinstance(obj, str):
        return "一个字符串"
    if obj is None:
        return "null"
    return "一个数值"


# ---------------------------------------------------------------- CSV


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


def _read_csv(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
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
        _read_table(reader, parsed, limits)
    except csv.Error as exc:
        parsed.error(f"CSV 格式错误（{exc}）：请用工作台模板重新导出", row=reader.line_num or None)


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
        try:
            for info in members:
                if info.filename.endswith((".xml", ".rels")):
                    head = archive.open(info).read(65536)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rows = list(iter_sheet_rows(archive))
    except XlsxLayoutError:
        rows = None  # unusual layout: let openpyxl read it
    except (etree.XMLSyntaxError, KeyError, ValueError, IndexError, zipfile.BadZipFile, OSError):
        parsed.error("XLSX 文件内容损坏（无法解析工作表）：请用 Excel 重新保存后提交")
        return
    if rows is not None:
        _read_table(rows, parsed, limits)
        return
    _read_xlsx_openpyxl(data, parsed, limits)


def _read_xlsx_openpyxl(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    import openpyxl  # heavy: imported only when an XLSX arrives

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds on broken files
        parsed.error(f"XLSX 文件无法读取（{type(exc).__name__}）：请用 Excel 重新保存后提交")
        return
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            parsed.error("XLSX 文件没有工作表：请使用工作台生成的模板")
            return
        cells = (
            tuple(_cell_text(v) for v in values) for values in sheet.iter_rows(values_only=True)
        )
        _read_table(cells, parsed, limits)
    except Exception as exc:
        parsed.error(f"XLSX 文件内容损坏（{type(exc).__name__}）：请用 Excel 重新保存后提交")
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- tables


def _read_table(lines: object, parsed: ParsedFile, limits: Limits) -> None:
    """Read header + rows from an iterator of cell tuples (CSV reader or XLSX rows)."""
    iterator = iter(lines)  # type: ignore[call-overload]
    header: list[str] | None = None
    for cells in iterator:
        if any(c.strip() for c in cells):
            header = [c.strip().lstrip("\ufeff") for c in cells]
            break
    if header is None:
        parsed.error("文件中没有表头和数据：请使用工作台生成的模板")
        return
    position = {name: i for i, name in reversed(list(enumerate(header))) if name}
    missing = [c for c in COLUMNS if c not in position]
    if missing:
        for col in missing:
            parsed.error(
                f"缺少“{col}”列：表头应依次为 {'、'.join(COLUMNS)}，请使用工作台生成的模板",
                row=1,
                column=col,
            )
        return
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        parsed.warnings.append(
            FileProblem(f"忽略未知列：{'、'.join(unknown)}", file=parsed.name, row=1)
        )
    head_idx = [(position[c], c, _HEADER_FIELDS[c]) for c in HEADER_COLUMNS]
    field_idx = [(position[c], c, f) for c, f in ROW_FIELDS.items()]
    get_head = itemgetter(*(i for i, _, _ in head_idx))
    get_fields = itemgetter(*(i for i, _, _ in field_idx))
    names = tuple(f for _, _, f in field_idx)
    assert names == _ROW_ORDER, names
    width = len(header)
    max_chars = limits.max_cell_chars
    max_rows = limits.max_rows
    strip = str.strip
    records: list[dict[str, object]] = []
    rownums: list[int] = []
    flagged: dict[int, tuple[str, ...]] = {}
    splits: dict[str, tuple[str, str | None] | None] = {}
    first: tuple[str, ...] | None = None
    first_raw: tuple[str, ...] | None = None
    count = 0
    rownum = 1
    for cells in iterator:
        rownum += 1
        if len(cells) < width:
            cells = (*cells, *([""] * (width - len(cells))))
        fields = list(map(strip, get_fields(cells)))
        if not any(fields):
            continue  # blank, or only the prefilled header columns of a template row
        count += 1
        if count > max_rows:
            parsed.error(f"数据行过多（上限 {max_rows} 行）：请拆分文件", row=rownum)
            return
        raw_head = get_head(cells)
        if raw_head != first_raw:  # first row, or a header cell that differs from it
            head = tuple(map(strip, raw_head))
            if max(map(len, head)) > max_chars:
                _report_long(parsed, rownum, (*head, *fields), (*head_idx, *field_idx), max_chars)
                continue
            if first is None:
                first, first_raw = head, raw_head
                parsed.station, parsed.collector, parsed.project, parsed.version = head
            elif head != first:
                _report_mixed(parsed, rownum, head, first, head_idx)
        joined = "\x00" + "\x00".join(fields)  # each cell follows a NUL
        if len(joined) > max_chars and max(map(len, fields)) > max_chars:
            _report_long(
                parsed, rownum, (*(first or ()), *fields), (*head_idx, *field_idx), max_chars
            )
            continue
        if _FORMULA_START.search(joined) is not None:
            flags = tuple(
                f"formula:{col}"
                for value, (_, col, _) in zip(fields, field_idx, strict=True)
                if value[:1] in _FORMULA_SET
            )
            flagged[len(records)] = flags
            _warn_flags(parsed, rownum, flags)
        clause, opinion, reason, proposal, category, submitter, contact = fields
        record: dict[str, object] = {
            "clause": clause,
            "opinion": opinion,
            "reason": reason,
            "proposal": proposal,
            "submitter_category": category or None,
            "submitter": submitter,
            "contact": contact,
        }
        try:
            split = splits[clause]
        except KeyError:  # once per distinct 条款 text of the file
            split = splits[clause] = (
                split_quote(clause) if _QUOTE_SEARCH.search(clause) is not None else None
            )
        if split is not None:
            record["clause"], quote = split
            if quote is not None:
                record["quote"] = quote
        records.append(record)
        rownums.append(rownum)
    _validate_rows(parsed, records, rownums, flagged, limits)
    if first is None:
        parsed.error("文件中没有意见数据行：请在表头下逐行填写意见后提交", row=2)
    for _, col, attr in head_idx:
        if first is not None and not getattr(parsed, attr) and attr != "collector":
            parsed.error(f"“{col}”为空：请填写（模板已预填，勿删除）", row=2, column=col)


_FORMULA_START = re.compile("\x00[=+\\-@]")
"""A cell starting like a formula, in the cells joined each after a NUL (4x faster than ``^|``)."""
_ROW_ORDER = (
    "clause",
    "opinion",
    "reason",
    "proposal",
    "submitter_category",
    "submitter",
    "contact",
)
_ROWS = TypeAdapter(list[CommentRow])
"""Validates a whole file's rows in one call (much faster than one call per row)."""


def _validate_rows(
    parsed: ParsedFile,
    records: list[dict[str, object]],
    rownums: list[int],
    flagged: dict[int, tuple[str, ...]],
    limits: Limits,
) -> None:
    """Validate the rows with `CommentRow`; report each bad one with its row and column."""
    try:
        models = _ROWS.validate_python(records)
    except ValidationError as exc:
        bad: set[int] = set()
        for err in exc.errors():
            loc = err["loc"]
            i = int(loc[0])
            bad.add(i)
            column = FIELD_COLUMNS.get(str(loc[1])) if len(loc) > 1 else None
            parsed.error(
                _explain(err["type"], err["msg"], column, limits), row=rownums[i], column=column
            )
        models = [CommentRow.model_validate(r) for i, r in enumerate(records) if i not in bad]
        rownums = [n for i, n in enumerate(rownums) if i not in bad]
        flagged = {k - sum(1 for b in bad if b < k): v for k, v in flagged.items() if k not in bad}
    if flagged:
        parsed.rows.extend(
            ParsedRow(n, m, flagged.get(i, ()))
            for i, (n, m) in enumerate(zip(rownums, models, strict=True))
        )
    else:
        parsed.rows.extend(map(ParsedRow, rownums, models))


_FORMULA_SET = frozenset(FORMULA_PREFIXES)


def _report_long(
    parsed: ParsedFile,
    rownum: int,
    values: tuple[str, ...],
    columns: tuple[tuple[int, str, str], ...],
    max_chars: int,
) -> None:
    for value, (_, col, _) in zip(values, columns, strict=True):
        if len(value) > max_chars:
            parsed.error(
                f"单元格过长（{len(value)} 字，上限 {max_chars} 字）：请精简或拆成多条意见",
                row=rownum,
                column=col,
            )


def _report_mixed(
    parsed: ParsedFile,
    rownum: int,
    head: tuple[str, ...],
    first: tuple[str, ...],
    head_idx: list[tuple[int, str, str]],
) -> None:
    for value, expected, (_, col, _) in zip(head, first, head_idx, strict=True):
        if value and value != expected:
            parsed.error(
                f"与第一行不一致（“{value}”≠“{expected}”）："
                "一个文件只能是同一联络站、同一项目、同一版本，请分文件提交",
                row=rownum,
                column=col,
            )


_QUOTE_OPEN = '“「『"'
_QUOTE_CLOSE = '”」』"'
_QUOTE_SEARCH = re.compile('[“「『"]')


def split_quote(clause: str) -> tuple[str, str | None]:
    """Split ``第十二条：“三十日内”`` into the citation and the quoted words (None when none)."""
    if _QUOTE_SEARCH.search(clause) is None:
        return clause, None
    for i, ch in enumerate(clause):
        if ch in _QUOTE_OPEN:
            end = len(clause)
            while end > i + 1 and clause[end - 1] not in _QUOTE_CLOSE:
                end -= 1
            quote = clause[i + 1 : end - 1] if end > i + 1 else clause[i + 1 :]
            return clause[:i].rstrip("：:，, "), quote or None
    return clause, None


def _formula_flags_model(row: CommentRow) -> tuple[str, ...]:
    out: list[str] = []
    for attr, col in ROW_FIELDS.items():
        value = getattr(row, col)
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            out.append(f"formula:{attr}")
    return tuple(out)


_FORMULA_WARNING = "内容以 = + - @ 开头，已按文本保存，不会作为公式计算"


def _warn_flags(parsed: ParsedFile, row: int, flags: tuple[str, ...]) -> None:
    for flag in flags:
        column = flag.split(":", 1)[1]
        parsed.warnings.append(
            FileProblem(
                _FORMULA_WARNING,
                file=parsed.name,
                row=row,
                column=column,
            )
        )


def _explain(
    kind: str, msg: str, column: str | None, limits: Limits, *, key: str | None = None
) -> str:
    if kind == "string_too_long":
        return f"内容过长（上限 {limits.max_cell_chars} 字，姓名/联系方式/条款上限 200 字）：请精简或拆成多条意见"
    if kind in ("string_too_short", "missing") and column == "意见建议":
        return "意见建议为空：每条意见须填写意见内容"
    if kind == "missing":
        return f"缺少“{column}”：请补填"
    if kind == "literal_error" and column == "提出人类别":
        return "提出人类别应为 群众、人大代表、企业、社会组织、专家、其他 之一：请从下拉列表中选择"
    if kind == "value_error" and "意见建议" in msg:
        return "意见建议为空：每条意见须填写意见内容"
    if kind == "string_pattern_mismatch" and column == "联络站编号":
        return "联络站编号格式不对（字母、数字、-、_，2-32 位）：请填写登记表中的编号"
    if kind == "extra_forbidden":
        return f"未知字段“{key or column}”：请按 schemas/comment-file.schema.json 填写"
    if kind.endswith("_type") or kind == "model_type":
        return f"类型不对（{msg}）：请按 schemas/comment-file.schema.json 填写"
    return f"内容不符合要求（{msg}）：请修改后重新提交"
