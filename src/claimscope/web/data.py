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
import weakref
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from ..records import KINDS, Claim, PartialDate
from ..store import Ledger
from ..store import numbered as store_numbered
from ..views.search import fold, found

if TYPE_CHECKING:
    from ..reconcile import Reconciliation

STATUSES = ("actual", "planned")
HEDGED = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
# the corrected facet: a person's correction of the tool's claim, a claim a person added, neither
CORRECTED = {"yes": "corrected", "added": "added by hand", "no": "as extracted"}
# a document's url becomes a link only when it is plainly http(s): no javascript:, data:,
# vbscript:, and no whitespace or control characters a browser would strip before the scheme
SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)


class BadFilter(ValueError):
    """A filter value the page cannot use: shown to the user, answered with 400."""


# a claim's number in its document: ASCII digits only ('²' is a digit to str.isdigit, not to
# int()), and few of them (int() of thousands of digits is slow, then refused)
CLAIM_NUMBER = re.compile(r"[0-9]{1,6}")


def page_number(value: str | None, pages: int) -> int:
    """?page=N within 1 to `pages`; 1 when absent, out of range or not 1 to 6 ASCII digits."""
    if value and CLAIM_NUMBER.fullmatch(value) and int(value) >= 1:
        return min(int(value), pages)
    return 1


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
    figure_at: tuple[int, int] | None = None  # the figure's place in `sentence`, when it is found there
    folded: str | None = None  # what search reads, folded once (views.search.fold)

    @property
    def haystack(self) -> str:
        if self.folded is None:
            c = self.claim
            self.folded = fold(" \n".join(x for x in (c.text, c.concept, self.sentence, c.source, self.title, *c.via) if x))
        return self.folded

    def to_dict(self) -> dict:
        d = self.claim.to_dict()
        d.update(id=self.id, n=self.n, sentence=self.sentence, url=claim_url(self.id))
        return d

    @property
    def pieces(self) -> tuple[str, str, str]:
        """The sentence as (before, figure, after), the figure empty when it is not in it."""
        if self.figure_at is None:
            return self.sentence, "", ""
        a, b = self.figure_at
        return self.sentence[:a], self.sentence[a:b], self.sentence[b:]

    @property
    def period(self) -> str:
        return period_of(self.claim)

    @property
    def unattributed(self) -> bool:
        return not self.claim.source

    @property
    def corrected(self) -> str:
        """'yes' (a person corrected the tool's claim), 'added' (a person added it) or 'no'."""
        mark = self.claim.corrected
        return "no" if mark is None else "added" if mark.added else "yes"


def period_of(c: Claim) -> str:
    """A claim's period as the facet lists it: the month it ends in (or starts in), else 'undated'."""
    when = c.time_end or c.time_start
    return when[:7] if when else "undated"


def _figure_at(c: Claim, sentence: str, sentence_start: int | None) -> tuple[int, int] | None:
    if sentence_start is not None and 0 <= c.start - sentence_start and c.end - sentence_start <= len(sentence) \
            and sentence[c.start - sentence_start:c.end - sentence_start] == c.text:
        return c.start - sentence_start, c.end - sentence_start
    i = sentence.find(c.text) if c.text else -1
    return (i, i + len(c.text)) if i >= 0 else None


def numbered(claims: list[Claim]) -> list[tuple[str, int, Claim]]:
    """Claims as the ledger gives them, with their ids (store.numbered) and numbers, in (doc, start) order."""
    out = [(cid, int(cid.rsplit("#", 1)[1]), c) for cid, c in store_numbered(claims)]
    return sorted(out, key=lambda t: (t[2].doc, t[2].start))


_cache: "weakref.WeakKeyDictionary[Ledger, tuple[tuple, list[Row]]]" = weakref.WeakKeyDictionary()  # ledger -> (its fingerprint, every row)
_cache_lock = threading.Lock()


def rows(ledger: Ledger, measure: str | None = None, source: str | None = None) -> list[Row]:
    """Every claim as a Row (kept until the ledger changes), those of `measure` and `source` when given."""
    key = ledger.fingerprint()
    with _cache_lock:
        held = _cache.get(ledger)
    if held is None or held[0] != key:
        held = (key, _rows(ledger))
        with _cache_lock:
            _cache[ledger] = held
    return [r for r in held[1] if not (measure and r.claim.measure != measure
                                       or source and (r.claim.source or "").lower() != source.lower())]


