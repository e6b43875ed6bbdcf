"""The 修改对照表 as data: one row per changed article, in the order of the new text.

Columns 原条文 | 修改后条文 | 修改说明 (`legislative-norms.md` §5.2). Each text cell is a list of
lines (paragraphs, items, subitems) made of runs: unchanged, deleted (struck through in the
old column) or inserted (bold and underlined in the new column), from the character diff of
the aligned pair. Article numbers open the first line of each article and are never marked as
edits: renumbering follows from position. Pairs whose only change follows from renumbering
elsewhere are not listed: one closing line says so (其他条文序号作相应调整), unless asked to list
them apart (``consequential``). The 修改说明 says what changed (`workbench.export.compare_notes`).
The renderers in `workbench.export.compare_render`
lay the rows out as DOCX, XLSX or HTML. Must not import store or workspace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from workbench.diff import (
    CHANGE_LABELS,
    Alignment,
    ChangeKind,
    HeadingChange,
    Hunk,
    HunkOp,
    Pair,
    diff_text,
)
from workbench.diff.textdiff import split_lines
from workbench.export.compare_notes import ChangeNotes
from workbench.model import KIND_LABELS, Document, Node, index_by_uid

__all__ = ["CompareRow", "CompareTable", "RowLevel", "Run", "RunStyle", "build_compare_table"]

RowLevel = Literal["article", "book", "part", "chapter", "section", "title", "note"]
"""What a row compares."""

RunStyle = Literal["plain", "deleted", "inserted", "label"]
"""How a run is shown: as is, struck through, bold and underlined, or as an article number."""


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line with one style."""

    text: str
    """The characters."""
    style: RunStyle
    """How they are shown."""


Line = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One row of the table: an article pair."""

    kind: ChangeKind
    """What happened to the article (修改, 新增, 删除, 拆分, 合并, 移动, 重新编号, 未变)."""
    old_labels: tuple[str, ...]
    """Numbers of the old articles (``第十九条``); empty for an added article."""
    new_labels: tuple[str, ...]
    """Numbers of the new articles; empty for a deleted article."""
    old: tuple[Line, ...]
    """The 原条文 cell: lines of runs (unchanged and deleted)."""
    new: tuple[Line, ...]
    """The 修改后条文 cell: lines of runs (unchanged and inserted)."""
    note: str
    """The 修改说明: what kind of change, plus the reasons typed against it."""
    consequential: bool
    """Only follows from renumbering elsewhere (listed apart)."""
    level: RowLevel = "article"
    """What the row compares: an article, a 编/分编/章/节 heading, the title or the 题注."""


@dataclass(frozen=True, slots=True)
class CompareTable:
    """The whole 修改对照表."""

    title: str
    """The heading, e.g. ``《……条例（草案）》修改对照表``."""
    old_name: str
    """How the old version is named in the column header (``初审稿``)."""
    new_name: str
    """How the new version is named (``二审稿``)."""
    old_heading: str
    """The old column's heading: ``原条文（草案）``, or ``现行条文`` against the text in force."""
    new_heading: str
    """The new column's heading: ``修改后条文（草案修改稿）``, ``修改后条文`` or ``修订草案条文``."""
    rows: tuple[CompareRow, ...]
    """The substantive rows (and unchanged ones on request), in new-text order."""
    consequential: tuple[CompareRow, ...]
    """Rows changed only by renumbering elsewhere, listed apart (only when asked for)."""
    closing: str = ""
    """The line after the table for the rows not listed (其他条文序号作相应调整。), or empty."""


