"""The law library of a workspace: add upper-level laws and their versions, list and read them.

A reference shelf, not a project: no comments, no matrix, no working draft. Every file is kept
in ``inbox/`` before it is parsed, then stored as one version of its instrument in one
transaction with its audit entry. Adding the same text again changes nothing; a different text
for a version the library already has is refused (unless it is only a part of that version,
as the 民法典's 分编 files are of the whole code).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbench.check import Library
from workbench.check.instruments import name_key, short_names, text_date
from workbench.errors import ParseError, StoreError, WorkbenchError
from workbench.model import Document, articles, full_text
from workbench.model.library import LawInstrument, LawVersionInfo, LibraryAddResult, date_label
from workbench.store import append_audit
from workbench.store import library as rows
from workbench.workspace.inbox import as_user_file
from workbench.workspace.versions import parse_source
from workbench.workspace.workspace import Workspace

__all__ = ["LIBRARY_SUFFIXES", "LibraryOutcome", "LibraryService", "library_files"]

LIBRARY_SUFFIXES = frozenset(
    {".md", ".markdown", ".txt", ".text", ".docx", ".doc", ".wps", ".xml", ".akn"}
)
"""The kinds of file a folder is searched for (the parser's kinds; .doc/.wps through LibreOffice)."""


@dataclass(frozen=True, slots=True)
class LibraryOutcome:
    """What became of one file given to `LibraryService.add`."""

    path: Path
    """The file as given (or as found in a folder)."""
    result: LibraryAddResult | None = None
    """The version it is, when it was added or was already there."""
    problem: str | None = None
    """Why it was not added (Chinese), when it was not."""
    skipped: bool = False
    """True for a file found in a folder that is no law text at all (a README): not an error."""


def library_files(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """The files to add: each file given, and every law-text file under each folder given.

    Yields:
        ``(path, found_in_folder)`` in the order given, a folder's files sorted by path.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden and found.suffix.lower() in LIBRARY_SUFFIXES:
                    yield found, True
        else:
            yield path, False


class LibraryService:
    """The library of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        """The workspace."""

    # -- adding ----------------------------------------------------------------------------

    def add(
        self, paths: Sequence[Path], *, actor: str, at: date | None = None
    ) -> list[LibraryOutcome]:
        """Add files (and every law text under folders) to the library, one transaction each.

        Args:
            paths: Files and folders.
            actor: Who adds, for the audit log.
            at: The version date to use instead of the one the text gives (for one file).

        Returns:
            One outcome per file, in order: added, already there, skipped, or refused with why.
        """
        out: list[LibraryOutcome] = []
        for path, in_folder in library_files(paths):
            try:
                out.append(self._add_one(path, actor=actor, at=at, in_folder=in_folder))
            except WorkbenchError as exc:
                out.append(LibraryOutcome(path, problem=str(exc)))
        return out

    def add_file(self, path: Path, *, actor: str, at: date | None = None) -> LibraryAddResult:
        """Add one file to the library.

        Raises:
            ParseError: The file is not a readable law text (it stays in ``inbox/``).
            StoreError: No version date, or a different text already holds that date.
        """
        outcome = self._add_one(path, actor=actor, at=at, in_folder=False)
        assert outcome.result is not None
        return outcome.result

    def _add_one(
        self, path: Path, *, actor: str, at: date | None, in_folder: bool
    ) -> LibraryOutcome:
        if not path.exists():
            raise ParseError("文件不存在，请检查路径", file=str(path))
        sha = self.ws.store_inbox_file(path, actor=actor)
        kept = self.ws.inbox_path(sha)
        try:
            doc = parse_source(kept)
        except ParseError as exc:
            raise as_user_file(exc, kept, path) from exc
        when = at or text_date(doc, path.name)
        if when is None:
            if in_folder and not articles(doc):
                return LibraryOutcome(
                    path, problem="不是法规文本（没有条文，也没有日期）", skipped=True
                )
            raise StoreError(
                "无法确定版本日期：题注中没有通过、修正或修订的日期，文件名中也没有（YYYY-MM-DD）；"
                "请用 --date 指定，例如 --date 2023-03-13",
                file=str(path),
            )
        return LibraryOutcome(path, result=self._store(doc, when, sha, path, actor))

    def _store(
        self, doc: Document, when: date, sha: str, path: Path, actor: str
    ) -> LibraryAddResult:
        title = name_key(doc.title)
        if not title:
            raise StoreError(
                "文本没有标题，无法作为法规收入法规库：第一行应当是法规名称", file=str(path)
            )
        with self.ws.transaction() as conn:
            found = rows.find_instrument(conn, title)
            if found is None:
                iid, name = rows.insert_instrument(conn, title, short_names(title), actor), title
                new_instrument = True
            else:
                (iid, name), new_instrument = found, False
                existing = rows.version_info(conn, iid, name, when)
                if existing is not None:
                    if existing.source_sha256 == sha or _contained(
                        doc, rows.load_law_document(conn, name, when)
                    ):
                        return LibraryAddResult(version=existing, created=False)
                    raise StoreError(
                        f"法规库中已有《{name}》{date_label(when)}的版本"
                        f"（来自 {existing.source_name or '另一文件'}），内容与本文件不同。"
                        "若本文件是另一日期的版本，请用 --date 指定其日期",
                        file=str(path),
                    )
            info = rows.insert_law_version(
                conn, iid, name, doc, when, actor=actor, source_sha256=sha, source_name=path.name
            )
            append_audit(
                conn,
                actor=actor,
                action="library_add",
                payload={
                    "instrument": name,
                    "date": when.isoformat(),
                    "sha256": sha,
                    "source_name": path.name,
                    "articles": info.articles,
                },
            )
        return LibraryAddResult(version=info, created=True, new_instrument=new_instrument)

    # -- reading ---------------------------------------------------------------------------

    def instruments(self) -> list[LawInstrument]:
        """Every instrument on the shelf, by name, with its versions."""
        with self.ws.read() as conn:
            return rows.list_instruments(conn)

    def instrument(self, name: str) -> LawInstrument:
        """The instrument cited as ``name`` (full or short name).

        Raises:
            StoreError: The library has none (the message lists names that come close).
        """
        key = name_key(name)
        instruments = self.instruments()
        for instrument in instruments:
            if key in (name_key(instrument.name), *map(name_key, instrument.aliases)):
                return instrument
        close = [i.name for i in instruments if key and (key in i.name or i.name in key)]
        hint = f"相近的有：{'、'.join(close[:5])}" if close else "可用 workbench library list 查看"
        raise StoreError(f"法规库中没有《{key}》；{hint}")

    def version(self, name: str, at: date | None = None) -> tuple[LawVersionInfo, Document]:
        """A version of ``name`` and its tree: the one in force at ``at`` (the newest by default).

        Raises:
            StoreError: Unknown instrument, or no version in force at that date.
        """
        instrument = self.instrument(name)
        info = instrument.latest if at is None else instrument.in_force(at)
        if info is None:
            dates = "、".join(date_label(v.date) for v in instrument.versions)
            raise StoreError(
                f"《{instrument.name}》在{date_label(at) if at else '库中'}还没有版本；库中的版本：{dates}"
            )
        with self.ws.read() as conn:
            return info, rows.load_law_document(conn, instrument.name, info.date)

    def shelf(self) -> Library:
        """The library as the checks use it; trees are read from the database on first use."""

        def load(name: str, at: date) -> Document:
            with self.ws.read() as conn:
                return rows.load_law_document(conn, name, at)

        return Library(self.instruments(), load)


def _contained(part: Document, whole: Document) -> bool:
    """Whether every article of ``part`` stands, with the same number and text, in ``whole``."""
    mine = articles(part)
    if not mine:
        return False
    theirs = {a.num: full_text(a) for a in articles(whole)}
    return all(theirs.get(a.num) == full_text(a) for a in mine)
