"""The second half of every edit: renumber, rewrite cross-references, report the consequences.

An operation changes the tree's shape (uids kept, new nodes minted); `commit` then recomputes
numbers and eids with `renumber`, rewrites every internal citation (resolved to uids *before*
the change) so it names the same nodes under the new numbers, and reports 引起的序号调整, the
rewrites and the citations left dangling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from workbench.edit.result import (
    DanglingCitation,
    EditReport,
    EditResult,
    NumberChange,
    TextRewrite,
)
from workbench.edit.tree import replace_texts
from workbench.model import Document, renumber
from workbench.refs import (
    CitationStyle,
    DocIndex,
    Reference,
    find_references,
    format_citation,
    rewrite_citation,
)

__all__ = ["Relocate", "commit"]

Relocate = Callable[[Reference], tuple[str, int] | None]
"""Where a citation's words stand after the edit: (node uid, offset), or None if they are gone."""


def commit(
    before: DocIndex,
    after: Document,
    *,
    operation: str,
    relocate: Relocate | None = None,
    redirect: Mapping[str, str] | None = None,
    created: Iterable[str] = (),
    removed: Iterable[str] = (),
    modified: Iterable[str] = (),
    style: CitationStyle | None = None,
    references: Sequence[Reference] | None = None,
) -> EditResult:
    """Renumber ``after``, rewrite its citations and report what the edit caused.

    Args:
        before: An index of the document before the edit.
        after: The document after the structural change, not yet renumbered.
        operation: What was done, in Chinese.
        relocate: Where each citation's words moved (split/merge move text between nodes);
            by default they stay at the same offset of the same node.
        redirect: Removed uid → surviving uid, for merges.
        created: Uids of new nodes.
        removed: Uids of removed nodes.
        modified: Uids of nodes whose own words the operation changed.
        style: House style for rewritten citations.
        references: The internal references of ``before``, when already found (they are found
            again otherwise): several edits of one document need not scan it each time.

    Returns:
        The renumbered document with rewritten citations, and the report.
    """
    redirect = dict(redirect or {})
    refs = find_references(before).internal if references is None else references
    doc = renumber(after)
    index = DocIndex(doc)
    edits: dict[str, list[tuple[int, int, str, str]]] = {}
    dangling: list[tuple[str, Reference, tuple[str, ...], str]] = []
    for ref in refs:
        where = relocate(ref) if relocate is not None else (ref.source, ref.start)
        if where is None or not index.has(where[0]):
            continue
        source, start = where
        if index.node(source).text[start : start + len(ref.text)] != ref.text:
            continue
        outcome = rewrite_citation(
            ref.citation, ref.members, index, source, style=style, redirect=redirect
        )
        if outcome.missing or outcome.problem:
            reason = outcome.problem or f"“{ref.text}”所指的条款已被删除"
            dangling.append((source, ref, outcome.missing, reason))
        elif outcome.text is not None and outcome.text != ref.text:
            edits.setdefault(source, []).append(
                (start, start + len(ref.text), ref.text, outcome.text)
            )
    texts: dict[str, str] = {}
    rewrites: list[TextRewrite] = []
    for source, spans in edits.items():
        before_text = index.node(source).text
        text = before_text
        for start, end, _, new in sorted(spans, reverse=True):
            text = text[:start] + new + text[end:]
        texts[source] = text
        label = format_citation(index, source, style)
        old_label = _old_label(before, source, label, style)
        for _, _, old, new in sorted(spans):
            rewrites.append(
                TextRewrite(
                    source=source,
                    label=label,
                    old_label=old_label,
                    old=old,
                    new=new,
                    text_before=before_text,
                    text_after=text,
                )
            )
    final = replace_texts(doc, texts, index)
    # Rewrites change words only: positions and labels are those of ``index``.
    final_index = index
    rewrites.sort(key=lambda r: final_index.order[r.source])
    report = EditReport(
        operation=operation,
        created=tuple(created),
        removed=tuple(removed),
        modified=tuple(modified),
        number_changes=tuple(_number_changes(before, final_index, style)),
        rewrites=tuple(rewrites),
        dangling=tuple(
            DanglingCitation(
                source=source,
                label=format_citation(final_index, source, style),
                old_label=_old_label(
                    before, ref.source, format_citation(final_index, source, style), style
                ),
                text=ref.text,
                missing=missing,
                reason=reason,
            )
            for source, ref, missing, reason in sorted(
                dangling, key=lambda d: final_index.order[d[0]]
            )
        ),
        redirected=tuple(redirect.items()),
    )
    return EditResult(document=final, report=report)


def _old_label(before: DocIndex, uid: str, fallback: str, style: CitationStyle | None) -> str:
    """The citation of ``uid`` before the edit (``fallback`` for a node the edit created)."""
    return format_citation(before, uid, style) if before.has(uid) else fallback


def _own_token(eid: str) -> str:
    return eid.rsplit("__", 1)[-1]


def _number_changes(
    before: DocIndex, after: DocIndex, style: CitationStyle | None
) -> list[NumberChange]:
    """Nodes whose own number or place changed, old label → new label, in document order."""
    out: list[NumberChange] = []
    for uid, path in after.paths.items():
        if uid not in before.paths:
            continue
        old_path = before.paths[uid]
        node, old = path[-1], old_path[-1]
        same_parent = (
            len(path) > 1 and len(old_path) > 1 and path[-2].uid == old_path[-2].uid
        ) or (len(path) == 1 and len(old_path) == 1)
        if same_parent and _own_token(node.eid) == _own_token(old.eid) and node.num == old.num:
            continue
        if node.kind == "paragraph" and same_parent and _own_token(node.eid) == _own_token(old.eid):
            continue
        if node.kind == "article" and node.num and old.num:
            # An article's citation is its label; no need to walk its path.
            if node.num != old.num:
                out.append(NumberChange(uid=uid, kind="article", old=old.num, new=node.num))
            continue
        old_label = format_citation(before, uid, style)
        new_label = format_citation(after, uid, style)
        if old_label != new_label:
            out.append(NumberChange(uid=uid, kind=node.kind, old=old_label, new=new_label))
    return out
