"""Parse the 民法典 and compare with loading the same tree from its own JSON.

Prints articles per second and the ratio parse time ÷ `Document.model_validate_json` time,
both measured in this run (target: ratio ≤ 2). The two are timed alternately and the fastest
run of each is kept, so load from other processes on the machine hits both alike.
"""

from __future__ import annotations

import sys
import time

from benchmarks.common import CORPUS
from workbench.model import Document, UidFactory, articles
from workbench.parse import decode_text, parse_text

SOURCE = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"
REPEAT = 25


def _timed(fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    text = decode_text(SOURCE.read_bytes())
    doc = parse_text(text, uids=UidFactory(1))
    data = doc.model_dump_json()
    n = len(articles(doc))
    parse_times: list[float] = []
    load_times: list[float] = []
    for _ in range(REPEAT):
        parse_times.append(_timed(lambda: parse_text(text, uids=UidFactory(1))))
        load_times.append(_timed(lambda: Document.model_validate_json(data)))
    parse_s, load_s = min(parse_times), min(load_times)
    ratio = parse_s / load_s
    print(f"民法典: {n} 条, {len(text)} 字符, {len(data) // 1024} KiB JSON")
    print(f"parse: {parse_s * 1000:.1f} ms ({n / parse_s:,.0f} 条/s)")
    print(f"model_validate_json: {load_s * 1000:.1f} ms")
    print(f"ratio parse / load-from-JSON: {ratio:.2f} (target <= 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
