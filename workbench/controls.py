r"""Control characters in text from outside: one rule for law texts, comment files and exports.

Text pasted from Word, typed on a phone or crafted by an attacker carries characters nobody
sees: Word's soft line break (VT, ``\x0b``), page breaks, stray C0 and C1 controls, terminal
escape sequences, bidi overrides that make a sentence display in another order. They break
every document format (XML, hence DOCX, XLSX and Akoma Ntoso, cannot hold most of them) and
can drive a terminal. The rule, the same at every door (`clean_text`) and on every way out:

- **line-like controls become line breaks**: CR and CRLF, VT, FF, the file/group/record
  separators, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (what ``str.splitlines`` splits on);
- **tab stays**;
- **everything else is removed**: terminal escape sequences whole (CSI, OSC with its payload,
  DCS…), the remaining C0 controls (NUL included), DEL, the C1 controls, and the bidi
  embeddings, overrides and isolates. The caller reports what was removed, and where, as a
  warning (row and column of a comment file, line of a law text); the received file itself
  is kept byte for byte in ``inbox/``, so nothing is lost;
- a text in which removed characters are more than one in ten (and at least `BINARY_MIN`)
  is not text at all (`looks_binary`): a binary file, or UTF-16 read as another encoding
  (every other character a NUL). It is refused whole.

Exports apply `document_text` to every string they write, as a second line of defence for
data stored before the doors were closed; the terminal output (`workbench.cli.output`) applies
`clean_text` too. Imports nothing of the workbench.
"""

from __future__ import annotations

import re

__all__ = [
    "BINARY_MIN",
    "LINE_LIKE",
    "clean_text",
    "describe",
    "document_text",
    "has_controls",
    "looks_binary",
    "normalise_lines",
]

LINE_LIKE = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""The controls that end a line (besides LF): each becomes ``\\n``."""

BINARY_MIN = 8
"""A text needs at least this many removed characters (and more than 10 %) to count as binary."""

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                      # CSI: cursor moves, colours, erase
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?
                                  # OSC, DCS, SOS, PM, APC with their payload, up to BEL or ST
    | \x1b[ -/]*[0-~]?                                     # other ESC sequences, or a lone ESC
    """,
    re.VERBOSE,
)
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but TAB and the line-like ones, DEL, C1 but NEL, bidi controls."""
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Anything `clean_text` would change (CR included: CRLF becomes LF)."""
_XML_ILLEGAL = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold besides the controls: lone surrogates, U+FFFE, U+FFFF."""
_DOCUMENT_UNSAFE = re.compile(f"[{_ANY.pattern[1:-1]}{_XML_ILLEGAL.pattern[1:-1]}]")
"""Either of the two: one search tells that a text needs no change (the common case)."""

_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃 BEL",
    "\x08": "退格 BS",
    "\x1b": "终端控制序列",
    "\x7f": "删除符 DEL",
}


def has_controls(text: str) -> bool:
    """Whether `clean_text` would change anything (fast; no copy)."""
    return _ANY.search(text) is not None


def normalise_lines(text: str) -> str:
    """``text`` with every line-like control (and CRLF) turned into a line feed."""
    return _LINE_BREAKS.sub("\n", text)


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Apply the rule: line-like controls to line feeds, the rest removed.

    Returns:
        The clean text, and what was removed, in order of first appearance, each described
        for people (`describe`); empty when nothing was.
    """
    if _ANY.search(text) is None:
        return text, ()
    text = normalise_lines(text)
    removed: dict[str, None] = {}
    if "\x1b" in text or _C1_INTRODUCER.search(text):
        for match in _ESCAPE_SEQUENCE.finditer(text):
            removed[describe(match.group()[0])] = None
        text = _ESCAPE_SEQUENCE.sub("", text)
    for match in _REMOVED.finditer(text):
        removed[describe(match.group())] = None
    return _REMOVED.sub("", text), tuple(removed)


_C1_INTRODUCER = re.compile("[\x90\x98\x9b\x9d-\x9f]")


def describe(char: str) -> str:
    """A removed character as people can look it up: ``U+0001``, ``响铃 BEL（U+0007）``."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    if name is None and 0x202A <= ord(char) <= 0x2069:
        name = "双向文字控制符"
    return f"{name}（{code}）" if name else code


def looks_binary(text: str) -> bool:
    """Whether ``text`` holds so many removable controls that it cannot be text (see module)."""
    if _ANY.search(text) is None:
        return False
    count = len(_REMOVED.findall(text))
    return count >= BINARY_MIN and count * 10 > len(text)


def document_text(text: str) -> str:
    """``text`` as a document may hold it: the rule applied silently, XML-illegal code points dropped.

    Exports call it on every string; it returns ``text`` itself when there is nothing to do.
    """
    if _DOCUMENT_UNSAFE.search(text) is None:
        return text
    if _ANY.search(text) is not None:
        text = clean_text(text)[0]
    if _XML_ILLEGAL.search(text) is not None:
        text = _XML_ILLEGAL.sub("", text)
    return text
