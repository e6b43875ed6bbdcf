"""The audit log for people: Chinese action labels and the default actor of audit entries."""

from __future__ import annotations

import getpass

from workbench.model.project import AuditReport

__all__ = ["ACTION_LABELS", "action_label", "default_actor", "labelled_report"]

ACTION_LABELS: dict[str, str] = {
    "create_project": "新建项目",
    "rename_project": "项目更名",
    "receive_file": "接收文件",
    "reject_comment_file": "拒收意见表",
    "ingest_comments": "接收意见表",
    "import_version": "导入版本",
    "freeze_version": "定稿版本",
    "save_draft": "保存工作稿",
    "decide_comments": "处理意见",
    "place_comment": "定位意见",
    "cluster_comments": "意见聚类",
    "configure_matrix": "配置征求矩阵",
    "set_cell": "更新矩阵",
}
"""Chinese names of the audit log's actions, for people (the log itself keeps the raw names)."""


def action_label(action: str) -> str:
    """The Chinese name of audit action ``action``; the raw name when it has none."""
    return ACTION_LABELS.get(action, action)


def labelled_report(report: AuditReport) -> AuditReport:
    """``report`` with the raw action names in its message replaced by their Chinese names."""
    message = report.message
    for action, label in ACTION_LABELS.items():
        message = message.replace(f"（{action}）", f"（{label}）")
    return report.model_copy(update={"message": message})


def default_actor() -> str:
    """The system user's name, for audit entries when nobody is named."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
