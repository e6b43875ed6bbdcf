"""The consultation in a report: comments in figures, 四前四方 sessions, what was not adopted.

Also how one opinion is quoted (`said`).

Paragraphs for `workbench.export.reading_report`; every figure and quotation comes from
`ReadingFacts`. Must not import store or workspace.
"""

from __future__ import annotations

from workbench.export.reading_facts import Block, Opinion, ReadingFacts, needed
from workbench.numerals import to_cn

__all__ = ["differences", "not_adopted_section", "process_blocks", "said"]


_STATIONS_LISTED = 8
"""How many stations the counts paragraph names before it says 等."""


def process_blocks(facts: ReadingFacts) -> list[Block]:
    """The consultation in figures, and the 四前四方 sessions held meanwhile."""
    tally = facts.tally
    subject = facts.old_name or facts.new_name
    during = "起草过程中" if facts.kind == "起草说明" else "征求意见期间"
    if tally.total == 0:
        blocks = [
            Block(
                f"工作台中未记录对{subject}的意见建议。{needed('征求意见的范围、方式和收到意见的情况')}"
            )
        ]
    else:
        parts: list[str] = []
        station_total = sum(n for _, _, n in tally.stations)
        if tally.stations:
            named = "、".join(f"{name}{n}条" for _, name, n in tally.stations[:_STATIONS_LISTED])
            more = "等" if len(tally.stations) > _STATIONS_LISTED else ""
            parts.append(
                f"{len(tally.stations)}个基层立法联系点、立法信息联络站等反馈{station_total}条"
                f"（{named}{more}）"
            )
        if tally.parties:
            named = "、".join(f"{name}{n}条" for name, n in tally.parties)
            parts.append(f"“四前四方”各方提出{sum(n for _, n in tally.parties)}条（{named}）")
        deputies = f"（其中人大代表提出{tally.deputies}条）" if tally.deputies else ""
        text = f"{during}，共收到对{subject}的意见建议{tally.total}条{deputies}：{'，'.join(parts)}"
        decided = "，".join(
            f"{kind}{n}条" if kind != "待处理" else f"尚有{n}条待处理"
            for kind, n in tally.decisions
        )
        blocks = [Block(f"{text}。经逐条研究，{decided}。")]
    blocks.extend(_sessions(facts))
    return blocks


def _sessions(facts: ReadingFacts) -> list[Block]:
    """One paragraph per 四前四方 node held between the two versions."""
    out: list[Block] = []
    for node in facts.nodes:
        cells = [s for s in facts.sessions if s.node == node]
        if not cells:
            continue
        by_status: dict[str, list[str]] = {}
        for cell in cells:
            by_status.setdefault(cell.status, []).append(cell.party)
        states = []
        for status, verb in (
            ("已会商", "已会商"),
            ("已反馈", "已反馈意见"),
            ("已征求", "已征求意见、尚未反馈"),
        ):
            if status in by_status:
                states.append(f"{'、'.join(by_status[status])}{verb}")
        if "未征求" in by_status:
            states.append(f"尚未征求{'、'.join(by_status['未征求'])}的意见")
        text = f"按照“四前四方”工作机制，在{node}节点：{'；'.join(states)}。"
        records = [
            f"{c.party}：{c.record.strip().rstrip('。')}。" for c in cells if c.record.strip()
        ]
        if records:
            text += f"会商记录：{''.join(records)}"
        out.append(Block(text))
    return out


_SENDER_WORD = {"联络站": "个联络站", "联系点": "个联系点", "代表之家": "个代表之家", "四方": "方"}


def said(opinion: Opinion) -> str:
    """An opinion as a report quotes it: ``某联络站等3个联络站提出：……（同类意见3条）。``."""
    who = opinion.source
    if opinion.senders > 1:
        who += f"等{opinion.senders}{_SENDER_WORD.get(opinion.source_kind, '个单位')}"
    same = f"（同类意见{opinion.count}条）" if opinion.count > 1 else ""
    return f"{who}提出：{opinion.text.strip().rstrip('。；;')}{same}。"


_NOT_ADOPTED_LISTED = 6
"""How many opinions not adopted the report quotes (parties first, then the most repeated)."""


def _not_adopted(facts: ReadingFacts) -> list[Opinion]:
    found = [o for o in facts.opinions if o.decision == "未采纳"]
    found.sort(key=lambda o: (o.source_kind != "四方", -o.count))
    return found


def _not_adopted_blocks(facts: ReadingFacts) -> list[Block]:
    found = _not_adopted(facts)
    blocks = [
        Block(
            said(o)
            + (
                f"经研究，{o.reason.strip().rstrip('。')}，未予采纳。"
                if o.reason.strip()
                else needed("未采纳的理由")
            )
        )
        for o in found[:_NOT_ADOPTED_LISTED]
    ]
    rest = found[_NOT_ADOPTED_LISTED:]
    if rest:
        blocks.append(
            Block(
                f"另有{sum(o.count for o in rest)}条意见未予采纳，理由已在意见采纳情况表中逐条说明。"
            )
        )
    return blocks


def not_adopted_section(facts: ReadingFacts, number: int) -> list[Block]:
    """Section ``number`` (一、二 …) quoting the opinions not adopted and why; none if none."""
    blocks = _not_adopted_blocks(facts)
    if not blocks:
        return []
    return [Block(f"{to_cn(number)}、关于未采纳的意见", "heading"), *blocks]


def differences(facts: ReadingFacts, *, empty: str) -> list[Block]:
    """The opinions not adopted, or ``empty`` and a placeholder (the 起草说明's last section)."""
    blocks = _not_adopted_blocks(facts)
    if not blocks:
        return [Block(f"{empty}{needed('如有重大分歧意见，说明协调处理情况')}")]
    return blocks
