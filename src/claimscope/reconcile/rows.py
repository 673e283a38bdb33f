"""Rows: one per measure, kind of figure and period, saying who says what and whether they
disagree, in place of every pair of claims compared.

Like is compared with like (the GUIDE's `kind`):
- totals with totals, rates with rates (per day), changes with changes, ratios with ratios,
  shares (percent) with shares, never with counts;
- an increment ("another 3,000") is shown beside the total of its measure nearest in time,
  the one it adds to, and never compared with it; a measure with no total compares its
  increments with each other;
- a denied figure is the speaker's denial: shown where it belongs, never a figure the speaker
  claims, never agreeing or disagreeing with anyone;
- where a period has actual figures, its planned ones are shown beside them, not compared.

Periods: a total up to a date ("15,000 sent since October 2024") goes by the date it is placed
at (`ClaimView.when`): by month when a measure's claims span under a year, by quarter under
three years, else by year (a dozen periods or so either way); so does a rate. A figure for a
calendar period of its own ("on Tuesday", "in March", "in the first quarter") is what happened
in it: it is compared with the figures for that same period only ("on 2023-03-07",
"in 2025-Q1"). An undated figure of an origin that dates others on the measure goes with the
one it repeats, else with the origin's latest (an undated estimate beside a dated one of the
same origin is read as what it revised); the rest stand in an `undated` period. Durations and
ages no measure of the topic counts ("3 days", "61 ans") make no row: they are lengths of
unrelated things.

Verdicts: `disagree` (the figures in force of independent origins cannot all be true),
`revised` (an origin changed its figure for the same period in a later statement: another
article), `agree`, `one-origin-only`, `several-figures` (one origin gives different figures in
one article: quantities the measure does not tell apart, not a revision), and `denied-only`
for a period where all there is is a denial. Within an origin, figures for
different stated periods are a series: the latest is its figure in force.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..formatting import figure_label, format_number
from ..records import TIME_UNITS
from . import ClaimView, Interval

DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}  # a rate per day
UNDATED = "undated"
COMPARED = ("total", "rate", "change", "ratio")  # the kinds that make rows of their own
# the automatic series of durations and ages: a topic measure that counts days is compared, these are not
UNMEASURED_DURATIONS = frozenset(f"auto:{unit}" for unit in TIME_UNITS)
VERDICTS = ("disagree", "revised", "agree", "one-origin-only", "several-figures", "denied-only")


@dataclass(slots=True)
class Figure:
    """One statement in a row: the claim, the claims that repeat it, and its part in the row."""

    view: ClaimView
    scale: float = 1.0  # a rate's days per unit of time: its figures are per day
    role: str = "compared"  # compared | planned | increment | denied
    repeats: list[str] = field(default_factory=list)
    superseded: bool = False  # an earlier figure of its origin in this row

    @property
    def ids(self) -> list[str]:
        return [self.view.id, *self.repeats]

    @property
    def range(self) -> Interval:
        i = self.view.interval
        return Interval(i.low / self.scale, i.high / self.scale)

    @property
    def values(self) -> tuple[float, float]:
        c = self.view.claim
        return c.value / self.scale, (c.value_high or c.value) / self.scale


@dataclass(slots=True)
class Row:
    measure: str
    label: str
    basis: str  # total, percent (a share), rate per day, change, ratio, increment (", percent" for shares)
    period: str
    start: date | None
    end: date | None
    flow: bool = False  # figures for that period only ("in 2025-Q1"), not counts up to a date in it
    origins: dict[str, list[Figure]] = field(default_factory=dict)
    verdict: str = ""
    revised: list[str] = field(default_factory=list)  # the origins that changed their figure
    low: float | None = None  # the lowest and highest of the figures judged: those in force, those revised
    high: float | None = None
    spread: float | None = None  # high / low - 1; None when low is 0 and high is not
    latest: date | None = None

    @property
    def claims(self) -> list[str]:
        return [cid for figs in self.origins.values() for f in figs for cid in f.ids]

    @property
    def compared_origins(self) -> list[str]:
        return [o for o, figs in self.origins.items() if any(f.role == "compared" for f in figs)]

    def to_dict(self) -> dict:
        def figure(f: Figure) -> dict:
            v, c = f.view, f.view.claim
            return {"figure": figure_text(f),
                    "low": _round(f.range.low), "high": None if math.isinf(f.range.high) else _round(f.range.high),
                    "role": f.role, "superseded": f.superseded, "when": v.when.isoformat() if v.when else None,
                    "period": [c.time_start, c.time_end], "status": c.status, "hedged": c.hedged, "claims": f.ids}

        return {"measure": self.measure, "kind": self.basis, "period": self.period,
                "over": "that period only" if self.flow else "up to a date in it", "verdict": self.verdict,
                "spread": _round(self.spread), "low": _round(self.low), "high": _round(self.high),
                "origins": [{"origin": o, "revised": o in self.revised, "figures": [figure(f) for f in figs]}
                            for o, figs in self.origins.items()],
                "claims": self.claims}


def figure_text(f: Figure) -> str:
    """A figure as people read it: '~2,000', '7,000/week (1,000/day)', 'planned ~5,000', 'denies ≥300'."""
    c = f.view.claim
    text = figure_label(c)
    if c.kind == "rate":
        text += f"/{c.per or '?'}" + (f" ({format_number(round(f.values[0], 2))}/day)" if f.scale != 1 else "")
    if f.role == "increment":
        text = f"+{text} (increment{', planned' if c.status == 'planned' else ''})"
    elif f.role == "denied":
        text = f"denies {text}"
    elif f.role == "planned" or c.status == "planned":
        text = f"planned {text}"
    return text


def says(figures: list[Figure]) -> str:
    """One origin's figures in a row, in order: an earlier figure, then the one in force."""
    return "".join(("" if n == 0 else " → " if follows(figures[n - 1], f) else "; ") + figure_text(f)
                   for n, f in enumerate(figures))


