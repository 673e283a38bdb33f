"""A measure's timeline: where each claim stands, as numbers, and the one SVG both faces show.

x is the date a claim is placed at (`ClaimView.when`), with month, quarter or year ticks as
the span asks; undated claims stand in a strip of their own on the left, apart from the time
axis. y is the value: linear from 0, clipped above the bulk of the figures when a few
outliers would flatten the rest (a clipped figure is drawn at the top with a marker and its
value), or logarithmic when the figures themselves span orders of magnitude.

A range ("2,000 to 3,000") is a bar from its low to its high end; an open bound ("more than
300") is an arrow from its value, up (at least) or down (at most), never a bar to the top.
Each origin has its own colour and shape, listed in the key; a hedged figure is hollow, a
planned one dashed, a denied figure a hollow cross. Every mark carries its claim id, a title
(figure, origin, date) and a link the face gives (its sentence).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable

from ..formatting import figure_label

WIDTH, HEIGHT = 1000, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 250, 22, 46
STRIP = 64  # the undated strip's width, left of the time axis
GAP = 18  # between the strip and the time axis
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#393b79", "#637939", "#7f7f7f")
SHAPES = ("circle", "square", "triangle", "diamond", "down", "star")
KEYED = 12  # origins with a colour of their own; the rest share OTHER, listed by count in the key
OTHER = "#9a9a9a"
LOG_BULK = 30.0  # the middle 80 % of figures spanning this factor or more: a log scale
CLIP_OVER = 3.0  # the largest figure over this many times the 90th percentile: clipped above
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- the time axis -------------------------------------------------------------------------


def time_ticks(lo: date, hi: date, most: int = 10) -> tuple[str, list[tuple[date, str]]]:
    """The grain ('month', 'quarter' or 'year') and the ticks (date, label) covering [lo, hi]:
    months under 16 months, quarters under 5 years, else years; `most` ticks at most (a tick
    every 2, 3 or 6 months, every half year, every 2, 5 or 10 years as the span asks)."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    grain = "month" if months <= 16 else "quarter" if months <= 60 else "year"
    steps = {"month": (1, 2, 3, 6), "quarter": (3, 6, 12), "year": (12, 24, 60, 120, 240)}[grain]
    for step in steps:
        ticks = _ticks(lo, hi, grain, step)
        if len(ticks) <= most:
            break
    return grain, ticks


