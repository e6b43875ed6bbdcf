"""``workbench check`` over the whole shared corpus, with the corpus loaded in the library.

Run: ``uv run python -m benchmarks.check`` (``--repeat N``, 3 by default).

What the user waits for is timed: ``python -m workbench check ../shared/corpus`` in a fresh
process (start-up, reading the library, parsing and checking every file, printing the JSON).
The baseline, measured in the same run and alternated with it, is the floor any check must
pay: a fresh process that parses every corpus file with `workbench.parse` and does nothing else.
Prints the medians of wall time and of CPU time (the child's user + system seconds: what the
machine's other load does not inflate), the ratios check ÷ baseline, the findings per rule, and
whether the target (the whole corpus in under a minute) holds. Loading the library (``library
add``) is timed once.

A fresh process pays its start-up (imports, reading the library) once for the whole corpus; the
checking itself is also timed in this process, warm: CPU seconds of parsing every file against
parsing and checking every file (the library read beforehand), alternated, medians.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import CORPUS

TARGET_SECONDS = 60.0
"""The issue's target for checking the whole corpus."""

_BASELINE = (
    "import sys; from pathlib import Path; from workbench.parse import parse_file; "
    "[parse_file(p) for p in sorted(Path(sys.argv[1]).rglob('*.md')) if p.name != 'README.md']"
)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(*args: str) -> tuple[float, subprocess.CompletedProcess[str], float]:
    """Wall seconds, the finished process, and its CPU seconds."""
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    return time.perf_counter() - start, done, _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternated")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = str(Path(tmp) / "ws")
        _run("-m", "workbench", "-w", ws, "init")
        load_s, loaded, _ = _run("-m", "workbench", "-w", ws, "library", "add", str(CORPUS))
        if loaded.returncode != 0:
            print(loaded.stderr)
            return 1
        print(
            f"library add (whole corpus): {load_s:.1f} s — {loaded.stdout.strip().splitlines()[-1]}"
        )
        warm = _in_process(Path(ws), options.repeat)
        checks: list[float] = []
        floors: list[float] = []
        check_cpu: list[float] = []
        floor_cpu: list[float] = []
        output = ""
        for _ in range(options.repeat):
            seconds, done, cpu = _run(
                "-m", "workbench", "-w", ws, "check", str(CORPUS), "--format", "json"
            )
            if done.returncode != 0:
                print(done.stderr)
                return 1
            checks.append(seconds)
            check_cpu.append(cpu)
            output = done.stdout
            floor_s, _, cpu = _run("-c", _BASELINE, str(CORPUS))
            floors.append(floor_s)
            floor_cpu.append(cpu)
    findings = json.loads(output)["findings"]
    files = len({f["file"] for f in findings})
    check_s, floor_s = statistics.median(checks), statistics.median(floors)
    print(f"check (whole corpus, fresh process): median {check_s:.2f} s  runs {_fmt(checks)}")
    print(
        f"baseline (parse every file, fresh process): median {floor_s:.2f} s  runs {_fmt(floors)}"
    )
    print(f"ratio check / parse-only: {check_s / floor_s:.2f}")
    cpu_check, cpu_floor = statistics.median(check_cpu), statistics.median(floor_cpu)
    print(
        f"CPU time: check median {cpu_check:.2f} s, parse-only median {cpu_floor:.2f} s, "
        f"ratio {cpu_check / cpu_floor:.2f}"
    )
    parse_warm, check_warm = (statistics.median(v) for v in warm)
    print(
        f"in process, warm (CPU): parse every file median {parse_warm:.2f} s, parse and check "
        f"median {check_warm:.2f} s, ratio {check_warm / parse_warm:.2f}"
    )
    print(f"findings: {len(findings)} in {files} files")
    for rule, count in Counter(f["rule"] for f in findings).most_common():
        print(f"  {rule}: {count}")
    ok = check_s < TARGET_SECONDS
    print(f"target: whole corpus under {TARGET_SECONDS:.0f} s — {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def _in_process(ws_path: Path, repeat: int) -> tuple[list[float], list[float]]:
    """CPU seconds of parsing every corpus file, and of checking every one, per run."""
    from workbench.parse import parse_file
    from workbench.workspace import Workspace
    from workbench.workspace.checks import CheckService

    files = [p for p in sorted(CORPUS.rglob("*.md")) if p.name != "README.md"]
    ws = Workspace.open(ws_path)
    try:
        service = CheckService(ws)
        for path in files:  # read every library version the corpus cites once
            service.check_file(path)
        parsed: list[float] = []
        checked: list[float] = []
        for _ in range(repeat):
            start = time.process_time()
            for path in files:
                parse_file(path)
            parsed.append(time.process_time() - start)
            start = time.process_time()
            for path in files:
                service.check_file(path)
            checked.append(time.process_time() - start)
        return parsed, checked
    finally:
        ws.close()


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
