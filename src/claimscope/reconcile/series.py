"""Series: per measure (or automatic series key), the claims in time order, and per period
the range that the independent origins span."""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from . import ClaimView, PeriodView, Series

UNDATED = "undated"


def period_label(when: date | None) -> str:
    """Claims are consolidated by calendar quarter of the date they are placed at."""
    if when is None:
        return UNDATED
    return f"{when.year}-Q{(when.month - 1) // 3 + 1}"


def order_key(v: ClaimView):
    # undated first (their order is unknown), then by date; equal dates by value, which is
    # the order of the cumulative counts that most series are
    return (v.when or date.min, v.claim.value, v.id)


def build_series(views: dict[str, ClaimView], topic=None) -> dict[str, Series]:
    grouped: dict[str, list[ClaimView]] = defaultdict(list)
    for v in views.values():
        grouped[v.series].append(v)
    out = {}
    for key, members in grouped.items():
        members.sort(key=order_key)
        label = key
        if topic is not None and not key.startswith("auto:"):
            m = topic.measure(key)
            label = m.label if m else key
        out[key] = Series(key, label, members, _periods(members))
    return dict(sorted(out.items(), key=lambda kv: (kv[0].startswith("auto:"), kv[0])))


def _periods(members: list[ClaimView]) -> list[PeriodView]:
    by_period: dict[str, list[ClaimView]] = defaultdict(list)
    for v in members:
        by_period[period_label(v.when)].append(v)
    out = []
    for label in sorted(by_period, key=lambda p: (p != UNDATED, p)):
        vs = by_period[label]
        origins: dict[str, list[str]] = defaultdict(list)
        for v in vs:
            origins[v.origin].append(v.id)
        lows = [v.interval.low for v in vs]
        highs = [v.interval.high for v in vs if not math.isinf(v.interval.high)] or [v.claim.value for v in vs]
        values = [v.claim.value for v in vs]
        out.append(PeriodView(label, min(lows), max(highs), min(values), max(v.claim.value_high or v.claim.value for v in vs),
                              dict(origins)))
    return out
