"""The audit log as people meet it: Chinese labels, the default actor, and the chain's anchor.

The anchor (`workbench.store.anchor`) is advanced by the database after every commit;
`AuditTrail` gives a workspace without one an anchor, resets it after a restore from backup,
prints the short code staff record and runs verification. Rebuilding and resetting the anchor
are themselves logged, so its history stays on record.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence

from workbench.errors import StoreError
from workbench.model.project import AuditEntry, AuditReport, actor_problem
from workbench.store import Database, append_audit, read_audit
from workbench.store.anchor import AuditAnchor, anchor_code
from workbench.store.audit import (
    ACTION_LABELS,
    action_label,
    audit_head,
    payload_summary,
    verify_audit,
)
from workbench.workspace.audit_check import verify_workspace_audit

__all__ = ["ACTION_LABELS", "AuditTrail", "action_label", "default_actor", "payload_summary"]


def default_actor() -> str:
    """The system user's name, for audit entries when nobody is named ("unknown" if unusable)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
    return name if actor_problem(name) is None else "unknown"


class AuditTrail:
    """A workspace's audit log and its anchor: read, verify, print the code, re-anchor."""

    def __init__(self, db: Database, anchor: AuditAnchor) -> None:
        self.db = db
        """The workspace's database."""
        self.anchor = anchor
        """The anchor file in the workspace folder (the database advances it on commit)."""

    def entries(self, project: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Entries, oldest first (of one project, or the last ``limit``)."""
        with self.db.read() as conn:
            return read_audit(conn, project=project, limit=limit)

    def verify(self, codes: Sequence[str] = ()) -> AuditReport:
        """Check the chain, its anchor, recorded ``codes`` and the state it accounts for.

        See `workbench.workspace.audit_check`. ``ok`` is False when anything was found; the
        report names every problem (the entry, version, comment or cell concerned).

        Raises:
            StoreError: A code is not written like a code.
        """
        with self.db.read() as conn:
            return verify_workspace_audit(conn, self.anchor, codes)

    def code(self) -> str | None:
        """The short code of the newest entry (to record on paper); None for an empty log."""
        with self.db.read() as conn:
            head = audit_head(conn)
        return anchor_code(*head) if head else None

    def ensure_anchor(self, actor: str) -> None:
        """Give a workspace without an anchor file one, at the log's end, and log that.

        A workspace made by an earlier release has none; neither has one whose file was
        deleted. The entry keeps the rebuild on record for verification to list. A folder that
        cannot be written keeps no anchor (verification says so).
        """
        if self.anchor.exists():
            return
        with self.db.read() as conn:
            head = audit_head(conn)
        if head is None:
            return  # an empty log: its first entry creates the anchor
        with self.db.transaction() as conn:
            append_audit(
                conn,
                actor=actor,
                action="anchor_audit",
                payload={"reason": "锚点文件不存在", "head": head[0]},
            )

    def reanchor(self, reason: str, *, actor: str) -> str:
        """Point the anchor at the log's end as it is now, after a restore from backup.

        Logs the old point with ``reason`` first, so the reset itself stays on record.

        Returns:
            The new code.

        Raises:
            StoreError: No reason given, or the hash chain itself does not verify.
        """
        if not reason.strip():
            raise StoreError("重新锚定须说明原因：请用 --reason 填写（例如 从某日备份恢复数据库）")
        with self.db.read() as conn:
            chain = verify_audit(conn)
        if not chain.ok:
            raise StoreError(f"哈希链本身不完整，不能重新锚定：{chain.message}")
        try:
            old = self.anchor.read()
        except StoreError:
            old = None
        with self.db.transaction() as conn:
            append_audit(
                conn,
                actor=actor,
                action="reset_anchor",
                payload={"reason": reason.strip(), "old": old.code if old else None},
            )
            head = audit_head(conn)
        assert head is not None
        self.anchor.reset(*head)
        return anchor_code(*head)
