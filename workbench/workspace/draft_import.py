"""Replacing a project's working draft by a text from a file (a department's revised draft).

A service over one `Workspace`: the file is kept in ``inbox/`` before anything parses it, the
new tree takes the uids of the draft it replaces where it continues it (so comments stay on
their articles), and the save is audited with the file's sha256 and name.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import ParseError
from workbench.model.project import WorkingDraft
from workbench.workspace.inbox import as_user_file, receive_file
from workbench.workspace.uids import carry_uids
from workbench.workspace.versions import parse_source, save_draft
from workbench.workspace.workspace import Workspace

__all__ = ["import_working_draft"]


def import_working_draft(
    ws: Workspace, path: Path | str, project: str, *, actor: str
) -> WorkingDraft:
    """Replace ``project``'s working draft by the text of ``path``; returns the saved draft.

    Raises:
        StoreError: The project has no working draft, the file cannot be kept, or the draft
            was saved by someone else meanwhile.
        ParseError: The file is not a readable regulation (it stays in ``inbox/``).
    """
    source = Path(path)
    current = ws.working_draft(project)
    sha, kept = receive_file(ws.db, ws.inbox_dir, source, actor)
    try:
        doc = parse_source(kept)
    except ParseError as exc:
        raise as_user_file(exc, kept, source) from exc
    doc = carry_uids(current.document, doc)
    with ws.transaction() as conn:
        return save_draft(
            conn, project, doc, current.revision, actor=actor, source=(sha, source.name)
        )
