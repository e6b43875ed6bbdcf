"""Character diffs inside one aligned pair, cleaned up so Chinese edits read as phrases.

diff-match-patch (through `workbench.diff._dmp`) finds the character diff; its semantic cleanup
works well for space-separated languages but leaves Chinese edits scattered over single
characters (``由市[人民政府→民政部门]规定`` comes out as four fragments around a lone ``民``).
`diff_text` therefore also folds short runs of unchanged characters that sit between two edits
into the edit, unless the run holds a punctuation mark (a phrase boundary stays visible).

The representations here (`side_by_side`, `split_lines`, `inline_markup`, `hunks_to_json`) are
plain data for the TUI and the exports; nothing here renders with Rich or click.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from workbench.diff._dmp import DELETE, EQUAL, INSERT, RawDiff, cleanup_semantic, raw_diff

__all__ = [
    "BOUNDARY_CHARS",
    "Hunk",
    "HunkOp",
    "SideBySide",
    "diff_text",
    "hunks_from_json",
    "hunks_to_json",
    "inline_markup",
    "new_side",
    "old_side",
    "side_by_side",
    "split_lines",
]

HunkOp = Literal["equal", "insert", "delete"]

BOUNDARY_CHARS = frozenset("。，；：、！？“”‘’《》（）【】「」…—,.;:!?()[]\"'\n\t 　")
"""Characters that end a phrase: an unchanged run holding one is never folded into an edit."""

_BOUNDARY_SPLIT = re.compile("([" + re.escape("".join(sorted(BOUNDARY_CHARS))) + "])")

_OPS: dict[str, HunkOp] = {"equal": "equal", "insert": "insert", "delete": "delete"}

_MAX_FOLD = 4
"""Longest unchanged run (in characters) that may be folded into the edits around it."""


@dataclass(frozen=True, slots=True)
class Hunk:
    """One run of a character diff."""

    op: HunkOp
    """``equal`` (in both texts), ``delete`` (old text only) or ``insert`` (new text only)."""
    text: str
    """The characters of the run."""


@dataclass(frozen=True, slots=True)
class SideBySide:
    """A diff split into the old side (equal + delete) and the new side (equal + insert)."""

    old: tuple[Hunk, ...]
    """The old text as hunks: unchanged and deleted runs."""
    new: tuple[Hunk, ...]
    """The new text as hunks: unchanged and inserted runs."""


@dataclass(slots=True)
class _Change:
    deleted: str
    inserted: str

    @property
    def size(self) -> int:
        return max(len(self.deleted), len(self.inserted))


def diff_text(old: str, new: str, *, timeout: float = 1.0, fold: bool = True) -> tuple[Hunk, ...]:
    """Diff two texts character by character into readable, phrase-level hunks.

    Args:
        old: The old text (paragraphs separated by newlines).
        new: The new text.
        timeout: Seconds diff-match-patch may spend; 0 for no limit.
        fold: Fold short unchanged runs between edits into the edits (the Chinese cleanup);
            False gives diff-match-patch's semantic cleanup alone.

    Returns:
        The hunks in order; within one edit the deletion comes before the insertion.
        Joining the ``equal`` and ``delete`` texts gives ``old``; ``equal`` and ``insert``, ``new``.
    """
    if old == new:
        return (Hunk("equal", old),) if old else ()
    diffs = cleanup_semantic(raw_diff(old, new, timeout=timeout))
    runs = _runs(diffs)
    if fold:
        runs = _split_at_boundaries(_fold_short_equalities(runs))
    return tuple(_hunks(runs))


def _runs(diffs: RawDiff) -> list[str | _Change]:
    """Group raw diffs into unchanged strings and changes (a deletion and/or an insertion)."""
    runs: list[str | _Change] = []
    for op, text in diffs:
        if not text:
            continue
        if op == EQUAL:
            if runs and isinstance(runs[-1], str):
                runs[-1] += text
            else:
                runs.append(text)
            continue
        if not runs or isinstance(runs[-1], str):
            runs.append(_Change("", ""))
        change = runs[-1]
        assert isinstance(change, _Change)
        if op == DELETE:
            change.deleted += text
        elif op == INSERT:
            change.inserted += text
    return runs


def _foldable(equal: str, before: _Change, after: _Change) -> bool:
    """Whether an unchanged run between two edits is noise rather than a phrase."""
    if any(ch in BOUNDARY_CHARS for ch in equal):
        return False
    n = len(equal)
    if n <= 2:
        return True
    return n <= _MAX_FOLD and 2 * n <= before.size + after.size


def _fold_short_equalities(runs: list[str | _Change]) -> list[str | _Change]:
    """Merge ``change, short equal, change`` into one change until nothing more folds."""
    changed = True
    while changed:
        changed = False
        out: list[str | _Change] = []
        i = 0
        while i < len(runs):
            run = runs[i]
            if (
                isinstance(run, str)
                and out
                and isinstance(out[-1], _Change)
                and i + 1 < len(runs)
                and isinstance(runs[i + 1], _Change)
            ):
                before = out[-1]
                after = runs[i + 1]
                assert isinstance(after, _Change)
                if _foldable(run, before, after):
                    out[-1] = _Change(
                        before.deleted + run + after.deleted, before.inserted + run + after.inserted
                    )
                    i += 2
                    changed = True
                    continue
            out.append(run)
            i += 1
        runs = out
    return runs


def _split_at_boundaries(runs: list[str | _Change]) -> list[str | _Change]:
    """Cut an edit that spans whole clauses back at the punctuation both sides share.

    diff-match-patch's cleanup happily swallows a lone ``，`` between two edits; when the old
    and the new text of an edit have the same punctuation marks in the same order, each clause
    is shown as its own edit (or as unchanged) with the marks between them unchanged.
    """
    out: list[str | _Change] = []
    for run in runs:
        if isinstance(run, _Change) and run.deleted and run.inserted:
            old_parts = _BOUNDARY_SPLIT.split(run.deleted)
            new_parts = _BOUNDARY_SPLIT.split(run.inserted)
            if len(old_parts) > 1 and old_parts[1::2] == new_parts[1::2]:
                for k, (a, b) in enumerate(zip(old_parts, new_parts, strict=True)):
                    piece: str | _Change = a if k % 2 or a == b else _Change(a, b)
                    if isinstance(piece, str) and out and isinstance(out[-1], str):
                        out[-1] += piece
                    elif piece:
                        out.append(piece)
                continue
        if isinstance(run, str) and out and isinstance(out[-1], str):
            out[-1] += run
        else:
            out.append(run)
    return out


def _hunks(runs: Iterable[str | _Change]) -> Iterable[Hunk]:
    for run in runs:
        if isinstance(run, str):
            yield Hunk("equal", run)
            continue
        if run.deleted:
            yield Hunk("delete", run.deleted)
        if run.inserted:
            yield Hunk("insert", run.inserted)


def old_side(hunks: Iterable[Hunk]) -> str:
    """The old text a diff was made from (equal and deleted runs)."""
    return "".join(h.text for h in hunks if h.op != "insert")


def new_side(hunks: Iterable[Hunk]) -> str:
    """The new text a diff was made from (equal and inserted runs)."""
    return "".join(h.text for h in hunks if h.op != "delete")


def side_by_side(hunks: Iterable[Hunk]) -> SideBySide:
    """Split a diff into its old side and its new side, for a two-column view."""
    items = tuple(hunks)
    return SideBySide(
        old=tuple(h for h in items if h.op != "insert"),
        new=tuple(h for h in items if h.op != "delete"),
    )


def split_lines(hunks: Iterable[Hunk]) -> tuple[tuple[Hunk, ...], ...]:
    """Cut a hunk sequence at newlines into lines of hunks (the newlines themselves dropped).

    Use it on one side of `side_by_side` to lay out paragraphs row by row.
    """
    lines: list[list[Hunk]] = [[]]
    for hunk in hunks:
        pieces = hunk.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Hunk(hunk.op, piece))
    return tuple(tuple(line) for line in lines)


def inline_markup(
    hunks: Iterable[Hunk],
    *,
    delete: tuple[str, str] = ("[-", "-]"),
    insert: tuple[str, str] = ("{+", "+}"),
) -> str:
    """One plain string with deletions and insertions marked (``[-旧-]{+新+}`` by default)."""
    parts: list[str] = []
    for hunk in hunks:
        if hunk.op == "equal":
            parts.append(hunk.text)
        elif hunk.op == "delete":
            parts.append(f"{delete[0]}{hunk.text}{delete[1]}")
        else:
            parts.append(f"{insert[0]}{hunk.text}{insert[1]}")
    return "".join(parts)


def hunks_to_json(hunks: Iterable[Hunk]) -> list[dict[str, str]]:
    """A JSON-ready list: ``[{"op": "delete", "text": "..."}, ...]``."""
    return [{"op": h.op, "text": h.text} for h in hunks]


def hunks_from_json(data: Sequence[dict[str, str]]) -> tuple[Hunk, ...]:
    """Read back what `hunks_to_json` wrote.

    Raises:
        ValueError: If an entry has an unknown op.
    """
    out: list[Hunk] = []
    for entry in data:
        op = _OPS.get(entry["op"])
        if op is None:
            raise ValueError(f"未知的差异类型：{entry['op']}")
        out.append(Hunk(op, entry["text"]))
    return tuple(out)
