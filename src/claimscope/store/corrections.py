"""A person's corrections to the claims, kept apart from what extraction stores, and applied
to the claims on every read (Ledger.claims, Ledger.claim_records), so that no face can forget.

A correction is keyed by the document's name and the figure's span, with the figure's text and
the text on both sides of it: when the document's text changes (re-ingested with an inserted
paragraph), the figure is found again by its text and the best-matching context (`anchor`); a
correction whose figure can no longer be found is *orphaned*, listed but not applied. It changes
fields of the claim there ('change'), says that there is no claim there ('not_a_claim'), or adds a
claim the tool missed ('add'). Undoing one marks it undone: the history is kept.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from ..lang import fold, load_language, supported_languages
from ..records import KINDS, PERS, Claim, Corrected, PartialDate

ACTIONS = ("change", "not_a_claim", "add")
CONTEXT = 60  # characters kept on each side of the figure
MIN_MATCH = 0.5  # how alike a candidate's context must be to the stored one (0..1) to be the figure
STATUSES = ("actual", "planned")  # the GUIDE's
# what a correction may set, in the order an analyst reads a claim
FIELDS = ("value", "value_high", "unit", "measure", "source", "time_start", "time_end", "kind", "per", "status",
          "hedged")


class BadCorrection(ValueError):
    """A correction that cannot be made: one line saying why."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One stored correction (a row of the corrections table)."""

    id: int
    doc: str
    start: int
    end: int
    figure: str
    before: str
    after: str
    action: str
    fields: dict
    original: dict | None
    note: str | None
    by: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @classmethod
    def from_row(cls, r) -> Correction:
        return cls(id=r["id"], doc=r["doc"], start=r["start"], end=r["end"], figure=r["figure"], before=r["before"],
                   after=r["after"], action=r["action"], fields=json.loads(r["fields"] or "{}"),
                   original=json.loads(r["original"]) if r["original"] else None, note=r["note"], by=r["by"],
                   at=r["at"], undone_at=r["undone_at"], undone_by=r["undone_by"])

    def changes(self) -> str:
        """What it does, briefly: 'source=South Korea NIS, value=3000', 'not a claim', 'added 3000'."""
        if self.action == "not_a_claim":
            return "not a claim"
        said = ", ".join(f"{k}={_shown(v)}" for k, v in self.fields.items())
        return f"added: {said}" if self.action == "add" else said


def _shown(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "-" if v is None else str(v)


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after [start, end)."""
    return text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]


def parse_fields(given: Mapping[str, str | None]) -> dict:
    """Fields as a user typed them (strings; '' clears a field) -> typed values; BadCorrection
    naming the field and the problem."""
    out: dict = {}
    for name, raw in given.items():
        if raw is None:
            continue
        if name not in FIELDS:
            raise BadCorrection(f"{name}: not a field a correction can set (one of {', '.join(FIELDS)})")
        text = raw.strip()
        if name in ("value", "value_high"):
            if not text and name == "value_high":
                out[name] = None
                continue
            try:
                number = float(text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(",", ""))
            except ValueError:
                raise BadCorrection(f"{name}: not a number: {raw!r}") from None
            if not math.isfinite(number):
                raise BadCorrection(f"{name}: not a finite number: {raw!r}")
            out[name] = number
        elif name in ("time_start", "time_end"):
            try:
                out[name] = _day(PartialDate.parse(text), last=name == "time_end") if text else None
            except ValueError:
                raise BadCorrection(f"{name}: not a date: {raw!r} (say 2025, 2025-06 or 2025-06-30)") from None
        elif name == "hedged":
            flags = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
            if text.lower() not in flags:
                raise BadCorrection(f"hedged: say yes or no, not {raw!r}")
            out[name] = flags[text.lower()]
        elif name in ("kind", "per", "status"):
            allowed = {"kind": KINDS, "per": PERS, "status": STATUSES}[name]
            if text and text not in allowed:
                raise BadCorrection(f"{name}: unknown {name} {raw!r} (one of {', '.join(allowed)})")
            if name == "kind" and not text:
                raise BadCorrection("kind: a claim always has a kind (one of " + ", ".join(KINDS) + ")")
            out[name] = text or None
        else:
            out[name] = text or None
    return out


def _day(p: PartialDate, last: bool) -> str:
    """'2025-06' as a period's first day (2025-06-01) or last day (2025-06-30), as claims hold them."""
    import calendar
    from datetime import date

    d = p.value
    assert d is not None, "a correction's date is a date"
    if p.precision == "year":
        d = date(d.year, 12, 31) if last else date(d.year, 1, 1)
    elif p.precision == "month":
        d = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1] if last else 1)
    return d.isoformat()


