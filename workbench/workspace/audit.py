"""The audit log for people: Chinese action labels and the default actor of audit entries."""

from __future__ import annotations

import getpass

from workbench.store.audit import ACTION_LABELS, action_label, payload_summary

__all__ = ["ACTION_LABELS", "action_label", "default_actor", "payload_summary"]


def default_actor() -> str:
    """The system user's name, for audit entries when nobody is named."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
