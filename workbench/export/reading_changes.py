"""The changes between two versions in a report, grouped by chapter.

Each change comes with the opinions adopted on it, their reasons, the 会商 records that cite
it, and the words of the two texts.

Paragraphs for `workbench.export.reading_report`; what changed is the alignment of
`ReadingFacts` (the one ``workbench diff`` shows). Must not import store or workspace.
"""

from __future__ import annotations

from workbench.diff import HeadingChange, Pair
from workbench.export.reading_consultation import said
from workbench.export.reading_facts import Block, ReadingFacts, needed
from workbench.model import Document, Node, index_by_uid, iter_paths
from workbench.numerals import to_cn

__all__ = ["article_text", "change_sections", "chapter_groups", "renumbering", "structure"]


def _changes(facts: ReadingFacts) -> tuple[list[Pair], list[Pair]]:
    """The changes the report lists, and those only following from renumbering."""
    if facts.alignment is None:
        return [], []
    listed = [p for p in facts.alignment.articles if p.changed and not p.consequential]
    apart = [p for p in facts.alignment.articles if p.changed and p.consequential]
    return listed, apart


def _chapter_map(doc: Document | None) -> dict[str, str]:
    """Article uid → the heading of its chapter (or 编/分编), for grouping."""
    out: dict[str, str] = {}
    if doc is None:
        return out
    for path in iter_paths(doc.children):
        if path[-1].kind != "article":
            continue
        containers = [n for n in path[:-1] if n.kind in ("book", "part", "chapter")]
        if containers:
            out[path[-1].uid] = containers[-1].heading or containers[-1].num or ""
    return out


def chapter_groups(facts: ReadingFacts) -> list[tuple[str, list[Pair]]]:
    """The listed changes grouped by chapter, in the order of the new text."""
    listed, _ = _changes(facts)
    new_map, old_map = _chapter_map(facts.new), _chapter_map(facts.old)
    groups: dict[str, list[Pair]] = {}
    for pair in listed:
        heading = next(
            (new_map[u] for u in pair.new_uids if u in new_map),
            next((old_map[u] for u in pair.old_uids if u in old_map), ""),
        )
        key = heading or "、".join(pair.new_labels or pair.old_labels)
        groups.setdefault(key, []).append(pair)
    return list(groups.items())


def change_sections(facts: ReadingFacts, *, numbered: bool) -> list[Block]:
    """Each chapter's changes, with the opinions adopted on them and their reasons.

    An amendment first says how many items its decision has and how many articles they touch.
    """
    groups = chapter_groups(facts)
    if not groups:
        return [Block(f"{facts.new_name}与{facts.old_name}相比，条文内容没有修改。")]
    out: list[Block] = []
    if facts.decision_items:
        touched = sum(len(pairs) for _, pairs in groups)
        out.append(
            Block(
                f"修改决定草案共{to_cn(facts.decision_items)}项，"
                f"涉及{facts.old_name}{to_cn(touched)}处条文的修改，主要内容如下："
            )
        )
    old_index = index_by_uid(facts.old) if facts.old else {}
    new_index = index_by_uid(facts.new)
    for number, (heading, pairs) in enumerate(groups, start=1):
        head = f"关于{heading}"
        out.append(
            Block(f"{to_cn(number)}、{head}", "heading")
            if numbered
            else Block(f"（{to_cn(number)}）{head}")
        )
        for k, pair in enumerate(pairs, start=1):
            lead = f"（{to_cn(k)}）" if numbered and len(pairs) > 1 else ""
            out.append(Block(lead + _change_paragraph(facts, pair, old_index, new_index)))
    return out


def _pair_uids(pair: Pair, old_index: dict[str, Node], new_index: dict[str, Node]) -> set[str]:
    uids: set[str] = set()
    for index, side in ((old_index, pair.old_uids), (new_index, pair.new_uids)):
        for uid in side:
            node = index.get(uid)
            if node is not None:
                uids |= {p[-1].uid for p in iter_paths((node,))}
    return uids


