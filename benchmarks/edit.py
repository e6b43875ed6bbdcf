"""Structural edits on the 民法典 (1,260 articles), compared with loading it from its own JSON.

Each edit (insert an article at the front, move one from the end to the front, delete one near
the front) renumbers all 1,260 articles and rewrites every internal cross-reference. Prints
each edit's time and its ratio to `Document.model_validate_json` of the same tree, both measured
in this run (target: ratio ≤ 10, i.e. under ~0.2 s on a laptop: interactive). Also prints
the reference scan alone (cached per text after the first scan, as in an editing session).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from benchmarks.common import CORPUS, best_of
from workbench.edit import EditResult, delete, insert_article, move
from workbench.model import Document, UidFactory, articles, renumber
from workbench.parse import parse_file
from workbench.refs import find_references

SOURCE = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"
REPEAT = 5


def main() -> int:
    doc = renumber(parse_file(SOURCE))
    arts = articles(doc)
    data = doc.model_dump_json()
    load_s = best_of(lambda: Document.model_validate_json(data), REPEAT)
    refs = find_references(doc)
    scan_s = best_of(lambda: find_references(doc), REPEAT)
    print(f"民法典: {len(arts)} 条, 内部引用 {len(refs.internal)} 处")
    print(f"model_validate_json: {load_s * 1000:.1f} ms")
    print(f"find_references: {scan_s * 1000:.1f} ms (ratio {scan_s / load_s:.2f})")
    edits: dict[str, Callable[[], EditResult]] = {
        "insert_article (front)": lambda: insert_article(
            doc, "新增条文。", before=arts[0].uid, uids=UidFactory(1)
        ),
        "move (last → front)": lambda: move(doc, arts[-1].uid, before=arts[0].uid),
        "delete (第六条)": lambda: delete(doc, arts[5].uid),
    }
    worst = 0.0
    for name, edit in edits.items():
        result = edit()
        seconds = best_of(edit, REPEAT)
        ratio = seconds / load_s
        worst = max(worst, ratio)
        print(
            f"{name}: {seconds * 1000:.1f} ms (ratio {ratio:.2f}); "
            f"{len(result.report.number_changes)} 处序号调整, {len(result.report.rewrites)} 处引用改写"
        )
    print(f"worst edit / load-from-JSON: {worst:.2f} (target <= 10)")
    return 0 if worst <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
