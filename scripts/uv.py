"""Run uv, fetching it first if needed: ``python3 scripts/uv.py run workbench open drafts``.

The workbench is run and tested with uv (https://docs.astral.sh/uv/), which creates the
project's own virtual environment in ``.venv`` and installs the locked dependencies there. This
script gets uv without touching the Python it runs on, so it works where ``pip install`` is
refused (Debian and Ubuntu's system Python, PEP 668), where there is no pip or venv module at
all, under pyenv or in a virtual environment, and on Windows (``py scripts\\uv.py …``):

1. a ``uv`` on PATH at least as new as `UV_VERSION` is used as it is;
2. otherwise uv `UV_VERSION` is taken from the package index (``UV_DEFAULT_INDEX``,
   ``UV_INDEX_URL`` or ``PIP_INDEX_URL`` if set, a mirror for instance, else PyPI): the wheel
   for this machine, checked against the index's SHA-256, its ``uv`` program kept in the user's
   cache folder (``~/.cache/workbench``, ``%LOCALAPPDATA%\\workbench\\cache`` on Windows);
3. uv then runs with the arguments given, trusting the certificates the machine trusts
   (``UV_SYSTEM_CERTS=1`` unless set otherwise), as Python itself does.

Only the standard library is used, and nothing is installed into any Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

UV_VERSION = "0.13.9"
"""The uv release fetched when none as new is on PATH (the one the project is developed with)."""

DEFAULT_INDEX = "https://pypi.org/simple"
MAX_WHEEL_BYTES = 64 * 1024 * 1024
"""A uv wheel is about 17 MB; anything far larger is not one."""


class BootstrapError(Exception):
    """Something stopped the bootstrap; the message says what to do (in Chinese)."""


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def uv_on_path() -> str | None:
    """A ``uv`` on PATH at least as new as `UV_VERSION`, or None."""
    found = shutil.which("uv")
    if found is None:
        return None
    try:
        out = subprocess.run(
            [found, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\d+\.\d+\.\d+", out)
    if match and _version_tuple(match.group()) >= _version_tuple(UV_VERSION):
        return found
    return None


def cache_dir() -> Path:
    """Where fetched uv programs are kept (per user, outside any project and any Python)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "workbench" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "workbench"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workbench"


