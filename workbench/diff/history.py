"""The timeline of one article across the versions of a project (立项前 → … → 表决前).

At each version: whether the article exists, its number(s), its text and the character diff
from the previous step. The article is followed by uid; where a version lost the uid (a split,
a merge, or a version imported without carried uids) the alignment with the previous version
tells which article continues it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from workbench.diff.align import align_documents
from workbench.diff.pairs import Alignment, ChangeKind
from workbench.diff.textdiff import Hunk, diff_text
from workbench.errors import WorkbenchError
from workbench.model import Document, Node, articles, full_text

__all__ = [
    "STEP_LABELS",
    "ArticleHistory",
    "HistoryStep",
    "StepStatus",
    "Timeline",
    "article_history",
]

StepStatus = Literal[
    "absent",
    "initial",
    "added",
    "unchanged",
    "renumbered",
    "modified",
    "moved",
    "split",
    "merged",
    "deleted",
]

STEP_LABELS: dict[StepStatus, str] = {
    "absent": "无此条",
    "initial": "初始",
    "added": "新增",
    "unchanged": "未变",
    "renumbered": "重新编号",
    "modified": "修改",
    "moved": "移动",
    "split": "拆分",
    "merged": "合并",
    "deleted": "删除",
}
"""The Chinese name of each step status."""


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """The article as one version has it."""

    version: str
    """The version's name (``初审前``)."""
    status: StepStatus
    """What happened to the article in this version, relative to the previous one."""
    uids: tuple[str, ...]
    """The article(s) carrying it in this version (several after a split; none when absent)."""
    labels: tuple[str, ...]
    """Their numbers (``第十二条``)."""
    text: str
    """Its full text in this version (empty when absent or deleted)."""
    hunks: tuple[Hunk, ...]
    """The character diff from the previous step's text to this one."""
    consequential: bool = False
    """True when the change only follows from renumbering elsewhere."""


@dataclass(frozen=True, slots=True)
class ArticleHistory:
    """One article's steps through the versions, oldest first."""

    uid: str
    """The uid the history was asked for."""
    steps: tuple[HistoryStep, ...]
    """One step per version, in version order."""

    @property
    def changes(self) -> tuple[HistoryStep, ...]:
        """The steps where something happened (not absent, initial or unchanged)."""
        return tuple(s for s in self.steps if s.status not in ("absent", "initial", "unchanged"))


@dataclass
class Timeline:
    """Ordered versions of one project, with the alignments of consecutive versions cached."""

    versions: Sequence[tuple[str, Document]]
    """``(name, document)`` pairs, oldest first."""
    _alignments: dict[int, Alignment] = field(default_factory=dict, repr=False)

    def alignment(self, k: int) -> Alignment:
        """The alignment of version ``k - 1`` with version ``k``."""
        if k not in self._alignments:
            self._alignments[k] = align_documents(self.versions[k - 1][1], self.versions[k][1])
        return self._alignments[k]

    def history(self, uid: str) -> ArticleHistory:
        """The timeline of article ``uid``.

        Raises:
            WorkbenchError: If no version has an article with this uid.
        """
        indexes = [{a.uid: a for a in articles(doc)} for _, doc in self.versions]
        if not any(uid in index for index in indexes):
            raise WorkbenchError(f"没有哪个版本包含标识为 {uid} 的条")
        steps: list[HistoryStep] = []
        current: tuple[str, ...] = ()
        previous_text = ""
        for k, (name, _) in enumerate(self.versions):
            index = indexes[k]
            if not current:
                if uid in index:
                    current = (uid,)
                    previous_text, step = _appear(name, index[uid], first=k == 0)
                    steps.append(step)
                else:
                    steps.append(HistoryStep(name, "absent", (), (), "", ()))
                continue
            pairs = []
            for old_uid in current:
                pair = self.alignment(k).pair_of_old(old_uid)
                if pair is not None and pair not in pairs:
                    pairs.append(pair)
            new_uids = tuple(u for p in pairs for u in p.new_uids)
            if not new_uids:
                steps.append(HistoryStep(name, "deleted", (), (), "", diff_text(previous_text, "")))
                current, previous_text = (), ""
                continue
            nodes = [index[u] for u in new_uids]
            text = "\n".join(full_text(n) for n in nodes)
            status: ChangeKind = pairs[0].kind if len(pairs) == 1 else "merged"
            steps.append(
                HistoryStep(
                    name,
                    status,
                    new_uids,
                    tuple(n.num or n.eid for n in nodes),
                    text,
                    diff_text(previous_text, text),
                    all(p.consequential for p in pairs),
                )
            )
            current, previous_text = new_uids, text
        return ArticleHistory(uid, tuple(steps))


def _appear(name: str, node: Node, *, first: bool) -> tuple[str, HistoryStep]:
    text = full_text(node)
    hunks = (Hunk("equal", text),) if first else (Hunk("insert", text),)
    status: StepStatus = "initial" if first else "added"
    return text, HistoryStep(name, status, (node.uid,), (node.num or node.eid,), text, hunks)


def article_history(uid: str, versions: Sequence[tuple[str, Document]]) -> ArticleHistory:
    """The timeline of article ``uid`` across ``versions`` (``(name, document)``, oldest first).

    Use a `Timeline` instead to ask for many articles of the same versions.

    Raises:
        WorkbenchError: If no version has an article with this uid.
    """
    return Timeline(versions).history(uid)
