"""Checking what a decision states as a consequence (第七项至第十五项相应改为第八项至第十六项).

A declared renumbering is not an instruction: it follows from the others. After applying, each
place it names (old numbers, read in the base) must carry the new number it states in the
result; if not, the outcome says so, so a slip in the decision (or a misreading) is seen.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.amend.decision import DecisionItem, kind_name
from workbench.amend.operations import Declared, Operation, Place, Rename
from workbench.amend.outcome import OperationOutcome
from workbench.amend.staging import ApplyError, StagingTree
from workbench.model import Document, item_number
from workbench.numerals import NumeralError, parse_article_number, to_cn
from workbench.refs import DocIndex
from workbench.refs.index import container_number

__all__ = ["check_declared"]


def check_declared(
    checks: Sequence[tuple[DecisionItem, Operation]],
    tree: StagingTree,
    result: Document,
    outcomes: list[OperationOutcome],
) -> list[OperationOutcome]:
    """``outcomes`` with every declared renumbering marked failed where it does not hold.

    Places are read in the base, by the staging tree the decision was applied in.
    """
    if not checks:
        return outcomes
    index = DocIndex(result)
    out = list(outcomes)
    for item, op in checks:
        problem = _problem(op, tree, index)
        if problem is None:
            continue
        for k, o in enumerate(out):
            if o.item == item.label and o.source == op.source and o.kind == kind_name(op):
                if o.status == "applied":
                    out[k] = o.model_copy(update={"status": "failed", "message": problem})
                break
    return out


def _problem(op: Operation, tree: StagingTree, index: DocIndex) -> str | None:
    pairs: list[tuple[Place, Place]] = []
    if isinstance(op, Declared):
        if len(op.old) != len(op.new):
            return "声明的序号调整前后数目不一致"
        pairs = list(zip(op.old, op.new, strict=True))
    elif isinstance(op, Rename) and op.number is not None:
        level = op.target.level
        pairs = [(op.target, op.target.model_copy(update={level: op.number}))]
    for old, new in pairs:
        try:
            uid = tree.node(old).uid
        except ApplyError:
            continue  # a place the base cannot resolve alone (第七节 of an unnamed chapter)
        if not index.has(uid):
            return f"声明“{old.label}”改为“{new.label}”，但该条款已不在修改后的文本中"
        node = index.node(uid)
        level = new.level
        wanted = getattr(new, level) if level not in ("title", "preamble") else None
        got = _number(node.kind, node.num)
        if node.kind == "paragraph":
            got = index.position(uid)
        elif node.kind == "item" or node.kind == "subitem":
            got = item_number(node)
        elif node.kind != "article":
            got = container_number(node)
        if wanted is not None and got != wanted:
            shown = to_cn(got) if got else "无序号"
            return (
                f"声明“{old.label}”改为“{new.label}”，但适用后为第{shown}{_unit(node.kind)}，请核对"
            )
    return None


def _number(kind: str, num: str | None) -> int | None:
    if kind != "article" or not num:
        return None
    try:
        return parse_article_number(num)[0]
    except NumeralError:
        return None


def _unit(kind: str) -> str:
    return {"article": "条", "paragraph": "款", "item": "项", "subitem": "目", "chapter": "章",
            "section": "节", "book": "编", "part": "分编"}.get(kind, "")  # fmt: skip
