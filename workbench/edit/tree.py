"""Low-level immutable tree surgery: replace a node's children, replace texts, locate places.

Every function returns new frozen nodes built with the constructors (so each changed node's own
invariants are checked) and rebuilds only the path from the change to the root.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from workbench.errors import EditError
from workbench.model import Document, Node, NodeKind
from workbench.model.messages import first_problem
from workbench.refs import DocIndex

__all__ = [
    "ALLOWED_PARENTS",
    "KIND_NAMES",
    "describe",
    "node_with",
    "replace_children",
    "replace_texts",
    "require",
]

KIND_NAMES: dict[NodeKind, str] = {
    "book": "编",
    "part": "分编",
    "chapter": "章",
    "section": "节",
    "article": "条",
    "paragraph": "款",
    "item": "项",
    "subitem": "目",
}

ALLOWED_PARENTS: dict[NodeKind, frozenset[NodeKind | None]] = {
    "book": frozenset({None}),
    "part": frozenset({None, "book"}),
    "chapter": frozenset({None, "book", "part"}),
    "section": frozenset({None, "book", "part", "chapter"}),
    "article": frozenset({None, "book", "part", "chapter", "section"}),
    "paragraph": frozenset({"article"}),
    "item": frozenset({"paragraph"}),
    "subitem": frozenset({"item"}),
}
"""Where each kind may stand (None: the top level of the document)."""


def describe(node: Node) -> str:
    """A node named for an error message: ``第十二条（uid n…，eid art_12）``."""
    name = node.num or node.heading or KIND_NAMES[node.kind]
    return f"{name}（{node.uid}，{node.eid}）"


def require(index: DocIndex, uid: str, *kinds: NodeKind) -> Node:
    """The node ``uid``, checked to be one of ``kinds`` (any kind when none given).

    Raises:
        EditError: If there is no such node, or it is of another kind.
    """
    if not index.has(uid):
        raise EditError(f"文件中没有标识为 {uid} 的节点", uid=uid)
    node = index.node(uid)
    if kinds and node.kind not in kinds:
        wanted = "或".join(KIND_NAMES[k] for k in kinds)
        raise EditError(f"{describe(node)}是{KIND_NAMES[node.kind]}，这里需要{wanted}", uid=uid)
    return node


def node_with(node: Node, **changes: Any) -> Node:
    """A copy of ``node`` with ``changes``, validated by the constructor.

    Raises:
        EditError: If the changed node breaks an invariant (an article without 款 ...).
    """
    data = {name: getattr(node, name) for name in Node.model_fields}
    data.update(changes)
    try:
        return Node.model_validate(data)
    except ValidationError as exc:
        raise EditError(
            f"修改后的{describe(node)}不合规：{first_problem(exc)}", uid=node.uid
        ) from exc


def replace_children(
    doc: Document, index: DocIndex, parent: str | None, children: tuple[Node, ...]
) -> Document:
    """A copy of ``doc`` where ``parent`` (None: the top level) has ``children``."""
    if parent is None:
        return _doc_with(doc, children)
    path = index.paths[parent]
    new = node_with(path[-1], children=children)
    for ancestor in reversed(path[:-1]):
        new = node_with(
            ancestor,
            children=tuple(new if c.uid == new.uid else c for c in ancestor.children),
        )
    return _doc_with(doc, tuple(new if c.uid == new.uid else c for c in doc.children))


def _doc_with(doc: Document, children: tuple[Node, ...]) -> Document:
    data = {name: getattr(doc, name) for name in Document.model_fields}
    data["children"] = children
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        raise EditError(f"修改后的文件不合规：{first_problem(exc)}") from exc


def replace_texts(doc: Document, texts: Mapping[str, str], index: DocIndex) -> Document:
    """A copy of ``doc`` (indexed by ``index``) where each uid in ``texts`` has the new text."""
    if not texts:
        return doc
    # Only the nodes on the paths to changed texts are rebuilt.
    on_path = {node.uid for uid in texts for node in index.paths[uid]}
    return doc.model_copy(update={"children": _map_texts(doc.children, texts, on_path)})


def _map_texts(
    nodes: tuple[Node, ...], texts: Mapping[str, str], on_path: set[str]
) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        if node.uid not in on_path:
            out.append(node)
            continue
        update: dict[str, Any] = {"children": _map_texts(node.children, texts, on_path)}
        if node.uid in texts:
            update["text"] = texts[node.uid]
        out.append(node.model_copy(update=update))
    return tuple(out)
