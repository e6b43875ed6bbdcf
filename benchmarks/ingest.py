"""Ingest benchmark: 1,020,000 comments in 1,400 files from 70 stations against the 民法典.

Generates the files (CSV in UTF-8-BOM and GBK; a sample as XLSX), ingests them into a fresh
workspace in a separate process (so its peak memory is its own; the ingest reads files in
reader processes of its own unless ``--workers 0``), and validates the same rows with pydantic
alone as the baseline, in the same run. Prints throughput, peak memory and the
ratio ingest time ÷ pydantic-only time (target ≤ 4, peak ≤ 2 GiB).

The measurement is repeated (``--repeat``, 3 by default; each on a fresh workspace with its
own baseline) and the median ratio is reported with every run's: on a shared machine single
runs of the same code differ by a quarter.

    uv run python benchmarks/ingest.py              # full scale (takes a while)
    uv run python benchmarks/ingest.py --scale 0.01 # quick run: 14 files, 10,200 comments
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import CORPUS
from workbench.comments import CitationIndex
from workbench.model.comments import COLUMNS, SUBMITTER_CATEGORIES, CommentRow

if TYPE_CHECKING:
    from workbench.model import Document

TOTAL_COMMENTS = 1_020_000
TOTAL_FILES = 1_400
STATIONS = 70
PROJECT = "minfadian"
VERSION = "初审前"
XLSX_EVERY = 100
"""One file in this many is written as XLSX (the rest CSV)."""

MINFADIAN = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"

_OPENINGS = ("建议", "建议将", "提议", "希望", "请考虑", "我们认为应当")
_SUBJECTS = (
    "本条规定的期限",
    "本款的适用范围",
    "该项所列情形",
    "有关部门的职责",
    "当事人的权利义务",
    "居民委员会、村民委员会的协助义务",
    "监护人的责任",
    "物业服务企业的义务",
    "网络服务提供者的责任",
    "个人信息的保护",
)
_ACTIONS = (
    "进一步明确",
    "适当放宽",
    "予以细化",
    "增加具体标准",
    "与上位法保持一致",
    "删除",
    "调整表述",
    "补充配套措施",
)
_REASONS = (
    "实践中争议较大。",
    "基层执行困难。",
    "群众反映强烈。",
    "便于操作。",
    "避免理解歧义。",
    "",
)
_FORM_LETTER = "建议明确老年人居住权的保护规则，防止子女侵占老年人房屋，切实保障老年人合法权益。"


def _opinion(rng: random.Random) -> str:
    if rng.random() < 0.05:  # the same form letter collected in many places
        return _FORM_LETTER
    text = f"{rng.choice(_OPENINGS)}{rng.choice(_SUBJECTS)}{rng.choice(_ACTIONS)}"
    extra = rng.randint(0, 4)
    for _ in range(extra):
        text += f"，{rng.choice(_SUBJECTS)}{rng.choice(_ACTIONS)}"
    return text + "。"


def generate(folder: Path, scale: float, labels: list[str], seed: int = 20200528) -> list[Path]:
    """Write the comment files; return their paths."""
    rng = random.Random(seed)
    n_files = max(1, round(TOTAL_FILES * scale))
    n_comments = max(n_files, round(TOTAL_COMMENTS * scale))
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for f in range(n_files):
        station = f"ST{f % STATIONS + 1:02d}"
        rows = n_comments // n_files + (1 if f < n_comments % n_files else 0)
        collector = f"采集员{f % 554 + 1:03d}"
        records = []
        for _ in range(rows):
            clause = rng.choice(labels) if rng.random() > 0.02 else "第二千条"  # 2% unplaced
            records.append(
                (
                    station,
                    collector,
                    PROJECT,
                    VERSION,
                    clause,
                    _opinion(rng),
                    rng.choice(_REASONS),
                    "",
                    rng.choice(SUBMITTER_CATEGORIES),
                    f"提出人{rng.randint(1, 425_000)}",
                    f"139{rng.randint(0, 99_999_999):08d}",
                )
            )
        if f % XLSX_EVERY == XLSX_EVERY - 1:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("意见建议")
            sheet.append(list(COLUMNS))
            for rec in records:
                sheet.append(list(rec))
            path = folder / f"{station}-{f:04d}.xlsx"
            book.save(path)
        else:
            buf = io.StringIO(newline="")
            writer = csv.writer(buf, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            writer.writerows(records)
            path = folder / f"{station}-{f:04d}.csv"
            encoding = "gbk" if f % 3 == 0 else "utf-8-sig"
            path.write_bytes(buf.getvalue().encode(encoding))
        paths.append(path)
    return paths


def pydantic_only(paths: list[Path]) -> tuple[float, int]:
    """Time `CommentRow.model_validate` alone over the same rows (read untimed, file by file)."""
    from workbench.comments import read_comment_file
    from workbench.comments.parsed import ROW_FIELDS

    fields = tuple(ROW_FIELDS.values())
    total = 0.0
    count = 0
    for path in paths:
        parsed = read_comment_file(path.read_bytes(), path.name)
        dicts = [
            {f: getattr(r.data, f) for f in fields} | {"quote": r.data.quote} for r in parsed.rows
        ]
        start = time.perf_counter()
        for d in dicts:
            CommentRow.model_validate(d)
        total += time.perf_counter() - start
        count += len(dicts)
    return total, count


def ingest_phase(workspace: Path, files_list: Path, workers: int | None) -> None:
    """Run in a child process: ingest every file, print timings as JSON."""
    from workbench.workspace import Workspace
    from workbench.workspace.comments import CommentService

    paths = [Path(p) for p in files_list.read_text(encoding="utf-8").splitlines()]
    with Workspace.open(workspace) as ws:
        svc = CommentService(ws)
        start = time.perf_counter()
        cpu = time.process_time()
        results = svc.ingest(paths, actor="benchmark", workers=workers)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    statuses = {r.status for r in results}
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "rows": sum(r.rows for r in results),
                "unplaced": sum(r.unplaced for r in results),
                "statuses": sorted(statuses),
                "errors": [str(e) for r in results for e in r.errors][:5],
                "writer_cpu": cpu,
                "readers_cpu": children.ru_utime + children.ru_stime,
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # the largest reader process (they have ended by now)
                "reader_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the files and workspaces here (default: a temporary folder, removed)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="reader processes (default: the ingest's own choice, one per CPU; 0: none)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="measurements (each a fresh workspace and its own baseline); the median is reported",
    )
    parser.add_argument("--phase", choices=["all", "ingest"], default="all", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "ingest":
        ingest_phase(args.workspace, args.files, args.workers)
        return

    from workbench.parse import parse_file

    root = args.workdir or Path(tempfile.mkdtemp(prefix="wb-ingest-"))
    root.mkdir(parents=True, exist_ok=True)
    doc = parse_file(MINFADIAN)
    labels = CitationIndex(doc).labels
    t0 = time.perf_counter()
    paths = generate(root / "files", args.scale, labels)
    generated = time.perf_counter() - t0
    files_list = root / "files.txt"
    files_list.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    print(f"files               {len(paths):>12,}  (1 in {XLSX_EVERY} XLSX; CSV UTF-8-BOM / GBK)")
    print(f"generation          {generated:>12.2f} s (not timed below)")
    readers = "default (one per CPU)" if args.workers is None else str(args.workers)
    print(f"reader processes    {readers:>12}")

    runs: list[tuple[float, float, dict[str, Any]]] = []
    for n in range(1, args.repeat + 1):
        workspace = root / f"ws-{n}"
        if workspace.exists():
            shutil.rmtree(workspace)  # a workspace ingested before would measure duplicates
        ratio, baseline, report = measure(doc, workspace, paths, files_list, args.workers)
        runs.append((ratio, baseline, report))
        rows = report["rows"]
        print(
            f"run {n}: ingest {report['seconds']:6.2f} s ({rows / report['seconds']:,.0f}"
            f" comments/s), pydantic alone {baseline:5.2f} s, ratio {ratio:5.2f};"
            f" CPU {report['writer_cpu']:.2f} s writer + {report['readers_cpu']:.2f} s readers"
        )
    ratio, baseline, report = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    ratios = ", ".join(f"{r:.2f}" for r, _, _ in runs)
    print(
        f"comments ingested   {report['rows']:>12,}  (unplaced {report['unplaced']:,};"
        f" statuses {report['statuses']})"
    )
    print(
        f"ingest              {report['seconds']:>12.2f} s  ="
        f" {report['rows'] / report['seconds']:,.0f} comments/s (median run)"
    )
    print(f"pydantic alone      {baseline:>12.2f} s  (CommentRow.model_validate, same rows)")
    print(f"ratio ingest/pyd.   {ratio:>12.2f}   (median of {len(runs)}: {ratios}; target ≤ 4)")
    print(
        f"peak memory ingest  {max(r['peak_rss_mib'] for _, _, r in runs):>12.1f} MiB (target ≤ 2048 MiB)"
    )
    print(
        f"  largest reader    {max(r['reader_rss_mib'] for _, _, r in runs):>12.1f} MiB (each reader process)"
    )
    print(f"load average        {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.workdir is None:
        shutil.rmtree(root)
    errors = [e for _, _, r in runs for e in r["errors"]]
    if errors:
        print("errors:", *errors[:5], sep="\n  ")


def measure(
    doc: Document, workspace: Path, paths: list[Path], files_list: Path, workers: int | None
) -> tuple[float, float, dict[str, Any]]:
    """One measurement: a fresh workspace, pydantic alone, the ingest, pydantic alone again.

    Returns:
        The ratio, the baseline (the mean of the two pydantic-only runs around the ingest: the
        machine is shared) and the ingest process's report.
    """
    from workbench.workspace import Workspace

    with Workspace.init(workspace) as ws:
        ws.import_document(doc, PROJECT, VERSION, actor="benchmark", create=True)
    before, _ = pydantic_only(paths)
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.ingest",
            "--phase",
            "ingest",
            "--workspace",
            str(workspace),
            "--files",
            str(files_list),
            *([] if workers is None else ["--workers", str(workers)]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    after, _ = pydantic_only(paths)
    baseline = (before + after) / 2
    ratio = report["seconds"] / baseline if baseline else float("inf")
    return ratio, baseline, report


if __name__ == "__main__":
    main()
