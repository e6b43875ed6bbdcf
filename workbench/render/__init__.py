"""Outbound: the canonical text and Markdown of a regulation from its tree.

Never imports Textual, Rich or click, nor the parser (a sibling layer).
"""

from __future__ import annotations

from workbench.render.text import canonical_text, render_markdown, render_text

__all__ = ["canonical_text", "render_markdown", "render_text"]
