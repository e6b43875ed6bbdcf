"""The workspace every hostile test starts from, fresh for each test.

Project ``jy`` with the demo's 初审前 draft as version 1, three comments from station ST01 (one
decided), and one 四前四方 cell set: enough state that "nothing stored changed" means something.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.comment_files import csv_bytes, row
from workbench.workspace import CommentService, Workspace

DRAFTS = Path(__file__).resolve().parents[2] / "drafts" / "juja-yanglao"


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test process through the services, as the CLI would."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "ws"
    good = root / "good.csv"
    good.write_bytes(
        csv_bytes(
            [
                row("第三条", "建议明确适用范围。"),
                row("第十条", "建议增加社区食堂。", submitter="李四"),
                row("第九十九条", "条款写错了的意见。"),
            ]
        )
    )
    with Workspace.init(folder, actor="测试员") as ws:
        ws.import_version(DRAFTS / "02-初审前.md", "jy", "初审前", actor="测试员", create=True)
        service = CommentService(ws)
        results = service.ingest([good], actor="测试员")
        assert [r.status for r in results] == ["accepted"], results
        first = service.comments("jy")[0][0].id
        service.decide(kind="采纳", reason="", actor="测试员", comment_ids=[first])
        party = ws.matrix_config().parties[0]
        ws.set_cell("jy", "初审前", party, "已征求", record="已发函", actor="测试员")
    return folder


@pytest.fixture
def ws(template_workspace: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template workspace for one test."""
    target = tmp_path / "ws"
    shutil.copytree(template_workspace, target)
    return target
