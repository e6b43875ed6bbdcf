"""Applying a decision to a base text (`legislative-norms.md` §4.2, §4.3).

Every operation reads its places in the base (old numbers) and changes a staging tree keyed on
uids; nothing is renumbered until all are done. The stated new numbers then fix where the
changed provisions stand, the rest keep their order, and `workbench.edit.commit` renumbers the
text and rewrites every internal citation to the new numbers, as any edit does; words the
decision itself restated are taken as written (they are already in the new numbering). Each
operation's outcome is reported; clauses the reader could not settle are reported as manual;
nothing is left out.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from workbench.amend.base_text import BaseText
from workbench.amend.decision import Decision, DecisionItem, DecisionPart, kind_name
from workbench.amend.handlers import AfterLayout, handle
from workbench.amend.layout import (
    LayoutError,
    layout_children,
    layout_flat,
    place_heading,
    rebuild,
)
from workbench.amend.operations import ClosingClause, Declared, Operation, Rename
from workbench.amend.outcome import AppliedDecision, ChangeLink, OperationOutcome
from workbench.amend.punctuation import fix_item_punctuation
from workbench.amend.staging import ApplyError, Staged, StagingTree
from workbench.amend.verify import check_declared
from workbench.edit import commit
from workbench.errors import WorkbenchError
from workbench.model import CONTAINER_KINDS, Document, UidFactory, iter_nodes
from workbench.numerals import to_cn
from workbench.refs import Reference

__all__ = ["AmendError", "apply_decision", "apply_part"]


class AmendError(WorkbenchError):
    """A decision cannot be applied at all (no part for the base, a layout that cannot hold)."""


def apply_decision(
    decision: Decision, base: Document, *, uids: UidFactory | None = None
) -> AppliedDecision:
    """Apply ``decision`` to ``base`` (the part amending ``base``'s title, if there are several).

    Args:
        decision: The decision as read.
        base: The text it amends, numbered as before the decision.
        uids: Where new nodes' uids come from (seeded in tests).

    Returns:
        The amended text with every outcome and change link.

    Raises:
        AmendError: If the decision has several parts and none amends ``base``, or the new
            numbers it states cannot all hold.
    """
    part = _part_for(decision, base)
    return apply_part(decision, part, base, uids=uids)


def _part_for(decision: Decision, base: Document) -> DecisionPart:
    if len(decision.parts) == 1:
        return decision.parts[0]
    part = decision.part_for(base.title)
    if part is None:
        names = "、".join(f"《{p.instrument}》" for p in decision.parts if p.instrument)
        raise AmendError(
            f"该决定分别修改{names}，没有一部分修改《{base.title}》：请用与决定中名称一致的文本"
        )
    return part


def apply_part(
    decision: Decision,
    part: DecisionPart,
    base: Document | BaseText,
    *,
    uids: UidFactory | None = None,
) -> AppliedDecision:
    """Apply one part of ``decision`` (its items) to ``base``; see `apply_decision`.

    ``base`` may come as a `BaseText` made once, when several decisions are applied to it.
    """
    known = base if isinstance(base, BaseText) else BaseText.of(base)
    base = known.document
    tree = StagingTree(base, uids or UidFactory(), known.index)
    outcomes: list[OperationOutcome] = []
    links: list[ChangeLink] = []
    after: list[tuple[DecisionItem, Operation, AfterLayout]] = []
    headings: list[tuple[Staged, int, DecisionItem, Operation]] = []
    checks: list[tuple[DecisionItem, Operation]] = []
    for item in part.items:
        for op in item.operations:
            if isinstance(op, Declared) or (isinstance(op, Rename) and op.number is not None):
                checks.append((item, op))
            try:
                done = handle(op, tree)
            except ApplyError as exc:
                outcomes.append(_outcome(item, op, "failed", str(exc)))
                continue
            links.extend(link.model_copy(update={"item": item.label}) for link in done.links)
            after.extend((item, op, step) for step in done.after)
            headings.extend((heading, first, item, op) for heading, first in done.headings)
            status_message = "已记录" if isinstance(op, ClosingClause) else None
            outcomes.append(_outcome(item, op, "applied", status_message))
        outcomes.extend(_leftovers(item))
    doc = _lay_out(tree, base, after, headings, outcomes, links)
    present = {n.uid for n in iter_nodes(doc.children)}
    result = commit(
        tree.index,
        doc,
        operation=f"适用《{decision.title}》",
        references=known.references,
        relocate=_relocator(tree, known, doc),
        redirect=tree.redirect,
        created=[uid for uid in present if not tree.index.has(uid)],
        removed=[n.uid for n in iter_nodes(base.children) if n.uid not in present],
        modified=sorted(tree.replaced),
    )
    final = result.document.model_copy(update={"note": _note(base.note, decision)})
    outcomes = check_declared(checks, tree, final, outcomes)
    changed_by: dict[str, str] = {}
    for link in links:
        for uid in (*link.old_uids, *link.new_uids):
            changed_by.setdefault(uid, link.item)
    return AppliedDecision(
        document=final,
        outcomes=tuple(outcomes),
        links=tuple(links),
        changed_by=changed_by,
        consequences=result.report,
        unitemised=decision.closing.unitemised,
    )


def _outcome(
    item: DecisionItem, op: Operation, status: str, message: str | None
) -> OperationOutcome:
    return OperationOutcome(
        item=item.label,
        kind=kind_name(op),
        status=status,  # type: ignore[arg-type]
        message=message,
        source=op.source,
    )


def _leftovers(item: DecisionItem) -> list[OperationOutcome]:
    """The item's clauses the reader left to staff (one outcome carrying every reason)."""
    if item.status == "understood" or not item.message:
        return []
    kind = "unrecognised" if item.status == "unrecognised" else "manual"
    status = "failed" if kind == "unrecognised" else "manual"
    return [
        OperationOutcome(
            item=item.label,
            kind=kind,
            status=status,  # type: ignore[arg-type]
            message=item.message,
            source=item.text,
        )
    ]


def _lay_out(
    tree: StagingTree,
    base: Document,
    after: Sequence[tuple[DecisionItem, Operation, AfterLayout]],
    headings: Sequence[tuple[Staged, int, DecisionItem, Operation]],
    outcomes: list[OperationOutcome],
    links: list[ChangeLink],
) -> Document:
    boundary: list[tuple[Staged, list[Staged], bool]] = []
    try:
        flat = layout_flat(tree.tokens, base.first_article, tree.anchored, _by_content, boundary)
    except LayoutError as exc:
        raise AmendError(f"决定写明的新序号无法同时成立：{exc}") from exc
    numbers = _numbers(flat, base.first_article)
    _report_boundaries(boundary, numbers, links, outcomes)
    for item, op, step in after:
        try:
            links.extend(link.model_copy(update={"item": item.label}) for link in step(numbers))
        except ApplyError as exc:
            _fail(outcomes, item, op, str(exc))
    for heading, first, item, op in headings:
        article = numbers.get(first)
        if article is None:
            _fail(
                outcomes, item, op, f"修改后没有第{first}条，无法确定{heading.heading or ''}的位置"
            )
            continue
        place_heading(flat, heading, article)
    for tok in flat:
        if tok.kind not in CONTAINER_KINDS:
            try:
                layout_children(tok)
            except LayoutError as exc:
                raise AmendError(f"决定写明的新序号无法同时成立：{exc}") from exc
            fix_item_punctuation(tok, tree.items_changed)
    preamble = tuple(p for p in tree.preamble if p)
    return Document(
        title=tree.title,
        note=base.note,
        preamble=preamble,
        children=rebuild(flat),
        annexes=base.annexes,
        chapter_numbering=base.chapter_numbering,
        first_article=base.first_article,
    )


def _by_content(
    article: Staged,
    over: list[Staged],
    previous: Staged | None,
    ahead: list[Staged],
    following: Staged | None,
) -> bool:
    """Whether a new article between two containers reads like the next one's.

    Its words are compared with the next container's headings and first article, and with the
    previous container's headings and last article.
    """
    words = _grams(_text_of(article))
    if not words:
        return False

    def score(headings: list[Staged], neighbour: Staged | None) -> float:
        near = _grams(_text_of(neighbour)) if neighbour is not None else set()
        titles = _grams("".join(h.heading or "" for h in headings))
        return len(words & near) / len(words) + 2 * len(words & titles) / len(words)

    return score(ahead, following) > score(over, previous)


def _text_of(node: Staged) -> str:
    return "".join(n.text for n in node.walk())


def _grams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _report_boundaries(
    boundary: list[tuple[Staged, list[Staged], bool]],
    numbers: dict[int, Staged],
    links: list[ChangeLink],
    outcomes: list[OperationOutcome],
) -> None:
    """Say where a new article standing between two containers was put, and why."""
    number_of = {id(art): n for n, art in numbers.items()}
    for article, run, opens in boundary:
        label = f"第{to_cn(number_of[id(article)])}条" if id(article) in number_of else "新增条"
        heads = "、".join(f"“{h.num or ''}{'　' if h.num else ''}{h.heading or ''}”" for h in run)
        where = f"归入{heads}" if opens else f"放在{heads}之前（前一章节末尾）"
        message = f"新增的{label}位于章节交界处，决定未写明所属章节，已按内容{where}，请核对"
        item = next((lk.item for lk in links if article.uid in lk.new_uids), None)
        for k, o in enumerate(outcomes):
            if o.item == item and o.kind == "insert_article" and o.status == "applied":
                joined = f"{o.message}；{message}" if o.message else message
                outcomes[k] = o.model_copy(update={"message": joined})
                break


def _fail(
    outcomes: list[OperationOutcome], item: DecisionItem, op: Operation, message: str
) -> None:
    for k in range(len(outcomes) - 1, -1, -1):
        o = outcomes[k]
        if o.item == item.label and o.source == op.source and o.status == "applied":
            outcomes[k] = o.model_copy(update={"status": "failed", "message": message})
            return
    outcomes.append(_outcome(item, op, "failed", message))


def _numbers(flat: list[Staged], first_article: int) -> dict[int, Staged]:
    out: dict[int, Staged] = {}
    number = first_article - 1
    for tok in flat:
        if tok.kind == "article" and not tok.insertion:
            number += 1
            out[number] = tok
    return out


def _relocator(tree: StagingTree, base: BaseText, doc: Document):  # type: ignore[no-untyped-def]
    """Where each base citation's words stand in the amended text (None: restated or gone)."""
    final = {n.uid: n.text for n in iter_nodes(doc.children)}
    old = base.texts

    def relocate(ref: Reference) -> tuple[str, int] | None:
        uid = ref.source
        if uid in tree.replaced or uid not in final:
            return None
        before, now = old.get(uid, ""), final[uid]
        if before == now:
            return uid, ref.start
        end = ref.start + len(ref.text)
        matcher = difflib.SequenceMatcher(None, before, now, autojunk=False)
        for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
            if tag == "equal" and i1 <= ref.start and end <= i2:
                return uid, j1 + ref.start - i1
        return None

    return relocate


def _note(note: str, decision: Decision) -> str:
    """The 题注 with the amendment recorded (§7.4 rule 24).

    Only when the decision says when and by whom it was adopted; unchanged otherwise.
    """
    adopted = decision.note.strip()
    if not adopted.endswith("通过") or "×" in adopted:
        return note
    title = decision.title.replace("《", "〈").replace("》", "〉")
    entry = f"根据{adopted.removesuffix('通过')}《{title}》修正"
    return f"{note}\u3000{entry}" if note else entry
