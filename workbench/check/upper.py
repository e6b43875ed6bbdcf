"""Citations of upper-level law resolved against the library, and whether they went stale.

A text dated D that cites 《X》第N条 means the version of X in force at D. This module finds that
version in the library, the cited provision in it, and, when X was revised after D, where the
provision went in the newest version, through the article alignment of `workbench.diff`:
renumbered or moved (第六十一条 → 第六十五条), split (拆分为第八十条、第八十一条), merged, deleted,
or changed in place. External citations themselves are found by `workbench.refs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from workbench.check.library import Library
from workbench.diff import ChangeKind, Pair, iter_pairs
from workbench.model import full_text
from workbench.model.library import LawInstrument, LawVersionInfo, date_label
from workbench.refs import CitationStyle, CitationTarget, Reference, format_citation
from workbench.refs.resolve import UnresolvedError, resolve_target
from workbench.refs.style import format_steps

__all__ = ["CitedProvision", "CitedStatus", "changed_provisions", "cited_provisions", "describe"]

CitedStatus = Literal["current", "unknown-instrument", "no-version", "missing", "stale", "changed"]
"""What became of a cited provision: still as cited; the instrument or the version in force at
the citing date is not in the library; no such provision; renumbered, split, merged or deleted
since (``stale``); the same number with other words (``changed``)."""


@dataclass(frozen=True, slots=True)
class CitedProvision:
    """One provision of an upper-level law that a text cites, as the library has it."""

    source: str
    """The uid of the citing 款/项/目."""
    written: str
    """The citation as written (``《中华人民共和国立法法》第六十一条``)."""
    name: str
    """The instrument as the citation names it."""
    cited: str
    """The provision as cited (``第六十一条第二款``)."""
    status: CitedStatus
    """What became of it (see `CitedStatus`)."""
    instrument: LawInstrument | None = None
    """The instrument in the library, if it is there."""
    version: LawVersionInfo | None = None
    """The version in force at the citing date (the newest when the text has no date)."""
    uid: str | None = None
    """The provision's uid in that version, when it exists."""
    text: str = ""
    """Its words in that version."""
    latest: LawVersionInfo | None = None
    """The newest version, when it differs from ``version``."""
    change: ChangeKind | None = None
    """How the provision changed up to the newest version (``renumbered``, ``split`` ...)."""
    new_labels: tuple[str, ...] = ()
    """Its number(s) in the newest version; empty when deleted."""
    new_text: str = ""
    """Its words in the newest version."""
    modified: bool = False
    """Whether its words changed (beyond renumbered cross-references) up to the newest version."""

    @property
    def law(self) -> str:
        """The instrument's full name, or the name as cited when it is not in the library."""
        return self.instrument.name if self.instrument else self.name


def cited_provisions(
    references: Iterable[Reference],
    library: Library,
    at: date | None,
    style: CitationStyle | None = None,
) -> tuple[CitedProvision, ...]:
    """Resolve every external citation of a text against the library.

    Args:
        references: The text's external references, as `workbench.refs.find_references` gives.
        library: The shelf of upper-level laws.
        at: The citing text's date; None means today (the newest versions).
        style: How item numbers are written in labels.

    Returns:
        One entry per cited target (both ends of a range), in the order written.
    """
    style = style or CitationStyle()
    out: list[CitedProvision] = []
    for ref in references:
        name = ref.citation.instrument
        if ref.status != "external" or not ref.citation.members or not name:
            continue
        for member in ref.citation.members:
            for target in (member.first, member.last):
                if (
                    target is not None
                    and target.anchor == "document"
                    and (target.levels() or target.part_name)
                ):
                    out.append(_resolve(ref, name, target, library, at, style))
    return tuple(out)


