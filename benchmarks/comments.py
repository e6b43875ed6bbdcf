"""Everyday comment work at scale: statistics, search, one article's list, clusters, the XLSX report.

Generates the comment files of `benchmarks.ingest` (``--scale 1`` = 1,020,000 comments on the
民法典), ingests them once into a fresh SQLite workspace (timed: the clusters' baseline), then
measures each operation in a process of its own (so its peak memory is its own), in-process as
the command runs it once the workspace is open (a command adds only its start-up):

- ``stats``: `CommentService.stats` (counts per article, station, decision, state);
- ``search``: `SearchService.search` for 物业 (a two-character word), 争议较大 (only in 理由) and
  群众反映强烈 (a phrase), drafts and comments;
- ``list``: `CommentService.comments` of one article;
- ``clusters``: `CommentService.clusters` from scratch (every clause: the first run after an
  ingest of everything), then again with nothing new (the incremental run);
- ``export``: the 意见采纳情况表 as XLSX (`ExportService.comments`), written to a file.

Beside each, the physical floor for the same work measured in the same run and process: the
bare SQL the answer needs (stats: the three GROUP BY counts; search: the FTS5 MATCH count and
the newest 50 ids; list: the article's rows; clusters: reading every placed comment's text
clause by clause; export: reading the report's columns of every comment and appending them to an
openpyxl write-only workbook). The ratio is operation ÷ floor; clusters are also given as a
ratio to the ingest's own time (storing the files, without the cluster update that follows
it; target ≤ 1). Times are medians over ``--repeat`` processes
(stats, search and list: each process times the call 3 times, the median kept).

    uv run python -m benchmarks.comments                 # 1,020,000 comments (takes long)
    uv run python -m benchmarks.comments --scale 0.1     # 102,000
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.ingest import MINFADIAN, PROJECT, fresh_workspace, generate
from workbench.comments import CitationIndex
from workbench.model.comments import DECISION_KINDS

OPERATIONS = ("stats", "search", "list", "clusters", "export")
QUERIES = ("物业", "争议较大", "群众反映强烈")
ARTICLE = "第一千零三十二条"
"""The article listed (the 民法典's privacy article; about 1 in 1,260 comments)."""
TARGETS = {
    "stats": "≤ 1 s",
    "search": "≤ 0.3 s",
    "list": "≤ 0.1 s",
    "clusters": "≤ the ingest",
    "export": "≤ 10 s at 100,000",
}


def _median_call(fn: Callable[[], object], times: int = 3) -> float:
    spent: list[float] = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def operation_phase(op: str, workspace: Path, out: Path) -> None:
    """Run in a child process: time ``op`` (or its floor: ``stats-floor`` …); print JSON."""
    from workbench.workspace import Workspace
    from workbench.workspace.comments import CommentService

    with Workspace.open(workspace) as ws:
        svc = CommentService(ws)
        pid = svc.catalogue.project_id(PROJECT)
        detail = ""
        if op == "stats":
            seconds = _median_call(lambda: svc.stats(PROJECT))
            detail = f"{svc.stats(PROJECT)['total']['comments']:,} comments counted"
        elif op == "stats-floor":
            seconds = _median_call(lambda: _stats_floor(ws, pid))
        elif op == "search":
            from workbench.workspace.search import SearchService

            search = SearchService(ws)
            seconds = statistics.median(
                _median_call(functools.partial(search.search, q)) for q in QUERIES
            )
            found = {q: search.search(q).comments_total for q in QUERIES}
            detail = "comments found: " + ", ".join(f"{q} {n:,}" for q, n in found.items())
        elif op == "search-floor":
            seconds = statistics.median(
                _median_call(functools.partial(_search_floor, ws, q)) for q in QUERIES
            )
        elif op == "list":
            seconds = _median_call(lambda: svc.comments(PROJECT, article=ARTICLE))
            views, total = svc.comments(PROJECT, article=ARTICLE)
            detail = f"{ARTICLE}: {len(views):,} comments listed of {total:,}"
        elif op == "list-floor":
            found_uid = svc.index(PROJECT, None)[2].resolve(ARTICLE)
            uid = None if found_uid is None else found_uid.uid
            assert uid is not None
            seconds = _median_call(functools.partial(_list_floor, ws, pid, uid))
        elif op == "clusters":
            _forget_clusters(ws)
            start = time.perf_counter()
            found_clusters = svc.clusters(PROJECT, actor="benchmark")
            seconds = time.perf_counter() - start
            start = time.perf_counter()
            svc.clusters(PROJECT, actor="benchmark")
            again = time.perf_counter() - start
            members = sum(len(c[3]) for c in found_clusters)
            detail = (
                f"{len(found_clusters):,} clusters of {members:,} comments;"
                f" the incremental run with nothing new {again:.2f} s"
            )
        elif op == "clusters-floor":
            start = time.perf_counter()
            _clusters_floor(ws, pid)
            seconds = time.perf_counter() - start
        elif op == "export":
            from workbench.workspace.exports import ExportService

            start = time.perf_counter()
            export = ExportService(ws).comments(PROJECT, None, "xlsx")
            out.write_bytes(export.data)
            seconds = time.perf_counter() - start
            detail = f"{out.stat().st_size / 2**20:.1f} MiB workbook" + "".join(
                f"; {n}" for n in export.notes
            )
            out.unlink()
        elif op == "export-floor":
            seconds = _export_floor(ws, pid, out)
        else:
            raise SystemExit(f"unknown operation {op}")
    print(json.dumps({"seconds": seconds, "peak_rss_mib": _peak(), "detail": detail}))


def _stats_floor(ws: Any, pid: int) -> None:
    with ws.read() as conn:
        for sql in (
            "SELECT target_uid, whole, version_id, count(*) FROM comments WHERE project_id = ?"
            " GROUP BY target_uid, whole, version_id",
            "SELECT station, count(*) FROM comments WHERE project_id = ? GROUP BY station",
            "SELECT d.kind, count(*) FROM comment_decisions d WHERE EXISTS (SELECT 1 FROM"
            " comments c WHERE c.id = d.comment_id AND c.project_id = ?) GROUP BY d.kind",
        ):
            conn.exec_driver_sql(sql, (pid,)).all()


def _search_floor(ws: Any, text: str) -> None:
    from workbench.store.search_terms import parse_query

    match = parse_query(text).fts5()
    with ws.read() as conn:
        for table in ("comment_terms", "draft_terms"):
            conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)
            ).scalar_one()
            conn.exec_driver_sql(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 50",
                (match,),
            ).all()


