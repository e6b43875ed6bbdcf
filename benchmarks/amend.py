"""Amendment decisions on the 民法典: drafting one and applying it, against aligning the versions.

Run: ``uv run python -m benchmarks.amend`` (``--repeat N``, 3 by default; ``--share 0.03``).

The 民法典 (1,260 articles) is revised at random (seeded) in about 3 % of its articles: phrase
edits, restated articles, new articles, deleted ones, one moved, one split, one merge, the
rest renumbered silently. Measured in the same run, each the median of ``--repeat`` runs:

- the baseline: aligning the two versions (`workbench.diff.align_documents`), what the compare
  screen and the 对照表 already do;
- drafting the decision (`workbench.amend.draft_decision`: alignment, clauses, and the check
  that applies the draft to the old text);
- reading and applying it (`read_decision` + `apply_decision`: parse the words, apply, renumber,
  rewrite citations).

Both are printed as ratios to the baseline, with the round trip checked (the decision applied
to the old text gives the new one exactly).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from benchmarks.common import CORPUS
from workbench.amend import apply_decision, decision_text, draft_decision, read_decision
from workbench.diff import align_documents
from workbench.edit import commit
from workbench.model import Document, Node, UidFactory, articles
from workbench.parse import parse_file
from workbench.refs import DocIndex
from workbench.render import render_text


def _median(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _revise(doc: Document, share: float, seed: int) -> Document:
    """``doc`` with about ``share`` of its articles changed (phrases, new, deleted, moved)."""
    rng = random.Random(seed)
    arts = articles(doc)
    count = max(6, int(len(arts) * share))
    chosen = rng.sample(range(len(arts)), count)
    uids = UidFactory(seed)
    edits: dict[str, Node] = {}
    removed: set[str] = set()
    after: dict[str, list[Node]] = {}
    for k, pos in enumerate(chosen):
        art = arts[pos]
        kind = k % 6
        if kind in (0, 1):  # a phrase changed in one 款
            para = art.children[0]
            text = para.text
            at = rng.randrange(0, max(1, len(text) - 4))
            new_para = para.model_copy(update={"text": text[:at] + "依法" + text[at + 2 :]})
            edits[art.uid] = art.model_copy(update={"children": (new_para, *art.children[1:])})
        elif kind == 2:  # restated
            donor = arts[rng.randrange(len(arts))]
            fresh = tuple(_fresh(p, uids) for p in donor.children)
            edits[art.uid] = art.model_copy(update={"children": fresh})
        elif kind == 3:  # deleted
            removed.add(art.uid)
        else:  # a new article after it
            donor = arts[rng.randrange(len(arts))]
            para = _fresh(donor.children[0], uids)
            new = art.model_copy(update={"uid": uids(), "children": (para,)})
            after.setdefault(art.uid, []).append(new)

    def walk(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        for node in nodes:
            if node.kind == "article":
                if node.uid not in removed:
                    out.append(edits.get(node.uid, node))
                out.extend(after.get(node.uid, ()))
            else:
                out.append(node.model_copy(update={"children": walk(node.children)}))
        return tuple(out)

    changed = doc.model_copy(update={"children": walk(doc.children)})
    # Citations follow the renumbering, as in any real revision.
    return commit(DocIndex(doc), changed, operation="修订").document


def _fresh(node: Node, uids: UidFactory) -> Node:
    """A copy of ``node`` and its subtree with new uids."""
    children = tuple(_fresh(c, uids) for c in node.children)
    return node.model_copy(update={"uid": uids(), "children": children})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    old = parse_file(CORPUS / "large" / "中华人民共和国民法典(2020-05-28).md")
    new = _revise(old, args.share, args.seed)
    changed = sum(
        1 for p in align_documents(old, new).articles if p.kind not in ("unchanged", "renumbered")
    )
    print(
        f"民法典：{len(articles(old))} 条 → {len(articles(new))} 条，改动约 {changed} 条（{args.share:.0%}）"
    )
    base, _ = _median(lambda: align_documents(old, new), args.repeat)
    drafting, decision = _median(lambda: draft_decision(old, new), args.repeat)
    text = decision_text(decision)  # type: ignore[arg-type]
    applying, applied = _median(lambda: apply_decision(read_decision(text), old), args.repeat)
    same = render_text(applied.document.model_copy(update={"note": ""})) == render_text(  # type: ignore[attr-defined]
        new.model_copy(update={"note": ""})
    )
    items = len(decision.items)  # type: ignore[attr-defined]
    print(
        f"修改决定：{items} 项，{len(text)} 字；适用后与新版本{'完全一致' if same else '不一致！'}"
    )
    print(f"基准  对齐两个版本（align_documents）      {base * 1000:8.1f} ms  = 1.00")
    print(
        f"起草  修改决定（draft_decision，含校验）    {drafting * 1000:8.1f} ms  = {drafting / base:.2f} × 对齐"
    )
    print(
        f"适用  读取并适用（read + apply）           {applying * 1000:8.1f} ms  = {applying / base:.2f} × 对齐"
    )
    print(f"（各为 {args.repeat} 次运行的中位数）")


if __name__ == "__main__":
    main()
