"""CSV that a spreadsheet opens as data: a text cell it would take for a formula is neutralised.

Document ids, publishers and sources come from the articles, so from anyone: `=HYPERLINK(...)`
or `+cmd|' /C calc'!A0` in a CSV cell runs when the file is opened in Excel, LibreOffice or
Google Sheets. A text cell starting with =, +, -, @, tab or carriage return gets a leading
single quote, which the spreadsheet shows as text (OWASP CSV Injection). Numbers stay numbers:
only text is touched, so -300.0 as a value is still a negative number.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose text cells are neutralised (every CSV claimscope writes goes through it)."""

    def __init__(self, out: TextIO):
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
