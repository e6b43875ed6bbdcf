"""The reports at each reading, drafted from what the workbench holds (`legislative-norms.md` §5.1).

起草说明 (the proposer's explanation at the first reading), 修改情况的报告 (at a middle reading),
审议结果的报告 (at the final reading) and 修改情况的说明 (before the vote), in the published
form: title, a subtitle naming the meeting, speaker, salutation, an opening formula and numbered
sections. Every sentence is either one of the standard formulas or a fact passed in (counts of
comments by station and party, the changes between two versions with the comments adopted on
them and their reasons, the 四前四方 records, the opinions not adopted and why, the renumbering);
where only staff can write (necessity, the committee's judgement, a missing date) the text says
`PLACEHOLDER`. Pure: `workbench.workspace.reading_reports` gathers the facts; `reading_render` lays the
report out as DOCX or Markdown. Must not import store or workspace.
"""

from __future__ import annotations

from workbench.export.reading_changes import (
    article_text,
    change_sections,
    chapter_groups,
    renumbering,
    structure,
)
from workbench.export.reading_consultation import differences, not_adopted_section, process_blocks
from workbench.export.reading_facts import (
    SALUTATION,
    Block,
    ReadingFacts,
    ReadingReport,
    needed,
)
from workbench.model import Document, iter_paths
from workbench.model.cycle import StageRecord
from workbench.numerals import to_cn
from workbench.review.caption import chinese_date

__all__ = ["build_reading_report"]


# -- building ----------------------------------------------------------------------------------

_ORDINAL_READING = {1: "初次审议", 2: "第二次审议", 3: "第三次审议"}
_VERB = {"制定": "制定", "修订": "修订", "修正": "修改", "废止": "废止"}


def build_reading_report(facts: ReadingFacts) -> ReadingReport:
    """Draft the report ``facts.kind`` from the facts (see the module docstring)."""
    builder = {
        "起草说明": _drafting_note,
        "修改情况": _changes_report,
        "审议结果": _result_report,
        "修改情况说明": _vote_note,
    }[facts.kind]
    title, blocks = builder(facts)
    return ReadingReport(
        title=title,
        subtitle=_subtitle(facts.meeting),
        speaker=needed("报告人单位、职务及姓名"),
        salutation=SALUTATION,
        blocks=tuple(blocks),
    )


def _bill(facts: ReadingFacts, name: str | None = None) -> str:
    """《昌吉回族自治州居家养老服务条例（草案）》: the bill as titles and formulas name it."""
    if facts.project_kind in ("修正", "废止"):
        # the bill is the decision: 《关于修改〈…〉的决定（草案）》, not （修正草案）
        stage = (name or "草案").removeprefix(facts.project_kind) or "草案"
        verb = "修改" if facts.project_kind == "修正" else "废止"
        return f"《关于{verb}〈{facts.regulation}〉的决定（{stage}）》"
    return f"《{facts.regulation}（{name or facts.draft_name}）》"


def _deliberated(facts: ReadingFacts) -> str:
    """The text the previous reading deliberated: ``old``, or the draft when ``old`` is in force."""
    if facts.old_in_force or not facts.old_name:
        return facts.draft_name
    return facts.old_name


def _subtitle(meeting: StageRecord | None) -> str:
    if meeting is None:
        return f"——{needed('日期')}在{needed('会议名称')}上"
    body = meeting.body or needed("会议名称")
    return f"——{chinese_date(meeting.date)}在{body}上"


def _when(record: StageRecord | None) -> str:
    """``2025年3月28日，昌吉回族自治州……第二十次会议`` (or placeholders)."""
    if record is None:
        return f"{needed('日期')}，{needed('会议名称')}"
    return f"{chinese_date(record.date)}，{record.body or needed('会议名称')}"


# -- 起草说明 ---------------------------------------------------------------------------------------


def _drafting_note(facts: ReadingFacts) -> tuple[str, list[Block]]:
    bill = _bill(facts, facts.new_name)
    verb = _VERB[facts.project_kind]
    blocks = [
        Block(f"受{needed('提请机关，如自治州人民政府')}委托，现就{bill}作如下说明。"),
        Block(f"一、{verb}的必要性和依据", "heading"),
        Block(needed(f"{verb}条例的必要性、可行性")),
    ]
    basis = _basis(facts.new)
    if basis:
        blocks.append(Block(f"{facts.new_name}第一条规定：“{basis}”"))
    blocks.append(Block("二、起草过程", "heading"))
    blocks.extend(process_blocks(facts))
    if facts.alignment is not None and facts.project_kind != "制定":
        blocks.append(Block("三、主要修改内容", "heading"))
        blocks.extend(change_sections(facts, numbered=False))
        blocks.extend(structure(facts))
    else:
        blocks.append(Block("三、主要内容", "heading"))
        blocks.extend(_contents(facts))
    blocks.append(Block("四、起草过程中对重大分歧意见的协调处理情况", "heading"))
    blocks.extend(differences(facts, empty="起草过程中未记录未采纳的意见。"))
    blocks.append(Block(f"{bill}和以上说明是否妥当，请审议。", "closing"))
    return f"关于{bill}的说明", blocks


