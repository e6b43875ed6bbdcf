"""Penalties set beside the upper-level provision they implement (行政处罚法第十二条、第十三条).

A local regulation that gives effect to a law's penalty may only do so "within the acts, kinds
and ranges" the law sets. When a penalty clause (``处一万元以上五万元以下罚款``) stands in an
article that cites an upper-level law held in the library, the cited provision and the law's own
penalty articles for it (those citing it: ``违反本法第十条规定的，……处……罚款``) are read, and
the clause is flagged when its 罚款 range reaches outside theirs, or when it adds a heavier kind
of penalty (责令停产停业, 吊销 ...) that they do not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.check.context import CheckContext
from workbench.check.findings import Finding
from workbench.check.library import Library
from workbench.check.upper import CitedProvision
from workbench.model import full_text, iter_nodes
from workbench.model.library import LawVersionInfo
from workbench.numerals import NumeralError, from_cn
from workbench.refs import find_references, format_citation

__all__ = ["Fine", "fines_in", "penalty_beyond_upper_law", "read_amount"]

_NUM = "[0-9０-９零〇一二三四五六七八九十百千万亿两.．]+"
_FINE = re.compile(r"(?:并)?处(?:以)?(?P<body>[^，。；：]{1,60}?)(?:的)?罚款")
_RANGE = re.compile(
    rf"(?P<base>[^0-9０-９零〇一二三四五六七八九十百千万亿两]*?)"
    rf"(?:(?P<lo>{_NUM})(?P<lu>元|倍)?以上)?(?P<hi>{_NUM})(?P<hu>元|倍)(?P<le>以下)?"
)
_PERCENT = re.compile(
    r"(?P<base>[^百]*?)(?:百分之(?P<lo>[零一二三四五六七八九十百]+)以上)?"
    r"百分之(?P<hi>[零一二三四五六七八九十百]+)(?P<le>以下)?"
)
_HEAVY = (
    "责令停产停业",
    "责令停业整顿",
    "责令关闭",
    "吊销",
    "暂扣",
    "降低资质等级",
    "限制从业",
    "行政拘留",
)
"""Kinds of 行政处罚 heavier than a fine (行政处罚法第九条) a local rule may not add on its own."""


@dataclass(frozen=True, slots=True)
class Fine:
    """One 罚款 range as written: from ``low`` to ``high`` in ``unit`` of ``base``."""

    base: str
    """What is multiplied (货值金额, 违法所得) for 倍 and 百分之; empty for amounts in 元."""
    unit: str
    """``元``, ``倍`` or ``%``."""
    low: float
    """The lower end (0 when only an upper one is written)."""
    high: float
    """The upper end."""
    text: str
    """The words as written (``五千元以上五万元以下``)."""


def read_amount(text: str) -> float:
    """An amount as written in a penalty: ``五万``, ``一万五千``, ``5000``, ``1.5万``, ``二百五十万``.

    Raises:
        ValueError: It is no amount.
    """
    value = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    total = 0.0
    for unit, factor in (("亿", 100_000_000), ("万", 10_000)):
        if unit in value:
            head, value = value.split(unit, 1)
            total += _small(head) * factor if head else factor
    if value:
        total += _small(value)
    return total


def _small(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(from_cn(text))
    except NumeralError as exc:
        raise ValueError(text) from exc


def fines_in(text: str) -> list[Fine]:
    """Every 罚款 range of a text (``处……罚款`` phrases)."""
    out: list[Fine] = []
    for m in _FINE.finditer(text):
        body = m.group("body")
        out.extend(_ranges(body))
    return out


def _ranges(body: str) -> Iterator[Fine]:
    for m in _PERCENT.finditer(body):
        if m.group("hi"):
            try:
                low = float(from_cn(m.group("lo"))) if m.group("lo") else 0.0
                high = float(from_cn(m.group("hi")))
            except NumeralError:
                continue
            text = m.group(0)[len(m.group("base")) :]
            yield Fine(m.group("base").strip("处以"), "%", low, high, text)
            return
    for m in _RANGE.finditer(body):
        unit = m.group("hu")
        try:
            high = read_amount(m.group("hi"))
            low = read_amount(m.group("lo")) if m.group("lo") else (0.0 if m.group("le") else high)
        except ValueError:
            continue
        base = m.group("base").strip("处以") if unit == "倍" else ""
        yield Fine(base, unit, low, high, m.group(0)[len(m.group("base")) :])


def _penalty_articles(library: Library, version: LawVersionInfo) -> dict[str, list[str]]:
    """Per article uid of a law's version, the uids of its articles that cite it and fine."""

    def compute() -> dict[str, list[str]]:
        index = library.index(version)
        out: dict[str, list[str]] = {}
        for ref in find_references(index).internal:
            source = index.ancestor(ref.source, "article")
            if source is None or (
                "罚款" not in full_text(source) and not _heavy(full_text(source))
            ):
                continue
            for uid in ref.targets:
                article = index.ancestor(uid, "article")
                if article is not None and article.uid != source.uid:
                    found = out.setdefault(article.uid, [])
                    if source.uid not in found:
                        found.append(source.uid)
        return out

    return library.memo(("penalty-articles", version.instrument, version.date), compute)


