"""The records every stage passes along: documents, articles inside them, claims.

Offsets are half-open `[start, end)` indices into `Document.text`, the text exactly as
read. Records are frozen: a stage that changes one makes a new one.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, Literal

DATE_PRECISIONS = ("day", "month", "year", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a precision: 2025-11-04 (day), 2025-11 (month), 2025 (year)."""

    value: date | None
    precision: str = "unknown"

    def iso(self) -> str | None:
        if self.value is None:
            return None
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def parse(cls, text: str | None) -> "PartialDate":
        """ISO dates, full or partial: '2025-11-04', '2025-11', '2025'."""
        if not text:
            return cls(None)
        s = str(text).strip()[:10]
        parts = s.split("-")
        try:
            if len(parts) == 1 and len(s) == 4:
                return cls(date(int(s), 1, 1), "year")
            if len(parts) == 2:
                return cls(date(int(parts[0]), int(parts[1]), 1), "month")
            return cls(date.fromisoformat(s), "day")
        except ValueError:
            raise ValueError(f"not an ISO date: {text!r}") from None


UNKNOWN_DATE = PartialDate(None)


@dataclass(frozen=True, slots=True)
class Article:
    """One article inside a document (a file may hold several, separated by a rule line)."""

    span: Span
    body: tuple[Span, ...]  # the blocks of body text: headline, summary, paragraphs
    title: str | None = None
    date: PartialDate = UNKNOWN_DATE
    publisher: str | None = None
    dropped: tuple[tuple[Span, str], ...] = ()  # furniture and comments, with why


@dataclass(frozen=True, slots=True)
class Document:
    """A text as read, with where it came from; `name` is the claim's `doc`."""

    name: str
    text: str
    origin: str  # the path, URL, or "<stdin>" it was read from
    title: str | None = None
    date: PartialDate = UNKNOWN_DATE
    publisher: str | None = None
    url: str | None = None
    lang: str | None = None
    encoding: str = "utf-8"
    articles: tuple[Article, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Corrected:
    """The mark of a claim a person corrected (see store.corrections): who, when, why, and what
    the tool had said of each field the correction changed; `added`: a claim the tool missed."""

    id: int  # the correction's id (the latest, when several apply)
    by: str
    at: str
    note: str | None = None
    original: tuple[tuple[str, Any], ...] = ()  # (field, the tool's value)
    added: bool = False


KINDS = ("total", "increment", "rate", "change", "ratio", "denied")  # the GUIDE's kinds of figure
Kind = Literal["total", "increment", "rate", "change", "ratio", "denied"]
Status = Literal["actual", "planned"]  # the GUIDE's statuses
SpeakerKind = Literal["named", "unnamed", "anaphor", "none"]  # how a sentence names a figure's source
PERS = ("day", "week", "month", "year")  # a rate's unit of time
TIME_UNITS = frozenset({"hour", *PERS})  # the GUIDE's units of durations and ages


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure an article states, with everything known about it (see the GUIDE)."""

    doc: str
    start: int
    end: int
    text: str
    value: float
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    measure: str | None = None
    source: str | None = None
    via: tuple[str, ...] = ()  # relays between the source and the article: ("Yonhap",)
    publisher: str | None = None
    status: str | None = None
    hedged: bool | None = None
    time_start: str | None = None
    time_end: str | None = None
    kind: str = "total"  # total, increment, rate, change, ratio, denied (the GUIDE's)
    per: str | None = None  # a rate's unit of time: day, week, month, year
    concept: str | None = None  # what is counted, as written: "soldats nord-coréens"
    series: str | None = None  # the automatic series key, when no measure selects the claim
    sentence: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    article: int = 0
    why: tuple[str, ...] = ()  # the rules that fired, "component: cue"
    lang: str | None = None
    corrected: Corrected | None = None  # set on reading the ledger, never stored with the claim

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["via"] = list(self.via)
        d["why"] = list(self.why)
        if self.corrected is None:  # what extraction gives keeps its shape (the GUIDE's fields)
            del d["corrected"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        fields = {k: v for k, v in d.items() if k in cls.__dataclass_fields__ and k not in NOT_STORED}
        fields["via"] = tuple(fields.get("via") or ())
        fields["why"] = tuple(fields.get("why") or ())
        return cls(**fields)


def claim_ids(claims: list[Claim]) -> list[str]:
    """'<doc>#<n>', n counting a document's claims from 1 in the order given: the stored ordinal
    for claims as the ledger gives them (by document and ordinal), the extraction's order for
    claims just extracted. The one numbering of claims: exports, reconcile, report and pages."""
    counters: dict[str, int] = {}
    ids = []
    for c in claims:
        counters[c.doc] = counters.get(c.doc, 0) + 1
        ids.append(f"{c.doc}#{counters[c.doc]}")
    return ids


@dataclass(frozen=True, slots=True)
class FieldType:
    """A Claim field as its annotation gives it: the columns of the ledger and of Parquet files are built from these."""

    name: str
    base: str  # int, float, bool or str; a tuple's items are str
    nullable: bool  # `X | None`
    listed: bool  # a tuple: relays, the rules that fired


NOT_STORED = ("corrected",)  # set on reading the ledger (a person's correction), never a column


def claim_fields() -> tuple[FieldType, ...]:
    """The Claim fields stored with a claim, typed."""
    out = []
    for f in fields(Claim):
        if f.name in NOT_STORED:
            continue
        kinds = [k.strip() for k in str(f.type).split("|")]
        base = next(k for k in kinds if k != "None")
        listed = base.startswith("tuple[")
        out.append(FieldType(f.name, "str" if listed else base, "None" in kinds, listed))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Extraction:
    """How a document's claims were made; stored with it, so that a change re-extracts it."""

    pipeline_version: str
    topic_hash: str  # sha256 of the topic file's bytes
    lang: str  # the language whose pipeline read the document

    def reason(self, before: "Extraction") -> str | None:
        """Why a document extracted as `before` is extracted again now ('topic changed',
        'pipeline and language changed'), or None. A value `before` lacks (a document stored
        before claimscope kept it) is a reason only where no recorded one is."""
        pairs = (("pipeline", before.pipeline_version, self.pipeline_version),
                 ("topic", before.topic_hash, self.topic_hash), ("language", before.lang, self.lang))
        changed = [what for what, old, new in pairs if old is not None and old != new]
        if changed:
            return f"{' and '.join(changed)} changed"
        return "extraction not recorded" if any(old is None for _, old, _ in pairs) else None


@dataclass(slots=True)
class Rejection:
    """An input that could not be read, and why."""

    origin: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line else self.origin
        return f"{where}: {self.reason}"
