"""HTML exports: one self-contained page (inline CSS, no scripts, no outside resources).

`export_draft_html` prints the consolidated draft like the Word version: title, 题注, 目录 for
texts with chapters, headings, articles with their numbers in 黑体. Every node carries its eid
as ``id`` so citations can link to ``#chp_2__art_15``. Must not import store or workspace.
"""

from __future__ import annotations

from html import escape

from workbench.controls import document_text
from workbench.model import CONTAINER_KINDS, Document, Node

__all__ = ["export_draft_html", "page"]

_BASE_CSS = """
body { font-family: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", serif; font-size: 16pt;
       line-height: 1.75; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-family: "方正小标宋简体", "宋体", "SimSun", serif; font-size: 22pt; font-weight: normal;
     text-align: center; margin: .5em 0 .2em; }
h2, h3, h4 { font-family: "黑体", "SimHei", sans-serif; font-weight: normal; text-align: center;
             font-size: 16pt; }
.note { font-family: "楷体_GB2312", "楷体", "KaiTi", serif; text-align: center; }
.toc { margin: 1em 0 2em; }
.toc p { margin: 0; text-indent: 2em; }
.toc .depth-1 { text-indent: 4em; }
.toc .depth-2 { text-indent: 6em; }
.article p, .preamble p, .annex p { margin: 0; text-indent: 2em; }
.num { font-family: "黑体", "SimHei", sans-serif; }
@media print { body { max-width: none; margin: 0; } }
"""


def page(title: str, body: str, *, extra_css: str = "") -> str:
    """A complete HTML document around ``body``, control characters removed (`document_text`)."""
    return document_text(
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="立法工作台">\n'
        f"<title>{escape(title)}</title>\n<style>{_BASE_CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def export_draft_html(doc: Document) -> str:
    """The draft as one HTML page."""
    parts = [f"<h1>{escape(doc.title)}</h1>"]
    for line in doc.note.split("\n") if doc.note else ():
        parts.append(f'<p class="note">（{escape(line)}）</p>')
    if any(node.kind in CONTAINER_KINDS for node in doc.children):
        parts.append('<nav class="toc"><h2>目\u3000\u3000录</h2>')
        parts.extend(_toc(doc.children, 0))
        parts.append("</nav>")
    if doc.preamble:
        parts.append('<section class="preamble">')
        parts.extend(f"<p>{escape(line)}</p>" for line in doc.preamble)
        parts.append("</section>")
    parts.extend(_node(node, 2) for node in doc.children)
    for annex in doc.annexes:
        parts.append(f'<section class="annex" id="annex_{escape(annex.uid)}">')
        parts.append(f"<h2>{escape(annex.heading)}</h2>")
        parts.extend(f"<p>{escape(line)}</p>" for line in annex.paragraphs)
        parts.append("</section>")
    return page(doc.title, "\n".join(parts))


def _heading(node: Node) -> str:
    return "\u3000".join(p for p in (node.num, node.heading) if p)


def _toc(nodes: tuple[Node, ...], depth: int) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if node.kind in CONTAINER_KINDS:
            out.append(
                f'<p class="depth-{min(depth, 2)}"><a href="#{escape(node.eid)}">'
                f"{escape(_heading(node))}</a></p>"
            )
            out.extend(_toc(node.children, depth + 1))
    return out


def _node(node: Node, level: int) -> str:
    if node.kind in CONTAINER_KINDS:
        tag = f"h{min(level, 4)}"
        inner = "\n".join(_node(child, level + 1) for child in node.children)
        return (
            f'<section id="{escape(node.eid)}"><{tag}>{escape(_heading(node))}</{tag}>\n'
            f"{inner}</section>"
        )
    lines: list[tuple[str, str]] = [("", node.text)] if node.text else []
    for paragraph in node.children:
        lines.append((paragraph.eid, paragraph.text))
        for item in paragraph.children:
            lines.append((item.eid, f"{item.num or ''}{item.text}"))
            lines.extend((sub.eid, f"{sub.num or ''}{sub.text}") for sub in item.children)
    caption = f"【{node.caption}】" if node.caption else "\u3000"
    out = [f'<div class="article" id="{escape(node.eid)}">']
    for index, (eid, text) in enumerate(lines):
        lead = (
            f'<span class="num">{escape((node.num or "") + caption)}</span>' if index == 0 else ""
        )
        anchor = f' id="{escape(eid)}"' if eid else ""
        out.append(f"<p{anchor}>{lead}{escape(text)}</p>")
    out.append("</div>")
    return "\n".join(out)
