"""What the pages show, read from the ledger: claim rows, filters, an article cut into
sentences and marks, and the reconciliation (cached until the ledger changes).

Everything here reads through the Ledger API or SQLAlchemy Core with bound parameters:
no SQL is ever built from what a request says.
"""
from __future__ import annotations

import calendar
import re
import threading
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from sqlalchemy import func, select

from ..records import Claim, PartialDate
from ..store import Ledger, schema

STATUSES = ("actual", "planned")
HEDGED = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
# a document's url becomes a link only when it is plainly http(s): no javascript:, data:,
# vbscript:, and no whitespace or control characters a browser would strip before the scheme
SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)


class BadFilter(ValueError):
    """A filter value the page cannot use: shown to the user, answered with 400."""


# a claim's number in its document: ASCII digits only ('²' is a digit to str.isdigit, not to
# int()), and few of them (int() of thousands of digits is slow, then refused)
CLAIM_NUMBER = re.compile(r"[0-9]{1,6}")


def claim_number(value: str) -> int | None:
    """?claim=N -> N, None when not given; BadFilter for anything but 1 to 6 ASCII digits."""
    if not value:
        return None
    if not CLAIM_NUMBER.fullmatch(value):
        raise BadFilter("claim must be a claim's number in its article, 1 to 6 digits")
    return int(value)


def safe_url(url: str | None) -> str | None:
    return url if url and SAFE_URL.fullmatch(url) else None


def doc_url(doc: str) -> str:
    return "/doc/" + quote(doc, safe="")


def claim_url(cid: str) -> str:
    """'<doc>#<n>' -> the article page with claim n's sentence highlighted and in view."""
    doc, _, n = cid.rpartition("#")
    return f"{doc_url(doc)}?claim={n}#claim-{n}"


# -- claims ------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    """A claim with what the pages need beside it: its id, number in its document, sentence."""

    id: str
    n: int
    claim: Claim
    sentence: str
    title: str | None

    def to_dict(self) -> dict:
        d = self.claim.to_dict()
        d.update(id=self.id, n=self.n, sentence=self.sentence, url=claim_url(self.id))
        return d


def numbered(claims: list[Claim]) -> list[tuple[str, int, Claim]]:
    """Claims in (doc, start) order numbered from 1 per document: the ids reconcile gives."""
    out, counters = [], {}
    for c in sorted(claims, key=lambda c: (c.doc, c.start)):
        counters[c.doc] = counters.get(c.doc, 0) + 1
        out.append((f"{c.doc}#{counters[c.doc]}", counters[c.doc], c))
    return out


def _texts(ledger: Ledger) -> dict[str, tuple[str, str | None]]:
    d = schema.documents
    with ledger.engine.connect() as conn:
        return {r.name: (r.text, r.title) for r in conn.execute(select(d.c.name, d.c.text, d.c.title))}


def rows(ledger: Ledger, measure: str | None = None, source: str | None = None) -> list[Row]:
    texts = _texts(ledger)
    out = []
    # numbered over all claims before filtering: a claim's number is its place in its document
    for cid, n, c in numbered(ledger.claims()):
        if measure and c.measure != measure or source and (c.source or "").lower() != source.lower():
            continue
        text, title = texts.get(c.doc, ("", None))
        sentence = c.sentence or (text[c.sentence_start:c.sentence_end] if c.sentence_start is not None else "")
        out.append(Row(cid, n, c, sentence, title))
    return out


@dataclass(slots=True)
class Filters:
    measure: str = ""
    source: str = ""
    status: str = ""
    hedged: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""

    @classmethod
    def parse(cls, params) -> "Filters":
        f = cls(**{k: (params.get(k) or "").strip()[:200] for k in cls.__dataclass_fields__})
        if f.status and f.status not in STATUSES:
            raise BadFilter(f"status must be one of {', '.join(STATUSES)}")
        if f.hedged and f.hedged.lower() not in HEDGED:
            raise BadFilter("hedged must be yes or no")
        _bound(f.date_from, last=False)
        _bound(f.date_to, last=True)
        return f

    def apply(self, ledger: Ledger) -> list[Row]:
        out = rows(ledger, self.measure, self.source)
        if self.status:
            out = [r for r in out if r.claim.status == self.status]
        if self.hedged:
            want = HEDGED[self.hedged.lower()]
            out = [r for r in out if bool(r.claim.hedged) == want]
        lo, hi = _bound(self.date_from, last=False), _bound(self.date_to, last=True)
        if lo or hi:
            out = [r for r in out if _overlaps(r.claim, lo, hi)]
        if self.q:
            needle = self.q.casefold()
            out = [r for r in out if needle in " ".join(
                x for x in (r.claim.text, r.claim.concept, r.sentence, r.claim.source, *r.claim.via) if x).casefold()]
        return out


def _bound(value: str, last: bool) -> str | None:
    """'2025', '2025-06' or '2025-06-30' -> the first (or last) day it covers, ISO."""
    if not value:
        return None
    try:
        p = PartialDate.parse(value)
    except ValueError:
        raise BadFilter(f"not a date: {value!r} (say 2025, 2025-06 or 2025-06-30)") from None
    d = p.value
    if last and p.precision == "year":
        d = date(d.year, 12, 31)
    elif last and p.precision == "month":
        d = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d.isoformat()


