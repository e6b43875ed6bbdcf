"""Read tabular comment data (CSV reader or XLSX sheet rows) into `ParsedFile`.

Header, rows, per-row validation with row and column in every problem, formula-like cells
flagged, quoted words split from 条款. It must not import the store or the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from workbench.comments.guard import guard_rows
from workbench.comments.limits import Budget, Limits
from workbench.comments.parsed import (
    FIELD_COLUMNS,
    FORMULA_PREFIXES,
    FORMULA_WARNING,
    HEADER_COLUMNS,
    HEADER_FIELDS,
    ROW_FIELDS,
    ParsedFile,
    ParsedRow,
    RowColumns,
    explain,
)
from workbench.errors import FileProblem
from workbench.model.comments import COLUMNS, MAX_CELL_CHARS, CommentRow

__all__ = ["read_table", "split_quote"]


def read_table(
    lines: Iterable[Sequence[str]],
    parsed: ParsedFile,
    limits: Limits,
    *,
    budget: Budget | None = None,
    controls: bool = True,
) -> None:
    """Read header + rows from an iterator of cell tuples (CSV reader or XLSX rows).

    The rows pass `guard_rows` first (limits, memory ``budget``, the control-character rule;
    ``controls=False`` when the caller knows there is no control character).

    Raises:
        LimitExceeded: The file went over a limit while being read.
    """
    iterator = guard_rows(lines, parsed, limits, budget or Budget(limits), controls=controls)
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
    head_idx = [(position[c], c, HEADER_FIELDS[c]) for c in HEADER_COLUMNS]
    field_idx = [(position[c], c, f) for c, f in ROW_FIELDS.items()]
    get_head = itemgetter(*(i for i, _, _ in head_idx))
    get_fields = itemgetter(*(i for i, _, _ in field_idx))
    names = tuple(f for _, _, f in field_idx)
    assert names == _ROW_ORDER, names
    width = len(header)
    max_chars = limits.max_cell_chars
    max_rows = limits.max_rows
    strip = str.strip
    body = list(iterator)
    uniform = _uniform_columns(
        body, width, [i for i, _, _ in head_idx], field_idx, limits, validated=parsed.columnar
    )
    if uniform is not None:
        head, columns = uniform
        found = _valid_columns(columns) if parsed.columnar else None
        if found is not None or not parsed.columnar:
            parsed.station, parsed.collector, parsed.project, parsed.version = head
            if found is not None:
                parsed.columns = found
            else:
                _validate_rows(parsed, _records(columns), list(range(2, len(body) + 2)), {}, limits)
            _check_header_cells(parsed, head, head_idx)
            return
        # a value breaks a rule: the general loop names its row and column
    records: list[dict[str, object]] = []
    rownums: list[int] = []
    flagged: dict[int, tuple[str, ...]] = {}
    splits: dict[str, tuple[str, str | None] | None] = {}
    first: tuple[str, ...] | None = None
    first_raw: tuple[str, ...] | None = None
    count = 0
    rownum = 1
    for cells in body:
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
        clause = fields[0]
        record = _record(*fields)
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
    _check_header_cells(parsed, first, head_idx)


def _check_header_cells(
    parsed: ParsedFile, first: tuple[str, ...] | None, head_idx: list[tuple[int, str, str]]
) -> None:
    """Report a file without data rows, or with an empty station, project or version."""
    if first is None:
        parsed.error("文件中没有意见数据行：请在表头下逐行填写意见后提交", row=2)
        return
    for _, col, attr in head_idx:
        if not getattr(parsed, attr) and attr != "collector":
            parsed.error(f"“{col}”为空：请填写（模板已预填，勿删除）", row=2, column=col)


_Columns = tuple[
    list[str], list[str | None], list[str], list[str], list[str], list[str], list[str], list[str]
]
"""A table's field columns in `_ROW_ORDER`, with the quoted words after 条款: clause, quote, ...."""


