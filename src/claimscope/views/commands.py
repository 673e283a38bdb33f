"""Rows read off a reconciliation, as the commands print and export them: a series' claims in
time order, who says what by origin, and the series export. Plain dicts: the CLI prints them
as a table, CSV or JSONL, or writes them to Parquet."""
from __future__ import annotations

from collections import defaultdict

from ..formatting import figure_label
from ..reconcile import ClaimView, Reconciliation


def _when(v: ClaimView) -> str | None:
    return v.when.isoformat() if v.when else None


def series_rows(recon: Reconciliation, measure: str | None = None, everything: bool = False) -> list[dict]:
    """Each series' claims in time order (`measure`: that series only; the automatic series
    only with `everything`)."""
    rows = []
    for key, s in recon.series.items():
        if measure and key != measure:
            continue
        if key.startswith("auto:") and not (everything or measure):
            continue
        for v in s.claims:
            c = v.claim
            rows.append({"series": key, "when": _when(v), "figure": figure_label(c),
                         "low": round(v.interval.low, 6), "high": round(v.interval.high, 6), "origin": v.origin,
                         "via": " > ".join(c.via), "status": c.status, "hedged": c.hedged,
                         "period": f"{c.time_start or '…'} – {c.time_end or '…'}" if (c.time_start or c.time_end) else None,
                         "claim": v.id, "repeat_of": v.repeat_of})
    return rows


def series_export_rows(recon: Reconciliation) -> list[dict]:
    """Every series' claims with their values and intervals, for `export series`."""
    return [{"series": v.series, "claim": v.id, "when": _when(v), "value": v.claim.value,
             "value_high": v.claim.value_high, "low": round(v.interval.low, 6), "high": round(v.interval.high, 6),
             "origin": v.origin, "repeat_of": v.repeat_of, "status": v.claim.status, "hedged": v.claim.hedged}
            for s in recon.series.values() for v in s.claims]


def source_rows(recon: Reconciliation) -> list[dict]:
    """Who says what: each origin's claims, measures, relays and citing outlets, the most claims first."""
    by_origin: dict[str, dict] = defaultdict(lambda: {"claims": 0, "measures": set(), "via": set(), "cited_by": set(), "repeats": 0})
    for v in recon.views.values():
        o = by_origin[v.origin]
        o["claims"] += 1
        o["measures"].add(v.series)
        o["via"].update(v.claim.via)
        o["cited_by"].add(v.claim.publisher or v.claim.doc)
        o["repeats"] += v.repeat_of is not None
    return [{"origin": k, "claims": o["claims"], "repeats": o["repeats"], "measures": ", ".join(sorted(o["measures"])),
             "relayed by": ", ".join(sorted(o["via"])), "cited in": ", ".join(sorted(o["cited_by"]))}
            for k, o in sorted(by_origin.items(), key=lambda kv: -kv[1]["claims"])]
