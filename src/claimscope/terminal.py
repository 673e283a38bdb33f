"""What reaches a terminal from the inputs: names and texts shown with their control characters
and bidirectional overrides written out, and names holding them refused.

A document name comes from a JSONL `id` or a file name, so from anyone: ESC and BEL in it set
the terminal's title, clear its screen or forge a line when printed (`not extracted:`,
`documents`, `claims --format table`), and a right-to-left override (U+202E) shows
`txt.exe` as `exe.txt`. Such a name is refused when read; whatever is printed is escaped
anyway (names already in a ledger, reasons quoting what a server sent).
"""
from __future__ import annotations

import re

# C0 controls (NUL, BEL, BS, tab, newline, ESC...), DEL and C1 controls (0x9b is an 8-bit CSI),
# the bidirectional embeddings and overrides U+202A-U+202E and the isolates U+2066-U+2069
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _written_out(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c <= 0xFF else f"\\u{c:04x}"


def shown(text: str) -> str:
    """The text safe to print: each unsafe character as \\x1b or \\u202e, everything else as it is."""
    return UNSAFE.sub(_written_out, text)


def unsafe_name(name: str) -> str | None:
    """Why a name cannot be a document's name (it holds a character a terminal acts on), or None."""
    m = UNSAFE.search(name)
    if m is None:
        return None
    c = m.group()
    what = "a bidirectional override" if c >= "\u202a" else "a control character"
    return f"holds {what} ({_written_out(m)} at character {m.start() + 1})"


def json_shown(line: str) -> str:
    """A JSON text (ensure_ascii=False) with the unsafe characters JSON leaves raw (C1, DEL, bidi)
    written as \\u escapes: the same data once parsed, nothing a terminal acts on."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
