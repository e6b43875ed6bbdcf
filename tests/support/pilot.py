"""Driving the TUI with Pilot: wait for workers and the messages they post, never sleep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from workbench.model import articles
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.edit import EditScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.outline import OutlineTree

__all__ = [
    "FIXED_NOW",
    "dialog",
    "open_editor",
    "pause",
    "select_article",
    "settle",
    "wait_open",
    "wait_until",
]

FIXED_NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
"""The time of the clock injected into the app under test."""


async def settle(app: WorkbenchApp, pilot: Pilot[None], *, quiet: int = 3) -> None:
    """Let workers finish and their messages land, until ``quiet`` rounds in a row start none.

    A step often takes several hops (a worker posts a message whose handler moves a cursor, whose
    event starts another worker ...), and on a loaded machine a hop can take more than one round;
    a fixed number of rounds made the snapshots flaky in CI.
    """
    calm = 0
    for _ in range(200):
        busy = len(app.workers) > 0
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        calm = 0 if busy or len(app.workers) > 0 else calm + 1
        if calm >= quiet:
            return
    raise AssertionError("the app never settled: workers kept starting")


async def wait_until(
    app: WorkbenchApp, pilot: Pilot[None], done: Callable[[], bool], what: str
) -> None:
    """Settle until ``done()`` holds (at most about ten seconds)."""
    for _ in range(200):
        await settle(app, pilot, quiet=1)
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def wait_open(pilot: Pilot[None], done: Callable[[], bool], what: str) -> None:
    """Pause until ``done()`` holds, without awaiting workers (at most about ten seconds).

    For when a dialog is open: the worker that opened it waits for it, so `settle` would too.
    """
    for _ in range(200):
        await pilot.pause(0.05)
        if done():
            return
    raise AssertionError(f"never happened: {what}")


async def pause(pilot: Pilot[None]) -> None:
    """Let messages land while a dialog waits (its worker must not be awaited)."""
    for _ in range(3):
        await pilot.pause()


async def select_article(app: WorkbenchApp, pilot: Pilot[None], num: str) -> None:
    """Press ctrl+n until the article ``num`` is selected."""
    for _ in range(80):
        path = app.screen.query_one(ArticleView).path
        if path and path[-1].num == num:
            return
        await pilot.press("ctrl+n")
        await settle(app, pilot)
    raise AssertionError(f"{num} never selected")


async def dialog(pilot: Pilot[None], kind: type[Screen[Any]]) -> Screen[Any]:
    """Wait until a dialog of ``kind`` is shown.

    Never through `settle`: the worker that opened the dialog waits for its answer, so waiting
    for every worker to finish would wait for ever.
    """
    for _ in range(400):
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError(f"never shown: {kind.__name__}")


async def open_editor(app: WorkbenchApp, pilot: Pilot[None], num: str) -> EditScreen:
    """Show the editing screen with article ``num`` selected."""
    await app.run_action("show('edit')")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, EditScreen)
    assert screen.document is not None
    uid = next(a.uid for a in articles(screen.document) if a.num == num)
    screen.query_one(OutlineTree).select_uid(uid)
    await settle(app, pilot)
    return screen
