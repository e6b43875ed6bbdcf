"""Full-text search over the drafts (any version, or the latest) and the comments.

`SearchService.search` reads the query (`workbench.store.search_terms.parse_query`: each
space-separated word a phrase, all must match; a Chinese word as the phrase of its
characters), asks the indexes (`workbench.store.search`) and shows each hit as its
project, version and clause, or comment and station, with a snippet around the first match.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from workbench.comments import CitationIndex, place
from workbench.errors import StoreError
from workbench.store.search import CommentHit, find_comments, find_draft, latest_versions
from workbench.store.search_terms import Query, parse_query
from workbench.workspace.comments.catalogue import Catalogue
from workbench.workspace.workspace import Workspace

__all__ = [
    "SCOPES",
    "CommentFound",
    "DraftFound",
    "Scope",
    "SearchResults",
    "SearchService",
    "snippet",
]

Scope = Literal["all", "draft", "comments"]
SCOPES: tuple[Scope, ...] = ("all", "draft", "comments")

_CONTEXT = 24
"""Characters shown on each side of a match in a snippet."""


@dataclass(frozen=True, slots=True)
class DraftFound:
    """A clause of a version whose text matches."""

    project: str
    """The project's slug."""
    version: int
    """The version's number."""
    label: str
    """The clause's citation in that version (``第十二条第二款``), or a heading's number."""
    snippet: str
    """The text around the first match, the match in 【】."""
    uid: str
    """The node's uid (to jump to it)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields of ``workbench search`` (``project``, ``version``, ``label``, ``snippet``)."""
        return {
            "project": self.project,
            "version": self.version,
            "label": self.label,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class CommentFound:
    """A comment whose 意见建议, 理由 or 建议修改为 matches."""

    id: int
    """The comment's number."""
    project: str
    """The project's slug."""
    station: str
    """The sending station's code."""
    article: str | None
    """Its clause as numbered in the project's latest version (全文; the old number when the
    clause was deleted; None when unplaced)."""
    snippet: str
    """The text around the first match (理由：/建议修改为： when it is there), the match in 【】."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields of ``workbench search`` (``id``, ``project``, ``station``, ``article``, ``snippet``)."""
        return {
            "id": self.id,
            "project": self.project,
            "station": self.station,
            "article": self.article,
            "snippet": self.snippet,
        }


@dataclass(slots=True)
class SearchResults:
    """What a search found, newest comments first; at most ``limit`` of each kind."""

    draft: list[DraftFound] = field(default_factory=list)
    """Clauses, by project, then newest version first, then in text order."""
    comments: list[CommentFound] = field(default_factory=list)
    """Comments, newest first."""
    draft_total: int = 0
    """How many clauses match in all."""
    comments_total: int = 0
    """How many comments match in all."""


class SearchService:
    """Search the drafts and comments of one workspace."""

    def __init__(self, ws: Workspace, catalogue: Catalogue | None = None) -> None:
        self.ws = ws
        """The workspace."""
        self.catalogue = catalogue or Catalogue(ws)
        """Versions and their citation indexes (to number the comments' clauses)."""

    def search(
        self,
        text: str,
        *,
        project: str | None = None,
        scope: Scope = "all",
        versions: str | int = "latest",
        limit: int = 50,
    ) -> SearchResults:
        """Find ``text`` in the drafts and the comments.

        Args:
            text: What to look for: words or phrases (each space-separated part must match).
            project: Only this project (default: every project).
            scope: ``all``, ``draft`` or ``comments``.
            versions: The drafts searched: ``latest`` (each project's latest version), ``all``
                versions, or one version of ``project`` (a number or a node name).
            limit: At most this many hits of each kind (the totals count them all).

        Raises:
            StoreError: Nothing to search for, an unknown project, or a version number without
                a project.
        """
        query = parse_query(text)
        if query.empty:
            raise StoreError(f"检索词“{text}”中没有可检索的文字：请输入汉字、字母或数字")
        pid: int | None = None
        if project is not None:
            pid = self.catalogue.project_id(project)
        out = SearchResults()
        with self.ws.read() as conn:
            if scope in ("all", "draft"):
                chosen: list[int] | None
                if versions == "all":
                    chosen = None
                elif versions in ("latest", "最新", "最新版"):
                    chosen = latest_versions(conn, pid)
                else:
                    if project is None:
                        raise StoreError("按版本检索草案时请用 -p/--project 指明项目")
                    _, vid = self.catalogue.version(project, versions)
                    chosen = [vid]
                hits, out.draft_total = find_draft(
                    conn, query, project=pid, versions_=chosen, limit=limit
                )
                out.draft = [
                    DraftFound(h.project, h.version, h.label, snippet(query, h.text), h.uid)
                    for h in hits
                ]
            if scope in ("all", "comments"):
                found, out.comments_total = find_comments(conn, query, project=pid, limit=limit)
                latest = {p: self.catalogue.index(p, None)[2] for p in {h.project for h in found}}
                out.comments = [self._comment(conn, query, h, latest[h.project]) for h in found]
        return out

    def _comment(
        self, conn: Any, query: Query, hit: CommentHit, index: CitationIndex
    ) -> CommentFound:
        """A found comment with its clause as numbered in its project's latest version (``index``)."""
        origin = self.catalogue.index_by_id(conn, hit.version_id)
        p = place(hit.target_uid, whole=hit.whole, origin=origin, version=index)
        article = p.target if p.state == "placed" else p.was
        fields = (("", hit.opinion), ("理由：", hit.reason), ("建议修改为：", hit.proposal))
        shown = next(
            ((lead, value) for lead, value in fields if _first_match(query, value) is not None),
            ("", hit.opinion),
        )
        return CommentFound(
            hit.id, hit.project, hit.station, article, shown[0] + snippet(query, shown[1])
        )


def _fold(text: str) -> str:
    """``text`` as the search terms were cut from it: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _first_match(query: Query, text: str) -> tuple[int, int] | None:
    """Where the first of the query's words is in ``text`` (start, end), if anywhere."""
    folded = _fold(text)
    best: tuple[int, int] | None = None
    for part in query.parts:
        at = folded.find(part)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(part))
    return best


def snippet(query: Query, text: str) -> str:
    """``…前文【命中】后文…``: the text around the first match (the start when none is found)."""
    folded = _fold(text)
    source = text if len(folded) == len(text) else folded
    flat = " ".join(source.split())
    found = _first_match(query, flat)
    if found is None:
        return flat[: 2 * _CONTEXT] + ("…" if len(flat) > 2 * _CONTEXT else "")
    start, end = found
    head = max(0, start - _CONTEXT)
    tail = min(len(flat), end + _CONTEXT)
    return (
        ("…" if head > 0 else "")
        + flat[head:start]
        + "【"
        + flat[start:end]
        + "】"
        + flat[end:tail]
        + ("…" if tail < len(flat) else "")
    )