def _overlaps(c: Claim, lo: str | None, hi: str | None) -> bool:
    """The claim's period [time_start, time_end] meets [lo, hi]; a claim with no period does not."""
    if not (c.time_start or c.time_end):
        return False
    start, end = (c.time_start or "0000")[:10], (c.time_end or "9999")[:10]
    return (hi is None or start <= hi) and (lo is None or end >= lo)


def choices(ledger: Ledger) -> dict[str, list[str]]:
    """The values the filter form offers: every measure and source in the ledger."""
    c = schema.claims
    with ledger.engine.connect() as conn:
        measures = [r[0] for r in conn.execute(select(c.c.measure).distinct().where(c.c.measure.is_not(None)).order_by(c.c.measure))]
        sources = [r[0] for r in conn.execute(select(c.c.source).distinct().where(c.c.source.is_not(None)).order_by(c.c.source))]
    return {"measures": measures, "sources": sources}


# -- an article, cut for display ------------------------------------------------------------


def cut(text: str, claims: list[tuple[int, Claim]]) -> list[dict]:
    """The text as blocks: plain text, or a claim's sentence holding pieces, some of them a
    claim's figure. Overlapping sentences or figures are resolved left first; a figure that
    crosses a sentence edge is split, and only its first piece carries the claim's anchor.
    """
    sentences, marks = [], []
    for n, c in sorted(claims, key=lambda t: t[1].start):
        if c.sentence_start is not None and c.sentence_end is not None and c.sentence_start < c.sentence_end:
            span = (c.sentence_start, c.sentence_end, n)
            if sentences and sentences[-1][:2] == span[:2]:
                sentences[-1][2].append(n)
            elif not sentences or span[0] >= sentences[-1][1]:
                sentences.append((span[0], span[1], [n]))
        if c.start < c.end and (not marks or c.start >= marks[-1][1]):
            marks.append((c.start, c.end, n))
    cuts = sorted({0, len(text), *(x for s in sentences for x in s[:2]), *(x for m in marks for x in m[:2])})
    blocks: list[dict] = []
    anchored: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        if a >= len(text):
            break
        sentence = next((s for s in sentences if s[0] <= a < s[1]), None)
        mark = next((m[2] for m in marks if m[0] <= a < m[1]), None)
        key = (sentence[0], tuple(sentence[2])) if sentence else None
        if not blocks or blocks[-1]["key"] != key:
            blocks.append({"key": key, "claims": sentence[2] if sentence else [], "pieces": []})
        anchor = mark is not None and mark not in anchored
        if anchor:
            anchored.add(mark)
        blocks[-1]["pieces"].append({"text": text[a:b], "claim": mark, "anchor": anchor})
    return blocks


# -- the reconciliation, cached ------------------------------------------------------------


class Busy(Exception):
    """The reconciliation is still being computed: the page answers 503 with Retry-After."""


class Reconciled:
    """reconcile() over the whole ledger takes a while (near-duplicate search): keep its
    result until the ledger changes, which every write shows as a new run or new counts.

    It is computed in a daemon thread, never under a lock a request waits on without end: a
    request waits at most `wait_s` seconds for it, then is answered Busy. So no request holds
    the server for minutes, and SIGTERM stops it at once (uvicorn waits for open requests, and
    the interpreter does not wait for a daemon thread)."""

    WAIT_S = 10.0

    def __init__(self, ledger: Ledger, topic, wait_s: float | None = None):
        self.ledger, self.topic = ledger, topic
        self.wait_s = self.WAIT_S if wait_s is None else wait_s
        self._lock = threading.Lock()  # held only to read or swap the fields below, never while computing
        self._key = None
        self._value = None
        self._error: tuple | None = None  # (key, exception) of a computation that failed
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    def _fingerprint(self):
        r, d, c, k = schema.runs, schema.documents, schema.claims, schema.corrections
        with self.ledger.engine.connect() as conn:
            last = conn.execute(select(r.c.id, r.c.finished_at).order_by(r.c.id.desc()).limit(1)).first()
            return (tuple(last) if last else None,
                    conn.execute(select(func.count()).select_from(d)).scalar_one(),
                    conn.execute(select(func.count()).select_from(c)).scalar_one(),
                    # a correction made or undone changes what every page shows
                    tuple(conn.execute(select(func.max(k.c.id), func.count(k.c.undone_at))).one()))

    def _compute(self, key, done: threading.Event) -> None:
        from ..reconcile import reconcile

        try:
            docs = [self.ledger.document(d["name"]) for d in self.ledger.documents()]
            value = reconcile(docs, self.ledger.claims(), self.topic)
            with self._lock:
                self._value, self._key, self._error = value, key, None
        except Exception as e:  # shown to the request that waits; the next one tries again
            with self._lock:
                self._error = (key, e)
        finally:
            done.set()

    def get(self):
        deadline = time.monotonic() + self.wait_s
        while True:
            key = self._fingerprint()
            with self._lock:
                if key == self._key:
                    return self._value
                if self._error and self._error[0] == key:
                    error, self._error = self._error[1], None
                    raise error
                if self._thread is None or not self._thread.is_alive():
                    self._done = threading.Event()
                    self._thread = threading.Thread(target=self._compute, args=(key, self._done), daemon=True,
                                                    name="claimscope-reconcile")
                    self._thread.start()
                done = self._done
            left = deadline - time.monotonic()
            if left <= 0 or not done.wait(left):
                raise Busy("the ledger is being reconciled: this page will be ready in a moment, reload it")
