"""Commands load only what they need: the import graph of the real command, in a subprocess.

``python -X importtime -m workbench …`` lists every module the command imported; a ``parse`` or
``diff`` of files must not load the store (SQLAlchemy), the TUI (Textual, Rich) or the Office
libraries (openpyxl, python-docx), and ``--version`` not even pydantic.
"""

from __future__ import annotations

import re

import pytest

from tests.support.cli import cli_env, run_cli

CORPUS_LAW = "民法典"
HEAVY = ("sqlalchemy", "textual", "rich", "openpyxl", "docx", "psycopg", "workbench.store")


def _imported(*args: str) -> set[str]:
    env = cli_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = run_cli("-X", "importtime", *args, env=env, python_options=True)
    assert result.returncode == 0, result.stderr[-2000:]
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", result.stderr, re.M)
    assert names, "no -X importtime output"
    return set(names)


def _loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


@pytest.fixture(scope="module")
def law_files(corpus_dir):  # type: ignore[no-untyped-def]
    large = next((corpus_dir / "large").glob(f"*{CORPUS_LAW}*.md"))
    versions = sorted((corpus_dir / "versions").glob("*民事诉讼法*.md"))
    return large, versions[0], versions[-1]


@pytest.mark.corpus
def test_parse_imports_neither_store_nor_tui_nor_office(law_files) -> None:  # type: ignore[no-untyped-def]
    """workbench parse law.md: the parser and the model, nothing of the workspace or the TUI."""
    modules = _imported("parse", str(law_files[0]), "--format", "outline")
    assert "workbench.parse.text" in modules
    for package in (*HEAVY, "workbench.workspace", "workbench.tui", "lxml"):
        assert not _loaded(modules, package), f"parse imported {package}"


@pytest.mark.corpus
def test_diff_of_two_files_imports_neither_store_nor_tui_nor_office(law_files) -> None:  # type: ignore[no-untyped-def]
    """workbench diff old.md new.md: parser, model and alignment only.

    The trees are built without validation (`workbench.model.trusted`): pydantic builds no
    validator, so its plugin loader (``importlib.metadata`` and a scan of every installed
    package, about 25 ms) never runs.
    """
    modules = _imported("diff", str(law_files[1]), str(law_files[2]))
    assert "workbench.diff.align" in modules
    for package in (*HEAVY, "workbench.workspace", "workbench.tui", "pydantic.plugin._loader"):
        assert not _loaded(modules, package), f"diff imported {package}"


def test_version_loads_no_domain_code() -> None:
    """workbench --version: click and the CLI's own small modules, not even pydantic."""
    modules = _imported("--version")
    for package in ("pydantic", "workbench.model", "workbench.parse", *HEAVY):
        assert not _loaded(modules, package), f"--version imported {package}"
