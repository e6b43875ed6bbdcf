"""The station registry: the default seventy stations, CSV round trip, bad registries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from workbench.comments import default_stations, read_registry, registry_csv
from workbench.errors import CommentFileError

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
COUNTIES = {
    "昌吉市",
    "阜康市",
    "呼图壁县",
    "玛纳斯县",
    "奇台县",
    "吉木萨尔县",
    "木垒哈萨克自治县",
    "准东开发区",
    "昌吉高新区",
    "昌吉农高区",
}


def test_default_registry_has_seventy_liaison_stations_and_the_four_parties() -> None:
    """70 联络站 across the seven counties and three zones, plus 联系点, 代表之家, 四方."""
    stations = default_stations()
    kinds = Counter(s.kind for s in stations)
    assert kinds["联络站"] == 70
    assert kinds["四方"] == 4
    assert kinds["联系点"] >= 3
    assert kinds["代表之家"] >= 2
    assert {s.county for s in stations if s.kind == "联络站"} == COUNTIES
    assert {s.name for s in stations if s.kind == "四方"} == {
        "政府起草部门",
        "司法行政部门",
        "常委会工作机构",
        "法检两院",
    }
    assert len({s.code for s in stations}) == len(stations)


def test_demo_registry_is_the_default_and_covers_the_demo_senders() -> None:
    """drafts/stations.csv reads to the default registry, with every code the demo files use."""
    stations = read_registry((DRAFTS / "stations.csv").read_bytes())
    assert stations == default_stations()
    codes = {s.code for s in stations}
    senders = {p.name.split("-", 1)[1].removesuffix(p.suffix) for p in DRAFTS.glob("*/comments/*")}
    assert senders <= codes


def test_registry_round_trips_in_gbk() -> None:
    """A registry saved by Excel in GBK reads the same."""
    text = registry_csv(default_stations()[:5])
    assert read_registry(text.encode("gbk")) == default_stations()[:5]


def test_bad_registry_rows_are_reported_with_row_and_column() -> None:
    """A wrong kind and a duplicate code are both reported, naming row and column."""
    text = "编号,名称,县市,类别\nA1,甲站,昌吉市,联络站\nA2,乙站,昌吉市,驿站\nA1,丙站,,联络站\n"
    with pytest.raises(CommentFileError) as caught:
        read_registry(text.encode())
    where = [(p.row, p.column) for p in caught.value.problems]
    assert where == [(3, "类别"), (4, "编号")]


def test_registry_missing_a_column_is_rejected() -> None:
    """A registry without 类别 is refused."""
    with pytest.raises(CommentFileError, match="类别"):
        read_registry("编号,名称\nA1,甲\n".encode())
