"""The audit log as people read it: Chinese names of the fields of its entries' payloads.

The log itself keeps the raw action names and payload keys (they are hashed); `audit` in text
shows `workbench.store.audit.action_label` (the actions' names live beside the log) and
`payload_summary` instead, and ``--format json`` the raw entries. A
payload key means different things in different actions (``name`` is a file name when a file
is received, the name of the text when a version is imported), so labels are looked up per
action first (`ACTION_PAYLOAD_LABELS`), then in `PAYLOAD_LABELS`. A test reads every
``append_audit`` call in the code and checks that each key it writes has a label here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ACTION_PAYLOAD_LABELS",
    "HIDDEN_KEYS",
    "PAYLOAD_LABELS",
    "payload_label",
    "payload_summary",
]

PAYLOAD_LABELS: dict[str, str] = {
    "number": "版本",
    "version": "版本",
    "title": "标题",
    "old_slug": "原代号",
    "new_slug": "新代号",
    "name": "文件",
    "label": "稿名",
    "stage": "阶段",
    "node": "节点",
    "source_name": "文件",
    "party": "征求对象",
    "status": "状态",
    "old_status": "原状态",
    "station": "联络站",
    "rows": "意见数",
    "unplaced": "未定位",
    "flagged": "疑似公式",
    "comments": "意见",
    "comment": "意见",
    "cluster": "重复组",
    "decision": "处理",
    "clause": "条款",
    "reason": "理由",
    "clusters": "重复组数",
    "clauses": "条款数",
    "whole": "整条",
    "size": "字节",
    "errors": "问题",
    "duplicate": "重复",
    "first": "首次接收",
    "record": "记录",
    "nodes": "节点",
    "parties": "征求对象",
    "stages": "阶段",
    "old": "原名称",
    "new": "新名称",
    "kind": "类型",
    "readings": "审议次数",
    "revision": "修订序号",
    "previous": "上一版本",
    "project_created": "新建项目",
    "draft_replaced": "工作稿改为此版",
    "open_cells": "未会商事项",
    "earlier_stage_than": "阶段早于已有版本",
    "date": "日期",
    "body": "机关",
    "outcome": "结果",
    "notice": "公告",
    "effective": "施行日期",
    "replaced": "替换的记录",
    "removed": "撤销的记录",
    "instrument": "法规",
    "articles": "条数",
    "base_version": "底本版本",
    "applied": "已适用",
    "manual": "需人工处理",
    "failed": "未能适用",
    "head": "锚点",
    "recorded_by": "记录人",
    "recorded_at": "记录时间",
    "version_name": "稿名",
    "reading": "审次",
    "aliases": "别名",
}
"""Chinese names of payload keys (and of the keys inside a payload's values), in the order a
summary shows them: what the entry is about first, then its details."""

_ORDER = {key: n for n, key in enumerate(PAYLOAD_LABELS)}

ACTION_PAYLOAD_LABELS: dict[str, dict[str, str]] = {
    "import_version": {"name": "稿名", "label": "版本名"},
    "freeze_version": {"name": "稿名", "label": "版本名"},
    "set_project_path": {"old": "原为", "new": "改为"},
    "cluster_comments": {"new": "新增组", "dissolved": "解散组"},
    "reset_anchor": {"old": "原锚点"},
    "amend_apply": {"decision": "修改决定"},
    "library_add": {"date": "版本日期"},
}
"""Per action, the keys whose meaning there differs from `PAYLOAD_LABELS`."""

HIDDEN_KEYS = frozenset({"sha256", "source_sha256", "linked_uid", "from_uid", "to_uid", "uid"})
"""Payload keys that are identifiers, not for reading (``--format json`` has them)."""


def payload_label(key: str, action: str | None = None) -> str:
    """The Chinese name of payload key ``key`` (in ``action``); the key itself when it has none."""
    specific = ACTION_PAYLOAD_LABELS.get(action or "", {})
    return specific.get(key) or PAYLOAD_LABELS.get(key, key)


def _skipped(key: str, value: Any) -> bool:
    """Identifiers, empty values, false flags and zero counts are left out."""
    return key in HIDDEN_KEYS or value in (None, "", [], {}, False)


def _value(value: Any) -> str:
    """A payload value for people: 是 for true, lists joined with 、, mappings as 名称：值."""
    if value is True:
        return "是"
    if isinstance(value, Mapping):
        if all(not isinstance(v, (Mapping, list)) for v in value.values()):
            parts = [
                f"{payload_label(k)}：{_value(v)}" for k, v in value.items() if not _skipped(k, v)
            ]
            return "，".join(parts)
        return "·".join(_value(v) for k, v in value.items() if not _skipped(k, v))
    if isinstance(value, list):
        shown = [_short(v) if isinstance(v, Mapping) else _value(v) for v in value[:5]]
        return "、".join(shown) + ("…" if len(value) > 5 else "")
    return str(value)


def _short(value: Mapping[str, Any]) -> str:
    """A mapping inside a list, by its values alone (初审前·法检两院·未征求)."""
    return "·".join(_value(v) for k, v in value.items() if not _skipped(k, v))


def payload_summary(
    payload: Mapping[str, Any], *, action: str | None = None, width: int = 60
) -> str:
    """One line for people: ``文件=初审前-ST01.csv 意见数=5 …`` (identifiers left out).

    Empty values and false flags are skipped; lists and mappings are shortened; keys are named
    in Chinese (per ``action`` where a key means something else there); the line is cut to
    ``width`` characters.
    """
    keys = sorted(payload, key=lambda k: _ORDER.get(k, len(_ORDER)))
    parts = [
        f"{payload_label(key, action)}={_value(payload[key])}"
        for key in keys
        if not _skipped(key, payload[key])
        and not (key == "label" and payload[key] == payload.get("name"))
    ]
    line = " ".join(parts)
    return line if len(line) <= width else line[: width - 1] + "…"
