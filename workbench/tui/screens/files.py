"""Choosing a file from the keyboard: a folder tree to walk, and the path to type or paste.

Returns the chosen path through `dismiss`; screens open it from a worker with
`push_screen_wait`, like every dialog (`workbench.tui.screens.dialogs`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label

from workbench.tui.commands import bindings_for

__all__ = ["DRAFT_SUFFIXES", "FileDialog"]

DRAFT_SUFFIXES = frozenset({".docx", ".txt", ".md", ".xml", ".json"})
"""What a draft file may be (the parser reads them)."""


class DraftTree(DirectoryTree):
    """A folder tree that lists sub-folders and the files a draft can be read from."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders, and files with a draft's suffix; no hidden entries."""
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in DRAFT_SUFFIXES)
        ]


class FileDialog(ModalScreen[Path | None]):
    """Pick a draft file: walk the tree (Enter on a file picks it) or type its path."""

    BINDINGS = bindings_for("dialog")

    def __init__(self, title: str, start: Path) -> None:
        super().__init__()
        self.title_text = title
        """What the file is for."""
        self.start = start
        """The folder the tree opens at."""

    def compose(self) -> ComposeResult:
        """Title, path input, folder tree."""
        with Vertical(classes="dialog files"):
            yield Label(
                f"{self.title_text}（在目录中选择文件，或输入路径后回车；Esc 取消）",
                classes="title",
            )
            yield Input(placeholder="文件路径，如 /home/user/草案.docx", id="path")
            yield DraftTree(self.start, id="tree")

    def on_mount(self) -> None:
        """Start in the tree."""
        self.query_one(DraftTree).focus()

    @on(DirectoryTree.FileSelected, "#tree")
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    @on(Input.Submitted, "#path")
    def _typed(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip("\"'")).expanduser()
        if not event.value.strip():
            return
        if not path.is_file():
            self.notify(f"找不到文件：{path}", severity="warning")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without a file."""
        self.dismiss(None)