def _ticks(lo: date, hi: date, grain: str, step: int) -> list[tuple[date, str]]:
    """Ticks every `step` months from the step's boundary at or before `lo` up to `hi`."""
    if grain == "year":
        y, m = lo.year - lo.year % (step // 12), 1
    else:
        y, m = lo.year, (lo.month - 1) // step * step + 1
    ticks: list = []
    while (y, m) <= (hi.year, hi.month):
        label = (MONTHS[m - 1] + (f" {y}" if m == 1 or not ticks else "") if grain == "month"
                 else f"{y} Q{(m - 1) // 3 + 1}" if grain == "quarter" else str(y))
        ticks.append((date(y, m, 1), label))
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return ticks


def time_window(dated: list[date]) -> tuple[date | None, date | None]:
    """The dates the time axis spans: all of them, unless a few stand far from the rest (an
    article's aside about 1996 in a story of 2024): then the middle 96 %, widened by a tenth."""
    if not dated:
        return None, None
    first, last = dated[0], dated[-1]
    if len(dated) >= 20:
        lo, hi = _quantile(dated, 0.02), _quantile(dated, 0.98)
        bulk = max((hi - lo).days, 30)
        if (last - first).days > 2 * bulk:
            margin = timedelta(days=bulk // 10)
            first, last = max(first, lo - margin), min(last, hi + margin)
    return first, last


# -- the value axis ------------------------------------------------------------------------


def nice_ticks(hi: float) -> list[float]:
    """Round steps from 0 to at least `hi`: 1, 2, 2.5 or 5 times a power of ten, four to seven ticks."""
    if hi <= 0:
        return [0.0, 1.0]
    step = 10 ** (math.floor(math.log10(hi)) - 1)
    for mult in (1, 2, 2.5, 5, 10, 20):
        if hi / (step * mult) <= 6:
            step *= mult
            break
    n = math.ceil(hi / step - 1e-9)
    return [i * step for i in range(n + 1)]


def tick_label(v: float) -> str:
    if v >= 1e6 and v % 1e6 == 0:
        return f"{v / 1e6:,.0f}M"
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:g}"


def _quantile(xs: list, q: float):
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


@dataclass(slots=True)
class Scale:
    """How values map to the plot's height: kind 'linear' (from 0 to `top`, figures above it
    clipped) or 'log' (from `bottom` to `top`, both powers of ten)."""

    kind: str
    bottom: float
    top: float
    ticks: list[float]
    clipped: bool = False  # some figure stands above `top`

    def fraction(self, v: float) -> float:
        """0 at the bottom of the plot, 1 at its top; out of range values held at the edges."""
        if self.kind == "log":
            if v <= 0:
                return 0.0
            f = (math.log10(v) - math.log10(self.bottom)) / (math.log10(self.top) - math.log10(self.bottom))
        else:
            f = v / self.top if self.top else 0.0
        return min(max(f, 0.0), 1.0)


def choose_scale(values: list[float]) -> Scale:
    """Linear from 0 when the figures are of one order; clipped above the bulk when a few
    outliers stand far over it; log when the bulk itself spans orders of magnitude."""
    xs = sorted(v for v in values if v is not None and math.isfinite(v) and v >= 0)
    if not xs or xs[-1] <= 0:
        return Scale("linear", 0.0, 1.0, [0.0, 1.0])
    pos = [v for v in xs if v > 0]
    p10, p90 = _quantile(pos, 0.1), _quantile(pos, 0.9)
    if len(pos) >= 3 and p90 / p10 >= LOG_BULK:
        bottom = 10 ** math.floor(math.log10(pos[0]))
        top = 10 ** math.ceil(math.log10(pos[-1]))
        top = top * 10 if top <= bottom else top
        powers = range(round(math.log10(bottom)), round(math.log10(top)) + 1)
        ticks = [10.0 ** e for e in powers if len(powers) <= 7 or (e - powers[0]) % 2 == 0]
        return Scale("log", bottom, top, ticks)
    hi = xs[-1]
    clipped = len(xs) >= 4 and hi > CLIP_OVER * p90
    ticks = nice_ticks(p90 * 1.25 if clipped else hi * 1.05)
    return Scale("linear", 0.0, ticks[-1], ticks, clipped=clipped and hi > ticks[-1])


# -- the marks -----------------------------------------------------------------------------


@dataclass(slots=True)
class Mark:
    id: str
    origin: str
    x: float
    y: float
    shape: str
    colour: str
    form: str  # point | range | up (at least) | down (at most)
    y_end: float | None = None  # a range's or an arrow's other end
    clipped: bool = False  # the figure stands above the scale's top: drawn at the top, marked
    undated: bool = False
    hedged: bool = False
    planned: bool = False
    denied: bool = False
    title: str = ""
    href: str = ""
    outside: str = ""  # '◀' or '▶': dated before or after the time axis' window, drawn at its edge

    @property
    def points(self) -> str:
        return shape_points(self.shape, self.x, self.y)


@dataclass(slots=True)
class Key:
    origin: str
    colour: str
    shape: str
    claims: int
    y: float
    points: str


@dataclass(slots=True)
class Timeline:
    label: str
    grain: str
    scale: Scale
    marks: list[Mark]
    key: list[Key]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    others: int = 0  # origins without a colour of their own (grey in the plot)
    undated: int = 0
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    plot_left: int = LEFT + STRIP + GAP
    plot_right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    notes: list[str] = field(default_factory=list)


def shape_points(shape: str, x: float, y: float, r: float = 5) -> str:
    """The polygon of a marker shape ('' for a circle, drawn as such)."""
    pts = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r * 1.25), (r * 1.15, r), (-r * 1.15, r)],
        "diamond": [(0, -r * 1.35), (r * 1.15, 0), (0, r * 1.35), (-r * 1.15, 0)],
        "down": [(-r * 1.15, -r), (r * 1.15, -r), (0, r * 1.25)],
        "star": [(r * 1.3 * math.sin(a * math.pi / 5) * (1 if a % 2 == 0 else .45),
                  -r * 1.3 * math.cos(a * math.pi / 5) * (1 if a % 2 == 0 else .45)) for a in range(10)],
    }.get(shape)
    return " ".join(f"{x + dx:.0f},{y + dy:.0f}" for dx, dy in pts) if pts else ""