def _uniform_columns(
    body: list[Sequence[str]],
    width: int,
    head_pos: list[int],
    field_idx: list[tuple[int, str, str]],
    limits: Limits,
    *,
    validated: bool = False,
) -> tuple[tuple[str, ...], _Columns] | None:
    """The header cells and field columns of a file in the usual shape; None when it is not.

    The usual shape: every row full width with the same header cells, no blank row, no cell
    with surrounding spaces, a formula-like start or too many characters, and not too many
    rows. Such a file needs no per-cell work before validation, and is checked here column by
    column, in C; any other goes through the general loop, which reports each problem with
    its row and column. ``validated``: the columns will be validated as `CommentRow` values
    (`_valid_columns`), so a field cell over a limit no lower than the model's is left to fail
    there.
    """
    if not body or len(body) > limits.max_rows or set(map(len, body)) != {width}:
        return None
    table = list(zip(*body, strict=True))
    head: list[str] = []
    for i in head_pos:
        column = table[i]
        if column.count(column[0]) != len(column):
            return None
        head.append(column[0])
    fields = [list(table[i]) for i, _, _ in field_idx]
    if "" in fields[1] and _BLANK_ROW in zip(*fields, strict=True):
        return None  # blank rows are skipped, by the general loop
    lengths: Iterable[int] = map(len, head)
    if not (validated and limits.max_cell_chars >= MAX_CELL_CHARS):
        lengths = chain(lengths, *(map(len, c) for c in fields))
    if max(lengths) > limits.max_cell_chars:
        return None
    joined = "\x00" + "\x00".join(chain(head, *fields)) + "\x00"
    if _IRREGULAR.search(joined) is not None or _IRREGULAR.search(joined[::-1]) is not None:
        return None  # reversed, a space ending a cell starts it
    clauses = fields[0]
    quotes: list[str | None] = [None] * len(clauses)
    distinct = set(clauses)
    if _QUOTE_SEARCH.search("".join(distinct)) is not None:
        quoted = {c: split_quote(c) for c in distinct if _QUOTE_SEARCH.search(c)}
        for i, clause in enumerate(clauses):
            split = quoted.get(clause)
            if split is not None:
                clauses[i], quotes[i] = split
    opinion, reason, proposal, category, submitter, contact = fields[1:]
    columns = (clauses, quotes, opinion, reason, proposal, category, submitter, contact)
    return tuple(head), columns


def _records(columns: _Columns) -> list[dict[str, object]]:
    """The `CommentRow` input of each row of ``columns``."""
    clauses, quotes, *rest = columns
    records = list(map(_record, clauses, *rest))
    for record, quote in zip(records, quotes, strict=True):
        if quote is not None:
            record["quote"] = quote
    return records


def _field_type(name: str) -> Any:
    """The type of `CommentRow` field ``name`` with its constraints and validators."""
    info = CommentRow.model_fields[name]
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _valid_columns(columns: _Columns) -> RowColumns | None:
    """``columns`` validated as `CommentRow` values; None when some value breaks a rule."""
    written: list[str | None] = list(columns[5])
    if "" in written:  # an empty 提出人类别 is no category
        written = [c or None for c in written]
    try:
        valid = _COLUMN_TYPES.validate_python((*columns[:5], written, *columns[6:]))
    except ValidationError:
        return None
    clause, quote, opinion, reason, proposal, category, submitter, contact = valid
    rows = list(range(2, len(clause) + 2))
    return RowColumns(rows, clause, quote, opinion, reason, proposal, category, submitter, contact)


def _record(
    clause: str,
    opinion: str,
    reason: str,
    proposal: str,
    category: str,
    submitter: str,
    contact: str,
) -> dict[str, object]:
    """The `CommentRow` input of one row's cells (an empty 提出人类别 is no category)."""
    return {
        "clause": clause,
        "opinion": opinion,
        "reason": reason,
        "proposal": proposal,
        "submitter_category": category or None,
        "submitter": submitter,
        "contact": contact,
    }


_BLANK_ROW = ("",) * len(ROW_FIELDS)
_IRREGULAR = re.compile("\x00[=+\\-@\\s]")
"""In cells joined each between NULs: a formula-like start or a leading space."""


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
_COLUMN_TYPES: TypeAdapter[tuple[list[Any], ...]] = TypeAdapter(
    tuple[tuple(list[_field_type(n)] for n in ("clause", "quote", *_ROW_ORDER[1:]))]  # type: ignore[misc,arg-type]
)
"""Validates a table column by column with the types of `CommentRow`'s fields."""


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
                explain(err["type"], err["msg"], column, limits), row=rownums[i], column=column
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


def _warn_flags(parsed: ParsedFile, row: int, flags: tuple[str, ...]) -> None:
    for flag in flags:
        column = flag.split(":", 1)[1]
        parsed.warnings.append(
            FileProblem(
                FORMULA_WARNING,
                file=parsed.name,
                row=row,
                column=column,
            )
        )
