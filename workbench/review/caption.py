"""The 题注 of an adopted text, generated from what was recorded at 表决, 批准 and 公布.

`legislative-norms.md` §1.10 and §6.3: the note under the title records the enacting meeting
and date, and for a 自治州 or 设区的市 the approving one; a revision adds ``…修订`` and an
amendment ``根据…《…关于修改〈…〉的决定》修正`` after the text's earlier history. Pure
functions; the workspace passes the records and the 现行文本's own note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from workbench.model.cycle import ProjectKind, StageRecord

__all__ = ["Caption", "caption", "chinese_date", "enacting_body", "plain_title"]

_SEPARATOR = "\u3000"
"""Events in a 题注 are separated by one full-width space."""

_AFTER_DATE = re.compile(r"日[ \t]+")
"""Transcriptions put a space after the date (``2012年7月27日 北京市…``); the 题注 has none."""

_MEETING = re.compile(r"第[一二三四五六七八九十百零〇]+届|第[一二三四五六七八九十百零〇]+次会议$")


@dataclass(frozen=True, slots=True)
class Caption:
    """A generated 题注 and what it still lacks."""

    text: str
    """The note without its parentheses (as `workbench.model.Document.note` holds it)."""
    missing: tuple[str, ...] = ()
    """What was not recorded yet (``批准的日期与会议``); empty when the note is complete."""

    @property
    def complete(self) -> bool:
        """Whether every event the note needs was recorded."""
        return not self.missing


def chinese_date(day: date) -> str:
    """``2025年4月10日``: the date as the 题注 and reports write it (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def enacting_body(meeting: str) -> str:
    """The standing committee a meeting belongs to, for the title of its decision.

    ``昌吉回族自治州第十六届人民代表大会常务委员会第二十次会议`` →
    ``昌吉回族自治州人民代表大会常务委员会``.
    """
    return _MEETING.sub("", meeting.strip())


def _history(note: str) -> str:
    """The 现行文本's note as one line: parentheses, line breaks and the space after a date gone."""
    lines = [line.strip().strip("（）()").strip() for line in note.splitlines()]
    return _SEPARATOR.join(_AFTER_DATE.sub("日", line) for line in lines if line)


def caption(
    kind: ProjectKind,
    title: str,
    records: Sequence[StageRecord],
    *,
    history: str = "",
    approval: bool = True,
) -> Caption:
    """The 题注 of the text a project adopts.

    Args:
        kind: 制定 → ``…通过　…批准``; 修订 → history then ``…修订　…批准``; 修正 → history
            then ``…通过　…批准的《…关于修改〈title〉的决定》修正`` (the 湖州 form of §1.10;
            without approval ``根据…《关于修改〈title〉的决定》修正``); 废止 has none.
        title: The regulation's title without 草案 brackets (``昌吉回族自治州养老服务条例``).
        records: What was recorded at the project's stages (表决, 批准 are read).
        history: The 现行文本's note (its earlier 通过/修正/修订 events), for 修订 and 修正.
        approval: Whether the legislature's path has 批准 (a 自治州 does; a province does not).

    Returns:
        The note; ``missing`` names what still has to be recorded (a date, a meeting). Until
        批准 is recorded the note carries the 通过 alone (adopted, not yet approved); before
        通过 it is empty.
    """
    if kind == "废止":
        return Caption("")
    by_stage = {r.stage: r for r in records}
    adopted = by_stage.get("表决")
    if adopted is None or adopted.outcome == "未通过":
        return Caption("", ("通过的日期与会议",) if adopted is None else ("表决未通过",))
    missing: list[str] = [] if adopted.body else ["通过的会议"]
    passed = f"{chinese_date(adopted.date)}{adopted.body or '××会议'}"
    approve = ""
    if approval:
        approved = by_stage.get("批准")
        if approved is None:
            missing.append("批准的日期与会议")
        elif approved.outcome != "批准":
            missing.append(f"批准（{approved.outcome}）")
        else:
            if not approved.body:
                missing.append("批准的会议")
            approve = f"{chinese_date(approved.date)}{approved.body or '××会议'}批准"
    parts = [_history(history)] if kind in ("修订", "修正") and history.strip() else []
    if kind == "修正" and approval:
        body = enacting_body(adopted.body) if adopted.body else "××人民代表大会常务委员会"
        decision = f"《{body}关于修改〈{title}〉的决定》"
        approved_by = f"{_SEPARATOR}{approve}" if approve else ""
        parts.append(f"{passed}通过{approved_by}的{decision}修正")
    elif kind == "修正":
        parts.append(f"根据{passed}《关于修改〈{title}〉的决定》修正")
    else:
        verb = "修订" if kind == "修订" else "通过"
        parts.append(f"{passed}{verb}" + (_SEPARATOR + approve if approve else ""))
    return Caption(_SEPARATOR.join(p for p in parts if p), tuple(missing))


_DRAFT_SUFFIX = re.compile(r"[（(][^（）()]*(?:草案|稿)[^（）()]*[）)]\s*$")


def plain_title(title: str) -> str:
    """A draft's title without its draft brackets: ``××条例（修订草案）（征求意见稿）`` → ``××条例``."""
    out = title.strip()
    while True:
        shorter = _DRAFT_SUFFIX.sub("", out).strip()
        if shorter == out:
            return out
        out = shorter