def _rows(ledger: Ledger) -> list[Row]:
    texts = ledger.texts()
    out = []
    # numbered over all claims before filtering: a claim's number is its place in its document
    for cid, n, c in numbered(ledger.claims()):
        text, title = texts.get(c.doc, ("", None))
        stored = text[c.sentence_start:c.sentence_end] if c.sentence_start is not None else None
        sentence = c.sentence or stored or ""
        # the figure's offsets hold in the sentence only when it is the text's own slice
        offset = c.sentence_start if stored is not None and sentence == stored else None
        out.append(Row(cid, n, c, sentence, title, _figure_at(c, sentence, offset)))
    return out


# the claims table's sortable columns: name -> the key a row sorts by (None last either way)
SORTS = {
    "doc": lambda r: (r.claim.doc, r.n),
    "figure": lambda r: r.claim.value,
    "measure": lambda r: r.claim.measure or "",
    "source": lambda r: (r.claim.source or "").casefold(),
    "status": lambda r: r.claim.status or "",
    "kind": lambda r: r.claim.kind,
    "period": lambda r: r.claim.time_end or r.claim.time_start or "",
}
FACETS = ("measure", "source", "period", "status", "hedged", "kind", "corrected")


@dataclass(slots=True)
class Filters:
    measure: str = ""
    source: str = ""
    status: str = ""
    hedged: str = ""
    kind: str = ""
    period: str = ""  # a facet's period: 'YYYY-MM' or 'undated'
    unattributed: str = ""  # '1': only the claims with no named source
    corrected: str = ""  # a key of CORRECTED
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    sort: str = ""
    dir: str = ""

    @classmethod
    def parse(cls, params) -> "Filters":
        f = cls(**{k: (params.get(k) or "").strip()[:200] for k in cls.__dataclass_fields__})
        if f.status and f.status not in STATUSES:
            raise BadFilter(f"status must be one of {', '.join(STATUSES)}")
        if f.hedged and f.hedged.lower() not in HEDGED:
            raise BadFilter("hedged must be yes or no")
        if f.kind and f.kind not in KINDS:
            raise BadFilter(f"kind must be one of {', '.join(KINDS)}")
        if f.period and f.period != "undated" and not re.fullmatch(r"\d{4}-\d{2}", f.period):
            raise BadFilter("period must be a month (2025-03) or undated")
        if f.corrected and f.corrected not in CORRECTED:
            raise BadFilter(f"corrected must be one of {', '.join(CORRECTED)}")
        if f.unattributed and f.unattributed not in ("1", "0"):
            raise BadFilter("unattributed must be 1 (only claims with no named source) or 0")
        if f.sort and f.sort not in SORTS:
            raise BadFilter(f"sort must be one of {', '.join(SORTS)}")
        if f.dir and f.dir not in ("asc", "desc"):
            raise BadFilter("dir must be asc or desc")
        _bound(f.date_from, last=False)
        _bound(f.date_to, last=True)
        return f

    def apply(self, ledger: Ledger) -> list[Row]:
        return self.select(rows(ledger, self.measure, self.source))

    def select(self, out: list[Row], skip: str = "", common: bool = True) -> list[Row]:
        """The rows that pass every filter but `skip` (a facet counts what choosing it would add);
        `common=False`: the rows are already through the filters that are not facets."""
        if common:
            out = self.common(out)
        if self.measure and skip != "measure":
            out = [r for r in out if r.claim.measure == self.measure]
        if self.source and skip != "source":
            out = [r for r in out if (r.claim.source or "").lower() == self.source.lower()]
        if self.status and skip != "status":
            out = [r for r in out if r.claim.status == self.status]
        if self.hedged and skip != "hedged":
            want = HEDGED[self.hedged.lower()]
            out = [r for r in out if bool(r.claim.hedged) == want]
        if self.kind and skip != "kind":
            out = [r for r in out if r.claim.kind == self.kind]
        if self.period and skip != "period":
            out = [r for r in out if r.period == self.period]
        if self.corrected and skip != "corrected":
            out = [r for r in out if r.corrected == self.corrected]
        if self.sort and not skip:
            key = SORTS[self.sort]
            known = [r for r in out if key(r) not in ("", None)]
            known.sort(key=key, reverse=self.dir == "desc")
            out = known + [r for r in out if key(r) in ("", None)]
        return out

    def common(self, out: list[Row]) -> list[Row]:
        """Through the filters that are not facets: search, dates, unattributed."""
        if self.unattributed == "1":
            out = [r for r in out if r.unattributed]
        lo, hi = _bound(self.date_from, last=False), _bound(self.date_to, last=True)
        if lo or hi:
            out = [r for r in out if _overlaps(r.claim, lo, hi)]
        if self.q:
            out = [r for r in out if found(self.q, r.haystack)]
        return out

    def query(self, **changes) -> str:
        """This view's query string with `changes` (a value '' drops the filter; the page resets)."""
        values = {k: getattr(self, k) for k in self.__dataclass_fields__}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v})


