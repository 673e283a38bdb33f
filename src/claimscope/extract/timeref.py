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
        self.seasons = {fold(k): v for k, v in t["seasons"].items()}
        self.first_day = {fold(w) for w in t.get("first_day", [])}
        self.durations = {fold(k): v for k, v in t.get("duration_units", {}).items()}
        self.number_words = {fold(k): int(v) for k, v in t.get("number_words", {}).items()}
        # longest first: "d'ici à juin" is not "d'ici" followed by something else
        since = "|".join(phrase_pattern(p) for p in sorted(t["since"], key=len, reverse=True))
        until = "|".join(phrase_pattern(p) for p in sorted(t["until"], key=len, reverse=True))
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
        for key in ("same_time", "same_year", "same_month", "last_month", "this_month", "last_year", "this_year", "next_year", "this_week", "last_week", "yesterday", "today"):
            alt = "|".join(phrase_pattern(p) for p in t.get(key, []))
            if alt:
                self.relative.append((key, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)))
        self.weekdays = {fold(w): i for i, w in enumerate(t.get("weekdays", []))}
        if self.weekdays:
            self.relative.append(("weekday", re.compile(rf"\b({_alt(t['weekdays'])})\b(?!\s+\d)", re.I)))
        self.since_words = re.compile(rf"^(?:{since})", re.I)
        self.since_anywhere = re.compile(rf"(?<!\w)(?:{since})(?!\w)", re.I)
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
                if free(m.start(), m.end()):
                    rel = key
                    if key == "weekday":
                        rel = f"weekday:{self.weekdays[fold(m.group(1))]}"
                    found.append(TimeExpr(m.start(), m.end(), "relative", relative=rel, text=m.group(0)))
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
        if kind == "until_end":
            return TimeExpr(s, e, "year", year=year, mode="until", relative=None if g.get("year") else "this_year", text=text)
        if kind in ("since", "until"):
            if not month and not g.get("year"):
                return None
            mode = "since" if kind == "since" else ("until_before" if self._before(text) else "until")
            day = self._day(g.get("day"))
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
        if kind == "day":
            return TimeExpr(s, e, "day", year=year, month=month, day=self._day(g["day"]), text=text)
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
        if kind == "past":
            n = g["n"]
            count = int(n) if n.isdigit() else self.number_words.get(fold(n))
            unit = self.durations.get(fold(g["unit"]))
            if not count or not unit:
                return None
            return TimeExpr(s, e, "relative", number=count, relative=f"past:{unit}:{count}", text=text)
        return None


KINDS = ("quarter", "half", "until_start", "until_end", "since_year_start", "since", "until", "month_range", "day",
         "part_month", "part_year", "season", "decade", "month", "month_last", "year", "past")


# -- resolution -------------------------------------------------------------------


def _season(seasons: dict | None, name: str | None) -> tuple[tuple[int, int], tuple[int, int]]:
    """A season's first and last day as (month, day) pairs, from the language data's "MM-DD"."""
    first, last = (seasons or {}).get(name, ["01-01", "12-31"])
    (fm, fd), (lm, ld) = (int(x) for x in first.split("-")), (int(x) for x in last.split("-"))
    return (fm, fd), (lm, ld)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _infer_year(month: int, anchor: date | None, last: bool = False, ahead: bool = False) -> int | None:
    """A month without a year: the anchor's year, or the year before if the month is later
    (the year after if earlier, for a deadline ahead: "by mid-January" written in December)."""
    if anchor is None:
        return None
    if ahead:
        return anchor.year + 1 if month < anchor.month else anchor.year
    if month > anchor.month or (last and month == anchor.month):
        return anchor.year - 1
    return anchor.year


