"""Anchor comments to nodes and show them in later versions.

Resolve what a submitter wrote in 条款 to a uid, and show a comment in any later version (same
uid under its new number, or orphaned where its clause used to be). What people type is cleaned
up here (spacing, full-width forms, 本条例, 规定/内容 after the citation, an item written by its
label alone); the citation itself is read by the grammar in `workbench.refs`.

Pure functions over `Document`s; the store supplies the versions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workbench.model import Document, Node, citation_label, iter_paths
from workbench.model.comments import CommentState
from workbench.numerals import to_cn
from workbench.refs import CitationError, CitationTarget, parse_citation

__all__ = [
    "WHOLE",
    "CitationIndex",
    "Placement",
    "Resolution",
    "article_of_citation",
    "normalize_citation",
    "place",
]

WHOLE = "全文"
"""The citation of the whole draft."""

_WHOLE_WORDS = frozenset(
    {"", "全文", "总体", "整体", "草案", "全部", "总的意见", "总体意见", "通篇"}
)
_SCOPE = re.compile(r"^(本条例|本规定|本办法|本细则|本法|本决定|条例|草案)")
_TAIL = re.compile(r"(的规定|规定|的内容|内容|中|部分)$")
"""Words people add after a citation (``第十二条规定``)."""
_BARE_ITEM = re.compile(r"([条款])（([一二三四五六七八九十]+)）$")
"""``第十二条第二款（三）``: an item written by its label alone."""
_UNITS = {
    "book": "编",
    "part": "分编",
    "chapter": "章",
    "section": "节",
    "article": "条",
    "paragraph": "款",
    "item": "项",
}


def _clean(text: str) -> str:
    """What a submitter typed, without spacing, width forms, scope words and trailing words."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[\s\u3000\u200b]+", "", s)
    s = s.replace("(", "（").replace(")", "）")
    s = _SCOPE.sub("", s)
    s = s.rstrip("。；;，,：:")
    s = _TAIL.sub("", s)
    return _BARE_ITEM.sub(r"\1第\2项", s)


def _target(cleaned: str) -> CitationTarget | None:
    """The one place ``cleaned`` cites in the draft itself (None: not such a citation)."""
    try:
        citation = parse_citation(cleaned)
    except CitationError:
        return None
    if citation.scope != "internal" or len(citation.members) != 1:
        return None
    member = citation.members[0]
    if member.last is not None or member.first.anchor != "document":
        return None
    return member.first


def _canonical(target: CitationTarget) -> str:
    """``第十二条之一第二款第三项第4目``: the key every spelling of a place shares."""
    parts: list[str] = []
    for level, number in target.levels().items():
        if level == "subitem":
            parts.append(f"第{number}目")
            continue
        parts.append(f"第{to_cn(number)}{_UNITS[level]}")
        if level == "article" and target.article_suffix:
            parts.append(f"之{to_cn(target.article_suffix)}")
    return "".join(parts)


def normalize_citation(text: str) -> str:
    """Canonical key of a citation as people write it.

    ``第 12 条第（三）项`` and ``第十二条第三项`` give the same key; 目 numbers become Arabic;
    ``本条例`` and spacing are dropped. Text that is no citation comes back cleaned up.
    """
    s = _clean(text)
    if s in _WHOLE_WORDS:
        return WHOLE
    target = _target(s)
    return s if target is None else _canonical(target)


def article_of_citation(text: str) -> str | None:
    """The article a citation falls in (``第十二条``, ``第十二条之一``), `WHOLE`, or None.

    None when ``text`` names no article (a chapter, or no citation at all).
    """
    s = _clean(text)
    if s in _WHOLE_WORDS:
        return WHOLE
    target = _target(s)
    if target is None or target.article is None:
        return None
    suffix = f"之{to_cn(target.article_suffix)}" if target.article_suffix else ""
    return f"第{to_cn(target.article)}条{suffix}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a citation points: a node, or the whole draft."""

    uid: str | None
    """The node; None for the whole draft."""
    whole: bool = False
    """True for the whole draft (全文)."""


