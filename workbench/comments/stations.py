"""The station registry: who may send comment files, kept as an editable CSV (``stations.csv``).

Columns: 编号, 名称, 县市, 类别 (联络站 / 联系点 / 代表之家 / 四方). `default_stations` is the
registry every new workspace starts with: the seventy 立法信息联络站 of 昌吉回族自治州, its
基层立法联系点 and 代表之家, and the four parties of 四前四方.
"""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError

from workbench.errors import CommentFileError, FileProblem
from workbench.model.comments import STATION_KINDS, Station

__all__ = [
    "REGISTRY_COLUMNS",
    "REGISTRY_FILE",
    "default_stations",
    "read_registry",
    "registry_csv",
]

REGISTRY_FILE = "stations.csv"
"""The registry's file name inside a workspace folder."""

REGISTRY_COLUMNS = ("编号", "名称", "县市", "类别")
"""The registry CSV columns, in order."""

_FIELDS = {"编号": "code", "名称": "name", "县市": "county", "类别": "kind"}
_ALIASES = {"code": "编号", "name": "名称", "county": "县市", "region": "县市", "kind": "类别"}
"""English headers accepted as well (``code,name,region,kind``)."""

_LIAISON: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "昌吉市",
        (
            "宁边路街道",
            "延安北路街道",
            "北京南路街道",
            "绿洲路街道",
            "中山路街道天山社区",
            "建国路街道",
            "榆树沟镇",
            "硫磺沟镇",
            "三工镇",
            "六工镇",
            "二六工镇",
            "大西渠镇",
            "佃坝镇",
            "滨湖镇",
            "阿什里哈萨克民族乡",
        ),
    ),
    (
        "阜康市",
        (
            "博峰街道",
            "阜新街道",
            "甘河子镇",
            "九运街镇",
            "滋泥泉子镇",
            "城关镇",
            "上户沟哈萨克族乡",
            "水磨沟乡",
        ),
    ),
    (
        "呼图壁县",
        (
            "呼图壁镇",
            "大丰镇",
            "雀尔沟镇",
            "二十里店镇",
            "园户村镇",
            "五工台镇",
            "石梯子哈萨克族乡",
            "工业园区企业",
        ),
    ),
    (
        "奇台县",
        (
            "奇台镇",
            "老奇台镇",
            "半截沟镇",
            "吉布库镇",
            "东湾镇",
            "西地镇",
            "碧流河镇",
            "三个庄子镇",
            "坎尔孜乡",
        ),
    ),
    (
        "玛纳斯县",
        (
            "玛纳斯镇",
            "乐土驿镇",
            "包家店镇",
            "凉州户镇",
            "北五岔镇",
            "六户地镇",
            "兰州湾镇",
            "广东地乡",
            "清水河哈萨克族乡",
        ),
    ),
    (
        "吉木萨尔县",
        (
            "吉木萨尔镇",
            "三台镇",
            "泉子街镇",
            "北庭镇",
            "二工镇",
            "大有镇",
            "庆阳湖乡",
            "新地乡",
        ),
    ),
    (
        "木垒哈萨克自治县",
        ("木垒镇", "西吉尔镇", "东城镇", "照壁山乡", "新户镇", "英格堡乡", "大石头乡"),
    ),
    ("准东开发区", ("五彩湾片区企业", "芨芨湖片区")),
    ("昌吉高新区", ("大学城社区", "企业服务中心")),
    ("昌吉农高区", ("园区企业", "二六工片区")),
)

_FIRST_CODES = {"宁边路街道": 1, "延安北路街道": 2, "北京南路街道": 3, "博峰街道": 4}
"""Fixed codes for the stations the demo comment files come from (ST05 呼图壁镇, ST06 奇台镇)."""

