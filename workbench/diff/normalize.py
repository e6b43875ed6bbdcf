"""Text keys for comparing provisions: normalised text, reference-masked keys, n-grams.

Two texts count as identical when they differ only in whitespace (ASCII, U+3000, U+200B) or in
the width of punctuation and digits (``,`` vs ``，``). Cross-references to numbered provisions
(``第十二条``, ``第三章``) are masked in the *key* so that an article whose only change follows
from renumbering elsewhere still matches its twin exactly; `only_renumbered_refs` then tells
whether the difference is exactly what the alignment's number mapping predicts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from workbench.numerals import NumeralError, from_cn

__all__ = [
    "RefToken",
    "containment",
    "grams",
    "normalize",
    "only_renumbered_refs",
    "ref_key",
    "ref_tokens",
]

RefToken = tuple[str, int, int]
"""A reference to a numbered provision: (unit 条/章/节/编, number, 之N suffix or 0)."""

_INVISIBLE = re.compile(r"[^\S\n]+|[\u200b\u200c\u200d\u2060\ufeff]+")
_BREAKS = re.compile(r"\n{2,}")
_CN = "零〇○一二三四五六七八九十百千两"
_REF = re.compile(rf"第([{_CN}]+)(条|章|节|编)(?:之([{_CN}]+))?")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Fold width (NFKC) and drop whitespace, so cosmetic variants compare equal.

    Line breaks (between paragraphs and items) are kept, single: moving a paragraph boundary
    is a change. Cached: aligning two versions asks for the same texts about five times over
    (article, then its paragraphs and items), and NFKC over Chinese text with full-width
    punctuation is the slowest step of a ``workbench diff``.
    """
    flat = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _BREAKS.sub("\n", flat).strip("\n")


def ref_key(norm: str) -> str:
    """Mask the numbers of provision references in normalised text (``第十二条`` → ``第#条``)."""
    return _REF.sub(lambda m: f"第#{m.group(2)}" + ("之#" if m.group(3) else ""), norm)


def _token(m: re.Match[str]) -> RefToken | None:
    try:
        number = from_cn(m.group(1))
        suffix = from_cn(m.group(3)) if m.group(3) else 0
    except NumeralError:
        return None
    return (m.group(2), number, suffix)


def ref_tokens(text: str) -> list[RefToken | None]:
    """The provision references in ``text``, in order (None for an unreadable numeral)."""
    return [_token(m) for m in _REF.finditer(text)]


def only_renumbered_refs(old: str, new: str, mapping: Mapping[RefToken, RefToken]) -> bool:
    """Whether ``old`` becomes ``new`` by renumbering references exactly as ``mapping`` says.

    Every piece of text outside the references must be equal (after `normalize`), and every
    reference must either stay as it was or change to what ``mapping`` gives for it. Identical
    texts return False: there is no change to explain.

    Args:
        old: The old text.
        new: The new text.
        mapping: Old provision → new provision, from the alignment.

    Returns:
        True if the whole difference is consequential renumbering.
    """
    old_n, new_n = normalize(old), normalize(new)
    if old_n == new_n:
        return False
    if _REF.split(old_n)[::4] != _REF.split(new_n)[::4]:
        return False
    old_refs = [_token(m) for m in _REF.finditer(old_n)]
    new_refs = [_token(m) for m in _REF.finditer(new_n)]
    if len(old_refs) != len(new_refs):
        return False
    for a, b in zip(old_refs, new_refs, strict=True):
        if a == b:
            continue
        if a is None or mapping.get(a) != b:
            return False
    return True


def grams(norm: str, n: int = 3) -> frozenset[str]:
    """The character n-grams of normalised text (the whole text if it is shorter than ``n``)."""
    if len(norm) <= n:
        return frozenset((norm,)) if norm else frozenset()
    return frozenset(norm[i : i + n] for i in range(len(norm) - n + 1))


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s n-grams found in ``whole`` (1.0 when ``part`` lies inside ``whole``)."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)
