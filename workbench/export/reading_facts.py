"""The facts a report at a reading is drafted from, and the drafted report, as types.

Every fact is sourced from the workspace (`workbench.workspace.reading_reports` gathers them);
`workbench.export.reading_report` drafts the report. Must not import store or workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workbench.diff import Alignment
from workbench.model import Document
from workbench.model.cycle import ProjectKind, StageRecord

__all__ = [
    "REPORT_KINDS",
    "SALUTATION",
    "Block",
    "Consultation",
    "Opinion",
    "ReadingFacts",
    "ReadingReport",
    "ReportKind",
    "Tally",
    "needed",
]

ReportKind = Literal["起草说明", "修改情况", "审议结果", "修改情况说明"]

REPORT_KINDS: tuple[ReportKind, ...] = ("起草说明", "修改情况", "审议结果", "修改情况说明")
"""Every report kind, in the order of the cycle."""

SALUTATION = "主任、各位副主任、秘书长、各位委员："
"""How a report to the standing committee addresses it."""


def needed(what: str) -> str:
    """The mark left where staff must write: ``【请补充：what】``."""
    return f"【请补充：{what}】"


@dataclass(frozen=True, slots=True)
class Opinion:
    """One opinion (or a group of the same opinion) from the consultation, with its decision."""

    source: str
    """Who sent it: a station's or party's name."""
    source_kind: str
    """联络站, 联系点, 代表之家 or 四方."""
    text: str
    """The opinion (意见建议)."""
    decision: str | None
    """采纳, 部分采纳, 未采纳, 留作参考, or None while undecided."""
    reason: str = ""
    """The reason given with the decision."""
    count: int = 1
    """How many comments said the same (a duplicate cluster counts once, with its size)."""
    senders: int = 1
    """From how many stations or parties they came."""
    uids: tuple[str, ...] = ()
    """The nodes it concerns: its target and the node its decision is carried out in."""


@dataclass(frozen=True, slots=True)
class Consultation:
    """A 四前四方 cell: a party at a node, its status and its 会商 record."""

    node: str
    """The node (``二审前``)."""
    party: str
    """The party (``司法行政部门``)."""
    status: str
    """未征求, 已征求, 已反馈 or 已会商."""
    record: str
    """The 会商 record, free text (may be empty)."""


@dataclass(frozen=True, slots=True)
class Tally:
    """How many comments came in during the consultation the report covers."""

    total: int
    """Every comment made on the versions covered."""
    stations: tuple[tuple[str, str, int], ...]
    """(kind, name, comments) per station that sent any, 四方 parties excluded, most first."""
    parties: tuple[tuple[str, int], ...]
    """(party, comments) of the 四前四方 parties."""
    deputies: int
    """Of which raised by people's congress deputies (提出人类别 人大代表)."""
    decisions: tuple[tuple[str, int], ...]
    """(decision, comments), 待处理 for undecided; only kinds that occur."""


@dataclass(frozen=True, slots=True)
class ReadingFacts:
    """Everything a report is drafted from; each field is sourced from the workspace."""

    kind: ReportKind
    """Which report."""
    project_kind: ProjectKind
    """制定, 修订, 修正 or 废止."""
    regulation: str
    """The regulation's title without draft brackets."""
    draft_name: str
    """What the bill is called in titles: 草案, 修订草案, 修正草案."""
    old: Document | None
    """The earlier version (None for a 起草说明 with nothing before the draft)."""
    old_name: str
    """Its name as the report calls it (征求意见稿, 草案, 现行条例 …); empty without one."""
    old_in_force: bool
    """Whether ``old`` is the text in force a revision or an amendment starts from."""
    new: Document
    """The version the report accompanies."""
    new_name: str
    """Its name (草案修改稿, 表决稿 …)."""
    alignment: Alignment | None
    """``align_documents(old, new)``, the changes the report lists; None without ``old``."""
    meeting: StageRecord | None
    """Where the report is delivered: the record of ``new``'s stage, if recorded."""
    earlier: StageRecord | None
    """The reading that deliberated ``old`` (for the opening), if recorded."""
    earlier_reading: int | None
    """Which reading that was (1, 2, 3), when ``old``'s stage is a reading."""
    tally: Tally
    """The comments made on the versions from ``old`` up to ``new``."""
    opinions: tuple[Opinion, ...]
    """Those comments, grouped; decisions and reasons included."""
    sessions: tuple[Consultation, ...]
    """The 四前四方 cells of the nodes held in between."""
    nodes: tuple[str, ...]
    """Those nodes, in order."""
    decision_items: int | None = None
    """An amendment against the text in force: how many items its 修改决定 has (the decision
    applied to ``old``, or the one drafted from the two texts); None otherwise."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the report."""

    text: str
    """Its words."""
    style: Literal["heading", "body", "closing"] = "body"
    """A numbered section heading (一、关于……), a body paragraph, or the closing request."""


@dataclass(frozen=True, slots=True)
class ReadingReport:
    """A drafted report."""

    title: str
    """``关于《……（草案）》审议结果的报告``."""
    subtitle: str
    """``——2025年4月10日在……会议上``."""
    speaker: str
    """Who delivers it (a placeholder: staff fill it in)."""
    salutation: str
    """``主任、各位副主任、秘书长、各位委员：``."""
    blocks: tuple[Block, ...]
    """The body: opening, numbered sections, closing."""
