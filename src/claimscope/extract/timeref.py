"""Component `claimscope_timeref`: the periods a sentence names, and which one a figure takes.

Expressions are found on the characters with patterns built from the language data
("au deuxième trimestre 2025", "fin janvier", "depuis octobre 2024", "avant le début de
l'année 2025", "le mois dernier"...). Each one is kept unresolved (a `TimeExpr`) until the
discourse step knows the article's date: a document without a date leaves relative
expressions unresolved rather than guessing a year.

An expression that hangs from a verb of saying outside the figure's clause dates the
statement ("a déclaré fin janvier que ..."): it is used only when the clause itself names
no period.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..lang import APOSTROPHES, LanguageData, fold, phrase_pattern
from . import memo
from .figures import figures_of
from .tree import under

AP = f"[{APOSTROPHES}]"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int  # offsets in the Doc
    end: int
    kind: str  # day, month, year, quarter, half, season, part_month, part_year, decade, relative, same
    year: int | None = None
    month: int | None = None
    day: int | None = None
    number: int | None = None  # quarter, half
    part: str | None = None  # early, mid, late
    mode: str = "in"  # in, since, until_before, until
    relative: str | None = None  # last_month, this_year, ...
    text: str = ""


Period = tuple[date | None, date | None]


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class TimeFinder:
    def __init__(self, lang: LanguageData):
        t = lang.time
        self.months = {fold(k): int(v) for k, v in t["months"].items()}
        M = _alt(self.months)
        Q = _alt(t["quarters"])
        self.quarters = {fold(k): int(v) for k, v in t["quarters"].items()}
        self.halves = {fold(k): int(v) for k, v in t["halves"].items()}
        self.parts = {fold(k): v for k, v in t["part_of_period"].items()}
        P = _alt(t["part_of_period"])
        self.seasons = {fold(k): v for k, v in t["season_months"].items()}
        S = _alt(t["season_months"])
        since = "|".join(phrase_pattern(p) for p in t["since"])
        until = "|".join(phrase_pattern(p) for p in t["until"])
        Y = r"(\d{4})"
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("quarter", re.compile(rf"\b({Q})\s+(?:{_alt(t['quarter_words'])})(?:\s+(?:de\s+l{AP}année\s+|de\s+|d{AP})?{Y})?", re.I)),
            ("half", re.compile(rf"\b({_alt(t['halves'])})\s+(?:{_alt(t['half_words'])})(?:\s+(?:de\s+)?{Y})?", re.I)),
            ("until_start", re.compile(rf"\b(?:{until})\s*(?:le\s+)?(?:début|commencement)\s+(?:de\s+)?(?:l{AP}année\s+)?{Y}", re.I)),
            ("until_end", re.compile(rf"\b(?:{until})\s*(?:la\s+)?fin\s+(?:de\s+)?(?:l{AP}année\s+)?{Y}?", re.I)),
            ("since_year_start", re.compile(rf"\b(?:{since})\s*(?:le\s+)?(?:début|commencement)\s+(?:de\s+)?l{AP}année\b(?!\s+\d)", re.I)),
            ("since", re.compile(rf"\b(?:{since})\s*(?:le\s+|la\s+|l{AP})?(?:({P})[- ]?)?(?:(\d{{1,2}}|1er)\s+)?({M})?\.?\s*{Y}?\b", re.I)),
            ("until", re.compile(rf"\b(?:{until})\s*(?:le\s+)?(?:(\d{{1,2}}|1er)\s+)?(?:({M})\s*)?{Y}?\b", re.I)),
            ("month_range", re.compile(rf"\b(?:entre|de)\s+({M})\s+(?:et|à)\s+({M})\b(?:\s+{Y})?", re.I)),
            ("day", re.compile(rf"\b(\d{{1,2}}|1er)\s+({M})\b\.?(?:\s+{Y})?", re.I)),
            ("part_month", re.compile(rf"\b({P})[- ]({M})\b(?:\s+{Y})?", re.I)),
            ("part_year", re.compile(rf"\b({P})[- ](?:de\s+l{AP}année\s+|d{AP}année\s+)?{Y}\b", re.I)),
            ("season", re.compile(rf"(?:\b(?:au|en|cet|cette|ce)\s+|\bl{AP})({S})(?:\s+(?:de\s+)?{Y})?\b", re.I)),
            ("decade", re.compile(rf"\bannées\s+(\d{{2,4}})\b", re.I)),
            ("month", re.compile(rf"\b(?:en|au mois de|courant|durant|pendant|dès|mois de)\s+({M})\b(?:\s+(?:de\s+l{AP}année\s+)?{Y})?", re.I)),
            ("month_year", re.compile(rf"\b({M})\s+{Y}\b", re.I)),
            ("month_last", re.compile(rf"\b({M})\s+dernier\b", re.I)),
            ("year", re.compile(rf"\b(?:en|de\s+l{AP}année|l{AP}année|l{AP}an|courant|pour|durant|pendant|d{AP}ici\s+à|dès|jusqu{AP}en|au cours de\s+l{AP}année)\s+{Y}\b", re.I)),
        ]
        self.relative: list[tuple[str, re.Pattern]] = []
        for key in ("same_time", "same_year", "same_month", "last_month", "this_month", "last_year", "this_year", "next_year", "this_week", "last_week", "yesterday", "today"):
            alt = "|".join(phrase_pattern(p) for p in t.get(key, []))
            if alt:
                self.relative.append((key, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)))
        self.weekdays = {fold(w): i for i, w in enumerate(t.get("weekdays", []))}
        if self.weekdays:
            self.relative.append(("weekday", re.compile(rf"\b({_alt(t['weekdays'])})\b(?!\s+\d)", re.I)))
        self.since_words = re.compile(rf"^(?:{since})", re.I)
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
        for key, pattern in self.relative:
            for m in pattern.finditer(text):
                if free(m.start(), m.end()):
                    rel = key
                    if key == "weekday":
                        rel = f"weekday:{self.weekdays[fold(m.group(1))]}"
                    found.append(TimeExpr(m.start(), m.end(), "relative", relative=rel, text=m.group(0)))
        return sorted(found, key=lambda x: x.start)

    def _year(self, s: str | None) -> int | None:
        if not s:
            return None
        y = int(s)
        return y if 1900 <= y <= 2100 else None

    def _make(self, kind: str, m: re.Match) -> TimeExpr | None:
        g = m.groups()
        s, e, text = m.start(), m.end(), m.group(0)
        if kind == "quarter":
            return TimeExpr(s, e, "quarter", year=self._year(g[1]), number=self.quarters[fold(g[0])], text=text)
        if kind == "half":
            return TimeExpr(s, e, "half", year=self._year(g[1]), number=self.halves.get(fold(g[0]), 1), text=text)
        if kind == "until_start":
            return TimeExpr(s, e, "year", year=self._year(g[0]), mode="until_before", text=text)
        if kind == "since_year_start":
            return TimeExpr(s, e, "year", mode="since", relative="this_year", text=text)
        if kind == "until_end":
            return TimeExpr(s, e, "year", year=self._year(g[0]), mode="until", relative=None if g[0] else "this_year", text=text)
        if kind in ("since", "until"):
            if kind == "since":
                part, day, month, year = g
            else:
                day, month, year = g
                part = None
            if not month and not year:
                return None
            mode = "since" if kind == "since" else ("until_before" if fold(text).startswith("avant") else "until")
            if month and day:
                k = "day"
            elif month:
                k = "part_month" if part else "month"
            else:
                k = "part_year" if part else "year"
            return TimeExpr(s, e, k, year=self._year(year), month=self.months.get(fold(month or "")),
                            day=1 if day and fold(day) == "1er" else (int(day) if day else None),
                            part=self.parts.get(fold(part or "")), mode=mode, text=text)
        if kind == "month_range":
            return TimeExpr(s, e, "month_range", year=self._year(g[2]), month=self.months[fold(g[0])],
                            number=self.months[fold(g[1])], text=text)
        if kind == "day":
            day = 1 if fold(g[0]) == "1er" else int(g[0])
            return TimeExpr(s, e, "day", year=self._year(g[2]), month=self.months[fold(g[1])], day=day, text=text)
        if kind == "part_month":
            return TimeExpr(s, e, "part_month", year=self._year(g[2]), month=self.months[fold(g[1])], part=self.parts[fold(g[0])], text=text)
        if kind == "part_year":
            return TimeExpr(s, e, "part_year", year=self._year(g[1]), part=self.parts[fold(g[0])], text=text)
        if kind == "season":
            this = fold(text).split()[0] in self.demonstratives
            return TimeExpr(s, e, "season", year=self._year(g[1]), part=fold(g[0]),
                            relative="this_year" if this else None, text=text)
        if kind == "decade":
            y = int(g[0])
            y = y + 1900 if y < 100 else y
            return TimeExpr(s, e, "decade", year=y, text=text)
        if kind in ("month", "month_year"):
            return TimeExpr(s, e, "month", year=self._year(g[1]), month=self.months[fold(g[0])], text=text)
        if kind == "month_last":
            return TimeExpr(s, e, "month", month=self.months[fold(g[0])], relative="last", text=text)
        if kind == "year":
            y = self._year(g[0])
            if y is None:
                return None
            mode = "until" if re.match(r"(?i)d.ici|jusqu", text) else ("since" if self.since_words.match(text) else "in")
            return TimeExpr(s, e, "year", year=y, mode=mode, text=text)
        return None


# -- resolution -------------------------------------------------------------------


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _infer_year(month: int, anchor: date | None, last: bool = False) -> int | None:
    """A month without a year: the anchor's year, or the year before if the month is later."""
    if anchor is None:
        return None
    if month > anchor.month or (last and month == anchor.month):
        return anchor.year - 1
    return anchor.year


