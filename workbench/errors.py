"""The workbench's exceptions. Each carries where the problem is (file, line, row, column, uid).

The CLI maps them to a Chinese message on stderr and a non-zero exit code.
"""

from __future__ import annotations

__all__ = [
    "CommentFileError",
    "EditError",
    "FileProblem",
    "ParseError",
    "StoreError",
    "WorkbenchError",
]


class FileProblem:
    """One problem found in a file: where it is and what to fix (message in Chinese)."""

    __slots__ = ("column", "file", "message", "row")

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = [
            p
            for p in (
                self.file,
                f"第{self.row}行" if self.row is not None else None,
                f"“{self.column}”列" if self.column else None,
            )
            if p
        ]
        return f"{'，'.join(where)}：{self.message}" if where else self.message

    def to_dict(self) -> dict[str, str | int | None]:
        """A JSON-ready view: ``file``, ``row``, ``column``, ``message``."""
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


class WorkbenchError(Exception):
    """Base of every error the workbench reports to a person."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        uid: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.uid = uid

    def __str__(self) -> str:
        where = [p for p in (self.file, f"第{self.line}行" if self.line is not None else None) if p]
        return f"{'，'.join(where)}：{self.message}" if where else self.message


class ParseError(WorkbenchError):
    """A text, DOCX or XML file could not be read as a regulation."""


class EditError(WorkbenchError):
    """A structural edit is not possible on this tree (unknown uid, wrong kind ...)."""


class StoreError(WorkbenchError):
    """The workspace or its database refused an operation."""


class CommentFileError(WorkbenchError):
    """A comment file was rejected whole; ``problems`` lists every reason."""

    def __init__(
        self, message: str, *, file: str | None = None, problems: list[FileProblem] | None = None
    ) -> None:
        super().__init__(message, file=file)
        self.problems = problems or []
