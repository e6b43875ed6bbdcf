"""The reports at each reading, drafted from the facts the workspace holds.

Which versions, which comments, which 四前四方 records, which meetings;
`workbench.export.reading_report` writes the report from them. `ReadingReportService.facts`
gathers what a report may say: the two versions (by default those the report kind is about: 起草说明 → the 草案 and what came before it, 修改情况 → 草案 → 草案修改稿,
审议结果 → the last reading's text → 表决稿, 修改情况说明 → the 表决稿 and the text before it),
their alignment (the same as ``workbench diff``), the comments made on the versions in between
with their decisions, the 四前四方 cells of the nodes held in between, and the recorded
meetings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from workbench.amend import draft_decision
from workbench.diff import align_documents
from workbench.errors import StoreError
from workbench.export import (
    REPORT_KINDS,
    Consultation,
    Opinion,
    ReadingFacts,
    ReportKind,
    Tally,
    build_reading_report,
    reading_report_docx,
    reading_report_markdown,
)
from workbench.model import Document
from workbench.model.cycle import CURRENT_STAGE, CycleConfig
from workbench.model.project import MatrixConfig, VersionInfo
from workbench.review import stage_rank, version_name
from workbench.review.caption import plain_title
from workbench.workspace.amendments import AmendmentService
from workbench.workspace.comments import CommentService, CommentView
from workbench.workspace.cycle import CycleService
from workbench.workspace.exports import ExportFile, safe_name
from workbench.workspace.workspace import Workspace

__all__ = ["REPORT_FORMATS", "ReadingReportService"]

REPORT_FORMATS: tuple[str, ...] = ("docx", "markdown")
"""The formats a report is written in, the default first."""

_TARGET = {"起草说明": ("一审",), "修改情况": ("二审",), "审议结果": ("表决", "三审", "二审")}
"""The stage whose text each report accompanies, in order of preference."""

_NUMBER = re.compile(r"^\d+")


class ReadingReportService:
    """Drafts of the reports of one open workspace's projects."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        """The workspace."""
        self._comments = CommentService(workspace)
        self._cycle = CycleService(workspace)

    def pair(
        self, project: str, kind: str, old: str | int | None = None, new: str | int | None = None
    ) -> tuple[VersionInfo | None, VersionInfo]:
        """The versions a report of ``kind`` compares (``--from``/``--to`` when given).

        Raises:
            StoreError: Unknown kind, or the project has no version at the stage the report
                is about (the message says which and how to name one).
        """
        _kind(kind)
        infos = self.ws.versions(project)
        new_info = (
            self.ws.resolve_version(project, new) if new is not None else _target(kind, infos)
        )
        if new_info is None:
            stages = "、".join(_TARGET.get(kind, ("表决",)))
            raise StoreError(
                f"项目“{project}”还没有{stages}阶段的版本，无法起草{kind}：请先导入该稿，"
                "或用 --to 指明报告所附的版本。"
            )
        if old is not None:
            old_info: VersionInfo | None = self.ws.resolve_version(project, old)
        else:
            old_info = _before(kind, infos, new_info)
        if old_info is not None and old_info.number == new_info.number:
            raise StoreError("--from 与 --to 是同一个版本：请选两个不同的版本。")
        return old_info, new_info

    def facts(
        self, project: str, kind: str, old: str | int | None = None, new: str | int | None = None
    ) -> ReadingFacts:
        """Everything the report may say, each fact from the workspace (see the module docstring)."""
        old_info, new_info = self.pair(project, kind, old, new)
        info = self.ws.project(project)
        config = self._cycle.config()
        records = {r.stage: r for r in self._cycle.records(project)}
        new_doc = self.ws.document(project, new_info.number)
        old_doc = self.ws.document(project, old_info.number) if old_info else None
        alignment = None
        if old_doc is not None and old_info is not None:
            declared = AmendmentService(self.ws).declared(
                project, old_info.number, old_doc, new_doc
            )
            alignment = align_documents(old_doc, new_doc, declared=declared)
        views = self._comments_between(project, old_info, new_info)
        matrix = self.ws.matrix(project)
        # a 起草说明 accounts for the whole drafting: every node up to the first reading
        since = None if kind == "起草说明" else old_info
        nodes = _nodes_between(config, matrix.config, since, new_info)
        in_force = old_info is not None and old_info.stage == CURRENT_STAGE
        # against the text in force, the reading before is the first one (if held already)
        before = (
            "一审"
            if in_force and new_info.stage != "一审"
            else (old_info.stage if old_info else "")
        )
        earlier = records.get(before)
        spec = config.spec(before)
        first = config.spec("一审")
        draft = version_name(info.kind, first) if first else "草案"
        items = None
        if info.kind == "修正" and in_force and old_doc is not None and old_info is not None:
            items = self._decision_items(project, old_info.number, old_doc, new_doc)
        return ReadingFacts(
            kind=_kind(kind),
            project_kind=info.kind,
            regulation=plain_title(new_doc.title or info.title),
            draft_name=draft,
            old=old_doc,
            old_name=_called(old_info, draft, info.title) if old_info else "",
            old_in_force=in_force,
            new=new_doc,
            new_name=_called(new_info, draft, info.title),
            alignment=alignment,
            meeting=records.get(new_info.stage),
            earlier=earlier,
            earlier_reading=spec.reading if spec else None,
            tally=self._tally(views),
            opinions=self._opinions(views),
            sessions=tuple(
                Consultation(c.node, c.party, c.status, c.record)
                for c in matrix.cells
                if c.node in nodes
            ),
            nodes=nodes,
            decision_items=items,
        )

    def _decision_items(self, project: str, number: int, old: Document, new: Document) -> int:
        """How many items the 修改决定 from ``old`` (version ``number``) to ``new`` has.

        The newest decision applied to version ``number`` when there is one, else the decision
        `workbench.amend.draft_decision` drafts from the two texts (as ``amend draft`` would).
        """
        stored = AmendmentService(self.ws).applied(project, number)
        decision = stored[-1].decision if stored else draft_decision(old, new)
        return len(decision.items)

    def export(
        self,
        project: str,
        kind: str,
        fmt: str,
        old: str | int | None = None,
        new: str | int | None = None,
    ) -> ExportFile:
        """The report drafted and laid out as ``docx`` or ``markdown``.

        Raises:
            StoreError: Unknown kind, format, project or version.
        """
        if fmt not in REPORT_FORMATS:
            raise StoreError(f"不支持的格式“{fmt}”：可选 {'、'.join(REPORT_FORMATS)}")
        facts = self.facts(project, kind, old, new)
        report = build_reading_report(facts)
        _, new_info = self.pair(project, kind, old, new)
        if fmt == "docx":
            data = reading_report_docx(report)
            suffix = "docx"
        else:
            data = reading_report_markdown(report).encode("utf-8")
            suffix = "md"
        return ExportFile(safe_name(f"{project}-v{new_info.number}-{kind}.{suffix}"), data)

    # -- the comments -------------------------------------------------------------------------------

    def _comments_between(
        self, project: str, old: VersionInfo | None, new: VersionInfo
    ) -> list[CommentView]:
        """The comments made on the versions from ``old`` (inclusive) up to ``new`` (exclusive)."""
        low = old.number if old is not None else 0
        views, _ = self._comments.comments(project, new.number)
        out = []
        for view in views:
            m = _NUMBER.match(view.version)
            if m and low <= int(m.group(0)) < new.number:
                out.append(view)
        return out

    def _names(self) -> dict[str, tuple[str, str]]:
        return {s.code: (s.kind, s.name) for s in self._comments.stations()}

    def _tally(self, views: Sequence[CommentView]) -> Tally:
        names = self._names()
        stations: Counter[tuple[str, str]] = Counter()
        parties: Counter[str] = Counter()
        for view in views:
            kind, name = names.get(view.station, ("联络站", view.station))
            if kind == "四方":
                parties[name] += 1
            else:
                stations[(kind, name)] += 1
        decisions = Counter(view.decision or "待处理" for view in views)
        order = ("采纳", "部分采纳", "未采纳", "留作参考", "待处理")
        return Tally(
            total=len(views),
            stations=tuple((k, n, c) for (k, n), c in stations.most_common()),
            parties=tuple(parties.most_common()),
            deputies=sum(1 for v in views if v.submitter_category == "人大代表"),
            decisions=tuple((d, decisions[d]) for d in order if decisions[d]),
        )

    def _opinions(self, views: Sequence[CommentView]) -> tuple[Opinion, ...]:
        """The comments as opinions: a duplicate cluster once (with its size), its uids joined."""
        names = self._names()
        groups: dict[int, list[CommentView]] = {}
        for view in views:  # a cluster by its (positive) id, a lone comment by minus its id
            groups.setdefault(view.cluster if view.cluster is not None else -view.id, []).append(
                view
            )
        out = []
        for members in groups.values():
            first = members[0]
            kind = names.get(first.station, ("联络站", ""))[0]
            sources = list(dict.fromkeys(names.get(v.station, ("", v.station))[1] for v in members))
            decided = [v for v in members if v.decision]
            lead = decided[0] if decided else first
            uids = {u for v in members for u in (v.target_uid, v.linked_uid) if u}
            out.append(
                Opinion(
                    source=sources[0],
                    source_kind=kind,
                    text=first.text,
                    decision=lead.decision,
                    reason=lead.decision_reason,
                    count=len(members),
                    senders=len(sources),
                    uids=tuple(sorted(uids)),
                )
            )
        return tuple(out)


