"""Values fitted to their columns, so that PostgreSQL (which enforces lengths) and SQLite
(which does not) store the same thing, and one over-long value never stops a batch."""
from __future__ import annotations

import hashlib

from sqlalchemy import String, Table

from ..lang import lang_tag

CUT_MIN = 32  # shorter columns hold codes (dates, kinds): a cut one would be wrong, so it is refused


def cut(value: str, length: int) -> str:
    """`value` in `length` characters: a marker and a hash of the whole, so that two long values
    sharing a beginning stay two (the same value always gives the same cut)."""
    if len(value) <= length:
        return value
    tail = "…" + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return value[:length - len(tail)] + tail


def fitted(table: Table, values: dict) -> dict:
    """`values` for a row of `table`, each string within its column's length; ValueError when a
    short coded column (a date, a kind) gets a longer value, which no cut would make right."""
    out = dict(values)
    for name, v in values.items():
        col = table.c.get(name)
        if col is None or not isinstance(v, str) or not isinstance(col.type, String) or col.type.length is None:
            continue
        if name in ("lang", "pipeline_lang"):
            v = out[name] = lang_tag(v)
        n = col.type.length
        if v is None or len(v) <= n:
            continue
        if n < CUT_MIN:
            raise ValueError(f"{table.name}.{name} holds at most {n} characters, not {len(v)} ({v[:40]!r})")
        out[name] = cut(v, n)
    return out
