"""The workspace on the shared corpus: every version pair imported as two consultation rounds."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from workbench.model import articles, full_text
from workbench.parse import parse_file
from workbench.workspace import Workspace

pytestmark = pytest.mark.corpus


def _pairs(corpus_dir: Path) -> list[tuple[Path, Path]]:
    by_title: defaultdict[str, list[Path]] = defaultdict(list)
    for path in sorted((corpus_dir / "versions").glob("*.md")):
        by_title[re.sub(r"\(\d{4}-\d{2}-\d{2}\)\.md$", "", path.name)].append(path)
    return [(paths[0], paths[-1]) for paths in by_title.values() if len(paths) >= 2]


def test_every_version_pair_imports_as_two_rounds_with_uids_carried(
    corpus_dir: Path, tmp_path: Path, database_url: str | None
) -> None:
    """Old text at 立项前, new at 初审前: unchanged articles keep their uid, trees round-trip."""
    pairs = _pairs(corpus_dir)
    assert len(pairs) == 18
    with Workspace.init(tmp_path / "ws", database_url) as ws:
        for n, (old_path, new_path) in enumerate(pairs):
            slug = f"law-{n:02d}"
            ws.import_version(old_path, slug, "立项前", actor="t", create=True)
            result = ws.import_version(new_path, slug, "初审前", actor="t", create=True)
            assert result.version.number == 2
            old, new = ws.document(slug, 1), ws.document(slug, 2)
            # Stored trees are what the parser gave (the uids aside).
            parsed = parse_file(new_path)
            assert [full_text(a) for a in articles(new)] == [full_text(a) for a in articles(parsed)]
            # An article whose text is unique in both versions and unchanged keeps its uid.
            old_by_text: defaultdict[str, list[str]] = defaultdict(list)
            for a in articles(old):
                old_by_text[full_text(a)].append(a.uid)
            new_by_text: defaultdict[str, list[str]] = defaultdict(list)
            for a in articles(new):
                new_by_text[full_text(a)].append(a.uid)
            unchanged = [
                t
                for t, uids in new_by_text.items()
                if len(uids) == 1 and len(old_by_text.get(t, [])) == 1
            ]
            for t in unchanged:
                assert new_by_text[t] == old_by_text[t], f"{new_path.name}: {t[:30]}"
            history = ws.node_history(slug, articles(new)[0].uid)
            assert history[-1].version == 2
        assert len(ws.projects()) == 18
        assert ws.verify_audit().ok