# -- finding a correction's figure in the text as it is now -----------------------------------


def anchor(text: str, c: Correction) -> tuple[int, int] | None:
    """Where the correction's figure is in `text`: its stored span when the figure and its
    context are still there, else the occurrence of the figure's text whose context matches
    best (the nearest to the old place on a tie); None (orphaned) when none matches enough."""
    if text[c.start:c.end] == c.figure and context(text, c.start, c.end) == (c.before, c.after):
        return c.start, c.end
    if not c.figure:
        return None
    stored = c.before + "\x00" + c.after
    best, best_key = None, None
    i = text.find(c.figure)
    while i >= 0:
        before, after = context(text, i, i + len(c.figure))
        score = SequenceMatcher(None, stored, before + "\x00" + after, autojunk=False).ratio()
        key = (score, -abs(i - c.start))
        if best_key is None or key > best_key:
            best, best_key = i, key
        i = text.find(c.figure, i + 1)
    if best is None or best_key is None or best_key[0] < MIN_MATCH:
        return None
    return best, best + len(c.figure)


# -- the sentence an added claim's figure is in ---------------------------------------------


@lru_cache(maxsize=1)
def _sentence_marks() -> tuple[str, str, frozenset[str]]:
    """Sentence enders, openers and the abbreviations a full stop does not end a sentence
    after, of every language claimscope reads (a figure added by hand names no language)."""
    enders: set[str] = set()
    openers: set[str] = set()
    abbreviations: set[str] = set()
    for code in supported_languages():
        s = load_language(code).data.get("sentences", {})
        enders.update(s.get("enders", ()))
        openers.update(s.get("openers", ()))
        abbreviations.update(fold(a).rstrip(".") for a in s.get("abbreviations", ()))
    return "".join(sorted(enders)), "".join(sorted(openers)), frozenset(abbreviations)


def _boundaries(text: str, lo: int, hi: int):
    """(where a sentence ends, where the next begins) in text[lo:hi], as extraction cuts
    sentences (extract/sentences.py): a sentence-final mark, closing quotes, spaces, then a
    capital, a digit or an opening quote, the word before the mark no abbreviation."""
    enders, openers, abbreviations = _sentence_marks()
    for m in re.finditer(f"[{re.escape(enders)}]+[\"»”’)]*(\\s+)", text[lo:hi]):
        nxt = text[lo + m.end():lo + m.end() + 1]
        if not (nxt.isupper() or nxt.isdigit() or (nxt and nxt in openers)):
            continue
        word = re.search(r"(\S*?)[.!?…]*$", text[lo:lo + m.start() + 1])
        if m.group(0)[0] == "." and word and fold(word.group(1)).rstrip(".") in abbreviations:
            continue
        yield lo + m.start(1), lo + m.end()


