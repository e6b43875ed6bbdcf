"""Consultation types: stations, comment files and their rows, stored comments, decisions.

A comment file is what a liaison station (联络站) sends back: one header (station, collector,
project, version) and rows of opinions, each aimed at a clause (条款) of that version. Pure types,
no I/O; reading files lives in `workbench.comments`, persistence in `workbench.store`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from workbench.model.base import WorkbenchModel, describe_fields
from workbench.model.ids import Uid

__all__ = [
    "COLUMNS",
    "DECISION_KINDS",
    "FILE_KEY_ALIASES",
    "MAX_CELL_CHARS",
    "ROW_KEY_ALIASES",
    "STATION_KINDS",
    "SUBMITTER_CATEGORIES",
    "UNDECIDED",
    "Comment",
    "CommentFile",
    "CommentRow",
    "CommentState",
    "Decision",
    "DecisionKind",
    "Station",
    "StationCode",
    "StationKind",
    "SubmitterCategory",
]

MAX_CELL_CHARS = 10_000
"""The most characters one cell (or JSON string) of a comment file may hold."""

StationKind = Literal["联络站", "联系点", "代表之家", "四方"]
"""立法信息联络站, 基层立法联系点, 人大代表之家, or one of the four parties of 四前四方."""

STATION_KINDS: tuple[StationKind, ...] = ("联络站", "联系点", "代表之家", "四方")

SubmitterCategory = Literal["群众", "人大代表", "企业", "社会组织", "专家", "其他"]
"""Who raised the opinion."""

SUBMITTER_CATEGORIES: tuple[SubmitterCategory, ...] = (
    "群众",
    "人大代表",
    "企业",
    "社会组织",
    "专家",
    "其他",
)

DecisionKind = Literal["采纳", "部分采纳", "未采纳", "留作参考"]
"""What staff decided about a comment."""

DECISION_KINDS: tuple[DecisionKind, ...] = ("采纳", "部分采纳", "未采纳", "留作参考")

UNDECIDED = "待处理"
"""What a comment nobody has decided yet shows as its decision (and is filtered by)."""

CommentState = Literal["placed", "unplaced", "orphaned"]
"""Where a comment stands in a version: on a clause, not yet on one, or on a deleted clause."""

StationCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$")]
"""A station code such as ``CJS-01`` (letters, digits, ``-`` and ``_``; 2-32 characters)."""

COLUMNS: tuple[str, ...] = (
    "联络站编号",
    "采集员",
    "项目",
    "版本",
    "条款",
    "意见建议",
    "理由",
    "建议修改为",
    "提出人类别",
    "提出人",
    "联系方式",
)
"""The columns of a tabular (XLSX/CSV) comment file, in order; the first four repeat on every row."""

Cell = Annotated[str, StringConstraints(max_length=MAX_CELL_CHARS)]

ROW_KEY_ALIASES: dict[str, str] = {
    "clause": "条款",
    "opinion": "意见建议",
    "reason": "理由",
    "proposal": "建议修改为",
    "submitter_category": "提出人类别",
    "submitter": "提出人",
    "contact": "联系方式",
}
"""`CommentRow` field → the Chinese key a JSON comment may use instead (the tabular column name)."""

FILE_KEY_ALIASES: dict[str, str] = {
    "station": "联络站编号",
    "collector": "采集员",
    "project": "项目",
    "version": "版本",
    "comments": "意见",
}
"""`CommentFile` field → the Chinese key a JSON file may use instead (the tabular column name)."""


def _either(name: str, aliases: dict[str, str]) -> AliasChoices:
    """Accept a field under its English name or its Chinese alias (English wins when both)."""
    return AliasChoices(name, aliases[name])


def _schema_with_aliases(aliases: dict[str, str]) -> Any:
    """A ``json_schema_extra`` hook documenting the Chinese keys next to the English ones.

    Each aliased property is repeated under its Chinese name, and a required field becomes
    "one of the two names is present" (``anyOf`` of ``required``), so the schema accepts exactly
    what validation accepts.
    """

    def extra(schema: dict[str, Any], cls: type[BaseModel]) -> None:
        describe_fields(schema, cls)
        properties: dict[str, Any] = schema.get("properties", {})
        for name, zh in aliases.items():
            if name in properties:
                prop = dict(properties[name])
                prop["description"] = f"同“{name}”（中文键名）。" + str(prop.get("description", ""))
                prop.pop("title", None)
                properties[zh] = prop
        required = [r for r in schema.get("required", []) if r not in aliases]
        either = [
            {"anyOf": [{"required": [r]}, {"required": [aliases[r]]}]}
            for r in schema.get("required", [])
            if r in aliases
        ]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        if either:
            schema["allOf"] = either

    return extra


ShortCell = Annotated[str, StringConstraints(max_length=200)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("意见建议不能为空")
    return value


OpinionText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_CELL_CHARS), AfterValidator(_not_blank)
]
"""意见建议: required, not only spaces."""


class Station(WorkbenchModel):
    """One place opinions come from: a liaison station, contact point, deputies' home or party."""

    code: StationCode
    """The code collectors write in the 联络站编号 column, e.g. ``CJS-01``."""
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """Its full name, e.g. ``昌吉市宁边路街道立法信息联络站``."""
    county: Annotated[str, StringConstraints(max_length=50)] = ""
    """The county, city or zone it belongs to (``昌吉市``, ``准东开发区``); empty for the parties."""
    kind: StationKind
    """联络站, 联系点, 代表之家 or 四方 (one of the four parties of 四前四方)."""