def _resolve(
    ref: Reference,
    name: str,
    target: CitationTarget,
    library: Library,
    at: date | None,
    style: CitationStyle,
) -> CitedProvision:
    cited = (target.part_name or "") + format_steps(
        [
            (lv, n, target.article_suffix if lv == "article" else 0)
            for lv, n in target.levels().items()
        ],
        item_parens=style.item_parens,
    )
    base = CitedProvision(ref.source, ref.text, name, cited, "unknown-instrument")
    instrument = library.find(name)
    if instrument is None:
        return base
    version = instrument.latest if at is None else instrument.in_force(at)
    if version is None:
        return replace(base, status="no-version", instrument=instrument)
    old = library.index(version)
    try:
        uid = resolve_target(target, old, None)[0]
    except UnresolvedError:
        return replace(base, status="missing", instrument=instrument, version=version)
    found = replace(
        base,
        status="current",
        instrument=instrument,
        version=version,
        uid=uid,
        cited=format_citation(old, uid, style) or cited,
        text=full_text(old.node(uid)),
    )
    latest = instrument.latest
    if latest is None or latest.date == version.date:
        return found
    return _follow(found, library, version, latest, style)


def _follow(
    found: CitedProvision,
    library: Library,
    version: LawVersionInfo,
    latest: LawVersionInfo,
    style: CitationStyle,
) -> CitedProvision:
    """Where the provision went between ``version`` and ``latest``."""
    assert found.uid is not None
    old, new = library.index(version), library.index(latest)
    node = old.node(found.uid)
    article = old.ancestor(found.uid, "article")
    if article is None:  # a 章 or 节 cited: numbers of containers are not followed
        return found
    alignment = library.alignment(version, latest)
    pair = alignment.pair_of_old(article.uid)
    if pair is None or not pair.new_uids:
        return replace(found, status="stale", latest=latest, change="deleted")
    if node.kind == "article":
        deepest: Pair = pair
        new_uids = pair.new_uids
    else:
        child = next((p for p in iter_pairs(pair.children) if found.uid in p.old_uids), None)
        if child is None or not child.new_uids:
            return replace(found, status="stale", latest=latest, change="deleted")
        deepest, new_uids = child, child.new_uids
    labels = tuple(format_citation(new, u, style) for u in new_uids)
    new_text = "\n".join(full_text(new.node(u)) for u in new_uids)
    change: ChangeKind = pair.kind if pair.kind in ("split", "merged") else deepest.kind
    if pair.kind == "split" and len(new_uids) == 1:
        change = "moved"
    renumbered = labels != (found.cited,)
    changed = deepest.kind not in ("unchanged", "renumbered") and not deepest.consequential
    if not renumbered and not changed:
        return found
    return replace(
        found,
        status="stale" if renumbered else "changed",
        latest=latest,
        change=change,
        new_labels=labels,
        new_text=new_text,
        modified=changed,
    )


def describe(cited: CitedProvision) -> tuple[str, str | None]:
    """A Chinese message and suggestion for a provision that is not ``current``."""
    law = f"《{cited.law}》"
    if cited.status == "unknown-instrument":
        return (
            f"法规库中没有{law}，无法核对所引的{cited.cited}",
            f"用 workbench library add 把{law}（含各个版本）加入法规库",
        )
    if cited.status == "no-version":
        assert cited.instrument is not None
        first = cited.instrument.versions[0]
        return (
            f"法规库中{law}最早的版本是{date_label(first.date)}的，晚于本文件的日期，"
            f"无法核对当时所引的{cited.cited}",
            f"把{law}在本文件制定时施行的版本加入法规库",
        )
    assert cited.version is not None
    when = date_label(cited.version.date)
    if cited.status == "missing":
        return (f"{law}（{when}）没有{cited.cited}", "核对所引条文的序号")
    assert cited.latest is not None
    revised = f"{law}{date_label(cited.latest.date)}修改后"
    new = "、".join(cited.new_labels)
    if cited.status == "changed":
        return (
            f"{revised}，所引{cited.cited}序号未变，但内容有修改",
            "核对修改后的条文是否仍然适用",
        )
    if cited.change == "deleted":
        return (f"{revised}，原{cited.cited}已删除", "删去该引用，或改引修改后的相应条文")
    if cited.change == "split":
        return (
            f"{revised}，原{cited.cited}已拆分为{new}",
            f"拆分为{new}：按所引内容改引其中的条文",
        )
    also = "，内容也有修改" if cited.modified else ""
    merged = "（与其他条文合并）" if cited.change == "merged" else ""
    return (
        f"{revised}，原{cited.cited}现为{new}{merged}{also}",
        f"{cited.cited} → {new}",
    )


def changed_provisions(cited: Iterable[CitedProvision]) -> Iterator[CitedProvision]:
    """The cited provisions that are not ``current``, in order."""
    return (c for c in cited if c.status != "current")
