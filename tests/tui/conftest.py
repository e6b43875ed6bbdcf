"""TUI fixtures: a demo workspace built once per session and copied per test, the app on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.support.pilot import FIXED_NOW
from tests.support.workspaces import demo_sources
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.workspace_session import WorkspaceSession
from workbench.workspace.demo import ensure_demo
from workbench.workspace.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once from the tracked files."""
    folder = demo_sources(tmp_path_factory.mktemp("template") / "drafts")
    assert ensure_demo(folder)
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built demo workspace, named ``drafts`` like the bundled one."""
    target = tmp_path / "drafts"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def workspace(demo_dir: Path) -> Iterator[Workspace]:
    """The demo workspace, open."""
    ws = Workspace.open(demo_dir)
    yield ws
    ws.close()


@pytest.fixture
def app(workspace: Workspace) -> WorkbenchApp:
    """The app on the demo workspace, with a fixed clock."""
    return make_app(WorkspaceSession(workspace, "测试员"), clock=lambda: FIXED_NOW)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors do not blink, so screenshots are stable."""
    monkeypatch.setattr(Input.cursor_blink, "_default", False)
    monkeypatch.setattr(TextArea.cursor_blink, "_default", False)
