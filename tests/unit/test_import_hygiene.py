"""The domain core imports without Textual, Rich or click (run in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "workbench.numerals",
    "workbench.errors",
    "workbench.model",
    "workbench.parse",
    "workbench.render",
    "workbench.refs",
    "workbench.edit",
    "workbench.diff",
    "workbench.comments",
    "workbench.review",
    "workbench.check",
    "workbench.amend",
    "workbench.store",
    "workbench.export",
    "workbench.workspace",
]


@pytest.mark.parametrize("module", CORE)
def test_core_package_does_not_load_textual(module: str) -> None:
    """Importing a core package leaves textual, rich and click out of sys.modules."""
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in ('textual', 'rich', 'click') if m in sys.modules); "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "", f"{module} loaded {out.stdout.strip()}"