def sentence_of(text: str, span: tuple[int, int], claims: list[Claim]) -> tuple[tuple[int, int], int]:
    """The sentence holding the figure at `span`, and its article: the sentence the tool gave
    a claim of the document when one holds the span (the same cut as the tool's), else the
    sentence around it in its paragraph, cut at its punctuation as extraction cuts it."""
    start, end = span
    for c in claims:
        if c.sentence_start is not None and c.sentence_end is not None and c.sentence_start <= start \
                and end <= c.sentence_end:
            return (c.sentence_start, c.sentence_end), c.article
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    first, last = lo, len(text[:hi].rstrip())
    for ends, begins in _boundaries(text, lo, hi):
        if begins <= start:
            first = begins
        elif ends >= end:
            last = ends
            break
    first += len(text[first:start]) - len(text[first:start].lstrip())
    earlier = [c for c in claims if c.start <= start]
    return (first, max(last, end)), max(earlier, key=lambda c: c.start).article if earlier else 0


@dataclass(slots=True)
class Applied:
    """The claims after corrections, and the state of each correction considered."""

    claims: list[Claim]
    state: dict[int, str]  # correction id -> 'applied' or 'orphaned: why'


def _at(claims: list[Claim], span: tuple[int, int]) -> int | None:
    """The index of the claim at `span`: the same span, else the one overlapping it most."""
    best, overlap = None, 0
    for i, c in enumerate(claims):
        if (c.start, c.end) == span:
            return i
        o = min(c.end, span[1]) - max(c.start, span[0])
        if o > overlap:
            best, overlap = i, o
    return best


def apply(claims: list[Claim], texts: dict[str, str], corrections: list[Correction]) -> Applied:
    """`claims` with the corrections that are not undone applied, in the order they were made;
    `texts`: each corrected document's text as stored now. Claims come back by document, in
    the ledger's order (their stored ordinals); a document a correction added a claim to, in
    text order."""
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    state: dict[int, str] = {}
    for k in sorted((k for k in corrections if not k.undone_at), key=lambda k: k.id):
        text = texts.get(k.doc)
        if text is None:
            state[k.id] = "orphaned: the document is no longer stored"
            continue
        span = anchor(text, k)
        if span is None:
            state[k.id] = "orphaned: the figure is no longer in the text"
            continue
        mine = by_doc.setdefault(k.doc, [])
        i = _at(mine, span)
        if k.action == "add":
            tool = mine.pop(i) if i is not None else None  # the tool now finds it too: the person's version stands
            fields = {**k.fields, "value": k.fields.get("value", 0.0)}
            if tool is not None and tool.sentence_start is not None and tool.sentence_end is not None:
                (s_start, s_end), article = (tool.sentence_start, tool.sentence_end), tool.article
            else:
                (s_start, s_end), article = sentence_of(text, span, mine)
            claim = Claim(doc=k.doc, start=span[0], end=span[1], text=text[span[0]:span[1]],
                          **{f: v for f, v in fields.items() if f in Claim.__dataclass_fields__},
                          sentence=text[s_start:s_end], sentence_start=s_start, sentence_end=s_end,
                          article=article, why=("corrected: added by hand",))
            original = tuple((f, getattr(tool, f)) for f in k.fields) if tool else ()
            mine.append(replace(claim, corrected=Corrected(k.id, k.by, k.at, k.note, original, added=tool is None)))
            state[k.id] = "applied"
            continue
        if i is None:
            state[k.id] = "orphaned: no claim there any more"
            continue
        if k.action == "not_a_claim":
            mine.pop(i)
            state[k.id] = "applied"
            continue
        claim = mine[i]
        mark = claim.corrected
        was: dict = dict(mark.original) if mark else {}
        for f in k.fields:
            was.setdefault(f, getattr(claim, f))
        mine[i] = replace(claim, **k.fields, corrected=Corrected(
            k.id, k.by, k.at, k.note, tuple(was.items()), added=bool(mark and mark.added)))
        state[k.id] = "applied"
    added = {k.doc for k in corrections if k.action == "add" and state.get(k.id) == "applied"}
    out = [c for doc in sorted(by_doc)
           for c in (sorted(by_doc[doc], key=lambda c: (c.start, c.end)) if doc in added else by_doc[doc])]
    return Applied(out, state)
