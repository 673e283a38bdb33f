"""What the database said, in one line a user can act on: storage problems are not tracebacks.

LedgerError stops a command (disk full, not a database, read-only, a newer schema); NotStored
refuses one document (a value the database will not take), which the batch records and passes."""
from __future__ import annotations

import os
from pathlib import Path


class LedgerError(Exception):
    """The ledger cannot be opened or written: one line naming it and the cause."""


class NoSuchClaim(LookupError):
    """A claim id that names no claim of the ledger: one line saying why."""


class NotStored(Exception):
    """This document could not be stored; the ledger itself is fine."""


def cause(e: BaseException, path: str | None = None) -> str:
    """The database error `e`, said briefly; `path`: the SQLite file, to tell a read-only file from its folder."""
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = text.lower()
    if "disk is full" in low or "no space left" in low or getattr(orig, "sqlstate", None) == "53100":
        return "disk full"
    if "not a database" in low:
        return "not an SQLite database (another kind of file, or damaged)"
    if "readonly" in low or "read-only" in low or "unable to open database file" in low:
        if path:
            p = Path(path)
            if not p.exists():
                return f"cannot be created: {p.parent} is not writable" if not os.access(p.parent, os.W_OK) \
                    else "cannot be created"
            if not os.access(p, os.W_OK):
                return "the file is read-only"
            if not os.access(p.parent, os.W_OK):
                return f"its folder {p.parent} is read-only (SQLite writes its journal beside the file)"
        return "read-only"
    if "locked" in low or "busy" in low:
        return "locked by another process for too long"
    return text[:300]