def _list_floor(ws: Any, pid: int, uid: str) -> None:
    with ws.read() as conn:
        conn.exec_driver_sql(
            "SELECT * FROM comments WHERE project_id = ? AND target_uid = ? ORDER BY id",
            (pid, uid),
        ).all()


def _forget_clusters(ws: Any) -> None:
    """Untimed: drop the stored clusters, so the next run clusters every clause again."""
    with ws.transaction() as conn:
        for table in ("comment_cluster_members", "comment_clusters", "comment_cluster_marks"):
            conn.exec_driver_sql(f"DELETE FROM {table}")


def _clusters_floor(ws: Any, pid: int) -> None:
    with ws.read() as conn:
        targets = conn.exec_driver_sql(
            "SELECT DISTINCT target_uid, whole FROM comments WHERE project_id = ?"
            " AND (target_uid IS NOT NULL OR whole)",
            (pid,),
        ).all()
        for uid, whole in targets:
            conn.exec_driver_sql(
                "SELECT id, opinion FROM comments WHERE project_id = ? AND target_uid IS ?"
                " AND whole = ?",
                (pid, uid, whole),
            ).all()


def _export_floor(ws: Any, pid: int, out: Path) -> float:
    from openpyxl import Workbook

    start = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("意见采纳情况表")
    with ws.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, station, cited_as, opinion, reason, proposal, submitter_category"
            " FROM comments WHERE project_id = ? ORDER BY target_uid, id",
            (pid,),
        )
        for row in rows:
            sheet.append(list(row))
    book.save(out)
    seconds = time.perf_counter() - start
    out.unlink()
    return seconds


DECIDE_EVERY = 10


