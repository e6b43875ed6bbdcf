"""Start-up and whole-command wall time of ``workbench``, as a ratio to ``import pydantic``.

Runs, as a user's shell would (a fresh process each time, the installed ``workbench`` script):

- ``workbench --version``                          (target: ≤ 2.5 × the baseline)
- ``workbench parse`` of the 民法典 (JSON tree to stdout) (target: ≤ 5 ×)
- ``workbench diff`` of the 民事诉讼法 2021 → 2023 (text to stdout) (target: ≤ 5 ×)

The baseline is ``python -c "import pydantic"`` with the same interpreter, measured in the same
run, interleaved with the commands so load from elsewhere hits all alike; ``python -c pass`` is
printed beside it as the floor (interpreter start alone). Each figure is the median of
``--repeat`` runs. The targets are on wall time; CPU time (user + system) is printed beside it
because it moves less when other processes load the machine. Every command runs once first so its bytecode is written (what a user has
from the second run on); ``PYTHONDONTWRITEBYTECODE`` is cleared for that reason.

Usage: ``uv run python -m benchmarks.cli [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import CORPUS

LARGE = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"
OLD = CORPUS / "versions" / "中华人民共和国民事诉讼法(2021-12-24).md"
NEW = CORPUS / "versions" / "中华人民共和国民事诉讼法(2023-09-01).md"

TARGETS = {"--version": 2.5, "parse": 5.0, "diff": 5.0}
"""The ratio each command must stay under."""


def _workbench() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m workbench``."""
    script = Path(sys.executable).with_name("workbench")
    if script.exists():
        return [str(script)]
    found = shutil.which("workbench")
    return [found] if found else [sys.executable, "-m", "workbench"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``argv``, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command (median)")
    args = parser.parse_args()
    wb = _workbench()
    runs: dict[str, list[str]] = {
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "baseline: import pydantic": [sys.executable, "-c", "import pydantic"],
        "--version": [*wb, "--version"],
        "parse": [*wb, "parse", str(LARGE)],
        "diff": [*wb, "diff", str(OLD), str(NEW)],
    }
    env = _env()
    for argv in runs.values():  # writes bytecode, fills the page cache
        _run(argv, env)
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, argv in runs.items():
            wall, cpu = _run(argv, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall_median = {name: statistics.median(t) for name, t in walls.items()}
    cpu_median = {name: statistics.median(t) for name, t in cpus.items()}
    base = wall_median["baseline: import pydantic"]
    cpu_base = cpu_median["baseline: import pydantic"]
    load = os.getloadavg()[0]
    print(f"workbench: {' '.join(wb)}; {args.repeat} runs each, medians; load average {load:.1f}")
    print(f"parse: {LARGE.name}; diff: {OLD.name} → {NEW.name}")
    print(f"{'':28} {'wall':>9}  {'ratio':>5}    {'cpu':>9}  {'ratio':>5}")
    ok = True
    for name, seconds in wall_median.items():
        ratio = seconds / base
        cpu = cpu_median[name]
        line = (
            f"{name:28} {seconds * 1000:6.1f} ms  {ratio:5.2f}    "
            f"{cpu * 1000:6.1f} ms  {cpu / cpu_base:5.2f}"
        )
        if name in TARGETS:
            met = ratio <= TARGETS[name]
            ok &= met
            line += f"   target ≤ {TARGETS[name]} (wall): {'met' if met else 'NOT met'}"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