def _basis(doc: Document) -> str:
    """The first article's words (purpose and legal basis), when it names its basis (根据)."""
    for path in iter_paths(doc.children):
        node = path[-1]
        if node.kind == "article":
            text = article_text(node)
            return text if "根据" in text or "依据" in text else ""
    return ""


def _contents(facts: ReadingFacts) -> list[Block]:
    """The draft's structure: chapters with their article ranges, and a placeholder."""
    doc = facts.new
    chapters = [n for n in doc.children if n.kind in ("book", "part", "chapter")]
    count = sum(1 for path in iter_paths(doc.children) if path[-1].kind == "article")
    if not chapters:
        head = f"{facts.new_name}不分章，共{to_cn(count)}条。"
        return [Block(head), Block(needed("主要制度设计及其理由"))]
    parts = []
    for chapter in chapters:
        numbers = [p[-1].num for p in iter_paths(chapter.children) if p[-1].kind == "article"]
        span = (
            f"{numbers[0]}至{numbers[-1]}" if len(numbers) > 1 else (numbers[0] if numbers else "")
        )
        parts.append(f"{chapter.num or ''}{chapter.heading or ''}（{span}）")
    head = f"{facts.new_name}共{to_cn(len(chapters))}章{to_cn(count)}条：{'，'.join(parts)}。"
    return [Block(head), Block(needed("各章主要制度设计及其理由"))]


# -- 修改情况的报告, 审议结果的报告, 修改情况的说明 -------------------------------------------------------------


def _changes_report(facts: ReadingFacts) -> tuple[str, list[Block]]:
    bill = _bill(facts, _deliberated(facts))
    reading = _ORDINAL_READING.get(facts.earlier_reading or 0, "审议")
    if _deliberated(facts) == facts.new_name:  # the draft itself against the text in force
        studied = f"现将{facts.new_name}对{facts.old_name}的主要修改情况报告如下："
    else:
        studied = (
            f"法制委员会于{needed('会议日期')}召开会议，根据常委会组成人员的审议意见和各方面的意见，"
            f"对{_deliberated(facts)}进行了审议，提出了{facts.new_name}。现将主要修改情况报告如下："
        )
    blocks = [
        Block(f"{_when(facts.earlier)}对{bill}进行了{reading}。", "body"),
        *process_blocks(facts),
        Block(studied),
    ]
    blocks.extend(change_sections(facts, numbered=True))
    blocks.extend(not_adopted_section(facts, len(chapter_groups(facts)) + 1))
    blocks.extend(structure(facts))
    blocks.extend(renumbering(facts))
    blocks.append(
        Block(
            f"{facts.new_name}已按上述意见作了修改。{facts.new_name}和以上报告是否妥当，请审议。",
            "closing",
        )
    )
    return f"关于{bill}修改情况的报告", blocks


def _result_report(facts: ReadingFacts) -> tuple[str, list[Block]]:
    bill = _bill(facts)
    reading = _ORDINAL_READING.get(facts.earlier_reading or 0, "审议")
    blocks = [
        Block(f"{_when(facts.earlier)}对{_bill(facts, _deliberated(facts))}进行了{reading}。"),
        *process_blocks(facts),
        Block(
            f"法制委员会于{needed('会议日期')}召开会议，根据常委会组成人员的审议意见和各方面的意见，"
            f"对{_deliberated(facts)}进行了统一审议。法制委员会认为，{needed('对法规案的总体评价')}。"
            "同时，提出以下主要修改意见："
        ),
    ]
    blocks.extend(change_sections(facts, numbered=True))
    blocks.extend(not_adopted_section(facts, len(chapter_groups(facts)) + 1))
    blocks.extend(structure(facts))
    blocks.extend(renumbering(facts))
    blocks.append(
        Block(
            f"{facts.new_name}已按上述意见作了修改，法制委员会建议本次常委会会议审议通过。"
            f"{facts.new_name}和以上报告是否妥当，请审议。",
            "closing",
        )
    )
    return f"关于{bill}审议结果的报告", blocks


def _vote_note(facts: ReadingFacts) -> tuple[str, list[Block]]:
    bill = _bill(facts, facts.new_name)
    blocks = [
        Block(
            f"{_when(facts.meeting)}，常委会组成人员分组审议了{_bill(facts, _deliberated(facts))}。"
            f"法制委员会于{needed('会议日期')}召开会议，逐条研究了常委会组成人员的审议意见，"
            f"对{_deliberated(facts)}作了修改，提出了{facts.new_name}。现将修改情况说明如下："
        )
    ]
    blocks.extend(change_sections(facts, numbered=True))
    blocks.extend(structure(facts))
    blocks.extend(renumbering(facts))
    blocks.append(Block(f"以上说明和{facts.new_name}是否妥当，请审议。", "closing"))
    return f"关于{bill}修改情况的说明", blocks
