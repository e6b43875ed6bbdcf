"""What reading a comment file yields: rows, header values, problems; shared column tables.

Used by every format reader (`workbench.comments.json_file`, `workbench.comments.table`,
`workbench.comments.csv_file`, `workbench.comments.readers`). It must not import the store or
the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from workbench.comments.limits import Limits
from workbench.errors import FileProblem
from workbench.model.comments import COLUMNS, CommentRow
from workbench.model.messages import validation_message

__all__ = [
    "FIELD_COLUMNS",
    "FORMULA_PREFIXES",
    "FORMULA_WARNING",
    "HEADER_COLUMNS",
    "HEADER_FIELDS",
    "ROW_FIELDS",
    "FileFormat",
    "ParsedFile",
    "ParsedRow",
    "RowColumns",
    "explain",
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
HEADER_FIELDS = {
    "联络站编号": "station",
    "采集员": "collector",
    "项目": "project",
    "版本": "version",
}
"""Tabular header column → `ParsedFile` attribute."""

FORMULA_WARNING = "内容以 = + - @ 开头，已按文本保存，不会作为公式计算"
"""Warning for a cell kept as text because it starts like a formula."""


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
class RowColumns:
    """The valid data rows of a file, one list per `CommentRow` field (rows in file order).

    What a reader returns instead of `ParsedRow` objects when asked to (`ParsedFile.columnar`)
    and the file is in the usual shape: every value validated with `CommentRow`'s field types,
    no formula-like cell, nothing to report per row.
    """

    row: list[int]
    """Spreadsheet row of each (the header is row 1)."""
    clause: list[str]
    quote: list[str | None]
    opinion: list[str]
    reason: list[str]
    proposal: list[str]
    submitter_category: list[str | None]
    submitter: list[str]
    contact: list[str]

    def __len__(self) -> int:
        return len(self.row)


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
    """The valid data rows (empty when they are in ``columns``)."""
    columnar: bool = False
    """Set before reading: a table in the usual shape fills ``columns`` instead of ``rows``
    (no model object per row; what ingest stores)."""
    columns: RowColumns | None = None
    """The valid data rows column by column, when ``columnar`` and the file allowed it."""
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


def explain(
    kind: str, msg: str, column: str | None, limits: Limits, *, key: str | None = None
) -> str:
    """Explain one pydantic validation error in Chinese: what is wrong and how to fix it."""
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
    described = validation_message({"type": kind, "loc": (), "msg": msg, "input": None})
    if kind.endswith("_type") or kind == "model_type":
        return f"类型不对（{described}）：请按 schemas/comment-file.schema.json 填写"
    return f"内容不符合要求（{described}）：请修改后重新提交"
