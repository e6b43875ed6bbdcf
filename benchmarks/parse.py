"""Parse the 民法典 and compare with loading the same tree from its own JSON.

Prints articles per second and the ratio parse time ÷ `Document.model_validate_json` time,
both measured in this run (target: ratio ≤ 2).
"""

from __future__ import annotations

import sys

from benchmarks.common import CORPUS, best_of
from workbench.model import Document, UidFactory, articles
from workbench.parse import decode_text, parse_text

SOURCE = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"


def main() -> int:
    text = decode_text(SOURCE.read_bytes())
    doc = parse_text(text, uids=UidFactory(1))
    data = doc.model_dump_json()
    n = len(articles(doc))
    parse_s = best_of(lambda: parse_text(text, uids=UidFactory(1)), repeat=7)
    load_s = best_of(lambda: Document.model_validate_json(data), repeat=7)
    ratio = parse_s / load_s
    print(f"民法典: {n} 条, {len(text)} 字符")
    print(f"parse: {parse_s * 1000:.1f} ms ({n / parse_s:,.0f} 条/s)")
    print(f"model_validate_json: {load_s * 1000:.1f} ms")
    print(f"ratio parse / load-from-JSON: {ratio:.2f} (target <= 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
