"""Drafting a 修改决定 from two versions (`legislative-norms.md` §7.4 rule 21).

The alignment of the two versions (`workbench.diff`) says which articles were added, deleted,
moved, split, merged or modified. Each becomes an item in the official grammar, ordered by old
article number: new articles with their new numbers, deleted ones, moved ones with their new
place; a modified article gets the shortest correct form — a changed phrase is 将第X条中的“A”修改
为“B”, a changed or added 款/项 is named alone, a heavily rewritten article is restated whole.
Chapters and sections renamed, added or removed follow their articles. The decision ends with
此外，对条文顺序作相应调整 when articles were renumbered silently, then the 施行 and 重新公布
clauses.

The draft is checked by applying it (`workbench.amend.apply`) to the old version: where the
result differs from the new version, the article concerned is restated (or pinned to its place)
and the draft checked again, so what is returned applies exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.amend.apply import AmendError, apply_part
from workbench.amend.base_text import BaseText
from workbench.amend.boundaries import Lexicon
from workbench.amend.decision import Closing, Decision, DecisionItem, DecisionPart
from workbench.amend.draft_articles import article_operations
from workbench.amend.draft_containers import container_fixes, container_operations
from workbench.amend.draft_provisions import (
    body_lines,
    flat_signature,
    place_of,
    text_lines,
)
from workbench.amend.operations import (
    Delete,
    InsertUnits,
    Merge,
    Operation,
    Place,
    Rename,
    Renumber,
    Replace,
    Split,
)
from workbench.amend.reader import read_decision
from workbench.amend.writer import decision_text, item_label, item_paragraphs
from workbench.diff import Pair, align_documents
from workbench.errors import WorkbenchError
from workbench.model import (
    CONTAINER_KINDS,
    Document,
    Node,
    UidFactory,
    articles,
    iter_nodes,
    renumber,
)
from workbench.numerals import NumeralError, parse_article_number
from workbench.refs import DocIndex, amended_instrument

__all__ = ["DraftError", "draft_decision"]

_ROUNDS = 6


class DraftError(WorkbenchError, ValueError):
    """The two versions cannot be expressed as a decision (the message says why)."""


@dataclass(slots=True)
class _Plan:
    """The operations of one item and where it stands among the items."""

    key: float
    ops: list[Operation]
    old_uids: tuple[str, ...] = ()
    restate: bool = False
    pair: Pair | None = None


@dataclass(slots=True)
class _Draft:
    old: Document
    new: Document
    base: BaseText = field(init=False)
    """The old text as every check applies drafts to it (indexed, citations found once)."""
    old_index: DocIndex = field(init=False)
    new_index: DocIndex = field(init=False)
    position: dict[str, int] = field(init=False)
    """Old article uid → its position (0-based) in the old text."""
    number: dict[str, int] = field(init=False)
    """New article uid → its number in the (renumbered) new text."""
    old_of_container: dict[str, str] = field(default_factory=dict)
    """New chapter/section uid → the old one it continues."""
    old_of_new: dict[str, str] = field(default_factory=dict)
    """New article uid → the old article it continues (one-to-one pairs)."""
    pairs: dict[str, Pair] = field(default_factory=dict)
    """Old article uid → its one-to-one pair."""
    staged: DocIndex | None = None
    """The old text after the draft's structural clauses alone (citations renumbered)."""
    lexicon: Lexicon = field(init=False)
    """Word edges of both texts: where quoted phrases start and end."""

    def __post_init__(self) -> None:
        self.base = BaseText.of(self.old)
        self.old_index = self.base.index
        self.new_index = DocIndex(self.new)
        self.position = {a.uid: k for k, a in enumerate(articles(self.old))}
        self.lexicon = Lexicon(
            n.text for doc in (self.old, self.new) for n in iter_nodes(doc.children)
        )
        self.number = {}
        for art in articles(self.new):
            try:
                self.number[art.uid] = parse_article_number(art.num or "")[0]
            except NumeralError:
                continue


