"""Plain text and Markdown → article tree, tolerant of every quirk of the shared corpus.

The structure is read from the words (``第X编/分编/章/节/条``, ``（一）``, ``1.``), never from
Markdown heading depth or indentation. The parser never drops or invents text: a line it cannot
place goes into the nearest node with a diagnostic. Every decision depends on the words of the
lines only (never on ``#``, ``>`` or blank lines), so the canonical rendering parses back to the
same tree. What it does with each kind of line:

* **Headings** ``第X章 title`` (any separator, letter-spacing removed from the title); a heading
  whose title continues on the next line is joined (``heading-continued``). After the first
  article, a short unpunctuated line standing right before an article is a heading that lost its
  number (two such lines: a 章 and its first 节): it gets the next number, or the 目录's, and a
  ``heading-without-number`` diagnostic. ``附则`` alone is the unnumbered 附则 of a code when the
  text has 编 (or no heading at all), else a chapter that lost its number.
* **Articles** ``第X条`` followed by any spacing, a caption (条旨) or a line break; ``之N`` articles
  are insertions. The first paragraph (款) is the rest of the line.
* **Items / subitems** ``（一）``/``(一)`` belong to the paragraph before them; ``1.``/``1．``/
  ``1、``/``（1）`` belong to the item before them. Any other line is a new paragraph (a paragraph
  after a run of items is a new 款), unless the line before did not end a sentence: then it is a
  hard wrap and is joined back (``joined-hard-wrap``).
* **Table of contents.** A body that opens with ``目录`` followed by ``第X章`` entries skips them
  up to the real first heading (``toc-skipped``).
* **Preamble.** Lines before the first heading or article are the preamble (宪法 序言). A
  决定-type text numbered ``一、二、`` without any 条 therefore becomes title, note and preamble
  paragraphs: the model has no provision kind for ``一、`` sections and a paragraph may only live
  in an article, so the preamble is the one place that keeps every line, in order, unchanged.
  Text between a heading and its first article stays with that heading (``stray-text``).
* **Annexes** ``附件一`` on a line of its own after the articles opens an annex; every following
  line is one of its paragraphs.
"""

from __future__ import annotations

import contextlib
import re

from workbench.errors import ParseError
from workbench.model import (
    KIND_LABELS,
    Diagnostic,
    Document,
    NodeKind,
    UidFactory,
)
from workbench.model.trusted import trusted_document
from workbench.numerals import NumeralError, from_cn, to_cn
from workbench.parse.brackets import check_brackets
from workbench.parse.builder import EidAllocator, NodeData
from workbench.parse.checks import Numbering, check_item_punctuation
from workbench.parse.header import Header, read_header, skip_toc
from workbench.parse.headings import (
    KIND_OF,
    MAX_HEADING,
    continues_heading,
    lost_first_section,
    lost_heading_kinds,
    next_text,
)
from workbench.parse.lines import (
    ANNEX_RE,
    ARTICLE_RE,
    CAPTION_RE,
    HEADING_RE,
    ITEM_RE,
    SUBITEM_RE,
    SUPPLEMENTARY_RE,
    Line,
    compact,
    read_numeral,
    split_lines,
    tighten,
)
from workbench.parse.untrusted import clean_source

__all__ = ["parse_text"]

_RANK: dict[str, int] = {"book": 0, "part": 1, "chapter": 2, "section": 3}
_TERMINAL = frozenset("。；：！？;:!?”’」』")
_HEADING_BAD = re.compile(r"[。；：;:！？]")
_WHITESPACE = re.compile(r"\s")


