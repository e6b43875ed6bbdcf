"""One option vocabulary, one --format default rule, documented exit codes (docs/cli.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from tests.support.cli import DEMO, Bench
from workbench.cli import _register, cli
from workbench.cli.commands import COMMAND_MODULES
from workbench.cli.options import ConventionOption, FormatChoice
from workbench.cli.output import ExitCode, clean, json_text

_register()

READERS = {"parse", "amend parse"}
"""Commands that read a document into its structure: their product is that structure, as JSON."""

DOCUMENT_FIRST = {
    **dict.fromkeys(READERS, "json"),
    "export draft": "docx",
    "export compare": "docx",
    "export feedback": "docx",
    "export report": "docx",
    "export comments": "xlsx",
    "comments template": "xlsx",
}
"""Commands whose primary product is a document, and that document's format (their default)."""


def _commands(group: click.Group = cli, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = f"{prefix}{name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} ")


COMMANDS = dict(_commands())


def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


def test_every_top_level_command_is_registered_once() -> None:
    """Each name in COMMAND_MODULES loads a command of that name, and help lists them all."""
    top = {path for path in COMMANDS if " " not in path}
    assert top == set(COMMAND_MODULES)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_and_option_has_help(path: str) -> None:
    """`--help` explains the command and each of its options (arguments live in the summary)."""
    command = COMMANDS[path]
    assert command.help, f"workbench {path} has no help"
    for option in _options(command):
        if not option.hidden:
            assert option.help, f"workbench {path} {option.opts} has no help"


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_shared_options_are_spelled_one_way(path: str) -> None:
    """-p/--project, -n/--node, --version (no short form), --station, -o/--output everywhere."""
    spelled = {
        "project": ["-p", "--project"],
        "node": ["-n", "--node"],
        "nodes": ["-n", "--node"],
        "station": ["--station"],
        "output": ["-o", "--output"],
    }
    for option in _options(COMMANDS[path]):
        current = [o for o in option.opts if o not in getattr(option, "legacy_opts", ())]
        if option.name in spelled:
            assert sorted(current) == sorted(spelled[option.name]), (path, option.opts)
        if "--version" in option.opts:
            assert current == ["--version"], (path, option.opts)
        assert "-v" not in current, f"workbench {path}: -v must not be a visible option"
        if "--project" in option.opts:
            assert option.name == "project", path


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_format_defaults_follow_the_one_rule(path: str) -> None:
    """--format: text first for what a person reads, the document format for converters."""
    for option in _options(COMMANDS[path]):
        if "--format" not in option.opts:
            continue
        assert isinstance(option.type, FormatChoice), path
        assert option.name == "fmt"
        choices = list(option.type.choices)
        assert option.default == choices[0]
        assert option.show_default
        expected = DOCUMENT_FIRST.get(path, "text")
        assert option.default == expected, f"workbench {path} --format defaults to {option.default}"
        if "text" not in choices:
            assert path in DOCUMENT_FIRST
        if option.default == "json":
            assert path in READERS, f"workbench {path}: only a reader may default to json"


def test_older_spellings_are_accepted_but_not_listed() -> None:
    """import --stage/-s, show -v parse like their new names and stay out of --help."""
    show = COMMANDS["show"]
    version = next(o for o in _options(show) if o.name == "ref")
    assert isinstance(version, ConventionOption)
    assert version.legacy_opts == ("-v",)
    ctx = click.Context(show)
    record = version.get_help_record(ctx)
    assert record is not None
    assert "-v" not in record[0].split(", ")
    assert "--version" in record[0]


def test_terminal_output_drops_control_sequences() -> None:
    """OSC (clipboard, title), CSI, BEL, BS and C1 never reach the terminal; text stays."""
    hostile = "意见\x1b]52;c;ZXZpbA==\x07正文\x1b[2J\x1b[31m红\x1b[0m\x08\x07\x9b6n完\r\n下一行"
    assert clean(hostile) == "意见正文红完\n下一行"
    assert clean("第一条\t本条例。\n") == "第一条\t本条例。\n"
    assert clean("罚款\u202e0001\u202c元") == "罚款0001元"
    escaped = json_text({"text": "a\x9bb\x1b"})
    assert "\x9b" not in escaped
    assert "\x1b" not in escaped
    assert json.loads(escaped) == {"text": "a\x9bb\x1b"}


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    bench = Bench(tmp_path / "ws")
    bench.demo_project(rounds=2)
    return bench


def test_old_and_new_spellings_work_on_a_real_workspace(bench: Bench, tmp_path: Path) -> None:
    """Scripts written for the old spellings still run; the new ones do the same."""
    old = bench.run("show", "-p", "juja-yanglao", "-v", "立项前").stdout
    new = bench.run("show", "-p", "juja-yanglao", "--version", "立项前").stdout
    assert old == new
    assert "第一条" in new
    table = bench.run("versions", "-p", "juja-yanglao", "--format", "table").stdout
    assert table == bench.run("versions", "-p", "juja-yanglao").stdout
    again = bench.run(
        "import", str(DEMO / "juja-yanglao" / "02-初审前.md"), "-p", "juja-yanglao", "-s", "初审前"
    )
    assert "未重复导入" in again.stderr
    help_text = bench.run("import", "--help").stdout
    assert "--node" in help_text
    assert (
        "-s, --stage STAGE" in help_text
    )  # now the stage of the cycle (issue 20); takes nodes too


def test_exit_codes_tell_usage_errors_from_failures(bench: Bench, tmp_path: Path) -> None:
    """0 done, 1 failed (message names the fix), 2 command line wrong, 3 partly accepted.

    The exit codes of a usage error and a partial ingest are read from a real process.
    """
    usage = bench.run("versions", "--no-such-option", code=ExitCode.USAGE, process=True)
    assert "没有选项" in usage.stderr
    assert usage.stdout == ""
    failed = bench.run("versions", "-p", "no-such-project", code=ExitCode.ERROR)
    assert failed.stderr.startswith("错误：")
    assert "juja-yanglao" in failed.stderr
    assert failed.stdout == ""
    good = DEMO / "juja-yanglao" / "comments" / "初审前-ST01.csv"
    bad = tmp_path / "bad.csv"
    bad.write_text("联络站编号,意见建议\nZZ99,无效\n", encoding="utf-8")
    partial = bench.run(
        "comments", "ingest", str(good), str(bad), code=ExitCode.PARTIAL, process=True
    )
    assert "拒收" in partial.stderr
    bench.run("comments", "ingest", str(bad), code=ExitCode.ERROR)
