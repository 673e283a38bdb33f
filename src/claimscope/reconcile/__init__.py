"""Reconcile: copies, origins, series and disagreement rows over the whole ledger.

- **copies**: near-duplicate articles (dedup.py);
- **origins**: two claims are independent only if their source chains and their articles
  are. A claim's origin is its named source; without one, it is the article's own
  authority (its publisher), unless the article copies another that states the same
  figure, in which case it is that claim's origin and the claim is marked as a repeat;
- **series**: per measure (or automatic series), the claims in time order, and per period
  the range the independent origins span;
- **rows**: one per measure, kind of figure and period: who says what, and whether they
  agree, disagree, or one of them revised its figure (rows.py), with the claims behind it.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..records import Claim, Document, claim_ids
from .dedup import Copy, find_copies

# How far a figure may stand from its value, by qualifier: news figures are rounded.
SPREAD = {"exact": (0.98, 1.02), "about": (0.85, 1.15), "nearly": (0.85, 1.0)}


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high


def interval(c: Claim) -> Interval:
    if c.value_high is not None:
        return Interval(c.value, c.value_high)
    if c.qualifier == "at_least":
        return Interval(c.value, math.inf)
    if c.qualifier == "at_most":
        return Interval(0.0, c.value)
    lo, hi = SPREAD.get(c.qualifier, SPREAD["exact"])
    return Interval(c.value * lo, c.value * hi)


@dataclass(slots=True)
class ClaimView:
    id: str
    claim: Claim
    origin: str
    repeat_of: str | None
    interval: Interval
    when: date | None  # the date the claim is placed at: its period, else its article's date
    series: str
    said: date | None = None  # its article's date: the order in which an origin's figures were stated

    @property
    def period(self) -> tuple[date | None, date | None]:
        c = self.claim
        return (date.fromisoformat(c.time_start) if c.time_start else None,
                date.fromisoformat(c.time_end) if c.time_end else None)


@dataclass(slots=True)
class PeriodView:
    label: str
    low: float
    high: float
    conservative: float
    highest: float
    origins: dict[str, list[str]]  # origin -> claim ids


@dataclass(slots=True)
class Series:
    key: str
    label: str
    claims: list[ClaimView]
    periods: list[PeriodView] = field(default_factory=list)

    @property
    def origins(self) -> list[str]:
        return sorted({v.origin for v in self.claims})


@dataclass(slots=True)
class Reconciliation:
    copies: list[Copy]
    views: dict[str, ClaimView]
    series: dict[str, Series]
    rows: list  # rows.Row, ranked: the biggest spread, the most origins, the latest first


def reconcile(documents: list[Document], claims: list[Claim], topic=None) -> Reconciliation:
    from .rows import build_rows
    from .series import build_series

    # numbered in the order given (the ledger's ordinals), then read in text order
    numbered = sorted(zip(claim_ids(claims), claims, strict=True), key=lambda p: (p[1].doc, p[1].start))
    ids, claims = [cid for cid, _ in numbered], [c for _, c in numbered]
    copies = find_copies(documents, claims)
    docs = {d.name: d for d in documents}
    views = _views(docs, claims, copies, ids)
    series = build_series(views, topic)
    rows = build_rows(views, {k: s.label for k, s in series.items()})
    return Reconciliation(copies, views, series, rows)


def _views(docs: dict[str, Document], claims: list[Claim], copies: list[Copy], ids: list[str]) -> dict[str, ClaimView]:
    copied = {c.key: c for c in copies}
    by_article: dict[tuple[str, int], list[tuple[str, Claim]]] = defaultdict(list)
    for cid, c in zip(ids, claims, strict=False):
        by_article[(c.doc, c.article)].append((cid, c))
    views: dict[str, ClaimView] = {}

    def origin_of(cid: str, c: Claim, depth: int = 0) -> tuple[str, str | None]:
        if c.source:
            return c.source, None
        copy = copied.get((c.doc, c.article))
        if copy and depth < 5:
            for oid, oc in by_article.get((copy.original, copy.original_article), []):
                if oc.value == c.value and oc.value_high == c.value_high and oc.unit == c.unit:
                    return origin_of(oid, oc, depth + 1)[0], oid
        d = docs.get(c.doc)
        article = d.articles[c.article] if d and c.article < len(d.articles) else None
        publisher = (article.publisher if article else None) or c.publisher or (d.publisher if d else None)
        return f"{publisher or c.doc} (own reporting)", None

    first_said: dict[tuple, str] = {}
    for cid, c in zip(ids, claims, strict=False):
        origin, repeat_of = origin_of(cid, c)
        # the same figure twice in one document (a summary bullet and the body) is one statement
        statement = (c.doc, origin, c.value, c.value_high, c.unit, c.measure)
        if repeat_of is None and statement in first_said:
            repeat_of = first_said[statement]
        first_said.setdefault(statement, cid)
        if c.source and (c.doc, c.article) in copied:
            # a sourced figure the original also states is still a repeat of it
            original = copied[(c.doc, c.article)]
            repeat_of = next((oid for oid, oc in by_article.get((original.original, original.original_article), [])
                              if oc.value == c.value and oc.unit == c.unit), None)
        said = _article_date(docs, c.doc, c.article)
        copy = copied.get((c.doc, c.article))
        # an undated rewrite or repost is no older than its original: its figures stand at least there
        placed = said or (_article_date(docs, copy.original, copy.original_article) if copy else None)
        when = (date.fromisoformat(c.time_end) if c.time_end else None) or \
               (date.fromisoformat(c.time_start) if c.time_start else None) or placed
        key = c.measure if c.measure and c.measure != "other" else f"auto:{c.series or c.unit or 'figure'}"
        views[cid] = ClaimView(cid, c, origin, repeat_of, interval(c), when, key, said)
    return views


def _article_date(docs: dict[str, Document], name: str, article: int) -> date | None:
    d = docs.get(name)
    if d is None:
        return None
    a = d.articles[article] if article < len(d.articles) else None
    return (a.date.value if a else None) or d.date.value