def draft_decision(
    old: Document,
    new: Document,
    *,
    title: str | None = None,
    preamble: str | None = None,
    effective: str | None = None,
) -> Decision:
    """A decision that turns ``old`` into ``new``.

    Args:
        old: The text in force.
        new: The amended text.
        title: The decision's title (default 关于修改《…》的决定).
        preamble: Its opening sentence (default with ×× for the meeting, to fill in).
        effective: Its 施行 clause (default with ×× for the date).

    Returns:
        The decision, checked to turn ``old`` into ``new`` when applied.

    Raises:
        DraftError: If no decision could be found that applies exactly.
    """
    new = renumber(new)
    if flat_signature(new) == flat_signature(old):
        raise DraftError("两个版本的名称、序言、章节和条文都相同：没有需要写入修改决定的修改")
    draft = _Draft(old, new)
    alignment = align_documents(old, new)
    for pair in alignment.articles:
        if len(pair.old_uids) == 1 and len(pair.new_uids) == 1:
            draft.old_of_new[pair.new_uids[0]] = pair.old_uids[0]
            draft.pairs[pair.old_uids[0]] = pair
    for pair in alignment.containers:
        if pair.old_uids and pair.new_uids:
            draft.old_of_container[pair.new_uids[0]] = pair.old_uids[0]
    containers = container_operations(draft.old_index, draft.new_index, alignment)
    extra: list[_Plan] = [_Plan(key, [op]) for key, op in containers]
    if new.title != old.title:
        extra.append(_Plan(-3.0, [Rename(target=Place(title=True), heading=new.title)]))
    if new.preamble != old.preamble:
        extra.append(_Plan(-2.0, [Replace(target=Place(preamble=0), text=new.preamble)]))
    name = old.title
    decision_title = title or f"关于修改《{name}》的决定"
    intro = preamble or f"××人民代表大会常务委员会第××次会议决定对《{name}》作如下修改："
    closing = Closing(
        reorder=True,
        effective=effective or "本决定自××××年××月××日起施行。",
        republish=f"《{name}》根据本决定作相应修改，重新公布。",
    )
    expected = flat_signature(new)
    structure = _assemble(
        decision_title, intro, closing, [*_plans(draft, alignment.articles), *extra], name
    )
    try:
        staged = apply_part(structure, structure.parts[0], draft.base, uids=UidFactory(0)).document
    except AmendError as exc:
        raise DraftError(f"无法生成修改决定：{exc}") from exc
    draft.staged = DocIndex(staged)
    plans = _plans(draft, alignment.articles)
    for _ in range(_ROUNDS):
        for plan in plans:
            if plan.restate and plan.pair is not None:
                plan.ops = _restated(draft, plan.pair)
        decision = _assemble(decision_title, intro, closing, [*plans, *extra], name)
        decision = read_decision(decision_text(decision))
        try:
            applied = apply_part(decision, decision.parts[0], draft.base, uids=UidFactory(0))
        except AmendError as exc:
            raise DraftError(f"无法生成能准确适用的修改决定：{exc}") from exc
        got = flat_signature(applied.document)
        if got == expected:
            return _finish(decision, old, applied.document)
        if not _repair(draft, plans, extra, applied.document):
            break
    raise DraftError("无法生成能准确适用的修改决定：请检查两个版本的条文结构")


def _finish(decision: Decision, old: Document, result: Document) -> Decision:
    """Keep the reorder clause only when articles were renumbered silently."""
    before = [a.num for a in articles(old)]
    after = [a.num for a in articles(result)]
    moved = before != after[: len(before)] or len(before) != len(after)
    if not moved:
        decision = decision.model_copy(
            update={"closing": decision.closing.model_copy(update={"reorder": False})}
        )
    return decision


def _assemble(
    title: str, intro: str, closing: Closing, plans: Sequence[_Plan], name: str
) -> Decision:
    items: list[DecisionItem] = []
    for plan in sorted((p for p in plans if p.ops), key=lambda p: p.key):
        k = len(items) + 1
        items.append(
            DecisionItem(
                label=item_label(k),
                text="\n".join(item_paragraphs(plan.ops)),
                operations=tuple(plan.ops),
            )
        )
    part = DecisionPart(instrument=amended_instrument(title) or name, items=tuple(items))
    return Decision(title=title, preamble=(intro,), parts=(part,), closing=closing)


