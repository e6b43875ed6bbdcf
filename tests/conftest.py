"""Shared fixtures: where the shared corpus is."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real law texts (``../shared/corpus``); tests fail if it is missing."""
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.fail(f"shared corpus not found at {CORPUS}")
    return CORPUS
