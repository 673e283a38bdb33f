"""Dates written in text ("4 novembre 2025", "08.11.2025 16:45", "14/03/2025"), for any language
whose month names the language data lists. Used for document dates and statement dates."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .lang import UPPER, LanguageData, fold
from .records import PartialDate


class DateReader:
    # a year is 19xx or 20xx: "le 22 août, 1377 personnes" is a count after a date, not the year 1377
    def __init__(self, lang: LanguageData):
        self.months = {fold(k): int(v) for k, v in lang.time["months"].items()}
        alt = "|".join(sorted((re.escape(m) for m in self.months), key=len, reverse=True))
        self.day_month_year = re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({alt})\.?,?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
        self.month_day_year = re.compile(rf"\b({alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
        self.numeric = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
        self.iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
        self.month_year = re.compile(rf"\b({alt})\.?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
        # a wire dateline without its year: "SEOUL, Jan 13 (Reuters) -", "SÉOUL, 13 janv. (AFP) -"
        self.dateline = re.compile(
            rf"^\s*[{UPPER}][{UPPER}.'’ -]{{1,40}},\s+(?:(\d{{1,2}})\s+((?i:{alt}))\.?|((?i:{alt}))\.?\s+(\d{{1,2}}))\b(?!,?\s*\d{{4}})")

    def month(self, word: str) -> int | None:
        return self.months.get(fold(word).rstrip("."))

    def find(self, text: str) -> list[tuple[int, int, PartialDate]]:
        """Every full or month-precision date in the text, as (start, end, date)."""
        found: list[tuple[int, int, PartialDate]] = []

        def add(m, y, mo, d, precision):
            try:
                value = date(int(y), int(mo), int(d))
            except ValueError:
                return
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                return
            found.append((m.start(), m.end(), PartialDate(value, precision)))

        for m in self.iso.finditer(text):
            add(m, m.group(1), m.group(2), m.group(3), "day")
        for m in self.numeric.finditer(text):
            year = m.group(3) if len(m.group(3)) == 4 else f"20{m.group(3)}"  # "06/02/25"
            add(m, year, m.group(2), m.group(1), "day")
        for m in self.day_month_year.finditer(text):
            add(m, m.group(3), self.month(m.group(2)), m.group(1), "day")
        for m in self.month_day_year.finditer(text):
            add(m, m.group(3), self.month(m.group(1)), m.group(2), "day")
        for m in self.month_year.finditer(text):
            add(m, m.group(2), self.month(m.group(1)), 1, "month")
        return sorted(found, key=lambda t: t[0])

    def yearless_dateline(self, line: str, text: str) -> PartialDate | None:
        """A dateline's month and day, in the year the text's own dates imply: the latest month it
        names with its year ("October 2024"), or the year after if the dateline's month comes
        earlier in the calendar (a wire of 13 January after "late October 2024"). None when the
        text names no month with a year: a year is never guessed."""
        m = self.dateline.match(line)
        if not m:
            return None
        day = int(m.group(1) or m.group(4))
        month = self.month(m.group(2) or m.group(3))
        latest = max(((d.value.year, d.value.month) for _, _, d in self.find(text) if d.precision in ("day", "month")),  # type: ignore[union-attr]
                     default=None)
        if month is None or latest is None:
            return None
        year = latest[0] if month >= latest[1] else latest[0] + 1
        try:
            return PartialDate(date(year, month, day), "day")
        except ValueError:
            return None

    def first(self, text: str) -> PartialDate | None:
        found = self.find(text)
        return found[0][2] if found else None


@lru_cache(maxsize=None)
def date_reader(code: str) -> DateReader:
    from .lang import load_language

    return DateReader(load_language(code))