def _heavy(text: str) -> list[str]:
    return [kind for kind in _HEAVY if kind in text]


def _upper(ctx: CheckContext, cited: CitedProvision) -> list[tuple[str, str]]:
    """(label, text) of the upper-level provisions that set the penalty the citation points at."""
    if cited.version is None or cited.uid is None:
        return []
    index = ctx.library.index(cited.version)
    article = index.ancestor(cited.uid, "article")
    if article is None:
        return []
    uids = [article.uid, *_penalty_articles(ctx.library, cited.version).get(article.uid, [])]
    out = []
    for uid in uids:
        text = full_text(index.node(uid))
        if "罚款" in text or _heavy(text):
            out.append((format_citation(index, uid, ctx.style), text))
    return out


def penalty_beyond_upper_law(ctx: CheckContext) -> Iterator[Finding]:
    """A fine or penalty kind reaching outside the upper-level provision its article cites."""
    for node in iter_nodes(ctx.doc.children):
        if not node.text or ("罚款" not in node.text and not _heavy(node.text)):
            continue
        article = ctx.index.ancestor(node.uid, "article")
        if article is None:
            continue
        inside = {n.uid for n in iter_nodes([article])}
        for cited in (c for c in ctx.cited if c.source in inside):
            upper = _upper(ctx, cited)
            if not upper:
                continue
            yield from _compare(ctx, node.uid, node.text, cited, upper)


def _compare(
    ctx: CheckContext, uid: str, text: str, cited: CitedProvision, upper: list[tuple[str, str]]
) -> Iterator[Finding]:
    law = f"《{cited.law}》"
    labels = "、".join(label for label, _ in upper)
    upper_fines = [f for _, t in upper for f in fines_in(t)]
    for fine in fines_in(text):
        same = [f for f in upper_fines if (f.unit, f.base) == (fine.unit, fine.base)]
        if not same:
            continue
        low, high = min(f.low for f in same), max(f.high for f in same)
        if fine.low < low or fine.high > high:
            allowed = "、".join(dict.fromkeys(f.text for f in same))
            yield ctx.finding(
                "penalty-beyond-upper-law",
                "error",
                uid,
                f"罚款“{fine.text}”超出{law}{labels}规定的幅度（{allowed}）",
                f"在{law}规定的幅度内规定罚款：{allowed}",
            )
    upper_kinds = {k for _, t in upper for k in _heavy(t)}
    for kind in _heavy(text):
        if kind not in upper_kinds:
            yield ctx.finding(
                "penalty-beyond-upper-law",
                "warning",
                uid,
                f"“{kind}”是{law}{labels}没有规定的处罚种类",
                f"核对{law}是否设定了“{kind}”；地方性法规只能在上位法规定的种类内作出具体规定",
            )