def _change_paragraph(
    facts: ReadingFacts, pair: Pair, old_index: dict[str, Node], new_index: dict[str, Node]
) -> str:
    uids = _pair_uids(pair, old_index, new_index)
    adopted = [
        o for o in facts.opinions if o.decision in ("采纳", "部分采纳") and uids & set(o.uids)
    ]
    adopted.sort(key=lambda o: (o.source_kind != "四方", -o.count))
    quoted = "".join(said(o) for o in adopted[:3])
    if len(adopted) > 3:
        quoted += f"另有{sum(o.count for o in adopted[3:])}条意见提出类似建议。"
    reasons = list(
        dict.fromkeys(o.reason.strip().rstrip("。") for o in adopted if o.reason.strip())
    )
    records = _records_on(facts, pair)
    reason = "；".join(reasons + records)
    studied = f"经研究，{reason}。" if reason else needed("修改理由和研究意见")
    return f"{quoted}{studied}{_describe(facts, pair, old_index, new_index)}"


def _records_on(facts: ReadingFacts, pair: Pair) -> list[str]:
    """会商 records that cite one of the pair's article numbers."""
    labels = [label for label in (*pair.old_labels, *pair.new_labels) if label]
    out = []
    for cell in facts.sessions:
        text = cell.record.strip().rstrip("。")
        if text and any(_cites(text, label) for label in labels):
            out.append(f"{cell.node}会商中{cell.party}提出{text}")
    return list(dict.fromkeys(out))


def _cites(text: str, label: str) -> bool:
    """Whether ``text`` cites ``label`` (第十一条 but not 第二十一条 or 第十一条之一)."""
    start = text.find(label)
    while start != -1:
        if text[start + len(label) : start + len(label) + 1] != "之":
            return True
        start = text.find(label, start + 1)
    return False


_WHOLE_AFTER = 2
"""An article with more changed paragraphs than this is quoted whole."""


def _describe(
    facts: ReadingFacts, pair: Pair, old_index: dict[str, Node], new_index: dict[str, Node]
) -> str:
    """What changed, in the words of the two texts: ``将草案第十一条第一款修改为：“……”``."""
    old_n, new_n = facts.old_name, facts.new_name
    old = "、".join(pair.old_labels)
    new = "、".join(pair.new_labels)
    texts = [article_text(new_index[u]) for u in pair.new_uids if u in new_index]
    quoted = "".join(f"“{t}”" for t in texts)
    if pair.kind == "added":
        count = "一条" if len(texts) == 1 else f"{to_cn(len(texts))}条"
        return f"据此，增加{count}，作为{new_n}{new}：{quoted}"
    if pair.kind == "deleted":
        return f"据此，删去{old_n}{old}。"
    if pair.kind == "split":
        return f"据此，将{old_n}{old}拆分为{new_n}{new}：{quoted}"
    if pair.kind == "merged":
        return f"据此，将{old_n}{old}合并为{new_n}{new}：{quoted}"
    if pair.kind == "moved":
        place = _chapter_map(facts.new).get(pair.new_uids[0], "")
        before = _chapter_map(facts.old).get(pair.old_uids[0], "")
        where = f"移至“{place}”一章，作为" if place and place != before else "移作"
        head = f"据此，将{old_n}{old}{where}{new_n}{new}"
        return head + (f"，并修改为：{quoted}" if pair.similarity < 1.0 else "。")
    old_art = old_index.get(pair.old_uids[0]) if pair.old_uids else None
    new_art = new_index.get(pair.new_uids[0]) if pair.new_uids else None
    if old_art is None or new_art is None:
        return f"据此，将{old_n}{old}修改为{new_n}{new}：{quoted}"
    where = f"（{new_n}{new}）" if old != new else ""
    edits = _paragraph_edits(old_art, new_art)
    if edits is None or len(old_art.children) == 1 == len(new_art.children):
        return (
            f"据此，将{old_n}{old}修改为：“{article_text(new_art)}”{where}{'。' if where else ''}"
        )
    clauses = []
    for verb, k, text in edits:
        if verb == "modify":
            clauses.append(f"将{old_n}{old}第{to_cn(k)}款修改为：“{text}”")
        elif verb == "add":
            clauses.append(f"在{old_n}{old}中增加一款，作为第{to_cn(k)}款：“{text}”")
        else:
            clauses.append(f"删去{old_n}{old}第{to_cn(k)}款")
    sentence = f"据此，{'；'.join(clauses)}{where}"
    return sentence if sentence.endswith("”") else f"{sentence}。"