def follows(before: Figure, f: Figure) -> bool:
    """Whether `f` replaces the figure `before` it (an arrow between them), or stands beside it."""
    return f.role == "compared" and before.superseded


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# -- periods ------------------------------------------------------------------------------


def grain(dates: list[date]) -> str:
    if not dates or (max(dates) - min(dates)).days < 365:
        return "month"
    return "quarter" if (max(dates) - min(dates)).days < 3 * 365 else "year"


def bucket(when: date | None, grain: str) -> tuple[str, date | None, date | None]:
    """(label, first day, last day) of the period `when` falls in."""
    if when is None:
        return UNDATED, None, None
    y = when.year
    if grain == "month":
        m0, m1, label = when.month, when.month, f"{y}-{when.month:02d}"
    elif grain == "quarter":
        q = (when.month - 1) // 3
        m0, m1, label = 3 * q + 1, 3 * q + 3, f"{y}-Q{q + 1}"
    else:
        m0, m1, label = 1, 12, str(y)
    last = date(y + (m1 == 12), m1 % 12 + 1, 1).toordinal() - 1
    return label, date(y, m0, 1), date.fromordinal(last)


# -- rows -------------------------------------------------------------------------------


def _kind(v: ClaimView) -> str:
    return v.claim.kind if v.claim.kind in COMPARED else "total"  # a figure of no known kind is a total


def _basis(v: ClaimView, kind: str) -> str:
    c = v.claim
    if kind == "rate":
        kind = "rate per day" if c.per in DAYS else "rate (no unit of time)"
    if c.unit != "percent":
        return kind
    return "percent" if kind == "total" else f"{kind}, percent"  # a share is never compared with a count


def _figure(v: ClaimView, role: str = "compared") -> Figure:
    # a rate per day, so that "7,000 a week" meets "1,000 a day"
    return Figure(v, DAYS[v.claim.per] if v.claim.kind == "rate" and v.claim.per in DAYS else 1.0, role)


def _undated_period(c) -> bool:
    return not (c.time_start or c.time_end)