def timeline(series, href: Callable[[str], str] = lambda cid: "") -> Timeline | None:
    """The timeline of a reconcile.Series; `href(claim id)` is where a mark's click leads."""
    views = series.claims
    if not views:
        return None
    counts: dict[str, int] = {}
    for v in views:
        counts[v.origin] = counts.get(v.origin, 0) + 1
    ranked = sorted(counts, key=lambda o: (-counts[o], o))
    style = {o: (PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)]) for i, o in enumerate(ranked[:KEYED])}

    scale = choose_scale([x for v in views for x in (v.claim.value, v.claim.value_high) if x is not None])
    plot_left, plot_right = LEFT + STRIP + GAP, WIDTH - RIGHT
    top, bottom = TOP, HEIGHT - BOTTOM
    dated = sorted(v.when for v in views if v.when)
    first, last = time_window(dated)
    grain, ticks = time_ticks(first, last) if first and last else ("month", [])
    lo = ticks[0][0].toordinal() if ticks else 0
    hi = max(last.toordinal() + 1, lo + 1) if last else 1

    def x_of(d: date) -> float:
        f = min(max((d.toordinal() - lo) / (hi - lo), 0.0), 1.0)  # dates outside the window held at its edges
        return plot_left + 8 + f * (plot_right - plot_left - 16)

    def y_of(value: float) -> float:
        return bottom - scale.fraction(value) * (bottom - top)

    marks = []
    taken: dict[tuple[int, int], int] = {}  # (x, y) cell -> marks already there: spread them sideways
    for v in sorted(views, key=lambda v: (v.when or date.min, v.id)):
        c = v.claim
        colour, shape = style.get(v.origin, (OTHER, "circle"))
        undated = v.when is None
        x = LEFT + STRIP / 2 if undated else x_of(v.when)
        y = y_of(c.value)
        cell = (round(x / 6), round(y / 6))
        k = taken.get(cell, 0)
        taken[cell] = k + 1
        x += (k + 1) // 2 * 5 * (1 if k % 2 else -1) if k < 9 else 0  # up to four each side, then on top
        if undated:
            x = min(max(x, LEFT + 6), LEFT + STRIP - 6)
        if c.value_high is not None:
            form, y_end = "range", y_of(c.value_high)
        elif c.qualifier == "at_least":
            form, y_end = "up", max(y - 22, top)
        elif c.qualifier == "at_most":
            form, y_end = "down", min(y + 22, bottom)
        else:
            form, y_end = "point", None
        high = c.value_high if c.value_high is not None else c.value
        clipped = scale.kind == "linear" and high > scale.top
        outside = "" if undated or first <= v.when <= last else ("◀" if v.when < first else "▶")
        when = v.when.isoformat() if v.when else "undated"
        source = c.source or v.origin
        title = (f"{figure_label(c)}{' ' + c.unit if c.unit else ''} — {source} — {when}"
                 f"{' — ' + c.kind if c.kind != 'total' else ''}{' — planned' if c.status == 'planned' else ''}"
                 f"{' — hedged' if c.hedged else ''}{' — clipped: above the scale' if clipped else ''}"
                 f"{' — outside the time axis, at its edge' if outside else ''} ({v.id})")
        marks.append(Mark(v.id, v.origin, round(x), round(y), shape, colour, form,
                          None if y_end is None else round(y_end), clipped, undated, bool(c.hedged),
                          c.status == "planned", c.kind == "denied", title, href(v.id), outside))

    key = [Key(o if len(o) <= 32 else o[:31] + "…", style[o][0], style[o][1], counts[o], top + 10 + i * 17,
               shape_points(style[o][1], plot_right + 22, top + 6 + i * 17, 4.5)) for i, o in enumerate(ranked[:KEYED])]
    notes = []
    if dated and (dated[0] < first or dated[-1] > last):
        notes.append(f"{sum(not first <= d <= last for d in dated)} far earlier or later drawn at the edges, ◀ ▶")
    if scale.kind == "log":
        notes.append("log scale: the figures span orders of magnitude")
    if scale.clipped:
        notes.append(f"figures above {tick_label(scale.top)} drawn at the top, marked ▲")
    return Timeline(
        label=series.label, grain=grain, scale=scale, marks=marks, key=key,
        x_ticks=[(round(x_of(d), 1), label) for d, label in ticks],
        y_ticks=[(round(y_of(t)), tick_label(t)) for t in scale.ticks],
        others=len(ranked) - len(key), undated=sum(m.undated for m in marks), notes=notes)


