"""Check a parsed comment file's header against the workspace: station, project, version.

Pure: the caller passes what the workspace knows. A wrong header rejects the file whole.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from workbench.comments.readers import JsonProblem, ParsedFile

__all__ = ["check_header"]


def check_header(
    parsed: ParsedFile,
    *,
    stations: Collection[str],
    versions_of: Callable[[str], Sequence[str] | None],
) -> None:
    """Add an error to ``parsed`` for each header value the workspace does not know.

    Args:
        parsed: A file `read_comment_file` read without errors.
        stations: The codes in the station registry.
        versions_of: The version names of a project, or None when there is no such project.
    """

    def error(message: str, column: str) -> None:
        if parsed.format == "json":  # no rows in JSON: name the header key instead
            parsed.errors.append(JsonProblem(message, file=parsed.name, column=column))
        else:
            parsed.error(message, row=2, column=column)

    if parsed.station and parsed.station not in stations:
        error(
            f"联络站编号“{parsed.station}”不在站点登记表中：请核对编号（`workbench stations` "
            "可列出全部编号），或请工作人员先在 stations.csv 中登记该站点",
            "联络站编号",
        )
    if not parsed.project:
        return
    versions = versions_of(parsed.project)
    if versions is None:
        error(
            f"项目“{parsed.project}”不存在：请使用工作台为本项目生成的模板（项目列已预填）",
            "项目",
        )
        return
    if parsed.version and parsed.version not in versions:
        known = "、".join(versions) if versions else "（尚无版本）"
        error(
            f"项目“{parsed.project}”没有版本“{parsed.version}”：可用版本为 {known}，"
            "请按征求意见的版本填写",
            "版本",
        )
