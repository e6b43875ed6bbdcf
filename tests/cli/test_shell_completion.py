"""Shell completion: commands and options, and names read from the workspace on the command line.

Runs the real ``workbench`` the way bash's completion function does (``_WORKBENCH_COMPLETE=
bash_complete`` with ``COMP_WORDS``/``COMP_CWORD``) and reads the candidates it prints: in this
process (the protocol is the environment and stdout), the scripts for each shell in a real one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import Bench, invoke_cli, run_cli


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("completion") / "ws"
    Bench(folder).demo_project(rounds=2)
    return folder


def _complete(*words: str) -> list[str]:
    """What bash is offered for the last (possibly empty) word of ``workbench WORDS``."""
    line = ["workbench", *words]
    env = {
        "_WORKBENCH_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(line),
        "COMP_CWORD": str(len(line) - 1),
    }
    result = invoke_cli(env=env)
    assert result.returncode == 0, result.stderr
    return [item.split(",", 1)[1] for item in result.stdout.splitlines() if "," in item]


def test_commands_and_options_complete() -> None:
    """Subcommands by prefix, and an option's name."""
    assert {"project", "projects"} <= set(_complete("pro"))
    assert "--project" in _complete("versions", "--pro")


def test_project_codes_complete_from_the_workspace(workspace: Path) -> None:
    """-p offers the workspace's project codes."""
    assert _complete("-w", str(workspace), "versions", "-p", "") == ["juja-yanglao"]
    assert _complete("-w", str(workspace), "project", "archive", "ju") == ["juja-yanglao"]


def test_versions_complete_for_the_project_given(workspace: Path) -> None:
    """--version offers that project's numbers, text names, stages, node names and latest."""
    offered = _complete("-w", str(workspace), "show", "-p", "juja-yanglao", "--version", "")
    assert offered[:2] == ["1", "2"]
    assert {"立项前", "初审前", "一审", "latest"} <= set(offered)
    assert _complete("-w", str(workspace), "show", "-p", "juja-yanglao", "--version", "立") == [
        "立项",
        "立项前",
    ]


def test_node_names_and_station_codes_complete(workspace: Path) -> None:
    """-n offers the workspace's 四前四方 nodes; --station the registry's codes."""
    nodes = _complete("-w", str(workspace), "matrix", "set", "-p", "juja-yanglao", "-n", "")
    assert nodes == ["立项前", "初审前", "二审前", "表决前"]
    stations = _complete(
        "-w", str(workspace), "comments", "list", "-p", "juja-yanglao", "--station", "ST0"
    )
    assert "ST01" in stations
    assert all(code.startswith("ST0") for code in stations)


def test_a_missing_workspace_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    """Completion never prints an error into the user's command line."""
    assert _complete("-w", str(tmp_path / "none"), "versions", "-p", "") == []


def test_completion_prints_the_script_for_each_shell() -> None:
    """workbench completion bash|zsh|fish prints what the shell evaluates."""
    for shell in ("bash", "zsh", "fish"):
        result = run_cli("completion", shell)
        assert result.returncode == 0, result.stderr
        assert "_WORKBENCH_COMPLETE" in result.stdout
    assert run_cli("completion", "tcsh").returncode == 2