def latest_by_origin(series) -> list:
    """Each origin's latest figure (ClaimView): its latest dated statement that is neither a
    repeat nor a denial, else its latest undated one; the most recent origins first."""
    best: dict[str, object] = {}
    for v in series.claims:
        if v.repeat_of is not None or v.claim.kind == "denied":
            continue
        order = (v.when or date.min, v.said or date.min, v.id)
        held: Any = best.get(v.origin)
        if held is None or order > (held.when or date.min, held.said or date.min, held.id):
            best[v.origin] = v
    return sorted(best.values(), key=lambda v: (v.when or date.min, v.origin), reverse=True)


# -- the SVG -------------------------------------------------------------------------------

SVG = """<svg class="timeline" viewBox="0 0 {{ t.width }} {{ t.height }}" width="{{ t.width }}" height="{{ t.height }}" role="img" aria-label="{{ t.label }}: timeline by origin" xmlns="http://www.w3.org/2000/svg">
<rect class="strip" x="{{ t.left }}" y="{{ t.top }}" width="{{ t.plot_left - t.left - 18 }}" height="{{ t.bottom - t.top }}"/>
<path class="grid" d="{% for y, l in t.y_ticks %}M{{ t.plot_left }} {{ y }}H{{ t.plot_right }}{% endfor %}"/>
<path class="base" d="M{{ t.plot_left }} {{ t.bottom }}H{{ t.plot_right }}{% for x, l in t.x_ticks %}M{{ x }} {{ t.bottom }}v5{% endfor %}"/>
<g class="axis" text-anchor="end">{% for y, l in t.y_ticks %}<text x="{{ t.left - 6 }}" y="{{ y + 4 }}">{{ l }}</text>{% endfor %}</g>
<g class="axis" text-anchor="middle"><text x="{{ t.left + (t.plot_left - t.left - 18) / 2 }}" y="{{ t.bottom + 16 }}">undated</text>{% for x, l in t.x_ticks %}<text x="{{ x }}" y="{{ t.bottom + 18 }}">{{ l }}</text>{% endfor %}
<text x="{{ (t.plot_left + t.plot_right) / 2 }}" y="{{ t.bottom + 36 }}">{{ t.grain }} ticks{% for n in t.notes %} · {{ n }}{% endfor %}</text></g>
{% for colour, marks in t.marks|groupby("colour") %}<g fill="{{ colour }}" stroke="{{ colour }}">
{% for m in marks %}<a class="mark{% if m.hedged %} hedged{% endif %}{% if m.planned %} planned{% endif %}{% if m.denied %} denied{% endif %}" href="{{ m.href }}"{% if ids %} data-claim="{{ m.id }}"{% endif %}>{% if titles %}<title>{{ m.title }}</title>{% endif %}
{%- if m.form == "range" %}<rect class="bar" x="{{ m.x - 3 }}" y="{{ m.y_end }}" width="6" height="{{ [m.y - m.y_end, 1]|max }}"/>
{%- elif m.form in ("up", "down") %}<path class="arrow" d="M{{ m.x }} {{ m.y }}V{{ m.y_end }}m-4 {{ 6 if m.form == 'up' else -6 }}l4 {{ -6 if m.form == 'up' else 6 }}l4 {{ 6 if m.form == 'up' else -6 }}"/>{% endif %}
{%- if m.shape == "circle" %}<circle class="dot" cx="{{ m.x }}" cy="{{ m.y }}" r="5"/>{% else %}<polygon class="dot" points="{{ m.points }}"/>{% endif %}
{%- if m.clipped or m.outside %}<text class="clip" x="{{ m.x }}" y="{{ m.y - 8 }}" text-anchor="middle">{{ "▲" if m.clipped else "" }}{{ m.outside }}</text>{% endif %}</a>
{% endfor %}</g>
{% endfor %}<g class="legend"><text class="head" x="{{ t.plot_right + 14 }}" y="{{ t.top - 6 }}">origin (claims)</text>
{% for k in t.key %}<g fill="{{ k.colour }}">{% if k.shape == "circle" %}<circle cx="{{ t.plot_right + 22 }}" cy="{{ k.y - 4 }}" r="4.5"/>{% else %}<polygon points="{{ k.points }}"/>{% endif %}</g><text x="{{ t.plot_right + 32 }}" y="{{ k.y }}">{{ k.origin }} ({{ k.claims }})</text>
{% endfor %}{% if t.others %}<circle cx="{{ t.plot_right + 22 }}" cy="{{ t.top + 10 + t.key|length * 17 - 4 }}" r="4.5" fill="#9a9a9a"/><text x="{{ t.plot_right + 32 }}" y="{{ t.top + 10 + t.key|length * 17 }}">{{ t.others }} other origins</text>{% endif %}
<text x="{{ t.plot_right + 14 }}" y="{{ t.height - 34 }}">hollow: hedged · dashed: planned</text>
<text x="{{ t.plot_right + 14 }}" y="{{ t.height - 20 }}">bar: range · arrow: open bound</text></g>
</svg>"""