_CONTACT_POINTS = (
    ("LXD01", "昌吉市北京南路街道基层立法联系点", "昌吉市"),
    ("LXD02", "阜康市博峰街道基层立法联系点", "阜康市"),
    ("LXD03", "准东经济技术开发区基层立法联系点", "准东开发区"),
    ("LXD04", "昌吉国家高新技术产业开发区基层立法联系点", "昌吉高新区"),
    ("LXD05", "昌吉国家农业科技园区基层立法联系点", "昌吉农高区"),
)
_HOMES = (
    ("DBZJ01", "昌吉市人大代表之家", "昌吉市"),
    ("DBZJ02", "奇台县人大代表之家", "奇台县"),
    ("DBZJ03", "玛纳斯县人大代表之家", "玛纳斯县"),
)
_PARTIES = (
    ("SF-ZFQC", "政府起草部门"),
    ("SF-SFXZ", "司法行政部门"),
    ("SF-GZJG", "常委会工作机构"),
    ("SF-FJLY", "法检两院"),
)


def default_stations() -> tuple[Station, ...]:
    """The registry a new workspace starts with (70 联络站, 联系点, 代表之家, the four parties)."""
    liaison: list[tuple[str, str]] = [
        (county, place) for county, places in _LIAISON for place in places
    ]
    # ST01-ST06 are the demo's senders; the rest are numbered in registry order.
    fixed = {**_FIRST_CODES, "呼图壁镇": 5, "奇台镇": 6}
    next_code = 7
    out: list[Station] = []
    for county, place in liaison:
        number = fixed.get(place)
        if number is None:
            number = next_code
            next_code += 1
        out.append(
            Station(
                code=f"ST{number:02d}",
                name=f"{county}{place}立法信息联络站",
                county=county,
                kind="联络站",
            )
        )
    out.sort(key=lambda s: s.code)
    out += [Station(code=c, name=n, county=k, kind="联系点") for c, n, k in _CONTACT_POINTS]
    out += [Station(code=c, name=n, county=k, kind="代表之家") for c, n, k in _HOMES]
    out += [Station(code=c, name=n, county="", kind="四方") for c, n in _PARTIES]
    return tuple(out)


def registry_csv(stations: tuple[Station, ...] | list[Station]) -> str:
    """The registry as CSV text (header 编号,名称,县市,类别; write it with a UTF-8 BOM for Excel)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(REGISTRY_COLUMNS)
    for s in stations:
        writer.writerow((s.code, s.name, s.county, s.kind))
    return buf.getvalue()


def read_registry(data: bytes, name: str = REGISTRY_FILE) -> tuple[Station, ...]:
    """Read a registry CSV (UTF-8, with or without BOM, or GBK/GB18030).

    Raises:
        CommentFileError: naming each bad row and column, when anything is wrong.
    """
    problems: list[FileProblem] = []
    text: str | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise CommentFileError(
            "站点登记表编码无法识别：请以 UTF-8 保存", file=name, problems=problems
        )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise CommentFileError("站点登记表为空", file=name)
    header = [_ALIASES.get(c.strip().lower(), c.strip()) for c in rows[0]]
    missing = [c for c in REGISTRY_COLUMNS if c not in header]
    if missing:
        raise CommentFileError(
            f"站点登记表缺少列：{'、'.join(missing)}（表头应为 {','.join(REGISTRY_COLUMNS)}）",
            file=name,
            problems=[FileProblem(f"缺少“{c}”列", file=name, row=1, column=c) for c in missing],
        )
    pos = {c: header.index(c) for c in REGISTRY_COLUMNS}
    out: list[Station] = []
    seen: dict[str, int] = {}
    for rownum, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = [*cells, *([""] * (len(header) - len(cells)))]
        record = {_FIELDS[c]: cells[i].strip() for c, i in pos.items()}
        try:
            station = Station.model_validate(record)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                column = next((c for c, f in _FIELDS.items() if f == field), None)
                hint = (
                    f"应为 {'、'.join(STATION_KINDS)} 之一"
                    if field == "kind"
                    else "编号只能含字母、数字、-、_（2-32 位）"
                    if field == "code"
                    else "请填写"
                )
                problems.append(FileProblem(hint, file=name, row=rownum, column=column))
            continue
        if station.code in seen:
            problems.append(
                FileProblem(
                    f"编号 {station.code} 与第{seen[station.code]}行重复：编号不能重复",
                    file=name,
                    row=rownum,
                    column="编号",
                )
            )
            continue
        seen[station.code] = rownum
        out.append(station)
    if problems:
        raise CommentFileError("站点登记表有误，请修改后重试", file=name, problems=problems)
    return tuple(out)
