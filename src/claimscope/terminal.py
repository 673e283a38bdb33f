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
from collections.abc import Iterable, Sequence
from typing import IO

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


# a word longer than this may still be cut (a URL); every shorter one stays whole
LONGEST_WORD = 40


def print_table(columns: Sequence[str], rows: Iterable[Sequence[object]], title: str | None = None,
                file: IO[str] | None = None, optional: Sequence[str] = ()) -> None:
    """Rows as a table whose lines break between words, never inside a word or a number: each
    column at least as wide as its longest word. Where the terminal is too narrow for that, the
    `optional` columns go first, in their order; where it is still too narrow (80 columns and
    eight fields), each row is a block of `field: value` lines, every field kept.
    Every cell is printed as plain text, escaped (see `shown`)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # escaped line by line: a cell may hold several lines ("who says what")
    cells = [["" if v is None else "\n".join(shown(line) for line in str(v).split("\n")) for v in row] for row in rows]
    least = [min(LONGEST_WORD, max([len(name), *(len(w) for row in cells for w in row[k].split())]))
             for k, name in enumerate(columns)]
    console = Console(file=file)
    kept = list(range(len(columns)))
    dropping = [columns.index(c) for c in optional if c in columns]

    def room() -> int:  # what the cells may take: "│ " before each, " │" after the last
        return console.width - 3 * len(kept) - 1

    while sum(least[k] for k in kept) > room() and dropping:
        kept.remove(dropping.pop(0))
    if sum(least[k] for k in kept) <= room():
        # each column as wide as its longest line, the widest narrowed first, none under its longest word
        widths = {k: max([len(columns[k]), *(len(ln) for row in cells for ln in row[k].split("\n"))]) for k in kept}
        while sum(widths.values()) > room():
            k = max(kept, key=lambda k: widths[k] - least[k])
            widths[k] -= 1
        t = Table(title=title)
        for k in kept:
            t.add_column(columns[k], width=widths[k], overflow="fold")
        for row in cells:
            t.add_row(*(Text(row[k]) for k in kept))
        console.print(t)
        return
    if title:
        console.print(Text(title, style="bold"))
    label = max(len(c) for c in columns)
    for row in cells:
        for name, value in zip(columns, row, strict=True):
            if value:
                console.print(Text(f"{name:>{label}}  ", style="bold") + Text(value))
        console.print()
