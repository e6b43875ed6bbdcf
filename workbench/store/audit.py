"""The append-only audit log, chained by hashes so that any change to a past entry shows.

Each entry's hash is ``sha256(prev_hash + canonical JSON of the entry)``, where the canonical JSON
has sorted keys, no spaces and UTF-8 text, and covers the sequence number, time, actor, action,
project and payload. `verify_audit` recomputes the chain. Triggers (migration 1) refuse UPDATE
and DELETE on the table; the chain catches what is done around them. Call `append_audit` inside
`Database.transaction` so appends are serialised and land with the change they describe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import JsonValue
from sqlalchemy import Connection, Row, Text, select, type_coerce

from workbench.errors import StoreError
from workbench.model.project import AuditEntry, AuditReport, actor_problem
from workbench.store.audit_labels import PAYLOAD_LABELS, payload_summary
from workbench.store.database import AUDIT_HEAD_KEY
from workbench.store.schema import audit_log

__all__ = [
    "ACTION_LABELS",
    "GENESIS_HASH",
    "PAYLOAD_LABELS",
    "AuditDraft",
    "action_label",
    "append_audit",
    "append_audit_many",
    "audit_hash_at",
    "audit_head",
    "canonical_json",
    "entry_hash",
    "payload_summary",
    "read_audit",
    "verify_audit",
]

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first entry."""


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no whitespace and non-ASCII kept: the form that is hashed."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(
    prev_hash: str,
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    project: str | None,
    payload: Mapping[str, Any],
) -> str:
    """The hash of one entry given the previous entry's hash."""
    body = canonical_json(
        {
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "project": project,
            "payload": payload,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditDraft:
    """An entry to append (`append_audit_many`): what happened, by whom, to what."""

    actor: str
    """Who did it."""
    action: str
    """A stable code, e.g. ``import_version``."""
    project: str | None = None
    """The project's slug, if the entry concerns one."""
    payload: Mapping[str, JsonValue] | None = None
    """Details, JSON-ready."""
    at: datetime | None = None
    """When (default: now, UTC)."""


def append_audit(
    conn: Connection,
    *,
    actor: str,
    action: str,
    project: str | None = None,
    payload: Mapping[str, JsonValue] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the log (inside the caller's write transaction).

    Args:
        conn: A connection inside `Database.transaction`.
        actor: Who did it.
        action: A stable code, e.g. ``import_version``.
        project: The project's slug, if the entry concerns one.
        payload: Details, JSON-ready.
        at: When (default: now, UTC).

    Returns:
        The stored entry.
    """
    return append_audit_many(conn, [AuditDraft(actor, action, project, payload, at)])[0]


def append_audit_many(conn: Connection, drafts: Sequence[AuditDraft]) -> list[AuditEntry]:
    """Append entries in order, chained, with one read of the chain's end and one insert.

    Args:
        conn: A connection inside `Database.transaction`.
        drafts: The entries.

    Returns:
        The stored entries.

    Raises:
        StoreError: An actor's name is not one line of visible text (`actor_problem`).
    """
    if not drafts:
        return []
    for draft in drafts:
        problem = actor_problem(draft.actor)
        if problem is not None:
            raise StoreError(f"操作人“{draft.actor[:40]!r}”{problem}：请用 --user 给出姓名")
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq = 0 if last is None else int(last.seq)
    prev = GENESIS_HASH if last is None else str(last.hash)
    rows: list[dict[str, Any]] = []
    entries: list[AuditEntry] = []
    for draft in drafts:
        seq += 1
        # Round-trip once so what is hashed now is exactly what is read back later.
        body = json.loads(canonical_json(dict(draft.payload or {})))
        when = (draft.at or datetime.now(UTC)).astimezone(UTC)
        digest = entry_hash(
            prev,
            seq=seq,
            at=when,
            actor=draft.actor,
            action=draft.action,
            project=draft.project,
            payload=body,
        )
        entry = AuditEntry(
            seq=seq,
            at=when,
            actor=draft.actor,
            action=draft.action,
            project=draft.project,
            payload=body,
            prev_hash=prev,
            hash=digest,
        )
        entries.append(entry)
        rows.append(entry.model_dump() | {"payload": canonical_json(body)})
        prev = digest
    conn.execute(audit_log.insert(), rows)
    # Database.transaction advances the anchor to this entry once the transaction commits.
    conn.info[AUDIT_HEAD_KEY] = (seq, prev)
    return entries


def read_audit(
    conn: Connection, *, project: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Entries in order (oldest first), optionally of one project, optionally the last ``limit``."""
    query = select(audit_log)
    if project is not None:
        query = query.where(audit_log.c.project == project)
    if limit is not None:
        rows = list(conn.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)))
        rows.reverse()
    else:
        rows = list(conn.execute(query.order_by(audit_log.c.seq)))
    return [
        AuditEntry(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            project=row.project,
            payload=json.loads(row.payload),
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
        for row in rows
    ]


def audit_head(conn: Connection) -> tuple[int, str] | None:
    """The newest entry's sequence number and hash; None for an empty log."""
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    return None if last is None else (int(last.seq), str(last.hash))


def audit_hash_at(conn: Connection, seq: int) -> str | None:
    """The stored hash of entry ``seq``; None if there is no such entry."""
    found = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == seq)).scalar()
    return None if found is None else str(found)


ACTION_LABELS: dict[str, str] = {
    "create_project": "新建项目",
    "rename_project": "项目更名",
    "archive_project": "项目归档",
    "restore_project": "项目恢复",
    "receive_file": "接收文件",
    "reject_comment_file": "拒收意见表",
    "interrupted_receipt": "接收中断",
    "ingest_comments": "接收意见表",
    "import_version": "导入版本",
    "freeze_version": "定稿版本",
    "save_draft": "保存工作稿",
    "amend_apply": "适用修改决定",
    "decide_comments": "处理意见",
    "place_comment": "定位意见",
    "cluster_comments": "意见聚类",
    "configure_matrix": "配置征求矩阵",
    "set_cell": "更新矩阵",
    "anchor_audit": "建立审计锚点",
    "reset_anchor": "重设审计锚点",
    "library_add": "加入法规库",
    "set_project_path": "变更项目类型或审次",
    "configure_cycle": "配置立法阶段",
    "record_stage": "记录审议情况",
    "clear_stage": "撤销审议记录",
}
"""Chinese names of the audit log's actions, for people (the log itself keeps the raw names)."""


def action_label(action: str) -> str:
    """The Chinese name of audit action ``action``; the raw name when it has none."""
    return ACTION_LABELS.get(action, action)


def verify_audit(conn: Connection) -> AuditReport:
    """Recompute the whole chain and report the first entry that does not verify.

    Reads the raw stored text (not the typed columns), so a malformed value is reported as
    tampering rather than raised.
    """
    raw = select(
        audit_log.c.seq,
        type_coerce(audit_log.c.at, Text()).label("at"),
        audit_log.c.actor,
        audit_log.c.action,
        audit_log.c.project,
        audit_log.c.payload,
        audit_log.c.prev_hash,
        audit_log.c.hash,
    ).order_by(audit_log.c.seq)
    prev = GENESIS_HASH
    count = 0
    for expected_seq, row in enumerate(conn.execute(raw), 1):
        count = expected_seq
        problem = _check_row(row, expected_seq, prev)
        if problem is not None:
            return AuditReport(ok=False, entries=count, first_bad_seq=expected_seq, message=problem)
        prev = row.hash
    return AuditReport(ok=True, entries=count, message=f"审计日志完好：共 {count} 条，哈希链完整。")


def _check_row(row: Row[Any], expected_seq: int, prev: str) -> str | None:
    """Why ``row`` breaks the chain, or None if it verifies."""
    if row.seq != expected_seq:
        return f"第 {expected_seq} 条缺失（下一条序号为 {row.seq}），日志被删改"
    if row.prev_hash != prev:
        return f"第 {row.seq} 条的前序哈希与第 {row.seq - 1} 条不符，日志被删改"
    try:
        payload = json.loads(row.payload)
        at = datetime.fromisoformat(row.at)
    except (TypeError, ValueError):
        payload, at = None, None
    if (
        not isinstance(payload, dict)
        or at is None
        or at.tzinfo is None
        or row.hash
        != entry_hash(
            prev,
            seq=row.seq,
            at=at,
            actor=row.actor,
            action=row.action,
            project=row.project,
            payload=payload,
        )
    ):
        return f"第 {row.seq} 条（{action_label(row.action)}）的内容与其哈希不符，记录被篡改"
    return None
