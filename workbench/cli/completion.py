"""Shell completion of names from the workspace: project codes, versions, nodes, stations.

click calls these while the shell asks for candidates (``_WORKBENCH_COMPLETE``); the group's
callback has not run, so the workspace comes from the root command's parsed options. A
completion never fails: a missing or unreadable workspace completes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from workbench.workspace import Workspace

__all__ = ["complete_names"]


def _workspace(ctx: click.Context) -> Workspace | None:
    from workbench.workspace import Workspace

    root = ctx.find_root().params
    folder = root.get("workspace") or "drafts"
    try:
        return Workspace.open(folder, root.get("database"))
    except Exception:  # completion must never fail: an unreadable workspace offers nothing
        return None


def _names(ws: Workspace, kind: str, ctx: click.Context) -> list[str]:
    if kind == "projects":
        return [p.slug for p in ws.projects()]
    if kind == "nodes":
        return list(ws.matrix_config().nodes)
    if kind == "stations":
        from workbench.workspace.comments import CommentService

        return [s.code for s in CommentService(ws).stations()]
    if kind == "versions":
        project = ctx.params.get("project")
        if not project:
            return ["latest"]
        infos = ws.versions(project)
        names = dict.fromkeys(n for i in infos for n in (i.name, i.stage, i.node) if n)
        return [*(str(i.number) for i in infos), *names, "latest"]
    raise ValueError(f"unknown completion kind {kind}")


def complete_names(ctx: click.Context, kind: str, incomplete: str) -> list[str]:
    """The workspace's names of ``kind`` that start with ``incomplete``.

    Args:
        ctx: The context of the command being completed (its ``project`` narrows versions).
        kind: ``projects``, ``versions``, ``nodes`` or ``stations``.
        incomplete: What the user typed so far.
    """
    ws = _workspace(ctx)
    if ws is None:
        return []
    try:
        with ws:
            names = _names(ws, kind, ctx)
    except Exception:  # an unknown project, a locked database: offer nothing, say nothing
        return []
    return [n for n in names if n.startswith(incomplete)]
