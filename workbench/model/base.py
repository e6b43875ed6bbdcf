"""The base class of every workbench model: frozen, strict about extra fields, documented.

Each field's attribute docstring becomes its JSON-schema description. pydantic's own
``use_attribute_docstrings`` reads the source of every model class while the class is being
created, which every command paid at start-up (about a third of importing the model); here the
docstrings are read only when a JSON schema is generated (`describe_fields`), which gives the same
schema.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict

__all__ = ["WorkbenchModel", "attribute_docstrings", "describe_fields"]


@cache
def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstrings written under the annotated attributes of class ``cls`` (not inherited)."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    tree = ast.parse(textwrap.dedent(source))
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name != cls.__name__:
            continue
        body = node.body
        for stmt, after in itertools.pairwise(body):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                found[stmt.target.id] = inspect.cleandoc(after.value.value)
    return found


def _property_names(name: str, field: Any) -> list[str]:
    names = [name]
    if field.alias:
        names.insert(0, field.alias)
    choices = field.validation_alias
    if isinstance(choices, AliasChoices) and isinstance(choices.choices[0], str):
        names.insert(0, choices.choices[0])
    elif isinstance(choices, str):
        names.insert(0, choices)
    return names


def describe_fields(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """Give each property of ``cls``'s JSON schema its field's docstring as ``description``.

    A ``json_schema_extra`` hook: `WorkbenchModel` sets it, and a model with a hook of its own
    calls it first. A description given with ``Field(description=...)`` is kept.
    """
    properties: dict[str, Any] = schema.get("properties", {})
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if isinstance(klass, type) and issubclass(klass, BaseModel):
            docs.update(attribute_docstrings(klass))
    for name, field in cls.model_fields.items():
        if name not in docs or field.description is not None:
            continue
        for key in _property_names(name, field):
            if key in properties:
                properties[key].setdefault("description", docs[name])
                break


class WorkbenchModel(BaseModel):
    """A frozen pydantic model whose attribute docstrings become JSON-schema descriptions.

    Validators are built when a model first validates (``defer_build``), not when its module
    is imported: a command pays only for the models it uses, and one that validates nothing
    (``diff`` of two files, `workbench.model.trusted`) never loads pydantic's plugin machinery.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra=describe_fields, defer_build=True
    )
