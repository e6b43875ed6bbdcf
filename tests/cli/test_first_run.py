"""First run: the README's commands, a demo that is never lost, a wheel usable on its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.support.cli import DEMO, ROOT, Bench, invoke_cli
from workbench.workspace import Workspace
from workbench.workspace.projects import ProjectService


def _readme_first_run() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## First run", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n\s*(.+?)\n\s*```", section)


def test_ci_runs_the_readmes_test_command_exactly() -> None:
    """The README's two commands go through scripts/uv.py; .ci/run calls the second verbatim."""
    open_demo, run_tests = _readme_first_run()
    assert open_demo == "python3 scripts/uv.py run workbench open drafts"
    assert run_tests == "python3 scripts/uv.py run pytest -n auto"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == run_tests
    assert "pip install" not in "\n".join(line for line in ci if not line.startswith("#"))
    assert (ROOT / "scripts" / "uv.py").is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "py scripts\\uv.py run workbench open drafts" in readme


def _tracked_demo_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "drafts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if out.returncode != 0 or not out.stdout.strip("\0"):
        pytest.skip("not a git checkout")
    return sorted(name.removeprefix("drafts/") for name in out.stdout.split("\0") if name)


def _fresh_demo(target: Path) -> Path:
    """The demo folder as a fresh clone has it: tracked files only, no database."""
    for name in _tracked_demo_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEMO / name, target / name)
    return target


def test_any_first_command_on_the_demo_folder_builds_the_demo(tmp_path: Path) -> None:
    """`workbench projects` in a fresh checkout lists the demo project instead of asking for init."""
    bench = Bench(_fresh_demo(tmp_path / "drafts"))
    listed = bench.run("projects")
    assert "juja-yanglao" in listed.stdout
    assert "已根据演示清单" in listed.stderr
    assert "4" in bench.run("versions", "-p", "juja-yanglao").stdout.splitlines()[-1][:2]


def test_init_on_the_demo_folder_builds_the_demo_not_an_empty_workspace(tmp_path: Path) -> None:
    """`workbench init drafts` used to leave an empty database in the demo folder; now the demo."""
    bench = Bench(_fresh_demo(tmp_path / "drafts"))
    done = bench.run("init")
    assert "内置演示工作区" in done.stderr
    assert "workbench open" in done.stderr
    assert "juja-yanglao" in bench.run("projects").stdout


def test_a_demo_folder_left_empty_by_an_older_init_gets_its_demo(tmp_path: Path) -> None:
    """A demo folder holding an empty database (what init made before) is built on next use."""
    folder = _fresh_demo(tmp_path / "drafts")
    Workspace.init(folder, actor="旧版本").close()
    bench = Bench(folder)
    assert "juja-yanglao" in bench.run("projects").stdout
    bench.run("audit", "--verify")


def test_a_demo_folder_with_work_in_it_is_never_rebuilt(tmp_path: Path) -> None:
    """Someone used the demo folder for a project of their own: it stays exactly as it is."""
    folder = _fresh_demo(tmp_path / "drafts")
    with Workspace.init(folder, actor="甲") as ws:
        ProjectService(ws).create("mine", "我的条例", actor="甲")
    listed = Bench(folder).run("projects").stdout
    assert "mine" in listed
    assert "juja-yanglao" not in listed


def test_workbench_demo_makes_the_demo_anywhere(tmp_path: Path) -> None:
    """`workbench demo DIR` copies the bundled demo and builds it; a non-empty DIR is refused."""
    made = invoke_cli("demo", str(tmp_path / "try"))
    assert made.returncode == 0, made.stderr
    assert "workbench open" in made.stderr
    assert "juja-yanglao" in Bench(tmp_path / "try").run("projects").stdout
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x", encoding="utf-8")
    refused = invoke_cli("demo", str(tmp_path / "busy"))
    assert refused.returncode == 1
    assert "不是空目录" in refused.stderr
    assert not (tmp_path / "busy" / "demo.toml").exists()


def _uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.skip("uv not available to build the wheel (the README runs the tests through it)")
    return found


@pytest.mark.slow
def test_the_wheel_carries_the_demo_and_builds_it_on_its_own(tmp_path: Path) -> None:
    """Build the wheel, run its `workbench demo` from the unpacked wheel, away from the checkout."""
    built = subprocess.run(
        [_uv(), "build", "--wheel", "--out-dir", str(tmp_path / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name.startswith("lifa_workbench-")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        demo = sorted(n.removeprefix("workbench/_demo/") for n in names if "/_demo/" in n)
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
        archive.extractall(tmp_path / "unpacked")
    assert demo == _tracked_demo_files()
    assert b"workbench = workbench.cli:main" in entry_points
    assert "Name: lifa-workbench" in metadata
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "lifa-workbench"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv.pop(1)); import workbench;"
        "print(workbench.__file__, file=sys.stderr); from workbench.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "unpacked"), "demo"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "unpacked") in result.stderr
    assert (elsewhere / "drafts" / "workbench.sqlite3").is_file()
    assert "juja-yanglao" in Bench(elsewhere / "drafts").run("projects").stdout