def _paragraph_edits(old: Node, new: Node) -> list[tuple[str, int, str]] | None:
    """The 款 changed between two versions of an article, by uid; None to quote it whole."""
    before = {p.uid: (k, _paragraph_text(p)) for k, p in enumerate(old.children, start=1)}
    after = {p.uid for p in new.children}
    edits: list[tuple[str, int, str]] = []
    for k, paragraph in enumerate(new.children, start=1):
        text = _paragraph_text(paragraph)
        if paragraph.uid not in before:
            edits.append(("add", k, text))
        elif before[paragraph.uid][1] != text:
            edits.append(("modify", k, text))
    edits += [("delete", k, "") for uid, (k, _) in before.items() if uid not in after]
    if not edits or len(edits) > _WHOLE_AFTER or new.text != old.text:
        return None
    return edits


def _paragraph_text(paragraph: Node) -> str:
    parts = [paragraph.text]
    for item in paragraph.children:
        parts.append(f"{item.num or ''}{item.text}")
        parts.extend(f"{sub.num or ''}{sub.text}" for sub in item.children)
    return "".join(parts)


def article_text(article: Node) -> str:
    """An article's words as one run of text (its 款 and 项 joined), for quoting in prose."""
    return article.text + "".join(_paragraph_text(p) for p in article.children)


def renumbering(facts: ReadingFacts) -> list[Block]:
    """One sentence for the articles renumbered only because others were added or removed."""
    _, apart = _changes(facts)
    if not apart:
        return []
    first = apart[0].old_labels[0] if apart[0].old_labels else ""
    last = apart[-1].old_labels[-1] if apart[-1].old_labels else ""
    span = f"（{facts.old_name}{first}至{last}）" if first and last and first != last else ""
    return [
        Block(
            f"此外，因条文增删，对{len(apart)}条条文的序号及其中引用的条文序号作了相应调整{span}。"
        )
    ]


_LEVEL = {"book": "编", "part": "分编", "chapter": "章", "section": "节"}
"""A container's kind as a report names it (增加一章, 删去第三节)."""


def structure(facts: ReadingFacts) -> list[Block]:
    """One sentence for the changes above the articles: the title, 编/章/节 added or deleted.

    Renamed ones too; renumbered ones follow from the rest and are not listed.
    """
    if facts.alignment is None:
        return []
    parts: list[str] = []
    if facts.alignment.title is not None:
        parts.append(f"将法规名称修改为“{facts.alignment.title.new}”")
    for change in facts.alignment.headings:
        said = _heading_change(facts, change)
        if said:
            parts.append(said)
    if not parts:
        return []
    return [Block(f"在体例结构上，{'；'.join(parts)}。")]


def _heading_change(facts: ReadingFacts, change: HeadingChange) -> str:
    """``增加一章“应急慈善”，作为修订草案第八章`` and the like; empty for a renumbering."""
    level = _LEVEL.get(change.level, "章")
    old_label, _, old_title = change.old.partition("\u3000")
    new_label, _, new_title = change.new.partition("\u3000")
    old_label = _within(facts.old, change.old_uid) + old_label
    new_label = _within(facts.new, change.new_uid) + new_label
    if change.change == "added":
        return f"增加一{level}“{new_title}”，作为{facts.new_name}{new_label}"
    if change.change == "deleted":
        return f"删去{facts.old_name}{old_label}“{old_title}”"
    if change.change == "modified":
        moved = f"（{facts.new_name}{new_label}）" if new_label != old_label else ""
        return f"将{facts.old_name}{old_label}的{level}名“{old_title}”修改为“{new_title}”{moved}"
    return ""


def _within(doc: Document | None, uid: str | None) -> str:
    """The numbers of the containers around container ``uid`` (``第三章`` for its 第一节)."""
    if doc is None or uid is None:
        return ""
    for path in iter_paths(doc.children):
        if path[-1].uid == uid:
            return "".join(n.num or "" for n in path[:-1] if n.kind in _LEVEL)
    return ""
