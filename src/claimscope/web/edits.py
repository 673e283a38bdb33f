"""Corrections from the claim's panel, the app's only write: `claimscope serve --allow-edits`.

A correction is a POST to /doc/<name>/correct, accepted only when
- the server was started with --allow-edits (else 403, whatever the request says);
- the form carries this process's CSRF token (an HMAC of a secret drawn at start, so a
  restarted server's old forms are refused too);
- the request comes from this very site: its Origin header, or failing that its Referer, names
  the scheme, host and port it was sent to (a page elsewhere cannot post for the user).
The correction is stored as `claimscope correct` stores it (store.corrections), then the panel
is shown again, where the claim now reads corrected.
"""
from __future__ import annotations

import getpass
import hmac
import secrets
import threading
from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route

from ..records import KINDS, PERS
from ..store import BadCorrection, Ledger, LedgerError
from ..store.corrections import FIELDS, STATUSES, parse_fields
from .data import doc_url

CHOICES = {"kinds": KINDS, "pers": PERS, "statuses": STATUSES}  # what the form's lists offer

MAX_FORM = 64 * 1024  # a correction is a few short fields


class Guard:
    """The CSRF token of this process, and the checks a POST must pass."""

    def __init__(self, allowed: bool):
        self.allowed = allowed
        self._secret = secrets.token_bytes(32)
        self.token = hmac.new(self._secret, b"claimscope-correct", "sha256").hexdigest() if allowed else None

    def refusal(self, request: Request, form) -> str | None:
        """Why this POST is refused, or None."""
        if not self.allowed:
            return "edits are off: start the server with `claimscope serve --allow-edits`"
        here = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
        origin = request.headers.get("origin")
        if origin is None:  # some browsers send no Origin on a same-origin form: the Referer then
            referer = request.headers.get("referer")
            origin = f"{urlsplit(referer).scheme}://{urlsplit(referer).netloc}" if referer else None
        if not origin or origin.lower() != here:
            return "refused: the request does not come from this site"
        sent = form.get("csrf")
        if not isinstance(sent, str) or not self.token or not hmac.compare_digest(sent, self.token):
            return "refused: the form's token is missing or stale (reload the page)"
        return None


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _changed(claim, typed: dict) -> dict:
    """The fields whose submitted value differs from the claim's: the form shows every field."""
    return {k: v for k, v in typed.items() if getattr(claim, k) != v}


def mark_text(mark) -> str | None:
    """A claim's correction mark as the panel shows it: by whom, when, why, what the tool said."""
    if mark is None:
        return None
    said = ", ".join(f"{k}={'—' if v is None else v}" for k, v in mark.original)
    text = f"{'added' if mark.added else 'corrected'} by {mark.by}, {mark.at[:16].replace('T', ' ')}"
    return text + (f": {mark.note}" if mark.note else "") + (f" (the tool said {said})" if said else "")


def install(templates, allowed: bool) -> Guard:
    """This process's guard; the templates learn its token (None when edits are off)."""
    guard = Guard(allowed)
    templates.env.globals.update(edit_token=guard.token, edit_choices=CHOICES)
    return guard


def routes(db: str, guard: Guard) -> list[Route]:
    opened: list[Ledger] = []
    lock = threading.Lock()  # one writer opened, whichever correction comes first

    def writer() -> Ledger:
        """The app's own ledger is read-only: this one writes, opened at the first correction."""
        with lock:
            if not opened:
                opened.append(Ledger(db))
            return opened[0]

    async def correct(request: Request):
        name = request.path_params["name"]
        body = await request.body()
        if len(body) > MAX_FORM:
            return PlainTextResponse("the form is too large", status_code=413)
        # the panel's form is URL-encoded: read here, which needs no multipart parser
        # (anything else has no token, and is refused below)
        form = {}
        if request.headers.get("content-type", "").split(";")[0].strip() == "application/x-www-form-urlencoded":
            form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        why = guard.refusal(request, form)
        if why:
            return PlainTextResponse(why, status_code=403)
        # the ledger's work in a thread, as the app's other (sync) routes: the event loop goes on
        return await run_in_threadpool(store, name, form)

    def store(name: str, form: dict):
        n = form.get("n", "")
        if not (isinstance(n, str) and n.isdigit() and len(n) < 7):
            return PlainTextResponse("n: the claim's number in the article", status_code=400)
        note = (form.get("note") or "").strip()[:2000] or None
        by = (form.get("by") or "").strip()[:128] or _who()
        try:
            ledger = writer()
        except LedgerError as e:
            return PlainTextResponse(str(e), status_code=500)
        try:
            claim = ledger.claim(f"{name}#{n}")
            if form.get("action") == "not_a_claim":
                ledger.correct(claim.doc, claim.start, claim.end, "not_a_claim", {}, note, by, original=claim)
            else:
                # a field left empty where the claim has no value is no change (hedged: unknown)
                given = {f: v for f in FIELDS if isinstance(v := form.get(f), str) and (v.strip() or getattr(claim, f) is not None)}
                fields = _changed(claim, parse_fields(given))
                if not fields:
                    return PlainTextResponse("nothing changed: edit a field, or mark it not a claim", status_code=400)
                ledger.correct(claim.doc, claim.start, claim.end, "change", fields, note, by, original=claim)
        except (BadCorrection, LookupError) as e:
            return PlainTextResponse(str(e), status_code=400)
        except LedgerError as e:
            return PlainTextResponse(str(e), status_code=500)
        return RedirectResponse(f"{doc_url(name)}?claim={n}", status_code=303)

    return [Route("/doc/{name:path}/correct", correct, methods=["POST"])]
