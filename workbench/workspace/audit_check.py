"""`audit --verify`: the chain, its anchor, recorded codes, and the state the log accounts for.

Four checks, each catching what the one before cannot:

1. The hash chain (`workbench.store.verify_audit`): an entry changed in place.
2. The anchor file (`workbench.store.anchor`): the newest entries deleted, or the chain
   re-hashed after an edit, by someone who changed the database but not the folder.
3. Codes staff recorded (``--check CODE``): the same, by someone who changed both.
4. The state against the log: every version, working draft, decision, matrix cell and project
   title must be what the latest entry about it says. A row written around the workbench
   (a database tool, a script) is named here even when the log itself is intact.

The log's payloads are the workbench's own (see `workbench.workspace.versions`, ``matrix``,
``comment_decisions``); this module reads them and is the one place that knows their shapes
for checking. A new action that changes one of these things must log the same keys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from workbench.errors import StoreError
from workbench.model.project import AuditEntry, AuditProblem, AuditProblemKind, AuditReport
from workbench.store import audit_state as state
from workbench.store.anchor import AnchorPoint, AuditAnchor, anchor_code, parse_code
from workbench.store.audit import (
    action_label,
    audit_hash_at,
    audit_head,
    read_audit,
    verify_audit,
)

__all__ = ["ANCHOR_ACTIONS", "CELL_ACTIONS", "verify_workspace_audit"]

ANCHOR_ACTIONS = frozenset({"anchor_audit", "reset_anchor"})
"""Entries that (re)built the anchor; verification lists them for people to judge."""

CELL_ACTIONS = frozenset({"set_cell"})
"""Entries that set a matrix cell (payload ``node``, ``party``, ``status``, ``record``)."""


@dataclass
class _Findings:
    problems: list[AuditProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self, kind: AuditProblemKind, message: str, *, seq: int | None = None, subject: str = ""
    ) -> None:
        self.problems.append(AuditProblem(kind=kind, seq=seq, subject=subject, message=message))


def verify_workspace_audit(
    conn: Connection, anchor: AuditAnchor, codes: Sequence[str] = ()
) -> AuditReport:
    """Run every check (see the module docstring) inside one read transaction.

    Args:
        conn: A connection inside `Database.read`.
        anchor: The workspace's anchor file.
        codes: Codes staff recorded earlier (``152-3F7A-91C2-0B4D-E6A8``).

    Returns:
        The report: ``ok`` only if nothing at all was found.

    Raises:
        StoreError: A code is not written like a code.
    """
    parsed_codes = [(code, *parse_code(code)) for code in codes]
    chain = verify_audit(conn)
    found = _Findings()
    if not chain.ok:
        found.add("chain", chain.message, seq=chain.first_bad_seq)
    head = audit_head(conn)
    point = _check_anchor(conn, anchor, head, found)
    for text, seq, prefix in parsed_codes:
        _check_code(conn, text, seq, prefix, found)
    entries: list[AuditEntry] = []
    if chain.ok:  # a broken chain's payloads prove nothing; fix that first
        entries = read_audit(conn)
        _check_state(conn, entries, found)
        for e in entries:
            if e.action in ANCHOR_ACTIONS:
                found.notes.append(_anchor_note(e))
    head_code = anchor_code(*head) if head else None
    return AuditReport(
        ok=not found.problems,
        entries=chain.entries,
        first_bad_seq=chain.first_bad_seq,
        message=_summary(chain.entries, point, found, bool(parsed_codes)),
        head_code=head_code,
        anchor_code=point.code if point else None,
        problems=tuple(found.problems),
        notes=tuple(found.notes),
    )


# -- the anchor and recorded codes ---------------------------------------------------------------


def _check_anchor(
    conn: Connection, anchor: AuditAnchor, head: tuple[int, str] | None, found: _Findings
) -> AnchorPoint | None:
    try:
        point = anchor.read()
    except StoreError as exc:
        found.add("anchor", f"{exc.message}：无法用它核对日志末尾（{anchor.path.name}）")
        return None
    if point is None:
        if head is not None:
            found.add(
                "anchor",
                f"缺少审计锚点文件 {anchor.path.name}：无法确认日志末尾未被删改"
                "（工作区目录可能不可写；请用抄录的锚点码 --check 核对）",
            )
        return None
    count = head[0] if head else 0
    if point.seq > count:
        found.add(
            "anchor",
            f"日志只有 {count} 条，锚点记到第 {point.seq} 条：最新的 {point.seq - count} 条被删除，"
            "或数据库从较早的备份恢复（确认是恢复备份后，可用 workbench audit --reanchor 重新锚定）",
            seq=point.seq,
        )
        return point
    stored = audit_hash_at(conn, point.seq)
    if stored != point.hash:
        found.add(
            "anchor",
            f"第 {point.seq} 条的哈希与锚点不符：日志在此条或之前被改写后重算了哈希",
            seq=point.seq,
        )
    elif point.seq < count:
        found.notes.append(
            f"锚点记到第 {point.seq} 条，其后 {count - point.seq} 条尚未锚定"
            "（写入后锚点文件未能更新，或另一进程正在写入）"
        )
    return point


def _check_code(conn: Connection, text: str, seq: int, prefix: str, found: _Findings) -> None:
    stored = audit_hash_at(conn, seq)
    if stored is None:
        found.add(
            "code", f"抄录的锚点码 {text} 指向第 {seq} 条，日志中已没有这一条：日志被删减", seq=seq
        )
    elif not stored.startswith(prefix):
        found.add(
            "code",
            f"抄录的锚点码 {text} 与日志不符：第 {seq} 条或之前的记录被改写",
            seq=seq,
        )


def _anchor_note(entry: AuditEntry) -> str:
    when = entry.at.strftime("%Y-%m-%d %H:%M")
    if entry.action == "reset_anchor":
        reason = entry.payload.get("reason") or "未说明"
        return f"第 {entry.seq} 条（{when}，{entry.actor}）重设了审计锚点，原因：{reason}"
    return (
        f"第 {entry.seq} 条（{when}）：锚点文件不存在，按当时的日志末尾建立；"
        "若不是首次用本版本打开此工作区，请用抄录的锚点码核对"
    )


def _summary(count: int, point: AnchorPoint | None, found: _Findings, codes: bool) -> str:
    if found.problems:
        return f"审计核查未通过：发现 {len(found.problems)} 处问题，首先是：{found.problems[0].message}"
    parts = [f"审计日志完好：共 {count} 条，哈希链完整"]
    if point is not None:
        parts.append(f"与锚点（第 {point.seq} 条）一致")
    if codes:
        parts.append("与抄录的锚点码一致")
    parts.append("版本、工作稿、处理意见与矩阵均与日志相符")
    return "，".join(parts) + "。"


# -- the state against the log -------------------------------------------------------------------


def _follow_renames(entries: list[AuditEntry]) -> list[AuditEntry]:
    """The entries with each project named by its current code.

    ``project rename --slug`` logs ``old_slug`` and ``new_slug``; entries written before it
    name the old code, and every check below compares them with rows under the new one.
    """
    renames = [
        (e.seq, str(e.payload["old_slug"]), str(e.payload["new_slug"]))
        for e in entries
        if e.action == "rename_project" and "old_slug" in e.payload and "new_slug" in e.payload
    ]
    if not renames:
        return entries
    followed: list[AuditEntry] = []
    for e in entries:
        slug = e.project
        for seq, old, new in renames:
            if seq > e.seq and slug == old:
                slug = new
        followed.append(e if slug == e.project else e.model_copy(update={"project": slug}))
    return followed


def _check_state(conn: Connection, entries: list[AuditEntry], found: _Findings) -> None:
    entries = _follow_renames(entries)
    _check_projects(state.project_titles(conn), entries, found)
    _check_versions(state.version_records(conn), entries, found)
    _check_drafts(state.working_draft_records(conn), entries, found)
    _check_decisions(state.decision_records(conn), entries, found)
    _check_matrix(state.matrix_cell_records(conn), state.matrix_setting(conn), entries, found)


def _check_projects(titles: dict[str, str], entries: list[AuditEntry], found: _Findings) -> None:
    logged: dict[str, tuple[int, str]] = {}
    for e in entries:
        if e.project is None:
            continue
        if e.action == "create_project" and isinstance(e.payload.get("title"), str):
            logged[e.project] = (e.seq, str(e.payload["title"]))
        elif e.action == "rename_project" and isinstance(e.payload.get("new"), str):
            logged[e.project] = (e.seq, str(e.payload["new"]))
    for slug, title in sorted(titles.items()):
        if slug not in logged:
            found.add("project", f"项目“{slug}”没有建立记录：未经工作台写入数据库", subject=slug)
        elif logged[slug][1] != title:
            seq, expected = logged[slug]
            found.add(
                "project",
                f"项目“{slug}”的名称为“{title}”，审计日志（第 {seq} 条）记为“{expected}”："
                "名称被绕过工作台改动",
                seq=seq,
                subject=slug,
            )
    for slug in sorted(logged.keys() - titles.keys()):
        found.add(
            "project",
            f"审计日志记录的项目“{slug}”已不在数据库中：被绕过工作台删除",
            seq=logged[slug][0],
            subject=slug,
        )


def _check_versions(
    records: Iterable[state.VersionRecord], entries: list[AuditEntry], found: _Findings
) -> None:
    logged: dict[tuple[str, int], tuple[int, str]] = {}
    for e in entries:
        number, sha = e.payload.get("number"), e.payload.get("sha256")
        if e.project is not None and isinstance(number, int) and isinstance(sha, str):
            logged.setdefault((e.project, number), (e.seq, sha))
    seen: set[tuple[str, int]] = set()
    for r in records:
        key = (r.project, r.number)
        seen.add(key)
        subject = f"{r.project} 第{r.number}版"
        if r.text_sha256 != r.sha256:
            found.add(
                "version",
                f"项目“{r.project}”第 {r.number} 版的正文与入库时的哈希不符：正文被绕过工作台改动",
                subject=subject,
            )
        if key not in logged:
            found.add(
                "version",
                f"项目“{r.project}”第 {r.number} 版没有审计记录：未经工作台写入数据库",
                subject=subject,
            )
        elif logged[key][1] != r.sha256:
            seq = logged[key][0]
            found.add(
                "version",
                f"项目“{r.project}”第 {r.number} 版与审计日志（第 {seq} 条，"
                f"{action_label(_action(entries, seq))}）记录的内容不符：版本被替换",
                seq=seq,
                subject=subject,
            )
    for key in sorted(logged.keys() - seen):
        seq = logged[key][0]
        found.add(
            "version",
            f"审计日志第 {seq} 条记录的项目“{key[0]}”第 {key[1]} 版已不在数据库中：版本被删除",
            seq=seq,
            subject=f"{key[0]} 第{key[1]}版",
        )


def _action(entries: list[AuditEntry], seq: int) -> str:
    return entries[seq - 1].action if 0 < seq <= len(entries) else ""


def _check_drafts(
    records: Iterable[state.WorkingDraftRecord], entries: list[AuditEntry], found: _Findings
) -> None:
    logged: dict[str, tuple[int, str]] = {}
    for e in entries:
        sha = e.payload.get("sha256")
        if e.project is None or not isinstance(sha, str):
            continue
        if e.action == "save_draft" or e.payload.get("draft_replaced") is True:
            logged[e.project] = (e.seq, sha)
    for r in records:
        subject = f"{r.project} 工作稿"
        if r.project not in logged:
            found.add(
                "draft",
                f"项目“{r.project}”的工作稿没有审计记录：未经工作台写入数据库",
                subject=subject,
            )
        elif logged[r.project][1] != r.text_sha256:
            seq = logged[r.project][0]
            found.add(
                "draft",
                f"项目“{r.project}”的工作稿与审计日志最后一次记录（第 {seq} 条）不符："
                "工作稿被绕过工作台改动",
                seq=seq,
                subject=subject,
            )


_DecisionKey = tuple[str, int, str, str, str]
"""(project, comment id, decision, reason, who)."""


def _check_decisions(
    records: Iterable[state.DecisionRecord], entries: list[AuditEntry], found: _Findings
) -> None:
    logged: Counter[_DecisionKey] = Counter()
    where: dict[tuple[str, int], tuple[int, str]] = {}
    for e in entries:
        ids, kind = e.payload.get("comments"), e.payload.get("decision")
        if e.project is None or not isinstance(ids, list) or not isinstance(kind, str):
            continue
        reason = e.payload.get("reason")
        for cid in ids:
            if isinstance(cid, int):
                logged[(e.project, cid, kind, str(reason or ""), e.actor)] += 1
                where[(e.project, cid)] = (e.seq, kind)
    stored: Counter[_DecisionKey] = Counter(
        (r.project, r.comment_id, r.kind, r.reason, r.decided_by) for r in records
    )
    extra, missing = stored - logged, logged - stored
    missing_by_comment = {(p, cid): kind for p, cid, kind, _, _ in missing}
    for p, cid, kind, _, who in sorted(extra):
        subject = f"意见 {cid}"
        if (p, cid) in missing_by_comment:
            seq, logged_kind = where[(p, cid)]
            found.add(
                "decision",
                f"意见 {cid}（项目“{p}”）的处理在数据库中为“{kind}”（{who}），与审计日志不符"
                f"（日志最后一次记为“{logged_kind}”，第 {seq} 条）：处理被绕过工作台改动",
                seq=seq,
                subject=subject,
            )
        else:
            found.add(
                "decision",
                f"意见 {cid}（项目“{p}”）的处理“{kind}”（{who}）没有审计记录：未经工作台写入数据库",
                subject=subject,
            )
    extra_comments = {(p, cid) for p, cid, _, _, _ in extra}
    for p, cid, kind, _, _ in sorted(missing):
        if (p, cid) in extra_comments:
            continue  # reported above as changed
        seq = where[(p, cid)][0]
        found.add(
            "decision",
            f"审计日志记录的意见 {cid}（项目“{p}”）处理“{kind}”在数据库中不见了：处理记录被删除",
            seq=seq,
            subject=f"意见 {cid}",
        )


def _check_matrix(
    cells: Iterable[state.MatrixCellRecord],
    config: tuple[list[str], list[str]] | None,
    entries: list[AuditEntry],
    found: _Findings,
) -> None:
    logged: dict[tuple[str, str, str], tuple[int, str, str, str]] = {}
    logged_config: tuple[int, list[str], list[str]] | None = None
    for e in entries:
        p = e.payload
        if e.action == "configure_matrix":
            nodes, parties = p.get("nodes"), p.get("parties")
            if isinstance(nodes, list) and isinstance(parties, list):
                logged_config = (e.seq, [str(n) for n in nodes], [str(x) for x in parties])
            continue
        node, party, status = p.get("node"), p.get("party"), p.get("status")
        if e.action not in CELL_ACTIONS or e.project is None:
            continue
        record = p.get("record")
        logged[(e.project, str(node), str(party))] = (
            e.seq,
            str(status),
            str(record or ""),
            e.actor,
        )
    for c in cells:
        key = (c.project, c.node, c.party)
        subject = f"{c.project} {c.node}·{c.party}"
        if key not in logged:
            found.add(
                "matrix",
                f"矩阵单元 {c.node}·{c.party}（项目“{c.project}”）没有审计记录：未经工作台写入数据库",
                subject=subject,
            )
            continue
        seq, status, record, who = logged.pop(key)
        if (c.status, c.record, c.updated_by) != (status, record, who):
            found.add(
                "matrix",
                f"矩阵单元 {c.node}·{c.party}（项目“{c.project}”）为“{c.status}”，"
                f"审计日志（第 {seq} 条）记为“{status}”"
                + ("" if c.record == record else "，会商记录也不同")
                + "：被绕过工作台改动",
                seq=seq,
                subject=subject,
            )
    for (project, node, party), (seq, _, _, _) in sorted(logged.items()):
        found.add(
            "matrix",
            f"审计日志第 {seq} 条记录的矩阵单元 {node}·{party}（项目“{project}”）已不在数据库中：被删除",
            seq=seq,
            subject=f"{project} {node}·{party}",
        )
    if config is not None and logged_config is not None and config != logged_config[1:]:
        found.add(
            "matrix",
            f"征求意见节点与征求对象的设置与审计日志（第 {logged_config[0]} 条）不符：被绕过工作台改动",
            seq=logged_config[0],
            subject="矩阵设置",
        )
