"""The clause grammar of a 修改决定: one item's words → typed operations (§4.2).

`reading` cuts an item into clauses and tries the forms in their order of precedence; the forms
live by what they change: `containers` (名称, 编/章/节), `articles` (split, merge, demote,
renumber), `units` (条/款/项/目 added, restated, deleted), `words` (words inside a provision),
`closing` (条文顺序, 施行, 重新公布); `context` holds what they share.
"""

from workbench.amend.clauses.reading import FORMS, ItemReading, read_item

__all__ = ["FORMS", "ItemReading", "read_item"]
