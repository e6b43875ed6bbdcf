"""The base class of every workbench model: frozen, strict about extra fields, documented."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["WorkbenchModel"]


class WorkbenchModel(BaseModel):
    """A frozen pydantic model whose attribute docstrings become JSON-schema descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