def _plans(draft: _Draft, pairs: Sequence[Pair]) -> list[_Plan]:
    """One plan per change of the alignment, keyed by old article position."""
    plans: list[_Plan] = []
    last_old = -1.0
    pending_added: list[Pair] = []
    pending_deleted: list[Pair] = []

    def flush_added() -> None:
        if pending_added:
            plans.append(_insert_plan(draft, pending_added, last_old + 0.5))
            pending_added.clear()

    def flush_deleted() -> None:
        if pending_deleted:
            targets = [place_of(draft.old_index, p.old_uids[0]) for p in pending_deleted]
            key = draft.position[pending_deleted[0].old_uids[0]]
            plans.append(
                _Plan(
                    key,
                    [Delete(targets=tuple(targets))],
                    tuple(p.old_uids[0] for p in pending_deleted),
                )
            )
            pending_deleted.clear()

    for pair in pairs:
        if pair.kind == "added":
            flush_deleted()
            pending_added.append(pair)
            continue
        flush_added()
        if pair.kind == "deleted":
            if (
                pending_deleted
                and draft.position[pending_deleted[-1].old_uids[0]] + 1
                != draft.position[pair.old_uids[0]]
            ):
                flush_deleted()
            pending_deleted.append(pair)
            last_old = max(last_old, draft.position[pair.old_uids[0]])
            continue
        flush_deleted()
        key = float(draft.position[pair.old_uids[0]])
        last_old = max(last_old, max(draft.position[u] for u in pair.old_uids))
        if pair.kind in ("unchanged", "renumbered"):
            continue
        plans.append(_pair_plan(draft, pair, key))
    flush_added()
    flush_deleted()
    return plans


def _insert_plan(draft: _Draft, pairs: list[Pair], key: float) -> _Plan:
    ops: list[Operation] = []
    run: list[str] = []
    for pair in pairs:
        uid = pair.new_uids[0]
        if run and draft.number.get(uid) != draft.number.get(run[-1], -2) + 1:
            ops.append(_insert_op(draft, run))
            run = []
        run.append(uid)
    ops.append(_insert_op(draft, run))
    return _Plan(key, ops)


def _insert_op(draft: _Draft, uids: list[str]) -> InsertUnits:
    numbers = tuple(draft.number[u] for u in uids)
    texts = tuple(tuple(text_lines(draft.new_index.node(u))) for u in uids)
    return InsertUnits(
        level="article", numbers=numbers, texts=texts, container=_container_of(draft, uids)
    )


def _container_of(draft: _Draft, uids: list[str]) -> Place | None:
    """The chapter (section) new articles at its start or end belong to: 在第三章中增加一条.

    At a boundary between two containers the number alone does not say which one a new article
    joins; inside a container, or where the container is new itself, nothing is stated.
    """
    index = draft.new_index
    parent = index.parent(uids[0])
    if parent is None or parent.kind not in CONTAINER_KINDS:
        return None
    inside = [c.uid for c in parent.children if c.kind == "article"]
    if uids[0] != inside[0] and uids[-1] != inside[-1]:
        return None
    old_uid = draft.old_of_container.get(parent.uid)
    return place_of(draft.old_index, old_uid) if old_uid is not None else None


