"""A series' values over time, by origin, as numbers for the inline SVG in
templates/_chart.html (the template escapes; this module only does geometry).

x is the date a claim is placed at (undated claims stand in a band on the left), y its
value; a range or a qualified figure is a bar from its low to its high end. Each origin has
its own marker shape; planned and actual differ in colour, a hedged figure is hollow and
dashed (all through CSS classes, so the page needs no inline style).
"""
from __future__ import annotations

import math
from datetime import date

from ..report import figure_label
from ..report.charts import axis_ticks, tick_label
from .data import claim_url

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 190, 20, 40
UNDATED_BAND = 60
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross")


def shape_points(shape: str, x: float, y: float, r: float = 5) -> str:
    """The polygon of a marker shape ('' for a circle, drawn as such)."""
    pts = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r * 1.2), (r * 1.1, r), (-r * 1.1, r)],
        "diamond": [(0, -r * 1.3), (r * 1.1, 0), (0, r * 1.3), (-r * 1.1, 0)],
        "down": [(-r * 1.1, -r), (r * 1.1, -r), (0, r * 1.2)],
        "cross": [(-r, -r / 3), (-r / 3, -r / 3), (-r / 3, -r), (r / 3, -r), (r / 3, -r / 3), (r, -r / 3),
                  (r, r / 3), (r / 3, r / 3), (r / 3, r), (-r / 3, r), (-r / 3, r / 3), (-r, r / 3)],
    }.get(shape)
    return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in pts) if pts else ""


def series_chart(series) -> dict | None:
    views = series.claims
    if not views:
        return None
    finite = [v.interval.high if not math.isinf(v.interval.high) else v.claim.value for v in views]
    top = max(finite) * 1.1 or 1.0
    ticks = axis_ticks(top)
    top = max(top, ticks[-1])
    dated = sorted(v.when for v in views if v.when)
    x0, x1 = LEFT + UNDATED_BAND, WIDTH - RIGHT
    lo_d, hi_d = (dated[0], dated[-1]) if dated else (date(2000, 1, 1), date(2000, 1, 2))
    span = max((hi_d - lo_d).days, 1)

    def x(when: date | None, k: int) -> float:
        if when is None:  # spread the undated a little so they do not hide one another
            return LEFT + 10 + (k % 5) * 9
        return x0 + 10 + (when - lo_d).days / span * (x1 - x0 - 20)

    def y(v: float) -> float:
        return TOP + (1 - min(max(v, 0), top) / top) * (HEIGHT - TOP - BOTTOM)

    origins = series.origins
    shape_of = {o: SHAPES[i % len(SHAPES)] for i, o in enumerate(origins)}
    marks = []
    for k, v in enumerate(views):
        c = v.claim
        cx, cy = x(v.when, k), y(c.value)
        high = v.interval.high if not math.isinf(v.interval.high) else top
        bar = high - v.interval.low > top * 0.01
        marks.append({
            "x": round(cx, 1), "y": round(cy, 1), "shape": shape_of[v.origin], "points": shape_points(shape_of[v.origin], cx, cy),
            "bar": {"x": round(cx - 4, 1), "y": round(y(high), 1), "h": round(max(y(v.interval.low) - y(high), 1), 1)} if bar else None,
            "status": c.status if c.status in ("planned", "actual") else "unknown", "hedged": bool(c.hedged),
            "href": claim_url(v.id),
            "title": f"{v.id}: {figure_label(c)} ({c.text}) — {v.origin}, {v.when.isoformat() if v.when else 'undated'}, "
                     f"{c.status or 'status unknown'}{', hedged' if c.hedged else ''}"
                     f"{', repeat of ' + v.repeat_of if v.repeat_of else ''}",
        })
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": x1, "bottom": HEIGHT - BOTTOM, "x0": x0,
        "ticks": [{"y": round(y(t), 1), "label": tick_label(t)} for t in ticks],
        "dates": (lo_d.isoformat(), hi_d.isoformat()) if dated else None,
        "marks": marks, "label": series.label,
        "legend": [{"origin": o[:32], "shape": shape_of[o], "y": TOP + 12 + i * 16,
                    "points": shape_points(shape_of[o], x1 + 16, TOP + 8 + i * 16, 4)} for i, o in enumerate(origins[:12])],
        "more_origins": max(len(origins) - 12, 0),
    }