class _Parser:
    """One pass over the body lines; keeps the open container, article, paragraph and item."""

    def __init__(self, lines: list[Line], header: Header, uids: UidFactory) -> None:
        self.lines = lines
        self.header = header
        self.uid_base = uids()
        """One factory uid per document; node ``n`` gets ``<base>-<n>`` (hexadecimal ``n``):
        unique and permanent like any factory uid, at the cost of a string format per node."""
        self.uid_count = 0
        self.eids = EidAllocator()
        self.line_of: dict[str, int] = {}
        self.skip_to = -1
        """Lines up to this index were consumed ahead (a lost 节 heading after a lost 章)."""
        self.item_parents: list[NodeData] = []
        """Paragraphs that introduce items, in order (for the punctuation check)."""
        self.diags: list[Diagnostic] = list(header.diagnostics)
        self.numbering = Numbering(self.diags)
        self.diag = self.numbering.add
        self.preamble: list[str] = []
        self.roots: list[NodeData] = []
        self.stack: list[NodeData] = []
        self.article: NodeData | None = None
        self.para: NodeData | None = None
        self.item: NodeData | None = None
        self.last: NodeData | None = None
        self.annexes: list[tuple[str, str, list[str]]] = []
        self.seen_book = False
        self.last_container_kind: NodeKind | None = None

    def next_uid(self) -> str:
        """A uid for a node that is no `Node` (an annex)."""
        self.uid_count += 1
        return f"{self.uid_base}-{self.uid_count:x}"

    def new(self, kind: NodeKind, line: int, num: str | None = None) -> NodeData:
        """A fresh node of ``kind`` starting on source ``line``."""
        self.uid_count += 1
        uid = f"{self.uid_base}-{self.uid_count:x}"
        if kind == "item" or kind == "subitem":
            self.line_of[uid] = line  # for punctuation diagnostics after the pass
        # Fields left at their defaults (heading, caption, insertion) are only set when the
        # text has them: pydantic then fills the defaults instead of validating them.
        node: NodeData = {"kind": kind, "uid": uid, "eid": "", "text": "", "children": []}
        if num is not None:
            node["num"] = num
        return node

    # -- the pass ----------------------------------------------------------------------------

    def run(self) -> None:
        # A second H1 in a LawRefBook header (``# 物权编`` of a code split by 编) names the part
        # of the code the file holds. It has no number, and plain text has no way to mark an
        # unnumbered 编, so it is kept as the first preamble paragraph (render → parse stable).
        # The 附则 file of that code holds the code's unnumbered 附则 chapter.
        for heading in self.header.body_headings:
            if SUPPLEMENTARY_RE.match(compact(heading.text)):
                self.supplementary(heading)
            else:
                self.preamble.append(heading.text)
        lines = self.lines
        n = len(lines)
        first_body = next_text(lines, self.header.body_start)
        for i in range(self.header.body_start, n):
            if i <= self.skip_to:
                continue
            line = lines[i]
            text = line.text
            if not text:
                continue
            if self.annexes:
                if ANNEX_RE.match(compact(text)):
                    self.annexes.append((self.next_uid(), text, []))
                else:
                    self.annexes[-1][2].append(text)
                continue
            first = text[0]
            if i == first_body and first == "目":
                # Only the first line of the body can open a table of contents.
                end = skip_toc(lines, i, self.header.toc, self.diags)
                if end > i:
                    self.skip_to = end - 1
                    continue
            if first == "第":
                m = ARTICLE_RE.match(text)
                if m is not None:
                    self.start_article(m, line)
                    continue
                m = HEADING_RE.match(text)
                if m is not None and self.heading(m, line):
                    continue
            elif first == "附":
                key = compact(text)
                if SUPPLEMENTARY_RE.match(key):
                    self.supplementary(line)
                    continue
                if self.numbering.prev_article is not None and ANNEX_RE.match(key):
                    self.annexes.append((self.next_uid(), text, []))
                    continue
            self.plain(line, i)

    def heading(self, m: re.Match[str], line: Line) -> bool:
        rest = m.group(3)
        if rest and not rest[0].isspace() and len(rest) > 20:
            return False
        title = tighten(rest)
        if len(title) > MAX_HEADING or _HEADING_BAD.search(title):
            return False
        kind = KIND_OF[m.group(2)]
        numeral = m.group(1)
        num = f"第{numeral}{m.group(2)}"
        value = self.numbering.container(kind, numeral, line.no)
        token = str(value) if value is not None else None
        self.open_container(kind, num, title, line, inferred=False, token=token)
        return True

    def open_container(
        self,
        kind: NodeKind,
        num: str | None,
        title: str,
        line: Line,
        *,
        inferred: bool,
        token: str | None = None,
    ) -> NodeData:
        node = self.new(kind, line.no, num)
        node["heading"] = title or None
        if kind == "book":
            self.seen_book = True
        if num is None and kind == "chapter" and self.seen_book:
            self.stack.clear()
        else:
            rank = _RANK[kind]
            while self.stack and _RANK[self.stack[-1]["kind"]] >= rank:
                self.stack.pop()
        self.eids.attach(self.stack[-1] if self.stack else None, node, token, self.roots)
        self.stack.append(node)
        self.last_container_kind = kind
        self.article = self.para = self.item = self.last = None
        if inferred:
            self.diag(
                "warning",
                "heading-without-number",
                f"标题“{title}”缺少序号，已按位置补为“{num}”，请核对原文",
                line.no,
                node["uid"],
            )
        return node

    def supplementary(self, line: Line) -> None:
        if self.seen_book or self.last_container_kind is None:
            self.open_container("chapter", None, "附则", line, inferred=False)
            return
        self.lost_heading(line, "附则", "chapter")

    def lost_heading(self, line: Line, title: str, kind: NodeKind) -> None:
        label = KIND_LABELS[kind]
        value = self.numbering.counter[kind] + 1
        for entry in self.header.toc:
            m = HEADING_RE.match(entry)
            if m is not None and m.group(2) == label and compact(m.group(3)) == compact(title):
                with contextlib.suppress(NumeralError):
                    value = from_cn(m.group(1))
                break
        num = f"第{to_cn(value)}{label}"
        self.numbering.inferred(kind, value)
        self.open_container(kind, num, tighten(title), line, inferred=True, token=str(value))

    def start_article(self, m: re.Match[str], line: Line) -> None:
        text = line.text
        head = text[: m.start(3)]
        numeral = m.group(1)
        suffix_numeral = m.group(2)
        num = head
        if _WHITESPACE.search(head):
            numeral, num = compact(numeral), compact(head)
            self.diag(
                "warning",
                "article-number-spacing",
                f"条的序号“{head}”中有空格，应写作“{num}”",
                line.no,
            )
        value, suffix, token_ok = 0, 0, False
        try:
            value, canonical = read_numeral(numeral)
            suffix = read_numeral(suffix_numeral)[0] if suffix_numeral else 0
            token_ok = True
            if not canonical:
                self.diag(
                    "info",
                    "non-canonical-numeral",
                    f"条的序号“{numeral}”不是规范写法，应为“{to_cn(value)}”",
                    line.no,
                )
        except NumeralError:
            self.diag("warning", "bad-number", f"无法识别的条序号“{head}”", line.no)
        rest = m.group(3)
        article = self.new("article", line.no, num)
        if suffix:
            article["insertion"] = True
        token = (f"{value}-{suffix}" if suffix else str(value)) if token_ok else None
        cap = CAPTION_RE.match(rest) if rest[:1] in "（(〖【" else None
        if cap is not None and not ITEM_RE.match(rest):
            article["caption"] = cap.group(1) or cap.group(2) or cap.group(3)
            rest = rest[cap.end() :]
        numbering = self.numbering
        prev = numbering.prev_article
        if suffix or prev is None or prev[1] or value != prev[0] + 1:
            numbering.article(value, suffix, line.no, article["uid"])
        else:
            numbering.prev_article = (value, 0)
        self.eids.attach(self.stack[-1] if self.stack else None, article, token, self.roots)
        self.add_paragraph(article, rest.strip())

    def add_paragraph(self, article: NodeData, text: str) -> None:
        """Append a paragraph (款) with ``text`` to ``article`` and make it the current one."""
        children = article["children"]
        self.uid_count += 1
        para: NodeData = {
            "kind": "paragraph",
            "uid": f"{self.uid_base}-{self.uid_count:x}",
            "eid": f"{article['eid']}__para_{len(children) + 1}",
            "text": text,
            "children": [],
        }
        children.append(para)
        self.article, self.para, self.item, self.last = article, para, None, para

    def plain(self, line: Line, i: int) -> None:
        text = line.text
        if self.article is None:
            if self.stack:
                self.container_text(line, i)
            else:
                self.preamble.append(text)
            return
        m = ITEM_RE.match(text) if text[0] in "（(" else None
        if m is not None:
            self.add_item(m, line)
            return
        last = self.last
        if self.item is not None and last is not None and last["kind"] in ("item", "subitem"):
            s = SUBITEM_RE.match(text)
            if s is not None:
                self.add_subitem(s, line)
                return
        kinds = (
            None
            if self.numbering.prev_article is None
            else lost_heading_kinds(self.lines, i, self.last_container_kind)
        )
        if kinds is not None:
            if SUPPLEMENTARY_RE.match(compact(text)):
                self.supplementary(line)
            else:
                self.lost_heading(line, text, kinds[0])
            if len(kinds) == 2:
                j = next_text(self.lines, i + 1)
                self.lost_heading(self.lines[j], self.lines[j].text, kinds[1])
                self.skip_to = j
            return
        if (
            last is not None
            and (not last["text"] or last["text"][-1] not in _TERMINAL)
            and not SUBITEM_RE.match(text)
        ):
            self.join(last, line)
            return
        if SUBITEM_RE.match(text):
            self.diag(
                "info",
                "numbered-line-outside-item",
                f"第{line.no}行以目的序号开头，但不在以“：”引出目的项之下，按一款处理",
                line.no,
            )
        self.add_paragraph(self.article, text)

    def join(self, last: NodeData, line: Line) -> None:
        if not last["text"]:
            if (
                last["kind"] == "paragraph"
                and self.article is not None
                and self.article["children"][0] is last
            ):
                self.diag(
                    "info",
                    "article-number-alone",
                    f"条的序号单独成行，第{line.no}行的文字接为该条第一款",
                    line.no,
                    self.article["uid"],
                )
        else:
            self.diag(
                "info",
                "joined-hard-wrap",
                f"第{line.no}行接续上一行未完的句子（折行），已合并",
                line.no,
                last["uid"],
            )
        last["text"] += line.text

    def container_text(self, line: Line, i: int) -> None:
        top = self.stack[-1]
        text = line.text
        if top["kind"] == "chapter" and not top["children"] and lost_first_section(self.lines, i):
            self.lost_heading(line, text, "section")
            return
        if continues_heading(top, text):
            top["heading"] = (top["heading"] or "") + tighten(text)
            self.diag(
                "info",
                "heading-continued",
                f"标题在第{line.no}行续行，已与上一行合并",
                line.no,
                top["uid"],
            )
            return
        top["text"] = f"{top['text']}\n{text}" if top["text"] else text
        self.diag(
            "warning",
            "stray-text",
            f"第{line.no}行“{text[:20]}”不属于任何条，已放在{KIND_LABELS[top['kind']]}标题之下",
            line.no,
            top["uid"],
        )

    def add_item(self, m: re.Match[str], line: Line) -> None:
        assert self.article is not None
        para = self.para
        if para is None:
            para = self.new("paragraph", line.no)
            self.eids.attach(self.article, para, None, self.roots)
            self.para = para
        label = compact(line.text[: m.start(2)])
        item = self.new("item", line.no, label)
        item["text"] = m.group(2)
        if not label.startswith("（") or not label.endswith("）"):
            self.diag(
                "info",
                "item-label-halfwidth",
                f"项的序号“{label}”应使用全角括号“（{m.group(1)}）”",
                line.no,
                item["uid"],
            )
        token = self.numbering.sequence(
            len(para["children"]), m.group(1), "项", line.no, item["uid"]
        )
        if not para["children"]:
            self.item_parents.append(para)
        self.eids.attach(para, item, token, self.roots)
        self.item = item
        self.last = item

    def add_subitem(self, m: re.Match[str], line: Line) -> None:
        item = self.item
        assert item is not None
        label = compact(line.text[: m.start(4)])
        sub = self.new("subitem", line.no, label)
        sub["text"] = m.group(4)
        if not item["children"] and not item["text"].endswith(("：", ":")):
            self.diag(
                "warning",
                "item-punctuation",
                f"项{item['num']}引出目，应以“：”结尾",
                self.line_of[item["uid"]],
                item["uid"],
            )
        token = self.numbering.sequence(
            len(item["children"]), m.group(1) or m.group(3), "目", line.no, sub["uid"]
        )
        self.eids.attach(item, sub, token, self.roots)
        self.last = sub

    def document(self, *, validate: bool) -> Document:
        check_item_punctuation(self.item_parents, self.line_of, self.numbering)
        self.diags.sort(key=lambda d: d.line or 0)
        data = {
            "title": self.header.title,
            "note": self.header.note,
            "preamble": self.preamble,
            "children": self.roots,
            "annexes": [
                {"uid": uid, "heading": heading, "paragraphs": paras}
                for uid, heading, paras in self.annexes
            ],
            "chapter_numbering": "per_book" if self.numbering.per_book else "continuous",
            "first_article": max(self.numbering.first_article, 1),
            "diagnostics": self.diags,
        }
        return Document.model_validate(data) if validate else trusted_document(data)


def parse_text(
    text: str, *, source: str | None = None, uids: UidFactory | None = None, validate: bool = True
) -> Document:
    """Read a regulation written as plain text or Markdown into an article tree.

    Args:
        text: The whole text (LawRefBook or whthomas Markdown, or plain text pasted from Word).
        source: The file name, for error messages.
        uids: Where new uids come from (seeded in tests); a random factory by default.
        validate: Check the tree against the model. False for a caller that only reads it
            (``workbench diff``): the tree is valid by construction, and skipping the check
            spares the start-up of pydantic's validators (`workbench.model.trusted`).

    Returns:
        The document, with eids from the numbers as written and every diagnostic.

    Raises:
        ParseError: If the text is empty or is not text at all (mostly control characters).
    """
    text, cleaned = clean_source(text, source=source)
    if not text.strip():
        raise ParseError("文件是空的，没有可解析的内容", file=source)
    lines = split_lines(text)
    header = read_header(lines)
    parser = _Parser(lines, header, uids or UidFactory())
    parser.diags.extend(cleaned)
    parser.run()
    parser.diags.extend(check_brackets([(line.no, line.text) for line in lines]))
    return parser.document(validate=validate)
