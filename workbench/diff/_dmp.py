"""The one module that touches diff-match-patch (untyped): a small typed wrapper around it.

Everything else in the workbench calls `raw_diff` and `cleanup_semantic` with plain
``(op, text)`` tuples, where ``op`` is -1 (delete), 0 (equal) or 1 (insert).
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

__all__ = ["DELETE", "EQUAL", "INSERT", "RawDiff", "cleanup_semantic", "raw_diff"]

DELETE = -1
"""Opcode of text only in the old version."""
EQUAL = 0
"""Opcode of text in both versions."""
INSERT = 1
"""Opcode of text only in the new version."""

RawDiff = list[tuple[int, str]]
"""A diff as diff-match-patch returns it: ``(op, text)`` pairs in order."""


def raw_diff(old: str, new: str, *, timeout: float = 1.0, checklines: bool = False) -> RawDiff:
    """Character diff of ``old`` and ``new`` without any cleanup.

    Args:
        old: The old text.
        new: The new text.
        timeout: Seconds diff-match-patch may spend before it settles for a coarser diff;
            0 means no limit (the exact, possibly very slow, diff).
        checklines: Let diff-match-patch speed up long texts with a line-level pre-pass.

    Returns:
        The ``(op, text)`` pairs.
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(old, new, checklines)
    return [(int(op), str(text)) for op, text in diffs]


def cleanup_semantic(diffs: RawDiff) -> RawDiff:
    """diff-match-patch's semantic cleanup (with its lossless boundary shifting), on a copy."""
    dmp = diff_match_patch()
    out = list(diffs)
    dmp.diff_cleanupSemantic(out)
    return [(int(op), str(text)) for op, text in out]
