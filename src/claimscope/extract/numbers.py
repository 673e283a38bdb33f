"""Find the figures in a text: numerals, number words, shares, qualifiers and ranges.

This stage reads characters only (no parse), so it is fast and exact about offsets. It
also drops what looks like a number but is not a claim (years, dates, times, ordinals,
designations, calibres, relative dates). What a figure counts is decided later, on the
parse (see `claims.py`).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num

from ..lang import APOSTROPHES, UPPER, LanguageData, fold
from ..records import TIME_UNITS
from .kinds import KindReader

AP = f"[{APOSTROPHES}]"
# a telephone number: a leading 0 or a country code, then two groups or more ("0800 123 456",
# "+33 1 40 00 00 00", "01.45.67.89.10"): no quantity
PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ .-]?(?:\(0\))?\d{1,4}|\(?0\d{1,4}\)?)(?:[ .-]\d{2,4}){2,}(?![\w,]|\.\d)")
LIST_MARKER_AFTER = re.compile(r"[.)]\s")
# a number in words is at most a dozen words ("two hundred and seventy-five thousand three
# hundred and forty-two"): the longest prefix is sought among this many words, not all of them
MAX_NUMBER_WORDS = 24
# figures kept from one text (a block of an article): a real paragraph holds a few dozen; a
# table dump or a pathological text may hold tens of thousands, each costing the parse a token
MAX_FIGURES = 2000
# and at most this many characters of sentence read over all the figures kept: the later
# components read each figure's whole sentence (its clause words, its speaker, its modality),
# so 2,000 figures in one 140 000-character sentence cost minutes and gigabytes. A paragraph of
# normal sentences is thousands of times below it.
MAX_SENTENCE_WORK = 4_000_000
SENTENCE_END = re.compile(r"[.!?;…](?=\s)|\n")
WORD_CHAR = re.compile(r"\w")
# texts whose figures past MAX_FIGURES were dropped since `take_dropped` was last called:
# (the text's first characters, figures dropped); the engine turns them into notices
_dropped: list[tuple[str, int]] = []


def take_dropped() -> list[tuple[str, int]]:
    """The texts whose figures were capped since the last call (MAX_FIGURES, MAX_SENTENCE_WORK),
    and how many each lost."""
    out = list(_dropped)
    _dropped.clear()
    return out


NONSPACE = re.compile(r"\S*")


def _email_parts(token: str) -> tuple[int, int] | None:
    """For `\\S+@\\S+\\.\\w+` in a run of non-spaces: (the last '@' it can use, where it ends), or None.

    The regex backtracks without end on '@' * 5000; this finds its match in linear time. Its
    greedy parts take the last '.' followed by a word character, then an '@' at least two
    characters before that dot (and not first: `\\S+` holds one), then the word characters
    after the dot; a match starting at `p` exists where such an '@' lies after `p`.
    """
    q = len(token)
    while True:
        q = token.rfind(".", 0, q)
        if q < 0:
            return None
        if q + 1 < len(token) and WORD_CHAR.match(token, q + 1):
            break
    last_at = token.rfind("@", 1, q - 1) if q >= 3 else -1  # (a negative bound would count from the end)
    if last_at < 0:
        return None
    end = q + 1
    while end < len(token) and WORD_CHAR.match(token, end):
        end += 1
    return last_at, end


class _Spans:
    """Disjoint sorted intervals [start, end): an overlap test and an insert in log time."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            if self.ends and a < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)  # merge: overlap with the union is overlap with one
            else:
                self.starts.append(a)
                self.ends.append(b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, a) - 1
        if i >= 0 and self.ends[i] > a:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < b

    def holds(self, x: int) -> bool:
        i = bisect_right(self.starts, x) - 1
        return i >= 0 and self.ends[i] > x

    def add(self, a: int, b: int) -> None:
        """Add an interval that overlaps none held."""
        i = bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure in the text: `[start, end)` covers its qualifier and numerals."""

    start: int
    end: int
    num_start: int  # the numerals alone, without the qualifier
    num_end: int
    value: float
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None  # known from the numeral itself: "percent", "usd"
    form: str = "digits"  # digits | words | fraction | approximate | multiplier ("twice", "le double")
    scale: float = 1.0  # the scale word that multiplied it ("2,3 millions": 1e6)


def _joiner(j: str) -> str:
    """A joiner of number words as a regex: ' ' any spaces, ' et ' the word between spaces."""
    if not j.strip():
        return r"\s+"
    if j != j.strip():
        return rf"\s+{re.escape(j.strip())}\s+"
    return re.escape(j)


def _half_prefix(h: str) -> str:
    """'half a' -> 'half\\s+a\\s+', 'demi-' -> 'demi-': the words before a scale word, as a regex."""
    pattern = r"\s+".join(re.escape(w) for w in h.split())
    return pattern if h.endswith("-") else pattern + r"\s+"


TEMPERATURE_UNITS = {"C": "degree celsius", "F": "degree fahrenheit"}


def _times(value: float, scale: float) -> float:
    """'$4.1bn' is 4,100,000,000, not 4,099,999,999.9999995: the product in decimal."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class NumberFinder:
    """The figures of one language; build once, call `find` on many texts."""

    def __init__(self, lang: LanguageData):
        self.lang = lang
        n = lang.numbers
        seps = "".join(re.escape(s) for s in n["thousands"] if s != ".")
        dot_groups = "." in n["thousands"]
        sep = f"(?:[{seps}]" + (r"|\.(?=\d{3}(?!\d))" if dot_groups else "") + ")"
        dec = re.escape(n["decimal"])
        # "11 000", "1.000", "2,3", "2.5" (an English decimal in French text: a dot before 1-2 digits);
        # after a letter too, where `_glued` keeps a currency code ("RM5") and drops a designation ("A320")
        alt_dec = r"|\.\d{1,2}(?!\d)" if dot_groups else ""
        self.digits = re.compile(
            rf"(?<![\d_.,/:])(\d{{1,3}}(?:{sep}\d{{3}})+(?!\d)|\d+)((?:{dec}\d+){alt_dec})?"
        )
        self.scales = {fold(k): float(v) for k, v in n["scales"].items()}
        scale_alt = _alternation(self.scales)
        # "2.5 million", and glued: "£20billion"
        self.scale_after = re.compile(rf"(?:\s*|[-‑])({scale_alt})\b", re.IGNORECASE)  # "a 10.6-billion-euro plan"
        pct_alt = "|".join(lang.phrase_pattern(p) for p in sorted(n["percent"], key=len, reverse=True))
        self.percent_after = re.compile(rf"\s?(?:{pct_alt})(?!\w)", re.IGNORECASE)
        pp = n.get("percentage_points", [])
        self.points_after = re.compile(rf"\s?(?:{'|'.join(lang.phrase_pattern(p) for p in sorted(pp, key=len, reverse=True))})(?![\w%])",
                                       re.IGNORECASE) if pp else None
        # "-4,5 %", "—2,5 %", "(-0,1 pt)": a minus glued to the numerals, after a space, a bracket or nothing
        minus = "".join(re.escape(m) for m in n.get("minus_signs", []))
        self.minus_before = re.compile(rf"(?:^|(?<=[\s(\[:]))[{minus}]$") if minus else None
        # "minus 12 degrees": a word for the sign, whatever the figure counts
        words = n.get("minus_words", [])
        self.minus_word = re.compile(rf"(?:(\w+)\s+)?(?<!\w)(?:{_alternation(words)})\s+$", re.IGNORECASE) if words else None
        self.minus_not_after = frozenset(fold(w) for w in n.get("minus_not_after", []))  # "au moins 12"
        # "-5 °C", "-5C", "12 ºF": a temperature, its sign a value's, not a change's
        self.temperature_after = re.compile(r"(?:[ \u00a0\u202f]?[°º][ \u00a0\u202f]?([CF])|([CF]))(?![^\W\d_])")
        # currency symbols and codes, before or after the numerals ("US$5", "HK$ 2", "5 €",
        # "CHF 40", "12 $US"); a code of letters is a whole word, a symbol may be glued
        self.symbol_units = {fold(s): u for s, u in lang.units_by_symbol.items()}
        sym_alt = "|".join(rf"(?<![^\W\d_]){re.escape(s)}" if s[:1].isalpha() else re.escape(s)
                           for s in sorted(self.symbol_units, key=len, reverse=True))
        self.currency_before = re.compile(rf"(?:{sym_alt})[ \u00a0\u202f]?$", re.IGNORECASE)
        self.currency_after = re.compile(rf"[ \u00a0\u202f]?(?:{sym_alt})(?![^\W\d_])", re.IGNORECASE)
        words = sorted(n["words"], key=len, reverse=True)
        word_alt = _alternation(words)
        joiners = "(?:" + "|".join(_joiner(j) for j in sorted(n["word_joiners"], key=lambda j: not j.strip())) + ")"
        # the word that joins number words ("vingt et un", "two hundred and fifty")
        self.connectors = {fold(j.strip()) for j in n["word_joiners"] if j.strip() not in ("", "-")}
        self.scales_alone = {fold(w) for w in n.get("scale_words_alone", [])}
        self.number_words = re.compile(rf"\b(?:{word_alt})(?:{joiners}(?:{word_alt}))*\b", re.IGNORECASE)
        self.lone_not_numbers = {fold(w) for w in n["lone_words_not_numbers"]}
        # ... unless it counts a noun the language counts ("one hostage", "one UNRWA colleague",
        # "one point") or a qualifier bounds it ("at least one")
        self.unit_words = {fold(k): v for k, v in lang.data.get("units", {}).items()}  # counted nouns -> units
        self.plural_endings = tuple(lang.data["grammar"].get("plural_endings", ()))
        self.hyphen_unit = re.compile(r"[-‑]([a-z]+)(?![\w-])")
        partitive = lang.not_claims.get("referential_partitives", [])
        self.partitive_before = re.compile(
            rf"(?<![\w'’])(?:{'|'.join(lang.phrase_pattern(p) for p in sorted(partitive, key=len, reverse=True))})\s+$",
            re.IGNORECASE) if partitive else None
        self.lone_counts_a_noun = bool(n.get("lone_word_counts_a_noun", False))
        self.elliptic_after = {fold(w) for w in n.get("lone_word_after_count", [])}
        self.elliptic_then = {fold(w) for w in n.get("lone_word_then", [])}
        self.lone_word_fates = {fold(w) for w in n.get("lone_word_fates", [])}
        self.lone_word_not_nouns = {fold(w) for w in n.get("lone_word_not_nouns", [])}
        self.lone_word_other = {fold(w) for w in n.get("lone_word_other", [])}
        time_units = lang.not_claims.get("time_units", [])
        self.lone_time_units = {fold(w) for w in time_units}
        quals = sorted(lang.data.get("qualifiers", {}), key=len, reverse=True)
        self.bound_before = re.compile(rf"(?<![\w-])(?:{'|'.join(lang.phrase_pattern(q) for q in quals)})\s+$",
                                       re.IGNORECASE) if quals else None
        self.word_scales = {fold(k) for k in self.scales}
        approx_alt = _alternation(n["approximate"])
        det_alt = _alternation(n["approximate_determiners"])
        # "une dizaine de milliers de soldats": the collective noun times the scale after it
        links = n.get("approximate_scale_links", [])
        scaled = (rf"(?:\s+(?:{_alternation(links)})\s*({_alternation(self.scales)}))?" if links else "()?")
        self.approximate = re.compile(rf"\b({det_alt})\s+({approx_alt}){scaled}\b", re.IGNORECASE)
        self.approx_values = {fold(k): float(v) for k, v in n["approximate"].items()}
        # "twice as many votes", "more than double the number", "le double des voix": a ratio (GUIDE)
        mult = n.get("multipliers", {})
        self.multiplier_values = {fold(k): float(v) for k, v in mult.items()}
        articles = n.get("multiplier_articles", [])  # French: only after an article ("le double de")
        self.multiplier = re.compile(
            r"(?<![\w'’-])" + (rf"(?:{_alternation(articles)})" if articles else "") + rf"({_alternation(mult)})"
            rf"\s+(?:{_alternation(n['multiplier_next'])})(?![\w'’])", re.IGNORECASE) if mult else None
        frac_alt = _alternation(n["fractions"])
        fdet_alt = _alternation(n["fraction_determiners"])
        self.fraction = re.compile(rf"\b({fdet_alt})[\s-]+({frac_alt})\b", re.IGNORECASE)
        self.fraction_values = {fold(k): float(v) for k, v in n["fractions"].items()}
        self.fraction_mult = {fold(k): int(v) for k, v in n["fraction_determiners"].items()}
        self.ordinal_fractions = {fold(w) for w in n.get("ordinal_fractions", [])}
        self.share_followers = {fold(w) for w in n.get("share_followers", [])}
        # "half a million", "un demi-million": half of a scale word, a count (not a share)
        halves = n.get("half_scales", [])
        big = _alternation(k for k, v in self.scales.items() if v >= 1e6)
        halves_alt = "|".join(_half_prefix(h) for h in sorted(halves, key=len, reverse=True))
        self.half_scale = re.compile(rf"(?<![\w-])(?:{halves_alt})({big})\b", re.IGNORECASE) if halves and big else None
        of_scale = n.get("fraction_of_scale", [])
        self.fraction_of_scale = re.compile(rf"\s+(?:{_alternation(of_scale)})\s+({big})\b", re.IGNORECASE) \
            if of_scale and big else None
        # "deux ans et demi", "un million et demi", "two and a half years": a half more
        and_half = n.get("and_a_half", [])
        half_alt = "|".join(lang.phrase_pattern(h) for h in sorted(and_half, key=len, reverse=True))
        self.half_more = re.compile(rf"(?P<noun>\s+[^\W\d_]+)??\s+(?:{half_alt})(?![\w-])(?:\s+(?P<scale>{big})\b)?",
                                    re.IGNORECASE) if and_half else None
        self.half_more_before = re.compile(rf"(?<![\w-])(?P<n>[^\W_]+)\s+(?:{half_alt})(?:[\s-]+(?P<scale>{big}))?$",
                                           re.IGNORECASE) if and_half else None
        # "two out of 10 adults", "one TGV out of three", "trois Français sur quatre": a share
        # (found from the joining words outward: scanning for number words at every place is slow)
        out_of = n.get("out_of", [])
        small = rf"(?:\d{{1,3}}|{word_alt})"
        self.out_of = re.compile(rf"\s+(?:{'|'.join(lang.phrase_pattern(o) for o in out_of)})\s+(?=\w)",
                                 re.IGNORECASE) if out_of else None
        self.out_of_left = re.compile(rf"(?<![\w.,])(?P<a>{small})(?:\s+[^\W\d_][\w'’-]*)?$", re.IGNORECASE)
        self.out_of_right = re.compile(rf"(?P<b>{small})(?![\w.,]\d|\w)", re.IGNORECASE)
        # "one in five", "roughly one in every 35": the same share, its two numbers side by side,
        # the second counting no time ("one in three days" is a rate)
        tight = n.get("out_of_adjacent", [])
        times = _alternation(time_units or ["\uffff"])
        self.out_of_adjacent = re.compile(
            rf"(?<![\w.,])(?P<a>{small})\s+(?:{'|'.join(lang.phrase_pattern(o) for o in sorted(tight, key=len, reverse=True))})"
            rf"\s+(?P<b>{small})(?![\w.,]\d|\w)(?!\s+(?:{times})\b)", re.IGNORECASE) if tight else None
        # "half of the shells": a share that needs no determiner
        bare = n.get("fractions_without_determiner", [])
        self.bare_fraction = re.compile(rf"\b({_alternation(bare)})\b(?!-)", re.IGNORECASE) if bare else None
        after = lang.data.get("qualifiers_after", {})
        self.after_names = {fold(k): v for k, v in after.items()}
        self.qualifier_after = re.compile(
            rf"\s+({'|'.join(lang.phrase_pattern(q) for q in sorted(after, key=len, reverse=True))})(?!\w)(?!\s*\d)",
            re.IGNORECASE) if after else None
        not_quals = lang.data.get("not_qualifiers", [])
        self.not_qualifiers = re.compile(
            rf"(?<!\w)(?:{'|'.join(lang.phrase_pattern(q) for q in sorted(not_quals, key=len, reverse=True))})\s*$",
            re.IGNORECASE) if not_quals else None
        quals = sorted(lang.qualifiers.items(), key=lambda kv: len(kv[0]), reverse=True)
        self.qualifier_before = [
            (re.compile(rf"(?<!\w)({lang.phrase_pattern(q)})\s*$", re.IGNORECASE), name) for q, name in quals
        ]
        nc = lang.not_claims
        months = _alternation(lang.time["months"])
        self.months = re.compile(rf"\s*(?:{months})\b\.?", re.IGNORECASE)
        self.month_before = re.compile(rf"\b(?:{months})\.?\s*$", re.IGNORECASE)
        self.year_words = {fold(w) for w in nc["year_words"]}
        self.possessive_endings = tuple(fold(w) for w in nc.get("possessive_endings", []))
        self.day_after_month = bool(nc.get("day_after_month", False))
        self.ordinal_after = re.compile(rf"(?:{_alternation(nc['ordinal_suffixes'])})(?![\w])", re.IGNORECASE)  # "2E TOUR"
        # "ce dimanche 11", "on Tuesday 5": a day of the month after its weekday
        self.weekday_before = re.compile(rf"\b(?:{_alternation(lang.time.get('weekdays', []))})\s+$", re.IGNORECASE) \
            if lang.time.get("weekdays") else None
        self.spec_after = re.compile(rf"\s*(?:{_alternation(nc['specification_units'])})\b", re.IGNORECASE)
        # a word ends where a letter cannot follow; an elided "d'" runs into the next word
        measured = [re.escape(w) + ("" if w[-1] in APOSTROPHES else r"(?!\w)")
                    for w in sorted(nc.get("measured_after", []), key=len, reverse=True)]
        self.measured_after = re.compile(rf"\s*(?:{'|'.join(measured)})" if measured else r"(?!)", re.IGNORECASE)
        self.designation_nouns = {fold(w) for w in nc["designation_nouns"]}
        self.calibre_before = {fold(w) for w in (*lang.data["grammar"]["of"], *lang.data["grammar"]["articles"])}
        tu = _alternation(nc["time_units"])
        rel_after = "|".join(lang.phrase_pattern(p) for p in nc["relative_after"])
        # "two or three months later": the first of two numbers joined before their unit
        joined = _alternation(nc.get("relative_alternatives", []))
        other = rf"(?:\s+(?:{joined})\s+[\w’'-]+)?" if joined else ""
        self.relative_after = re.compile(rf"{other}\s+(?:{tu})\b\s+(?:{rel_after})\b", re.IGNORECASE)
        # "il y a deux semaines", "in the past 24 hours": a time unit after the figure ("il y a 492
        # maisons" counts houses)
        hours = _alternation(nc.get("clock_after", []))  # "in the last 24h"
        self.time_unit_after = re.compile(rf"{other}[\s-]*(?:{tu}{'|' + hours if hours else ''})\b", re.IGNORECASE)
        rel_before = "|".join(lang.phrase_pattern(p) for p in nc["relative_before"])
        # "il y a presque un an": a qualifier may stand between
        qualifier = "|".join(lang.phrase_pattern(q) for q, _ in quals)
        self.relative_before = re.compile(rf"(?:{rel_before})\s+(?:(?:{qualifier})\s*)?$" if qualifier
                                          else rf"(?:{rel_before})\s*$", re.IGNORECASE)
        # "in the 12 months to September": a period up to a month, not a figure
        upto = nc.get("period_up_to", [])
        self.period_up_to = re.compile(rf"\s+(?:{tu})\s+(?:{_alternation(upto)})\s+(?:{months})\b",
                                       re.IGNORECASE) if upto else None
        self.clock_after = re.compile(rf"\s?(?:{_alternation(nc['clock_after'])})(?!\w)(?:\s?\d{{2}})?", re.IGNORECASE)
        glued = nc.get("clock_glued", [])
        self.clock_glued = re.compile(rf"(?:{_alternation(glued)})(?!\w)", re.IGNORECASE) if glued else None
        # "le 29 et 30 octobre": a day joined to the next day of a month
        pair = _alternation(nc.get("day_pair_joiners", []))
        self.day_pair_after = re.compile(rf"\s*(?:{pair})\s*\d{{1,2}}(?:{_alternation(nc['ordinal_suffixes'])})?\s+(?:{months})\b",
                                         re.IGNORECASE) if pair else None
        # "this Thursday (29)": a weekday's day of the month in brackets
        days = _alternation(lang.time.get("weekdays", []))
        self.weekday_bracket = re.compile(rf"\b(?:{days})\s*\($", re.IGNORECASE) if days else None
        # "€741m", "$13.6M", "£2bn": a magnitude glued to an amount of money
        self.money_magnitude = {k: float(v) for k, v in n.get("money_magnitudes", {}).items()}
        # "103k jobs": a magnitude glued to any figure
        glued_mag = n.get("glued_magnitudes", {})
        self.glued_magnitude = {k: float(v) for k, v in glued_mag.items()}
        self.magnitudes_before_plural = frozenset(n.get("magnitudes_before_plural", []))
        then = n.get("magnitude_then", [])
        self.magnitude_then = re.compile(rf"\s*(?:[,.;:)]|$)|\s+(?:{_alternation(then)})\b") if then else None
        self.length_words = frozenset(n.get("length_words", []))
        self.glued_magnitude_after = re.compile(rf"({_alternation(glued_mag)})(?![\w])") if glued_mag else None
        # "13.7p" (pence), "325,90 ME" (millions of euros): a unit with its own factor
        scaled = n.get("scaled_units_after", {})
        self.scaled_units = {k: (float(f), str(u)) for k, (f, u) in scaled.items()}
        self.scaled_unit_after = re.compile(
            rf"[ \u00a0\u202f]?({'|'.join(sorted(map(re.escape, scaled), key=len, reverse=True))})(?!\w|\.\w)") if scaled else None
        # "a 50-year-old man": an age glued to its noun, a figure in years
        ages = n.get("age_glued", [])
        self.age_glued = re.compile(rf"(?:{_alternation(ages)})(?![\w-])", re.IGNORECASE) if ages else None
        self.magnitude_after = re.compile(rf"({'|'.join(sorted(map(re.escape, self.money_magnitude), key=len, reverse=True))})(?![\w])") \
            if self.money_magnitude else None
        # "S&P 500", "CAC 40", "iPhone 11": a name that a number completes into a designation
        names = nc.get("designation_names", [])
        self.designation_name = re.compile(rf"(?<![\w&])(?:{_alternation(names)})\s*$") if names else None
        # "221 Baker Street", "12 rue de la Paix": the number of a street address
        streets = nc.get("address_after", [])
        self.address_after = re.compile(
            rf"\s+(?:(?:bis|ter)\s+)?(?:[{UPPER}][\w'’.-]*\s+){{0,3}}(?:{_alternation(streets)})(?![\w])") if streets else None
        self.clock_before = re.compile(rf"\b(?:{_alternation(nc['clock_before'])})\s*$", re.IGNORECASE)
        self.referential = {fold(w) for w in nc["referential_determiners"]}
        r = lang.ranges
        self.range_open = re.compile(rf"\b(?:{_alternation(r['open'])})\s+$", re.IGNORECASE)
        bounds = r.get("open_joiner_bounds", [])
        bound = rf"(?:(?:{_alternation(bounds)})\s+)?" if bounds else ""
        self.range_open_joiner = re.compile(rf"^\s+(?:{_alternation(r['open_joiner'])})\s+{bound}$", re.IGNORECASE)
        self.range_joiner = re.compile(rf"^\s*(?:{_alternation(r['joiners'])})\s*$", re.IGNORECASE)
        # "fell 2.84pc or 13.7p to 468.4p", "up 3 to 5": after a change word, "X to Y" is the change
        # and the level it reached, two figures (a dash still joins a range)
        self.kinds = KindReader(lang)
        # spans where digits are not figures: dates and times written with digits, URLs, e-mails
        self.blocked = re.compile(
            r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"  # 08.11.2025, 14/03/2025
            r"|\b\d{4}-\d{2}-\d{2}\b"  # ISO dates
            r"|\b(?:19|20)\d{2}[-–/]\d{2}\b(?![-–/]\d)"  # a fiscal or school year: 2024-25, 2013/14
            r"|\b\d{1,2}[:h]\d{2}\b"  # 16:45, 09h12
            r"|\b\d{1,2}/\d{1,2}\b"  # 05/11
            r"|(?:https?://|www\.)\S+"  # e-mails (\S+@\S+\.\w+): see _blocked_spans
        )

    def _blocked_spans(self, text: str) -> _Spans:
        """Dates, times, URLs and e-mails, as `blocked | \\S+@\\S+\\.\\w+` would find them, without
        its backtracking: no match crosses a space, so the e-mails are sought a token at a time."""
        spans = [(m.start(), m.end()) for m in self.blocked.finditer(text)]
        redo = []  # (token start, token end, the token's spans with its e-mail)
        at = text.find("@")
        while at >= 0:
            t0 = at
            while t0 > 0 and not text[t0 - 1].isspace():
                t0 -= 1
            t1 = NONSPACE.match(text, at).end()  # type: ignore[union-attr]  # `\S*` always matches
            found = self._token_spans(text, t0, t1)
            if found is not None:
                redo.append((t0, t1, found))
            at = text.find("@", t1)
        if redo:
            tokens = _Spans((a, b) for a, b, _ in redo)
            spans = [s for s in spans if not tokens.holds(s[0])] + [s for *_, f in redo for s in f]
        return _Spans(spans)

    def _token_spans(self, text: str, t0: int, t1: int) -> list[tuple[int, int]] | None:
        """The spans of the token [t0, t1) where the e-mail alternative matches in it, else None.

        The scan the alternation makes: at each position the other patterns first, then the e-mail."""
        parts = _email_parts(text[t0:t1])
        if parts is None:
            return None
        last_at, end = t0 + parts[0], t0 + parts[1]
        out, cursor = [], t0
        while cursor < t1:
            m = self.blocked.search(text, cursor, t1)
            if m is None or m.start() > cursor:
                if cursor >= last_at:
                    return None  # no e-mail from here on: the other patterns' spans stand
                out.append((cursor, end))
                out.extend(m.span() for m in self.blocked.finditer(text, end, t1))
                return out
            out.append(m.span())
            cursor = m.end()
        return None

    # -- atoms ---------------------------------------------------------------

    def _digit_value(self, integer: str, decimals: str | None) -> float:
        digits = re.sub(r"\D", "", integer)
        if decimals:
            return float(f"{digits}.{decimals[1:]}")
        return float(digits)

    def _digit_atoms(self, text: str, blocked: _Spans):
        for m in self.digits.finditer(text):
            s, e = m.start(), m.end()
            if blocked.holds(s):
                continue
            integer, decimals = m.group(1), m.group(2)
            if len(re.sub(r"\D", "", integer)) > 12:
                continue  # phone numbers, identifiers
            age = self.age_glued.match(text, e) if self.age_glued else None
            if age and (decimals or (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-‑"))):
                age = None
            if age is None and self._glued(text, s, e):
                continue
            value = self._digit_value(integer, decimals)
            if age:
                yield Figure(s, age.end(), s, e, value, unit="year", form="digits")
                continue
            if self._not_a_claim(text, s, e, integer, decimals, value):
                continue
            unit, scale = None, 1.0
            mm = self.magnitude_after.match(text, e) if self.magnitude_after else None
            if mm is None and self.magnitude_after and text[e:e + 1] in " \u00a0\u202f":
                # "1,2 Md€", "3 M€": a spaced magnitude only where a currency is glued to it
                spaced = self.magnitude_after.match(text, e + 1)
                glued = self.currency_after.match(text, spaced.end()) if spaced else None
                mm = spaced if glued and not glued.group(0)[:1].isspace() else None
            cur_before = self._currency_before(text, s)
            money = cur_before is not None or (mm and self.currency_after.match(text, mm.end()) is not None)
            sm = self.scale_after.match(text, e)
            gm = self.glued_magnitude_after.match(text, e) if self.glued_magnitude_after and not (mm and money) else None
            su = self.scaled_unit_after.match(text, e) if self.scaled_unit_after and not cur_before else None
            if su:
                factor, unit = self.scaled_units[su.group(1)]
                yield Figure(s, su.end(), s, su.end(), round(value * factor, 12), unit=unit, form="digits", scale=factor)
                continue
            if mm and money:
                scale = self.money_magnitude[mm.group(1)]
                value = _times(value, scale)
                e = mm.end()
            elif sm:
                scale = self.scales[fold(sm.group(1))]
                value = _times(value, scale)
                e = sm.end()
            elif gm:
                scale = self.glued_magnitude[gm.group(1)]
                value = _times(value, scale)
                e = gm.end()
            elif mm and mm.group(1) in self.magnitudes_before_plural and (
                    self._plural_noun_at(text, mm.end()) or self._magnitude_then(text, s, mm.end())):
                # "nearly 5m offences": a money magnitude before a plural noun counts it ("35m deep" stays)
                scale = self.money_magnitude[mm.group(1)]
                value = _times(value, scale)
                e = mm.end()
            pm = self.percent_after.match(text, e)
            hu = self.hyphen_unit.match(text, e) if not pm else None
            if hu and fold(hu.group(1)) in self.unit_words:
                # "12-hour shifts", "a 12-point lead", "a 10.6-billion-euro plan": the compound's noun
                e, unit = hu.end(), self.unit_words[fold(hu.group(1))]
            elif pm:
                e, unit = pm.end(), "percent"
            elif self.points_after and (pt := self.points_after.match(text, e)):
                e, unit = pt.end(), "percentage point"
            tm = None if cur_before or unit else self.temperature_after.match(text, e)
            if tm:
                e, unit = tm.end(), TEMPERATURE_UNITS[tm.group(1) or tm.group(2)]
            ca = None if cur_before or unit else self.currency_after.match(text, e)
            if cur_before:
                s, unit = cur_before
            elif ca:
                unit, e = self.symbol_units[fold(ca.group(0).strip())], ca.end()
            if (unit and self._minus(text, s)) or self._minus_word(text, s):
                value = -value  # the sign stays out of the span, as a '+' does: the kind reads it there
            yield Figure(s, e, s, e, value, unit=unit, form="digits", scale=scale)

    def _minus_word(self, text: str, s: int) -> bool:
        """'minus 12 degrees', 'moins 12 degrés' (not 'au moins 12'): a word for the sign."""
        m = self.minus_word.search(text, max(0, s - 24), s) if self.minus_word else None
        return m is not None and fold(m.group(1) or "") not in self.minus_not_after

    def _minus(self, text: str, s: int) -> bool:
        """A minus sign glued before the figure that starts at `s` ("-4,5 %", "(−0,1 pt)")."""
        return bool(self.minus_before and s > 0 and self.minus_before.search(text, max(0, s - 2), s))

    def _currency_before(self, text: str, s: int) -> tuple[int, str] | None:
        """(where the currency starts, its unit) when one stands right before the numerals."""
        m = self.currency_before.search(text, max(0, s - 6), s) if s > 0 else None
        if m is None:
            return None
        return m.start(), self.symbol_units[fold(m.group(0).strip())]

    def _glued(self, text: str, s: int, e: int) -> bool:
        """Designations and codes: 'KN-23', 'M1989', 'Su-27', '3M14'; not 'RM5', 'CHF40'."""
        before = text[s - 1] if s > 0 else " "
        if before.isalpha():
            return self._currency_before(text, s) is None
        if before in "-‑" and s > 1 and text[s - 2].isalnum() and not text[s - 2].isdigit():
            return True
        after = text[e] if e < len(text) else " "
        if after in "-‑" and e + 1 < len(text) and text[e + 1].isalpha() and (
                not text[e + 1].islower() or self.spec_after.match(text, e + 1)):
            return True  # '3-D', '9-mm': a code, a calibre; '12-hour shifts', 'a 12-point lead' are counts
        if after.isalpha() and self.magnitude_after and self._currency_before(text, s) \
                and self.magnitude_after.match(text, e):
            return False  # "€741m": an amount, not a code
        return False

    def _prev_word(self, text: str, s: int) -> str:
        m = re.search(rf"([\w{APOSTROPHES}°.]+)\s*$", text[max(0, s - 40):s])
        return fold(m.group(1)) if m else ""

    def _next_word(self, text: str, e: int) -> str:
        m = re.match(r"\s*([\w'’-]+)", text[e:e + 40])
        return m.group(1) if m else ""

    def _not_a_claim(self, text, s, e, integer, decimals, value) -> bool:
        after = text[e:e + 30]
        if LIST_MARKER_AFTER.match(after) and not text[text.rfind("\n", 0, s) + 1:s].strip():
            return True  # "1. North Korea has ...": the number of a list item
        if any(m.start() <= s and e <= m.end() for m in PHONE.finditer(text, max(0, s - 24), min(len(text), e + 24))):
            return True
        if self.ordinal_after.match(after):
            return True
        if self.weekday_before and not decimals and 1 <= value <= 31 and self.weekday_before.search(text, max(0, s - 15), s):
            return True
        spec = self.spec_after.match(after)
        prev = self._prev_word(text, s)
        if spec and not self.measured_after.match(after, spec.end()) and (
                WORD_NEXT.match(after, spec.end()) or prev in self.calibre_before):
            # a calibre: before the noun it describes ("170 mm guns", "(170 mm) guns"), after "de"
            # ("obusiers de 155 mm") or an article ("the 152 mm"); "the total rainfall was 641 mm."
            # is a quantity
            return True
        bare_prev = prev.split("'")[-1].rstrip(".")
        if bare_prev in self.designation_nouns or prev in {"n°", "no.", "nº", "#"}:
            return True
        if self.designation_name and self.designation_name.search(text, max(0, s - 20), s):
            return True
        if self.address_after and not decimals and integer.isdigit() and self.address_after.match(text, e):
            return True
        # a day of the month: "le 6 novembre", "26 avril 2025"
        if not decimals and value <= 31 and self.months.match(after):
            return True
        # "January 13, 2025", "Oct. 8": where the language writes the day after the month
        if self.day_after_month and not decimals and value <= 31 and self.month_before.search(text[max(0, s - 15):s]):
            return True
        bare = not decimals and integer.isdigit()
        if bare and len(integer) == 4 and 1800 <= value <= 2100 and self._is_year(text, s, e, prev):
            return True
        if bare and value <= 24 and self.clock_after.match(after) and self.clock_before.search(text[max(0, s - 12):s]):
            return True
        if bare and value <= 12 and self.clock_glued and self.clock_glued.match(after):
            return True  # "between 3pm and 4pm"
        if bare and value <= 31 and self.day_pair_after and self.day_pair_after.match(after):
            return True
        if bare and value <= 31 and self.weekday_bracket and after.startswith(")") \
                and self.weekday_bracket.search(text[max(0, s - 20):s]):
            return True
        return False

    def _relative_date(self, text: str, f: Figure) -> bool:
        """'six mois plus tôt', 'il y a deux semaines': time, not a claim."""
        return bool(
            self.relative_after.match(text, f.end)
            or (self.relative_before.search(text[max(0, f.start - 40):f.start])
                and (self.time_unit_after.match(text, f.end) or f.unit in TIME_UNITS))  # "in the past 24-hour period"
            or (self.period_up_to and self.period_up_to.match(text, f.end))
        )

    def _is_year(self, text: str, s: int, e: int, prev: str) -> bool:
        if self._currency_before(text, s) or self.currency_after.match(text, e) or self.percent_after.match(text, e):
            return False  # "$2000", "2000 €", "1900 %": an amount, not a year
        if prev.rstrip(",") in self.year_words or self.month_before.search(text[max(0, s - 15):s]):
            return True
        if self.possessive_endings and prev.endswith(self.possessive_endings):
            return True  # "the agency's 2025 report": a count after a possessive is written 2,025
        nxt = self._next_word(text, e)
        # a year is followed by punctuation, a capital, or nothing; a count by what it counts
        return not nxt or not nxt[0].islower() or fold(nxt) in self.year_words

    def _word_atoms(self, text: str):
        for m in self.number_words.finditer(text):
            yield from self._parse_words(text, m.start(), m.end())

    def _parse_words(self, text: str, s: int, e: int):
        phrase = text[s:e]
        tokens = list(re.finditer(r"[^\s-]+", phrase))
        # try the longest prefix that text2num accepts, then carry on after it
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + MAX_NUMBER_WORDS), i, -1):
                sub = phrase[tokens[i].start():tokens[j - 1].end()]
                words = [fold(t.group()) for t in tokens[i:j]]
                if all(w in self.word_scales or w in self.connectors for w in words) and words[0] not in self.scales_alone:
                    continue  # "millions" alone is vague
                if len(words) == 1 and words[0] in self.lone_not_numbers and not self._lone_counts(text, s + tokens[i].start(), s + tokens[j - 1].end()):
                    continue
                if words[0] in self.connectors:
                    continue
                try:
                    value = float(text2num(fold(sub), self.lang.code))
                except (ValueError, KeyError, AttributeError):
                    continue
                a, b = s + tokens[i].start(), s + tokens[j - 1].end()
                hu = self.hyphen_unit.match(text, b)
                if hu and fold(hu.group(1)) in self.unit_words:
                    # "a six-year term", "twelve-hour shifts": the compound's noun, as with digits
                    yield Figure(a, hu.end(), a, hu.end(), value, unit=self.unit_words[fold(hu.group(1))], form="words")
                elif hu or re.search(r"[^\W\d][-‑]$", text[max(0, a - 2):a]):
                    pass  # a word of its own: "les deux-roues", "a two-way race", "l'entre-deux-tours"
                elif not self._referential(text, a, words):
                    yield Figure(a, b, a, b, value, form="words")
                i = j - 1
                break
            i += 1

    def _share(self, part: str, whole: str, start: int, end: int, taken: list[tuple[int, int]]):
        """'two out of 10', 'one in five': a share in percent, where the part is under a whole of
        at most 100 (else they are two counts) and no other share holds the place."""
        a, b = self._small_number(part), self._small_number(whole)
        if a is not None and b is not None and 0 < a < b <= 100 and not any(x <= start < y for x, y in taken):
            taken.append((start, end))
            yield Figure(start, end, start, end, a / b * 100, unit="percent", form="fraction")

    def _magnitude_then(self, text: str, s: int, e: int) -> bool:
        """'51m in 2017-18', '4.5m, up from 3m': a million, unless the sentence speaks of a length."""
        if self.magnitude_then is None or not self.magnitude_then.match(text, e):
            return False
        sentence = self._sentence_before(text, s) + self._sentence_after(text, e)
        return not self.length_words.intersection(re.findall(r"[a-z]+", sentence.lower()))

    def _plural_noun_at(self, text: str, e: int) -> bool:
        """A plural noun ("5m offences"): news counts millions of things far more often than it
        measures plural things in metres ("3m walls")."""
        m = re.match(r"\s+([a-z][a-z'’-]{2,})\b", text[e:e + 40])
        return m is not None and bool(self.plural_endings) and fold(m.group(1)).endswith(self.plural_endings)

    def _lone_counts(self, text: str, s: int, e: int) -> bool:
        """'one' is a count when a qualifier bounds it or a counted noun follows it, a name of
        one capitalised word between ('one UNRWA colleague'); 'one of them', 'one day' are not."""
        if self.bound_before and self.bound_before.search(text, max(0, s - 30), s):
            return True
        if self._elliptic(text, s, e):
            return True
        if self._another_befallen(text, e):
            return True
        m = re.match(r"(?:-|\s+)(?:[A-Z][\w-]*\s+)?([a-z][\w'’]*)", text[e:e + 60]) if self.lone_counts_a_noun else None
        if not m:
            return False
        noun = fold(m.group(1))
        if noun in self.lone_time_units:
            return False  # "one day he would go": a time, not a count
        if noun in self.unit_words or any(noun.endswith(x) and noun[:-len(x)] in self.unit_words
                                          for x in self.plural_endings):
            return True
        # "one colleague was killed": any noun, when what befell it follows ("one of them" is a pronoun's part)
        if noun in self.lone_word_not_nouns:
            return False
        return self._befallen(text, e + m.end(), 3)

    def _another_befallen(self, text: str, e: int) -> bool:
        """'un autre a été tué', 'Une autre personne a disparu': one more, when what befell it follows."""
        nxt = re.match(r"\s+([\w'’]+)", text[e:e + 30])
        return nxt is not None and fold(nxt.group(1)) in self.lone_word_other and self._befallen(text, e + nxt.end(), 4)

    def _befallen(self, text: str, at: int, words: int) -> bool:
        """One of the next `words` words says what befell the counted ("killed", "a disparu")."""
        then = re.match(rf"(?:\s+[\w'’]+){{1,{words}}}", text[at:at + 60])
        return then is not None and any(fold(w) in self.lone_word_fates for w in then.group(0).split())

    def _ordinal_not_share(self, text: str, m: re.Match) -> bool:
        """'a third term', 'a third consecutive term': an ordinal before what it ranks, no share
        ('a third of the votes', 'cut by a third', 'a third more' are shares)."""
        if fold(m.group(2)) not in self.ordinal_fractions:
            return False
        nxt = re.match(r"\s+([a-z][\w-]*)", text[m.end():m.end() + 40])
        return nxt is not None and fold(nxt.group(1)) not in self.share_followers

    def _elliptic(self, text: str, s: int, e: int) -> bool:
        """'two other people died in Castile-la-Mancha and one in Andalusia', 'Quatre otages ont été
        libérés, et un a été sauvé': after 'and', a count the sentence gave before, the noun left out."""
        if not self.elliptic_after or self._prev_word(text, s) not in self.elliptic_after:
            return False
        nxt = re.match(r"\s*([\w'’]+)", text[e:e + 30])
        if nxt is None or fold(nxt.group(1)).rstrip("'’") not in self.elliptic_then:
            return False  # "et une médaille": an article; "and one of them": a pronoun's part
        before = self._sentence_before(text, s)
        return bool(re.search(r"\d", before) or self.number_words.search(before))

    def _referential(self, text: str, s: int, words: list[str]) -> bool:
        """'les deux pays', 'ses trois fils': a determiner makes a small number word a reference."""
        if len(words) != 1:
            return False
        if self._prev_word(text, s) in self.referential:
            return True
        # "l'une des deux parties", "one of the two sides": a part of a set named before
        return bool(self.partitive_before and self.partitive_before.search(text, max(0, s - 30), s))

    def _special_atoms(self, text: str):
        for m in self.approximate.finditer(text):
            v = self.approx_values[fold(m.group(2))] * (self.scales[fold(m.group(3))] if m.group(3) else 1)
            yield Figure(m.start(), m.end(), m.start(), m.end(), v, qualifier="about", form="approximate")
        for m in self.multiplier.finditer(text) if self.multiplier else ():
            v = self.multiplier_values[fold(m.group(1))]
            yield Figure(m.start(1), m.end(1), m.start(1), m.end(1), v, form="multiplier")
        taken = []
        for m in self.half_scale.finditer(text) if self.half_scale else ():
            taken.append((m.start(), m.end()))
            v = self.scales[fold(m.group(1))] / 2
            yield Figure(m.start(), m.end(), m.start(), m.end(), v, form="words", scale=self.scales[fold(m.group(1))])
        for m in self.fraction.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if self._ordinal_not_share(text, m):
                continue
            v = self.fraction_values[fold(m.group(2))] * self.fraction_mult[fold(m.group(1))]
            of = self.fraction_of_scale.match(text, m.end()) if self.fraction_of_scale else None
            if of:  # "a quarter of a million people": a part of the scale, a count
                scale = self.scales[fold(of.group(1))]
                taken.append((m.start(), of.end()))
                yield Figure(m.start(), of.end(), m.start(), of.end(), _times(v / 100, scale), form="words", scale=scale)
                continue
            taken.append((m.start(), m.end()))
            yield Figure(m.start(), m.end(), m.start(), m.end(), v, unit="percent", form="fraction")
        for j in self.out_of.finditer(text) if self.out_of else ():
            left = self.out_of_left.search(text, max(0, j.start() - 40), j.start())
            right = self.out_of_right.match(text, j.end())
            if left is None or right is None:
                continue
            yield from self._share(left.group("a"), right.group("b"), left.start(), right.end(), taken)
        for m in self.out_of_adjacent.finditer(text) if self.out_of_adjacent else ():
            yield from self._share(m.group("a"), m.group("b"), m.start(), m.end(), taken)
        if self.bare_fraction is not None:
            for m in self.bare_fraction.finditer(text):
                if not any(a <= m.start() < b for a, b in taken):
                    v = self.fraction_values[fold(m.group(1))]
                    yield Figure(m.start(), m.end(), m.start(), m.end(), v, unit="percent", form="fraction")

    # -- assembly --------------------------------------------------------------

    def find(self, text: str, limit: int = MAX_FIGURES) -> list[Figure]:
        """The figures of `text`, at most `limit` (the first ones; a note records the rest)."""
        blocked = self._blocked_spans(text)
        atoms = sorted(self._special_atoms(text), key=lambda f: f.start)
        taken = _Spans((f.start, f.end) for f in atoms)
        for f in [*self._digit_atoms(text, blocked), *self._word_atoms(text)]:
            if self._relative_date(text, f):
                continue
            if not taken.overlaps(f.start, f.end):
                atoms.append(f)
                taken.add(f.start, f.end)
        atoms.sort(key=lambda f: f.start)
        atoms = self._apply_word_scales(text, atoms)
        atoms = self._halves_more(text, atoms)
        found = self._ranges(text, atoms)
        keep = self._kept(text, found, limit)
        if keep < len(found):
            _dropped.append((text[:80], len(found) - keep))
            found = found[:keep]
        return [self._qualify(text, f) for f in found]

    @staticmethod
    def _kept(text: str, found: list[Figure], limit: int) -> int:
        """How many of the figures to keep: at most `limit`, and as many as MAX_SENTENCE_WORK
        allows, each costing the length of its sentence (up to a stop, or a line's end)."""
        keep = min(len(found), limit)
        if keep * len(text) <= MAX_SENTENCE_WORK:
            return keep
        ends = [m.end() for m in SENTENCE_END.finditer(text)]
        work = 0
        for i, f in enumerate(found[:keep]):
            k = bisect_right(ends, f.start)
            work += (ends[k] if k < len(ends) else len(text)) - (ends[k - 1] if k else 0)
            if work > MAX_SENTENCE_WORK:
                return i
        return keep

    def _halves_more(self, text: str, atoms: list[Figure]) -> list[Figure]:
        """A half more: 'un million et demi' (1.5e6), 'two and a half' (2.5, the span taking the words),
        'deux ans et demi' (2.5, the noun left after the figure for the counted noun), 'one and a half
        million' ('one' alone is no figure: the half-million's number before it)."""
        if self.half_more is None or self.half_more_before is None:
            return atoms
        out: list[Figure] = []
        end = -1  # the end of the words a figure before took ("and a half")
        for f in atoms:
            if f.start < end:
                continue  # "a half" of "two and a half"
            if f.form == "fraction" or (f.form == "words" and f.value * 2 == f.scale):
                # "one and a half", "one and a half million": 'one' alone is no figure
                before = self.half_more_before.search(text, 0, f.end)
                number = self._small_number(before.group("n")) if before else None
                if before is not None and number is not None:
                    scale = self.scales[fold(before.group("scale"))] if before.group("scale") else 1.0
                    out.append(replace(f, start=before.start(), num_start=before.start(), value=(number + 0.5) * scale,
                                       scale=scale, unit=None, form="words"))
                    continue
            m = self.half_more.match(text, f.end) if f.form in ("digits", "words") and f.unit != "percent" else None
            if m and f.value_high is None:
                scale = f.scale if f.scale > 1 else self._scale_word(text[f.start:f.end])
                if m.group("noun"):  # "deux ans et demi": the noun stays after the figure, for the counted noun
                    if scale == 1 and not m.group("scale"):
                        f = replace(f, value=f.value + 0.5)
                        end = m.end()
                elif m.group("scale"):  # "two and a half million"
                    big = self.scales[fold(m.group("scale"))]
                    f = replace(f, value=(f.value + 0.5) * big, scale=big, end=m.end(), num_end=m.end())
                    end = m.end()
                elif scale > 1 or f.value < 100:  # "un million et demi", "two and a half" (not "2 000 et demi")
                    f = replace(f, value=f.value + 0.5 * scale, end=m.end(), num_end=m.end())
                    end = m.end()
            out.append(f)
        return out

    def _scale_word(self, figure: str) -> float:
        """The scale word a figure ends with ('un million': 1e6), else 1."""
        last = figure.split()[-1] if figure.split() else ""
        return self.scales.get(fold(last), 1.0)

    def _small_number(self, word: str) -> float | None:
        """'one', 'two', '3': the value of one number word or digits, else None."""
        if word.isdigit():
            return float(word)
        try:
            return float(text2num(fold(word), self.lang.code))
        except ValueError:
            return None

    def _apply_word_scales(self, text: str, atoms: list[Figure]) -> list[Figure]:
        """'2,3 millions' is handled with the digits; here 'deux millions' percent signs after words."""
        out = []
        for f in atoms:
            if f.form == "words":
                pm = self.percent_after.match(text, f.end)
                if pm:
                    f = replace(f, end=pm.end(), num_end=pm.end(), unit="percent")
            out.append(f)
        return out

    def _ranges(self, text: str, atoms: list[Figure]) -> list[Figure]:
        out: list[Figure] = []
        i = 0
        while i < len(atoms):
            a = atoms[i]
            # "up 9.4 per cent to $84", "0.2 pts to 4.1%": ends of different units are a change and
            # the level it reached, two figures; "4 to 6 %" shares the high end's unit
            if i + 1 < len(atoms) and a.form == atoms[i + 1].form and a.form in ("digits", "words") \
                    and (a.unit is None or a.unit == atoms[i + 1].unit):
                b = atoms[i + 1]
                between = text[a.end:b.start]
                opened = self.range_open.search(text[max(0, a.start - 12):a.start])
                after_change = (not opened and "".join(between.split()).isalpha()
                                and (self.kinds.change_near(text[max(0, a.start - 60):a.start])
                                     or self.kinds.change_from_to(self._sentence_before(text, a.start))))
                if (opened and self.range_open_joiner.match(between)) or (
                    (self.range_joiner.match(between) or self._unit_repeated(text, between, a, b))
                    and b.value > self._low(a, b) and not after_change
                ):
                    low = self._low(a, b)
                    if low < b.value:
                        start = a.start - len(opened.group(0)) if opened else a.start
                        unit = b.unit or a.unit
                        out.append(Figure(start, b.end, start, b.end, low, b.value, "range", unit, a.form, b.scale))
                        i += 2
                        continue
                if after_change and a.unit is None and b.unit is not None and self.range_joiner.match(between):
                    a = replace(a, unit=b.unit)  # "passé de 4 à 6 %": the level before is a share too
            out.append(a)
            i += 1
        return out

    def _unit_repeated(self, text: str, between: str, a: Figure, b: Figure) -> bool:
        """'20,000 euros to 60,000 euros', '15 years to 30 years': the unit said at both ends."""
        m = re.fullmatch(r"\s*([^\W\d][\w'’-]*)(\s+\S+\s+)", between)
        if m is None or a.unit != b.unit or not self.range_joiner.match(m.group(2)):
            return False
        return re.match(rf"\s+{re.escape(m.group(1))}\b", text[b.end:b.end + 40]) is not None

    @staticmethod
    def _sentence_before(text: str, s: int) -> str:
        """The text of the sentence up to `s` (at most 200 characters)."""
        before = text[max(0, s - 200):s]
        ends = [m.end() for m in SENTENCE_END.finditer(before)]
        return before[ends[-1]:] if ends else before

    @staticmethod
    def _sentence_after(text: str, e: int) -> str:
        """The text of the sentence from `e` (at most 200 characters)."""
        after = text[e:e + 200]
        end = SENTENCE_END.search(after)
        return after[:end.start()] if end else after

    @staticmethod
    def _low(a: Figure, b: Figure) -> float:
        """'entre 4 et 6 millions': the scale of the high end applies to the low one; in words
        ('entre trois et cinq milliards') the high end's value holds its scale: its power of a thousand."""
        if b.scale > 1 and a.scale == 1 and a.value < 1000:
            return a.value * b.scale
        if a.form == b.form == "words" and a.scale == b.scale == 1 and a.value < 1000 <= b.value:
            scale = 1000.0 ** int(math.log10(b.value) // 3)
            if a.value * scale < b.value:
                return a.value * scale
        return a.value

    def _qualify(self, text: str, f: Figure) -> Figure:
        if f.qualifier == "range":
            return f
        if f.qualifier == "exact" and PLUS_AFTER.match(text, f.end):
            return replace(f, end=f.end + 1, qualifier="at_least")  # "60+ deaths": at least 60
        after = self.qualifier_after.match(text, f.end) if self.qualifier_after else None
        if after and f.qualifier == "exact":
            # "un tiers environ", "3,000 or more": a qualifier after the figure
            f = replace(f, end=after.end(), qualifier=self.after_names[fold(after.group(1))])
        window = text[max(0, f.start - 40):f.start]
        if self.not_qualifiers and self.not_qualifiers.search(window):
            return f  # "handed over 148 missiles": a verb's particle, not a qualifier
        for pattern, name in self.qualifier_before:
            m = pattern.search(window)
            if m:
                start = f.start - (len(window) - m.start(1))
                # a bound wins over a collective noun's "about" ("plus d'une centaine", "moins d'un millier")
                bound = f.form == "approximate" and name in ("at_least", "at_most")
                qualifier = name if f.qualifier == "exact" or bound else f.qualifier
                return replace(f, start=start, qualifier=qualifier)
        return f



@lru_cache(maxsize=None)
def finder_for(code: str) -> NumberFinder:
    from ..lang import load_language

    return NumberFinder(load_language(code))


PLUS_AFTER = re.compile(r"\+(?![\d+])")  # a plus glued after a figure, no sum or other figure after it
WORD_NEXT = re.compile(r"\s*\)?\s*[^\W\d]")  # a word next, a closing bracket aside ("(170 mm) guns")


def find_figures(text: str, lang: str) -> list[Figure]:
    return finder_for(lang).find(text)


def parse_number(text: str, lang: str) -> float | None:
    """The value of a text that is one figure and nothing else, else None."""
    found = find_figures(text, lang)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.rstrip()):
        return found[0].value
    return None
