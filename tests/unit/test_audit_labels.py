"""The audit log in text reads as Chinese: every action and every payload key the code writes
has a name for people (issue 18, item 7), and values read as words, not as JSON."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from workbench.store.audit import ACTION_LABELS
from workbench.store.audit_labels import (
    ACTION_PAYLOAD_LABELS,
    HIDDEN_KEYS,
    PAYLOAD_LABELS,
    payload_summary,
)

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"


def _written() -> Iterator[tuple[str, set[str], set[str]]]:
    """(where, actions, payload keys) of every ``append_audit(...)``/``AuditDraft(...)`` call."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in ("append_audit", "AuditDraft"):
                continue
            args = {kw.arg: kw.value for kw in node.keywords}
            if "action" not in args:
                continue
            actions = {
                c.value
                for c in ast.walk(args["action"])
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
            keys: set[str] = set()
            payload = args.get("payload")
            if isinstance(payload, ast.Dict):
                keys = {
                    k.value
                    for k in payload.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)
                }
            yield f"{path.relative_to(PACKAGE)}:{node.lineno}", actions, keys


def test_every_action_and_payload_key_written_has_a_chinese_name() -> None:
    """A new audit action or payload key without a label fails here, naming where it is written."""
    calls = list(_written())
    assert len(calls) >= 20  # the scan finds the calls (it would pass vacuously otherwise)
    missing: list[str] = []
    for where, actions, keys in calls:
        assert actions, f"{where}: the action is not a string literal"
        for action in actions:
            if action not in ACTION_LABELS:
                missing.append(f"{where}: action {action}")
            labelled = PAYLOAD_LABELS.keys() | ACTION_PAYLOAD_LABELS.get(action, {}).keys()
            missing += [f"{where}: {action}.{k}" for k in sorted(keys - labelled - HIDDEN_KEYS)]
    assert not missing, "\n".join(missing)


def test_an_import_reads_as_words() -> None:
    """Per-action names (稿名 on an import), nested values as words, identifiers left out."""
    line = payload_summary(
        {
            "draft_replaced": True,
            "label": "草案",
            "name": "草案",
            "node": "初审前",
            "number": 2,
            "open_cells": [{"node": "立项前", "party": "法检两院", "status": "未征求"}],
            "project_created": False,
            "sha256": "ab" * 32,
            "stage": "一审",
        },
        action="import_version",
        width=200,
    )
    assert line == (
        "版本=2 稿名=草案 阶段=一审 节点=初审前 工作稿改为此版=是 未会商事项=立项前·法检两院·未征求"
    )


def test_a_changed_path_names_both_sides() -> None:
    """Mappings read as 名称：值 pairs, with the action's own words for old and new."""
    line = payload_summary(
        {"new": {"kind": "修正", "readings": 1}, "old": {"kind": "制定", "readings": 2}},
        action="set_project_path",
        width=200,
    )
    assert line == "原为=类型：制定，审议次数：2 改为=类型：修正，审议次数：1"