def build_compare_table(
    old: Document,
    new: Document,
    alignment: Alignment,
    *,
    old_name: str,
    new_name: str,
    reasons: Mapping[str, Sequence[str]] | None = None,
    include_unchanged: bool = False,
    list_consequential: bool = False,
    headings: tuple[str, str] | None = None,
) -> CompareTable:
    """Turn an alignment into table rows.

    Args:
        old: The earlier version.
        new: The later version.
        alignment: ``align_documents(old, new)``.
        old_name: The old version's name for the column header.
        new_name: The new version's name.
        reasons: Reasons typed against a change or a decision, keyed by article uid (old or
            new side); they fill 修改说明 after the kind of change.
        include_unchanged: Also list unchanged articles (``--all``).
        list_consequential: List the rows changed only by renumbering elsewhere one by one
            (apart); by default one closing line says they were adjusted.
        headings: The two text columns' headings (`workbench.review.compare_headings`);
            ``原条文（old_name）`` and ``修改后条文（new_name）`` by default.

    Returns:
        The table.
    """
    old_index = index_by_uid(old)
    new_index = index_by_uid(new)
    reasons = reasons or {}
    notes = ChangeNotes(old, new)
    rows: list[CompareRow] = []
    apart: list[CompareRow] = []
    if alignment.title is not None:
        rows.append(_text_row("title", alignment.title.old, alignment.title.new))
    if alignment.note is not None:
        rows.append(_text_row("note", alignment.note.old, alignment.note.new))
    for entry in alignment.reading_order():
        if isinstance(entry, HeadingChange):
            row = _heading_row(entry)
            (apart if row.consequential else rows).append(row)
            continue
        pair = entry
        if not pair.changed and not include_unchanged:
            continue
        row = _row(pair, old_index, new_index, reasons, notes)
        if pair.changed and pair.consequential:
            apart.append(row)
        else:
            rows.append(row)
    return CompareTable(
        title=f"《{new.title}》修改对照表",
        old_name=old_name,
        new_name=new_name,
        old_heading=headings[0] if headings else f"原条文（{old_name}）",
        new_heading=headings[1] if headings else f"修改后条文（{new_name}）",
        rows=tuple(rows),
        consequential=tuple(apart) if list_consequential else (),
        closing="" if list_consequential or not apart else _closing(apart),
    )


def _closing(apart: Sequence[CompareRow]) -> str:
    """The one line standing for the rows changed only by renumbering elsewhere."""
    renumbered = any(r.kind == "renumbered" or r.old_labels != r.new_labels for r in apart)
    citing = any(r.kind != "renumbered" and r.level == "article" for r in apart)
    if renumbered and citing:
        return "其他条文序号及所引用的条文序号作相应调整。"
    if citing:
        return "其他条文所引用的条文序号作相应调整。"
    return "其他条文序号作相应调整。"


def _row(
    pair: Pair,
    old_index: Mapping[str, Node],
    new_index: Mapping[str, Node],
    reasons: Mapping[str, Sequence[str]],
    notes: ChangeNotes,
) -> CompareRow:
    old_lines = _labelled_lines(old_index, pair.old_uids)
    new_lines = _labelled_lines(new_index, pair.new_uids)
    old_texts = [text for _, text in old_lines]
    new_texts = [text for _, text in new_lines]
    if pair.kind == "renumbered" and old_texts == new_texts:
        # Same words under a new number: the numbers say it all, the text would fill pages.
        old_cell: tuple[Line, ...] = tuple((Run(label, "label"),) for label in pair.old_labels)
        new_cell: tuple[Line, ...] = tuple((Run(label, "label"),) for label in pair.new_labels)
    else:
        hunks = diff_text("\n".join(old_texts), "\n".join(new_texts))
        old_cell = _side(hunks, "delete", old_lines)
        new_cell = _side(hunks, "insert", new_lines)
    # The decision ↔ change link: the item of the applied 修改决定 that declares the change.
    typed: list[str] = [f"见修改决定第{pair.item}项"] if pair.item else []
    for uid in (*pair.new_uids, *pair.old_uids):
        for reason in reasons.get(uid, ()):
            if reason and reason not in typed:
                typed.append(reason)
    return CompareRow(
        kind=pair.kind,
        old_labels=pair.old_labels,
        new_labels=pair.new_labels,
        old=old_cell,
        new=new_cell,
        note="\n".join([_kind_note(pair, notes), *typed]).strip(),
        consequential=pair.changed and pair.consequential,
    )


def _split_label(label: str) -> tuple[str, str]:
    """``第二章　规划与建设`` → (``第二章``, ``规划与建设``); an unnumbered heading has no number."""
    num, sep, words = label.partition("\u3000")
    return (num, words) if sep else ("", label)


