"""What a command gives back: text on the terminal, JSON on request, and its exit status.

Every command writes through this module, never with ``print`` or ``click.echo`` directly:

- `echo` writes data to stdout (or, with ``err=True``, a message to stderr) after `clean`
  removed terminal control sequences, so a comment text or a law text cannot drive the staff
  member's terminal (OSC 52 writing the clipboard, cursor moves, a bell);
- `note`, `warn` and `fail` write the Chinese messages (提示/警告/错误) to stderr;
- `emit_json` prints a JSON object whose first field ``schema`` names its shape and version
  (``"workbench.projects/1"``); fields are documented in ``docs/cli.md`` and only ever added;
- `ExitCode` lists the exit statuses documented for every command.

stdout carries data only: progress, hints, warnings and errors go to stderr.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from typing import Any

import click

from workbench.controls import clean_text

__all__ = [
    "ExitCode",
    "clean",
    "echo",
    "emit_json",
    "envelope",
    "fail",
    "json_text",
    "note",
    "schema_id",
    "warn",
]


class ExitCode(enum.IntEnum):
    """The exit statuses of ``workbench`` commands (documented in ``docs/cli.md``)."""

    OK = 0
    """Done."""
    ERROR = 1
    """The command failed: bad input, an unknown project or version, a rejected file, a failed
    check (``--strict``, ``audit --verify``). The message on stderr says what to fix."""
    USAGE = 2
    """The command line itself is wrong: an unknown option, a missing argument, a bad value."""
    PARTIAL = 3
    """Some of the files given were accepted and some rejected (``comments ingest``); the
    rejected ones are named on stderr, the accepted ones are stored."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C; nothing half-written is kept (writes are transactions)."""


_C1_OR_DEL = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What ``json.dumps`` leaves raw that a terminal acts on: DEL, C1, line separators, bidi."""


def clean(text: str) -> str:
    r"""``text`` without terminal control sequences: safe to print to a terminal.

    The workbench's one rule for control characters (`workbench.controls.clean_text`):
    escape sequences are removed whole (an OSC title or clipboard write with its payload),
    carriage returns and the other line-like controls end a line (``\r\n`` stays one line
    break), every other control character but tab and line feed is dropped, as are bidi
    overrides. Printable text, CJK included, is unchanged.
    """
    if text.isprintable():
        return text
    return clean_text(text)[0]


def echo(text: str = "", *, err: bool = False, nl: bool = True, styled: bool = False) -> None:
    """Write ``text`` to stdout (data) or stderr (``err=True``), control sequences removed.

    Args:
        text: What to write.
        err: Write to stderr (messages) instead of stdout (data).
        nl: End with a line break.
        styled: ``text`` carries the command's own colours (click.style) around fragments
            that already went through `clean`; it is written as is, and click drops the
            colours when the stream is not a terminal.
    """
    click.echo(text if styled else clean(text), err=err, nl=nl)


def note(message: str) -> None:
    """A hint on stderr: ``提示：…``."""
    echo(f"提示：{message}", err=True)


def warn(message: str) -> None:
    """A warning on stderr: ``警告：…`` (the command goes on)."""
    echo(f"警告：{message}", err=True)


def fail(message: str) -> None:
    """An error on stderr: ``错误：…`` (the caller then exits non-zero)."""
    echo(f"错误：{message}", err=True)


def schema_id(name: str, version: int = 1) -> str:
    """The value of a JSON output's ``schema`` field: ``workbench.<name>/<version>``."""
    return f"workbench.{name}/{version}"


def envelope(name: str, data: Mapping[str, Any], *, version: int = 1) -> dict[str, Any]:
    """``data`` with ``schema`` as its first field (see `schema_id`)."""
    if "schema" in data:
        raise ValueError(f"JSON output {name} already has a field named schema")
    return {"schema": schema_id(name, version), **data}


def json_text(data: Any) -> str:
    r"""``data`` as indented UTF-8 JSON, with DEL, C1 and bidi controls written as ``\u`` escapes.

    ``json.dumps`` escapes C0 controls itself; C1 controls (a lone CSI, ``\x9b``) would
    otherwise reach a terminal raw. The escapes are valid JSON and decode to the same text.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return _C1_OR_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit_json(name: str, data: Mapping[str, Any], *, version: int = 1) -> None:
    """Print ``data`` as a JSON object whose ``schema`` field is ``workbench.<name>/<version>``.

    Args:
        name: The output's documented shape (``projects``, ``comments.list``, ``diff``).
        data: The fields, in the documented order; lists go under a named field.
        version: Raised when a field changes meaning or is removed (adding one does not).
    """
    click.echo(json_text(envelope(name, data, version=version)))
