"""Texts into Documents: one a text, or parts `NAME#1`, `NAME#2` ... for a text longer than
MAX_DOC_CHARS, at most MAX_PARTS of them, with a Notice saying so."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from ..records import Document, Rejection

MAX_DOC_CHARS = 200_000  # a long feature is ~30 000 characters; beyond this a text is split into parts
MAX_PARTS = 25  # at most 5 M characters from one input reach the NLP pipeline


@dataclass(slots=True)
class Notice:
    """Something the user should know about an input that was still read (a split)."""

    origin: str
    note: str

    def message(self) -> str:
        return f"{self.origin}: {self.note}"


Item = Document | Rejection | Notice


def _cut(text: str, limit: int) -> int:
    """Where to end a part of at most `limit` characters: a paragraph break, else a line break, else a space."""
    for seps in (("\n\n", "\r\n\r\n", "\r\r"), ("\n", "\r"), (" ", "\t")):
        ends = [i + len(s) for s in seps if (i := text.rfind(s, 0, limit - len(s) + 1)) >= 0]
        if ends and max(ends) > limit // 2:  # not a tiny part
            return max(ends)
    return limit


def split_parts(chunks: Iterator[str], limit: int = MAX_DOC_CHARS) -> Iterator[str]:
    """Texts of at most `limit` characters, cut at paragraph breaks, from a stream of chunks."""
    buf = ""
    for chunk in chunks:
        buf += chunk
        while len(buf) > limit:
            cut = _cut(buf, limit)
            yield buf[:cut]
            buf = buf[cut:]
    if buf:
        yield buf


def documents_of(chunks: Iterator[str], name: str, origin: str, size_note: str = "", **meta) -> Iterator[Item]:
    """One Document for a text up to MAX_DOC_CHARS, else parts `name#k`, at most MAX_PARTS of them."""
    parts = split_parts(chunks)
    first = next(parts, None)
    second = next(parts, None)
    if first is None:
        return
    if second is None:
        yield Document(name=name, text=first, origin=origin, **meta)
        return
    count, chars = 0, 0
    for k, text in enumerate(chain([first, second], parts), start=1):
        if k > MAX_PARTS:
            yield Rejection(origin, f"too long: only the first {chars:,} characters{size_note} were read (as {MAX_PARTS} "
                                    f"parts of at most {MAX_DOC_CHARS:,}); the rest is skipped")
            return
        count, chars = k, chars + len(text)
        if text.strip():
            yield Document(name=f"{name}#{k}", text=text, origin=f"{origin} (part {k})", **meta)
    yield Notice(origin, f"longer than {MAX_DOC_CHARS:,} characters: split at paragraph breaks into {count} parts "
                         f"({name}#1 to {name}#{count})")


def claim_name(seen: dict[str, str], name: str, origin: str, line: int | None = None,
               noun: str = "name") -> Rejection | None:
    """The unique-name policy, for every reader and for the local and the cluster paths: a name
    belongs to the first input that gave it (`seen`: name -> where, a JSONL record's with its
    line; a part shares its input's origin); another input giving it is rejected."""
    source = origin.split(" (part ")[0]
    where = f"{source}:{line}" if line is not None else source
    first = seen.setdefault(name, where)
    if first == where:
        return None
    file, _, first_line = first.rpartition(":")
    prior = f"this file (line {first_line})" if line is not None and file == source else first
    tail = "" if line is not None else " (rename one of them)"
    return Rejection(source, f"duplicate {noun} {name!r}: already read from {prior}{tail}", line)
