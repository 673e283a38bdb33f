"""Corrections from the article page, the app's only writes: `claimscope serve --allow-edits`.

Three POST routes, each stored as `claimscope correct` stores it (store.corrections):
- /doc/<name>/correct: change a claim's fields, or mark it not a claim (the claim's form);
- /doc/<name>/undo: undo a correction (the claim panel's button, the article's corrections);
- /doc/<name>/add: add a claim the tool missed, a span of the article's text.
Each is accepted only when
- the server was started with --allow-edits (else 403, whatever the request says);
- the form carries this process's CSRF token (an HMAC of a secret drawn at start, so a
  restarted server's old forms are refused too);
- the request comes from this very site: its Origin header, or failing that its Referer, names
  the scheme, host and port it was sent to (a page elsewhere cannot post for the user).
Then the article is shown again at the claim; a user's mistake (a span that is empty or
outside the text, a value that is not a number) is a page saying what to fix, never a 500.
"""
from __future__ import annotations

import getpass
import hmac
import re
import secrets
import threading
from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ..records import KINDS, PERS
from ..store import BadCorrection, Ledger, LedgerError
from ..store.corrections import FIELDS, STATUSES, Correction, anchor, parse_fields
from .data import doc_url, numbered

CHOICES = {"kinds": KINDS, "pers": PERS, "statuses": STATUSES}  # what the forms' lists offer

MAX_FORM = 64 * 1024  # a correction is a few short fields
NUMBER = re.compile(r"[0-9]{1,9}")  # a claim's number, a correction's id, a character offset


class Guard:
    """The CSRF token of this process, and the checks a POST must pass."""

    def __init__(self, allowed: bool, templates=None):
        self.allowed, self.templates = allowed, templates
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


class NotSaved(Exception):
    """Why a correction was not stored: shown on a page with `status`."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


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


def history(ledger: Ledger, doc: str) -> list[tuple[Correction, str]]:
    """The corrections ever made to the document `doc`, oldest first, with their state now."""
    return [(k, state) for k, state in ledger.corrections() if k.doc == doc]


def install(templates, allowed: bool) -> Guard:
    """This process's guard; the templates learn its token (None when edits are off)."""
    guard = Guard(allowed, templates)
    templates.env.globals.update(edit_token=guard.token, edit_choices=CHOICES)
    return guard


def _number(form: dict, key: str, what: str) -> int:
    raw = form.get(key)
    text = raw.strip() if isinstance(raw, str) else ""
    if not NUMBER.fullmatch(text):
        raise NotSaved(f"{what}: not a whole number: {raw!r}" if text else f"{what}: missing")
    return int(text)


def _at(ledger: Ledger, doc: str, span: tuple[int, int] | None) -> str:
    """The article's address, at its claim on `span` when there is one now."""
    url = doc_url(doc)
    for _, n, c in numbered(ledger.claims(doc=doc)) if span else ():
        if (c.start, c.end) == span:
            return f"{url}?claim={n}#claim-{n}"
    return url