def _same_period(a: ClaimView, b: ClaimView) -> bool:
    """Two figures of one origin are for the same period when they say the same one, or one says none."""
    ca, cb = a.claim, b.claim
    return _undated_period(ca) or _undated_period(cb) or (ca.time_start, ca.time_end) == (cb.time_start, cb.time_end)


def _order(f: Figure):
    # undated first (the origin's earlier estimate), then by the period's end, then by when it was said
    v = f.view
    return v.when is not None, v.when or date.min, v.said or date.min, v.id


def build_rows(views: dict[str, ClaimView], labels: dict[str, str] | None = None) -> list[Row]:
    labels = labels or {}
    roots = {cid: _root(views, cid) for cid in views}
    by_series: dict[str, list[ClaimView]] = defaultdict(list)
    for v in views.values():
        if roots[v.id] == v.id:
            by_series[v.series].append(v)
    figures: dict[str, Figure] = {}
    rows: list[Row] = []
    for key, members in by_series.items():
        if key in UNMEASURED_DURATIONS:
            continue  # "3 days", "61 ans" under no measure: lengths of unrelated things, nothing to reconcile
        g = grain([v.when for v in members if v.when])
        rows += _series_rows(key, labels.get(key, key), members, g, figures)
    for cid, root in roots.items():
        if root != cid and root in figures:
            figures[root].repeats.append(cid)
    for r in rows:
        _judge(r)
    # a row with no figure to judge (a denial alone) last; a spread from 0 to more is the widest
    return sorted(rows, key=lambda r: (r.low is None, -(math.inf if r.spread is None else r.spread),
                                       -len(r.compared_origins), -(r.latest.toordinal() if r.latest else 0),
                                       r.measure, r.period))


def _root(views: dict[str, ClaimView], cid: str) -> str:
    seen = {cid}
    while (up := views[cid].repeat_of) and up in views and up not in seen:
        seen.add(up)
        cid = up
    return cid


def flow(c) -> tuple[str, date, date] | None:
    """(label, first day, last day) when a total is for a calendar period of its own (a day, a
    few days, a month, a quarter, a year): what happened in it, not a count up to a date."""
    if not (c.time_start and c.time_end):
        return None
    s, e = date.fromisoformat(c.time_start), date.fromisoformat(c.time_end)
    if s == e:
        return f"on {s.isoformat()}", s, e
    if 0 < (e - s).days < 7:
        return f"{s.isoformat()} to {e.isoformat()}", s, e
    for g in ("month", "quarter", "year"):
        name, first, last = bucket(s, g)
        if (first, last) == (s, e):
            return f"in {name}", s, e
    return None  # "since October 2024": everything up to its date


def _series_rows(key: str, label: str, members: list[ClaimView], g: str, figures: dict[str, Figure]) -> list[Row]:
    rows: dict[tuple[str, str], Row] = {}

    def place(v: ClaimView | None) -> tuple[str, date | None, date | None, bool]:
        own = flow(v.claim) if v and v.claim.kind != "rate" else None  # a rate is a rate whatever the days
        return (*own, True) if own else (*bucket(v.when if v else None, g), False)

    def row(basis: str, where: tuple[str, date | None, date | None, bool]) -> Row:
        if (basis, where[0]) not in rows:
            rows[(basis, where[0])] = Row(key, label, basis, *where)
        return rows[(basis, where[0])]

    compared = [v for v in members if v.claim.kind not in ("increment", "denied")]
    increments = [v for v in members if v.claim.kind == "increment"]
    denials = [v for v in members if v.claim.kind == "denied"]
    totals = {_basis(v, "total") for v in compared if _kind(v) == "total"}
    # a measure with no total compares its increments with each other
    lone = [v for v in increments if _basis(v, "total") not in totals]
    placed = [(v, _basis(v, _kind(v))) for v in compared]
    placed += [(v, _basis(v, "increment")) for v in lone]
    dated = defaultdict(list)  # (basis, origin) -> its dated figures
    for v, basis in placed:
        if v.when is not None:
            dated[(basis, v.origin)].append(v)
    for v, basis in placed:
        where = place(v if v.when is not None else _undated_home(v, dated.get((basis, v.origin), [])))
        figures[v.id] = f = _figure(v)
        row(basis, where).origins.setdefault(v.origin, []).append(f)

    for v in increments:
        if v in lone:
            continue
        figures[v.id] = f = _figure(v, "increment")
        candidates = [r for (b, _), r in rows.items() if b == _basis(v, "total")]
        home = _nearest(v, [r for r in candidates if not r.flow] or candidates)  # a count up to a date, if any
        home.origins.setdefault(v.origin, []).append(f)
    for v in denials:
        figures[v.id] = f = _figure(v, "denied")
        where = place(v)  # in its own period: with the totals there, else any figures there, else alone
        home = rows.get((_basis(v, "total"), where[0])) \
            or next((r for (_, p), r in rows.items() if p == where[0]), None) or row(_basis(v, "total"), where)
        home.origins.setdefault(v.origin, []).append(f)
    return list(rows.values())