def _glibc() -> tuple[int, int] | None:
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (AttributeError, ValueError, OSError):
        text = ""
    match = re.fullmatch(r"glibc (\d+)\.(\d+)", text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


_ARCH = {
    "amd64": "x86_64",
    "x64": "x86_64",
    "arm64": "aarch64",
    "armv8l": "armv7l",
    "i386": "i686",
    "x86": "i686",
}


def machine() -> str:
    """This machine's architecture in wheel-tag spelling (``x86_64``, ``aarch64`` …)."""
    raw = platform.machine().lower()
    return _ARCH.get(raw, raw)


def wheel_fits(filename: str, system: str, arch: str, glibc: tuple[int, int] | None) -> bool:
    """Whether the uv wheel ``filename`` runs on ``system``/``arch`` (``glibc`` None = musl)."""
    match = re.fullmatch(r"uv-[^-]+-py3-none-(.+)\.whl", filename)
    if match is None:
        return False
    for tag in match.group(1).split("."):
        if system == "windows":
            wanted = {"x86_64": "win_amd64", "aarch64": "win_arm64", "i686": "win32"}.get(arch)
            if tag == wanted:
                return True
        elif system == "darwin":
            mac = re.fullmatch(r"macosx_\d+_\d+_(\w+)", tag)
            if mac and mac.group(1) in (arch, "universal2", "arm64" if arch == "aarch64" else ""):
                return True
        elif system == "linux":
            many = re.fullmatch(r"manylinux_(\d+)_(\d+)_(\w+)", tag)
            if (
                many
                and glibc is not None
                and many.group(3) == arch
                and (int(many.group(1)), int(many.group(2))) <= glibc
            ):
                return True
            if tag == f"manylinux2014_{arch}" and glibc is not None and glibc >= (2, 17):
                return True
            musl = re.fullmatch(r"musllinux_\d+_\d+_(\w+)", tag)
            if musl and glibc is None and musl.group(1) == arch:
                return True
    return False


def index_url() -> str:
    """The package index to fetch from: the user's configured mirror, else PyPI."""
    for name in ("UV_DEFAULT_INDEX", "UV_INDEX_URL", "PIP_INDEX_URL"):
        value = os.environ.get(name, "").strip()
        if value:
            return value.rstrip("/")
    return DEFAULT_INDEX


def _open(url: str, accept: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            data: bytes = response.read(MAX_WHEEL_BYTES + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise BootstrapError(
            f"无法访问 {url}：{getattr(exc, 'reason', exc)}。请检查网络或代理（HTTPS_PROXY），"
            "或用环境变量 UV_DEFAULT_INDEX 指定可用的软件包镜像"
            "（例如 https://pypi.tuna.tsinghua.edu.cn/simple）；"
            "也可以按 https://docs.astral.sh/uv/getting-started/installation/ 自行安装 uv。"
        ) from exc
    if len(data) > MAX_WHEEL_BYTES:
        raise BootstrapError(f"{url} 的内容过大，不像是 uv 的安装包。")
    return data


def release_files(index: str) -> list[tuple[str, str, str]]:
    """(file name, URL, sha256) of every uv `UV_VERSION` wheel the index lists.

    Reads the index's JSON form (PEP 691) when it offers one, its HTML form (PEP 503) otherwise.
    """
    page = f"{index}/uv/"
    data = _open(page, "application/vnd.pypi.simple.v1+json, text/html;q=0.5")
    prefix = f"uv-{UV_VERSION}-"
    files: list[tuple[str, str, str]] = []
    try:
        listing = json.loads(data)
        for entry in listing.get("files", []):
            name = entry.get("filename", "")
            sha = entry.get("hashes", {}).get("sha256", "")
            if name.startswith(prefix) and name.endswith(".whl") and not entry.get("yanked"):
                files.append((name, urllib.parse.urljoin(page, entry["url"]), sha))
        return files
    except ValueError:
        pass
    html = data.decode("utf-8", "replace")
    for href, name in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>\s*([^<\s]+)\s*</a>', html):
        sha = re.search(r"#sha256=([0-9a-f]{64})", href)
        if name.startswith(prefix) and name.endswith(".whl"):
            url = urllib.parse.urljoin(page, href.split("#", 1)[0])
            files.append((name, url, sha.group(1) if sha else ""))
    return files


def fetch_uv(target: Path) -> Path:
    """Fetch uv `UV_VERSION` for this machine into ``target`` (a folder) and return the program."""
    system = platform.system().lower()
    arch = machine()
    glibc = _glibc() if system == "linux" else None
    index = index_url()
    candidates = [f for f in release_files(index) if wheel_fits(f[0], system, arch, glibc)]
    if not candidates:
        raise BootstrapError(
            f"软件包索引 {index} 上没有适合本机（{system} {arch}）的 uv {UV_VERSION}。"
            "请按 https://docs.astral.sh/uv/getting-started/installation/ 安装 uv 后重试。"
        )
    name, url, sha = candidates[0]
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        raise BootstrapError(f"软件包索引没有给出 {name} 的 SHA-256，无法核验，已停止。")
    print(f"正在下载 uv {UV_VERSION}（{name}）……", file=sys.stderr)
    data = _open(url)
    if hashlib.sha256(data).hexdigest() != sha:
        raise BootstrapError(f"下载的 {name} 与索引给出的 SHA-256 不符，已丢弃。请稍后重试。")
    exe = "uv.exe" if system == "windows" else "uv"
    member = f"uv-{UV_VERSION}.data/scripts/{exe}"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target) as tmp:
        wheel = Path(tmp) / name
        wheel.write_bytes(data)
        try:
            with zipfile.ZipFile(wheel) as archive:
                program = archive.read(member)
        except (zipfile.BadZipFile, KeyError) as exc:
            raise BootstrapError(f"{name} 中没有 {member}，不是预期的 uv 安装包。") from exc
        staged = Path(tmp) / exe
        staged.write_bytes(program)
        staged.chmod(0o755)
        final = target / exe
        os.replace(staged, final)
    return final


def find_uv() -> str:
    """The uv program to run: one on PATH if new enough, else the cached or fetched one."""
    found = uv_on_path()
    if found:
        return found
    folder = cache_dir() / f"uv-{UV_VERSION}"
    program = folder / ("uv.exe" if sys.platform == "win32" else "uv")
    if program.is_file():
        return str(program)
    return str(fetch_uv(folder))


def main(argv: list[str]) -> int:
    """Find or fetch uv, then run it with ``argv``; returns uv's exit status."""
    try:
        uv = find_uv()
    except BootstrapError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    if "UV_NATIVE_TLS" not in env:
        # Trust the certificates this machine trusts, as Python (and this script's own
        # download) does: uv's built-in list lacks the CA of a proxy that inspects HTTPS,
        # common on office and government networks.
        env.setdefault("UV_SYSTEM_CERTS", "1")
    if sys.platform == "win32":
        return subprocess.call([uv, *argv], env=env)
    os.execve(uv, [uv, *argv], env)
    return 0  # not reached: execve replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
