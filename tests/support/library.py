"""A law library for tests: instruments built from texts, held in memory (`workbench.check.Library`).

``shelf(("中华人民共和国示范法", date(2010, 1, 1), TEXT_2010), ...)`` parses each text and returns a
`Library` that the checks use exactly as they use a workspace's (the workspace's reads the same
trees from its database).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from workbench.check import Library, short_names
from workbench.model import Document, UidFactory, articles
from workbench.model.library import LawInstrument, LawVersionInfo
from workbench.parse import parse_text

__all__ = ["law", "shelf"]


def law(text: str, seed: int = 0) -> Document:
    """Parse a law text with reproducible uids."""
    return parse_text(text, uids=UidFactory(seed))


def shelf(*versions: tuple[str, date, str | Document]) -> Library:
    """A library holding ``(name, version date, text or tree)`` versions."""
    docs: dict[tuple[str, date], Document] = {}
    infos: dict[str, list[LawVersionInfo]] = defaultdict(list)
    for k, (name, when, source) in enumerate(versions):
        doc = law(source, seed=k) if isinstance(source, str) else source
        docs[(name, when)] = doc
        infos[name].append(
            LawVersionInfo(
                instrument=name,
                date=when,
                title=doc.title,
                note=doc.note,
                articles=len(articles(doc)),
                sha256=f"{k:064x}",
                added_at=datetime(2026, 1, 1, tzinfo=UTC),
                added_by="tester",
            )
        )
    instruments = [
        LawInstrument(
            name=name,
            aliases=short_names(name),
            versions=tuple(sorted(found, key=lambda v: v.date)),
        )
        for name, found in infos.items()
    ]
    return Library(instruments, lambda name, when: docs[(name, when)])
