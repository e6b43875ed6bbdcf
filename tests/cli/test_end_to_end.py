"""End to end through the real ``workbench`` CLI: a staff member and the station collectors.

One workspace (SQLite in ``tmp_path``) lives through the module: four demo rounds imported at
立项前 / 初审前 / 二审前 / 表决前, comment files filled the way stations fill them (XLSX from the
template, a GBK CSV, JSON), broken files refused whole, decisions taken, and every export read
back. The tests run in file order and build on one another.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result
from lxml import etree
from lxml import html as lxml_html
from openpyxl import load_workbook

from workbench.cli import _register, cli

# The tests are successive steps of one workflow on one workspace: they must run on one
# xdist worker, in order (pyproject sets --dist loadfile, which keeps a file's tests together).

_register()

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
ROUNDS = (
    ("01-立项前.md", "立项前"),
    ("02-初审前.md", "初审前"),
    ("03-二审前.md", "二审前"),
    ("04-表决前.md", "表决前"),
)
P = "jy"
HEADER = (
    "联络站编号",
    "采集员",
    "项目",
    "版本",
    "条款",
    "意见建议",
    "理由",
    "建议修改为",
    "提出人类别",
    "提出人",
    "联系方式",
)


class Bench:
    """A workspace folder and a runner that calls ``workbench -w FOLDER ...``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ws = root / "ws"
        self.files = root / "files"
        self.files.mkdir()
        self.runner = CliRunner()

    def run(self, *args: str, code: int = 0) -> Result:
        """Run one command and check its exit code."""
        result = self.runner.invoke(cli, ["-w", str(self.ws), *args], catch_exceptions=False)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        """Run a command with ``--format json`` and parse stdout."""
        return json.loads(self.run(*args, "--format", "json").stdout)

    def db_counts(self) -> tuple[int, int]:
        """(comments, versions) rows straight from the SQLite file."""
        with sqlite3.connect(self.ws / "workbench.sqlite3") as con:
            comments = con.execute("select count(*) from comments").fetchone()[0]
            versions = con.execute("select count(*) from versions").fetchone()[0]
        return int(comments), int(versions)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    """A fresh workspace with the first three rounds imported."""
    b = Bench(tmp_path_factory.mktemp("e2e"))
    out = b.run("init").stdout
    assert "立项前、初审前、二审前、表决前" in out
    assert (b.ws / "workbench.sqlite3").is_file()
    assert (b.ws / "inbox").is_dir()
    for name, stage in ROUNDS[:3]:
        b.run("import", "--create", str(DRAFTS / "juja-yanglao" / name), "-p", P, "-s", stage)
    return b


def test_versions_show_status_matrix_diff(bench: Bench) -> None:
    """The staff member's view of the rounds: versions, text, matrix and an article diff."""
    versions = bench.json("versions", "-p", P)["versions"]
    assert [v["node"] for v in versions] == ["立项前", "初审前", "二审前"]
    assert [v["name"] for v in versions] == ["草案建议稿", "草案", "草案修改稿"]
    text = bench.run("show", "-p", P, "-v", "初审前").stdout
    assert text.startswith("昌吉回族自治州居家养老服务条例（草案）")
    assert "第十一条　新建住宅小区应当按照每百户不少于三十平方米" in text
    bench.run("show", "-p", P, "-v", "9", code=1)

    bench.run(
        "matrix", "set", "-p", P, "-n", "初审前", "--party", "司法行政部门",
        "--status", "已会商", "--record", "召开会商会一次",
    )  # fmt: skip
    status = bench.run("status", "-p", P).stdout
    assert "已会商" in status
    assert "召开会商会一次" in status
    bad = bench.run(
        "matrix", "set", "-p", P, "-n", "初审前", "--party", "某部门", "--status", "已会商",
        code=1,
    )  # fmt: skip
    assert "未知的征求对象" in bad.stderr

    diff = bench.json("diff", "-p", P, "立项前", "初审前")
    changes = {(a["change"], tuple(a["old"]), tuple(a["new"])) for a in diff["articles"]}
    assert ("added", (), ("第十六条",)) in changes
    assert ("split", ("第二十一条",), ("第二十二条", "第二十三条")) in changes
    text_diff = bench.run("diff", "-p", P, "立项前", "初审前").stdout
    assert "每百户不少于[-二-]{+三+}十平方米" in text_diff
    merged = bench.json("diff", "-p", P, "初审前", "二审前")["articles"]
    assert any(a["change"] == "deleted" and a["old"] == ["第九条"] for a in merged)