STYLE = """svg.timeline { width: 100%; max-width: 1300px; height: auto; background: #fff; font-family: system-ui, sans-serif; }
svg.timeline .strip { fill: #f3f3f3; } svg.timeline .grid { stroke: #e6e6e6; } svg.timeline .base, svg.timeline .tick { stroke: #888; }
svg.timeline .axis, svg.timeline .legend { font-size: 11px; fill: #333; stroke: none; } svg.timeline .legend .head { font-weight: bold; }
svg.timeline .grid { fill: none; } svg.timeline .base { fill: none; }
svg.timeline .mark .dot { stroke-width: 1.5; fill-opacity: .85; } svg.timeline .mark .bar { fill-opacity: .35; stroke-width: 1.5; }
svg.timeline .mark .arrow { stroke-width: 2; fill: none; } svg.timeline .mark.hedged .dot, svg.timeline .mark.denied .dot { fill: #fff; }
svg.timeline .mark.planned .dot, svg.timeline .mark.planned .bar { stroke-dasharray: 2 2; }
svg.timeline .mark .clip { font-size: 10px; stroke: none; } svg.timeline .mark:hover .dot, svg.timeline .mark:focus .dot { stroke: #000; stroke-width: 2.5; }"""


_template = None


def svg(t: Timeline, titles: bool = True, ids: bool = True) -> str:
    """The timeline as inline SVG (no script; every text autoescaped). `titles=False`, `ids=False`:
    the marks without their hover text and their claim id, for a page whose script writes the
    one from its own data and whose links already name the claim (the report, kept small)."""
    global _template
    if _template is None:
        from jinja2 import Environment

        _template = Environment(autoescape=True).from_string(SVG)
    return _template.render(t=t, titles=titles, ids=ids)
