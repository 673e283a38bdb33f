"""Calendar arithmetic: a time expression and the article's date (its anchor) -> a period, the
first and last day it covers. A document without a date leaves relative expressions unresolved
rather than guessing a year."""
from __future__ import annotations

import calendar
import math
from datetime import date, timedelta

from .timeexpr import YEAR_RELATIVE, Period, TimeExpr


def _season(seasons: dict | None, name: str | None) -> tuple[tuple[int, int], tuple[int, int]]:
    """A season's first and last day as (month, day) pairs, from the language data's "MM-DD"."""
    first, last = (seasons or {}).get(name, ["01-01", "12-31"])
    (fm, fd), (lm, ld) = (int(x) for x in first.split("-")), (int(x) for x in last.split("-"))
    return (fm, fd), (lm, ld)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _infer_year(month: int, anchor: date | None, last: bool = False, ahead: bool = False,
                next_month: bool = False) -> int | None:
    """A month without a year: the anchor's year, or the year before if the month is later
    (the year after if earlier, for a deadline ahead: "by mid-January" written in December).
    `next_month`: a day of the month right after a date known only to its month is the coming
    one ("jusqu'au 1er novembre" in a page dated October), not eleven months back."""
    if anchor is None:
        return None
    if ahead:
        return anchor.year + 1 if month < anchor.month else anchor.year
    if next_month and not last and month == anchor.month % 12 + 1:
        return anchor.year + (month == 1)
    if month > anchor.month or (last and month == anchor.month):
        return anchor.year - 1
    return anchor.year


