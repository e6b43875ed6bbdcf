"""Decisions, placing, duplicate clusters and statistics: the second half of `CommentService`.

A mixin so the service module stays small; `workbench.workspace.comments.CommentService` is the
class to use. Every change here is one transaction with its audit entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import JsonValue
from sqlalchemy import Connection, func, insert, select, update

from workbench.comments import (
    WHOLE,
    CitationIndex,
    ClusterCandidate,
    find_clusters,
    normalize_citation,
)
from workbench.errors import StoreError
from workbench.model.comments import DECISION_KINDS, Station
from workbench.model.project import VersionInfo
from workbench.store import append_audit
from workbench.store import comment_tables as t
from workbench.store.comment_targets import move_comment, target_key
from workbench.store.schema import projects, versions
from workbench.workspace.comment_rows import UNDECIDED, CommentView, load_texts
from workbench.workspace.workspace import Workspace

__all__ = ["UNDECIDED", "CommentDecisions"]

_ARTICLE = re.compile(r"^第[^条]+条(之[^第]+)?")
"""The article part of a citation (as `CommentService.comments` reads it)."""


def _merged_into(index: CitationIndex, uid: str) -> str | None:
    """``已并入第十二条`` when ``uid`` is gone from ``index`` into an article by a merge."""
    into = index.merged.get(uid)
    return f"已并入{index.label_of[into]}" if into is not None and into in index.label_of else None


def _targets(conn: Connection, comment_ids: Sequence[int], cluster_id: int | None) -> list[int]:
    """The comments a decision concerns: those named, then the cluster's other members."""
    targets = list(dict.fromkeys(comment_ids))
    if cluster_id is not None:
        members = conn.execute(
            select(t.comment_cluster_members.c.comment_id).where(
                t.comment_cluster_members.c.cluster_id == cluster_id
            )
        ).scalars()
        found = list(members)
        if not found:
            raise StoreError(f"没有编号为 {cluster_id} 的重复意见组：请先运行 comments clusters")
        targets += [m for m in found if m not in targets]
    if not targets:
        raise StoreError("请指定要处理的意见编号（--comment）或重复意见组（--cluster）")
    return targets


