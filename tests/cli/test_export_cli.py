"""``workbench export`` through CliRunner on a real workspace: every export read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from lxml import html as lxml_html
from openpyxl import load_workbook

from tests.support.paths import DEMO_PROJECT
from tests.support.workspaces import demo_workspace
from workbench.cli import _register, cli
from workbench.diff import align_documents
from workbench.model import Document, articles, find_path, full_text
from workbench.parse.akn import parse_akn
from workbench.workspace import Workspace
from workbench.workspace.comments import CommentService

_register()

DEMO = DEMO_PROJECT
PROJECT = "juja-yanglao"
LINKED_REASON = "已将补贴对象扩大到经济困难老年人"


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two versions, the 初审前 comment files, clusters and a few decisions (one linked)."""
    folder = tmp_path_factory.mktemp("export") / "ws"
    with demo_workspace(folder, ("初审前", "二审前")) as ws:
        service = CommentService(ws)
        files = sorted((DEMO / "comments").glob("初审前-ST0*"))
        for path in files:
            service.ingest_file(path, actor="测试")
        service.clusters(PROJECT, actor="测试")
        views, _ = service.comments(PROJECT, 1)
        placed = [v for v in views if v.state == "placed" and v.target_uid]
        new = ws.document(PROJECT, 2)
        alignment = align_documents(ws.document(PROJECT, 1), new)
        changed = {
            uid
            for pair in alignment.articles
            if pair.kind == "modified" and not pair.consequential
            for uid in pair.new_uids
        }
        linked = next(
            v
            for v in placed
            if (found := find_path(new, v.target_uid or "")) is not None
            and any(n.uid in changed for n in found)
        )
        service.decide(
            kind="采纳",
            reason=LINKED_REASON,
            actor="测试",
            comment_ids=[linked.id],
            link=linked.target_uid,
        )
        placed.remove(linked)
        service.decide(
            kind="未采纳", reason="上位法已有规定", actor="测试", comment_ids=[placed[1].id]
        )
    return folder


