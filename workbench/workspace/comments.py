"""The consultation service: station registry, comment templates, ingest, listing, decisions.

Orchestrates the pure `workbench.comments` logic over a `Workspace`: every received file is kept
in ``inbox/`` first, then read and validated, then committed in one transaction with its audit
entry (or rejected whole, nothing stored changing). Comments hang on node uids; listing shows
them in any version under their number there, unplaced or orphaned.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import JsonValue
from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from workbench.comments import (
    WHOLE,
    CitationIndex,
    ClusterCandidate,
    FileFormat,
    TemplateHeader,
    check_header,
    default_stations,
    find_clusters,
    normalize_citation,
    place,
    read_comment_file,
    read_registry,
    registry_csv,
    template_bytes,
)
from workbench.comments.readers import ParsedFile
from workbench.errors import CommentFileError, FileProblem, StoreError, WorkbenchError
from workbench.model import Document
from workbench.model.comments import DECISION_KINDS, Station
from workbench.model.project import VersionInfo
from workbench.store import append_audit
from workbench.store import comment_tables as t
from workbench.store.inbox import record_inbox_file
from workbench.store.schema import projects, versions
from workbench.workspace.comment_rows import (
    CommentView,
    IngestResult,
    Pending,
    article_map,
    article_of,
    comment_query,
    insert_sql,
    keep,
    sync,
    view,
)
from workbench.workspace.workspace import Workspace, register_init_hook

__all__ = [
    "CommentService",
    "CommentView",
    "IngestResult",
    "write_default_registry",
]

_ARTICLE = re.compile(r"^第[^条]+条(之[^第]+)?")
UNDECIDED = "待处理"
"""The decision shown for a comment nobody has decided yet."""


def write_default_registry(ws: Workspace) -> None:
    """Write the default station registry into a workspace whose stations.csv has no stations."""
    target = ws.stations_csv
    if target.exists():
        lines = [ln for ln in target.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
        if len(lines) > 1:
            return
    target.write_text(registry_csv(default_stations()), encoding="utf-8-sig", newline="")


register_init_hook(write_default_registry)


class CommentService:
    """Comments of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""
        self._indexes: dict[int, CitationIndex] = {}
        self._stations: tuple[Station, ...] | None = None
        self._article_maps: dict[int, dict[str, str]] = {}
        self._resolved: dict[tuple[str, str], tuple[VersionInfo, int]] = {}
        self._names: dict[str, list[str] | None] = {}

    # -- registry ---------------------------------------------------------------------------

    def stations(self) -> tuple[Station, ...]:
        """The registry from ``stations.csv`` (the default one when the file is missing).

        Raises:
            CommentFileError: The CSV is malformed (each bad row and column named).
        """
        if self._stations is None:
            path = self.ws.stations_csv
            if path.exists():
                self._stations = read_registry(path.read_bytes(), str(path))
            else:
                self._stations = default_stations()
        return self._stations

    def sync_stations(self, conn: Connection) -> None:
        """Mirror the registry into the ``stations`` table (inside the caller's transaction)."""
        now = datetime.now(UTC)
        have = {r.code: r for r in conn.execute(select(t.stations))}
        current = {s.code: s for s in self.stations()}
        for code, s in current.items():
            row = have.get(code)
            values = {"name": s.name, "county": s.county, "kind": s.kind, "active": True}
            if row is None:
                conn.execute(insert(t.stations).values(code=code, updated_at=now, **values))
            elif (row.name, row.county, row.kind, row.active) != tuple(values.values()):
                conn.execute(
                    update(t.stations)
                    .where(t.stations.c.code == code)
                    .values(updated_at=now, **values)
                )
        for code, row in have.items():
            if code not in current and row.active:
                conn.execute(
                    update(t.stations)
                    .where(t.stations.c.code == code)
                    .values(active=False, updated_at=now)
                )

    # -- versions ---------------------------------------------------------------------------

    def _version(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int]:
        key = (project, str(ref))
        if key in self._resolved:
            return self._resolved[key]
        info = self.ws.resolve_version(project, ref)
        with self.ws.read() as conn:
            vid = conn.execute(
                select(versions.c.id)
                .join(projects, projects.c.id == versions.c.project_id)
                .where(projects.c.slug == project, versions.c.number == info.number)
            ).scalar_one()
        if ref is not None and str(ref) not in ("latest", "最新", "最新版"):
            self._resolved[key] = (info, int(vid))
        return info, int(vid)

    def index(self, project: str, ref: str | int | None) -> tuple[VersionInfo, int, CitationIndex]:
        """A version, its row id and the index of its citations (cached)."""
        info, vid = self._version(project, ref)
        if vid not in self._indexes:
            self._indexes[vid] = CitationIndex(self.ws.document(project, info.number))
        return info, vid, self._indexes[vid]

    def _index_by_id(self, conn: Connection, vid: int) -> CitationIndex:
        if vid not in self._indexes:
            row = conn.execute(select(versions.c.document).where(versions.c.id == vid)).one()
            self._indexes[vid] = CitationIndex(Document.model_validate_json(row.document))
        return self._indexes[vid]

    def _version_names(self, project: str) -> list[str] | None:
        if project in self._names:
            return self._names[project]
        self._names[project] = self._read_version_names(project)
        return self._names[project]

    def _read_version_names(self, project: str) -> list[str] | None:
        try:
            infos = self.ws.versions(project)
        except StoreError:
            return None
        with self.ws.read() as conn:
            if (
                conn.execute(select(projects.c.id).where(projects.c.slug == project)).first()
                is None
            ):
                return None
        names: list[str] = []
        for i in infos:
            names += [i.stage, str(i.number), f"v{i.number}", i.label]
        return list(dict.fromkeys(names))

    # -- templates --------------------------------------------------------------------------

    def template(
        self,
        fmt: FileFormat,
        project: str,
        version: str,
        station: str,
        *,
        collector: str = "",
        rows: int = 200,
    ) -> bytes:
        """A blank comment file for ``station`` on ``version`` of ``project``.

        Raises:
            StoreError: Unknown project or version.
            CommentFileError: Unknown station.
        """
        if station not in {s.code for s in self.stations()}:
            raise CommentFileError(
                f"联络站编号“{station}”不在站点登记表中：`workbench stations` 可列出全部编号"
            )
        info, _, index = self.index(project, version)
        header = TemplateHeader(station, collector, project, version or info.stage)
        return template_bytes(fmt, header, index.labels, rows=rows)

    # -- ingest -----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        actor: str,
        on_file: Callable[[IngestResult], None] | None = None,
        batch_rows: int = 100_000,
    ) -> list[IngestResult]:
        """Receive, validate and store comment files; each file lands whole or not at all.

        Each file is first kept byte for byte in ``inbox/``, then read and validated. Accepted
        files are written with one bulk insert each, inside a savepoint of a transaction that
        groups files up to ``batch_rows`` comments (one commit, one flush to disk, per group);
        results are final once their group is committed.

        Args:
            paths: The files.
            actor: Who ingests (audit log).
            on_file: Called after each file is read (progress).
            batch_rows: Comments per commit group.

        Returns:
            One result per file, in order.
        """
        self._resolved.clear()  # versions may have been added since the last call
        self._names.clear()
        self._stations = None
        with self.ws.transaction() as conn:
            self.sync_stations(conn)
        out: list[IngestResult] = []
        pending: list[Pending] = []
        pending_rows = 0
        seen: set[str] = set()
        for path in paths:
            result, item = self._prepare(Path(path), seen)
            out.append(result)
            if item is not None:
                pending.append(item)
                pending_rows += len(item.parsed.rows) if item.parsed is not None else 0
            if pending_rows >= batch_rows:
                self._flush(pending, actor)
                pending, pending_rows = [], 0
            if on_file is not None:
                on_file(result)
        if pending:
            self._flush(pending, actor)
        return out

    def ingest_file(self, path: Path | str, *, actor: str) -> IngestResult:
        """Receive one file (see `ingest`)."""
        return self.ingest([path], actor=actor)[0]

    def _prepare(self, path: Path, seen: set[str]) -> tuple[IngestResult, Pending | None]:
        """Keep the file in inbox/, check it is new, read and validate it (no database write)."""
        result = IngestResult(path=str(path), status="rejected")
        try:
            sha, size, kept, new, data = keep(path, self.ws.inbox_dir)
        except WorkbenchError as exc:
            result.errors.append(FileProblem(exc.message, file=str(path)))
            return result, None
        result.sha256 = sha
        with self.ws.read() as conn:
            stored = conn.execute(
                select(t.comment_files.c.id).where(t.comment_files.c.sha256 == sha)
            ).first()
        if stored is not None or sha in seen:
            result.status = "duplicate"
            return result, Pending(result, path, size, kept, new, None)
        seen.add(sha)
        parsed = read_comment_file(data, path.name)
        if parsed.ok:
            check_header(
                parsed,
                stations={s.code for s in self.stations()},
                versions_of=self._version_names,
            )
        result.warnings = parsed.warnings
        if not parsed.ok:
            result.errors = parsed.errors
            return result, Pending(result, path, size, kept, new, None)
        return result, Pending(result, path, size, kept, new, parsed)

    def _flush(self, pending: list[Pending], actor: str) -> None:
        """Commit a group of prepared files, one savepoint each; then mark them accepted."""
        sync([p.kept for p in pending if p.new], self.ws.inbox_dir)
        stored: list[tuple[Pending, tuple[int, int, int]]] = []
        with self.ws.transaction() as conn:
            for item in pending:
                record_inbox_file(conn, item.result.sha256 or "", item.path.name, item.size, actor)
                if item.parsed is None:
                    self._audit_unstored(conn, item, actor)
                    continue
                savepoint = conn.begin_nested()
                try:
                    counts = self._store(conn, item.parsed, item.result, actor)
                except IntegrityError:
                    savepoint.rollback()
                    item.result.status = "duplicate"  # another process stored the same bytes
                    continue
                savepoint.commit()
                stored.append((item, counts))
        for item, (rows, unplaced, flagged) in stored:
            r = item.result
            r.status, r.rows, r.unplaced, r.flagged = "accepted", rows, unplaced, flagged
            r.placed = rows - unplaced

    def _audit_unstored(self, conn: Connection, item: Pending, actor: str) -> None:
        r = item.result
        rejected = r.status == "rejected"
        append_audit(
            conn,
            actor=actor,
            action="reject_comment_file" if rejected else "receive_file",
            payload={
                "sha256": r.sha256,
                "name": item.path.name,
                "size": item.size,
                "duplicate": not rejected,
                "errors": [str(p) for p in r.errors[:20]],
            },
        )

    def _store(
        self, conn: Connection, parsed: ParsedFile, result: IngestResult, actor: str
    ) -> tuple[int, int, int]:
        """Insert one accepted file and its comments (bulk); return rows, unplaced, flagged."""
        info, vid, index = self.index(parsed.project, parsed.version)
        resolve = index.resolve
        pid = conn.execute(select(versions.c.project_id).where(versions.c.id == vid)).scalar_one()
        inserted = conn.execute(
            insert(t.comment_files).values(
                sha256=result.sha256,
                name=Path(result.path).name,
                format=parsed.format,
                encoding=parsed.encoding,
                station=parsed.station,
                collector=parsed.collector,
                project_id=pid,
                version_id=vid,
                version_ref=parsed.version,
                rows=len(parsed.rows),
                unplaced=0,
                flagged=0,
                received_at=datetime.now(UTC),
                received_by=actor,
            )
        )
        assert inserted.inserted_primary_key is not None
        file_id = int(inserted.inserted_primary_key[0])
        records: list[tuple[Any, ...]] = []
        unplaced = flagged = 0
        station = parsed.station
        for r in parsed.rows:
            d = r.data
            found = resolve(d.clause)
            if found is None:
                unplaced += 1
                uid, whole = None, False
            else:
                uid, whole = found.uid, found.whole
            if r.flags:
                flagged += 1
            records.append(
                (
                    file_id,
                    pid,
                    vid,
                    station,
                    r.row,
                    d.clause,
                    uid,
                    whole,
                    d.quote,
                    d.opinion,
                    d.reason,
                    d.proposal,
                    d.submitter_category,
                    d.submitter,
                    d.contact,
                    ",".join(r.flags),
                )
            )
        if records:
            conn.exec_driver_sql(insert_sql(conn), records)
        conn.execute(
            update(t.comment_files)
            .where(t.comment_files.c.id == file_id)
            .values(unplaced=unplaced, flagged=flagged)
        )
        append_audit(
            conn,
            actor=actor,
            action="ingest_comments",
            project=parsed.project,
            payload={
                "sha256": result.sha256,
                "name": Path(result.path).name,
                "station": parsed.station,
                "version": info.number,
                "rows": len(records),
                "unplaced": unplaced,
                "flagged": flagged,
            },
        )
        return len(records), unplaced, flagged

    # -- listing ----------------------------------------------------------------------------

    def comments(
        self,
        project: str,
        version: str | int | None = None,
        *,
        article: str | None = None,
        station: str | None = None,
        status: Sequence[str] = (),
        ids: Sequence[int] = (),
        limit: int | None = None,
    ) -> tuple[list[CommentView], int]:
        """The comments of ``project`` as they show in ``version`` (latest by default).

        Args:
            project: The project slug.
            version: The version to show them in.
            article: Only those on this article (``第十二条``, as numbered in that version;
                orphaned ones by their old number).
            station: Only those from this station code.
            status: Only these states (placed / unplaced / orphaned) or decisions
                (采纳 … 留作参考, 待处理); a comment matches if it matches any.
            ids: Only these comment ids.
            limit: At most this many (the total is still counted).

        Returns:
            The comments (ordered by id) and how many matched in all.
        """
        _, vid, index = self.index(project, version)
        articles = self._articles(vid, index)
        label: str | None = None
        if article:
            key = normalize_citation(article)
            m = _ARTICLE.match(key)
            if key != WHOLE and m is None:
                raise StoreError(f"条文“{article}”无法识别：请写成“第十二条”或“全文”")
            label = WHOLE if m is None else m.group(0)
        out: list[CommentView] = []
        total = 0
        with self.ws.read() as conn:
            pid = conn.execute(select(projects.c.id).where(projects.c.slug == project)).scalar_one()
            query = comment_query().where(t.comments.c.project_id == pid)
            if station:
                query = query.where(t.comments.c.station == station)
            if ids:
                query = query.where(t.comments.c.id.in_(list(ids)))
            for row in conn.execute(query.order_by(t.comments.c.id)):
                origin = self._index_by_id(conn, row.version_id)
                p = place(row.target_uid, whole=row.whole, origin=origin, version=index)
                then = self._articles(row.version_id, origin)
                art = article_of(row, p.state, articles, then)
                if label is not None and art != label:
                    continue
                decision = row.kind or UNDECIDED
                if status and p.state not in status and decision not in status:
                    continue
                total += 1
                if limit is not None and len(out) >= limit:
                    continue
                out.append(view(row, p, art))
        return out, total

    def _articles(self, vid: int, index: CitationIndex) -> dict[str, str]:
        if vid not in self._article_maps:
            self._article_maps[vid] = article_map(index.doc)
        return self._article_maps[vid]

    def counts_by_target(self, project: str, version: str | int | None = None) -> dict[str, int]:
        """How many comments hang on each uid present in ``version`` (an aggregate query)."""
        _, _, index = self.index(project, version)
        with self.ws.read() as conn:
            pid = conn.execute(select(projects.c.id).where(projects.c.slug == project)).scalar_one()
            rows = conn.execute(
                select(t.comments.c.target_uid, func.count())
                .where(t.comments.c.project_id == pid, t.comments.c.target_uid.is_not(None))
                .group_by(t.comments.c.target_uid)
            )
            return {uid: n for uid, n in rows if uid in index}

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
            targets = list(dict.fromkeys(comment_ids))
            if cluster_id is not None:
                members = conn.execute(
                    select(t.comment_cluster_members.c.comment_id).where(
                        t.comment_cluster_members.c.cluster_id == cluster_id
                    )
                ).scalars()
                found = list(members)
                if not found:
                    raise StoreError(
                        f"没有编号为 {cluster_id} 的重复意见组：请先运行 comments clusters"
                    )
                targets += [m for m in found if m not in targets]
            if not targets:
                raise StoreError("请指定要处理的意见编号（--comment）或重复意见组（--cluster）")
            rows = conn.execute(
                select(t.comments.c.id, projects.c.slug)
                .join(projects, projects.c.id == t.comments.c.project_id)
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

        The version defaults to the one the comment was made on.

        Raises:
            StoreError: No such comment, or ``clause`` is not a clause of that version.
        """
        with self.ws.read() as conn:
            row = conn.execute(
                select(t.comments.c.version_id, t.comments.c.target_uid, projects.c.slug)
                .join(projects, projects.c.id == t.comments.c.project_id)
                .where(t.comments.c.id == comment_id)
            ).first()
            if row is None:
                raise StoreError(f"没有编号为 {comment_id} 的意见")
            number = conn.execute(
                select(versions.c.number).where(versions.c.id == row.version_id)
            ).scalar_one()
        _, _, index = self.index(row.slug, number if version is None else version)
        found = index.resolve(clause)
        if found is None:
            sample = "、".join(index.labels[1:6])
            raise StoreError(f"“{clause}”不是该版本中的条款（例如：{sample} …，或“全文”）")
        with self.ws.transaction() as conn:
            conn.execute(
                update(t.comments)
                .where(t.comments.c.id == comment_id)
                .values(
                    target_uid=found.uid,
                    whole=found.whole,
                    placed_by=actor,
                    placed_at=datetime.now(UTC),
                )
            )
            append_audit(
                conn,
                actor=actor,
                action="place_comment",
                project=row.slug,
                payload={
                    "comment": comment_id,
                    "from_uid": row.target_uid,
                    "to_uid": found.uid,
                    "whole": found.whole,
                    "clause": clause,
                },
            )
        views, _ = self.comments(
            row.slug, version if version is not None else number, ids=[comment_id]
        )
        return views[0]

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
            candidates = [
                ClusterCandidate(r.id, r.target_uid or WHOLE, r.opinion)
                for r in conn.execute(
                    select(
                        t.comments.c.id,
                        t.comments.c.target_uid,
                        t.comments.c.opinion,
                    ).where(
                        t.comments.c.project_id == pid,
                        (t.comments.c.target_uid.is_not(None)) | t.comments.c.whole,
                    )
                )
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
            "article": dict(by_article),
            "station": dict(sorted(by_station.items())),
            "decision": {k: by_decision.get(k, 0) for k in (*DECISION_KINDS, UNDECIDED)},
            "state": {k: by_state.get(k, 0) for k in ("placed", "unplaced", "orphaned")},
        }
