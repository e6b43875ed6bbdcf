"""What staff read about the comments as a whole: duplicate clusters, statistics, matrix counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from workbench.comments import WHOLE, FoundCluster, cluster_targets, place
from workbench.model.comments import DECISION_KINDS, UNDECIDED
from workbench.store import append_audit
from workbench.store import comment_clusters as cl
from workbench.store import comment_queries as q
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.comments.listing import Listing
from workbench.workspace.comments.views import article_of
from workbench.workspace.workspace import Workspace

__all__ = ["Reports"]


@dataclass(frozen=True, slots=True)
class _Target:
    """What `article_of` reads of a comment."""

    target_uid: str | None
    whole: bool


class Reports:
    """Duplicate clusters, counts per article / station / decision / state, 四方 counts."""

    def __init__(self, ws: Workspace, catalogue: Catalogue, listing: Listing) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = catalogue
        """Stations and versions, shared with the other parts of the service."""
        self.listing = listing
        """The listing the statistics count."""

    def clusters(self, project: str, *, actor: str) -> list[tuple[int, str, str, tuple[int, ...]]]:
        """Bring the project's duplicate clusters up to date (`update_clusters`); return them.

        Returns:
            (cluster id, kind, target uid or 全文, member ids) of every current cluster.
        """
        self.update_clusters(project, actor=actor)
        pid = self.catalogue.project_id(project)
        with self.ws.read() as conn:
            return sorted(cl.current_clusters(conn, pid), key=lambda c: (c[2], c[3][0]))

    def update_clusters(self, project: str, *, actor: str) -> int:
        """Find duplicate clusters among the project's placed comments and store them.

        Incremental: only the clauses that got comments since the last run (ingested, or placed
        by hand) are clustered again (`workbench.comments.cluster_targets`, MinHash LSH); the
        first run takes them all. An ingest runs this for each project it added placed comments to. A
        cluster whose members are unchanged keeps its id (decisions refer to it); one no longer
        found loses its members.

        Returns:
            How many clauses were clustered again.
        """
        pid = self.catalogue.project_id(project)
        now = datetime.now(UTC)
        with self.ws.read() as conn:
            last, since = cl.read_mark(conn, pid)
            top = cl.max_comment_id(conn, pid)
            dirty = cl.dirty_targets(conn, pid, last, since)
            if not dirty and top == last:
                return 0
            found: dict[str, list[FoundCluster]] = dict(
                cluster_targets(
                    (WHOLE if whole else str(uid), cl.comments_on(conn, pid, (uid, whole)))
                    for uid, whole in dirty
                )
            )
        with self.ws.transaction() as conn:
            fresh: list[tuple[str, str, tuple[int, ...]]] = []
            dropped: list[int] = []
            stored_on = cl.stored_clusters(conn, pid, found)
            for key, clusters in found.items():
                stored = stored_on[key]
                now_found = {c.members for c in clusters}
                fresh += [(c.kind, key, c.members) for c in clusters if c.members not in stored]
                dropped += [cid for members, cid in stored.items() if members not in now_found]
            fresh.sort(key=lambda f: f[2][0])  # ids follow the first comments, not set order
            cl.insert_clusters(conn, pid, fresh, now)
            cl.drop_members(conn, dropped)
            cl.write_mark(conn, pid, top, now)
            if fresh or dropped:
                append_audit(
                    conn,
                    actor=actor,
                    action="cluster_comments",
                    project=project,
                    payload={
                        "clauses": len(found),
                        "clusters": sum(len(c) for c in found.values()),
                        "new": len(fresh),
                        "dissolved": len(dropped),
                    },
                )
        return len(found)

    def stats(self, project: str, version: str | int | None = None) -> dict[str, dict[str, int]]:
        """Counts per article (as numbered in ``version``), per station, per decision, per state.

        Counted by the database (grouped by node, station and decision through indexes); only
        the groups come back, each placed once in ``version`` (`workbench.comments.place`).
        """
        info, shown, index = self.catalogue.index(project, version)
        pid = self.catalogue.project_id(project)
        articles = self.catalogue.articles(shown, index)
        with self.ws.read() as conn:
            groups = q.target_counts(conn, pid)
            numbers = q.version_numbers(conn, pid)
            stations = q.station_counts(conn, pid)
            decided = q.decision_counts(conn, pid)
            origins = {vid: self.catalogue.index_by_id(conn, vid) for vid in numbers}
        by_article: Counter[str] = Counter()
        by_state: Counter[str] = Counter()
        total = 0
        for uid, whole, vid, n in groups:
            origin = origins[vid]
            p = place(
                uid, whole=whole, origin=origin, version=index, later=numbers[vid] > info.number
            )
            then = self.catalogue.articles(vid, origin)
            art = article_of(_Target(uid, whole), p.state, articles, then, index.merged)
            key = art or ("未定位" if p.state == "unplaced" else "其他")
            if p.state == "orphaned":
                key = f"原{key}（已删除）"
            by_article[key] += n
            by_state[p.state] += n
            total += n
        position = {label: i for i, label in enumerate(index.labels)}

        def order(key: str) -> tuple[int, int, str]:
            if key in position:
                return (0, position[key], key)
            return (1 if key.startswith("原") else 2, 0, key)

        by_decision: dict[str, int] = {k: decided.get(k, 0) for k in DECISION_KINDS}
        by_decision[UNDECIDED] = total - sum(decided.values())
        return {
            "total": {"comments": total},
            "article": {k: by_article[k] for k in sorted(by_article, key=order)},
            "station": dict(sorted(stations.items())),
            "decision": by_decision,
            "state": {k: by_state.get(k, 0) for k in ("placed", "unplaced", "orphaned")},
        }

    def party_counts(self, project: str) -> dict[tuple[str, str], int]:
        """Comments from the four parties per (node, party name): the 四前四方 matrix counts."""
        names = {s.code: s.name for s in self.catalogue.stations() if s.kind == "四方"}
        with self.ws.read() as conn:
            rows = q.party_rows(conn, project)
        out: dict[tuple[str, str], int] = {}
        for node, code, n in rows:
            if code in names:
                key = (node, names[code])
                out[key] = out.get(key, 0) + n
        return out
