"""The comment commands through click's CliRunner: stdout data, stderr reports, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from tests.support.cli import json_list
from tests.support.paths import DEMO_PROJECT
from tests.support.workspaces import HEADER, demo_workspace
from workbench.cli import _register, cli

_register()

DEMO = DEMO_PROJECT


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "ws"
    demo_workspace(folder, ("初审前", "二审前")).close()
    return folder


@pytest.fixture
def run(template_ws: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    import shutil

    shutil.copytree(template_ws, tmp_path / "ws")
    runner = CliRunner()
    base = ["--workspace", str(tmp_path / "ws"), "--user", "张三"]

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, [*base, *args], catch_exceptions=False)

    return invoke


def test_stations_lists_code_name_kind(run) -> None:  # type: ignore[no-untyped-def]
    """workbench stations --format json gives every station with code, name and kind."""
    result = run("stations", "--format", "json")
    assert result.exit_code == 0
    stations = json_list(result.stdout, "stations", "stations")
    assert len(stations) == 82
    assert {"code", "name", "kind"} <= set(stations[0])
    assert "ST70" in run("stations").stdout


def test_template_writes_xlsx_with_clause_dropdown(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The XLSX template lists every citation of the version in its drop-down sheet."""
    out = tmp_path / "t.xlsx"
    result = run(
        "comments",
        "template",
        "--project",
        "juja-yanglao",
        "--version",
        "初审前",
        "--station",
        "ST01",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    book = load_workbook(io.BytesIO(out.read_bytes()))
    labels = [r[0] for r in book["条款清单"].iter_rows(values_only=True)]
    assert labels[:2] == ["全文", "第一章"]
    assert "第十一条第一款" in labels
    assert book["意见建议"]["A2"].value == "ST01"


def test_template_for_unknown_station_fails(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An unknown station code exits non-zero with a Chinese message on stderr."""
    result = run(
        "comments",
        "template",
        "--project",
        "juja-yanglao",
        "--version",
        "初审前",
        "--station",
        "XX99",
        "-o",
        str(tmp_path / "t.csv"),
        "--format",
        "csv",
    )
    assert result.exit_code != 0
    assert "不在站点登记表中" in result.stderr
    assert result.stdout == ""


def test_ingest_reports_each_file_as_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A good and a bad file: per-file JSON results on stdout, exit 3 (partly accepted)."""
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "ZZ01,甲,juja-yanglao,初审前,第一条,意见,,,,,\n", encoding="utf-8")
    good = DEMO / "comments" / "初审前-ST01.csv"
    result = run("comments", "ingest", str(good), str(bad), "--format", "json")
    assert result.exit_code == 3
    report = json_list(result.stdout, "comments.ingest", "files")
    assert [r["status"] for r in report] == ["accepted", "rejected"]
    assert report[0]["counts"]["rows"] == 5
    assert report[1]["errors"][0]["row"] == 2
    assert report[1]["errors"][0]["column"] == "联络站编号"
    assert "拒收" in result.stderr
    again = run("comments", "ingest", str(good), "--format", "json")
    assert again.exit_code == 0
    assert json_list(again.stdout, "comments.ingest", "files")[0]["status"] == "duplicate"


def test_list_decide_place_and_stats(run) -> None:  # type: ignore[no-untyped-def]
    """list gives the documented fields; decide and place change what list and stats show."""
    files = [str(p) for p in sorted((DEMO / "comments").glob("初审前-ST0*"))]
    assert run("comments", "ingest", *files).exit_code == 0
    listed = json_list(
        run("comments", "list", "--project", "juja-yanglao", "--format", "json").stdout,
        "comments.list",
        "comments",
    )
    first = listed[0]
    assert {"id", "station", "file", "row", "target", "state", "text", "decision"} <= set(first)
    unplaced = [c for c in listed if c["state"] == "unplaced"]
    assert unplaced
    assert all(c["target"] is None for c in unplaced)
    on_art = json_list(
        run(
            "comments",
            "list",
            "--project",
            "juja-yanglao",
            "--article",
            "第十条",
            "--format",
            "json",
        ).stdout,
        "comments.list",
        "comments",
    )
    assert {c["target"] for c in on_art} == {"第十条第一款"}
    decided = run(
        "comments",
        "decide",
        "--comment",
        str(first["id"]),
        "--decision",
        "采纳",
        "--reason",
        "已修改",
    )
    assert decided.exit_code == 0
    assert run("comments", "place", str(unplaced[0]["id"]), "--clause", "第五十条").exit_code == 0
    stats = json.loads(
        run("comments", "stats", "--project", "juja-yanglao", "--format", "json").stdout
    )
    assert stats["decision"]["采纳"] == 1
    assert stats["state"]["unplaced"] == len(unplaced) - 1
    # Coverage: the stations that sent nothing on each version, the articles nobody commented on.
    seen = stats["coverage"]
    senders = {c["station"] for c in listed}
    stations = json_list(run("stations", "--format", "json").stdout, "stations", "stations")
    registry = {s["code"] for s in stations if s["kind"] != "四方"}
    assert seen["stations"] == len(registry)
    assert set(seen["silent"]["草案"]) == registry - senders
    assert "第十条" not in seen["uncommented"]
    assert "第一条" in seen["uncommented"]
    text = run("comments", "stats", "--project", "juja-yanglao").stdout
    assert f"草案        {len(registry - senders)}" in text
    assert "没有意见的条文" in text
    table = run("comments", "list", "--project", "juja-yanglao", "--status", "采纳")
    assert "采纳" in table.stdout
    assert "共 1 条" in table.stderr
    clusters = run("comments", "clusters", "--project", "juja-yanglao", "--format", "json")
    found = json_list(clusters.stdout, "comments.clusters", "clusters")
    assert any(len(c["members"]) == 3 for c in found)


@pytest.mark.parametrize(
    "args",
    [
        ["stations"],
        ["comments"],
        *[
            ["comments", c]
            for c in ("template", "ingest", "list", "decide", "stats", "place", "clusters")
        ],
    ],
)
def test_every_command_has_help(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """--help works on each command."""
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_template_filled_in_is_ingested_on_the_clause_picked(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Generate the XLSX template, fill two rows as a collector would, ingest, list them."""
    out = tmp_path / "t.xlsx"
    run(
        "comments",
        "template",
        "--project",
        "juja-yanglao",
        "--version",
        "二审前",
        "--station",
        "ST09",
        "--collector",
        "赵六",
        "--rows",
        "20",
        "-o",
        str(out),
    )
    book = load_workbook(out)
    sheet = book["意见建议"]
    sheet["E2"], sheet["F2"], sheet["I2"] = "第十条第一款", "建议增加无障碍设施要求。", "群众"
    sheet["E3"], sheet["F3"] = "全文", "=建议统一用语"
    book.save(out)
    result = run("comments", "ingest", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    [report] = json_list(result.stdout, "comments.ingest", "files")
    assert report["counts"] == {"rows": 2, "placed": 2, "unplaced": 0, "flagged": 1}
    listed = json_list(
        run(
            "comments", "list", "--project", "juja-yanglao", "--station", "ST09", "--format", "json"
        ).stdout,
        "comments.list",
        "comments",
    )
    assert [(c["row"], c["target"], c["state"]) for c in listed] == [
        (2, "第十条第一款", "placed"),
        (3, "全文", "placed"),
    ]
    assert listed[1]["text"] == "=建议统一用语"


def test_json_comment_file_is_ingested(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A JSON comment file (one object) is accepted; its quote is kept on the comment."""
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps(
            {
                "station": "SF-SFXZ",
                "project": "juja-yanglao",
                "version": "初审前",
                "comments": [
                    {"clause": "第十一条第一款", "opinion": "标准需核实。", "quote": "每百户"},
                    {"clause": "第九十九条", "opinion": "无此条。"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = run("comments", "ingest", str(path), "--format", "json")
    assert json_list(result.stdout, "comments.ingest", "files")[0]["counts"]["unplaced"] == 1
    listed = json_list(
        run("comments", "list", "--project", "juja-yanglao", "--format", "json").stdout,
        "comments.list",
        "comments",
    )
    assert listed[0]["quote"] == "每百户"
    assert listed[1]["state"] == "unplaced"


def test_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    """workbench schema regenerates exactly the committed schema files."""
    root = Path(__file__).resolve().parents[2] / "schemas"
    result = CliRunner().invoke(cli, ["schema", "-o", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    for name in ("draft.schema.json", "comment-file.schema.json"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (root / name).read_text(
            encoding="utf-8"
        )


def test_a_cluster_decision_names_members_decided_otherwise_before(run) -> None:  # type: ignore[no-untyped-def]
    """Deciding a whole cluster tells which members had another decision, and what it was."""
    files = [str(p) for p in sorted((DEMO / "comments").glob("初审前-ST0*"))]
    assert run("comments", "ingest", *files).exit_code == 0
    clusters = json_list(
        run("comments", "clusters", "--project", "juja-yanglao", "--format", "json").stdout,
        "comments.clusters",
        "clusters",
    )
    cluster = next(c for c in clusters if len(c["members"]) >= 2)
    member = cluster["members"][0]
    assert (
        run("comments", "decide", "--comment", str(member), "--decision", "留作参考").exit_code == 0
    )
    result = run(
        "comments", "decide", "--cluster", str(cluster["id"]), "--decision", "采纳",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0
    decided = json.loads(result.stdout)
    assert decided["schema"] == "workbench.comments.decide/1"
    assert decided["changed"] == [{"id": member, "previous": "留作参考"}]
    assert member in decided["comments"]
    assert f"{member}（原为留作参考）" in result.stderr
    quiet = run("comments", "decide", "--cluster", str(cluster["id"]), "--decision", "采纳")
    assert "注意" not in quiet.stderr


def test_many_notes_are_summarised_on_stderr_and_complete_in_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sixty rows citing no clause: twenty notes and a count on stderr, all of them in JSON."""
    path = tmp_path / "many.csv"
    rows = "".join(f"ST01,甲,juja-yanglao,初审前,第九百条,意见{i},,,,,\n" for i in range(60))
    path.write_text(HEADER + rows, encoding="utf-8")
    result = run("comments", "ingest", str(path), "--format", "json")
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("提示：")]
    assert len(notes) == 20
    assert "共 51 条提示" in result.stderr
    assert len(json_list(result.stdout, "comments.ingest", "files")[0]["warnings"]) == 51
