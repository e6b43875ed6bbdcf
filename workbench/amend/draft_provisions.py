"""What drafting needs to say about provisions: their place (old numbers) and their lines.

A place is written as `workbench.refs` cites the node (款 named only when the article has
several, §2.1); lines are the canonical text of a provision as a decision quotes it.
"""

from __future__ import annotations

from workbench.amend.operations import Place
from workbench.model import CONTAINER_KINDS, Document, Node, iter_nodes
from workbench.refs import DocIndex, node_steps
from workbench.render import canonical_text

__all__ = [
    "body_lines",
    "flat_signature",
    "item_lines",
    "paragraph_lines",
    "place_of",
    "text_lines",
]


def place_of(index: DocIndex, uid: str) -> Place:
    """The place of node ``uid`` as a decision names it in this (old) text."""
    fields: dict[str, int] = {}
    suffix = 0
    for level, number, sfx in node_steps(index, uid):
        fields[level] = number
        if level == "article":
            suffix = sfx
    node = index.node(uid)
    if node.kind == "paragraph" and "paragraph" not in fields:
        fields["paragraph"] = index.position(uid)
    return Place.model_validate({**fields, "article_suffix": suffix})


def item_lines(item: Node) -> list[str]:
    """An item with its label, then its subitems."""
    lines = [f"{item.num or ''}{canonical_text(item.text)}"]
    lines.extend(f"{sub.num or ''}{canonical_text(sub.text)}" for sub in item.children)
    return lines


def paragraph_lines(paragraph: Node) -> list[str]:
    """A 款, then its items and subitems, one line each."""
    lines = [canonical_text(paragraph.text)]
    for item in paragraph.children:
        lines.extend(item_lines(item))
    return lines


def text_lines(article: Node) -> list[str]:
    """An article's 款, items and subitems as a decision quotes them (no article label)."""
    return [line for paragraph in article.children for line in paragraph_lines(paragraph)]


def body_lines(article: Node) -> list[str]:
    """What two articles are compared by: their lines and whether they are 之N articles."""
    return [("之" if article.insertion else ""), *text_lines(article)]


def flat_signature(doc: Document) -> list[tuple[str, str]]:
    """The text as a sequence of (kind, words): title, preamble, headings, articles, annexes."""
    out: list[tuple[str, str]] = [("title", doc.title)]
    out.extend(("preamble", canonical_text(p)) for p in doc.preamble)
    for node in iter_nodes(doc.children):
        if node.kind in CONTAINER_KINDS:
            out.append((node.kind, "".join((node.heading or "").split())))
        elif node.kind == "article":
            out.append(("article", "\n".join(body_lines(node))))
    for annex in doc.annexes:
        out.append(("annex", "\n".join((annex.heading, *annex.paragraphs))))
    return out
