"""A .doc (and .wps) draft is read through LibreOffice, or refused with exactly what to do."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import DEMO, ROOT, Bench, cli_env, run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TEXT = DEMO / "juja-yanglao" / "01-立项前.md"


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Word 97-2003 file, written by LibreOffice from the demo's first draft."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("doc")
    source = work / "居家养老条例.txt"
    shutil.copyfile(TEXT, source)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--infilter=Text (encoded):UTF8,LF,,,",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(work),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    made = work / "居家养老条例.doc"
    assert made.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE compound file, as Word writes
    return made


def _outline(path: Path) -> str:
    result = run_cli("parse", str(path), "--format", "outline")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_doc_draft_parses_like_its_text(doc_file: Path) -> None:
    """The converted .doc gives the same outline (chapters, 53 articles) as the original text."""
    from_doc = _outline(doc_file).splitlines()
    from_text = _outline(TEXT).splitlines()
    assert from_doc[1:] == from_text[1:]
    assert "（53条）" in from_doc[0]


def test_a_doc_draft_imports_and_is_kept_as_received(doc_file: Path, tmp_path: Path) -> None:
    """import FILE.doc: a version, and the .doc itself kept byte for byte in inbox/."""
    bench = Bench(tmp_path / "ws")
    bench.run("init")
    done = bench.run("import", str(doc_file), "--create", "-p", "jujia", "--node", "立项前")
    assert done.stdout.startswith("jujia\t第 1 版")
    kept = list((tmp_path / "ws" / "inbox").glob("*.doc"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == doc_file.read_bytes()


def test_a_folder_of_doc_files_goes_into_the_library(doc_file: Path, tmp_path: Path) -> None:
    """library add DIR finds .doc files too (government sites publish laws as .doc)."""
    folder = tmp_path / "laws"
    folder.mkdir()
    shutil.copyfile(doc_file, folder / "居家养老条例(2024-01-01).doc")
    bench = Bench(tmp_path / "ws")
    bench.run("init")
    added = json.loads(bench.run("library", "add", str(folder), "--format", "json").stdout)
    assert [v["date"] for v in added["added"]] == ["2024-01-01"]
    assert added["added"][0]["articles"] == 53


def test_a_wps_draft_is_read_the_same_way(doc_file: Path, tmp_path: Path) -> None:
    """WPS saves many .wps files in the Word 97 format: LibreOffice reads them by content."""
    wps = tmp_path / "草案.wps"
    shutil.copyfile(doc_file, wps)
    assert "（53条）" in _outline(wps).splitlines()[0]


def test_without_libreoffice_the_error_says_what_to_do(tmp_path: Path) -> None:
    """No soffice on PATH: exit 1, and the two ways out (save as .docx, or install LibreOffice)."""
    doc = tmp_path / "草案.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli("parse", str(doc), env=cli_env(PATH=str(empty)))
    assert result.returncode == 1
    assert "Word 97-2003" in result.stderr
    assert "另存为" in result.stderr
    assert "sudo apt install libreoffice-writer" in result.stderr
    assert "Traceback" not in result.stderr


def test_render_docx_names_the_packages_to_install(tmp_path: Path) -> None:
    """scripts/render_docx.sh without LibreOffice: the apt command, CJK font package included."""
    empty = tmp_path / "bin"
    empty.mkdir()
    bash = shutil.which("bash")
    assert bash is not None
    result = subprocess.run(
        [bash, str(ROOT / "scripts" / "render_docx.sh"), str(tmp_path / "out"), "x.docx"],
        env={"PATH": str(empty), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "sudo apt install libreoffice-writer poppler-utils fonts-noto-cjk" in result.stderr
