"""Pure structural edits with automatic renumbering and cross-reference rewriting.

Every operation takes a `Document` and returns an `EditResult` (new document + report); uids
never change, numbers and eids are recomputed, and every internal citation is rewritten to the
new numbers. Imports refs, model and numerals only (diff is a sibling and is not imported).
"""

from workbench.edit.commit import commit
from workbench.edit.containers import (
    dissolve,
    insert_chapter,
    insert_section,
    join_previous,
    rename,
    start_container,
)
from workbench.edit.ops import (
    delete,
    insert_article,
    insert_item,
    insert_paragraph,
    insert_subitem,
    move,
    replace_text,
)
from workbench.edit.renumbering import renumber_citing
from workbench.edit.reshape import demote, merge, promote, split
from workbench.edit.result import (
    DanglingCitation,
    EditReport,
    EditResult,
    NumberChange,
    TextRewrite,
)

__all__ = [
    "DanglingCitation",
    "EditReport",
    "EditResult",
    "NumberChange",
    "TextRewrite",
    "commit",
    "delete",
    "demote",
    "dissolve",
    "insert_article",
    "insert_chapter",
    "insert_item",
    "insert_paragraph",
    "insert_section",
    "insert_subitem",
    "join_previous",
    "merge",
    "move",
    "promote",
    "rename",
    "renumber_citing",
    "replace_text",
    "split",
    "start_container",
]
