"""Run the real ``workbench`` command, as a user's shell would, or in this process.

`run_cli` starts ``python -m workbench`` in a subprocess: the test sees exactly what a user
sees, the exit status, stdout and stderr, start-up and the interpreter's exit included.
`invoke_cli` runs the same command line in this process (click's runner): the same command
group, Chinese click messages, stdout, stderr and exit code, without a second of start-up per
call. `Bench` holds a workspace folder and uses `invoke_cli` unless told ``process=True``; keep
the subprocess for what needs one (exit codes as the shell sees them, start-up, the
environment, a killed or memory-capped process).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
"""The project's root folder (the git checkout)."""
DEMO = ROOT / "drafts"
"""The bundled demo workspace's tracked files."""
DEMO_ROUNDS = (
    ("01-立项前.md", "立项前"),
    ("02-初审前.md", "初审前"),
    ("03-二审前.md", "二审前"),
    ("04-表决前.md", "表决前"),
)
"""The demo project's four drafts and the node each was frozen at."""


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a ``workbench`` subprocess: this one, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(extra)
    return env


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str = "",
    python_options: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``python -m workbench ARGS`` in a subprocess; the result's text streams are decoded UTF-8.

    With ``python_options``, ``args`` up to the first that does not start with ``-X`` or
    follows one go to the interpreter (``run_cli("-X", "importtime", "parse", …)``).
    """
    interpreter: list[str] = []
    rest = list(args)
    while python_options and len(rest) >= 2 and rest[0] == "-X":
        interpreter += rest[:2]
        rest = rest[2:]
    return subprocess.run(
        [sys.executable, *interpreter, "-m", "workbench", *rest],
        cwd=cwd or ROOT,
        env=env if env is not None else cli_env(),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def json_output(stdout: str, name: str, version: int = 1) -> dict[str, Any]:
    """A ``--format json`` output, checked to be one object led by its ``schema``.

    ``name`` is the documented shape (``comments.list``): the object's first field must be
    ``"schema": "workbench.<name>/<version>"`` (docs/cli.md, "JSON").
    """
    data = json.loads(stdout)
    assert isinstance(data, dict), f"expected a JSON object, got {type(data).__name__}"
    assert next(iter(data), None) == "schema", f"schema is not the first field: {list(data)}"
    assert data["schema"] == f"workbench.{name}/{version}", data["schema"]
    return data


def json_list(stdout: str, name: str, field: str) -> list[Any]:
    """The list under ``field`` of a ``--format json`` output (`json_output` checks its schema)."""
    items = json_output(stdout, name)[field]
    assert isinstance(items, list), f"{field} is not a list"
    return items


@contextlib.contextmanager
def _chinese_click() -> Iterator[None]:
    """click's own messages in Chinese, as ``workbench`` prints them, for one command only.

    `workbench.cli.main` installs the translation for the whole process; here click's message
    functions are put back afterwards, so tests that drive click directly are not affected.
    """
    from workbench.cli import i18n

    saved = [
        (module, attr, getattr(module, attr))
        for module in map(importlib.import_module, i18n.CLICK_MODULES)
        for attr in ("_", "ngettext")
        if hasattr(module, attr)
    ]
    i18n.install()
    try:
        yield
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)


def invoke_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``workbench ARGS`` in this process, its result shaped like `run_cli`'s.

    The environment is this one without ``WORKBENCH_*`` variables (as `cli_env`), plus ``env``;
    an exception the command lets escape is written to stderr as a traceback with exit code 1,
    as the interpreter would.
    """
    from click.testing import CliRunner

    from workbench.cli import cli

    overrides: dict[str, str | None] = {k: None for k in os.environ if k.startswith("WORKBENCH_")}
    overrides.update(env or {})
    with contextlib.chdir(cwd or ROOT), _chinese_click():
        result = CliRunner().invoke(
            cli, list(args), input=stdin, env=overrides, prog_name="workbench"
        )
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(
        ["workbench", *args], result.exit_code, result.stdout, stderr
    )


@dataclass
class Bench:
    """A workspace folder and the ``workbench`` command run against it."""

    workspace: Path
    """The workspace folder (``--workspace``)."""
    user: str = "张三"
    """Who acts (``--user``)."""
    database: str | None = None
    """A database URL (``--database``), or None for the folder's SQLite file."""
    process: bool = False
    """Run every command in a subprocess (`run_cli`) rather than in this process (`invoke_cli`)."""
    calls: list[tuple[str, ...]] = field(default_factory=list)
    """Every command run so far (for failure messages)."""

    def run(
        self, *args: str, code: int | None = 0, stdin: str = "", process: bool | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run ``workbench --workspace W --user U ARGS``; check the exit status unless ``code`` is None.

        ``process`` overrides the bench's `process` for this one command.
        """
        base = ["--workspace", str(self.workspace), "--user", self.user]
        if self.database:
            base += ["--database", self.database]
        self.calls.append(args)
        runner = run_cli if (self.process if process is None else process) else invoke_cli
        result = runner(*base, *args, stdin=stdin)
        if code is not None:
            assert result.returncode == code, (
                f"workbench {' '.join(args)} exited {result.returncode}, expected {code}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    def demo_project(self, slug: str = "juja-yanglao", rounds: int = 4) -> str:
        """Create the workspace and import the demo's first ``rounds`` drafts as ``slug``."""
        self.run("init")
        for name, node in DEMO_ROUNDS[:rounds]:
            self.run(
                "import", "--create", str(DEMO / "juja-yanglao" / name), "-p", slug, "--node", node
            )
        return slug