class CommentDecisions:
    """Decide, place, cluster and count comments (mixed into `CommentService`)."""

    ws: Workspace

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and its citation index (implemented by the service)."""
        raise NotImplementedError

    def stations(self) -> tuple[Station, ...]:
        """The station registry (implemented by the service)."""
        raise NotImplementedError

    def comments(
        self,
        project: str,
        version: str | int | None = None,
        *,
        article: str | Sequence[str] | None = None,
        station: str | None = None,
        status: Sequence[str] = (),
        ids: Sequence[int] = (),
        limit: int | None = None,
    ) -> tuple[list[CommentView], int]:
        """The comments as shown in a version (implemented by the service)."""
        raise NotImplementedError

    # -- decisions and placing --------------------------------------------------------------

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
            rows = conn.execute(
                select(t.comments.c.id, projects.c.slug)
                .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
                .join(projects, projects.c.id == t.comment_files.c.project_id)
                .where(t.comments.c.id.in_(targets))
            ).all()
            missing = sorted(set(targets) - {r.id for r in rows})
            if missing:
                raise StoreError(f"没有这些编号的意见：{'、'.join(map(str, missing))}")
            slugs = {r.slug for r in rows}
            if len(slugs) != 1:
                raise StoreError("一次只能处理同一项目的意见")
            slug = slugs.pop()
            linked = self._link(slug, link, link_version) if link else None
            conn.execute(
                insert(t.comment_decisions),
                [
                    {
                        "comment_id": cid,
                        "kind": kind,
                        "reason": reason,
                        "decided_by": actor,
                        "decided_at": now,
                        "cluster_id": cluster_id,
                        "linked_uid": linked,
                    }
                    for cid in targets
                ],
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
            d = t.comment_decisions.c
            latest = (
                select(func.max(d.id))
                .where(d.comment_id.in_(targets))
                .group_by(d.comment_id)
                .scalar_subquery()
            )
            rows = conn.execute(select(d.comment_id, d.kind).where(d.id.in_(latest))).all()
        return {int(cid): str(k) for cid, k in rows if k != kind}

    def _link(self, project: str, link: str, version: str | int | None) -> str:
        _, _, index = self.index(project, version)
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
        slug, target_uid, was_whole = self._comment_origin(comment_id)
        info, _, index = self.index(slug, version)
        found = index.resolve(clause)
        if found is None:
            raise StoreError(
                f"“{clause}”不是该版本中的条款：第 {info.number} 版（{info.label}）"
                f"{_clause_range(index)}，或“全文”；"
                "要按其他版本的编号定位，请加 --version"
            )
        with self.ws.transaction() as conn:
            file_id = conn.execute(
                update(t.comments)
                .where(t.comments.c.id == comment_id)
                .values(
                    target_uid=found.uid,
                    whole=found.whole,
                    placed_by=actor,
                    placed_at=datetime.now(UTC),
                )
                .returning(t.comments.c.file_id)
            ).scalar_one()
            pid = conn.execute(
                select(t.comment_files.c.project_id).where(t.comment_files.c.id == file_id)
            ).scalar_one()
            old, new = target_key(target_uid, was_whole), target_key(found.uid, found.whole)
            move_comment(conn, pid, comment_id, old, new)
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
        views, _ = self.comments(slug, info.number, ids=[comment_id])
        return views[0]

    def placement_note(self, comment_id: int, version: str | int | None = None) -> str:
        """Where a comment hangs, as a Chinese sentence naming the version and the numbers.

        ``意见 15 已定位到 第3版 第二十四条（原第2版 第二十五条）``: the clause in ``version``
        (default latest), then its number in the comment's own version when that differs, and
        its number in the latest version when ``version`` is an older one.
        """
        slug, uid, whole = self._comment_origin(comment_id)
        info, _, index = self.index(slug, version)
        head = f"意见 {comment_id} 已定位到 第{info.number}版 "
        if whole:
            return head + WHOLE
        if uid is None:
            return f"意见 {comment_id} 尚未定位"
        here = index.label_of.get(uid) or _merged_into(index, uid) or "（无编号的节点）"
        notes: list[str] = []
        origin_no = self._origin_number(comment_id)
        if origin_no != info.number:
            _, _, origin = self.index(slug, origin_no)
            was = origin.label_of.get(uid)
            notes.append(f"原第{origin_no}版 {was}" if was else f"第{origin_no}版中无此条款")
        latest, _, last = self.index(slug, None)
        if latest.number != info.number:
            now = last.label_of.get(uid)
            latest_note = f"现{now}" if now else _merged_into(last, uid) or "最新版中已删除"
            notes = [*notes, latest_note] if latest.number != origin_no else [latest_note]
        return head + here + (f"（{'；'.join(notes)}）" if notes else "")

    def _comment_origin(self, comment_id: int) -> tuple[str, str | None, bool]:
        """(project slug, target uid, whole) of a comment."""
        with self.ws.read() as conn:
            row = conn.execute(
                select(projects.c.slug, t.comments.c.target_uid, t.comments.c.whole)
                .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
                .join(projects, projects.c.id == t.comment_files.c.project_id)
                .where(t.comments.c.id == comment_id)
            ).first()
        if row is None:
            raise StoreError(f"没有编号为 {comment_id} 的意见")
        return str(row.slug), row.target_uid, bool(row.whole)

    def _origin_number(self, comment_id: int) -> int:
        """The number of the version a comment was made on."""
        with self.ws.read() as conn:
            return int(
                conn.execute(
                    select(versions.c.number)
                    .join(t.comment_files, t.comment_files.c.version_id == versions.c.id)
                    .join(t.comments, t.comments.c.file_id == t.comment_files.c.id)
                    .where(t.comments.c.id == comment_id)
                ).scalar_one()
            )

    def check_article(self, project: str, version: str | int | None, article: str) -> None:
        """Refuse an article filter that names no article of the project.

        An article counts when ``version`` has it, or when an earlier version had it (orphaned
        comments are listed by their old number).

        Raises:
            StoreError: No version of the project has that article; the message gives the
                articles of ``version``.
        """
        key = normalize_citation(article)
        if key == WHOLE:
            return
        m = _ARTICLE.match(key)
        if m is None:
            return  # the listing itself explains what an article reference looks like
        label = m.group(0)
        info, _, index = self.index(project, version)
        if index.resolve(label) is not None:
            return
        for other in self.ws.versions(project):
            if other.number != info.number and self.index(project, other.number)[2].resolve(label):
                return
        raise StoreError(
            f"项目“{project}”第 {info.number} 版（{info.label}）中没有“{article}”"
            f"（{_clause_range(index)}），以前各版也没有：请按该版的编号填写，或用 --version 换版本"
        )

    # -- duplicates -------------------------------------------------------------------------

    def clusters(self, project: str, *, actor: str) -> list[tuple[int, str, str, tuple[int, ...]]]:
        """Find duplicate clusters among the project's placed comments and store them.

        A cluster whose members are unchanged keeps its id (decisions refer to it).

        Returns:
            (cluster id, kind, target uid, member ids) of every current cluster.
        """
        with self.ws.read() as conn:
            pid = conn.execute(select(projects.c.id).where(projects.c.slug == project)).scalar()
            if pid is None:
                self.ws.project(project)  # raises the listing error
            placed = conn.execute(
                select(
                    t.comments.c.id,
                    t.comments.c.target_uid,
                    t.comments.c.file_id,
                    t.comments.c.seq,
                )
                .join(t.comment_files, t.comment_files.c.id == t.comments.c.file_id)
                .where(
                    t.comment_files.c.project_id == pid,
                    (t.comments.c.target_uid.is_not(None)) | t.comments.c.whole,
                )
            ).all()
            candidates = [
                ClusterCandidate(r.id, r.target_uid or WHOLE, texts[1])
                for r, texts in zip(placed, load_texts(conn, placed), strict=True)
            ]
        found = find_clusters(candidates)
        out: list[tuple[int, str, str, tuple[int, ...]]] = []
        now = datetime.now(UTC)
        with self.ws.transaction() as conn:
            existing: dict[tuple[int, ...], int] = {}
            members: dict[int, list[int]] = {}
            for cid, mid in conn.execute(
                select(
                    t.comment_cluster_members.c.cluster_id, t.comment_cluster_members.c.comment_id
                )
                .join(
                    t.comment_clusters,
                    t.comment_clusters.c.id == t.comment_cluster_members.c.cluster_id,
                )
                .where(t.comment_clusters.c.project_id == pid)
            ):
                members.setdefault(cid, []).append(mid)
            for cid, mids in members.items():
                existing[tuple(sorted(mids))] = cid
            created = 0
            for c in found:
                cid = existing.get(c.members)
                if cid is None:
                    made = conn.execute(
                        insert(t.comment_clusters).values(
                            project_id=pid, kind=c.kind, target=c.target, created_at=now
                        )
                    )
                    assert made.inserted_primary_key is not None
                    cid = int(made.inserted_primary_key[0])
                    conn.execute(
                        insert(t.comment_cluster_members),
                        [{"cluster_id": cid, "comment_id": m} for m in c.members],
                    )
                    created += 1
                out.append((int(cid), c.kind, c.target, c.members))
            if created:
                append_audit(
                    conn,
                    actor=actor,
                    action="cluster_comments",
                    project=project,
                    payload={"clusters": len(found), "new": created},
                )
        return out

    # -- statistics -------------------------------------------------------------------------

    def stats(self, project: str, version: str | int | None = None) -> dict[str, dict[str, int]]:
        """Counts per article (as numbered in ``version``), per station, per decision, per state."""
        views, total = self.comments(project, version)
        _, _, index = self.index(project, version)
        position = {label: i for i, label in enumerate(index.labels)}

        def order(key: str) -> tuple[int, int, str]:
            if key in position:
                return (0, position[key], key)
            return (1 if key.startswith("原") else 2, 0, key)

        by_article: Counter[str] = Counter()
        by_station: Counter[str] = Counter()
        by_decision: Counter[str] = Counter()
        by_state: Counter[str] = Counter()
        for v in views:
            key = v.article or ("未定位" if v.state == "unplaced" else "其他")
            if v.state == "orphaned":
                key = f"原{key}（已删除）"
            by_article[key] += 1
            by_station[v.station] += 1
            by_decision[v.decision or UNDECIDED] += 1
            by_state[v.state] += 1
        return {
            "total": {"comments": total},
            "article": {k: by_article[k] for k in sorted(by_article, key=order)},
            "station": dict(sorted(by_station.items())),
            "decision": {k: by_decision.get(k, 0) for k in (*DECISION_KINDS, UNDECIDED)},
            "state": {k: by_state.get(k, 0) for k in ("placed", "unplaced", "orphaned")},
        }

    def party_counts(self, project: str) -> dict[tuple[str, str], int]:
        """Comments from the four parties per (stage, party name): the 四前四方 matrix counts."""
        names = {s.code: s.name for s in self.stations() if s.kind == "四方"}
        with self.ws.read() as conn:
            rows = conn.execute(
                select(
                    versions.c.stage, t.comment_files.c.station, func.sum(t.comment_files.c.rows)
                )
                .join(versions, versions.c.id == t.comment_files.c.version_id)
                .join(projects, projects.c.id == t.comment_files.c.project_id)
                .where(projects.c.slug == project)
                .group_by(versions.c.stage, t.comment_files.c.station)
            ).all()
        out: dict[tuple[str, str], int] = {}
        for stage, code, n in rows:
            if code in names:
                key = (str(stage), names[code])
                out[key] = out.get(key, 0) + int(n)
        return out


def _clause_range(index: CitationIndex) -> str:
    """``本版共 第一条 至 第八十九条`` (the articles a version has), for error messages."""
    articles = [label for label in index.labels[1:] if _is_article(label)]
    if not articles:
        return "本版没有条文"
    return f"本版条文为 {articles[0]} 至 {articles[-1]}"


def _is_article(label: str) -> bool:
    return label.startswith("第") and label.endswith("条") and "款" not in label