class CitationIndex:
    """Every valid citation of one version and the node each names."""

    def __init__(self, doc: Document, merged: dict[str, str] | None = None) -> None:
        self.doc = doc
        """The version indexed."""
        self.merged: dict[str, str] = {}
        """uid of an earlier version's node gone in a merge → the uid here it merged into."""
        self.labels: list[str] = [WHOLE]
        """The citations in document order, 全文 first (the template's drop-down list)."""
        self.label_of: dict[str, str] = {}
        """uid → its citation in this version."""
        self.order: list[str] = []
        """Every uid in document order."""
        self._by_key: dict[str, str] = {}
        self._position: dict[str, int] | None = None
        self._memo: dict[str, Resolution | None] = {}
        for path in iter_paths(doc.children):
            node = path[-1]
            label = citation_label(path)
            self.order.append(node.uid)
            if not label:
                continue
            self.label_of[node.uid] = label
            key = normalize_citation(label)
            if key not in self._by_key:
                self._by_key[key] = node.uid
                self.labels.append(label)
            alt = _with_first_paragraph(path)
            if alt is not None:
                self._by_key.setdefault(normalize_citation(alt), node.uid)
        if merged:
            self.merged = _resolve_merges(merged, self.label_of)

    def resolve(self, text: str) -> Resolution | None:
        """The node ``text`` cites in this version; None when it names nothing here."""
        try:
            return self._memo[text]
        except KeyError:
            pass
        found = self._resolve(text)
        if len(self._memo) < 100_000:
            self._memo[text] = found
        return found

    def _resolve(self, text: str) -> Resolution | None:
        key = normalize_citation(text)
        if key == WHOLE:
            return Resolution(None, whole=True)
        uid = self._by_key.get(key)
        if uid is None:
            return None
        return Resolution(uid)

    def __contains__(self, uid: object) -> bool:
        return uid in self.position

    @property
    def position(self) -> dict[str, int]:
        """Each uid → its index in document order."""
        if self._position is None:
            self._position = {uid: i for i, uid in enumerate(self.order)}
        return self._position


def _resolve_merges(merged: dict[str, str], present: dict[str, str]) -> dict[str, str]:
    """Follow each merge chain (a → b → c) to the node with a citation here; drop the rest."""
    out: dict[str, str] = {}
    for old in merged:
        if old in present:
            continue
        seen = {old}
        uid = merged[old]
        while uid not in present and uid in merged and uid not in seen:
            seen.add(uid)
            uid = merged[uid]
        if uid in present:
            out[old] = uid
    return out


def _with_first_paragraph(path: tuple[Node, ...]) -> str | None:
    """The non-canonical ``第X条第一款…`` form people write for a single-款 article."""
    for i, step in enumerate(path):
        if step.kind == "article" and len(step.children) == 1 and i + 1 < len(path):
            rest = citation_label(path)[len(step.num or "") :]
            return f"{step.num}第一款{rest}"
    return None


@dataclass(frozen=True, slots=True)
class Placement:
    """How a comment shows in a given version."""

    state: CommentState
    """placed, unplaced or orphaned."""
    target: str | None
    """Its citation in that version (全文 for the whole draft); None when unplaced or orphaned."""
    was: str | None = None
    """Its citation in the version it was made on, when that differs (原第十二条)."""
    near: str | None = None
    """Orphaned: the citation, in that version, of the clause just before where it stood."""
    merged: bool = False
    """Placed on the article its clause was merged into (``target``), not on its own node."""
    not_yet: bool = False
    """Orphaned because its clause came in a later version than the one shown, not deleted."""

    @property
    def display(self) -> str:
        """A one-line Chinese description: ``原第十二条 / 现第十三条``, ``原第五条（已删除）``."""
        if self.state == "unplaced":
            return "未定位"
        if self.state == "orphaned" and self.not_yet:
            return f"{self.was or ''}（后续版本新增，本版尚未出现）"
        if self.state == "orphaned":
            where = f"，原位置在{self.near}之后" if self.near else "，原位置在开头"
            return f"原{self.was or ''}（已删除{where}）"
        if self.merged:
            return f"原{self.was or ''}（已并入现{self.target}）"
        if self.was and self.was != self.target:
            return f"原{self.was} / 现{self.target}"
        return self.target or ""


def place(
    target_uid: str | None,
    *,
    whole: bool,
    origin: CitationIndex | None,
    version: CitationIndex,
    later: bool = False,
) -> Placement:
    """Show a comment made on ``origin`` in ``version``.

    The uid is the anchor: the same uid in ``version`` is the same clause, whatever its number now.
    A uid ``version`` no longer has because its article was merged into another shows on
    that article (``version.merged``). Any other uid ``version`` no longer has makes the
    comment orphaned; it is shown after the nearest
    preceding clause of ``origin`` that survives.

    Args:
        target_uid: The node the comment hangs on (None: unplaced, or the whole draft).
        whole: The comment concerns the whole draft.
        origin: The version the comment was made on (None if unknown).
        version: The version to show it in.
        later: ``origin`` comes after ``version``: a clause ``version`` lacks is not deleted
            but not there yet.

    Returns:
        Its placement.
    """
    if whole:
        return Placement("placed", WHOLE)
    if target_uid is None:
        return Placement("unplaced", None)
    was = origin.label_of.get(target_uid) if origin is not None else None
    now = version.label_of.get(target_uid)
    if now is not None:
        return Placement("placed", now, was if was != now else None)
    if target_uid in version:  # a node with no citation of its own
        return Placement("placed", None, was)
    into = version.merged.get(target_uid)
    if into is not None:
        return Placement("placed", version.label_of[into], was, merged=True)
    if later:
        return Placement("orphaned", None, was, not_yet=True)
    near = None
    if origin is not None and target_uid in origin:
        for i in range(origin.position[target_uid] - 1, -1, -1):
            label = version.label_of.get(origin.order[i])
            if label is not None:
                near = label
                break
    return Placement("orphaned", None, was, near)