def decide_some(workspace: Path) -> int:
    """Untimed: decide every `DECIDE_EVERY`th comment (staff's work so far), in batches."""
    from workbench.workspace import Workspace
    from workbench.workspace.comments import CommentService

    with Workspace.open(workspace) as ws:
        svc = CommentService(ws)
        with ws.read() as conn:
            top = int(conn.exec_driver_sql("SELECT max(id) FROM comments").scalar_one())
        ids = list(range(DECIDE_EVERY, top + 1, DECIDE_EVERY))
        for n, start in enumerate(range(0, len(ids), 5_000)):
            svc.decide(
                kind=DECISION_KINDS[n % len(DECISION_KINDS)],
                reason="经研究，按此处理。",
                actor="benchmark",
                comment_ids=ids[start : start + 5_000],
            )
    return len(ids)


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1,020,000 comments")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep files and workspace here (default: temp)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the workspace a run before left in --workdir (no new ingest)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="processes per operation (median)")
    parser.add_argument(
        "--only", choices=OPERATIONS, action="append", help="measure only these operations"
    )
    parser.add_argument("--phase", default="all", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase != "all":
        operation_phase(args.phase, args.workspace, args.workspace.parent / "export.xlsx")
        return

    from workbench.parse import parse_file

    root = args.workdir or Path(tempfile.mkdtemp(prefix="wb-comments-"))
    root.mkdir(parents=True, exist_ok=True)
    workspace = root / "ws"
    made = root / "ingest.json"
    if args.reuse and made.exists():  # the workspace a run before made at this --workdir
        ingest = json.loads(made.read_text(encoding="utf-8"))
        print(f"comments            {ingest['rows']:>12,}  (workspace reused from {root})")
    else:
        made.unlink(missing_ok=True)
        doc = parse_file(MINFADIAN)
        paths = generate(root / "files", args.scale, CitationIndex(doc).labels)
        files_list = root / "files.txt"
        files_list.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
        fresh_workspace(doc, workspace)
        phase = ["--phase", "ingest", "--workspace", str(workspace), "--files", str(files_list)]
        ingest = _child(["benchmarks.ingest", *phase])
        print(f"comments            {ingest['rows']:>12,}  in {len(paths):,} files")
        decided = decide_some(workspace)
        print(f"decided             {decided:>12,}  (every {DECIDE_EVERY}th comment, untimed)")
        made.write_text(json.dumps(ingest), encoding="utf-8")
    # The ingest's own time: storing the files, without the clusters it updates afterwards.
    own = ingest.get("stored_seconds", ingest["seconds"])
    print(
        f"ingest              {ingest['seconds']:>12.2f} s  peak {ingest['peak_rss_mib']:.0f} MiB"
        f" (once): storing the files {own:.2f} s (the clusters' baseline),"
        f" then updating the clusters {ingest['seconds'] - own:.2f} s"
    )
    for op in args.only or OPERATIONS:
        runs, floors = [], []
        for n in range(1, args.repeat + 1):
            runs.append(
                _child(["benchmarks.comments", "--phase", op, "--workspace", str(workspace)])
            )
            floors.append(
                _child(
                    ["benchmarks.comments", "--phase", f"{op}-floor", "--workspace", str(workspace)]
                )
            )
            print(
                f"  {op} run {n}: {runs[-1]['seconds']:.3f} s, {runs[-1]['peak_rss_mib']:.0f} MiB;"
                f" floor {floors[-1]['seconds']:.3f} s, {floors[-1]['peak_rss_mib']:.0f} MiB",
                flush=True,
            )
        seconds = statistics.median(r["seconds"] for r in runs)
        floor = statistics.median(r["seconds"] for r in floors)
        peak = max(r["peak_rss_mib"] for r in runs)
        floor_peak = max(r["peak_rss_mib"] for r in floors)
        line = (
            f"{op:<10} {seconds:8.3f} s (median of {len(runs)}: "
            + ", ".join(f"{r['seconds']:.3f}" for r in runs)
            + f"; target {TARGETS[op]}), floor {floor:.3f} s, ratio {seconds / floor:.2f}"
        )
        if op == "clusters":
            line += f", ÷ the ingest's own time {seconds / own:.2f}"
        print(line, flush=True)
        print(
            f"           peak {peak:.0f} MiB (target ≤ 500 MB), floor's {floor_peak:.0f} MiB,"
            f" ratio {peak / floor_peak:.2f}; {runs[-1]['detail']}",
            flush=True,
        )
    print(f"load average        {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.workdir is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
