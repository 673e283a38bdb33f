"""Time expressions found on the characters, with patterns built from the language data ("au
deuxième trimestre 2025", "fin janvier", "depuis octobre 2024", "avant le début de l'année
2025", "le mois dernier"...): each one kept unresolved, a `TimeExpr`, until the article's date
is known (periods.py resolves it)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lang import APOSTROPHES, LanguageData, fold

AP = f"[{APOSTROPHES}]"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int  # offsets in the Doc
    end: int
    kind: str  # day, month, year, quarter, half, season, part_month, part_year, decade, year_range, first_span, relative, same
    year: int | None = None
    month: int | None = None
    day: int | None = None
    number: int | None = None  # quarter, half; a span's last day
    month2: int | None = None  # a span of days that ends in a later month: its last month
    part: str | None = None  # early, mid, late
    mode: str = "in"  # in, since, until_before, until
    relative: str | None = None  # last_month, this_year, ...
    text: str = ""


Period = tuple[date | None, date | None]


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class TimeFinder:
    """The time expressions of one language, from the patterns of its data file.

    Each pattern is a regex template with placeholders for the language's word lists
    ({M} months, {Y} a year, {P} parts of a period ...) and named groups (month, year, day,
    part, q, h, season, decade, month2, n, unit) that `_make` reads; patterns are tried in the
    file's order and the first to cover a stretch of text keeps it.
    """

    def __init__(self, lang: LanguageData):
        t = lang.time
        self.months = {fold(k): int(v) for k, v in t["months"].items()}
        self.quarters = {fold(k): int(v) for k, v in t["quarters"].items()}
        self.halves = {fold(k): int(v) for k, v in t["halves"].items()}
        self.parts = {fold(k): v for k, v in t["part_of_period"].items()}
        # "early next year", "late last year", "(à la) fin de l'année dernière", "at the start of next
        # year": a part of a relative year, an adjective before it or a noun and its link ("will start
        # next year" is a verb)
        adjectives, links = _alt(t.get("year_part_adjectives", [])) or "(?!)", _alt(t.get("year_part_links", [])) or "(?!)"
        self.part_before_year = re.compile(rf"(?<!\w)(?:({adjectives})|({_alt(t['part_of_period'])})\s+(?:{links}))\s*$", re.I)
        self.seasons = {fold(k): v for k, v in t["seasons"].items()}
        self.first_day = {fold(w) for w in t.get("first_day", [])}
        self.durations = {fold(k): v for k, v in t.get("duration_units", {}).items()}
        self.number_words = {fold(k): int(v) for k, v in t.get("number_words", {}).items()}
        # longest first: "d'ici à juin" is not "d'ici" followed by something else
        since = "|".join(lang.phrase_pattern(p) for p in sorted(t["since"], key=len, reverse=True))
        until = "|".join(lang.phrase_pattern(p) for p in sorted(t["until"], key=len, reverse=True))
        fill = {
            "{M}": _alt(self.months), "{Q}": _alt(t["quarters"]), "{QW}": _alt(t["quarter_words"]),
            "{H}": _alt(t["halves"]), "{HW}": _alt(t["half_words"]), "{P}": _alt(t["part_of_period"]),
            "{S}": _alt(t["seasons"]), "{SINCE}": since, "{UNTIL}": until, "{AP}": AP,
            "{FIRST}": _alt(t.get("first_day", [])) or "(?!)", "{Y}": r"(?P<year>\d{4})",
            "{N}": r"\d+|" + (_alt(t.get("number_words", {})) or "(?!)"), "{TU}": _alt(t.get("duration_units", {})) or "(?!)",
        }
        self.patterns: list[tuple[str, re.Pattern]] = []
        for kind, template in t["patterns"]:
            if kind not in KINDS:
                raise ValueError(f"language {lang.code!r}: unknown time pattern kind {kind!r} (known: {', '.join(KINDS)})")
            for key, value in fill.items():
                template = template.replace(key, value)
            self.patterns.append((kind, re.compile(template, re.I)))
        self.relative: list[tuple[str, re.Pattern]] = []
        for key in ("same_time", "same_year", "same_month", "last_month", "this_month", "last_year", "this_year", "next_year", "this_week", "last_week", "yesterday", "today", "tomorrow"):
            alt = "|".join(lang.phrase_pattern(p) for p in t.get(key, []))
            if alt:
                self.relative.append((key, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)))
        # "à la veille du sommet": the eve of an event, no day before the statement
        eve = "|".join(re.escape(w) + ("" if w[-1] in "'’" else r"(?!\w)") for w in t.get("day_before_complements", []))
        self.eve_of = re.compile(rf"\s+(?:{eve})", re.I) if eve else None
        self.weekdays = {fold(w): i for i, w in enumerate(t.get("weekdays", []))}
        if self.weekdays:
            self.relative.append(("weekday", re.compile(rf"\b({_alt(t['weekdays'])})\b(?!\s+\d)", re.I)))
        self.since_words = re.compile(rf"^(?:{since})", re.I)
        self.since_anywhere = re.compile(rf"(?<!\w)(?:{since})(?!\w)", re.I)
        demonstratives = _alt(t.get("demonstratives", [])) or "(?!)"
        self.since_just_before = re.compile(rf"(?<!\w)(?:{since})\s+(?:(?:{demonstratives})\s+)?$", re.I)
        self.until_words = re.compile(rf"^(?:{until})", re.I)
        self.until_before = tuple(fold(w) for w in t.get("until_before", []))
        self.until_ahead = tuple(fold(w) for w in t.get("until_ahead", []))
        self.demonstratives = {fold(w) for w in t.get("demonstratives", [])}

    def find(self, text: str) -> list[TimeExpr]:
        found: list[TimeExpr] = []

        def free(s, e):
            return not any(x.start < e and s < x.end for x in found)

        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()) or not m.group(0).strip():
                    continue
                expr = self._make(kind, m)
                if expr is not None:
                    found.append(expr)
        found = [self._since_before(text, x) for x in found]
        for key, pattern in self.relative:
            for m in pattern.finditer(text):
                if key == "yesterday" and self.eve_of is not None and self.eve_of.match(text, m.end()):
                    continue
                if free(m.start(), m.end()):
                    rel = key
                    if key == "weekday":
                        rel = f"weekday:{self.weekdays[fold(m.group(1))]}"
                    start, part = m.start(), None
                    if key in YEAR_RELATIVE:
                        # "early next year", "fin de l'année dernière": a part of that year
                        window = max(0, start - 30)
                        p = self.part_before_year.search(text[window:start])
                        if p is not None:
                            start, part = window + p.start(), self.parts.get(fold(p.group(1) or p.group(2)))
                    # "depuis ce mardi", "since last week", "since early last year": from then to the statement
                    since = key in SINCE_RELATIVE and bool(self.since_just_before.search(text[max(0, start - 30):start]))
                    found.append(TimeExpr(start, m.end(), "relative", relative=rel, text=text[start:m.end()],
                                          mode="since" if since else "in", part=part))
        return sorted(found, key=lambda x: x.start)

    SINCE_REACH = 90  # characters between a since-word and the date it runs from, at most

    def _since_before(self, text: str, x: TimeExpr) -> TimeExpr:
        """'depuis le début de la guerre le 7 octobre', 'since the beginning of hostilities on 7
        October': a date a since-word governs from a few words before runs from then."""
        from dataclasses import replace

        if x.mode != "in" or x.kind not in ("day", "month", "year", "part_month"):
            return x
        before = text[max(0, x.start - self.SINCE_REACH):x.start]
        cut = max(before.rfind(c) for c in ".;:!?\n")
        before = before[cut + 1:]
        m = None
        for m in self.since_anywhere.finditer(before):  # noqa: B007 - the last match is the one nearest the figure
            pass
        if m is None or any(ch.isdigit() for ch in before[m.end():]):
            return x
        return replace(x, mode="since")

    def _year(self, s: str | None) -> int | None:
        if not s:
            return None
        y = int(s)
        return y if 1900 <= y <= 2100 else None

    def _day(self, s: str | None) -> int | None:
        if not s:
            return None
        return 1 if fold(s) in self.first_day else int(s)

    def _days(self, g: dict) -> tuple[int | None, int | None]:
        """The day, and the last day of a span ("8-11") when there is one after it."""
        day, last = self._day(g.get("day")), self._day(g.get("day2"))
        return day, (last if day and last and last > day else None)

    def _count(self, n: str) -> int | None:
        """'12', 'three': a count of time units."""
        return int(n) if n.isdigit() else self.number_words.get(fold(n))

    def _before(self, text: str) -> bool:
        return bool(self.until_before) and fold(text).startswith(self.until_before)

    def _mode(self, text: str) -> str:
        """'avant 2025' ends before it; 'jusqu'en 2025' ends with it; 'depuis 2024' starts with it."""
        if self._before(text):
            return "until_before"
        if self.until_words.match(text):
            return "until"
        return "since" if self.since_words.match(text) else "in"

    def _make(self, kind: str, m: re.Match) -> TimeExpr | None:
        g = {k: v for k, v in m.groupdict().items() if v}
        s, e, text = m.start(), m.end(), m.group(0)
        year = self._year(g.get("year"))
        month = self.months.get(fold(g.get("month", "")).rstrip("."))
        part = self.parts.get(fold(g.get("part", "")))
        if kind == "quarter":
            q = fold(g["q"])
            number = self.quarters.get(q) or (int(q) if q.isdigit() and 1 <= int(q) <= 4 else None)
            if number is None:  # "Q1" written with a digit the word list lacks, or no quarter at all
                return None
            return TimeExpr(s, e, "quarter", year=year, number=number, text=text)
        if kind == "half":
            return TimeExpr(s, e, "half", year=year, number=self.halves.get(fold(g["h"]), 1), text=text)
        if kind == "until_start":
            return TimeExpr(s, e, "year", year=year, mode="until_before", text=text)
        if kind == "since_year_start":
            return TimeExpr(s, e, "year", mode="since", relative="this_year", text=text)
        if kind == "since_month_start":
            return TimeExpr(s, e, "relative", mode="since", relative="this_month", text=text)
        if kind == "until_end":
            return TimeExpr(s, e, "year", year=year, mode="until", relative=None if g.get("year") else "this_year", text=text)
        if kind in ("since", "until"):
            if not month and not g.get("year"):
                return None
            mode = "since" if kind == "since" else ("until_before" if self._before(text) else "until")
            day, last = self._days(g)
            if month and last:
                # "from January 1-5": the days of a span, not a start
                return TimeExpr(s, e, "day", year=year, month=month, day=day, number=last, text=text)
            if month and day:
                k = "day"
            elif month:
                k = "part_month" if part else "month"
            else:
                k = "part_year" if part else "year"
            # "by mid-January": a deadline names the month's next coming, not its last
            ahead = "next" if mode == "until" and self.until_ahead and fold(text).startswith(self.until_ahead) else None
            return TimeExpr(s, e, k, year=year, month=month, day=day, part=part, mode=mode, relative=ahead, text=text)
        if kind == "month_range":
            return TimeExpr(s, e, "month_range", year=year, month=month,
                            number=self.months[fold(g["month2"]).rstrip(".")], text=text)
        if kind == "year_range":
            last = int(g["year2"])
            return TimeExpr(s, e, "year_range", year=year, number=last, text=text) if year and year < last else None
        if kind == "day_range":
            # "between July 22 and August 22": from the first day to the last, across months
            last_month = self.months.get(fold(g["month2"]).rstrip("."))
            day, last = self._day(g.get("day")), self._day(g.get("day2"))
            if not (month and last_month and day and last):
                return None
            return TimeExpr(s, e, "day", year=year, month=month, day=day, number=last, month2=last_month, text=text)
        if kind == "day":
            day, last = self._days(g)  # "August 8-11", "8-11 août": the last day in `number`
            return TimeExpr(s, e, "day", year=year, month=month, day=day, number=last, text=text)
        if kind == "part_month":
            return TimeExpr(s, e, "part_month", year=year, month=month, part=part, text=text)
        if kind == "part_year":
            return TimeExpr(s, e, "part_year", year=year, part=part, text=text)
        if kind == "season":
            this = fold(text).split()[0] in self.demonstratives
            return TimeExpr(s, e, "season", year=year, part=fold(g["season"]), mode=self._mode(text),
                            relative="this_year" if this else None, text=text)
        if kind == "decade":
            y = int(g["decade"])
            y = y + 1900 if y < 100 else y
            return TimeExpr(s, e, "decade", year=y, text=text)
        if kind == "month":
            return TimeExpr(s, e, "month", year=year, month=month, text=text)
        if kind == "month_last":
            return TimeExpr(s, e, "month", month=month, relative="last", text=text)
        if kind == "year":
            if year is None:
                return None
            return TimeExpr(s, e, "year", year=year, mode=self._mode(text), text=text)
        if kind == "span_to":
            months = {"month": 1, "year": 12}.get(self.durations.get(fold(g["unit"]), ""), 0) * (self._count(g.get("n", "1")) or 0)
            if not months or not month:
                return None  # "the two weeks to March": no whole months, left to the other patterns
            return TimeExpr(s, e, "span_to", year=year, month=month, number=months, text=text)
        if kind == "first_span":
            count, unit = self._count(g["n"]), self.durations.get(fold(g["unit"]))
            if not count or unit not in ("day", "week", "month"):
                return None
            return TimeExpr(s, e, "first_span", year=year, number=count, part=unit,
                            relative=None if year else "this_year", text=text)
        if kind in ("past", "next"):
            # "in the past week", "over the next three years": that long back from, or ahead of, the statement
            count = self._count(g["n"]) if g.get("n") else 1
            unit = self.durations.get(fold(g["unit"]))
            if not count or not unit or (kind == "next" and unit == "hour"):
                return None
            return TimeExpr(s, e, "relative", number=count, relative=f"{kind}:{unit}:{count}", text=text)
        return None


YEAR_RELATIVE = ("last_year", "this_year", "next_year")  # relative years a part of the year may open ("early next year")
SINCE_RELATIVE = ("weekday", "yesterday", "last_week", "last_month", "last_year")  # relative days a since-word can open
KINDS = ("first_span", "quarter", "half", "until_start", "until_end", "since_year_start", "since_month_start", "since", "until", "month_range", "year_range", "span_to", "day_range", "day",
         "part_month", "part_year", "season", "decade", "month", "month_last", "year", "past", "next")
