"""Reading one item of a 修改决定: its words → typed operations (`legislative-norms.md` §4.2).

The item is tokenized (`workbench.amend.quotes`) and cut into sentences (``。`` ``；`` and
paragraph ends); each sentence is read clause by clause from the left, every clause matched by
the first of `FORMS` that fits (the forms of §4.2 and the variants the corpus shows). A clause
that names no place (在其中增加“…”) or that describes rather than prescribes a change
(对部分条款内容作了个别文字修改) makes the item **manual**, with the reason; words that match no
form at all make it **unrecognised**. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.amend.clauses import articles, closing, containers, units, words
from workbench.amend.clauses.context import Context, Form, ItemReading, source
from workbench.amend.operations import Operation
from workbench.amend.places import NUM, PlaceError, add_missing_di
from workbench.amend.quotes import BLOCK_MARK, QUOTE_MARK, tokenize

__all__ = ["FORMS", "ItemReading", "read_item"]

FORMS: tuple[Form, ...] = (
    containers.rename_title,
    containers.rename_container,
    containers.remove_heading,
    containers.renumber_container,
    containers.reposition_container,
    containers.insert_container,
    articles.split,
    articles.merge,
    articles.demote,
    closing.reorder,
    articles.declared,
    articles.renumber,
    units.insert,
    units.replace,
    words.replace_everywhere,
    words.replace_words,
    words.delete_words,
    words.delete_words_after,
    words.insert_words,
    words.append_words,
    units.content_follows,
    containers.part_title,
    closing.effective,
    closing.republish,
    units.delete,
    units.delete_after,
)
"""Every clause form, in the order they are tried: the first that matches reads the clause.

The order is the grammar's precedence: longer forms before the shorter ones they begin with
(``删去第二条中的“A”`` is words, not ``删去第二条``; ``将第X条改为两条`` is a split, not a renumbering).
"""

_SEP = re.compile(r"[，,、]?(?:并且?|同时|相应地|相应|另外|此外|以及|并将|同时将)?[，,]?")
_LABEL_ONLY = re.compile(r"^(?:其他|其它)(?:条款)?(?:内容)?(?:的)?修改[：:]?$")
_NARRATIVE = re.compile(
    r"作了(?:统一|修改|调整|部分调整|个别文字修改|相应调整)|进行了(?:修改|调整)|重新(?:设置|确定|明确)"
    r"|内容缺乏|予以?删除|故予删除|修正后(?:共|为)|调整为第|条目(?:不变|次序)|共设|原设|新增"
)

_SENTENCE_END = re.compile(r"[。；;]|\n")
_SPACES = re.compile(r"[ \t\u3000]+")
_MANUAL_NO_PLACE = re.compile(r"(?:在|将)其中(?:的)?[^，。；]*?(?:增加|改为|修改为)")


def read_item(paragraphs: Sequence[str]) -> ItemReading:
    """Read the operations of one item (its number already taken off).

    Args:
        paragraphs: The item's paragraphs as written.

    Returns:
        The operations, and the reasons why clauses are manual or unrecognised.
    """
    tok = tokenize(paragraphs)
    ctx = Context(tok, ItemReading())
    if tok.open_block:
        ctx.reading.manual.append("引号没有闭合：新条文的范围不清，请核对原文")
    skeleton = _SPACES.sub("", add_missing_di(tok.skeleton))
    for sentence in _sentences(skeleton):
        _read_sentence(sentence, ctx)
    _link_new_containers(ctx.reading.operations)
    if ctx.pending_insert is not None:
        op = ctx.pending_insert
        ctx.reading.manual.append(f"“{op.source}”没有给出新增内容的文字")
    return ctx.reading


def _link_new_containers(ops: list[Operation]) -> None:
    """A new 节 whose first article is the one inserted next (宪法修正案第五十二条)."""
    for k, op in enumerate(ops):
        if op.kind != "insert_container" or op.first is not None:
            continue
        for later in ops[k + 1 :]:
            if later.kind == "insert" and later.level == "article" and later.numbers:
                ops[k] = op.model_copy(
                    update={"first": later.numbers[0], "last": later.numbers[-1]}
                )
                break


def _sentences(skeleton: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(skeleton):
        piece = skeleton[start : m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = skeleton[start:].strip()
    if tail:
        out.append(tail)
    return out


def _read_sentence(sentence: str, ctx: Context) -> None:
    if _LABEL_ONLY.match(sentence):
        return
    pos = 0
    n = len(sentence)
    while pos < n:
        sep = _SEP.match(sentence, pos)
        if sep is not None and sep.end() > pos:
            pos = sep.end()
            if pos >= n:
                break
        for clause_form in FORMS:
            m = clause_form.pattern.match(sentence, pos)
            if m is None or m.end() == pos:
                continue
            try:
                clause_form.read(m, ctx)
            except PlaceError as exc:
                ctx.reading.manual.append(f"“{source(m, ctx)}”：{exc}")
            pos = m.end()
            break
        else:
            _leftover(sentence[pos:], ctx)
            return


def _leftover(words: str, ctx: Context) -> None:
    """Words no form matched: manual when they describe a change, else unrecognised."""
    shown = BLOCK_MARK.sub(
        "“…”", QUOTE_MARK.sub(lambda q: f"“{ctx.tok.quotes[int(q.group(1))]}”", words)
    )
    has_place = re.search(rf"第{NUM}(?:条|款|项|目|章|节)", words) is not None
    has_words = QUOTE_MARK.search(words) is not None or BLOCK_MARK.search(words) is not None
    if _MANUAL_NO_PLACE.search(words):
        ctx.reading.manual.append(f"“{shown}”没有写明具体位置，请人工修改")
    elif _NARRATIVE.search(words):
        ctx.reading.manual.append(
            f"“{shown}”是对修改情况的说明，未写明逐项修改方式，请人工对照修改"
        )
    elif has_place and has_words:
        ctx.reading.manual.append(f"“{shown}”写明了位置和新文字，但未写明如何修改，请人工修改")
    elif has_place or has_words:
        ctx.reading.manual.append(f"“{shown}”未写明完整的修改方式，请人工处理")
    else:
        ctx.reading.unrecognised.append(shown)