def _pair_plan(draft: _Draft, pair: Pair, key: float) -> _Plan:
    old_uid = pair.old_uids[0]
    target = place_of(draft.old_index, old_uid)
    if pair.kind == "split":
        numbers = tuple(draft.number[u] for u in pair.new_uids)
        texts = tuple(tuple(text_lines(draft.new_index.node(u))) for u in pair.new_uids)
        return _Plan(
            key, [Split(target=target, numbers=numbers, texts=texts)], pair.old_uids, pair=pair
        )
    if pair.kind == "merged":
        targets = tuple(place_of(draft.old_index, u) for u in pair.old_uids)
        new_art = draft.new_index.node(pair.new_uids[0])
        joined = [line for u in pair.old_uids for line in text_lines(draft.old_index.node(u))]
        text = tuple(text_lines(new_art))
        merge = Merge(
            targets=targets,
            number=draft.number[new_art.uid],
            text=None if list(text) == joined else text,
        )
        return _Plan(key, [merge], pair.old_uids, pair=pair)
    ops = article_operations(
        draft.old_index, draft.staged, draft.new_index, pair, draft.number, draft.lexicon
    )
    return _Plan(key, ops, pair.old_uids, pair=pair)


def _restated(draft: _Draft, pair: Pair) -> list[Operation]:
    """The plan of ``pair`` restating its article whole."""
    if pair.kind in ("split", "merged"):
        return _pair_plan(draft, pair, 0.0).ops
    old_uid, new_uid = pair.old_uids[0], pair.new_uids[0]
    target = place_of(draft.old_index, old_uid)
    old_number = place_of(draft.old_index, old_uid).article
    number = draft.number[new_uid]
    text = tuple(text_lines(draft.new_index.node(new_uid)))
    return [
        Replace(
            target=target,
            number=number if number != old_number else None,
            text=text,
        )
    ]


def _repair(
    draft: _Draft,
    plans: list[_Plan],
    extra: list[_Plan],
    result: Document,
) -> bool:
    """Restate or pin what came out wrong; False when nothing more can be done."""
    changed = False
    result_articles = articles(result)
    new_articles = articles(draft.new)
    by_old = {u: p for p in plans for u in p.old_uids}
    if len(result_articles) == len(new_articles):
        misplaced = [
            (got.uid, want)
            for got, want in zip(result_articles, new_articles, strict=True)
            if body_lines(got) != body_lines(want)
        ]
        # Pin the articles that change number first: 将第四条改为第四条 only when nothing else helps.
        for got_uid, want in misplaced:
            source = draft.old_of_new.get(want.uid)
            if source is not None and got_uid != source and not _keeps_number(draft, source, want):
                changed |= _pin(draft, plans, source, want.uid)
        for got_uid, want in [] if changed else misplaced:
            source = draft.old_of_new.get(want.uid)
            plan = by_old.get(source) if source is not None else None
            if source is not None and got_uid != source:
                changed |= _pin(draft, plans, source, want.uid)
            elif plan is not None and not plan.restate:
                plan.restate = True
                changed = True
            elif plan is None and source is not None and draft.pairs.get(source) is not None:
                # Unchanged words whose citations must not follow the renumbering: restated.
                pair = draft.pairs[source]
                plans.append(_Plan(float(draft.position[source]), [], (source,), True, pair))
                changed = True
    if not changed:
        fixes = container_fixes(draft.old_index, draft.new, result)
        known = {str(op) for plan in extra for op in plan.ops}
        for key, op in fixes:
            if str(op) not in known:
                extra.append(_Plan(key, [op]))
                changed = True
    return changed


def _keeps_number(draft: _Draft, old_uid: str, new_art: Node) -> bool:
    """Whether the old article ``old_uid`` has the number of ``new_art`` (将第X条改为第X条)."""
    old_place = place_of(draft.old_index, old_uid)
    return not old_place.article_suffix and draft.number.get(new_art.uid) == old_place.article


def _pin(draft: _Draft, plans: list[_Plan], old_uid: str, new_uid: str) -> bool:
    """Declare an article's new number (将第X条改为第Y条) so it takes its place."""
    number = draft.number.get(new_uid)
    if number is None:
        return False
    for plan in plans:
        if old_uid in plan.old_uids and any(
            isinstance(op, (Renumber, Replace)) and getattr(op, "number", None) == number
            for op in plan.ops
        ):
            return False
    target = place_of(draft.old_index, old_uid)
    key = float(draft.position[old_uid])
    plans.append(_Plan(key, [Renumber(target=target, number=number)], (old_uid,)))
    return True