def facets(f: Filters, every: list[Row], top: int = 12) -> dict[str, dict]:
    """Per facet, its values (value, label, claims) over the rows every other filter selects,
    the most frequent first, `top` of them plus the one chosen."""
    values = {
        "measure": lambda r: (r.claim.measure or "", r.claim.measure or "(none)"),
        "source": lambda r: (r.claim.source or "", r.claim.source or "(unattributed)"),
        "period": lambda r: (r.period, r.period),
        "status": lambda r: (r.claim.status or "", r.claim.status or "(unknown)"),
        "hedged": lambda r: ("yes", "hedged") if r.claim.hedged else ("no", "not hedged"),
        "kind": lambda r: (r.claim.kind, r.claim.kind),
        "corrected": lambda r: (r.corrected, CORRECTED[r.corrected]),
    }
    out = {}
    every = f.common(every)
    for name in FACETS:
        counts: dict[tuple[str, str], int] = {}
        for r in f.select(every, skip=name, common=False):
            k = values[name](r)
            counts[k] = counts.get(k, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))
        chosen = getattr(f, name)
        shown = ranked[:top] + [kv for kv in ranked[top:] if kv[0][0] == chosen]
        out[name] = {"values": [(v, label, n) for (v, label), n in shown], "more": len(ranked) - len(shown)}
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
        d = date(d.year, 12, 31)  # type: ignore[union-attr]
    elif last and p.precision == "month":
        d = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])  # type: ignore[union-attr]
    return d.isoformat()  # type: ignore[union-attr]


def _overlaps(c: Claim, lo: str | None, hi: str | None) -> bool:
    """The claim's period [time_start, time_end] meets [lo, hi]; a claim with no period does not."""
    if not (c.time_start or c.time_end):
        return False
    start, end = (c.time_start or "0000")[:10], (c.time_end or "9999")[:10]
    return (hi is None or start <= hi) and (lo is None or end >= lo)


def choices(ledger: Ledger) -> dict[str, list[str]]:
    """The values the filter form offers: every measure and source in the ledger."""
    measures, sources = ledger.claim_values("measure"), ledger.claim_values("source")
    return {"measures": measures, "sources": sources}


# -- an article, cut for display ------------------------------------------------------------


def cut(text: str, claims: list[tuple[int, Claim]]) -> list[dict]:
    """The text as blocks: plain text, or a claim's sentence holding pieces, some of them a
    claim's figure. Overlapping sentences or figures are resolved left first; a figure that
    crosses a sentence edge is split, and only its first piece carries the claim's anchor.
    """
    sentences: list = []
    marks: list = []
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
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= len(text):
            break
        sentence = next((s for s in sentences if s[0] <= a < s[1]), None)
        mark = next((m[2] for m in marks if m[0] <= a < m[1]), None)
        key = (sentence[0], tuple(sentence[2])) if sentence else None
        if not blocks or blocks[-1]["key"] != key:
            blocks.append({"key": key, "claims": sentence[2] if sentence else [], "pieces": []})
        anchor = mark is not None and mark not in anchored
        if anchor:
            anchored.add(mark)  # type: ignore[arg-type]
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
        self._value: Reconciliation | None = None
        self._error: tuple | None = None  # (key, exception) of a computation that failed
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    def _fingerprint(self):
        return self.ledger.fingerprint()

    def _compute(self, key, done: threading.Event) -> None:
        from ..reconcile import reconcile

        try:
            docs = [self.ledger.document(d["name"]) for d in self.ledger.documents()]
            value = reconcile(docs, self.ledger.claims(), self.topic)  # type: ignore[arg-type]
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
