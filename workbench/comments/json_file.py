"""Read JSON comment files (one object per file, English or Chinese keys) into `ParsedFile`.

Problems are placed by comment position and key (`JsonProblem`), not by spreadsheet row.
It must not import the store or the workspace.
"""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from workbench.comments.guard import CONTROL_WARNING
from workbench.comments.limits import CELL_COST, Budget, Limits
from workbench.comments.parsed import (
    FIELD_COLUMNS,
    FORMULA_PREFIXES,
    FORMULA_WARNING,
    ROW_FIELDS,
    ParsedFile,
    ParsedRow,
    explain,
)
from workbench.errors import FileProblem
from workbench.model.comments import FILE_KEY_ALIASES, ROW_KEY_ALIASES, CommentFile, CommentRow
from workbench.parse.jsonsafe import JsonError, clean_strings, load_json

__all__ = ["JsonProblem", "read_json"]


def read_json(data: bytes, parsed: ParsedFile, limits: Limits) -> None:
    """Read a JSON comment file's bytes into ``parsed`` (header, rows, errors, warnings)."""
    # Before parsing: every value, however small, becomes an object of its own.
    values = data.count(b",") + data.count(b"[") + data.count(b"{") + 1
    Budget(limits).check(CELL_COST * values + 2 * len(data))
    try:
        obj = load_json(data)
    except JsonError as exc:
        parsed.error(f"JSON 文件无法读取：{exc.message}：请检查括号、引号和编码（UTF-8）")
        return
    obj, cleaned = clean_strings(obj)
    parsed.warnings.extend(_control_warning(parsed.name, c.path, c.removed) for c in cleaned)
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
            JsonProblem(FORMULA_WARNING, file=parsed.name, comment=i, column=flag.split(":", 1)[1])
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
        explain(err["type"], err["msg"], column, limits, key=key),
        file=name,
        comment=comment,
        column=column,
        key=key,
    )


def _control_warning(
    name: str, path: tuple[int | str, ...], removed: tuple[str, ...]
) -> JsonProblem:
    """The control-character warning for the string at ``path`` (a comment's key, or the header)."""
    message = CONTROL_WARNING.format(removed="、".join(removed))
    if len(path) >= 3 and path[0] in ("comments", FILE_KEY_ALIASES["comments"]):
        key = str(path[2])
        english = {v: k for k, v in ROW_KEY_ALIASES.items()}.get(key, key)
        column = FIELD_COLUMNS.get(english, key)
        comment = path[1] + 1 if isinstance(path[1], int) else None
        return JsonProblem(message, file=name, comment=comment, column=column, key=key)
    top = str(path[0]) if path else None
    header = FILE_KEY_ALIASES.get(top, top) if top is not None else None
    return JsonProblem(message, file=name, column=header, key=top)


def _json_kind(obj: object) -> str:
    if isinstance(obj, list):
        return "一个数组"
    if isinstance(obj, str):
        return "一个字符串"
    if obj is None:
        return "null"
    return "一个数值"


def _formula_flags_model(row: CommentRow) -> tuple[str, ...]:
    out: list[str] = []
    for attr, col in ROW_FIELDS.items():
        value = getattr(row, col)
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            out.append(f"formula:{attr}")
    return tuple(out)
