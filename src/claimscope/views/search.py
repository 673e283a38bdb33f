"""Search as a reader means it: accents and case ignored ("choigou" finds "Choïgou"), and a
number found whatever its grouping ("15000" finds "15 000", "15,000", "15 000" and "15.000")."""
from __future__ import annotations

import re
import unicodedata

# a separator between digit groups: space, no-break and narrow no-break spaces, comma, dot, apostrophe
GROUPED = re.compile(r"(?<=\d)[\s\u00a0\u202f,.'’](?=\d{3}(?!\d))")


def fold(text: str) -> str:
    """Lower case, accents removed, digit groups joined: the form both the needle and the
    text are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return GROUPED.sub("", plain)


def matches(needle: str, *texts: str | None) -> bool:
    """Every word of `needle` (folded) is found in one of `texts` (folded); a number only as
    a whole number ("1500" does not find "15,000")."""
    return found(needle, " \n".join(fold(t) for t in texts if t))


def found(needle: str, hay: str) -> bool:
    """`matches` over a text already folded."""
    return all(re.search(rf"(?<!\d){re.escape(word)}(?!\d)", hay) if word.isdigit() else word in hay
               for word in fold(needle).split())