def routes(db: str, guard: Guard) -> list[Route]:
    opened: list[Ledger] = []
    lock = threading.Lock()  # one writer opened, whichever correction comes first

    def writer() -> Ledger:
        """The app's own ledger is read-only: this one writes, opened at the first correction."""
        with lock:
            if not opened:
                opened.append(Ledger(db))
            return opened[0]

    def correct(name: str, form: dict, by: str, note: str | None) -> str:
        n = _number(form, "n", "n (the claim's number in the article)")
        ledger = writer()
        claim = ledger.claim(f"{name}#{n}")
        if form.get("action") == "not_a_claim":
            ledger.correct(claim.doc, claim.start, claim.end, "not_a_claim", {}, note, by, original=claim)
        else:
            # a field left empty where the claim has no value is no change (hedged: unknown)
            given = {f: v for f in FIELDS if isinstance(v := form.get(f), str) and (v.strip() or getattr(claim, f) is not None)}
            fields = _changed(claim, parse_fields(given))
            if not fields:
                raise NotSaved("nothing changed: edit a field, or mark it not a claim")
            ledger.correct(claim.doc, claim.start, claim.end, "change", fields, note, by, original=claim)
        return f"{doc_url(name)}?claim={n}#claim-{n}"

    def undo(name: str, form: dict, by: str, note: str | None) -> str:
        number = _number(form, "id", "id (the correction's number)")
        ledger = writer()
        mine = {k.id: k for k, _ in history(ledger, name)}
        if number not in mine:
            raise NotSaved(f"no correction {number} of {name!r} (the article lists its corrections)")
        k = ledger.undo(number, by)
        doc = ledger.document(name)
        return _at(ledger, name, anchor(doc.text, k) if doc else None)

    def add(name: str, form: dict, by: str, note: str | None) -> str:
        ledger = writer()
        doc = ledger.document(name)
        if doc is None:
            raise NotSaved(f"no document named {name!r}", status=404)
        start = _number(form, "start", "from character")
        end = _number(form, "end", "to character")
        if end <= start:
            raise NotSaved(f"an empty span ({start}:{end}): select the figure in the article, "
                           "or give its first character's offset and the one after its last")
        if end > len(doc.text):
            raise NotSaved(f"{start}:{end} is outside the article, whose text is {len(doc.text)} characters long")
        figure = form.get("figure") or ""
        if figure and doc.text[start:end] != figure:
            # the browser counts a CR LF as one character: the selection's text, nearest the offsets, is the figure
            found = [m.start() for m in re.finditer(re.escape(figure), doc.text)]
            if not found:
                raise NotSaved(f"the selection {figure!r} is not in the article's text any more (reload the page)")
            start = min(found, key=lambda i: abs(i - start))
            end = start + len(figure)
        if not doc.text[start:end].strip():
            raise NotSaved(f"the span {start}:{end} holds only spaces: select the figure itself")
        given = {f: v for f in FIELDS if isinstance(v := form.get(f), str) and v.strip()}
        if "value" not in given:
            raise NotSaved("value: give the figure's value, a number (3000, 2.5)")
        ledger.correct(name, start, end, "add", parse_fields(given), note, by)
        return _at(ledger, name, (start, end))

    def endpoint(action):
        async def handle(request: Request):
            name = request.path_params["name"]
            body = await request.body()
            if len(body) > MAX_FORM:
                return _refused(request, name, {}, NotSaved("the form is too large", status=413))
            # the forms are URL-encoded: read here, which needs no multipart parser
            # (anything else has no token, and is refused below)
            form = {}
            if request.headers.get("content-type", "").split(";")[0].strip() == "application/x-www-form-urlencoded":
                form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
            why = guard.refusal(request, form)
            if why:
                return _refused(request, name, form, NotSaved(why, status=403))
            note = (form.get("note") or "").strip()[:2000] or None
            by = (form.get("by") or "").strip()[:128] or _who()
            try:
                # the ledger's work in a thread, as the app's other (sync) routes: the event loop goes on
                url = await run_in_threadpool(action, name, form, by, note)
            except NotSaved as e:
                return _refused(request, name, form, e)
            except (BadCorrection, LookupError) as e:
                return _refused(request, name, form, NotSaved(str(e)))
            except LedgerError as e:
                return _refused(request, name, form, NotSaved(str(e), status=500))
            return RedirectResponse(url, status_code=303)

        return handle

    def _refused(request: Request, name: str, form: dict, e: NotSaved):
        n = form.get("n")
        back = doc_url(name) + (f"?claim={n}#claim-{n}" if isinstance(n, str) and NUMBER.fullmatch(n) else "")
        return guard.templates.TemplateResponse(
            request, "error.html", {"nav": "", "heading": "Not saved", "message": str(e), "back": back},
            status_code=e.status)

    return [Route("/doc/{name:path}/correct", endpoint(correct), methods=["POST"]),
            Route("/doc/{name:path}/undo", endpoint(undo), methods=["POST"]),
            Route("/doc/{name:path}/add", endpoint(add), methods=["POST"])]
