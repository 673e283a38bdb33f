"""The scorer behind `claimscope evaluate`: the same matching and figures as the GUIDE's
`score.py` (a prediction matches a gold claim of the same doc whose span it overlaps and
whose value, and upper bound where gold has one, it equals; each gold claim takes the
prediction that overlaps it most; list-valued gold fields accept any of their values)."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

FIELDS = ("qualifier", "unit", "measure", "source", "status", "hedged", "time", "period", "kind")


def load_jsonl(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: not JSON: {e.msg}") from None
    return rows


def same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _norm(v):
    return " ".join(v.casefold().split()) if isinstance(v, str) else v


def field_right(gold, pred) -> bool:
    return any(_norm(o) == _norm(pred) for o in (gold if isinstance(gold, list) else [gold]))


def partial_date(s, end: bool) -> date | None:
    """A gold or predicted date as the scorer reads it: '2023-08' is the month's first day, or its
    last (`end`); '2023' the year's; anything else unreadable is None."""
    if s in (None, ""):
        return None
    s = str(s)
    try:
        if len(s) == 4:
            return date(int(s), 12, 31) if end else date(int(s), 1, 1)
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            if not end:
                return date(y, m, 1)
            return date.fromordinal(date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1)
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def time_right(g: dict, p: dict) -> bool:
    gs, ge = partial_date(g.get("time_start"), False), partial_date(g.get("time_end"), True)
    ps, pe = partial_date(p.get("time_start"), False), partial_date(p.get("time_end"), True)
    if gs is None and ge is None:
        return ps is None and pe is None
    if ps is None and pe is None:
        return False
    return (gs or date.min) <= (pe or date.max) and (ps or date.min) <= (ge or date.max)


def period_right(g: dict, p: dict) -> bool:
    """Stricter than `time_right`: both ends the same day (a partial date read as the whole
    month or year, an open end open in both)."""
    return ((partial_date(g.get("time_start"), False), partial_date(g.get("time_end"), True))
            == (partial_date(p.get("time_start"), False), partial_date(p.get("time_end"), True)))


def right(name: str, g: dict, p: dict) -> bool:
    if name == "time":
        return time_right(g, p)
    if name == "period":
        return period_right(g, p)
    if name == "kind":  # gold written before `kind` existed says nothing of it
        return "kind" not in g or field_right(g["kind"], p.get("kind") or "total")
    return field_right(g.get(name), p.get(name))


def scored_fields(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """The share right of each field among the matched pairs; `kind` only where gold has it,
    and left out when no gold claim has it (as score.py does)."""
    out = {}
    for name in FIELDS:
        scored = [(g, p) for g, p in pairs if name != "kind" or "kind" in g]
        if name == "kind" and not scored:
            continue
        out[name] = round(sum(right(name, g, p) for g, p in scored) / len(scored), 4) if scored else 0.0
    return out


def match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    by_doc: dict[str, list[dict]] = {}
    for p in pred:
        by_doc.setdefault(str(p.get("doc")), []).append(p)
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for p in by_doc.get(g["doc"], []):
            if id(p) in used:
                continue
            try:
                overlap = min(int(p["end"]), g["end"]) - max(int(p["start"]), g["start"])
            except (KeyError, TypeError, ValueError):
                continue
            if overlap <= 0 or not same_number(g["value"], p.get("value")):
                continue
            if g.get("value_high") is not None and not same_number(g["value_high"], p.get("value_high")):
                continue
            if overlap > best_overlap:
                best, best_overlap = p, overlap
        if best is not None:
            used.add(id(best))
            pairs.append((g, best))
    return pairs


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    fields: dict[str, float]
    missed: list[dict] = field(default_factory=list, repr=False)
    spurious: list[dict] = field(default_factory=list, repr=False)
    pairs: list[tuple[dict, dict]] = field(default_factory=list, repr=False)

    def figures(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "fields": self.fields}


def score(gold: list[dict], pred: list[dict]) -> Score:
    docs = {g["doc"] for g in gold}
    pred = [p for p in pred if str(p.get("doc")) in docs]
    pairs = match(gold, pred)
    tp = len(pairs)
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    fields = scored_fields(pairs)
    matched_gold, matched_pred = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
    return Score(len(gold), len(pred), tp, round(precision, 4), round(recall, 4), round(f1, 4), fields,
                 [g for g in gold if id(g) not in matched_gold], [p for p in pred if id(p) not in matched_pred], pairs)


def report_lines(s: Score, show: bool = False) -> list[str]:
    lines = [
        f"detection  gold {s.gold}  predicted {s.predicted}  matched {s.matched}",
        f"           precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}",
        "fields (share right among matched): " + "  ".join(f"{k} {v:.3f}" for k, v in s.fields.items()),
    ]
    if show:
        for g in s.missed:
            lines.append(f"MISSED   {g['id']} [{g['start']}:{g['end']}] {g['text']!r} value={g['value']}")
        for p in s.spurious:
            lines.append(f"SPURIOUS {p.get('doc')} [{p.get('start')}:{p.get('end')}] value={p.get('value')} text={p.get('text')!r}")
        for g, p in s.pairs:
            for n in FIELDS:
                if n == "kind" and "kind" not in g:
                    continue
                if not right(n, g, p):
                    dated = n in ("time", "period")
                    gv = (g.get("time_start"), g.get("time_end")) if dated else g.get(n)
                    pv = (p.get("time_start"), p.get("time_end")) if dated else p.get(n)
                    lines.append(f"WRONG    {g['id']} {n}: gold {gv!r} predicted {pv!r}")
    return lines
