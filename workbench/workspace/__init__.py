"""Workspace services: import versions, read them, keep the working draft, run the matrix.

`Workspace` is the entry point (`Workspace.init`, `Workspace.open`); other services (comments,
exports, the TUI) use its methods and its `Workspace.transaction` helper.
"""

from workbench.workspace.comments import CommentService
from workbench.workspace.uids import carry_uids
from workbench.workspace.versions import parse_source, pick_version
from workbench.workspace.workspace import (
    DATABASE_FILE,
    STATIONS_HEADER,
    Workspace,
    default_actor,
)

__all__ = [
    "DATABASE_FILE",
    "STATIONS_HEADER",
    "CommentService",
    "Workspace",
    "carry_uids",
    "default_actor",
    "parse_source",
    "pick_version",
]