def resolve(expr: TimeExpr, anchor: date | None, previous: Period | None = None, seasons=None,
            ahead: bool = False, anchor_month_only: bool = False) -> Period | None:
    """The period an expression names, against the article's date (None: cannot tell).
    `ahead`: the figure is planned, so a deadline's month is its next coming ("will send 3,000
    by mid-January", written in December), not its last ("had sent 3,000 by mid-January")."""
    k = expr.kind
    if k == "relative":
        p = _relative(expr.relative or "", anchor, previous)
        if p is not None and p[0] is not None and expr.part and expr.relative in YEAR_RELATIVE:
            p = _part_of_year(p[0].year, expr.part)  # "early next year": its first quarter
        return (p[0], None) if p is not None and expr.mode == "since" else p
    year = expr.year
    if k in ("month", "part_month", "day", "month_range", "span_to") and year is None:
        year = _infer_year(expr.number if k == "month_range" else (expr.month2 or expr.month), anchor, last=expr.relative == "last",  # type: ignore[arg-type]
                           ahead=ahead and expr.relative == "next", next_month=anchor_month_only and k == "day")
    elif k in ("quarter", "half") and year is None and anchor is not None:
        # "in the second quarter": the latest such quarter begun by the article's date
        first = 3 * (expr.number or 1) - 2 if k == "quarter" else 6 * (expr.number or 1) - 5
        year = anchor.year if first <= anchor.month else anchor.year - 1
    elif k == "season" and year is None and anchor is not None:
        # "à l'automne": the latest such season begun before the article's date; "cet été": this year's
        (fm, fd), _ = _season(seasons, expr.part)
        this = expr.relative == "this_year"
        year = anchor.year if (date(anchor.year, fm, fd) <= anchor or this) else anchor.year - 1
    elif year is None and expr.relative == "this_year" and anchor:
        year = anchor.year
    if year is None:
        return None
    if k == "day" and expr.month:
        try:
            if expr.month2:  # "between July 22 and August 22"; "from 20 December to 3 January" starts the year before
                lo = date(year - (expr.month > expr.month2), expr.month, expr.day or 1)
                hi = date(year, expr.month2, expr.number or 1)
            else:
                lo = date(year, expr.month, expr.day or 1)
                hi = date(year, expr.month, expr.number) if expr.number else lo  # "August 8-11"
        except ValueError:
            return None
    elif k in ("month",):
        lo, hi = date(year, expr.month, 1), month_end(year, expr.month)  # type: ignore[arg-type]
    elif k == "span_to":
        # "in the 12 months to March 2025": April 2024 to March 2025
        first = (year * 12 + expr.month - 1) - (expr.number - 1)  # type: ignore[operator]
        lo, hi = date(first // 12, first % 12 + 1, 1), month_end(year, expr.month)  # type: ignore[arg-type]
    elif k == "month_range":
        first_year = year if expr.month <= expr.number else year - 1  # type: ignore[operator]
        lo, hi = date(first_year, expr.month, 1), month_end(year, expr.number)  # type: ignore[arg-type]
    elif k == "part_month":
        last = calendar.monthrange(year, expr.month)[1]  # type: ignore[arg-type]
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(expr.part or "", (1, last))
        if expr.mode == "until" and expr.part == "mid":
            bounds = (1, 15)  # "by mid-February": by the 15th, as annotators read a deadline
        lo, hi = date(year, expr.month, bounds[0]), date(year, expr.month, bounds[1])  # type: ignore[arg-type]
    elif k == "quarter":
        q = expr.number or 1
        lo, hi = date(year, 3 * q - 2, 1), month_end(year, 3 * q)
    elif k == "half":
        h = expr.number or 1
        lo, hi = date(year, 6 * h - 5, 1), month_end(year, 6 * h)
    elif k == "part_year":
        lo, hi = _part_of_year(year, expr.part)
    elif k == "season":
        (fm, fd), (lm, ld) = _season(seasons, expr.part)
        # a season that runs into the next year (winter) is named by the year it begins in
        lo, hi = date(year, fm, fd), date(year + ((lm, ld) < (fm, fd)), lm, ld)
    elif k == "first_span":
        # "the first six months of 2024": January to June; "les trois premières semaines": 21 days
        lo = date(year, 1, 1)
        n = expr.number or 1
        hi = month_end(year, min(n, 12)) if expr.part == "month" else lo + timedelta(days=n * (7 if expr.part == "week" else 1) - 1)
    elif k == "decade":
        lo, hi = date(year, 1, 1), date(year + 9, 12, 31)
    elif k == "year_range":
        lo, hi = date(year, 1, 1), date(expr.number, 12, 31)  # type: ignore[arg-type]
    else:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
    if expr.mode == "since":
        return lo, None
    if expr.mode == "until_before":
        # "before the end of 2025", "avant la fin de l'année": by its end, not before its last months;
        # "before October 7": as it stood on that day; "before 2025": up to the year before
        return (None, hi) if expr.part == "late" else (None, lo if k == "day" else lo - timedelta(days=1))
    if expr.mode == "until":
        return None, hi
    return lo, hi


def _part_of_year(year: int, part: str | None) -> tuple[date, date]:
    """'early 2025' is its first quarter, 'late 2024' its last, as annotators read them."""
    return {"early": (date(year, 1, 1), date(year, 3, 31)), "mid": (date(year, 4, 1), date(year, 9, 30)),
            "late": (date(year, 10, 1), date(year, 12, 31))}.get(part or "", (date(year, 1, 1), date(year, 12, 31)))


def _relative(rel: str, anchor: date | None, previous: Period | None) -> Period | None:
    if rel == "same_time":
        return previous
    if rel == "same_year":
        d = previous[0] or previous[1] if previous else None
        return (date(d.year, 1, 1), date(d.year, 12, 31)) if d else None
    if rel == "same_month":
        if previous and previous[0]:
            d = previous[0]
            return date(d.year, d.month, 1), month_end(d.year, d.month)
        return None
    if anchor is None:
        return None
    y, m = anchor.year, anchor.month
    if rel == "last_month":
        py, pm = (y - 1, 12) if m == 1 else (y, m - 1)
        return date(py, pm, 1), month_end(py, pm)
    if rel == "this_month":
        return date(y, m, 1), month_end(y, m)
    if rel == "last_year":
        return date(y - 1, 1, 1), date(y - 1, 12, 31)
    if rel == "this_year":
        return date(y, 1, 1), date(y, 12, 31)
    if rel == "next_year":
        return date(y + 1, 1, 1), date(y + 1, 12, 31)
    if rel == "this_week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    if rel == "last_week":
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if rel == "yesterday":
        d = anchor - timedelta(days=1)
        return d, d
    if rel == "today":
        return anchor, anchor
    if rel == "tomorrow":
        d = anchor + timedelta(days=1)
        return d, d
    if rel.startswith("past:"):
        # "over the past three months": up to the article's date
        _, unit, n = rel.split(":")
        if unit in ("month", "year"):
            # calendar months: "the last three months" to 7 January runs from 7 October
            return _months_on(anchor, -int(n) * (12 if unit == "year" else 1)), anchor
        if unit == "hour":
            # "in the past 24 hours": the day of the statement (48 hours: that day and the one before)
            return anchor - timedelta(days=max(0, math.ceil(int(n) / 24) - 1)), anchor
        days = {"day": 1, "week": 7}.get(unit, 30) * int(n)
        return anchor - timedelta(days=days), anchor
    if rel.startswith("next:"):
        # "over the next three years": from the day after the statement, that long
        _, unit, n = rel.split(":")
        first = anchor + timedelta(days=1)
        if unit in ("month", "year"):
            return first, _months_on(anchor, int(n) * (12 if unit == "year" else 1))
        return first, anchor + timedelta(days={"day": 1, "week": 7}[unit] * int(n))
    if rel.startswith("weekday:"):
        wd = int(rel.split(":")[1])
        d = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        return d, d
    return None


def _months_on(day: date, months: int) -> date:
    """The same day of the month `months` calendar months on (back when negative), or that month's last."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def is_day(expr: TimeExpr) -> bool:
    """A single day: a date, a weekday, yesterday, today or tomorrow."""
    return expr.kind == "day" or (expr.relative or "").startswith(("weekday", "yesterday", "today", "tomorrow"))
