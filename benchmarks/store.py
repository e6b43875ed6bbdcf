"""Freeze the 民法典 as a version in a SQLite workspace, and load it back.

Prints the time to store one version (tree JSON, hash, node history for every node, audit entry,
working draft, one transaction) and to load it, each as a ratio to the plain JSON round trip of
the same tree (`model_dump_json` + `model_validate_json`) measured in this run. Informative: the
store should cost a small multiple of serialising the tree, and loading about one JSON parse.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import CORPUS
from workbench.model import Document, UidFactory, articles, iter_nodes
from workbench.parse import decode_text, parse_text
from workbench.workspace import Workspace

SOURCE = CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md"
REPEAT = 5


def main() -> int:
    doc = parse_text(decode_text(SOURCE.read_bytes()), uids=UidFactory(1))
    nodes = sum(1 for _ in iter_nodes(doc.children))
    store_s: list[float] = []
    load_s: list[float] = []
    json_s: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Workspace.init(Path(tmp) / "ws") as ws:
        for i in range(REPEAT):
            start = time.perf_counter()
            Document.model_validate_json(doc.model_dump_json())
            json_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            ws.import_document(doc, f"mfd-{i}", "立项前", actor="bench", create=True)
            store_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            ws.document(f"mfd-{i}")
            load_s.append(time.perf_counter() - start)
    base, store, load = min(json_s), min(store_s), min(load_s)
    print(f"民法典: {len(articles(doc))} 条, {nodes} 个节点")
    print(f"JSON round trip (baseline): {base * 1000:.1f} ms")
    print(f"store as a version: {store * 1000:.1f} ms (ratio {store / base:.2f})")
    print(f"load a version: {load * 1000:.1f} ms (ratio {load / base:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