def resolve(expr: TimeExpr, anchor: date | None, previous: Period | None = None, seasons=None) -> Period | None:
    """The period an expression names, against the article's date (None: cannot tell)."""
    k = expr.kind
    if k == "relative":
        return _relative(expr.relative or "", anchor, previous)
    year = expr.year
    if k in ("month", "part_month", "day", "month_range") and year is None:
        year = _infer_year(expr.number if k == "month_range" else expr.month, anchor, last=expr.relative == "last")
    elif k == "season" and year is None and anchor is not None:
        # "à l'automne": the latest such season begun before the article's date; "cet été": this year's
        first = (seasons or {}).get(expr.part, [1, 12])[0]
        this = expr.relative == "this_year"
        year = anchor.year if (first <= anchor.month or this) else anchor.year - 1
    elif year is None and expr.relative == "this_year" and anchor:
        year = anchor.year
    if year is None:
        return None
    if k == "day" and expr.month:
        try:
            d = date(year, expr.month, expr.day or 1)
        except ValueError:
            return None
        lo, hi = d, d
    elif k in ("month",):
        lo, hi = date(year, expr.month, 1), _month_end(year, expr.month)
    elif k == "month_range":
        first_year = year if expr.month <= expr.number else year - 1
        lo, hi = date(first_year, expr.month, 1), _month_end(year, expr.number)
    elif k == "part_month":
        last = calendar.monthrange(year, expr.month)[1]
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(expr.part or "", (1, last))
        lo, hi = date(year, expr.month, bounds[0]), date(year, expr.month, bounds[1])
    elif k == "quarter":
        q = expr.number or 1
        lo, hi = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    elif k == "half":
        h = expr.number or 1
        lo, hi = date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    elif k == "part_year":
        lo, hi = {"early": (date(year, 1, 1), date(year, 4, 30)), "mid": (date(year, 5, 1), date(year, 8, 31)),
                  "late": (date(year, 9, 1), date(year, 12, 31))}.get(expr.part or "", (date(year, 1, 1), date(year, 12, 31)))
    elif k == "season":
        first, last = (seasons or {}).get(expr.part, [1, 12])
        lo = date(year if first <= last else year - 1, first, 1) if first > last else date(year, first, 1)
        hi = _month_end(year, last)
    elif k == "decade":
        lo, hi = date(year, 1, 1), date(year + 9, 12, 31)
    else:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
    if expr.mode == "since":
        return lo, None
    if expr.mode == "until_before":
        return None, lo - timedelta(days=1)
    if expr.mode == "until":
        return None, hi
    return lo, hi