def resolve(expr: TimeExpr, anchor: date | None, previous: Period | None = None, seasons=None,
            ahead: bool = False) -> Period | None:
    """The period an expression names, against the article's date (None: cannot tell).
    `ahead`: the figure is planned, so a deadline's month is its next coming ("will send 3,000
    by mid-January", written in December), not its last ("had sent 3,000 by mid-January")."""
    k = expr.kind
    if k == "relative":
        return _relative(expr.relative or "", anchor, previous)
    year = expr.year
    if k in ("month", "part_month", "day", "month_range") and year is None:
        year = _infer_year(expr.number if k == "month_range" else expr.month, anchor, last=expr.relative == "last",  # type: ignore[arg-type]
                           ahead=ahead and expr.relative == "next")
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
            d = date(year, expr.month, expr.day or 1)
        except ValueError:
            return None
        lo, hi = d, d
    elif k in ("month",):
        lo, hi = date(year, expr.month, 1), _month_end(year, expr.month)  # type: ignore[arg-type]
    elif k == "month_range":
        first_year = year if expr.month <= expr.number else year - 1  # type: ignore[operator]
        lo, hi = date(first_year, expr.month, 1), _month_end(year, expr.number)  # type: ignore[arg-type]
    elif k == "part_month":
        last = calendar.monthrange(year, expr.month)[1]  # type: ignore[arg-type]
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(expr.part or "", (1, last))
        lo, hi = date(year, expr.month, bounds[0]), date(year, expr.month, bounds[1])  # type: ignore[arg-type]
    elif k == "quarter":
        q = expr.number or 1
        lo, hi = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    elif k == "half":
        h = expr.number or 1
        lo, hi = date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    elif k == "part_year":
        # "early 2025" is its first quarter, "late 2024" its last, as annotators read them
        lo, hi = {"early": (date(year, 1, 1), date(year, 3, 31)), "mid": (date(year, 4, 1), date(year, 9, 30)),
                  "late": (date(year, 10, 1), date(year, 12, 31))}.get(expr.part or "", (date(year, 1, 1), date(year, 12, 31)))
    elif k == "season":
        (fm, fd), (lm, ld) = _season(seasons, expr.part)
        # a season that runs into the next year (winter) is named by the year it begins in
        lo, hi = date(year, fm, fd), date(year + ((lm, ld) < (fm, fd)), lm, ld)
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
    if rel.startswith("past:"):
        # "over the past three months": up to the article's date
        _, unit, n = rel.split(":")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}.get(unit, 30) * int(n)
        return anchor - timedelta(days=days), anchor
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
        # each figure's phrase: the noun it counts ("3,000 reinforcements"), or the figure itself;
        # each expression's words, and the figure phrase above them in the tree, if one is
        phrases = {f.token: _phrase_head(doc[f.token]) for f in figures}
        spans = {x: doc.char_span(x.start, x.end, alignment_mode="expand") for x in exprs}
        owners = {x: _owner(span, phrases) for x, span in spans.items() if span is not None}
        for info in figures:
            inside = next((x for x in exprs if x.start <= info.figure.start and info.figure.end <= x.end), None)
            if inside is not None:  # "in the first half of 2024" names a period, not half of something
                info.keep, info.drop_reason = False, f"part of the period {inside.text!r}"
                continue
            token = doc[info.token]
            sent = memo.sent_of(token)
            in_sent = [x for x in exprs if sent.start_char <= x.start < sent.end_char]
            # the figure's own stretch of the sentence, between the figures before and after it
            lo = max([f.figure.end for f in figures if f.figure.end <= info.figure.start], default=sent.start_char)
            hi = min([f.figure.start for f in figures if f.figure.start >= info.figure.end], default=sent.end_char)
            own_verb = _clause_verb(token)
            mine = phrases[info.token]
            claim: list = []
            statement: list = []
            later = _token_at(doc, hi) if hi < sent.end_char else None
            for x in in_sent:
                if later is not None and x.start >= hi and _clause_verb(later) != own_verb:
                    continue  # "4,700 were killed, and Pyongyang may send 6,000 more later this year": the later figure's
                if _in_related_phrase(doc, spans[x], owners.get(x), mine, phrases):
                    continue  # "15,000, including 11,000 deployed in autumn 2024": the part's period, not the whole's
                (statement if self._dates_statement(doc, x, token, sent) else claim).append(x)

            # nearest first, within the figure's stretch and then its clause ("11,000 were sent in
            # the autumn and 3,000 have arrived since January"); an expression before the figure wins ties
            def key(x, lo=lo, hi=hi, token=token, own_verb=own_verb):
                span = doc.char_span(x.start, x.end, alignment_mode="expand")
                other_clause = span is not None and own_verb is not None and _clause_verb(span.root) != own_verb
                return (not lo <= x.start < hi, other_clause,
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
        before = doc[span.start - 1] if span.start > sent.start else None
        if before is not None and before.i > sent.start and before.pos_ == "ADP":
            before = doc[before.i - 1]  # "said on Thursday"
        if before is not None and before in verbs and is_day(expr):
            return True  # "the spy agency said Thursday, ...": whatever the parse made of the rest
        for verb in verbs:
            if any(c.dep_.startswith(("nsubj", "csubj")) and under(key, c) for c in verb.children):
                continue  # "The MSMT, set up last October, said ...": the subject's own time, not the statement's
            if _verb_between(key, verb):
                continue  # "says 11,000 were sent ... and 3,000 have arrived since January": another reported clause's
            if not under(figure, verb):
                if under(key, verb) and verb.head.i != verb.i and under(figure, verb.head):
                    return True  # ", the agency said on Monday": a verb of saying beside the figure's clause
                continue
            clause = next((c for c in verb.children if under(figure, c)), None)
            if under(key, verb) and not (clause is not None and under(key, clause)):
                return True
        return False



def is_day(expr: TimeExpr) -> bool:
    """A single day: a date, a weekday, yesterday or today."""
    return expr.kind == "day" or (expr.relative or "").startswith(("weekday", "yesterday", "today"))


def _phrase_head(token: Token) -> int:
    return token.head.i if token.dep_ == "nummod" and token.head.i != token.i else token.i


def _in_related_phrase(doc: Doc, span, owner: int | None, mine: int, phrases: dict[int, int]) -> bool:
    """Whether the expression (its words `span`, under the figure phrase `owner`) dates another
    figure's phrase that holds this one or hangs inside it: "around 15,000, including roughly
    11,000 deployed in autumn 2024 and about 3,000 reinforcements in early 2025" gives the total
    neither period and each part only its own. A figure beside the other phrase keeps it: "Sur
    les 15 000 soldats envoyés depuis octobre 2024, 6 000 ont été tués"."""
    if owner is None or owner == mine or span.start <= mine < span.end:
        return False
    if not (under(doc[owner], doc[mine]) or under(doc[mine], doc[owner])):
        return False
    # trusted only when the other figure stands next to the expression: "15,000, including
    # 10,000 sent in spring 2024" parsed with "spring" under the 15,000 dates the 10,000
    for figure in (f for f, p in phrases.items() if p == owner):
        lo, hi = sorted((figure, span.start))
        if not any(lo < other < hi for other in phrases):
            return True
    return False


def _owner(span, phrases: dict[int, int]) -> int | None:
    """The phrase of the nearest figure above the expression's words in the tree, if one is."""
    heads = set(phrases.values())
    t = span.root
    for _ in range(12):
        if t.i in heads and not (span.start <= t.i < span.end):
            return t.i
        if t.head is t:
            return None
        t = t.head
    return None


def _verb_between(token: Token, ancestor: Token) -> bool:
    """Whether a verb stands on the way up from `token` to `ancestor` (one of its heads or not)."""
    t = token
    for _ in range(12):
        if t.i == ancestor.i or t.head.i == t.i:
            return False
        t = t.head
        if t.i != ancestor.i and t.pos_ in ("VERB", "AUX"):
            return True
    return False


def _token_at(doc: Doc, char: int) -> Token:
    """The token at a character offset (a figure's start)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[-1]


def _clause_verb(token: Token) -> int | None:
    """The index of the verb whose clause holds the token (the token itself if it is one)."""
    t = token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX"):
            return t.i
        if t.head is t:
            return None
        t = t.head
    return None


def ensure_extensions() -> None:
    if not Doc.has_extension("times"):
        Doc.set_extension("times", default=None)
