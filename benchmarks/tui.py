"""TUI benchmark: the 民法典 with (by default) 1,020,000 comments, driven with Textual's Pilot.

Builds two workspaces once and caches them under ``benchmarks/out/`` (gitignored): both hold the
民法典 as 初审前 and an edited copy as 二审前; one has no comments (the baseline), the other the
comments of `benchmarks.ingest.generate` ingested through the comments service. Then, in the
same run, it measures:

- start-up: from creating the app to the draft screen showing the first article with its
  comments, on the full workspace relative to the empty one (target ≤ 2×);
- moving the selection to the next article (ctrl+n): the median time until the article and its
  count are shown (target ≤ 50 ms), and separately until its comment list has arrived;
- opening the compare screen (F4) until the changed articles are listed.

    uv run python -m benchmarks.tui               # full scale (the build takes a while)
    uv run python -m benchmarks.tui --scale 0.02  # quick: 20,400 comments
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual import events

from benchmarks.ingest import MINFADIAN, PROJECT, TOTAL_COMMENTS, generate
from workbench import edit
from workbench.comments import CitationIndex
from workbench.model import Document, articles
from workbench.parse import parse_file
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.compare import CompareScreen
from workbench.tui.screens.draft import DraftScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.change_list import ChangeList
from workbench.tui.widgets.comment_list import CommentList
from workbench.tui.workspace_session import WorkspaceSession
from workbench.workspace.comments import CommentService
from workbench.workspace.workspace import Workspace

OUT = Path(__file__).resolve().parent / "out"
SIZE = (120, 36)
MOVES = 30
"""Selection moves timed per run."""


def edited_copy(doc: Document) -> Document:
    """The 民法典 with an article deleted, one inserted and one rewritten (a second round)."""
    arts = articles(doc)
    uids = edit.delete(doc, arts[9].uid).document
    arts = articles(uids)
    from workbench.model import UidFactory

    uids = edit.insert_article(
        uids, ["民事主体从事民事活动，应当遵循绿色原则。"], uids=UidFactory(7), after=arts[20].uid
    ).document
    paragraph = articles(uids)[100].children[0]
    return edit.replace_text(
        uids, paragraph.uid, paragraph.text + "法律另有规定的，依照其规定。"
    ).document


def build(root: Path, scale: float) -> tuple[Path, Path, int]:
    """Build (or reuse) the empty and the full workspace; return them and the comment count."""
    tag = f"{scale:g}"
    empty, full = root / "tui-empty", root / f"tui-full-{tag}"
    marker = full / "ready"
    if (empty / "ready").exists() and marker.exists():
        return empty, full, int(marker.read_text())
    doc = parse_file(MINFADIAN)
    second = edited_copy(doc)
    for folder in (empty, full):
        shutil.rmtree(folder, ignore_errors=True)
        with Workspace.init(folder, actor="benchmark") as ws:
            ws.import_document(doc, PROJECT, "初审前", actor="benchmark", create=True)
            ws.import_document(second, PROJECT, "二审前", actor="benchmark", create=True)
    (empty / "ready").write_text("0")
    print(f"generating {round(TOTAL_COMMENTS * scale):,} comments …", flush=True)
    paths = generate(root / f"tui-files-{tag}", scale, CitationIndex(doc).labels)
    start = time.perf_counter()
    with Workspace.open(full) as ws:
        results = CommentService(ws).ingest(paths, actor="benchmark")
    rows = sum(r.rows for r in results)
    print(f"ingested {rows:,} comments in {time.perf_counter() - start:.1f} s", flush=True)
    shutil.rmtree(root / f"tui-files-{tag}", ignore_errors=True)
    marker.write_text(str(rows))
    return empty, full, rows


async def settle(until: Callable[[], bool], limit: float = 600.0) -> None:
    """Let the app work until ``until()`` holds (at most ``limit`` seconds)."""
    deadline = time.perf_counter() + limit
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0.001)


def first_article_ready(app: WorkbenchApp) -> bool:
    screen = app.screen
    if not isinstance(screen, DraftScreen) or screen.document is None:
        return False
    path = screen.query_one(ArticleView).path
    return bool(path) and screen.selected is not None and not _loading(screen)


def _shown_uid(view: ArticleView) -> str | None:
    return view.path[-1].uid if view.path else None


def _moved_from(view: ArticleView, before: str | None) -> bool:
    return _shown_uid(view) not in (None, before)


def _loading(screen: DraftScreen) -> bool:
    return any(w.group == "comments" and not w.is_finished for w in screen.workers)


async def run_once(folder: Path, *, moves: int) -> dict[str, float | list[float]]:
    """Start the app on ``folder``, time start-up, selection moves and the compare screen."""
    ws = Workspace.open(folder)
    try:
        start = time.perf_counter()
        app = make_app(WorkspaceSession(ws, "benchmark"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(lambda: first_article_ready(app))
            startup = time.perf_counter() - start
            screen = app.screen
            assert isinstance(screen, DraftScreen)
            view = screen.query_one(ArticleView)
            selection: list[float] = []
            with_comments: list[float] = []
            for _ in range(moves):
                before = _shown_uid(view)
                t0 = time.perf_counter()
                # The key goes straight into the app's queue: pilot.press would add its own
                # idle-detection sleeps to every measurement.
                app.post_message(events.Key("ctrl+n", None))
                await settle(partial(_moved_from, view, before))
                selection.append(time.perf_counter() - t0)
                await settle(lambda: not _loading(screen))
                with_comments.append(time.perf_counter() - t0)
            shown = len(screen.query_one(CommentList).comments)
            t0 = time.perf_counter()
            await pilot.press("f4")
            await settle(
                lambda: (
                    isinstance(app.screen, CompareScreen)
                    and bool(app.screen.query_one(ChangeList).changes)
                ),
            )
            compare = time.perf_counter() - t0
        return {
            "startup": startup,
            "selection": selection,
            "with_comments": with_comments,
            "compare": compare,
            "shown": float(shown),
        }
    finally:
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1,020,000 comments")
    parser.add_argument("--runs", type=int, default=3, help="app starts per workspace")
    parser.add_argument("--moves", type=int, default=MOVES, help="selection moves per run")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    empty, full, rows = build(OUT, args.scale)

    results: dict[str, list[dict[str, float | list[float]]]] = {"empty": [], "full": []}
    for _ in range(args.runs):  # interleaved, so load on the shared machine hits both alike
        results["empty"].append(asyncio.run(run_once(empty, moves=args.moves)))
        results["full"].append(asyncio.run(run_once(full, moves=args.moves)))

    def median(kind: str, key: str) -> float:
        values: list[float] = []
        for r in results[kind]:
            v = r[key]
            values.extend(v if isinstance(v, list) else [v])
        return statistics.median(values)

    ms = 1000.0
    print(f"民法典 articles      {len(articles(parse_file(MINFADIAN))):>10,}")
    print(f"comments            {rows:>10,}  (scale {args.scale:g} of {TOTAL_COMMENTS:,})")
    print(f"runs × moves        {args.runs} × {args.moves}")
    s_empty, s_full = median("empty", "startup"), median("full", "startup")
    print(
        f"start-up            empty {s_empty * ms:8.1f} ms   full {s_full * ms:8.1f} ms"
        f"   ratio {s_full / s_empty:5.2f}  (target ≤ 2)"
    )
    print(
        f"next article        empty {median('empty', 'selection') * ms:8.1f} ms"
        f"   full {median('full', 'selection') * ms:8.1f} ms   median  (target ≤ 50 ms)"
    )
    print(
        f"  …with its comments empty {median('empty', 'with_comments') * ms:7.1f} ms"
        f"   full {median('full', 'with_comments') * ms:8.1f} ms   median"
    )
    print(
        f"open compare (F4)   empty {median('empty', 'compare') * ms:8.1f} ms"
        f"   full {median('full', 'compare') * ms:8.1f} ms   median"
    )
    print(f"load average        {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
