"""Inline SVG charts: a series' values over time by origin, with no script and no network.

Each claim is a mark at its date (undated claims stand in a band on the left): a range or a
qualified figure is a vertical bar from its low to its high end, an exact figure a dot;
planned figures are blue, actual ones orange; a hedged figure is drawn hollow. Every piece
of text goes through `escape`.
"""
from __future__ import annotations

import math
from datetime import date
from html import escape

from ..reconcile import Series

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 20, 40
UNDATED_BAND = 60
COLORS = {"planned": "#1c7ed6", "actual": "#e8590c"}


def axis_ticks(hi: float) -> list[float]:
    """Round steps from 0 past `hi`: 1, 2 or 5 times a power of ten, five at most."""
    if hi <= 0:
        return [0.0]
    step = 10 ** math.floor(math.log10(hi))
    for mult in (1, 2, 5, 10):
        if hi / (step * mult) <= 5:
            step *= mult
            break
    return [i * step for i in range(int(hi // step) + 2)]


def tick_label(v: float) -> str:
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:.1f}"


def series_svg(series: Series) -> str:
    views = series.claims
    if not views:
        return ""
    values = [v.interval.high if not math.isinf(v.interval.high) else v.claim.value for v in views]
    top = max(values) * 1.1 or 1.0
    ticks = axis_ticks(top)
    top = max(top, ticks[-1])
    dated = sorted(v.when for v in views if v.when)
    x0 = LEFT + UNDATED_BAND
    x1 = WIDTH - RIGHT
    lo_d, hi_d = (dated[0], dated[-1]) if dated else (date(2000, 1, 1), date(2000, 1, 2))
    span = max((hi_d - lo_d).days, 1)

    def x(when: date | None, k: int) -> float:
        if when is None:
            return LEFT + 10 + (k % 5) * 9
        return x0 + 10 + (when - lo_d).days / span * (x1 - x0 - 20)

    def y(v: float) -> float:
        return TOP + (1 - min(v, top) / top) * (HEIGHT - TOP - BOTTOM)

    origins = series.origins
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
           f'aria-label="{escape(series.label)}" xmlns="http://www.w3.org/2000/svg">']
    for t in ticks:
        out.append(f'<line x1="{LEFT}" x2="{x1}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#eee"/>'
                   f'<text x="{LEFT - 6}" y="{y(t) + 4:.1f}" font-size="10" text-anchor="end">{tick_label(t)}</text>')
    out.append(f'<text x="{LEFT + 4}" y="{HEIGHT - BOTTOM + 14}" font-size="10">undated</text>')
    if dated:
        out.append(f'<text x="{x0 + 10}" y="{HEIGHT - BOTTOM + 14}" font-size="10">{lo_d.isoformat()}</text>'
                   f'<text x="{x1 - 10}" y="{HEIGHT - BOTTOM + 14}" font-size="10" text-anchor="end">{hi_d.isoformat()}</text>')
    for k, v in enumerate(views):
        c = v.claim
        color = COLORS.get(c.status or "actual", "#888")
        fill = "white" if c.hedged else color
        cx = x(v.when, k)
        hi = v.interval.high if not math.isinf(v.interval.high) else top
        title = escape(f"{v.id}: {c.text} — {v.origin} — {c.status}{', hedged' if c.hedged else ''}"
                       f"{', repeat of ' + v.repeat_of if v.repeat_of else ''}")
        out.append(f'<g class="mark" data-claim="{escape(v.id)}"><title>{title}</title>')
        if hi - v.interval.low > top * 0.01:
            out.append(f'<rect x="{cx - 4:.1f}" y="{y(hi):.1f}" width="8" height="{max(y(v.interval.low) - y(hi), 1):.1f}" '
                       f'fill="{fill}" stroke="{color}" stroke-width="2" opacity="0.8"/>')
        out.append(f'<circle cx="{cx:.1f}" cy="{y(c.value):.1f}" r="4" fill="{fill}" stroke="{color}" stroke-width="2"/></g>')
    for k, o in enumerate(origins[:10]):
        out.append(f'<text x="{x1 + 10}" y="{TOP + 12 + k * 14}" font-size="10">{escape(o[:28])}</text>')
    out.append(f'<text x="{x1 + 10}" y="{HEIGHT - 26}" font-size="10" fill="{COLORS["actual"]}">● actual</text>'
               f'<text x="{x1 + 10}" y="{HEIGHT - 14}" font-size="10" fill="{COLORS["planned"]}">● planned  ○ hedged</text>')
    out.append("</svg>")
    return "".join(out)
