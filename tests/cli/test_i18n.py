"""click's own messages (usage, help headings, usage errors) come out in Chinese."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_help_headings_are_chinese() -> None:
    """--help shows 用法/选项/命令 and Chinese option help, no click English."""
    out = _run("--help")
    assert out.returncode == 0
    for word in ("用法:", "选项:", "命令:", "显示本帮助并退出。", "显示版本号并退出。"):
        assert word in out.stdout
    for english in ("Usage:", "Options:", "Show this message", "Show the version"):
        assert english not in out.stdout


def test_usage_errors_are_chinese_and_exit_2() -> None:
    """A missing option and a bad choice are explained in Chinese, exit code 2."""
    missing = _run("versions")
    assert missing.returncode == 2
    assert "错误：缺少选项" in missing.stderr
    assert "--project" in missing.stderr
    bad = _run("versions", "-p", "x", "--format", "xml")
    assert bad.returncode == 2
    assert "取值无效" in bad.stderr
    assert "Invalid value" not in bad.stderr