_KINDS_OF_TEXT = ("条例", "办法", "规定", "细则", "决定", "规则", "法")


def _called(info: VersionInfo, draft: str, title: str) -> str:
    """What a report calls a version: its name, 草案表决稿 for the 表决稿, 现行条例 for the text in force.

    A revision's 表决稿 is 修订草案表决稿; a 办法 in force is 现行办法, a law 现行法.
    """
    if info.name == "表决稿":
        return f"{draft}{info.name}"
    if info.stage == CURRENT_STAGE:
        plain = plain_title(title)
        return next((f"现行{k}" for k in _KINDS_OF_TEXT if plain.endswith(k)), info.name)
    return info.name


def _kind(kind: str) -> ReportKind:
    """``kind`` as a report kind.

    Raises:
        StoreError: Not one of `REPORT_KINDS` (the message lists them).
    """
    for known in REPORT_KINDS:
        if kind == known:
            return known
    raise StoreError(f"未知的报告类型“{kind}”。可选：{'、'.join(REPORT_KINDS)}")


def _target(kind: str, infos: Sequence[VersionInfo]) -> VersionInfo | None:
    """The version a report accompanies by default: the latest at its stage."""
    if kind == "修改情况说明":
        voted = [i for i in infos if i.stage == "表决"]
        return voted[-1] if voted else None
    for stage in _TARGET[kind]:
        found = [i for i in infos if i.stage == stage]
        if found:
            return found[-1]
    return None


