"""Parser diagnostics as one line each for stderr: ``文件:行: 级别 代码 消息``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.model import Diagnostic

__all__ = ["format_diagnostic"]

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def format_diagnostic(source: str, diagnostic: Diagnostic) -> str:
    """One diagnostic as ``文件:行: 级别 代码 消息`` (the line left out when unknown)."""
    where = f"{source}:{diagnostic.line}" if diagnostic.line is not None else source
    level = _SEVERITY.get(diagnostic.severity, diagnostic.severity)
    return f"{where}: {level} {diagnostic.code} {diagnostic.message}"
