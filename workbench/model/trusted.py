"""Models made from data the workbench built itself, without validating it a second time.

pydantic builds a model's validator the first time the model validates something (the models
defer it, see `workbench.model.base.WorkbenchModel`), and building the first validator of a
process loads pydantic's plugin machinery: ``importlib.metadata`` and a scan of every installed
package's entry points, about 25 ms of a command's start-up. The parser's trees are valid by
construction (uids from a `UidFactory`, eids from their position, kinds nested as `Node` allows,
diagnostics typed by the function that makes them), so a command that only reads a parsed tree
(``workbench diff``) builds it here and never builds a validator. Data from outside the
workbench (a draft JSON, the database) is validated as always (`Document.model_validate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.model.nodes import Annex, Diagnostic, Document, Node, Severity

__all__ = ["diagnostic", "trusted_annex", "trusted_document", "trusted_node"]


def diagnostic(
    severity: Severity, code: str, message: str, line: int | None = None, uid: str | None = None
) -> Diagnostic:
    """A `Diagnostic` from typed values (the checker has verified their types), unvalidated."""
    return Diagnostic.model_construct(
        severity=severity, code=code, message=message, line=line, uid=uid
    )


_BLANK_NODE = Node.model_construct(
    set(),
    **{
        "kind": "article",
        "uid": "",
        "eid": "",
        **{n: f.get_default() for n, f in Node.model_fields.items() if not f.is_required()},
    },
)
"""A node with every field present (the required ones blank) and none counted as set: each
trusted node is a copy of it with the parser's fields put in (``model_copy``, about twice as
fast as ``model_construct``, which looks up every field's aliases and default per node)."""


def trusted_node(data: Mapping[str, Any]) -> Node:
    """`Node.model_validate(data)` without validation: ``data`` the parser built.

    ``data`` gives at least ``kind``, ``uid`` and ``eid``; ``children`` may be a list of the
    same data (or of nodes). Fields left out keep their defaults, the fields given count as
    set, and the fields stand in the model's order, all as in validation.
    """
    update = dict(data)
    if "children" in update:
        update["children"] = tuple(
            c if isinstance(c, Node) else trusted_node(c) for c in update["children"]
        )
    return _BLANK_NODE.model_copy(update=update)


def trusted_annex(data: Mapping[str, Any] | Annex) -> Annex:
    """`Annex.model_validate(data)` without validation."""
    if isinstance(data, Annex):
        return data
    return Annex.model_construct(**{**data, "paragraphs": tuple(data.get("paragraphs", ()))})


def trusted_document(data: Mapping[str, Any]) -> Document:
    """`Document.model_validate(data)` without validation: a tree the parser built.

    Sequences become tuples and nested data becomes models, as validation would make them;
    the diagnostics must already be `Diagnostic` objects.
    """
    fields = dict(data)
    fields["children"] = tuple(
        c if isinstance(c, Node) else trusted_node(c) for c in data.get("children", ())
    )
    fields["annexes"] = tuple(trusted_annex(a) for a in data.get("annexes", ()))
    for name in ("preamble", "diagnostics"):
        if name in fields:
            fields[name] = tuple(fields[name])
    return Document.model_construct(**fields)