def _text_row(
    level: RowLevel, old: str, new: str, *, old_num: str = "", new_num: str = ""
) -> CompareRow:
    """A row comparing one line of words (a heading's title, the title, the 题注)."""
    hunks = diff_text(old, new)
    old_lines = [(Run(old_num, "label"), old)] if old or old_num else []
    new_lines = [(Run(new_num, "label"), new)] if new or new_num else []
    note = {"title": "修改标题", "note": "修改题注"}.get(level, "")
    return CompareRow(
        kind="modified",
        old_labels=(),
        new_labels=(),
        old=_side(hunks, "delete", old_lines),
        new=_side(hunks, "insert", new_lines),
        note=note,
        consequential=False,
        level=level,
    )


def _heading_row(change: HeadingChange) -> CompareRow:
    """A row for a 编/章/节 whose heading changed, that was added or deleted, or renumbered."""
    old_num, old_words = _split_label(change.old)
    new_num, new_words = _split_label(change.new)
    row = _text_row(change.level, old_words, new_words, old_num=old_num, new_num=new_num)
    unit = KIND_LABELS[change.level]
    note = {
        "modified": f"修改{unit}名" + (f"（{old_num}改为{new_num}）" if old_num != new_num else ""),
        "added": f"新增{unit}",
        "deleted": f"删除{unit}",
        "renumbered": f"序号相应调整：{old_num}改为{new_num}（{unit}名未修改）",
    }[change.change]
    kind: ChangeKind = change.change
    return CompareRow(
        kind=kind,
        old_labels=(change.old,) if change.old else (),
        new_labels=(change.new,) if change.new else (),
        old=row.old,
        new=row.new,
        note=note,
        consequential=change.change == "renumbered",
        level=change.level,
    )


def _labelled_lines(index: Mapping[str, Node], uids: Sequence[str]) -> list[tuple[Run, str]]:
    """The lines of some articles as (number run, words): numbers stay out of the diff.

    An article's number opens its first line; items and subitems carry their own label
    (``（三）``, ``1.``), since renumbering them follows from position, not from an edit.
    """
    out: list[tuple[Run, str]] = []
    for uid in uids:
        article = index.get(uid)
        if article is None:
            continue
        lines: list[tuple[str, str]] = [("", article.text)] if article.text else []
        for paragraph in article.children:
            lines.append(("", paragraph.text))
            for item in paragraph.children:
                lines.append((item.num or "", item.text))
                lines.extend((sub.num or "", sub.text) for sub in item.children)
        lines = [line for line in lines if line[0] or line[1]] or [("", "")]
        for k, (label, text) in enumerate(lines):
            if k == 0:
                lead = f"{article.num or ''}\u3000{label}"
                out.append((Run(lead, "label"), text))
            else:
                out.append((Run(label, "plain"), text))
    return out


def _side(hunks: Sequence[Hunk], own: HunkOp, lines: Sequence[tuple[Run, str]]) -> tuple[Line, ...]:
    """One column: the hunks of one side cut into lines, each line's number put in front."""
    if not lines:
        return ()
    style: RunStyle = "deleted" if own == "delete" else "inserted"
    cut = split_lines([h for h in hunks if h.op in ("equal", own)])
    out: list[Line] = []
    for (label, _), hunk_line in zip(lines, cut, strict=False):
        runs = [label] if label.text else []
        runs.extend(Run(h.text, "plain" if h.op == "equal" else style) for h in hunk_line)
        out.append(tuple(runs))
    return tuple(out)


def _kind_note(pair: Pair, notes: ChangeNotes) -> str:
    old = "、".join(pair.old_labels)
    new = "、".join(pair.new_labels)
    if pair.kind == "added":
        return "新增本条" if len(pair.new_labels) == 1 else "新增"
    if pair.kind == "deleted":
        return "删去本条" if len(pair.old_labels) == 1 else "删除"
    if pair.kind == "split":
        return f"{old}拆分为{new}"
    if pair.kind == "merged":
        return f"{old}合并为{new}"
    if pair.kind == "moved":
        return notes.moved(pair)
    if pair.kind == "renumbered" or (pair.consequential and pair.changed):
        if pair.kind == "renumbered":
            return f"序号相应调整：{old}改为{new}（条文内容未修改）"
        if old != new:
            return f"序号相应调整：{old}改为{new}；所引用的条文序号相应调整"
        return "所引用的条文序号相应调整"
    if pair.kind == "modified":
        return notes.modified(pair)
    return CHANGE_LABELS[pair.kind]