@pytest.fixture
def workspace(template_ws: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(template_ws, folder)
    return folder


def invoke(workspace: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["--workspace", str(workspace), "--user", "测试", *args])


def document(workspace: Path, version: int) -> Document:
    with Workspace.open(workspace) as ws:
        return ws.document(PROJECT, version)


def test_draft_docx_into_exports_folder(workspace: Path) -> None:
    """Default output goes to exports/; stdout is the path; every article's text, in order."""
    result = invoke(workspace, "export", "draft", "--project", PROJECT, "--version", "2")
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == workspace / "exports"
    assert path.suffix == ".docx"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    position = 0
    for article in articles(document(workspace, 2)):
        for line in full_text(article).split("\n"):
            found = text.find(line, position)
            assert found >= 0, line
            position = found


def test_draft_akn_to_stdout_gives_back_the_tree(workspace: Path) -> None:
    """-o - writes the XML to stdout; parsing it gives the stored version back."""
    result = invoke(
        workspace, "export", "draft", "--project", PROJECT, "--format", "akn", "-o", "-"
    )
    assert result.exit_code == 0, result.stderr
    back = parse_akn(result.stdout_bytes)
    stored = document(workspace, 2)
    assert back.model_dump(exclude={"diagnostics"}) == stored.model_dump(exclude={"diagnostics"})
    assert b"/akn/cn-cj/act/" in result.stdout_bytes


@pytest.mark.parametrize("fmt", ["html", "txt", "md"])
def test_draft_text_formats(workspace: Path, tmp_path: Path, fmt: str) -> None:
    """HTML, text and Markdown carry the title and every article number."""
    out = tmp_path / f"draft.{fmt}"
    result = invoke(
        workspace, "export", "draft", "--project", PROJECT, "--format", fmt, "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    doc = document(workspace, 2)
    assert doc.title in text
    for article in articles(doc):
        assert article.num is not None
        assert article.num in text
    if fmt == "html":
        assert not lxml_html.fromstring(text).xpath("//script|//link[@rel='stylesheet']|//img")


def test_compare_docx_rows_and_linked_reason(workspace: Path, tmp_path: Path) -> None:
    """The 修改对照表 has the three columns, one row per changed article, the decision reason."""
    out = tmp_path / "compare.docx"
    result = invoke(
        workspace,
        "export",
        "compare",
        "--project",
        PROJECT,
        "--from",
        "1",
        "--to",
        "2",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells][2] == "修改说明"
    assert len(table.rows) > 2
    notes = [row.cells[2].text for row in table.rows[1:]]
    struck = [
        r
        for row in table.rows[1:]
        for p in row.cells[0].paragraphs
        for r in p.runs
        if r.font.strike
    ]
    assert struck
    linked = [note for note in notes if LINKED_REASON in note]
    assert len(linked) == 1
    what = linked[0].splitlines()[0]
    assert "“" in what or "款" in what, what  # says which words or 款 changed, not just 修改


def test_compare_all_and_xlsx(workspace: Path, tmp_path: Path) -> None:
    """--all lists every article of the new text (renumbered ones on their own sheet)."""
    out = tmp_path / "compare.xlsx"
    result = invoke(
        workspace,
        "export",
        "compare",
        "--project",
        PROJECT,
        "--from",
        "初审前",
        "--to",
        "二审前",
        "--format",
        "xlsx",
        "--all",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["修改对照表", "序号相应调整"]
    ws = wb["修改对照表"]
    assert [c.value for c in ws[2]][:4] == [
        "序号",
        "原条文（草案）",
        "修改后条文（草案修改稿）",
        "修改说明",
    ]
    new_numbers = {a.num for a in articles(document(workspace, 2))}
    listed = " ".join(
        str(c.value) for sheet in wb for row in sheet.iter_rows(min_row=3) for c in row
    )
    assert all(num in listed for num in new_numbers if num)


def test_comments_report_masks_by_default(workspace: Path, tmp_path: Path) -> None:
    """The 意见采纳情况表: no raw names or phones unless asked; a 统计 sheet."""
    with Workspace.open(workspace) as ws:
        views, total = CommentService(ws).comments(PROJECT)
    names = {
        v.submitter
        for v in views
        if len(v.submitter) > 1 and v.submitter_category not in ("企业", "社会组织")
    }
    organisations = {v.submitter for v in views if v.submitter_category in ("企业", "社会组织")}
    phones = {v.contact for v in views if v.contact}
    out = tmp_path / "report.xlsx"
    result = invoke(workspace, "export", "comments", "--project", PROJECT, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    sheet = wb["意见采纳情况"]
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert not any(name in cells for name in names)
    assert all(name in cells for name in organisations)  # an organisation is not a person
    assert not any(phone in cells for phone in phones)
    assert "****" in cells
    sizes = [row[8].value for row in sheet.iter_rows(min_row=3)]
    assert sum(s for s in sizes if isinstance(s, int)) == total
    assert "统计" in wb.sheetnames
    summary = [str(row[0].value) for row in wb["统计"].iter_rows() if row[0].value]
    assert any(v.startswith("没有提出意见的站点（") for v in summary)
    assert any(v.startswith("没有意见的条文（") for v in summary)
    personal = tmp_path / "personal.xlsx"
    result = invoke(
        workspace,
        "export",
        "comments",
        "--project",
        PROJECT,
        "--include-personal-data",
        "-o",
        str(personal),
    )
    assert result.exit_code == 0
    cells = " ".join(
        str(c.value) for row in load_workbook(personal)["意见采纳情况"].iter_rows() for c in row
    )
    assert all(phone in cells for phone in phones)


def test_comments_report_docx(workspace: Path, tmp_path: Path) -> None:
    """The Word report lists the decisions."""
    out = tmp_path / "report.docx"
    result = invoke(
        workspace, "export", "comments", "--project", PROJECT, "--format", "docx", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    text = "\n".join(c.text for row in docx.Document(str(out)).tables[0].rows for c in row.cells)
    assert "上位法已有规定" in text


def test_feedback_for_a_station(workspace: Path, tmp_path: Path) -> None:
    """A station gets each of its own comments with the decision."""
    with Workspace.open(workspace) as ws:
        own, _ = CommentService(ws).comments(PROJECT, station="ST01")
    out = tmp_path / "fb.xlsx"
    result = invoke(
        workspace,
        "export",
        "feedback",
        "--project",
        PROJECT,
        "--station",
        "ST01",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(own)
    assert {str(r[3]) for r in rows} == {v.text for v in own}
    word = tmp_path / "fb.docx"
    assert (
        invoke(
            workspace,
            "export",
            "feedback",
            "--project",
            PROJECT,
            "--station",
            "ST01",
            "-o",
            str(word),
        ).exit_code
        == 0
    )
    assert len(docx.Document(str(word)).tables[0].rows) == len(own) + 1


def test_feedback_is_signed_and_warns_of_undecided_comments(
    workspace: Path, tmp_path: Path
) -> None:
    """The 落款 comes from settings.toml; comments still undecided are said on stderr."""
    (workspace / "settings.toml").write_text(
        '[documents]\nissuer = "某某市人大常委会法制工作委员会"\ndate = "2026年3月1日"\n',
        encoding="utf-8",
    )
    with Workspace.open(workspace) as ws:
        own, _ = CommentService(ws).comments(PROJECT, station="ST01")
    pending = sum(1 for v in own if not v.decision)
    assert pending  # the fixture leaves some undecided
    out = tmp_path / "fb.docx"
    result = invoke(
        workspace, "export", "feedback", "--project", PROJECT, "--station", "ST01", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert "待处理" in result.stderr
    assert result.stdout.strip() == str(out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert texts[-2:] == ["某某市人大常委会法制工作委员会", "2026年3月1日"]
    assert "正在研究，处理结果另行反馈" in "".join(texts)
    (workspace / "settings.toml").write_text("[documents]\ndate = 2026\n", encoding="utf-8")
    bad = invoke(
        workspace, "export", "feedback", "--project", PROJECT, "--station", "ST01", "-o", str(out)
    )
    assert bad.exit_code != 0
    assert "settings.toml" in bad.stderr


def test_unknown_station_fails_on_stderr(workspace: Path) -> None:
    """A bad station code: Chinese error on stderr, nothing on stdout, non-zero exit."""
    result = invoke(workspace, "export", "feedback", "--project", PROJECT, "--station", "NOPE")
    assert result.exit_code != 0
    assert "联络站编号" in result.stderr
    assert result.stdout == ""
    assert not list((workspace / "exports").iterdir())


@pytest.mark.parametrize("sub", [[], ["draft"], ["compare"], ["comments"], ["feedback"]])
def test_every_export_command_has_help(workspace: Path, sub: list[str]) -> None:
    """--help works on the group and each subcommand."""
    result = invoke(workspace, "export", *sub, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_unwritable_output_fails_cleanly(workspace: Path, tmp_path: Path) -> None:
    """An output path that cannot be written: a Chinese error, exit 1, no file left behind."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = invoke(
        workspace, "export", "draft", "--project", PROJECT, "-o", str(blocker / "draft.docx")
    )
    assert result.exit_code == 1
    assert "无法写入导出文件" in result.stderr
    assert result.stdout == ""
    assert blocker.read_text(encoding="utf-8") == "x"