def _nearest(v: ClaimView, candidates: list[Row]) -> Row:
    """The row nearest in time to `v`, the later one on a tie (the total an increment adds to);
    for an undated figure the undated row, else the latest."""
    def distance(r: Row):
        if v.when is None or r.start is None:
            return (v.when is None) != (r.start is None), 0
        return False, 0 if r.start <= v.when <= r.end else min(abs((v.when - r.start).days), abs((v.when - r.end).days))  # type: ignore[operator]

    return min(candidates, key=lambda r: (distance(r), -(r.end.toordinal() if r.end else 0)))


def _undated_home(v: ClaimView, dated: list[ClaimView]) -> ClaimView | None:
    """Where an undated figure goes: beside the same figure of its origin, else its origin's latest."""
    for d in dated:
        if d.interval.overlaps(v.interval):
            return d
    return max(dated, key=lambda d: (d.when, d.said or date.min), default=None)


def _judge(r: Row) -> None:
    figs = [f for fs in r.origins.values() for f in fs]
    r.latest = max((f.view.when for f in figs if f.view.when), default=None)
    compared = [f for f in figs if f.role == "compared"]
    if any(f.view.claim.status != "planned" for f in compared):
        for f in compared:  # plans beside deeds: shown, not compared
            if f.view.claim.status == "planned":
                f.role = "planned"
    in_force: list[Interval] = []
    values: list[float] = []
    several: list[str] = []  # origins that give different figures in one article
    for origin, fs in r.origins.items():
        fs.sort(key=lambda f: (f.role != "compared", _order(f)))  # the figures compared, in order, then the rest
        mine = [f for f in fs if f.role == "compared"]
        if not mine:
            continue
        for f in mine[:-1]:
            f.superseded = True
        # two figures of the origin for the same period that cannot both hold: a revision when a
        # later article states the second, several quantities when one article states both
        conflicts = [(a, b) for i, a in enumerate(mine) for b in mine[i + 1:]
                     if _same_period(a.view, b.view) and not a.range.overlaps(b.range)]
        changed = {id(f): f for a, b in conflicts if a.view.claim.doc != b.view.claim.doc for f in (a, b)}
        if any(a.view.claim.doc == b.view.claim.doc for a, b in conflicts):
            several.append(origin)
        if changed:
            r.revised.append(origin)
        in_force.append(mine[-1].range)
        # the spread is between the figures judged: those in force and those revised, not a series' growth
        values += [x for f in (mine[-1], *changed.values()) for x in f.values]
    if values:
        r.low, r.high = min(values), max(values)
        r.spread = (r.high / r.low - 1) if r.low > 0 else (0.0 if r.high == 0 else None)
    if not in_force:
        r.verdict = "denied-only"
    elif len(in_force) == 1 and several and not r.revised:
        r.verdict = "several-figures"
        # figures side by side, none replacing another; no spread between different quantities
        for f in figs:
            f.superseded = False
        r.spread = None
    elif len(in_force) >= 2 and max(i.low for i in in_force) > min(i.high for i in in_force):
        r.verdict = "disagree"
    elif r.revised:
        r.verdict = "revised"
    elif len(in_force) >= 2:
        r.verdict = "agree"
    else:
        r.verdict = "one-origin-only"