class CommentRow(WorkbenchModel):
    """One opinion as a station wrote it: the part of a row after the four header columns.

    In JSON each key may be the English field name or the Chinese column name (`ROW_KEY_ALIASES`).
    """

    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra=_schema_with_aliases(ROW_KEY_ALIASES)
    )

    clause: ShortCell = Field("", validation_alias=_either("clause", ROW_KEY_ALIASES))
    """条款: the citation as written (``第十二条第二款``, ``全文``); empty means the whole draft."""
    opinion: OpinionText = Field(validation_alias=_either("opinion", ROW_KEY_ALIASES))
    """意见建议: the opinion itself; required."""
    reason: Cell = Field("", validation_alias=_either("reason", ROW_KEY_ALIASES))
    """理由: why."""
    proposal: Cell = Field("", validation_alias=_either("proposal", ROW_KEY_ALIASES))
    """建议修改为: the wording the submitter proposes, if any."""
    submitter_category: SubmitterCategory | None = Field(
        None, validation_alias=_either("submitter_category", ROW_KEY_ALIASES)
    )
    """提出人类别: 群众, 人大代表, 企业, 社会组织, 专家 or 其他."""
    submitter: ShortCell = Field("", validation_alias=_either("submitter", ROW_KEY_ALIASES))
    """提出人: name of the person or organisation (personal data: masked in exports)."""
    contact: ShortCell = Field("", validation_alias=_either("contact", ROW_KEY_ALIASES))
    """联系方式: phone or address (personal data: masked in exports)."""
    quote: Cell | None = None
    """The words of the clause the opinion is about, when the submitter quoted them."""


class CommentFile(WorkbenchModel):
    """A comment file in JSON form: one header and the rows (``schemas/comment-file.schema.json``).

    Keys may be English field names or the Chinese column names (`FILE_KEY_ALIASES`).
    """

    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra=_schema_with_aliases(FILE_KEY_ALIASES)
    )

    schema_version: Literal[1] = 1
    """Version of this JSON layout."""
    station: StationCode = Field(validation_alias=_either("station", FILE_KEY_ALIASES))
    """联络站编号: the code of the sending station in the workspace's registry."""
    collector: ShortCell = Field("", validation_alias=_either("collector", FILE_KEY_ALIASES))
    """采集员: who collected the opinions."""
    project: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        validation_alias=_either("project", FILE_KEY_ALIASES)
    )
    """项目: the slug of the legislative project."""
    version: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        validation_alias=_either("version", FILE_KEY_ALIASES)
    )
    """版本: the version of the draft the opinions are about (its label or number)."""
    comments: tuple[CommentRow, ...] = Field(
        max_length=200_000, validation_alias=_either("comments", FILE_KEY_ALIASES)
    )
    """The opinions, in the order they were collected."""


class Comment(WorkbenchModel):
    """A stored comment: a row of a received file, anchored (or not yet) to a node uid."""

    id: int
    """Its number in the workspace."""
    project: str
    """The project slug."""
    version: str
    """The version the submitter saw (as the workspace names it)."""
    station: str
    """The sending station's code."""
    collector: str = ""
    """采集员."""
    file: str
    """The sha256 of the received file (its name in ``inbox/``)."""
    file_name: str = ""
    """The file's name as it was received."""
    row: int
    """The row in that file (spreadsheet row number, or position in the JSON list)."""
    cited_as: str = ""
    """The citation as the submitter wrote it, kept as it was (numbers change later)."""
    target_uid: Uid | None = None
    """The node it hangs on; None when unplaced or when it concerns the whole draft."""
    whole: bool = False
    """True when it concerns the whole draft (全文)."""
    quote: str | None = None
    """The quoted words of the clause, when given."""
    opinion: str
    """意见建议."""
    reason: str = ""
    """理由."""
    proposal: str = ""
    """建议修改为."""
    submitter_category: SubmitterCategory | None = None
    """提出人类别."""
    submitter: str = ""
    """提出人 (personal data)."""
    contact: str = ""
    """联系方式 (personal data)."""
    flags: tuple[str, ...] = ()
    """What ingest noticed, e.g. ``formula:意见建议`` for a cell starting with ``=``."""
    dup_key: str = ""
    """Hash of the normalised opinion: equal keys on the same clause are exact duplicates."""


class Decision(WorkbenchModel):
    """Staff's answer to a comment: adopted or not, why, who, when, and where it was carried out."""

    id: int
    """Its number in the workspace."""
    comment_id: int
    """The comment decided."""
    kind: DecisionKind
    """采纳, 部分采纳, 未采纳 or 留作参考."""
    reason: str = ""
    """The reason given (required by practice for 未采纳)."""
    decided_by: str
    """Who decided."""
    decided_at: datetime
    """When (UTC)."""
    cluster_id: int | None = None
    """The duplicate cluster the decision was made on, when made on a cluster."""
    linked_uid: Uid | None = None
    """The node of a later version that carries the decision out, when there is one."""
