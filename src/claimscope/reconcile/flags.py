"""Flags over a series, each with the claims that raise it:
- contradiction: independent origins, overlapping periods, ranges that cannot both be true;
- revision: one origin changes its own figure;
- corroboration: independent origins agree within their stated precision;
- single-origin: everything traces back to one source;
- planned-vs-actual: a plan, and a later report of the deed."""
from __future__ import annotations

from itertools import combinations

from . import ClaimView, Flag, Series

MAX_PAIRS = 200  # per series and kind: a report lists pairs, it does not drown in them


def _periods_overlap(a: ClaimView, b: ClaimView) -> bool:
    """Unknown periods may overlap: a figure with no period is compared with all."""
    (s1, e1), (s2, e2) = a.period, b.period
    if not (s1 or e1) or not (s2 or e2):
        return True
    from datetime import date

    return (s1 or date.min) <= (e2 or date.max) and (s2 or date.min) <= (e1 or date.max)


def _label(v: ClaimView) -> str:
    from ..report import figure_label

    when = v.when.isoformat() if v.when else "undated"
    return f"{figure_label(v.claim)} ({v.origin}, {when})"


def find_flags(series: dict[str, Series]) -> list[Flag]:
    flags: list[Flag] = []
    for key, s in series.items():
        members = [v for v in s.claims if v.repeat_of is None]
        counts = {"contradiction": 0, "corroboration": 0, "revision": 0}
        for a, b in combinations(members, 2):
            if a.claim.status != b.claim.status or a.claim.doc == b.claim.doc and a.origin == b.origin:
                continue
            agree = a.interval.overlaps(b.interval)
            if a.origin == b.origin:
                if not agree and counts["revision"] < MAX_PAIRS:
                    first, second = sorted((a, b), key=lambda v: (v.when is not None, v.when, v.claim.value))
                    flags.append(Flag("revision", key, [first.id, second.id],
                                      f"{a.origin} changes its figure: {_label(first)} then {_label(second)}"))
                    counts["revision"] += 1
                continue
            if not _periods_overlap(a, b):
                continue
            kind = "corroboration" if agree else "contradiction"
            if counts[kind] < MAX_PAIRS:
                verb = "agree" if agree else "cannot both be true"
                flags.append(Flag(kind, key, [a.id, b.id], f"{_label(a)} and {_label(b)} {verb}"))
                counts[kind] += 1
        origins = {v.origin for v in s.claims}
        if len(s.claims) >= 2 and len(origins) == 1:
            flags.append(Flag("single-origin", key, [v.id for v in s.claims],
                              f"all {len(s.claims)} claims trace back to {next(iter(origins))}"))
        planned = [v for v in s.claims if v.claim.status == "planned"]
        actual = [v for v in s.claims if v.claim.status == "actual"]
        for p in planned:
            later = [a for a in actual if a.when is not None and p.when is not None and a.when >= p.when]
            if later:
                flags.append(Flag("planned-vs-actual", key, [p.id, *[a.id for a in later[:5]]],
                                  f"planned {_label(p)}; reported done: " + "; ".join(_label(a) for a in later[:5])))
    return flags