def _before(kind: str, infos: Sequence[VersionInfo], new: VersionInfo) -> VersionInfo | None:
    """The version a report compares ``new`` with by default.

    修改情况说明: the version just before the 表决稿; 起草说明 of a revision: the text in force;
    otherwise the latest version before ``new`` at an earlier stage.
    """
    earlier = [i for i in infos if i.number < new.number]
    if kind == "修改情况说明":
        return earlier[-1] if earlier else None
    current = [i for i in earlier if i.stage == CURRENT_STAGE]
    if kind == "起草说明" and current:
        return current[-1]
    other = [i for i in earlier if i.stage != new.stage]
    return other[-1] if other else None


def _nodes_between(
    config: CycleConfig, matrix: MatrixConfig, old: VersionInfo | None, new: VersionInfo
) -> tuple[str, ...]:
    """The 四前四方 nodes held after ``old``'s stage up to and including ``new``'s."""
    nodes = matrix.nodes
    low = stage_rank(config, matrix, old.stage) if old else None
    high = stage_rank(config, matrix, new.stage)
    held = []
    for spec in config.stages:
        rank = stage_rank(config, matrix, spec.name)
        within = rank is not None and high is not None and rank <= high
        if spec.node in nodes and within and (low is None or (rank is not None and rank > low)):
            held.append(spec.node)
    return tuple(n for n in nodes if n in held)
