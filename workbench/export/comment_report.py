"""The 意见汇总表 / 意见采纳情况表 as data (a station's feedback: `workbench.export.feedback`).

Rows go by clause in text order (whole-draft opinions first, unplaced ones last), a duplicate
cluster is one row with its size, and personal data (提出人, 联系方式) is masked unless asked
for. `workbench.export.comment_render` lays the data out as XLSX or DOCX. Must not import store
or workspace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from workbench.model import Document, citation_label, iter_paths
from workbench.model.comments import DECISION_KINDS, UNDECIDED, Station

__all__ = [
    "MIXED",
    "UNDECIDED",
    "CommentLike",
    "CommentReport",
    "DecisionLike",
    "ReportBuilder",
    "ReportRow",
    "ReportSummary",
    "build_comment_report",
    "mask_contact",
    "mask_name",
]

MIXED = "同类意见处理不一"
"""The summary line for merged rows whose members were decided differently (their comments
are counted under each member's own decision)."""
WHOLE_LABEL = "全文"
_DIGITS = re.compile(r"\d")


ORGANISATIONS = frozenset({"企业", "社会组织"})
"""提出人类别 naming an organisation: its name is not personal data and is shown."""


def mask_name(name: str, category: str | None = None) -> str:
    """``张三`` → ``张**``: the first character kept, the rest hidden (length too).

    An organisation (提出人类别 企业 or 社会组织) keeps its name: 昌吉市阳光助老协会 is not a
    person. Without a category the name is masked: nothing says it is not a person's.
    """
    name = name.strip()
    if category in ORGANISATIONS:
        return name
    return f"{name[0]}**" if name else ""


def mask_contact(contact: str) -> str:
    """``13812341234`` → ``138****1234``; an e-mail or address keeps only its first character.

    Digits in a phone number keep the first three and last four; everything else is hidden.
    """
    contact = contact.strip()
    if not contact:
        return ""
    digits = _DIGITS.findall(contact)
    if len(digits) >= 7 and "@" not in contact:
        plain = "".join(digits)
        return f"{plain[:3]}****{plain[-4:]}"
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return f"{contact[0]}***"


class DecisionLike(Protocol):
    """What the report needs of a decision (a `workbench.model.Decision` is one)."""

    @property
    def kind(self) -> str:
        """采纳, 部分采纳, 未采纳 or 留作参考."""
        ...

    @property
    def reason(self) -> str:
        """Why."""
        ...


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One opinion (or one duplicate cluster) with its decision."""

    clause: str
    """The clause in the reported version (``第十二条第二款``), ``全文``, or the citation as
    written followed by why it is not placed."""
    target_uid: str | None
    """The node it hangs on."""
    sources: tuple[str, ...]
    """Where it came from: station names (with collector), one per distinct source."""
    submitters: str
    """提出人 (masked unless personal data is included)."""
    contacts: str
    """联系方式 (masked unless personal data is included)."""
    category: str
    """提出人类别."""
    opinion: str
    """意见建议."""
    reason: str
    """理由."""
    proposal: str
    """建议修改为."""
    cluster_size: int
    """How many comments the row stands for (1 unless a duplicate cluster)."""
    decision: str
    """采纳 / 部分采纳 / 未采纳 / 留作参考 or 待处理 when every comment of the row shares it;
    otherwise what each got, e.g. ``部分已处理（1/3 采纳）``."""
    decision_reason: str
    """The reason given for the decision (per decision kind when the members differ)."""
    comment_ids: tuple[int, ...]
    """The comments the row stands for."""
    stations: tuple[str, ...]
    """Station codes of those comments."""
    member_decisions: tuple[str, ...] = ()
    """Each comment's own decision (or 待处理), in the order of ``comment_ids``."""

    @property
    def mixed(self) -> bool:
        """Whether the comments of the row were decided differently."""
        return len(set(self.member_decisions)) > 1


@dataclass(frozen=True, slots=True)
class CommentReport:
    """The report: rows in text order and the summary counts."""

    title: str
    """``《……》意见采纳情况表``."""
    rows: tuple[ReportRow, ...]
    """One per opinion or duplicate cluster."""
    total_comments: int
    """How many comments in all (duplicates counted each)."""
    by_decision: tuple[tuple[str, int, int], ...]
    """(decision, rows, comments) for each decision kind and 待处理: rows whose comments all
    share it, and comments by each one's own decision; then (同类意见处理不一, rows, 0) when
    some merged rows' comments were decided differently."""
    by_station: tuple[tuple[str, int], ...]
    """(station name, comments), most first."""
    by_clause: tuple[tuple[str, int], ...]
    """(clause, comments), in text order."""


class CommentLike(Protocol):
    """What the report needs of a comment (a `workbench.model.Comment` is one)."""

    @property
    def id(self) -> int:
        """The comment's number."""
        ...

    @property
    def station(self) -> str:
        """The sending station's code."""
        ...

    @property
    def collector(self) -> str:
        """采集员 (shown with personal data only)."""
        ...

    @property
    def whole(self) -> bool:
        """It concerns the whole draft."""
        ...

    @property
    def target_uid(self) -> str | None:
        """The node it hangs on."""
        ...

    @property
    def cited_as(self) -> str:
        """条款 as written."""
        ...

    @property
    def submitter(self) -> str:
        """提出人."""
        ...

    @property
    def contact(self) -> str:
        """联系方式."""
        ...

    @property
    def submitter_category(self) -> str | None:
        """提出人类别."""
        ...

    @property
    def opinion(self) -> str:
        """意见建议."""
        ...

    @property
    def reason(self) -> str:
        """理由."""
        ...

    @property
    def proposal(self) -> str:
        """建议修改为."""
        ...


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """The counts of a report (its 统计 and its opening sentence)."""

    total_comments: int
    """How many comments in all (duplicates counted each)."""
    rows: int
    """How many rows (a duplicate cluster is one)."""
    by_decision: tuple[tuple[str, int, int], ...]
    """As `CommentReport.by_decision`."""
    by_station: tuple[tuple[str, int], ...]
    """As `CommentReport.by_station`."""
    by_clause: tuple[tuple[str, int], ...]
    """As `CommentReport.by_clause`."""
    silent_stations: tuple[str, ...] = ()
    """The stations of the registry that sent no comment on the project (names)."""
    uncommented: tuple[str, ...] = ()
    """The articles of the version shown that drew no comment."""


class ReportBuilder:
    """Builds a report's rows a part at a time (clause by clause), keeping only the counts.

    The parts must come in text order (whole draft first, then each clause, then what is not
    placed); `rows` orders and masks each part's rows and `summary` counts all of them, so a
    report of a million comments is written without holding them.
    """

    def __init__(
        self,
        doc: Document,
        *,
        stations: Mapping[str, Station] | None = None,
        include_personal_data: bool = False,
        paren_items: bool = False,
    ) -> None:
        self.title = f"《{doc.title}》意见采纳情况表"
        """``《……》意见采纳情况表``."""
        self._stations = stations or {}
        self._personal = include_personal_data
        self._order, self._labels = _clause_order(doc, paren_items)
        self._row_counts: Counter[str] = Counter()
        self._comment_counts: Counter[str] = Counter()
        self._station_counts: Counter[str] = Counter()
        self._clause_counts: dict[str, int] = {}
        self._rows = 0

    def position(self, target_uid: str | None, whole: bool) -> int:
        """Where a comment on ``target_uid`` goes: -1 whole draft, the node's place, or last."""
        if whole:
            return -1
        if target_uid is not None and target_uid in self._order:
            return self._order[target_uid]
        return len(self._order) + 1

    def rows(
        self,
        comments: Sequence[CommentLike],
        decisions: Mapping[int, DecisionLike],
        *,
        clusters: Sequence[Sequence[int]] = (),
        clause_notes: Mapping[int, str] | None = None,
    ) -> list[ReportRow]:
        """The rows of ``comments`` (a cluster's members together), in text order; counted."""
        by_id = {c.id: c for c in comments}
        groups: list[list[CommentLike]] = []
        grouped: set[int] = set()
        for cluster in clusters:
            members = [by_id[i] for i in sorted(set(cluster)) if i in by_id and i not in grouped]
            if members:
                groups.append(members)
                grouped.update(c.id for c in members)
        groups.extend([c] for c in sorted(comments, key=lambda c: c.id) if c.id not in grouped)
        notes = clause_notes or {}
        rows = [
            _row(group, decisions, self._stations, self._labels, notes, self._personal)
            for group in groups
        ]
        rows.sort(key=lambda r: (_position(r, self._order), min(r.comment_ids)))
        for row in rows:
            self._row_counts[MIXED if row.mixed else row.decision] += 1
            self._comment_counts.update(row.member_decisions or (row.decision,) * row.cluster_size)
            self._clause_counts[row.clause] = self._clause_counts.get(row.clause, 0) + (
                row.cluster_size
            )
        self._station_counts.update(c.station for c in comments)
        self._rows += len(rows)
        return rows

    def summary(self) -> ReportSummary:
        """The counts of every row made so far."""
        counts = [
            (k, self._row_counts[k], self._comment_counts[k]) for k in (*DECISION_KINDS, UNDECIDED)
        ]
        if self._row_counts[MIXED]:
            counts.append((MIXED, self._row_counts[MIXED], 0))
        named = [
            (self._stations[code].name if code in self._stations else code, n)
            for code, n in self._station_counts.items()
        ]
        return ReportSummary(
            total_comments=sum(self._clause_counts.values()),
            rows=self._rows,
            by_decision=tuple(counts),
            by_station=tuple(sorted(named, key=lambda item: (-item[1], item[0]))),
            by_clause=tuple(self._clause_counts.items()),
        )


def build_comment_report(
    doc: Document,
    comments: Sequence[CommentLike],
    decisions: Mapping[int, DecisionLike],
    *,
    stations: Mapping[str, Station] | None = None,
    clusters: Sequence[Sequence[int]] = (),
    clause_notes: Mapping[int, str] | None = None,
    include_personal_data: bool = False,
    paren_items: bool = False,
) -> CommentReport:
    """Group, order and mask the comments on one version.

    Args:
        doc: The version the comments are shown against (clause labels come from it).
        comments: The comments.
        decisions: The decision on each comment, by comment id.
        stations: The registry, by code (for names); codes are shown when missing.
        clusters: Groups of comment ids that are duplicates of each other.
        clause_notes: How to name the clause of a comment whose node ``doc`` lacks (by
            comment id), e.g. ``原第五条（已删除）``; the citation as written otherwise.
        include_personal_data: Show 提出人 and 联系方式 unmasked.
        paren_items: Cite items as ``第（一）项`` (else ``第一项``, `legislative-norms.md` §2.4).

    Returns:
        The report.
    """
    builder = ReportBuilder(
        doc, stations=stations, include_personal_data=include_personal_data, paren_items=paren_items
    )
    rows = builder.rows(comments, decisions, clusters=clusters, clause_notes=clause_notes)
    summary = builder.summary()
    return CommentReport(
        title=builder.title,
        rows=tuple(rows),
        total_comments=summary.total_comments,
        by_decision=summary.by_decision,
        by_station=summary.by_station,
        by_clause=summary.by_clause,
    )


def _clause_order(doc: Document, paren_items: bool) -> tuple[dict[str, int], dict[str, str]]:
    order: dict[str, int] = {}
    labels: dict[str, str] = {}
    for position, path in enumerate(iter_paths(doc.children)):
        uid = path[-1].uid
        order[uid] = position
        labels[uid] = citation_label(path, paren_items=paren_items)
    return order, labels


def _position(row: ReportRow, order: Mapping[str, int]) -> int:
    if row.clause == WHOLE_LABEL:
        return -1
    if row.target_uid is not None and row.target_uid in order:
        return order[row.target_uid]
    return len(order) + 1


def _row(
    group: Sequence[CommentLike],
    decisions: Mapping[int, DecisionLike],
    stations: Mapping[str, Station],
    labels: Mapping[str, str],
    notes: Mapping[int, str],
    personal: bool,
) -> ReportRow:
    head = group[0]
    if head.whole:
        clause = WHOLE_LABEL
    elif head.target_uid is not None and head.target_uid in labels:
        clause = labels[head.target_uid]
    elif head.id in notes:
        clause = notes[head.id]
    elif head.target_uid is not None:
        clause = f"{head.cited_as}（该条款在本稿中已删除）".lstrip()
    else:
        clause = f"{head.cited_as}（未定位）" if head.cited_as else "（未定位）"
    sources: list[str] = []
    for c in group:
        name = stations[c.station].name if c.station in stations else c.station
        source = f"{name}（采集员：{c.collector}）" if c.collector and personal else name
        if source not in sources:
            sources.append(source)
    names = _unique(
        c.submitter if personal else mask_name(c.submitter, c.submitter_category) for c in group
    )
    contacts = _unique(c.contact if personal else mask_contact(c.contact) for c in group)
    kinds = tuple(decisions[c.id].kind if c.id in decisions else UNDECIDED for c in group)
    decision, decision_reason = _describe(group, kinds, decisions)
    return ReportRow(
        clause=clause,
        target_uid=None if head.whole else head.target_uid,
        sources=tuple(sources),
        submitters="、".join(names),
        contacts="、".join(contacts),
        category="、".join(_unique(c.submitter_category or "" for c in group)),
        opinion=head.opinion,
        reason=head.reason,
        proposal=head.proposal,
        cluster_size=len(group),
        decision=decision,
        decision_reason=decision_reason,
        comment_ids=tuple(c.id for c in group),
        stations=tuple(_unique(c.station for c in group)),
        member_decisions=kinds,
    )


def _describe(
    group: Sequence[CommentLike], kinds: Sequence[str], decisions: Mapping[int, DecisionLike]
) -> tuple[str, str]:
    """The decision column and its reason for a row: shared, or each member's own."""
    if len(set(kinds)) == 1:
        shared = _unique(decisions[c.id].reason for c in group if c.id in decisions)
        return kinds[0], "；".join(shared)
    size = len(kinds)
    counts = Counter(kinds)
    decided = [k for k in DECISION_KINDS if counts[k]]
    parts = "，".join(f"{counts[k]}/{size} {k}" for k in decided)
    label = f"部分已处理（{parts}）" if counts[UNDECIDED] else f"分别处理（{parts}）"
    reasons: list[str] = []
    for kind in decided:
        texts = _unique(
            decisions[c.id].reason
            for c in group
            if c.id in decisions and decisions[c.id].kind == kind
        )
        reasons.append(f"{kind}：{'；'.join(texts)}" if texts else kind)
    return label, "；".join(reasons)


def _unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out
