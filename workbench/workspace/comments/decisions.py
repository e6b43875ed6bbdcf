"""Deciding on comments and placing them by hand; each change one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import JsonValue
from sqlalchemy import Connection

from workbench.comments import WHOLE, CitationIndex
from workbench.errors import StoreError
from workbench.model.comments import DECISION_KINDS
from workbench.store import append_audit
from workbench.store import comment_changes as changes
from workbench.store import comment_queries as q
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.listing import Listing, clause_range
from workbench.workspace.comments.views import CommentView
from workbench.workspace.workspace import Workspace

__all__ = ["Decisions"]


class Decisions:
    """Decide on comments (one by one or a cluster at a time), and place them by hand."""

    def __init__(self, ws: Workspace, catalogue: Catalogue, listing: Listing) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = catalogue
        """Stations and versions, shared with the other parts of the service."""
        self.listing = listing
        """The listing, to show a comment after a change."""

    def decide(
        self,
        *,
        kind: str,
        reason: str,
        actor: str,
        comment_ids: Sequence[int] = (),
        cluster_id: int | None = None,
        link: str | None = None,
        link_version: str | int | None = None,
    ) -> list[int]:
        """Record a decision on comments, or on every member of a duplicate cluster.

        Args:
            kind: 采纳, 部分采纳, 未采纳 or 留作参考.
            reason: Why (required for 未采纳).
            actor: Who decides.
            comment_ids: The comments decided.
            cluster_id: A cluster whose members are all decided.
            link: The clause carrying the decision out, as cited in ``link_version``
                (or a node uid).
            link_version: The version ``link`` is cited in (default: the latest).

        Returns:
            The ids of the comments decided.

        Raises:
            StoreError: Unknown kind, comment or cluster; no reason for 未采纳; bad link.
        """
        if kind not in DECISION_KINDS:
            raise StoreError(f"处理意见“{kind}”无效：应为 {'、'.join(DECISION_KINDS)} 之一")
        if kind == "未采纳" and not reason.strip():
            raise StoreError("未采纳的意见须说明理由：请用 --reason 填写")
        now = datetime.now(UTC)
        with self.ws.transaction() as conn:
            targets = _targets(conn, comment_ids, cluster_id)
            found = changes.comment_projects(conn, targets)
            missing = sorted(set(targets) - set(found))
            if missing:
                raise StoreError(f"没有这些编号的意见：{'、'.join(map(str, missing))}")
            slugs = set(found.values())
            if len(slugs) != 1:
                raise StoreError("一次只能处理同一项目的意见")
            slug = slugs.pop()
            linked = self._link(slug, link, link_version) if link else None
            changes.insert_decisions(
                conn,
                targets,
                kind=kind,
                reason=reason,
                actor=actor,
                at=now,
                cluster_id=cluster_id,
                linked_uid=linked,
            )
            decided: list[JsonValue] = [*targets]
            append_audit(
                conn,
                actor=actor,
                action="decide_comments",
                project=slug,
                payload={
                    "comments": decided,
                    "cluster": cluster_id,
                    "decision": kind,
                    "reason": reason,
                    "linked_uid": linked,
                },
                at=now,
            )
        return targets

    def earlier_decisions(
        self, kind: str, *, comment_ids: Sequence[int] = (), cluster_id: int | None = None
    ) -> dict[int, str]:
        """The comments a decision ``kind`` would change: id → their current, other decision.

        Deciding a duplicate cluster decides every member, including members decided one by one
        before; callers tell the user which (see ``comments decide``).

        Raises:
            StoreError: Unknown cluster, or nothing to decide.
        """
        with self.ws.read() as conn:
            targets = _targets(conn, comment_ids, cluster_id)
            latest = changes.latest_decisions(conn, targets)
        return {cid: k for cid, k in latest.items() if k != kind}

    def _link(self, project: str, link: str, version: str | int | None) -> str:
        _, _, index = self.catalogue.index(project, version)
        if link in index:
            return link
        found = index.resolve(link)
        if found is None or found.uid is None:
            raise StoreError(f"“{link}”不是该版本中的条款：请写成“第十二条第二款”或节点编号")
        return found.uid

    def place(
        self, comment_id: int, clause: str, *, actor: str, version: str | int | None = None
    ) -> CommentView:
        """Anchor a comment (unplaced, orphaned, or misplaced) on ``clause`` of ``version``.

        ``clause`` is read as numbered in ``version``, which defaults to the latest version (the
        numbers ``comments list`` shows), not the version the comment was made on.

        Returns:
            The comment as shown in ``version``.

        Raises:
            StoreError: No such comment, or ``clause`` is not a clause of that version.
        """
        slug, target_uid, _ = self._comment_origin(comment_id)
        info, _, index = self.catalogue.index(slug, version)
        found = index.resolve(clause)
        if found is None:
            raise StoreError(
                f"“{clause}”不是该版本中的条款：第 {info.number} 版（{info.label}）"
                f"{clause_range(index)}，或“全文”；"
                "要按其他版本的编号定位，请加 --version"
            )
        with self.ws.transaction() as conn:
            changes.set_target(
                conn,
                comment_id,
                uid=found.uid,
                whole=found.whole,
                actor=actor,
                at=datetime.now(UTC),
            )
            append_audit(
                conn,
                actor=actor,
                action="place_comment",
                project=slug,
                payload={
                    "comment": comment_id,
                    "from_uid": target_uid,
                    "to_uid": found.uid,
                    "whole": found.whole,
                    "clause": clause,
                    "version": info.number,
                },
            )
        views, _ = self.listing.comments(slug, info.number, ids=[comment_id])
        return views[0]

    def placement_note(self, comment_id: int, version: str | int | None = None) -> str:
        """Where a comment hangs, as a Chinese sentence naming the version and the numbers.

        ``意见 15 已定位到 第3版 第二十四条（原第2版 第二十五条）``: the clause in ``version``
        (default latest), then its number in the comment's own version when that differs, and
        its number in the latest version when ``version`` is an older one.
        """
        slug, uid, whole = self._comment_origin(comment_id)
        info, _, index = self.catalogue.index(slug, version)
        head = f"意见 {comment_id} 已定位到 第{info.number}版 "
        if whole:
            return head + WHOLE
        if uid is None:
            return f"意见 {comment_id} 尚未定位"
        here = index.label_of.get(uid) or _merged_into(index, uid) or "（无编号的节点）"
        notes: list[str] = []
        with self.ws.read() as conn:
            origin_no = q.origin_number(conn, comment_id)
        if origin_no != info.number:
            _, _, origin = self.catalogue.index(slug, origin_no)
            was = origin.label_of.get(uid)
            notes.append(f"原第{origin_no}版 {was}" if was else f"第{origin_no}版中无此条款")
        latest, _, last = self.catalogue.index(slug, None)
        if latest.number != info.number:
            now = last.label_of.get(uid)
            latest_note = f"现{now}" if now else _merged_into(last, uid) or "最新版中已删除"
            notes = [*notes, latest_note] if latest.number != origin_no else [latest_note]
        return head + here + (f"（{'；'.join(notes)}）" if notes else "")

    def _comment_origin(self, comment_id: int) -> tuple[str, str | None, bool]:
        """(project slug, target uid, whole) of a comment."""
        with self.ws.read() as conn:
            found = q.comment_origin(conn, comment_id)
        if found is None:
            raise StoreError(f"没有编号为 {comment_id} 的意见")
        return found


def _merged_into(index: CitationIndex, uid: str) -> str | None:
    """``已并入第十二条`` when ``uid`` is gone from ``index`` into an article by a merge."""
    into = index.merged.get(uid)
    return f"已并入{index.label_of[into]}" if into is not None and into in index.label_of else None


def _targets(conn: Connection, comment_ids: Sequence[int], cluster_id: int | None) -> list[int]:
    """The comments a decision concerns: those named, then the cluster's other members."""
    targets = list(dict.fromkeys(comment_ids))
    if cluster_id is not None:
        found = changes.cluster_members(conn, cluster_id)
        if not found:
            raise StoreError(f"没有编号为 {cluster_id} 的重复意见组：请先运行 comments clusters")
        targets += [m for m in found if m not in targets]
    if not targets:
        raise StoreError("请指定要处理的意见编号（--comment）或重复意见组（--cluster）")
    return targets