def _relative(rel: str, anchor: date | None, previous: Period | None) -> Period | None:
    if rel == "same_time":
        return previous
    if rel == "same_year":
        d = previous[0] or previous[1] if previous else None
        return (date(d.year, 1, 1), date(d.year, 12, 31)) if d else None
    if rel == "same_month":
        if previous and previous[0]:
            d = previous[0]
            return date(d.year, d.month, 1), _month_end(d.year, d.month)
        return None
    if anchor is None:
        return None
    y, m = anchor.year, anchor.month
    if rel == "last_month":
        py, pm = (y - 1, 12) if m == 1 else (y, m - 1)
        return date(py, pm, 1), _month_end(py, pm)
    if rel == "this_month":
        return date(y, m, 1), _month_end(y, m)
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
    if rel.startswith("weekday:"):
        wd = int(rel.split(":")[1])
        d = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        return d, d
    return None


class TimeRef:
    """spaCy component: the time expressions of each figure's sentence, claim's and statement's."""

    def __init__(self, lang: LanguageData, is_speech_verb):
        self.finder = TimeFinder(lang)
        self.is_speech_verb = is_speech_verb

    def __call__(self, doc: Doc) -> Doc:
        exprs = self.finder.find(memo.text(doc))
        doc._.times = exprs
        figures = figures_of(doc)
        for info in figures:
            token = doc[info.token]
            sent = memo.sent_of(token)
            in_sent = [x for x in exprs if sent.start_char <= x.start < sent.end_char]
            # the figure's own stretch of the sentence, between the figures before and after it
            lo = max([f.figure.end for f in figures if f.figure.end <= info.figure.start], default=sent.start_char)
            hi = min([f.figure.start for f in figures if f.figure.start >= info.figure.end], default=sent.end_char)
            claim, statement = [], []
            for x in in_sent:
                (statement if self._dates_statement(doc, x, token, sent) else claim).append(x)
            # nearest first; an expression before the figure in its clause wins ties
            key = lambda x: (not lo <= x.start < hi,
                             abs(x.start - token.idx) if x.start < token.idx else abs(x.start - token.idx) + 5)
            info.times = sorted(claim, key=key)
            info.statement_times = sorted(statement, key=key)
        return doc

    def _dates_statement(self, doc: Doc, expr: TimeExpr, figure: Token, sent) -> bool:
        """True when the expression hangs from a verb of saying outside the figure's clause."""
        verbs = memo.once(doc, ("timeref verbs", sent.start), lambda: [t for t in sent if self.is_speech_verb(t)])
        if not verbs:
            return False  # (the loop below finds nothing either)
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            return False
        key = max(span, key=lambda t: t.pos_ in ("NOUN", "NUM", "PROPN"))
        for verb in verbs:
            if not under(figure, verb):
                continue
            clause = next((c for c in verb.children if under(figure, c)), None)
            if under(key, verb) and not (clause is not None and under(key, clause)):
                return True
        return False



def ensure_extensions() -> None:
    if not Doc.has_extension("times"):
        Doc.set_extension("times", default=None)
