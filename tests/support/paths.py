"""Where the tests find the project, the shared corpus and the demo's tracked files."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CORPUS", "DEMO_PROJECT", "DEMO_SLUG", "DRAFTS", "ROOT"]

ROOT = Path(__file__).resolve().parents[2]
"""The project root."""
CORPUS = ROOT.parent / "shared" / "corpus"
"""The shared corpus of real law texts (``../shared/corpus``)."""
DRAFTS = ROOT / "drafts"
"""The bundled demo workspace's tracked files."""
DEMO_SLUG = "juja-yanglao"
"""The demo project's slug."""
DEMO_PROJECT = DRAFTS / DEMO_SLUG
"""The demo project's drafts and comment files (``01-立项前.md`` …)."""
