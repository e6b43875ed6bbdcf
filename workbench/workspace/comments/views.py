"""What the comment service hands out: a received file's result, a comment as shown in a version.

Also how a comment row becomes a `CommentView`: the article it falls under and its placement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.comments import WHOLE, Placement
from workbench.errors import FileProblem
from workbench.model import Document, iter_paths
from workbench.model.comments import CommentState

__all__ = [
    "CommentView",
    "IngestResult",
    "article_map",
    "article_of",
    "view",
]


@dataclass(slots=True)
class IngestResult:
    """What happened to one received file."""

    path: str
    """The file as given."""
    status: str
    """accepted, rejected or duplicate."""
    sha256: str | None = None
    """Its name in ``inbox/`` (None when it could not even be kept)."""
    rows: int = 0
    """Comments added."""
    placed: int = 0
    """Of which anchored to a clause (or the whole draft)."""
    unplaced: int = 0
    """Of which waiting for staff to place them."""
    flagged: int = 0
    """Rows with a formula-like cell (kept as text)."""
    project: str | None = None
    """The project its comments went to (set once accepted)."""
    errors: list[FileProblem] = field(default_factory=list)
    """Why it was rejected."""
    warnings: list[FileProblem] = field(default_factory=list)
    """What the sender should know (formula-like cells, ignored columns)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view (``path``, ``status``, counts, ``errors`` with row and column)."""
        return {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "counts": {
                "rows": self.rows,
                "placed": self.placed,
                "unplaced": self.unplaced,
                "flagged": self.flagged,
            },
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class CommentView:
    """A comment as shown in one version."""

    id: int
    """The comment's number."""
    station: str
    """The sending station's code."""
    file: str
    """The sha256 of the file it came in (its name in ``inbox/``)."""
    file_name: str
    """That file's name as received."""
    row: int
    """Its row in that file."""
    version: str
    """The version it was made on, ``2（草案）``."""
    cited_as: str
    """The clause as the submitter wrote it."""
    target_uid: str | None
    """The node it hangs on (None: unplaced or whole draft)."""
    target: str | None
    """Its citation in the version shown (None when unplaced or orphaned)."""
    state: CommentState
    """placed, unplaced or orphaned in the version shown."""
    display: str
    """``原第十二条 / 现第十三条``, ``未定位``, ``原第五条（已删除…）``."""
    near: str | None
    """Orphaned: the clause just before where it stood."""
    article: str | None
    """The article it falls under (old number when orphaned)."""
    text: str
    """意见建议."""
    reason: str
    """理由."""
    proposal: str
    """建议修改为."""
    submitter_category: str | None
    """提出人类别."""
    submitter: str
    """提出人 (personal data)."""
    contact: str
    """联系方式 (personal data)."""
    flags: tuple[str, ...]
    """``formula:<column>`` for formula-like cells kept as text."""
    quote: str | None
    """The quoted words of the clause, when given."""
    decision: str | None
    """The latest decision, None when undecided."""
    decision_reason: str
    """Its reason."""
    decided_by: str | None
    """Who decided."""
    linked_uid: str | None
    """The node of a later version that carries the decision out."""
    cluster: int | None
    """Its duplicate cluster, when it has one."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {name: getattr(self, name) for name in self.__slots__}


def article_map(doc: Document) -> dict[str, str]:
    """Each uid → the citation of its article (or container), in ``doc``."""
    out: dict[str, str] = {}
    for path in iter_paths(doc.children):
        label = next((n.num for n in path if n.kind == "article" and n.num), None)
        if label is None:
            label = path[-1].num or path[-1].heading
        if label:
            out[path[-1].uid] = label
    return out


def article_of(
    row: Any,
    state: str,
    now: dict[str, str],
    then: dict[str, str],
    merged: dict[str, str] | None = None,
) -> str | None:
    """The article a comment row falls under: now for placed ones, then for orphaned ones.

    ``merged`` maps uids gone in a merge to the node now carrying them (`CitationIndex.merged`).
    """
    if row.whole:
        return WHOLE
    if row.target_uid is None:
        return None
    if state == "orphaned":
        return then.get(row.target_uid)
    uid = (merged or {}).get(row.target_uid, row.target_uid)
    return now.get(uid)


def view(row: Any, p: Placement, article: str | None) -> CommentView:
    """A `CommentView` from a listing row (`workbench.store.comment_queries.comment_query`)."""
    return CommentView(
        id=row.id,
        station=row.station,
        file=row.sha256,
        file_name=row.file_name,
        row=row.row,
        version=f"{row.number}（{row.label}）",
        cited_as=row.cited_as,
        target_uid=row.target_uid,
        target=p.target,
        state=p.state,
        display=p.display,
        near=p.near,
        article=article,
        text=row.opinion,
        reason=row.reason,
        proposal=row.proposal,
        submitter_category=row.submitter_category,
        submitter=row.submitter,
        contact=row.contact,
        flags=tuple(f for f in row.flags.split(",") if f),
        quote=row.quote,
        decision=row.kind,
        decision_reason=row.decision_reason or "",
        decided_by=row.decided_by,
        linked_uid=row.linked_uid,
        cluster=row.cluster,
    )
