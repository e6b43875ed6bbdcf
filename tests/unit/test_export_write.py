"""Writing an export: atomic, into exports/, readable like any new file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.workspace import Workspace
from workbench.workspace.exports import ExportFile, ExportService


def test_written_export_gets_ordinary_permissions_and_no_temp_files(tmp_path: Path) -> None:
    """An export is a document to share: not private 0600, and no .export- leftovers."""
    ws = Workspace.init(tmp_path / "ws")
    old = os.umask(0o022)
    try:
        path = ExportService(ws).write(ExportFile("草案.txt", "第一条　内容。\n".encode()))
    finally:
        os.umask(old)
    assert path == ws.exports_dir / "草案.txt"
    assert path.read_text(encoding="utf-8") == "第一条　内容。\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in ws.exports_dir.iterdir()] == ["草案.txt"]
