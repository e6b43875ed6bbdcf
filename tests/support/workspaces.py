"""The one workspace builder, comment files to ingest, and what a workspace lists.

`demo_workspace` makes a workspace with some of the demo's versions; copy it per test
(``shutil.copytree``) from a module-scoped template when many tests start from the same one.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from tests.support.paths import DEMO_PROJECT, DEMO_SLUG, DRAFTS
from workbench.model.comments import COLUMNS
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService
from workbench.workspace.demo import MANIFEST_FILE

__all__ = [
    "DEMO_VERSIONS",
    "HEADER",
    "PROJECT",
    "comment_files",
    "csv_bytes",
    "demo_sources",
    "demo_workspace",
    "ingested",
    "row",
    "stored",
]

PROJECT = DEMO_SLUG
"""The demo project's slug."""
DEMO_VERSIONS = {
    "立项前": "01-立项前.md",
    "初审前": "02-初审前.md",
    "二审前": "03-二审前.md",
    "表决前": "04-表决前.md",
}
"""The demo's draft of each stage."""
HEADER = "联络站编号,采集员,项目,版本,条款,意见建议,理由,建议修改为,提出人类别,提出人,联系方式\n"
"""The header line of a comment CSV."""


def demo_workspace(
    folder: Path,
    stages: Sequence[str] = ("立项前", "初审前"),
    *,
    database_url: str | None = None,
) -> Workspace:
    """A new workspace at ``folder`` with the demo's drafts of ``stages`` imported, open.

    Close it (or use it in a ``with``) when done.
    """
    ws = Workspace.init(folder, database_url)
    try:
        for stage in stages:
            ws.import_version(
                DEMO_PROJECT / DEMO_VERSIONS[stage], PROJECT, stage, actor="测试", create=True
            )
    except BaseException:
        ws.close()
        raise
    return ws


def demo_sources(target: Path) -> Path:
    """Copy the tracked demo files (manifest, drafts, comments, stations) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(DRAFTS / MANIFEST_FILE, target / MANIFEST_FILE)
    if (DRAFTS / "stations.csv").exists():
        shutil.copy2(DRAFTS / "stations.csv", target / "stations.csv")
    shutil.copytree(DEMO_PROJECT, target / DEMO_SLUG)
    return target


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    """A comment CSV with the template's header and ``rows``."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


def row(station: str, clause: str, opinion: str, **extra: str) -> list[str]:
    """One CSV row on the demo's 初审前 version (``extra``: 理由=…, 提出人=… by column name)."""
    cells = {
        "理由": "",
        "建议修改为": "",
        "提出人类别": "群众",
        "提出人": "张三",
        "联系方式": "13900000000",
    } | extra
    return [station, "采集员甲", PROJECT, "初审前", clause, opinion, *cells.values()]


def comment_files(folder: Path, salt: str = "") -> list[Path]:
    """Eleven files covering the shapes the readers take apart differently (``salt``: other bytes)."""
    folder.mkdir()
    files: dict[str, bytes] = {}
    for i in range(6):  # plain files: the fast path
        station = f"ST{i + 1:02d}"
        rows = [row(station, f"第{n % 9 + 1}条", f"意见{i}-{n}{salt}，请明确。") for n in range(40)]
        files[f"plain-{i}.csv"] = csv_bytes(rows, "gbk" if i % 2 else "utf-8-sig")
    files["formula.csv"] = csv_bytes(
        [row("ST07", "第一条", "=1+1"), row("ST07", "第二条", "正常意见", 理由="@引用")]
    )
    files["quoted.csv"] = csv_bytes(
        [row("ST08", "第三条：“三十日内”", "期限太短"), row("ST08", "第三条", "同上")]
    )
    files["spaces-blank.csv"] = csv_bytes(
        [row("ST09", " 第四条 ", " 前后有空格 "), ["ST09", "", PROJECT, "初审前", *[""] * 7]]
    )
    files["unplaced.csv"] = csv_bytes([row("ST10", "第九十九条", f"没有这一条{salt}")])
    files["bad.csv"] = csv_bytes([row("ST11", "第一条", "")])
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    sheet.append(row("ST12", "第五条", "表格意见"))
    out = io.BytesIO()
    book.save(out)
    files["sheet.xlsx"] = out.getvalue()
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    copy = folder / "plain-0-again.csv"
    shutil.copyfile(paths[0], copy)
    return [*paths, copy]


def stored(ws: Workspace) -> list[tuple[object, ...]]:
    """Every comment as listed (all its fields), in order."""
    views, _ = CommentService(ws).comments(PROJECT)
    return [tuple(v.to_dict().values()) for v in views]


def ingested(template: Path, tmp_path: Path, database_url: str | None) -> Workspace:
    """The demo's first two versions with `comment_files` ingested, on SQLite or PostgreSQL.

    On SQLite ``template`` (a `demo_workspace` folder) is copied; on PostgreSQL the versions are
    imported again.
    """
    folder = tmp_path / "ws"
    if database_url is None:
        shutil.copytree(template, folder)
        ws = Workspace.open(folder)
    else:
        ws = demo_workspace(folder, database_url=database_url)
    CommentService(ws).ingest(comment_files(tmp_path / "files"), actor="测试", workers=0)
    return ws
