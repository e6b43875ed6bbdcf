"""The drafting checks as rules with ids: one list, in the order findings are explained.

Each `Rule` names what it checks (in Chinese, for ``check --rules`` and the TUI), where the norm
comes from, its usual severity, and the function that finds its cases. `check_document` runs
them over one text and returns the findings in document order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from workbench.check import external, penalties, punctuation, references, structure
from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.check.library import Library
from workbench.model import Document, Severity
from workbench.refs import CitationStyle

__all__ = ["RULES", "Rule", "check_document", "rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One drafting check."""

    id: str
    """Stable id, as findings and ``check --format json`` carry it (``numbering-gap``)."""
    severity: Severity
    """Its usual severity (a rule may report a milder case as a lower one)."""
    title: str
    """What it checks, in Chinese."""
    source: str
    """The norm it applies, in Chinese (立法法第六十五条, 立法技术规范（试行）（一）12 ...);
    ``legislative-norms.md`` explains each."""
    find: Callable[[CheckContext], Iterable[Finding]]
    """Finds its cases in a text."""
    needs_library: bool = False
    """Whether it judges citations of upper-level law against the library."""


RULES: tuple[Rule, ...] = (
    Rule(
        "numbering-gap",
        "error",
        "编、章、节、条、项、目的序号跳号",
        "立法法第六十五条第二款：序号依次表述",
        structure.numbering_gap,
    ),
    Rule(
        "numbering-duplicate",
        "error",
        "序号重复、顺序颠倒，或“之N”插入条位置不对",
        "立法法第六十五条第二款：序号依次表述",
        structure.numbering_duplicate,
    ),
    Rule(
        "empty-container",
        "error",
        "编、章、节下没有条文",
        "立法技术规范（试行）（一）1·1：章节结构",
        structure.empty_container,
    ),
    Rule(
        "chapters-in-short-text",
        "info",
        "条文很少（“小快灵”）却分章",
        "“小快灵”立法：不分章节、短小精悍",
        structure.chapters_in_short_text,
    ),
    Rule(
        "dangling-reference",
        "error",
        "引用本文件中不存在的条款（悬空引用）",
        "引用必须指向存在的条款",
        references.dangling_reference,
    ),
    Rule(
        "self-citation",
        "warning",
        "条文以序号引用本条自身",
        "本条、本款、前款的用法",
        references.self_citation,
    ),
    Rule(
        "citation-form",
        "info",
        "引用写法不规范（只有一款的条写了“第一款”）",
        "引用条款的写法：条只有一款的不写“第一款”",
        references.citation_form,
    ),
    Rule(
        "unknown-instrument",
        "info",
        "所引上位法不在法规库中，无法核对",
        "引用上位法",
        external.unknown_instrument,
        needs_library=True,
    ),
    Rule(
        "missing-external-provision",
        "error",
        "所引上位法（引用时施行的版本）没有该条款",
        "引用上位法",
        external.missing_external_provision,
        needs_library=True,
    ),
    Rule(
        "stale-external-citation",
        "error",
        "上位法修改后条文序号已变（移动、拆分、合并、删除）或内容已改",
        "上位法修改后的条文序号调整",
        external.stale_external_citation,
        needs_library=True,
    ),
    Rule(
        "penalty-beyond-upper-law",
        "error",
        "罚款幅度或责令措施超出所依据的上位法规定",
        "行政处罚法第十二条：在上位法规定的行为、种类和幅度内",
        penalties.penalty_beyond_upper_law,
        needs_library=True,
    ),
    Rule(
        "item-punctuation",
        "warning",
        "项、目的句末标点（非末项“；”，末项“。”，引出目的项“：”）",
        "立法技术规范（试行）（一）12：标点符号的使用",
        punctuation.item_punctuation,
    ),
    Rule(
        "item-lead-in",
        "warning",
        "引出各项的句子不以冒号结尾",
        "立法技术规范（试行）（一）12：标点符号的使用",
        punctuation.item_lead_in,
    ),
    Rule(
        "paragraph-punctuation",
        "warning",
        "款的句末没有标点",
        "立法技术规范（试行）（一）12：标点符号的使用",
        punctuation.paragraph_punctuation,
    ),
    Rule(
        "proviso-form",
        "warning",
        "但书的写法",
        "立法技术规范（试行）（一）16：但是，但",
        punctuation.proviso_form,
    ),
)
"""Every rule, in the order ``check --rules`` lists them."""


def rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id``.

    Raises:
        KeyError: No such rule.
    """
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)


def check_document(
    doc: Document,
    *,
    library: Library | None = None,
    at: date | None = None,
    style: CitationStyle | None = None,
    rules: Iterable[Rule] = RULES,
) -> list[Finding]:
    """Run the drafting checks over one text.

    Args:
        doc: The text.
        library: The upper-level laws it may cite (an empty shelf when None).
        at: The text's date: citations of upper-level law mean the versions in force then.
        style: House style for citations in messages.
        rules: The rules to run (all by default).

    Returns:
        Every finding, in document order (findings about the whole text first).
    """
    ctx = CheckContext(doc, library=library, at=at, style=style)
    found: list[Finding] = []
    for r in rules:
        found.extend(r.find(ctx))
    order = ctx.index.order
    return sorted(found, key=lambda f: -1 if f.uid is None else order.get(f.uid, -1))
