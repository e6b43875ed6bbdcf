"""The README's first command on a Python that refuses pip: ``scripts/uv.py`` fetches uv itself.

A real HTTP server on localhost plays the package index (JSON and HTML forms); the "uv" in each
fake wheel is a shell script that says which wheel it came from, so the test sees which file
was chosen for this machine, that it was checked against the index's SHA-256, kept in the
user's cache and run with the arguments given.
"""

from __future__ import annotations

import hashlib
import http.server
import importlib.util
import io
import json
import platform
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.cli import ROOT

SCRIPT = ROOT / "scripts" / "uv.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("uv_bootstrap", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


uv_bootstrap = _load()
VERSION = uv_bootstrap.UV_VERSION
PLATFORMS = (
    "manylinux_2_17_x86_64.manylinux2014_x86_64",
    "manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
    "musllinux_1_1_x86_64",
    "win_amd64",
    "macosx_11_0_arm64",
)

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() not in ("x86_64", "aarch64"),
    reason="the fake uv programs are shell scripts for glibc Linux",
)


def _wheel(tag: str) -> bytes:
    program = f'#!/bin/sh\necho "fake-uv {tag.split(".")[0]} $*"\n'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"uv-{VERSION}.data/scripts/uv", program)
        archive.writestr(f"uv-{VERSION}.dist-info/METADATA", "Name: uv\n")
    return buffer.getvalue()


class _Index:
    """What the fake index serves: file name → bytes, and the hashes it claims."""

    def __init__(self) -> None:
        self.files = {f"uv-{VERSION}-py3-none-{tag}.whl": _wheel(tag) for tag in PLATFORMS}
        self.claimed = {name: hashlib.sha256(data).hexdigest() for name, data in self.files.items()}
        self.html = False
        self.requests: list[str] = []


@pytest.fixture
def index() -> Iterator[tuple[str, _Index]]:
    state = _Index()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            state.requests.append(self.path)
            if self.path == "/simple/uv/":
                if state.html:
                    links = "".join(
                        f'<a href="../../files/{n}#sha256={state.claimed[n]}">{n}</a>\n'
                        for n in state.files
                    )
                    body, kind = f"<html><body>{links}</body></html>".encode(), "text/html"
                else:
                    listing = {
                        "files": [
                            {"filename": n, "url": f"../../files/{n}", "hashes": {"sha256": h}}
                            for n, h in state.claimed.items()
                        ]
                    }
                    body, kind = json.dumps(listing).encode(), "application/vnd.pypi.simple.v1+json"
            elif self.path.startswith("/files/") and self.path[7:] in state.files:
                body, kind = state.files[self.path[7:]], "application/octet-stream"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/simple", state
    finally:
        server.shutdown()
        server.server_close()


def _run(
    tmp_path: Path, index_url: str, *args: str, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "bin"
    empty.mkdir(exist_ok=True)
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": path or str(empty),  # no uv on PATH
        "UV_DEFAULT_INDEX": index_url,
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def _expected_tag() -> str:
    return {"x86_64": PLATFORMS[0], "aarch64": PLATFORMS[1]}[platform.machine()].split(".")[0]


def test_uv_is_fetched_checked_cached_and_run(tmp_path: Path, index: tuple[str, _Index]) -> None:
    """No uv anywhere: the wheel for this machine is fetched once, verified, kept, and run."""
    url, state = index
    first = _run(tmp_path, url, "run", "workbench", "open", "drafts")
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"fake-uv {_expected_tag()} run workbench open drafts\n"
    assert f"正在下载 uv {VERSION}" in first.stderr
    cached = tmp_path / "cache" / "workbench" / f"uv-{VERSION}" / "uv"
    assert cached.is_file()
    fetched = [r for r in state.requests if r.startswith("/files/")]
    assert len(fetched) == 1
    again = _run(tmp_path, "http://127.0.0.1:9/simple", "sync", "--locked")  # index unreachable
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"fake-uv {_expected_tag()} sync --locked\n"
    assert "正在下载" not in again.stderr


def test_an_html_index_works_too(tmp_path: Path, index: tuple[str, _Index]) -> None:
    """A mirror that only serves the HTML form of the simple index (PEP 503)."""
    url, state = index
    state.html = True
    result = _run(tmp_path, url, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"fake-uv {_expected_tag()} --version\n"


def test_a_wheel_that_does_not_match_its_hash_is_refused(
    tmp_path: Path, index: tuple[str, _Index]
) -> None:
    """A tampered download is discarded with a Chinese message; nothing is kept or run."""
    url, state = index
    for name in state.claimed:
        state.claimed[name] = "0" * 64
    result = _run(tmp_path, url, "run", "pytest")
    assert result.returncode == 1
    assert "SHA-256 不符" in result.stderr
    assert "fake-uv" not in result.stdout
    assert not (tmp_path / "cache" / "workbench" / f"uv-{VERSION}" / "uv").exists()


def test_an_unreachable_index_says_what_to_do(tmp_path: Path) -> None:
    """No network and no uv: the message names the mirror variable and the installer page."""
    result = _run(tmp_path, "http://127.0.0.1:9/simple", "run", "pytest")
    assert result.returncode == 1
    assert "UV_DEFAULT_INDEX" in result.stderr
    assert "docs.astral.sh/uv" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_enough_uv_on_path_is_used_as_it_is(
    tmp_path: Path, index: tuple[str, _Index]
) -> None:
    """uv already installed (at least the pinned version): no download at all."""
    url, state = index
    bin_dir = tmp_path / "tools"
    bin_dir.mkdir()
    uv = bin_dir / "uv"
    uv.write_text(
        '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "uv 99.0.0"; else echo "own-uv $*"; fi\n',
        encoding="utf-8",
    )
    uv.chmod(0o755)
    result = _run(tmp_path, url, "run", "pytest", path=str(bin_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "own-uv run pytest\n"
    assert state.requests == []


@pytest.mark.parametrize(
    ("filename", "system", "arch", "glibc", "fits"),
    [
        (
            "uv-1-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
            "linux",
            "x86_64",
            (2, 36),
            True,
        ),
        ("uv-1-py3-none-manylinux_2_28_aarch64.whl", "linux", "aarch64", (2, 17), False),
        ("uv-1-py3-none-musllinux_1_1_x86_64.whl", "linux", "x86_64", None, True),
        ("uv-1-py3-none-musllinux_1_1_x86_64.whl", "linux", "x86_64", (2, 36), False),
        ("uv-1-py3-none-win_amd64.whl", "windows", "x86_64", None, True),
        ("uv-1-py3-none-win32.whl", "windows", "x86_64", None, False),
        ("uv-1-py3-none-macosx_11_0_arm64.whl", "darwin", "aarch64", None, True),
        ("uv-1-py3-none-macosx_10_12_x86_64.whl", "darwin", "x86_64", None, True),
    ],
)
def test_wheel_tags_are_matched_to_the_machine(
    filename: str, system: str, arch: str, glibc: tuple[int, int] | None, fits: bool
) -> None:
    """glibc version floors, musl apart, Windows and macOS architectures."""
    assert uv_bootstrap.wheel_fits(filename, system, arch, glibc) is fits
