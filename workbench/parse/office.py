"""Word 97-2003 (``.doc``) and WPS (``.wps``) drafts, read by converting them with LibreOffice.

Government sites mostly publish drafts as ``.doc``. When LibreOffice (``soffice``) is installed,
the file is converted to ``.docx`` in a private temporary folder (its own throw-away LibreOffice
profile, so default macro security applies and no user settings are touched) and read like any
Word file. Without LibreOffice the error says exactly what to do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from workbench.errors import ParseError
from workbench.model import Document, UidFactory

__all__ = ["LEGACY_SUFFIXES", "convert_to_docx", "parse_legacy_word", "soffice_program"]

LEGACY_SUFFIXES: dict[str, str] = {
    ".doc": "Word 97-2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
}
"""The suffixes converted through LibreOffice, and how people call those formats."""

CONVERT_TIMEOUT = 180
"""Seconds a conversion may take (LibreOffice starts in a few seconds; a draft converts in one)."""

MAX_LEGACY_BYTES = 50 * 1024 * 1024
"""Largest ``.doc``/``.wps`` accepted (drafts are well under 1 MiB; embedded images add more)."""

_INSTALLED = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice/program/soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
"""Where the LibreOffice installers put the program on Windows and macOS (not on PATH there)."""


def soffice_program() -> str | None:
    """The LibreOffice program: ``soffice`` or ``libreoffice`` on PATH, else the usual install place."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _INSTALLED:
        if candidate.is_file():
            return str(candidate)
    return None


def _no_libreoffice(path: Path) -> ParseError:
    kind = LEGACY_SUFFIXES[path.suffix.lower()]
    editor = "WPS" if path.suffix.lower() == ".wps" else "Word 或 WPS"
    install = (
        "Windows 或 macOS 从 https://zh-cn.libreoffice.org/download/ 下载安装"
        if sys.platform in ("win32", "darwin")
        else "Debian/Ubuntu 运行 sudo apt install libreoffice-writer，"
        "Windows 或 macOS 从 https://zh-cn.libreoffice.org/download/ 下载安装"
    )
    return ParseError(
        f"这是{kind}，需要先转换才能读取。任选其一："
        f"① 在 {editor} 中打开，“另存为”Word 文档（*.docx），再导入 .docx 文件；"
        f"② 安装 LibreOffice 后重试，工作台会自动转换（{install}）。",
        file=str(path),
    )


def convert_to_docx(path: Path) -> bytes:
    """The ``.docx`` bytes LibreOffice makes of ``path`` (a ``.doc`` or ``.wps`` file).

    Raises:
        ParseError: LibreOffice is not installed (the message says what to do instead), the
            file is too large, or the conversion failed or timed out.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ParseError("文件不存在，请检查路径", file=str(path)) from exc
    except OSError as exc:
        raise ParseError(f"无法读取文件：{exc.strerror or exc}", file=str(path)) from exc
    program = soffice_program()
    if program is None:
        raise _no_libreoffice(path)
    if size > MAX_LEGACY_BYTES:
        raise ParseError(
            f"文件过大（{size // 1024 // 1024} MiB，上限 {MAX_LEGACY_BYTES // 1024 // 1024} MiB）",
            file=str(path),
        )
    with tempfile.TemporaryDirectory(prefix="workbench-convert-") as tmp:
        work = Path(tmp)
        source = work / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise ParseError(
                f"LibreOffice 转换超过 {CONVERT_TIMEOUT} 秒仍未完成：请在 Word 或 WPS 中另存为 .docx 后导入",
                file=str(path),
            ) from exc
        except OSError as exc:
            raise ParseError(f"无法运行 LibreOffice（{program}）：{exc}", file=str(path)) from exc
        converted = work / "out" / "source.docx"
        if done.returncode != 0 or not converted.is_file():
            raise ParseError(
                "LibreOffice 无法转换这个文件（可能已损坏，或不是 Word/WPS 文档）："
                "请在 Word 或 WPS 中打开并另存为 .docx 后导入",
                file=str(path),
            )
        return converted.read_bytes()


def parse_legacy_word(
    path: Path, *, uids: UidFactory | None = None, validate: bool = True
) -> Document:
    """Read a ``.doc`` or ``.wps`` draft through LibreOffice (see the module docstring).

    Raises:
        ParseError: As `convert_to_docx`, or the converted file has no text.
    """
    from workbench.parse.docx import docx_lines
    from workbench.parse.text import parse_text

    lines = docx_lines(convert_to_docx(path), path.name)
    if not any(line.strip() for line in lines):
        raise ParseError("文件中没有文字", file=path.name)
    return parse_text("\n".join(lines), source=path.name, uids=uids, validate=validate)
