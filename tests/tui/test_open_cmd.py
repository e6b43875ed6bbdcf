"""``workbench open``: help text, and a clear Chinese error for a folder that is no workspace."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from workbench.cli import _register, cli

_register()


def test_open_has_chinese_help() -> None:
    """``workbench open --help`` explains the command and its keys in Chinese."""
    result = CliRunner().invoke(cli, ["open", "--help"])
    assert result.exit_code == 0
    assert "终端界面" in result.output
    assert "F4 对照" in result.output


def test_open_refuses_a_folder_that_is_not_a_workspace(tmp_path: Path) -> None:
    """A folder without database nor demo manifest is refused on stderr with the fix to apply."""
    result = CliRunner().invoke(cli, ["open", str(tmp_path)])
    assert result.exit_code != 0
    assert "workbench init" in result.stderr
    assert not result.stdout


def test_open_reports_a_broken_demo_manifest(tmp_path: Path) -> None:
    """A demo manifest that cannot be read is reported with the file, nothing is built."""
    (tmp_path / "demo.toml").write_text("[project\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["open", str(tmp_path)])
    assert result.exit_code != 0
    assert "demo.toml" in result.stderr
    assert "TOML" in result.stderr
    assert not (tmp_path / "workbench.sqlite3").exists()
