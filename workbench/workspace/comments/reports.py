"""What staff read about the comments as a whole: duplicate clusters, statistics, matrix counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from workbench.comments import WHOLE, ClusterCandidate, find_clusters, place
from workbench.model.comments import DECISION_KINDS, UNDECIDED
from workbench.store import append_audit
from workbench.store import comment_changes as changes
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
        """Find duplicate clusters among the project's placed comments and store them.

        A cluster whose members are unchanged keeps its id (decisions refer to it).

        Returns:
            (cluster id, kind, target uid, member ids) of every current cluster.
        """
        pid = self.catalogue.project_id(project)
        with self.ws.read() as conn:
            candidates = [
                ClusterCandidate(cid, uid or WHOLE, text)
                for cid, uid, text in q.placed_comments(conn, pid)
            ]
        found = find_clusters(candidates)
        out: list[tuple[int, str, str, tuple[int, ...]]] = []
        now = datetime.now(UTC)
        with self.ws.transaction() as conn:
            existing = changes.project_clusters(conn, pid)
            created = 0
            for c in found:
                cid = existing.get(c.members)
                if cid is None:
                    cid = changes.insert_cluster(conn, pid, c.kind, c.target, c.members, now)
                    created += 1
                out.append((cid, c.kind, c.target, c.members))
            if created:
                append_audit(
                    conn,
                    actor=actor,
                    action="cluster_comments",
                    project=project,
                    payload={"clusters": len(found), "new": created},
                )
        return out

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