def _fill_station_files(bench: Bench) -> dict[str, Path]:
    """Templates from the CLI, filled the way collectors fill them; plus broken files."""
    f = bench.files
    for fmt in ("xlsx", "csv", "json"):
        bench.run(
            "comments", "template", "--project", P, "--version", "初审前", "--station", "ST01",
            "--collector", "李四", "--format", fmt, "-o", str(f / f"template.{fmt}"),
        )  # fmt: skip
    csv_rows = list(csv.reader((f / "template.csv").open(encoding="utf-8-sig")))
    assert tuple(csv_rows[0]) == HEADER
    assert csv_rows[1][:4] == ["ST01", "李四", P, "2"]  # the exact version, not its stage
    template_json = json.loads((f / "template.json").read_text(encoding="utf-8"))
    assert (template_json["station"], template_json["comments"]) == ("ST01", [])

    book = load_workbook(f / "template.xlsx")
    sheet = book["意见建议"]
    assert tuple(c.value for c in sheet[1]) == HEADER
    drop_downs = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert any(k.startswith("E2") for k in drop_downs)
    clauses = [row[0] for row in book["条款清单"].iter_rows(values_only=True)]
    assert "全文" in clauses
    assert "第十一条" in clauses
    rows = (
        ("第十一条", "建议提高配建标准", "用房不足", "每百户不少于四十平方米", "群众", "张三",
         "13812345678"),
        ("第十九条第一款", "=SUM(A1)", "公式测试", "", "人大代表", "王五", "0994-2345678"),
        ("第九十九条", "这一条并不存在", "", "", "群众", "赵六", ""),
        ("全文", "总体赞成", "", "", "专家", "钱七", "qq@example.com"),
    )  # fmt: skip
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=5):
            sheet.cell(r, c, value)
    book.save(f / "ST01.xlsx")

    with (f / "ST02.csv").open("w", encoding="gbk", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        base = ["ST02", "孙八", P, "初审前"]
        writer.writerow(
            [*base, "第十一条", "建议提高配建标准。", "", "", "群众", "周九", "13900001111"]
        )
        writer.writerow([*base, "第二十条", "建议增加助餐服务", "", "", "企业", "吴十", ""])
        writer.writerow([*base, "第九条", "第九条应当保留", "", "", "群众", "郑一", "13900003333"])
    payload = {
        "schema_version": 1,
        "station": "ST03",
        "collector": "冯二",
        "project": P,
        "version": "初审前",
        "comments": [
            {
                "clause": "第二十三条",
                "opinion": "体检结果应当告知本人",
                "submitter_category": "群众",
                "submitter": "陈三",
                "contact": "13700001234",
            }
        ],
    }
    (f / "ST03.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    good = ",".join(HEADER)
    (f / "missing.csv").write_text(
        good.rsplit(",", 1)[0] + "\nST04,甲,jy,初审前,第一条,意见,,,群众,乙\n", encoding="utf-8"
    )
    (f / "unknown.csv").write_text(
        good + "\nZZ99,甲,jy,初审前,第一条,意见,,,群众,乙,\n", encoding="utf-8"
    )
    (f / "version.csv").write_text(
        good + "\nST05,甲,jy,三审前,第一条,意见,,,群众,乙,\n", encoding="utf-8"
    )
    (f / "array.json").write_text("[]", encoding="utf-8")
    data = (f / "ST01.xlsx").read_bytes()
    (f / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    return {p.stem: p for p in f.iterdir()}


def test_station_files_ingest_and_refusals(bench: Bench) -> None:
    """Three good files in three formats land; a duplicate is not counted twice; bad files change
    nothing and their reports name file, row and column."""
    stations = bench.json("stations")["stations"]
    assert {"ST01", "ST02", "ST03", "SF-SFXZ"} <= {s["code"] for s in stations}
    files = _fill_station_files(bench)

    good = bench.runner.invoke(
        cli,
        ["-w", str(bench.ws), "comments", "ingest", "--format", "json",
         str(files["ST01"]), str(files["ST02"]), str(files["ST03"])],
        catch_exceptions=False,
    )  # fmt: skip
    assert good.exit_code == 0, good.stderr
    reports = {Path(r["path"]).name: r for r in json.loads(good.stdout)["files"]}
    assert [reports[n]["status"] for n in ("ST01.xlsx", "ST02.csv", "ST03.json")] == [
        "accepted"
    ] * 3
    assert reports["ST01.xlsx"]["counts"] == {"rows": 4, "placed": 3, "unplaced": 1, "flagged": 1}
    assert reports["ST02.csv"]["counts"]["rows"] == 3
    formula = reports["ST01.xlsx"]["warnings"][0]
    assert (formula["row"], formula["column"]) == (3, "意见建议")
    assert "ST01.xlsx，第3行，“意见建议”列" in good.stderr

    before = bench.db_counts()
    assert before[0] == 8
    again = bench.json("comments", "ingest", str(files["ST01"]))["files"]
    assert again[0]["status"] == "duplicate"
    assert bench.db_counts() == before

    expected = {
        "missing": ("missing.csv", "缺少“联系方式”列"),
        "unknown": ("unknown.csv，第2行，“联络站编号”列", "ZZ99"),
        "truncated": ("truncated.xlsx", "已损坏或不完整"),
        "version": ("version.csv，第2行，“版本”列", "三审前"),
        "array": ("array.json", "JSON 顶层应为一个对象"),
    }
    for stem, needles in expected.items():
        bad = bench.run("comments", "ingest", str(files[stem]), code=1)
        assert "已拒收" in bad.stdout
        for needle in needles:
            assert needle in bad.stderr, (stem, bad.stderr)
        assert bench.db_counts() == before
    assert len(list((bench.ws / "inbox").iterdir())) >= 6  # refused files are kept too


def test_decide_place_stats_and_next_rounds(bench: Bench) -> None:
    """Decisions, placing the unplaced comment, then two more rounds: comments follow their
    clause to its new number or become orphaned where it was deleted."""
    listed = {c["text"]: c for c in bench.json("comments", "list", "--project", P)["comments"]}
    housing, formula = listed["建议提高配建标准"], listed["=SUM(A1)"]
    unplaced = listed["这一条并不存在"]
    assert unplaced["state"] == "unplaced"

    bench.run("comments", "decide", "--comment", str(housing["id"]), "--decision", "采纳",
              "--reason", "已提高标准")  # fmt: skip
    refused = bench.run(
        "comments", "decide", "--comment", str(formula["id"]), "--decision", "未采纳", code=1
    )
    assert "--reason" in refused.stderr
    bench.run("comments", "decide", "--comment", str(formula["id"]), "--decision", "未采纳",
              "--reason", "与上位法不符")  # fmt: skip
    bench.run("comments", "decide", "--comment", "999", "--decision", "采纳", code=1)
    bench.run("comments", "place", str(unplaced["id"]), "--clause", "第九十九条", code=1)
    placed = bench.json("comments", "place", str(unplaced["id"]), "--clause", "第五条")["comment"]
    assert (placed["state"], placed["target"]) == ("placed", "第五条")

    stats = bench.run("comments", "stats", "--project", P, "--version", "初审前").stdout
    assert "意见总数：8" in stats
    clusters = bench.json("comments", "clusters", "--project", P)["clusters"]
    pair = {housing["id"], listed["建议提高配建标准。"]["id"]}
    cluster = next(c for c in clusters if c["kind"] == "exact" and pair <= set(c["members"]))
    bench.run("comments", "decide", "--cluster", str(cluster["id"]), "--decision", "部分采纳",
              "--reason", "已提高标准")  # fmt: skip
    decided = bench.json("comments", "list", "--project", P, "--article", "第十一条",
                         "--version", "初审前")["comments"]  # fmt: skip
    assert {c["id"]: c["decision"] for c in decided} == dict.fromkeys(pair, "部分采纳")

    bench.run(
        "import",
        "--create",
        str(DRAFTS / "juja-yanglao" / ROUNDS[3][0]),
        "-p",
        P,
        "-s",
        ROUNDS[3][1],
    )
    again = bench.run(
        "import", "--create", str(DRAFTS / "juja-yanglao" / ROUNDS[3][0]), "-p", P, "-s", "表决前"
    )
    assert "未重复导入" in again.stderr
    assert len(bench.json("versions", "-p", P)["versions"]) == 4

    table = bench.run("comments", "list", "--project", P).stdout
    assert "原第十一条 / 现第十条" in table
    assert "原第二十三条 / 现第二十二条" in table
    orphaned = bench.json("comments", "list", "--project", P, "--status", "orphaned")["comments"]
    assert [c["text"] for c in orphaned] == ["第九条应当保留"]
    at_source = bench.run("comments", "list", "--project", P, "--version", "初审前").stdout
    assert "第九条" in at_source
    assert "原第九条" not in at_source

    history = bench.json("history", "第十条", "-p", P)
    labels = [(v["node"], v["label"]) for v in history["versions"]]
    assert labels == [("立项前", "第十一条"), ("初审前", "第十一条"), ("二审前", "第十条"),
                      ("表决前", "第十条")]  # fmt: skip


def _cells(path: Path) -> list[list[Any]]:
    """Every row of the first sheet of a workbook."""
    sheet = load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _docx_text(path: Path) -> str:
    """Paragraphs and table cells of a DOCX as one string."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_exports_read_back_and_audit(bench: Bench) -> None:
    """Every export opens in its library, carries the right content, masks personal data by
    default, escapes formulas; the audit chain verifies."""
    out = bench.files / "exports"
    out.mkdir()
    for fmt in ("docx", "html", "txt", "md", "akn"):
        bench.run("export", "draft", "--project", P, "--format", fmt, "-o", str(out / f"d.{fmt}"))
    assert "第十条　新建住宅小区" in (out / "d.txt").read_text(encoding="utf-8")
    assert (out / "d.md").read_text(encoding="utf-8").startswith("# 昌吉回族自治州居家养老")
    assert "第一章　总则" in _docx_text(out / "d.docx")
    page = lxml_html.parse(str(out / "d.html"))
    assert page.findtext(".//title") == "昌吉回族自治州居家养老服务条例（草案）"
    akn = etree.parse(str(out / "d.akn"))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    article_lines = re.findall(
        r"^第[一二三四五六七八九十百]+条　", (out / "d.txt").read_text("utf-8"), re.M
    )
    assert len(akn.xpath("//a:article", namespaces=ns)) == len(article_lines) > 50
    guids = akn.xpath("//a:article/@GUID", namespaces=ns)
    assert len(set(guids)) == len(guids)
    assert all(guids)
    stdout_export = bench.run("export", "draft", "--project", P, "--format", "txt", "-o", "-")
    assert stdout_export.stdout.startswith("昌吉回族自治州居家养老服务条例（草案）")

    for fmt in ("docx", "xlsx", "html"):
        bench.run("export", "compare", "--project", P, "--from", "初审前", "--to", "表决前",
                  "--format", fmt, "-o", str(out / f"c.{fmt}"))  # fmt: skip
    compare = _cells(out / "c.xlsx")
    assert compare[1][1] == "原条文（草案）"
    assert compare[1][2] == "修改后条文（表决稿）"
    notes = [row[3] for row in compare[2:]]
    assert "删去本条" in notes
    assert "第十五条移至第十二条之后，改为第十三条" in notes
    assert "修改" not in notes  # each edited row says what changed
    assert str(compare[-1][1]).startswith("其他条文序号")  # not 47 rows of 序号相应调整
    assert "第二十六条、第二十九条合并为第二十五条" in notes
    assert "修改后条文（表决稿）" in _docx_text(out / "c.docx")
    assert "（草案与表决稿对照）" in _docx_text(out / "c.docx")
    assert lxml_html.parse(str(out / "c.html")).xpath("//table//tr")

    bench.run("export", "comments", "--project", P, "-o", str(out / "m.xlsx"))
    bench.run("export", "comments", "--project", P, "--format", "docx", "-o", str(out / "m.docx"))
    bench.run("export", "comments", "--project", P, "--include-personal-data",
              "-o", str(out / "m-pd.xlsx"))  # fmt: skip
    masked, plain = _cells(out / "m.xlsx"), _cells(out / "m-pd.xlsx")
    masked_text, plain_text = repr(masked), repr(plain)
    for secret in ("张三", "13812345678", "qq@example.com", "0994-2345678"):
        assert secret not in masked_text
        assert secret in plain_text
    assert "138****5678" in masked_text
    assert "张**" in masked_text
    docx_text = _docx_text(out / "m.docx")
    assert "张三" not in docx_text
    assert "建议提高配建标准" in docx_text
    sheet = load_workbook(out / "m.xlsx").worksheets[0]
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.value == "=SUM(A1)"]
    assert formula_cells
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_cells)

    for fmt in ("docx", "xlsx"):
        bench.run("export", "feedback", "--project", P, "--station", "ST01", "--format", fmt,
                  "-o", str(out / f"f.{fmt}"))  # fmt: skip
    feedback = _docx_text(out / "f.docx")
    assert "昌吉市宁边路街道立法信息联络站" in feedback
    assert "已提高标准" in feedback
    assert "周九" not in feedback
    assert "张三" not in feedback
    fb_sheet = load_workbook(out / "f.xlsx").worksheets[0]
    fb_rows = repr([[c.value for c in row] for row in fb_sheet.iter_rows()])
    assert "与上位法不符" in fb_rows
    assert "建议增加助餐服务" not in fb_rows
    bad = bench.run("export", "feedback", "--project", P, "--station", "ZZ99", code=1)
    assert "ZZ99" in bad.stderr

    verified = bench.run("audit", "--verify")
    assert "哈希链完整" in verified.stdout
    with sqlite3.connect(bench.ws / "workbench.sqlite3") as con:
        con.execute("drop trigger audit_log_no_update")  # a tamperer with file access
        con.execute("update audit_log set actor = '篡改' where seq = 2")
    tampered = bench.run("audit", "--verify", code=1)
    assert "第 2 条" in tampered.output
    assert "篡改" in tampered.output
